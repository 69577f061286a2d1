"""What ``habits status``, ``habits report`` and ``habits sheet`` show, as plain data:
12-week calendars, per-habit and per-competency completion, the month grid of a sheet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from careerkit.core.habits import summary
from careerkit.core.habits.schedules import History, Kind, Mark, Schedule, monday, month_days
from careerkit.core.habits.streaks import at_risk, best_streak, current_streak, period, started, tally

if TYPE_CHECKING:
    from careerkit.core.habits.summary import Past
    from careerkit.core.habits.workdays import Workdays

# ----------------------------------------------------------------------------- calendar


class Cell(StrEnum):
    DONE = "done"
    SKIP = "skip"
    MISSED = "missed"  # a due day gone by without a check-in
    OPEN = "open"  # nothing yet, not a miss (today, or a day of an N/week or N/month habit)
    OFF = "off"  # not due: a weekend of a weekdays habit, a day between two of an every-N-days habit
    HOLIDAY = "holiday"  # not due: an official holiday or a day off duty of a workdays habit (like a skip)
    BEFORE = "before"  # before the habit started
    FUTURE = "future"


def cell(schedule: Schedule, history: History, day: date, now: date, start: date | None) -> Cell:
    mark = history.get(day)
    if mark is not None:
        return Cell.DONE if mark is Mark.DONE else Cell.SKIP
    if day > now:
        return Cell.FUTURE
    if start is None or day < start:
        return Cell.BEFORE
    if not schedule.counts_on(day):
        return Cell.HOLIDAY if _holiday(schedule, day) else Cell.OFF
    if day == now or schedule.periodic:
        return Cell.OPEN
    return Cell.MISSED


def _holiday(schedule: Schedule, day: date) -> bool:
    """A weekday (or a rostered weekend) a workdays habit is off: a holiday, a day off duty."""
    if schedule.kind is not Kind.WORKDAYS or schedule.calendar is None:
        return False
    return schedule.calendar.kind(day).value in ("holiday", "off_duty")


def status_days(now: date, *, window: int = 30, weeks: int = 12) -> tuple[date, date]:
    """The first and last day whose marks :func:`status` looks at one by one (its calendar, its rate)."""
    first = monday(now) - timedelta(weeks=weeks - 1)
    return min(first, now - timedelta(days=window - 1)), monday(now) + timedelta(days=6)


def calendar(schedule: Schedule, history: History, now: date, start: date | None,
             weeks: int = 12) -> list[list[tuple[date, Cell]]]:
    """The last ``weeks`` ISO weeks, oldest first: one row per week, Monday to Sunday."""
    first = monday(now) - timedelta(weeks=weeks - 1)
    return [
        [(day, cell(schedule, history, day, now, start))
         for day in (first + timedelta(days=7 * w + i) for i in range(7))]
        for w in range(weeks)
    ]


# ----------------------------------------------------------------------------- per habit, per competency


class HabitData(NamedTuple):
    """One habit with its whole history, as the views and the report need it."""

    id: str
    name: str
    schedule: Schedule
    created: date
    history: History
    competency: str | None = None
    note: str | None = None
    archived: date | None = None
    model: str | None = None
    details: Mapping[date, CheckIn] = {}  # a NamedTuple default: never mutated


class CheckIn(NamedTuple):
    """What a check-in says beyond done: a quantity (``--count``) and a note (``--note``)."""

    count: int | None = None  # type: ignore[assignment]  # shadows tuple.count on purpose, as Period does
    note: str | None = None


def _entries(habit: HabitData, start: date, end: date) -> list[dict[str, object]]:
    """The check-ins with a quantity or a note between ``start`` and ``end``, oldest first."""
    return [{"date": d.isoformat(), "count": c.count, "note": c.note}
            for d, c in sorted(habit.details.items()) if start <= d <= end and habit.history.get(d) is Mark.DONE]


def quantity(habit: HabitData, start: date, end: date) -> int | None:
    """The check-ins' quantities added up (one for a check-in without --count); None when none has one."""
    counted = [c.count for d, c in habit.details.items() if start <= d <= end and c.count is not None
               and habit.history.get(d) is Mark.DONE]
    if not counted:
        return None
    plain = sum(1 for d, m in habit.history.items() if start <= d <= end and m is Mark.DONE) - len(counted)
    return sum(counted) + plain


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def status(habit: HabitData, now: date, *, window: int = 30, weeks: int = 12,
           past: Past | None = None) -> dict[str, object]:
    """Everything ``habits status`` shows for one habit, as plain data.

    With ``past`` (a summary of the marks before its boundary, :mod:`.summary`), ``habit.history``
    need hold only the marks from the boundary on and those of the weeks shown.
    """
    history = habit.history
    if past is None:
        streak = current_streak(habit.schedule, history, now)
        best = best_streak(habit.schedule, history, now)
        start = started(habit.created, history)
    else:
        streak = summary.current_streak(habit.schedule, history, now, past)
        best = summary.best_streak(habit.schedule, history, now, past)
        start = summary.started(habit.created, history, past)
    rate_from = max(now - timedelta(days=window - 1), start or now)
    this = period(habit.schedule, history, now)
    entries = _entries(habit, rate_from, now)
    return {
        "id": habit.id,
        "name": habit.name,
        "every": str(habit.schedule),
        "competency": habit.competency,
        "streak": streak.length,
        "unit": streak.unit,
        "best": best,
        "at_risk": at_risk(habit.schedule, history, now, streak),
        "period": {"kind": this.kind, "count": this.count, "target": this.target},
        "rate": _pct(tally(habit.schedule, history, rate_from, now, now).rate),
        "quantity": quantity(habit, rate_from, now),
        "last_note": entries[-1] if entries else None,
        "calendar": [[{"date": d.isoformat(), "cell": c.value} for d, c in row]
                     for row in calendar(habit.schedule, history, now, start, weeks)],
    }


def report(habits: Iterable[HabitData], start: date, end: date, now: date) -> dict[str, object]:
    """Completion per habit and per competency over ``start``..``end``, with the streaks.

    A habit is in the report when it was active during the period (created by its end,
    not archived before its start) or has a mark inside it. Streaks are as of ``end``;
    ``best`` is the longest run inside the period.
    """
    end = min(end, now)
    rows: list[dict[str, object]] = []
    by_comp: dict[str | None, list[float]] = {}
    total = [0.0, 0.0, 0.0]
    for habit in habits:
        history = habit.history
        begun = started(habit.created, history) or habit.created
        marked = any(start <= d <= end for d in history)
        if not marked and (begun > end or (habit.archived is not None and habit.archived < start)):
            continue
        result = tally(habit.schedule, history, max(start, begun), end, now)
        streak = current_streak(habit.schedule, {d: m for d, m in history.items() if d <= end}, end)
        rows.append({
            "id": habit.id, "name": habit.name, "every": str(habit.schedule), "competency": habit.competency,
            "archived": habit.archived.isoformat() if habit.archived else None,
            "done": result.done, "skipped": result.skipped, "due": round(result.due, 1),
            "rate": _pct(result.rate), "streak": streak.length, "unit": streak.unit,
            "best": best_streak(habit.schedule, history, end, start=start),
            "quantity": quantity(habit, start, end), "check_ins": _entries(habit, start, end),
        })
        slot = by_comp.setdefault(habit.competency, [0.0, 0.0, 0.0, 0.0])
        for i, value in enumerate((1, result.done, result.due, result.credited)):
            slot[i] += value
        for i, value in enumerate((result.done, result.due, result.credited)):
            total[i] += value
    competencies = [
        {"competency": comp, "habits": int(n), "done": int(done), "due": round(due, 1),
         "rate": _pct(100.0 * credited / due if due else None)}
        for comp, (n, done, due, credited) in sorted(by_comp.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
    ]
    return {
        "from": start.isoformat(), "to": end.isoformat(), "habits": rows, "competencies": competencies,
        "total": {"habits": len(rows), "done": int(total[0]), "due": round(total[1], 1),
                  "rate": _pct(100.0 * total[2] / total[1] if total[1] else None)},
    }


def month_grid(habits: Iterable[HabitData], year: int, month: int,
               workdays: Workdays | None = None) -> dict[str, object]:
    """The tracker sheet of one month: its days and each habit's boxes.

    Each day says whether it is a ``weekend``, and, on the person's calendar (``workdays``),
    whether it is a day off (``rest``: a weekend or an official holiday or a day off duty;
    a make-up Saturday is not one), an official ``holiday`` or a ``makeup`` workday.
    """
    days = month_days(year, month)
    rows = []
    for habit in habits:
        boxes = []
        for day in days:
            mark = habit.history.get(day)
            state = mark.value if mark else ("off" if not habit.schedule.counts_on(day) else "open")
            boxes.append(state)
        rows.append({"id": habit.id, "name": habit.name, "every": str(habit.schedule),
                     "competency": habit.competency, "note": habit.note, "boxes": boxes})
    return {
        "year": year, "month": month, "month_iso": f"{year:04d}-{month:02d}",
        "days": [_sheet_day(d, workdays) for d in days],
        "habits": rows,
    }


def _sheet_day(day: date, workdays: Workdays | None) -> dict[str, object]:
    kind = workdays.kind(day).value if workdays is not None else ("work" if day.weekday() < 5 else "weekend")
    return {"day": day.day, "date": day.isoformat(), "weekday": day.weekday(), "weekend": day.weekday() >= 5,
            "rest": kind in ("weekend", "holiday", "off_duty"), "holiday": kind == "holiday",
            "makeup": kind in ("makeup", "on_duty") and day.weekday() >= 5}
