"""`careerkit habits`: the group, and the quick commands of every day — add, list, archive,
done, skip, undo.

``habits done`` is the most frequent command of all, so this module imports only click
and careerkit's light modules at the top; rich, pydantic, jinja2 and yaml are imported
inside the commands that need them, never on the ``done``/``skip``/``undo`` path. The
commands that look at habits as a whole (suggest, status, sheet, report) live in
:mod:`careerkit.cli.habits_reports`, loaded only when one of them runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from careerkit.cli.app import App, LazyGroup, pass_app
from careerkit.errors import InputError
from careerkit.i18n import has, listing, t

if TYPE_CHECKING:
    from datetime import date

    from careerkit.core.habits.schedules import Mark
    from careerkit.core.habits.workdays import Workdays

# The subcommands in the order of a day's use; those named here live in habits_reports.
ORDER = ("add", "suggest", "list", "archive", "done", "skip", "undo", "status", "sheet", "report", "calendar")
ELSEWHERE = frozenset({"suggest", "status", "sheet", "report", "calendar"})


def _name(words: tuple[str, ...]) -> str:
    """NAME may be given unquoted: `careerkit habits done review product`."""
    return " ".join(words)


class _Habits(LazyGroup):
    """Lists the subcommands in the order of a day's use, and loads the reporting ones lazily."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(ORDER)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in ELSEWHERE:
            from careerkit.cli import habits_reports

            return getattr(habits_reports, cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=_Habits, help=t("help.habits"), epilog=t("habits.help.examples"))
def habits() -> None:
    pass


# ----------------------------------------------------------------------------- managing habits


@habits.command("add", help=t("habits.help.add"))
@click.argument("name", nargs=-1, required=True)
@click.option("--every", default="daily", show_default=True, metavar="daily|workdays|weekdays|N/week|N/month|Nd",
              help=t("habits.help.every"))
@click.option("--since", metavar="D", help=t("habits.help.since"))
@click.option("--competency", metavar="ID", help=t("habits.help.competency"))
@click.option("--model", "model_ref", metavar="ID", help=t("habits.help.model"))
@click.option("--note", metavar="TEXT", help=t("habits.help.note"))
@pass_app
def add(app: App, name: tuple[str, ...], every: str, since: str | None, competency: str | None,
        model_ref: str | None, note: str | None) -> None:
    from careerkit.core.habits.schedules import Schedule, oldest_check_in, parse_day, today
    from careerkit.store import habits as store
    from careerkit.store.database import session

    schedule = Schedule.parse(every)
    now = today()
    start = now if since is None else parse_day(since, now, oldest=oldest_check_in(now))
    model_id = None
    if competency:
        loaded = app.model(model_ref)
        if loaded.model.competency(competency) is None:
            known = ", ".join(c.id for c in loaded.model.competencies)
            raise InputError("habits.unknown_competency", id=competency, model=loaded.model.id, known=known)
        model_id = loaded.model.id
    with session(app.home.root, write=True) as work:
        habit = store.add(work, name=_name(name), schedule=schedule, now=start, competency=competency,
                          model=model_id, note=note)
    from careerkit.render.habits_view import every_text

    click.echo(t("habits.added", name=habit["name"], every=every_text(habit["every"])))
    click.echo(_dim(app, t("habits.added_hint", name=habit["name"])))


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
        app.echo_json(found, "habits")
        return
    from careerkit.cli.lookup import competency_names
    from careerkit.render import habits_view

    habits_view.print_list(app.console, found, competency_names(app, found))


@habits.command("archive", help=t("habits.help.archive"))
@click.argument("name", nargs=-1, required=True)
@click.option("--restore", is_flag=True, help=t("habits.help.restore"))
@pass_app
def archive(app: App, name: tuple[str, ...], restore: bool) -> None:
    from careerkit.core.habits.schedules import today
    from careerkit.store import habits as store
    from careerkit.store.database import session

    with session(app.home.root, write=True) as work:
        habit = store.find(work, _name(name), archived=True)
        if (habit["archived"] is None) is restore:  # nothing to do either way
            click.echo(t("habits.not_archived" if restore else "habits.already_archived", name=habit["name"]))
            return
        store.set_archived(work, habit, None if restore else today())
    key = "habits.restored" if restore else "habits.archived"
    click.echo(t(key, name=habit["name"]))


# ----------------------------------------------------------------------------- check-ins (the fast path)

_DATE_OPTION = click.option("--date", "when", default="today", show_default=True, metavar="D",
                            help=t("habits.help.date"))
_SINCE_OPTION = click.option("--since", metavar="D", help=t("habits.help.move_since"))


@habits.command("done", help=t("habits.help.done"))
@click.argument("name", nargs=-1, required=True)
@_DATE_OPTION
@_SINCE_OPTION
@click.option("--count", metavar="N", help=t("habits.help.count"))
@click.option("--note", metavar="TEXT", help=t("habits.help.check_in_note"))
@pass_app
def done(app: App, name: tuple[str, ...], when: str, since: str | None, count: str | None,
         note: str | None) -> None:
    from careerkit.core.habits.names import clean_count, clean_note
    from careerkit.core.habits.schedules import Mark

    quantity = clean_count(count) if count is not None else None
    if note is not None and clean_note(note) is None:
        raise InputError("habits.empty_note")
    _mark(app, _name(name), when, Mark.DONE, since, count=quantity, note=note)


@habits.command("skip", help=t("habits.help.skip"), short_help=t("habits.short.skip"))
@click.argument("name", nargs=-1, required=True)
@_DATE_OPTION
@_SINCE_OPTION
@pass_app
def skip(app: App, name: tuple[str, ...], when: str, since: str | None) -> None:
    from careerkit.core.habits.schedules import Mark

    _mark(app, _name(name), when, Mark.SKIP, since)


@habits.command("undo", help=t("habits.help.undo"))
@click.argument("name", nargs=-1, required=True)
@_DATE_OPTION
@pass_app
def undo(app: App, name: tuple[str, ...], when: str) -> None:
    _mark(app, _name(name), when, None)


def workdays_of(app: App, work: Any, *, official_data: bool = True) -> Workdays:
    """The person's working days: their region's official calendar (``region`` in the profile,
    else China's for Chinese users) under their shift roster; without ``official_data``, the
    region's name and the roster only (the official data is not loaded)."""
    from careerkit.core.habits.workdays import Workdays, default_region, official
    from careerkit.store import habits as store

    region = app.config.region or default_region(app.lang)
    if not official_data:
        return Workdays(region, roster=store.roster(work))
    return official(region, store.roster(work))


def calendar_notice(workdays: Workdays, days: Any) -> None:
    """Say, on standard error, which years fall back to Monday to Friday for want of the official calendar."""
    unknown = workdays.unknown_years(days)
    if unknown and workdays.known is not None:
        click.echo(t("habits.calendar_unknown", years=listing(unknown), version=workdays.version or "?",
                     first=workdays.known[0], last=workdays.known[1]), err=True)


def _mark(app: App, name: str, when: str, mark: Mark | None, since: str | None = None, *,
          count: int | None = None, note: str | None = None) -> None:
    """done / skip / undo: one small write, then one line that shows the streak."""
    from datetime import datetime

    from careerkit.core.habits import schedules
    from careerkit.core.habits.streaks import period
    from careerkit.store import habits as store
    from careerkit.store.database import session

    now = schedules.today()
    # undo takes any day, so that a mistaken check-in can always be taken back: an old one,
    # or one dated ahead while the clock was wrong
    day = schedules.parse_day(when, now, oldest=None if mark is None else schedules.oldest_check_in(now),
                              future=mark is None)
    moved = moved_line = None
    if since is not None:
        moved = schedules.parse_day(since, now, oldest=schedules.oldest_check_in(now))
        if moved > day:
            raise InputError("habits.since_after_day", since=moved.isoformat(), day=day.isoformat())
    with session(app.home.root, write=True) as work:
        habit = store.find(work, name)
        start = habit["created"]
        if moved is not None and moved.isoformat() < start:
            store.set_start(work, habit, moved)
            moved_line = t("habits.since_moved", name=habit["name"], since=moved.isoformat(), start=start)
        elif mark is not None and day.isoformat() < start:
            raise InputError("habits.before_start", name=habit["name"], start=start, day=day.isoformat(),
                             command=mark.value)
        workdays = workdays_of(app, work) if habit["every"] == "workdays" else None
        if workdays is not None:
            store.use_calendar(work, workdays)  # for the habit's summary, saved with its marks
        if mark is None:
            before = store.clear_mark(work, habit, day)
        else:
            if mark is schedules.Mark.SKIP \
                    and store.year_marks(work, habit["id"], day.year).get(day) is schedules.Mark.DONE:
                raise InputError("habits.skip_done", name=habit["name"], day=day.isoformat())
            before = store.set_mark(work, habit, day, mark, datetime.now().astimezone(), count=count, note=note)
        streak = store.current_streak(work, habit, now, workdays)
        this_week = None
        if habit["every"].endswith(("/week", "/month")):  # the ISO week may start in the previous year
            recent = {**store.year_marks(work, habit["id"], now.year - 1),
                      **store.year_marks(work, habit["id"], now.year)}
            this_week = period(schedules.Schedule.parse(habit["every"]), recent, now)
    if moved_line:
        click.echo(moved_line)
    if workdays is not None:
        calendar_notice(workdays, {day, now})
    line = _mark_line(app, habit["name"], day, now, mark, before, count=count, note=note)
    if mark is not None and habit["every"] == "weekdays" and day.weekday() >= 5:
        line += t("habits.weekend_note")
    elif mark is not None and workdays is not None and not workdays.is_workday(day):
        kind = workdays.kind(day).value
        line += t(f"habits.day_off_note.{kind if kind in ('holiday', 'off_duty') else 'weekend'}",
                  holiday=_holiday_name(workdays, day))
    elif mark is not None and habit["every"] != "workdays" and habit["every"].endswith("d"):
        schedule = store.schedule_of(habit)
        if not schedule.counts_on(day):
            line += t("habits.not_due_note", name=habit["name"], n=schedule.interval,
                      next=schedule.next_due(day).isoformat())
    click.echo(line + _streak_tail(app, streak, this_week))


def _holiday_name(workdays: Workdays, day: date) -> str:
    return holiday_name(workdays.names.get(day, ""))


def holiday_name(name: str) -> str:
    """A holiday's name (as chinese-calendar gives it, in English) in the user's language; "" when unknown."""
    key = "habits.holiday." + "_".join(name.lower().replace("'s", "s").replace("-", " ").split())
    return t(key) if name and has(key) else name


def _mark_line(app: App, name: str, day: date, now: date, mark: Mark | None, before: Mark | None, *,
               count: int | None = None, note: str | None = None) -> str:
    from careerkit.core.habits.schedules import Mark

    when = _day_text(day, now)
    if mark is None:
        if before is None:
            return t("habits.undo_nothing", name=name, day=when)
        return _style(app, "↶ ", "yellow") + t(f"habits.undone_{before.value}", name=name, day=when)
    if before is mark and (count is not None or note is not None):
        return t("habits.check_in_updated", name=name, day=when, details=_details(count, note).strip())
    if before is mark:
        return t(f"habits.already_{mark.value}", name=name, day=when)
    if mark is Mark.DONE:
        text = _style(app, "✓ ", "green", bold=True) + t("habits.done", name=name, day=when)
    else:
        text = _style(app, "– ", "cyan") + t("habits.skipped", name=name, day=when)
    return text + _details(count, note) + (t("habits.was_skipped") if before is Mark.SKIP else "")


def _details(count: int | None, note: str | None) -> str:
    """`` ×3 “counted the boxes”``: what a check-in said, after its line."""
    from careerkit.core.habits.names import clean_note

    out = f" ×{count}" if count is not None else ""
    text = clean_note(note)  # the note as stored: one line, no control characters (refused before)
    return out + (f" “{text}”" if text else "")


def _streak_tail(app: App, streak: Any, this_week: Any) -> str:
    from careerkit.messages.habits import flames, unit_text

    parts = []
    if this_week is not None:
        key = "habits.this_month" if this_week.kind == "month" else "habits.this_week"
        parts.append(t(key, count=this_week.count, target=this_week.target))
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
    return t("habits.day.date", date=day.isoformat())


def _style(app: App, text: str, color: str, *, bold: bool = False) -> str:
    return click.style(text, fg=color, bold=bold) if app.color else text


def _dim(app: App, text: str) -> str:
    return click.style(text, dim=True) if app.color else text
