"""`careerkit habits`: work habits that build competence — check-ins, streaks, sheets, reports.

``habits done`` is the most frequent command of all, so this module imports only click
and careerkit's light modules at the top; rich, pydantic, jinja2 and yaml are imported
inside the commands that need them, never on the ``done``/``skip``/``undo`` path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from careerkit.cli.app import App, pass_app
from careerkit.i18n import t

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from careerkit.core.habits import HabitData, Mark


def _name(words: tuple[str, ...]) -> str:
    """NAME may be given unquoted: `careerkit habits done review product`."""
    return " ".join(words)


class _InOrder(click.Group):
    """Lists the subcommands in the order of a day's use, not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(cls=_InOrder, help=t("help.habits"), epilog=t("habits.help.examples"))
def habits() -> None:
    pass


# ----------------------------------------------------------------------------- managing habits


@habits.command("add", help=t("habits.help.add"))
@click.argument("name", nargs=-1, required=True)
@click.option("--every", default="daily", show_default=True, metavar="daily|weekdays|N/week",
              help=t("habits.help.every"))
@click.option("--competency", metavar="ID", help=t("habits.help.competency"))
@click.option("--model", "model_ref", metavar="ID", help=t("habits.help.model"))
@click.option("--note", metavar="TEXT", help=t("habits.help.note"))
@pass_app
def add(app: App, name: tuple[str, ...], every: str, competency: str | None, model_ref: str | None,
        note: str | None) -> None:
    from careerkit.core import habits as core
    from careerkit.errors import InputError
    from careerkit.store import habits as store
    from careerkit.store.database import session

    schedule = core.Schedule.parse(every)
    model_id = None
    if competency:
        loaded = app.model(model_ref)
        if loaded.model.competency(competency) is None:
            known = ", ".join(c.id for c in loaded.model.competencies)
            raise InputError("habits.unknown_competency", id=competency, model=loaded.model.id, known=known)
        model_id = loaded.model.id
    with session(app.home.root, write=True) as work:
        habit = store.add(work, name=_name(name), schedule=schedule, now=core.today(), competency=competency,
                          model=model_id, note=note)
    from careerkit.render.habits_view import every_text

    click.echo(t("habits.added", name=habit["name"], every=every_text(habit["every"])))
    click.echo(_dim(app, t("habits.added_hint", name=habit["name"])))


@habits.command("suggest", help=t("habits.help.suggest"), short_help=t("habits.short.suggest"))
@click.option("--person", metavar="NAME", help=t("habits.help.person"))
@click.option("--model", "model_ref", metavar="ID", help=t("habits.help.model"))
@click.option("--add", "adopt", is_flag=True, help=t("habits.help.adopt"))
@click.option("--yes", "-y", is_flag=True, help=t("habits.help.yes"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def suggest(app: App, person: str | None, model_ref: str | None, adopt: bool, yes: bool, as_json: bool) -> None:
    found = _suggestions(app, person, model_ref)
    if as_json and not adopt:
        app.echo_json(found)
        return
    from careerkit.render import habits_view

    habits_view.print_suggestions(app.console, found)
    new = [s for s in found["habits"] if not s["tracked"]]
    if not adopt:
        if new:
            app.console.print(t("habits.suggest_hint"), style="dim")
        return
    if not new:
        click.echo(t("habits.suggest_nothing_new"))
        return
    if not yes and not click.confirm(t("habits.suggest_confirm", count=len(new)), default=True, err=True):
        click.echo(t("habits.suggest_cancelled"))
        return
    _adopt(app, new)


def _suggestions(app: App, person_opt: str | None, model_ref: str | None) -> dict[str, Any]:
    """Habits the model suggests for the plan's focus areas, else the latest assessment's weakest."""
    from careerkit.core import habits as core
    from careerkit.errors import NotFoundError
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
    offered = {c.id: (model.text(c.name, app.lang), [model.text(h, app.lang) for h in c.habits])
               for c in model.competencies}
    if focus:
        chosen = [c for c in focus if c in offered]
    else:
        scores = (record.get("scores") or {}).get("competencies") or {}
        chosen = core.weakest(scores, [cid for cid, (_, texts) in offered.items() if texts])
    rows = core.suggest(chosen, offered, basis["tracked"])
    for row in rows:
        row["model"] = model.id
    return {"person": person, "model": model.id, "source": "plan" if focus else "assessment",
            "assessment": record["id"] if record else None, "competencies": chosen, "habits": rows}


def _adopt(app: App, new: list[dict[str, Any]]) -> None:
    from careerkit.core import habits as core
    from careerkit.store import habits as store
    from careerkit.store.database import session

    with session(app.home.root, write=True) as work:
        for item in new:
            store.add(work, name=item["name"], schedule=core.Schedule.parse(item["every"]), now=core.today(),
                      competency=item["competency"], model=item["model"])
    click.echo(t("habits.suggest_added", count=len(new)))


@habits.command("list", help=t("habits.help.list"))
@click.option("--all", "show_all", is_flag=True, help=t("habits.help.all"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def list_habits(app: App, show_all: bool, as_json: bool) -> None:
    from careerkit.store import habits as store
    from careerkit.store.database import session

    with session(app.home.root) as work:
        found = store.all_habits(work, archived=show_all)
    if as_json:
        app.echo_json(found)
        return
    from careerkit.render import habits_view

    habits_view.print_list(app.console, found, _competency_names(app, found))


@habits.command("archive", help=t("habits.help.archive"))
@click.argument("name", nargs=-1, required=True)
@click.option("--restore", is_flag=True, help=t("habits.help.restore"))
@pass_app
def archive(app: App, name: tuple[str, ...], restore: bool) -> None:
    from careerkit.core import habits as core
    from careerkit.store import habits as store
    from careerkit.store.database import session

    with session(app.home.root, write=True) as work:
        habit = store.find(work, _name(name), archived=True)
        if (habit["archived"] is None) is restore:  # nothing to do either way
            click.echo(t("habits.not_archived" if restore else "habits.already_archived", name=habit["name"]))
            return
        store.set_archived(work, habit, None if restore else core.today())
    key = "habits.restored" if restore else "habits.archived"
    click.echo(t(key, name=habit["name"]))


# ----------------------------------------------------------------------------- check-ins (the fast path)

_DATE_OPTION = click.option("--date", "when", default="today", show_default=True, metavar="D",
                            help=t("habits.help.date"))


@habits.command("done", help=t("habits.help.done"))
@click.argument("name", nargs=-1, required=True)
@_DATE_OPTION
@pass_app
def done(app: App, name: tuple[str, ...], when: str) -> None:
    from careerkit.core.habits import Mark

    _mark(app, _name(name), when, Mark.DONE)


@habits.command("skip", help=t("habits.help.skip"), short_help=t("habits.short.skip"))
@click.argument("name", nargs=-1, required=True)
@_DATE_OPTION
@pass_app
def skip(app: App, name: tuple[str, ...], when: str) -> None:
    from careerkit.core.habits import Mark

    _mark(app, _name(name), when, Mark.SKIP)


@habits.command("undo", help=t("habits.help.undo"))
@click.argument("name", nargs=-1, required=True)
@_DATE_OPTION
@pass_app
def undo(app: App, name: tuple[str, ...], when: str) -> None:
    _mark(app, _name(name), when, None)


def _mark(app: App, name: str, when: str, mark: Mark | None) -> None:
    """done / skip / undo: one small write, then one line that shows the streak."""
    from datetime import datetime

    from careerkit.core import habits as core
    from careerkit.errors import InputError
    from careerkit.store import habits as store
    from careerkit.store.database import session

    now = core.today()
    day = core.parse_day(when, now)
    with session(app.home.root, write=True) as work:
        habit = store.find(work, name)
        if mark is None:
            before = store.clear_mark(work, habit, day)
        else:
            if mark is core.Mark.SKIP and store.year_marks(work, habit["id"], day.year).get(day) is core.Mark.DONE:
                raise InputError("habits.skip_done", name=habit["name"], day=day.isoformat())
            before = store.set_mark(work, habit, day, mark, datetime.now().astimezone())
        streak = store.current_streak(work, habit, now)
        this_week = None
        if habit["every"].endswith("/week"):  # the ISO week may start in the previous year
            recent = {**store.year_marks(work, habit["id"], now.year - 1),
                      **store.year_marks(work, habit["id"], now.year)}
            this_week = core.period(core.Schedule.parse(habit["every"]), recent, now)
    line = _mark_line(app, habit["name"], day, now, mark, before)
    if mark is not None and habit["every"] == "weekdays" and day.weekday() >= 5:
        line += t("habits.weekend_note")
    click.echo(line + _streak_tail(app, streak, this_week))


def _mark_line(app: App, name: str, day: date, now: date, mark: Mark | None, before: Mark | None) -> str:
    from careerkit.core.habits import Mark

    when = _day_text(day, now)
    if mark is None:
        if before is None:
            return t("habits.undo_nothing", name=name, day=when)
        return _style(app, "↶ ", "yellow") + t(f"habits.undone_{before.value}", name=name, day=when)
    if before is mark:
        return t(f"habits.already_{mark.value}", name=name, day=when)
    if mark is Mark.DONE:
        text = _style(app, "✓ ", "green", bold=True) + t("habits.done", name=name, day=when)
    else:
        text = _style(app, "– ", "cyan") + t("habits.skipped", name=name, day=when)
    return text + (t("habits.was_skipped") if before is Mark.SKIP else "")


def _streak_tail(app: App, streak: Any, this_week: Any) -> str:
    from careerkit.messages.habits import flames, unit_text

    parts = []
    if this_week is not None:
        parts.append(t("habits.this_week", count=this_week.count, target=this_week.target))
    if streak.length:
        text = t("habits.streak_is", streak=unit_text(streak.length, streak.unit))
        fire = flames(streak.length, streak.unit)
        parts.append(_style(app, f"{text} {fire}", "yellow", bold=True) if fire else text)
    return "".join(f" · {part}" for part in parts)


def _day_text(day: date, now: date) -> str:
    delta = (now - day).days
    if delta == 0:
        return t("habits.day.today")
    if delta == 1:
        return t("habits.day.yesterday", date=day.isoformat())
    return day.isoformat()


def _style(app: App, text: str, color: str, *, bold: bool = False) -> str:
    return click.style(text, fg=color, bold=bold) if app.color else text


def _dim(app: App, text: str) -> str:
    return click.style(text, dim=True) if app.color else text


# ----------------------------------------------------------------------------- looking back


@habits.command("status", help=t("habits.help.status"), short_help=t("habits.short.status"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def status(app: App, as_json: bool) -> None:
    from careerkit.core import habits as core

    now = core.today()
    active = [h for h in _load(app) if h.archived is None]
    rows = [core.status(h, now) for h in active]
    if as_json:
        app.echo_json({"today": now.isoformat(), "habits": rows})
        return
    from careerkit.render import habits_view

    habits_view.print_status(app.console, rows, now, _competency_names(app, active))


@habits.command("sheet", help=t("habits.help.sheet"))
@click.option("--month", metavar="YYYY-MM", help=t("habits.help.month"))
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), help=t("habits.help.format"))
@click.option("-o", "--output", metavar="FILE", help=t("habits.help.output"))
@click.option("--force", is_flag=True, help=t("habits.help.force"))
@click.option("--template", "template_file", metavar="FILE", help=t("habits.help.template"))
@pass_app
def sheet(app: App, month: str | None, fmt: str | None, output: str | None, force: bool,
          template_file: str | None) -> None:
    from careerkit.core import habits as core

    now = core.today()
    year, number = core.parse_month(month) if month is not None else (now.year, now.month)
    out, template = _paths(output, template_file)
    fmt = fmt or _format_of(out, ("md", "html"))
    _check_output(out, force)
    active = [h for h in _load(app) if h.archived is None]
    from careerkit.render.habits_view import every_text

    names = _competency_names(app, active)
    context = core.month_grid(active, year, number)
    for row in context["habits"]:  # type: ignore[attr-defined]
        row["every_text"] = every_text(row["every"])
        row["competency_name"] = names.get(row["competency"]) if row["competency"] else None
    context.update(_template_context(app, "sheet", names, now))
    _emit(app, f"habits-sheet.{fmt}.j2", context, out, force, template)


@habits.command("report", help=t("habits.help.report"), short_help=t("habits.short.report"))
@click.option("--from", "start", metavar="D", help=t("habits.help.from"))
@click.option("--to", "end", default="today", show_default=True, metavar="D", help=t("habits.help.to"))
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), help=t("habits.help.format"))
@click.option("-o", "--output", metavar="FILE", help=t("habits.help.output"))
@click.option("--force", is_flag=True, help=t("habits.help.force"))
@click.option("--template", "template_file", metavar="FILE", help=t("habits.help.template"))
@pass_app
def report(app: App, start: str | None, end: str, fmt: str | None, output: str | None, force: bool,
           template_file: str | None) -> None:
    from datetime import timedelta

    from careerkit.core import habits as core
    from careerkit.errors import InputError

    now = core.today()
    last = core.parse_day(end, now)
    first = core.parse_day(start, now) if start is not None else last - timedelta(days=29)
    if first > last:
        raise InputError("habits.bad_range", start=first.isoformat(), end=last.isoformat())
    out, template = _paths(output, template_file)
    fmt = fmt or _format_of(out, ("md", "html", "json"))
    _check_output(out, force)
    loaded = _load(app)
    data: dict[str, Any] = core.report(loaded, first, last, now)
    names = _competency_names(app, loaded)
    for row in [*data["habits"], *data["competencies"]]:
        row["competency_name"] = names.get(row["competency"]) if row["competency"] else None
    if fmt == "json":
        data["today"] = now.isoformat()
        if out is None:
            app.echo_json(data)
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


# ----------------------------------------------------------------------------- helpers of the views


def _load(app: App) -> list[HabitData]:
    from careerkit.store import habits as store
    from careerkit.store.database import session

    with session(app.home.root) as work:
        return [store.load(work, h) for h in store.all_habits(work)]


def _competency_names(app: App, habits_or_rows: list[Any]) -> dict[str, str]:
    """Competency id → name in the user's language, from the habits' models (best effort)."""
    from careerkit.errors import CareerkitError

    def get(item: Any, key: str) -> Any:
        return item.get(key) if isinstance(item, dict) else getattr(item, key, None)

    wanted = {get(h, "competency") for h in habits_or_rows} - {None}
    if not wanted:
        return {}
    names: dict[str, str] = {}
    for ref in [*sorted({get(h, "model") for h in habits_or_rows} - {None}), None]:
        try:
            model = app.model(ref).model
        except CareerkitError:
            continue
        for comp in model.competencies:
            names.setdefault(comp.id, model.text(comp.name, app.lang))
        if wanted <= set(names):
            break
    return names


def _paths(output: str | None, template_file: str | None) -> tuple[Path | None, Path | None]:
    from pathlib import Path

    return (Path(output) if output else None), (Path(template_file) if template_file else None)


def _format_of(output: Path | None, allowed: tuple[str, ...]) -> str:
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    suffix = {"htm": "html", "markdown": "md"}.get(suffix, suffix)
    return suffix if suffix in allowed else "md"


def _check_output(output: Path | None, force: bool) -> None:
    """Refuse a bad -o before any work: existing file without --force, missing folder."""
    from careerkit.errors import InputError

    if output is None:
        return
    if output.is_dir():
        raise InputError("files.output_is_dir", path=str(output))
    if not output.parent.is_dir():
        raise InputError("files.output_no_folder", path=str(output), folder=str(output.parent))
    if output.exists() and not force:
        raise InputError("files.output_exists", path=str(output))


def _template_context(app: App, kind: str, names: dict[str, str], now: date) -> dict[str, Any]:
    from careerkit.messages.habits import template_labels

    return {"lang": app.lang, "today": now.isoformat(), "labels": template_labels(kind, app.lang),
            "competency_names": names, "person": app.config.person}


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
