"""`careerkit export` and `careerkit team import|list|remove|summary`: sharing with a team lead.

Exit codes of `team import`: 0 when at least one file was a valid bundle (imported or
already known), 2 when every file was refused (or none was found); refused files are
named on stderr with their reason either way.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from careerkit.cli.app import App, pass_app
from careerkit.errors import CareerkitError, InputError, StoreDamaged
from careerkit.i18n import t

if TYPE_CHECKING:
    from careerkit.store.sharing import FileResult
    from careerkit.store.team import TeamMember

INCLUDABLE = ("reviews", "plans", "habits", "quizzes")
FORMATS = ("table", "csv", "json", "jsonl", "md", "html")
PROGRESS_FROM = 10  # files; fewer import too fast for a bar to help


def _now() -> str:
    from careerkit.store.team import now_iso

    return now_iso()


def _include(value: str) -> set[str]:
    """The kinds of ``--include``: comma (or space) separated, singular or plural (``plan`` is ``plans``)."""
    words = {k.strip().lower() for k in value.replace("，", ",").replace(" ", ",").split(",") if k.strip()}
    kinds = {k if k in INCLUDABLE or f"{k}s" not in INCLUDABLE else f"{k}s" for k in words}
    unknown = sorted(kinds - set(INCLUDABLE))
    if unknown:
        raise InputError("export.unknown_kind", kinds=", ".join(unknown), known=", ".join(INCLUDABLE))
    return kinds


def _target(output: Path | str, name: str, suffix: str) -> Path:
    """``-o``: the file itself, or in a folder (``-o DIR/`` is one, made if need be) a file named after ``name``."""
    from careerkit.store.files import output_target

    return output_target(output, name, suffix)


def _write(data: bytes, output: Path, *, force: bool) -> None:
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from careerkit.store.files import write_output

    write_output(output, data, force=force)


# ----------------------------------------------------------------------------- export


@click.command(help=t("help.export"))
@click.option("--person", metavar="NAME", help=t("export.help.person"))
@click.option("--include", default="", metavar="KINDS", help=t("export.help.include"))
@click.option("-o", "--output", required=True, type=click.Path(path_type=str), metavar="FILE",
              help=t("export.help.output"))
@click.option("--force", is_flag=True, help=t("export.help.force"))
@pass_app
def export(app: App, person: str | None, include: str, output: Path, force: bool) -> None:
    import hashlib
    import json

    from careerkit import version
    from careerkit.cli.lookup import model_of
    from careerkit.core import bundle
    from careerkit.model.loader import canonical_json
    from careerkit.store.database import session
    from careerkit.store.sharing import export_records

    who = app.person(person)
    kinds = _include(include)
    with session(app.home.root) as work:
        records, missing = export_records(work, who, kinds)
    if not records["assessments"]:
        raise InputError("export.nothing", person=who)
    models = {}
    for digest in sorted(bundle.digests_used(records)):
        owner = next(r for rs in records.values() for r in rs
                     if isinstance(r.get("model"), dict) and r["model"].get("digest") == digest)
        models[digest] = json.loads(canonical_json(model_of(app, owner)))
        if hashlib.sha256(bundle.canonical(models[digest])).hexdigest() != digest:
            from careerkit.store.snapshots import path_of

            raise StoreDamaged("export.snapshot_digest", path=str(path_of(app.home.snapshots_dir, digest)))
    content = bundle.build(who, records, models, created_at=_now(), generator=f"careerkit {version()}")
    target = _target(output, who, ".bundle.json")
    _write(bundle.dumps(content), target, force=force)
    for kind in missing:
        click.echo(t("export.unavailable", kind=kind), err=True)
    counts = {k: len(v) for k, v in records.items()}
    click.echo(t("export.done", person=who, assessments=counts["assessments"], reviews=counts["reviews"],
                 plans=counts["plans"], habits=counts["habits"], path=str(target),
                 checksum=content["checksum"][:19]), err=str(target) == "-")


# ----------------------------------------------------------------------------- team


@click.group(help=t("help.team"))
def team() -> None:
    pass


@team.command("import", help=t("team.help.import"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--team", "team_name", metavar="NAME", help=t("team.help.team"))
@pass_app
def import_(app: App, paths: tuple[Path, ...], team_name: str | None) -> None:
    from careerkit.store.archive import Uninterrupted
    from careerkit.store.database import session
    from careerkit.store.sharing import import_bundles
    from careerkit.store.team import resolve_name

    bar = _Bar(app)
    try:
        with Uninterrupted(now=False) as hold, session(app.home.root, write=True) as work:
            name = resolve_name(work, team_name)
            store, results = import_bundles(work, name, list(paths), now=_now(), progress=bar.update)
            people = len(store.people())
            if not any(r.status != "refused" for r in results):
                raise _AllRefused(results)
            hold.start()  # Ctrl-C now waits for the commit: the index and the record shards change together
    except _AllRefused as failed:
        bar.stop()
        _report_refused(failed.results)
        raise InputError("team.import.all_refused", count=len(failed.results)) from None
    finally:
        bar.stop()
    _report_refused(results)
    _report_import(results, store.name, people)


class _AllRefused(Exception):
    def __init__(self, results: list[FileResult]) -> None:
        self.results = results


class _Bar:
    """A progress bar on stderr, shown only in a terminal and only for many files."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.progress: Any = None
        self.task: Any = None

    def update(self, done: int, total: int) -> None:
        if self.progress is None:
            if total < PROGRESS_FROM or not sys.stderr.isatty():
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.progress = Progress(TextColumn(t("team.import.progress")), BarColumn(), MofNCompleteColumn(),
                                     console=self.app.err_console, transient=True)
            self.task = self.progress.add_task("import", total=total)
            self.progress.start()
        self.progress.update(self.task, completed=done, total=total)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def _report_refused(results: list[FileResult]) -> None:
    from careerkit.render.terminal import printable  # a reason may quote the bundle

    for result in results:
        if result.status == "refused":
            click.echo(printable(t("team.import.refused", path=str(result.path), reason=result.reason)), err=True)


def _report_import(results: list[FileResult], team_name: str, people: int) -> None:
    count = {s: sum(1 for r in results if r.status == s) for s in ("imported", "unchanged", "refused")}
    new = sum(r.outcome.new for r in results if r.outcome)
    updated = sum(r.outcome.updated for r in results if r.outcome)
    click.echo(t("team.import.summary", imported=count["imported"], unchanged=count["unchanged"],
                 refused=count["refused"], new=new, updated=updated, team=team_name, people=people))


@team.command("list", help=t("team.help.list"))
@click.option("--team", "team_name", metavar="NAME", help=t("team.help.team"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def list_(app: App, team_name: str | None, as_json: bool) -> None:
    from careerkit.store.database import session
    from careerkit.store.team import Team, resolve_name

    with session(app.home.root) as work:
        store = Team(work, resolve_name(work, team_name))
        people = store.people()
        rows = [_list_row(p) for p in people]
        _add_role_titles(store, rows, app.lang)
    if as_json:
        app.echo_json({"team": store.name, "people": rows}, "team")
        return
    from careerkit.render.team_view import print_people

    print_people(app.console, store.name, rows)


def _list_row(entry: TeamMember) -> dict[str, Any]:
    latest = max(entry.get("latest", {}).values(), key=lambda r: (r["taken_at"], r["id"]), default=None)
    return {
        "name": entry["name"], "counts": entry["counts"], "imported_at": entry["imported_at"],
        "bundle_created_at": entry["bundle_created_at"],
        "latest": None if latest is None else {"id": latest["id"], "taken_at": latest["taken_at"],
                                               "model": latest["model"], "role": latest.get("role")},
        "models": {mid: {"version": r["model"]["version"], "taken_at": r["taken_at"]}
                   for mid, r in sorted(entry.get("latest", {}).items())},
    }


def _add_role_titles(store: Any, rows: list[dict[str, Any]], lang: str) -> None:
    """Give each row's latest assessment its role's title (in ``lang``) from the model version it was taken on."""
    from careerkit.model.schema import read

    views: dict[str, Any] = {}
    for row in rows:
        latest = row["latest"]
        if latest is None:
            continue
        digest = latest["model"]["digest"]
        if digest not in views:
            try:
                views[digest] = read(store.model(digest))
            except ValueError:
                views[digest] = None
        role = views[digest].role(latest["role"]) if views[digest] and latest["role"] else None
        latest["role_title"] = views[digest].text(role.title, lang) if role else None


@team.command("remove", help=t("team.help.remove"))
@click.argument("person", metavar="PERSON")
@click.option("--team", "team_name", metavar="NAME", help=t("team.help.team"))
@click.option("--yes", "-y", is_flag=True, help=t("team.help.yes"))
@pass_app
def remove(app: App, person: str, team_name: str | None, yes: bool) -> None:
    from careerkit.store.archive import Uninterrupted
    from careerkit.store.database import session
    from careerkit.store.team import Team, forget_backups, resolve_name

    with session(app.home.root) as work:
        name = resolve_name(work, team_name)
        entry = Team(work, name).require(person)
    counts = entry["counts"]
    if not yes and not click.confirm(t("team.remove.confirm", person=entry["name"], team=name,
                                       assessments=counts["assessments"]), default=False, err=True):
        click.echo(t("team.remove.kept"), err=True)
        return
    with Uninterrupted(), session(app.home.root, write=True) as work:
        Team(work, name).remove(entry["name"])
    forget_backups(app.home.root, name, entry["name"])
    click.echo(t("team.remove.done", person=entry["name"], team=name))


@team.command("summary", help=t("team.help.summary"))
@click.option("--team", "team_name", metavar="NAME", help=t("team.help.team"))
@click.option("--model", "model_ref", metavar="ID[@VERSION]", help=t("team.help.model"))
@click.option("--role", metavar="ROLE", help=t("team.help.role"))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help=t("team.help.format"))
@click.option("-o", "--output", type=click.Path(path_type=str), metavar="FILE", help=t("team.help.output"))
@click.option("--force", is_flag=True, help=t("team.help.force"))
@click.option("--anonymize", is_flag=True, help=t("team.help.anonymize"))
@click.option("--min-group", type=click.IntRange(min=1), default=3, show_default=True, metavar="N",
              help=t("team.help.min_group"))
@pass_app
@click.pass_context
def summary(ctx: click.Context, app: App, team_name: str | None, model_ref: str | None, role: str | None, fmt: str,
            output: Path | None, force: bool, anonymize: bool, min_group: int) -> None:
    if not anonymize and ctx.get_parameter_source("min_group") is not click.core.ParameterSource.DEFAULT:
        # without --anonymize nothing is withheld: say so rather than share names believing otherwise
        raise InputError("team.min_group_alone")
    with _collected_less():  # the summary's objects are freed before the collector is back (see _collected_less)
        _summary(app, team_name, model_ref, role, fmt, output, force, anonymize, min_group)


def _summary(app: App, team_name: str | None, model_ref: str | None, role: str | None, fmt: str,
             output: Path | None, force: bool, anonymize: bool, min_group: int) -> None:
    from careerkit.core import team as core
    from careerkit.core.scoring import Scorer
    from careerkit.store.database import session
    from careerkit.store.team import Team, resolve_name

    with session(app.home.root) as work:
        store = Team(work, resolve_name(work, team_name))
        model_id, version = _model_choice(app, store, model_ref)
        views: dict[str, Any] = {}

        def view_of(digest: str) -> Any:  # a version's Scorer: it keeps what it reads of each person's ratings
            if digest not in views:
                try:
                    views[digest] = Scorer(_model(store, digest))
                except (CareerkitError, ValueError):
                    views[digest] = None
            return views[digest]

        options = core.Options(role=role, version=version, anonymize=anonymize, min_group=min_group,
                               lang=app.lang)
        try:  # each person's figures stored at import, where they still stand (issue 13)
            result, skipped = _summarize(store, model_id, view_of, options, store.figures_on(model_id))
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):  # figures of a shape none of ours has
            result, skipped = _summarize(store, model_id, view_of, options, None)
        if skipped:
            result["notes"].append({"code": "partial_skipped", "count": len(skipped)})
        _emit(app, result, fmt, output, force)


def _summarize(store: Any, model_id: str, view_of: Any, options: Any,
               figures_of: Any) -> tuple[dict[str, Any], list[str]]:
    """The summary, and who was counted with an earlier assessment than their (partial) latest one."""
    from careerkit.core import team as core

    entries, skipped = core.complete_entries(store.latest_on(model_id), view_of,
                                             lambda name: store.records(name, "assessments"), figures_of)
    versions = core.split_versions(entries, options.version)
    model = view_of(versions.digest) or _model(store, versions.digest)  # this says what is wrong with it
    return core.summarize(store.name, model, versions, salt=store.salt, options=options,
                          generated_at=_now()), skipped


@contextmanager
def _collected_less() -> Iterator[None]:
    """No cycle collection while a summary reads the team's index and is made: it makes thousands of
    objects, and each collection would walk all of them again, more often the larger the team, so
    that 20,000 people cost more than four times 5000 (issue 13). A summary makes no cycles to
    collect; the collector runs again when the block ends, once what was made is freed (else its
    first collection would walk every object made meanwhile, all of them still young)."""
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _model_choice(app: App, store: Any, ref: str | None) -> tuple[str, str | None]:
    known = store.model_ids()
    if not known:
        raise InputError("team.nobody", team=store.name)
    model_id, _, version = (ref or "").partition("@")
    if not model_id:
        profile = app.config.model if app.config.model in known else None
        model_id = known[0] if len(known) == 1 else profile or ""
        if not model_id:
            raise InputError("team.choose_model", team=store.name, known=", ".join(known) or "-")
    if model_id not in known:
        raise InputError("team.no_model", model=model_id, team=store.name, known=", ".join(known) or "-")
    return model_id, version or None


def _model(store: Any, digest: str) -> Any:
    from careerkit.model.schema import read

    data = store.model(digest)
    try:
        return read(data)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        raise InputError("team.model_damaged", digest=digest[:12], team=store.name) from None


def _emit(app: App, result: dict[str, Any], fmt: str, output: Path | None, force: bool) -> None:
    from careerkit.render import exporters

    if fmt == "table":
        from careerkit.render.team_view import print_summary, summary_text

        if output is None:
            print_summary(app.console, result)
            return
        data = summary_text(result).encode("utf-8")
        extension = ".txt"
    else:
        exporter = exporters.get(fmt)
        data = exporter.render(result, user_dir=app.home.templates_dir)
        extension = exporter.extension
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
    target = _target(output, result["team"], f"-summary{extension}")
    _write(data, target, force=force)
    if str(target) != "-":
        click.echo(t("team.summary.written", path=str(target)), err=True)


@team.command("scenarios", help=t("team.help.scenarios"))
@click.option("--team", "team_name", metavar="NAME", help=t("team.help.team"))
@click.option("--model", "model_ref", metavar="ID[@VERSION]", help=t("team.help.model"))
@click.option("--min-group", type=click.IntRange(min=1), default=3, show_default=True, metavar="N",
              help=t("team.help.scenario_min_group"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def scenarios(app: App, team_name: str | None, model_ref: str | None, min_group: int, as_json: bool) -> None:
    from careerkit.core.team import split_versions
    from careerkit.core.team_quiz import analyse
    from careerkit.store.database import session
    from careerkit.store.team import Team, resolve_name

    with session(app.home.root) as work:
        store = Team(work, resolve_name(work, team_name))
        latest: dict[str, dict[str, dict[str, Any]]] = {}
        for entry in store.people():
            for record in store.records(entry["name"], "quizzes"):
                mine = latest.setdefault(record["model"]["id"], {})
                old = mine.get(entry["name"])
                if old is None or (record["taken_at"], record["id"]) > (old["taken_at"], old["id"]):
                    mine[entry["name"]] = record
        if not latest:
            raise InputError("team.no_quizzes", team=store.name)
        model_id, _, version = (model_ref or "").partition("@")
        if not model_id:
            model_id = max(latest, key=lambda m: (len(latest[m]), m))
        if model_id not in latest:
            raise InputError("team.no_model", model=model_id, team=store.name, known=", ".join(sorted(latest)))
        versions = split_versions(sorted(latest[model_id].items()), version or None)
        model = _model(store, versions.digest)
        rows = analyse(model, versions.chosen, min_group=min_group)
    data: dict[str, Any] = {"team": store.name,
                            "model": {"id": model.id, "version": model.version, "digest": versions.digest},
            "min_group": min_group, "people": len(versions.chosen), "scenarios": rows}
    if as_json:
        for row in data["scenarios"]:
            row["situation"] = model.text(row["situation"], app.lang)
        app.echo_json(data, "team-scenarios")
        return
    from careerkit.render.team_view import print_scenarios

    print_scenarios(app.console, model, data, app.lang)
