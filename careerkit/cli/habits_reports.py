"""`careerkit habits suggest | status | sheet | report`: the commands that look at habits as a whole.

They are subcommands of the ``habits`` group (:mod:`careerkit.cli.habits`), which loads
this module only when one of them runs, so that ``habits done`` never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from careerkit.cli.app import App, pass_app
from careerkit.cli.lookup import competency_names
from careerkit.errors import CareerkitError, InputError, NotFoundError
from careerkit.i18n import t

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from careerkit.core.habits.reports import HabitData

# What -o FILE's extension means, per command; a name without an extension is Markdown.
_SUFFIXES = {"md": "md", "markdown": "md", "txt": "md", "html": "html", "htm": "html", "json": "json"}


# ----------------------------------------------------------------------------- suggestions


@click.command("suggest", help=t("habits.help.suggest"), short_help=t("habits.short.suggest"))
@click.option("--person", metavar="NAME", help=t("habits.help.person"))
@click.option("--model", "model_ref", metavar="ID", help=t("habits.help.model"))
@click.option("--add", "adopt", is_flag=True, help=t("habits.help.adopt"))
@click.option("--yes", "-y", is_flag=True, help=t("habits.help.yes"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def suggest(app: App, person: str | None, model_ref: str | None, adopt: bool, yes: bool, as_json: bool) -> None:
    found = _suggestions(app, person, model_ref)
    new = [s for s in found["habits"] if not s["tracked"]]
    if as_json:  # the data for a script; with --add, what was added too (the question goes to stderr)
        added = _adopt(app, new, yes=yes, quiet=True) if adopt and new else []
        app.echo_json({**found, "added": [item["name"] for item in added]} if adopt else found,
                       "habit-suggestions")
        return
    from careerkit.render import habits_view

    habits_view.print_suggestions(app.console, found)
    if not adopt:
        if new:
            app.console.print(t("habits.suggest_hint"), style="dim")
        return
    if not new:
        click.echo(t("habits.suggest_nothing_new"))
        return
    _adopt(app, new, yes=yes, quiet=False)


def _suggestions(app: App, person_opt: str | None, model_ref: str | None) -> dict[str, Any]:
    """Habits the model suggests for the plan's focus areas, else the latest assessment's weakest."""
    from careerkit.core.habits.suggestions import suggest as suggest_habits
    from careerkit.core.habits.suggestions import weakest
    from careerkit.store import habits as store
    from careerkit.store.database import session

    person = app.person(person_opt)
    loaded = app.model(model_ref) if model_ref else None
    with session(app.home.root) as work:
        basis = store.suggestion_basis(work, person, loaded.model.id if loaded else None)
    record, focus = basis["assessment"], basis["focus"]
    if not focus and record is None:
        raise NotFoundError("habits.no_assessment", person=person)
    model = (loaded or app.model(basis["model"])).model
    from careerkit.model.schema import habit_parts

    offered = {c.id: (model.text(c.name, app.lang),
                      [(model.text(text, app.lang), every) for text, every in map(habit_parts, c.habits)])
               for c in model.competencies}
    if focus:
        chosen = [c for c in focus if c in offered]
    else:
        scores = (record.get("scores") or {}).get("competencies") or {}
        chosen = weakest(scores, [cid for cid, (_, texts) in offered.items() if texts])
    rows = suggest_habits(chosen, offered, basis["tracked"])
    for row in rows:
        row["model"] = model.id
    return {"person": person, "model": model.id, "source": "plan" if focus else "assessment",
            "assessment": record["id"] if record else None, "competencies": chosen, "habits": rows}


def _adopt(app: App, new: list[dict[str, Any]], *, yes: bool, quiet: bool) -> list[dict[str, Any]]:
    """Start tracking ``new`` after a confirmation (unless ``yes``); returns what was added."""
    from careerkit.core.habits.schedules import Schedule, today
    from careerkit.store import habits as store
    from careerkit.store.database import session

    if not yes and not click.confirm(t("habits.suggest_confirm", count=len(new)), default=True, err=True):
        click.echo(t("habits.suggest_cancelled"), err=quiet)
        return []
    with session(app.home.root, write=True) as work:
        for item in new:
            store.add(work, name=item["name"], schedule=Schedule.parse(item["every"]), now=today(),
                      competency=item["competency"], model=item["model"])
    click.echo(t("habits.suggest_added", count=len(new)), err=quiet)
    return new


# ----------------------------------------------------------------------------- looking back


@click.command("status", help=t("habits.help.status"), short_help=t("habits.short.status"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def status(app: App, as_json: bool) -> None:
    from careerkit.core.habits.reports import status as habit_status
    from careerkit.core.habits.schedules import today

    now = today()
    active = [h for h in _load(app) if h.archived is None]
    rows = [habit_status(h, now) for h in active]
    if as_json:
        app.echo_json({"today": now.isoformat(), "habits": rows}, "habits-status")
        return
    from careerkit.render import habits_view

    habits_view.print_status(app.console, rows, now, competency_names(app, active))


@click.command("sheet", help=t("habits.help.sheet"))
@click.option("--month", metavar="YYYY-MM", help=t("habits.help.month"))
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), help=t("habits.help.format"))
@click.option("-o", "--output", metavar="FILE", help=t("habits.help.output"))
@click.option("--force", is_flag=True, help=t("habits.help.force"))
@click.option("--template", "template_file", metavar="FILE", help=t("habits.help.template"))
@pass_app
def sheet(app: App, month: str | None, fmt: str | None, output: str | None, force: bool,
          template_file: str | None) -> None:
    from careerkit.core.habits.reports import month_grid
    from careerkit.core.habits.schedules import parse_month, today

    now = today()
    year, number = parse_month(month) if month is not None else (now.year, now.month)
    out, template = _paths(output, template_file)
    fmt = fmt or _format_of(out, ("md", "html"))
    _check_output(out, force)
    active = [h for h in _load(app) if h.archived is None]
    from careerkit.render.habits_view import every_text

    names = competency_names(app, active)
    context = month_grid(active, year, number)
    for row in context["habits"]:  # type: ignore[attr-defined]  # month_grid's context values are typed object
        row["every_text"] = every_text(row["every"])
        row["competency_name"] = names.get(row["competency"]) if row["competency"] else None
    context.update(_template_context(app, "sheet", names, now))
    context["month_title"] = t("habits.month_title", year=year,
                               name=context["labels"]["months"][number - 1])  # type: ignore[index]  # month_grid's context values are typed object
    _emit(app, f"habits-sheet.{fmt}.j2", context, out, force, template)


@click.command("report", help=t("habits.help.report"), short_help=t("habits.short.report"))
@click.option("--from", "start", metavar="D", help=t("habits.help.from"))
@click.option("--to", "end", default="today", show_default=True, metavar="D", help=t("habits.help.to"))
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), help=t("habits.help.format"))
@click.option("-o", "--output", metavar="FILE", help=t("habits.help.output"))
@click.option("--force", is_flag=True, help=t("habits.help.force"))
@click.option("--template", "template_file", metavar="FILE", help=t("habits.help.template"))
@pass_app
def report(app: App, start: str | None, end: str, fmt: str | None, output: str | None, force: bool,
           template_file: str | None) -> None:
    from careerkit.core.habits.reports import report as habit_report
    from careerkit.core.habits.schedules import today

    now = today()
    first, last = _period(start, end, now)
    out, template = _paths(output, template_file)
    fmt = fmt or _format_of(out, ("md", "html", "json"))
    if fmt == "json" and template is not None:
        raise InputError("habits.template_json")
    _check_output(out, force)
    loaded = _load(app)
    data: dict[str, Any] = habit_report(loaded, first, last, now)
    names = competency_names(app, loaded)
    for row in [*data["habits"], *data["competencies"]]:
        row["competency_name"] = names.get(row["competency"]) if row["competency"] else None
    if fmt == "json":
        data["today"] = now.isoformat()
        if out is None:
            app.echo_json(data, "habits-report")
            return
        from careerkit.store.files import dump_json, write_output

        write_output(out, dump_json(data) + b"\n", force=force)
        click.echo(t("habits.written", path=str(out)), err=True)
        return
    from careerkit.messages.habits import unit_text
    from careerkit.render.habits_view import every_text

    for row in data["habits"]:
        row.update(every_text=every_text(row["every"]), streak_text=unit_text(row["streak"], row["unit"]),
                   best_text=unit_text(row["best"], row["unit"]))
    data.update(_template_context(app, "report", names, now))
    _emit(app, f"habits-report.{fmt}.j2", data, out, force, template)


def _period(start: str | None, end: str, now: date) -> tuple[date, date]:
    """--from/--to as days: --to may lie ahead (the report stops today), --from may not."""
    from datetime import timedelta

    from careerkit.core.habits.schedules import parse_day

    last = min(parse_day(end, now, future=True), now)
    first = parse_day(start, now, future=True) if start is not None else last - timedelta(days=29)
    if first > now:
        raise InputError("habits.report_future", start=first.isoformat(), today=now.isoformat())
    if first > last:
        raise InputError("habits.bad_range", start=first.isoformat(), end=last.isoformat())
    return first, last


# ----------------------------------------------------------------------------- helpers of the views


def _load(app: App) -> list[HabitData]:
    from careerkit.store import habits as store
    from careerkit.store.database import session

    with session(app.home.root) as work:
        return [store.load(work, h) for h in store.all_habits(work)]


def _paths(output: str | None, template_file: str | None) -> tuple[Path | None, Path | None]:
    from pathlib import Path

    return (Path(output) if output else None), (Path(template_file) if template_file else None)


def _format_of(output: Path | None, allowed: tuple[str, ...]) -> str:
    """The format an -o FILE's extension asks for; an extension careerkit cannot write is refused."""
    if output is None or not output.suffix:
        return "md"
    fmt = _SUFFIXES.get(output.suffix.lower().lstrip("."))
    if fmt not in allowed:
        raise InputError("habits.unknown_suffix", path=str(output), formats=", ".join(allowed))
    return fmt


def _check_output(output: Path | None, force: bool) -> None:
    """Refuse a bad -o before any work (existing file without --force, missing folder)."""
    if output is not None:
        from careerkit.store.files import check_output

        check_output(output, force=force)


def _template_context(app: App, kind: str, names: dict[str, str], now: date) -> dict[str, Any]:
    from careerkit.messages.habits import template_labels

    return {"lang": app.lang, "today": now.isoformat(), "labels": template_labels(kind, app.lang),
            "competency_names": names, "person": app.config.person, "model": _model_header(app)}


def _model_header(app: App) -> dict[str, str] | None:
    """The profile's model for a page's header (``title``, ``version``), or None when there is none."""
    if not app.config.model:
        return None
    try:
        model = app.model(None).model
    except CareerkitError:
        return None
    return {"id": model.id, "title": model.text(model.title, app.lang), "version": model.version}


def _emit(app: App, template: str, context: dict[str, Any], output: Path | None, force: bool,
          template_file: Path | None) -> None:
    from careerkit.render.templates import render

    text = render(template, context, user_dir=app.home.templates_dir, template_file=template_file)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    from careerkit.store.files import write_output

    write_output(output, text.encode("utf-8"), force=force)
    click.echo(t("habits.written", path=str(output)), err=True)
