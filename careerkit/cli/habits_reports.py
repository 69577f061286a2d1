"""`careerkit habits suggest | status | sheet | report`: the commands that look at habits as a whole.

They are subcommands of the ``habits`` group (:mod:`careerkit.cli.habits`), which loads
this module only when one of them runs, so that ``habits done`` never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from careerkit.cli.app import App, pass_app
from careerkit.cli.lookup import competency_names
from careerkit.errors import CareerkitError, InputError, NotFoundError, ValidationFailed
from careerkit.i18n import t

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from careerkit.core.habits.reports import HabitData
    from careerkit.core.habits.summary import Past
    from careerkit.core.habits.workdays import Workdays

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
    active, pasts, workdays = _load_status(app, now)
    rows = [habit_status(h, now, past=past) for h, past in zip(active, pasts, strict=True)]
    unknown = _notice(workdays, active, _status_days(rows))
    if as_json:
        app.echo_json({"today": now.isoformat(), "habits": rows, "workdays": _calendar_json(workdays, unknown)},
                      "habits-status")
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
    _, template = _paths(None, template_file)
    out, fmt = _output(output, fmt, ("md", "html"), f"habits-sheet-{year}-{number:02d}")
    _check_output(out, force)
    workdays = _workdays(app)
    active = [h for h in _load(app, workdays) if h.archived is None]
    from careerkit.core.habits.schedules import month_days
    from careerkit.render.habits_view import every_text

    _notice(workdays, active, month_days(year, number))
    names = competency_names(app, active)
    context = month_grid(active, year, number, workdays)
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
    _, template = _paths(None, template_file)
    out, fmt = _output(output, fmt, ("md", "html", "json"), f"habits-report-{first}-{last}")
    if fmt == "json" and template is not None:
        raise InputError("habits.template_json")
    _check_output(out, force)
    loaded, workdays = _on_calendar(app, _load(app))
    from careerkit.core.habits.schedules import days_between

    unknown = _notice(workdays, loaded, days_between(first, last))
    data: dict[str, Any] = habit_report(loaded, first, last, now)
    data["workdays"] = _calendar_json(workdays, unknown)
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
    data["quantities"] = any(row["quantity"] is not None for row in data["habits"])  # a column only when used
    _emit(app, f"habits-report.{fmt}.j2", data, out, force, template)


# ----------------------------------------------------------------------------- the calendar of workdays


@click.command("calendar", help=t("habits.help.calendar"), short_help=t("habits.short.calendar"))
@click.option("--region", type=click.Choice(["cn", "none"]), help=t("habits.help.region"))
@click.option("--roster", "roster_file", metavar="FILE", help=t("habits.help.roster"))
@click.option("--clear-roster", is_flag=True, help=t("habits.help.clear_roster"))
@click.option("--days", "ahead", default=30, show_default=True, type=click.IntRange(1, 366),
              help=t("habits.help.days_ahead"))
@pass_app
def calendar(app: App, region: str | None, roster_file: str | None, clear_roster: bool, ahead: int) -> None:
    from datetime import timedelta

    from careerkit.core.habits import roster as rosters
    from careerkit.core.habits.schedules import days_between, today
    from careerkit.store import habits as store
    from careerkit.store.database import session

    if roster_file is not None and clear_roster:
        raise InputError("habits.roster.both")
    days = None
    if roster_file is not None:
        days, problems = rosters.parse(_read_roster(roster_file), roster_file)
        if problems:
            raise ValidationFailed("habits.roster.invalid", details=[str(p) for p in problems],
                                   path=roster_file, count=len(problems))
    if region is not None:
        from dataclasses import replace

        from careerkit import config
        from careerkit.store import files

        profile = replace(app.config, region=region)
        files.ensure_dir(app.home.root)
        files.atomic_write(app.home.config_file, config.dumps(profile).encode("utf-8"))
        app.__dict__.pop("config", None)  # read again below
        click.echo(t("habits.region_set", region=t(f"habits.region.{region}")))
    if days is not None or clear_roster or region is not None:
        from careerkit.cli.habits import workdays_of

        with session(app.home.root, write=True) as work:
            if days is not None or clear_roster:
                store.set_roster(work, days or {})
            store.calendar_changed(work, workdays_of(app, work))  # the workdays habits' summaries
    if days is not None or clear_roster:
        if days:
            click.echo(t("habits.roster.set", count=len(days), first=min(days).isoformat(), last=max(days).isoformat()))
        else:
            click.echo(t("habits.roster.cleared"))
    workdays = _workdays(app)
    now = today()
    if workdays.known is not None:
        click.echo(t("habits.calendar_official", region=t(f"habits.region.{workdays.region}"),
                     version=workdays.version or "?", first=workdays.known[0], last=workdays.known[1]))
    else:
        click.echo(t("habits.calendar_plain"))
    if workdays.roster:
        click.echo(t("habits.roster.shown", count=len(workdays.roster), first=min(workdays.roster).isoformat(),
                     last=max(workdays.roster).isoformat()))
    coming = list(days_between(now, now + timedelta(days=ahead - 1)))
    from careerkit.cli.habits import calendar_notice, holiday_name

    calendar_notice(workdays, coming)
    special = [d for d in coming if workdays.kind(d).value not in ("work", "weekend")]
    if not special:
        click.echo(t("habits.calendar_nothing", days=ahead))
        return
    click.echo(t("habits.calendar_coming", days=ahead))
    weekdays = t("habits.weekdays_short").split()
    for day in special:
        kind = workdays.kind(day).value
        name = holiday_name(workdays.names.get(day, "")) if kind in ("holiday", "makeup") else ""
        click.echo(f"  {day.isoformat()} {weekdays[day.weekday()]}  {t(f'habits.day_kind.{kind}')}"
                   + (f" · {name}" if name else ""))


def _read_roster(path: str) -> str:
    """The text of a roster file; a missing, unreadable, huge or non-UTF-8 file is a clear error."""
    from careerkit.store.files import read_file

    try:
        raw = read_file(path, 2**21)
    except OSError as exc:
        raise InputError("habits.roster.unreadable", path=path, error=exc.strerror or str(exc)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ValidationFailed("habits.roster.invalid", path=path, count=1,
                               details=[f"{path}:{line}:1: {t('habits.roster.not_utf8')}"]) from None


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


def _load(app: App, workdays: Workdays | None = None) -> list[HabitData]:
    from careerkit.store import habits as store
    from careerkit.store.database import session

    with session(app.home.root) as work:
        return [store.load(work, h, workdays) for h in store.all_habits(work)]


def _load_status(app: App, now: date) -> tuple[list[HabitData], list[Past | None], Workdays]:
    """The active habits as status needs them on ``now`` (from their summaries where those hold), each
    one's summary of the past (None: it comes with its whole history), and the person's calendar
    (the official data only when a workdays habit needs it)."""
    from careerkit.cli.habits import workdays_of
    from careerkit.store import habits as store
    from careerkit.store.database import session

    with session(app.home.root) as work:
        records = store.all_habits(work, archived=False)
        workdays = workdays_of(app, work, official_data=any(h["every"] == "workdays" for h in records))
        loaded = [store.load_status(work, h, workdays, now) for h in records]
    return [h for h, _ in loaded], [past for _, past in loaded], workdays


def _on_calendar(app: App, habits: list[HabitData]) -> tuple[list[HabitData], Workdays]:
    """The habits with the workdays ones on the person's calendar, and that calendar; the official
    data is loaded only when a workdays habit needs it (else the calendar is Monday to Friday)."""
    from careerkit.core.habits.schedules import Kind

    needed = any(h.schedule.kind is Kind.WORKDAYS for h in habits)
    workdays = _workdays(app, official_data=needed)
    if not needed:
        return habits, workdays
    return [h._replace(schedule=h.schedule.with_calendar(workdays)) for h in habits], workdays


def _workdays(app: App, *, official_data: bool = True) -> Workdays:
    """The person's calendar: region and shift roster (see :func:`careerkit.cli.habits.workdays_of`);
    without ``official_data``, the region's name and the roster only (no holidays loaded)."""
    from careerkit.cli.habits import workdays_of
    from careerkit.store.database import session

    with session(app.home.root) as work:
        return workdays_of(app, work, official_data=official_data)


def _notice(workdays: Workdays, habits: list[HabitData], days: Any) -> list[int]:
    """Say which years of ``days`` fall back to Monday to Friday, when a workdays habit is shown."""
    from careerkit.cli.habits import calendar_notice
    from careerkit.core.habits.schedules import Kind

    if not any(h.schedule.kind is Kind.WORKDAYS for h in habits):
        return []
    days = list(days)
    calendar_notice(workdays, days)
    return workdays.unknown_years(days)


def _status_days(rows: list[dict[str, Any]]) -> list[date]:
    from datetime import date

    return [date.fromisoformat(c["date"]) for row in rows[:1] for week in row["calendar"] for c in week
            if c["cell"] != "future"]


def _calendar_json(workdays: Workdays, unknown: list[int]) -> dict[str, Any]:
    return {"region": workdays.region, "known": list(workdays.known) if workdays.known else None,
            "roster_days": len(workdays.roster), "unknown_years": unknown}


def _paths(output: str | None, template_file: str | None) -> tuple[Path | None, Path | None]:
    from pathlib import Path

    return (Path(output) if output else None), (Path(template_file) if template_file else None)


def _output(output: str | None, fmt: str | None, allowed: tuple[str, ...], name: str) -> tuple[Path | None, str]:
    """Where -o writes and in what format: the file named (its extension says the format), or in a
    folder (``-o DIR/``, made if need be) a file named ``name``."""
    from pathlib import Path

    from careerkit.store.files import output_folder, output_target

    named = None if output is None or output_folder(output) is not None else Path(output)
    fmt = fmt or _format_of(named, allowed)
    return (None if output is None else output_target(output, name, f".{fmt}")), fmt


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
