"""`careerkit models`: list, show and validate competency models."""

from __future__ import annotations

from pathlib import Path

import click

from careerkit.cli.app import App, pass_app
from careerkit.errors import ExitCode
from careerkit.i18n import t


@click.group(help=t("help.models"))
def models() -> None:
    pass


@models.command("list", help=t("help.models.list"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def list_models(app: App, as_json: bool) -> None:
    from careerkit.render import model_view

    entries = app.catalog.entries()
    if as_json:
        app.echo_json([model_view.entry_json(e) for e in entries], "models")
        return
    # a mistyped --models-dir or CAREERKIT_MODELS folder would otherwise go unnoticed
    missing = [str(s.folder) for s in app.catalog.sources if s.label in ("option", "env") and not s.folder.is_dir()]
    model_view.print_list(app.console, entries, app.lang, missing)


@models.command("show", help=t("help.models.show"))
@click.argument("model_id")
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def show_model(app: App, model_id: str, as_json: bool) -> None:
    from careerkit.render import model_view

    loaded = app.model(model_id)
    if as_json:
        app.echo_json(model_view.model_json(loaded), "model-info")
        return
    from careerkit.render.plain import plain_width

    width = plain_width()
    if width is not None:  # a file or a pipe: what rich would print, without its layout engine
        from careerkit.render.model_plain import screen

        lines = screen(loaded, app.lang, width)
        if lines is not None:
            click.echo("\n".join(lines))
            return
    model_view.print_model(app.console, loaded, app.lang)


@models.command("validate", help=t("help.models.validate"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@pass_app
def validate(app: App, paths: tuple[Path, ...]) -> None:
    from careerkit.cli.lookup import model_versions
    from careerkit.model.loader import validate_file_warnings

    files: list[Path] = []
    empty_folders = 0
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:  # say so: "0 files checked" alone does not tell what went wrong
                click.echo(t("models.no_files_in", folder=str(path)), err=True)
                empty_folders += 1
            files += found
        else:
            files.append(path)
    from careerkit.render.terminal import printable

    invalid = problems = 0
    lookup = model_versions(app)
    warnings = []
    for path in files:
        _model, problems_found, warned = validate_file_warnings(path, lookup)
        warnings += warned
        if problems_found:
            invalid += 1
            problems += len(problems_found)
            for problem in problems_found:
                click.echo(printable(str(problem)))  # a problem quotes the file's keys and values
    for warning in warnings:  # after the problems; a warning alone does not fail the file
        click.echo(printable(str(warning)))
    valid = len(files) - invalid
    summary = t("models.validate_summary", files=len(files), valid=valid, invalid=invalid, problems=problems)
    click.echo(summary, err=bool(invalid))
    if invalid or empty_folders or not files:
        raise click.exceptions.Exit(int(ExitCode.BAD_INPUT))
