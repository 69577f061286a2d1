"""Check-ins → streaks, period counts, completion rates, warnings and calendars.

Pure functions over plain types: a habit's history is a mapping ``date → Mark``
(at most one mark per day). The rules, exactly:

- **daily**: the streak is the run of consecutive days with a check-in ending today,
  or ending yesterday when today has none yet.
- **weekdays**: the same over Monday to Friday; Saturdays and Sundays neither break
  nor extend it (a weekend check-in is kept but does not count).
- **N/week**: the streak counts consecutive ISO weeks with at least N check-ins, the
  current week included once it has reached N.
- A **skipped** day is neither a break nor a check-in for any schedule, and it is left
  out of the due occasions. For N/week each skipped day takes its share of the week
  away: the week's target is ⌈N × (7 − skipped) ÷ 7⌉ (a fully skipped week has none
  and is passed over like a weekend).
- **Completion rate** = check-ins ÷ due occasions over a period, as a percentage. A day
  is one occasion for daily, a weekday one for weekdays; an N/week habit has N a week,
  N/7 per day of the week inside the period, and a week's check-ins count up to its
  occasions. Today is an occasion only once it is checked off (it is not over yet),
  and nothing is due before the habit started (its creation or first check-in).

Days are local calendar days. "Today" comes from :func:`today`.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from careerkit.errors import InputError

TODAY_ENV = "CAREERKIT_TODAY"
ONE_DAY = timedelta(days=1)


def today() -> date:
    """The local calendar day, or ``CAREERKIT_TODAY=YYYY-MM-DD`` when set.

    The variable is a hook for tests and scripts (replaying a log, demos); it is read
    here and nowhere else.
    """
    value = os.environ.get(TODAY_ENV, "").strip()
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError("habits.bad_today_env", name=TODAY_ENV, value=value) from None


# ----------------------------------------------------------------------------- schedules


class Kind(StrEnum):
    DAILY = "daily"
    WEEKDAYS = "weekdays"
    WEEKLY = "weekly"


class Mark(StrEnum):
    DONE = "done"
    SKIP = "skip"


_WEEKLY = r"([1-7])\s*(?:x|×|times)?\s*(?:/|a|per)?\s*(?:week|wk|w)"
_WEEKLY_ZH = r"每周\s*([1-7一二三四五六七])\s*次?"
_ZH_DIGITS = dict(zip("一二三四五六七", "1234567", strict=True))


# NamedTuples rather than dataclasses throughout: they are as immutable and cost a
# fraction of the import time, and `habits done` pays for every class created here.
class Schedule(NamedTuple):
    """How often a habit is due: every day, Monday to Friday, or N times an ISO week."""

    kind: Kind
    per_week: int = 7

    @classmethod
    def parse(cls, text: str) -> Schedule:
        """``daily``, ``weekdays`` or ``N/week`` (1–7); Chinese 每天, 工作日, 每周N次 too."""
        value = unicodedata.normalize("NFKC", text or "").strip().lower()
        if value in ("daily", "day", "every day", "每天", "每日"):
            return cls(Kind.DAILY)
        if value in ("weekdays", "weekday", "workdays", "工作日"):
            return cls(Kind.WEEKDAYS, 5)
        if len(value) == 6 and value.endswith("/week") and value[0] in "1234567":  # the stored form
            return cls(Kind.WEEKLY, int(value[0]))
        match = re.fullmatch(_WEEKLY, value, re.IGNORECASE) or re.fullmatch(_WEEKLY_ZH, value)
        if match:
            return cls(Kind.WEEKLY, int(_ZH_DIGITS.get(match.group(1), match.group(1))))
        raise InputError("habits.bad_every", value=text)

    def __str__(self) -> str:
        return f"{self.per_week}/week" if self.kind is Kind.WEEKLY else self.kind.value

    def counts_on(self, day: date) -> bool:
        """Whether a check-in on ``day`` can count (weekends do not for weekdays)."""
        return self.kind is not Kind.WEEKDAYS or day.weekday() < 5


def infer_schedule(text: str) -> Schedule:
    """A sensible schedule for a suggested habit from its wording (weekly, daily, else weekdays)."""
    lowered = text.lower()
    if any(w in lowered for w in ("week", "每周", "每星期")):
        return Schedule(Kind.WEEKLY, 1)
    if any(w in lowered for w in ("daily", "each day", "every day", "每日", "每天")):
        return Schedule(Kind.DAILY)
    return Schedule(Kind.WEEKDAYS, 5)


# ----------------------------------------------------------------------------- dates


def parse_day(text: str, now: date) -> date:
    """``YYYY-MM-DD``, ``today``, ``yesterday`` or ``-N`` days before ``now``; never in the future."""
    value = unicodedata.normalize("NFKC", text or "").strip().lower()
    if value in ("today", "今天"):
        day = now
    elif value in ("yesterday", "昨天"):
        day = now - ONE_DAY
    elif value[:1] == "-" and value[1:].isascii() and value[1:].isdigit() and len(value) <= 6:
        day = now - timedelta(days=int(value[1:]))
    elif len(value) == 10 and value.isascii() and value[4] == value[7] == "-" \
            and (value[:4] + value[5:7] + value[8:]).isdigit():
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise InputError("habits.bad_date", value=text) from None
    else:
        raise InputError("habits.bad_date", value=text)
    if day > now:
        raise InputError("habits.future_date", day=day.isoformat(), today=now.isoformat())
    return day


def parse_month(text: str) -> tuple[int, int]:
    """``YYYY-MM`` → (year, month)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", (text or "").strip(), re.ASCII)
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        raise InputError("habits.bad_month", value=text)
    return int(match.group(1)), int(match.group(2))


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def days_between(start: date, end: date) -> Iterable[date]:
    day = start
    while day <= end:
        yield day
        day += ONE_DAY


# ----------------------------------------------------------------------------- names


def name_key(name: str) -> str:
    """How names compare: NFC-normalised, trimmed, case-folded (Chinese included)."""
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


def match_name(query: str, names: Mapping[str, str]) -> list[str]:
    """Ids of ``names`` (id → name) matching ``query``: an exact match wins, else every prefix match."""
    key = name_key(query)
    if not key:
        return []
    exact = [hid for hid, name in names.items() if name_key(name) == key]
    if exact:
        return exact
    return [hid for hid, name in names.items() if name_key(name).startswith(key)]


# ----------------------------------------------------------------------------- streaks

History = Mapping[date, Mark]


class Streak(NamedTuple):
    length: int
    unit: str  # "days" or "weeks"
    complete: bool = True  # False: the run reaches back before the data given; older data may extend it


def _week_tally(history: History, week: date, until: date) -> tuple[int, int]:
    """(check-ins, skipped days) of the ISO week starting on Monday ``week``, up to ``until``."""
    done = skipped = 0
    for i in range(7):
        day = week + timedelta(days=i)
        if day > until:
            break
        mark = history.get(day)
        if mark is Mark.DONE:
            done += 1
        elif mark is Mark.SKIP:
            skipped += 1
    return done, skipped


def week_target(per_week: int, skipped: int) -> int:
    """Check-ins an N/week habit needs in a week with ``skipped`` skipped days."""
    return math.ceil(per_week * (7 - skipped) / 7)


def current_streak(schedule: Schedule, history: History, now: date, *, since: date | None = None) -> Streak:
    """The run ending today (or yesterday, or last week, while the current period is open).

    ``since`` is the first day ``history`` is known from; a run that reaches back past
    it is returned with ``complete=False`` so that a caller can load older data.
    """
    if schedule.kind is Kind.WEEKLY:
        return _week_streak(schedule, history, now, since)
    length = 0
    day = now
    weekdays_only = schedule.kind is Kind.WEEKDAYS
    floor = since or date.min
    get = history.get  # the walk covers years of days: keep the loop lean
    while day >= floor:
        if not weekdays_only or day.weekday() < 5:
            mark = get(day)
            if mark is Mark.DONE:
                length += 1
            elif mark is None and day != now:
                return Streak(length, "days")
        if day == date.min:
            break
        day -= ONE_DAY
    return Streak(length, "days", complete=since is None)


def _week_streak(schedule: Schedule, history: History, now: date, since: date | None) -> Streak:
    length = 0
    week = monday(now)
    while True:
        if since is not None and week < since:
            return Streak(length, "weeks", complete=False)
        done, skipped = _week_tally(history, week, now)
        target = week_target(schedule.per_week, skipped)
        if target and done >= target:
            length += 1
        elif target and week != monday(now):
            return Streak(length, "weeks")
        week -= timedelta(days=7)


def current_streak_lazy(schedule: Schedule, years: list[int], load_year: Callable[[int], History],
                        now: date) -> Streak:
    """The current streak, reading history only as far back as the streak runs.

    Reads this year (and the last, early in January); only a streak that runs back past
    them makes it read the older years, all at once, so there are at most two walks.
    """
    available = sorted((y for y in years if y <= now.year), reverse=True)
    recent = [y for y in available if y >= (now - timedelta(days=14)).year]
    history: dict[date, Mark] = {}
    for year in recent:
        history.update(load_year(year))
    streak = current_streak(schedule, history, now, since=date(min(recent, default=now.year), 1, 1))
    older = [y for y in available if y not in recent]
    if streak.complete or not older:
        return streak._replace(complete=True)
    for year in older:
        history.update(load_year(year))
    return current_streak(schedule, history, now)


def best_streak(schedule: Schedule, history: History, now: date, *, start: date | None = None) -> int:
    """The longest run in ``history`` up to ``now`` (from ``start`` when given), by the same rules."""
    days = [d for d in history if d <= now and (start is None or d >= start)]
    if not days:
        return 0
    first = min(days)
    best = run = 0
    if schedule.kind is Kind.WEEKLY:
        week = monday(first)
        while week <= now:
            done, skipped = _week_tally(history, week, now)
            target = week_target(schedule.per_week, skipped)
            if target and done >= target:
                run += 1
                best = max(best, run)
            elif target and week != monday(now):
                run = 0
            week += timedelta(days=7)
        return best
    for day in days_between(first, now):
        if not schedule.counts_on(day):
            continue
        mark = history.get(day)
        if mark is Mark.DONE:
            run += 1
            best = max(best, run)
        elif mark is None and day != now:
            run = 0
    return best


# ----------------------------------------------------------------------------- periods and rates


class Period(NamedTuple):
    """This period's count against its target: today (daily, weekdays) or this ISO week (N/week)."""

    kind: str  # "today", "weekend" or "week"
    count: int
    target: int


def period(schedule: Schedule, history: History, now: date) -> Period:
    if schedule.kind is Kind.WEEKLY:
        done, skipped = _week_tally(history, monday(now), now)
        return Period("week", done, week_target(schedule.per_week, skipped))
    mark = history.get(now)
    if not schedule.counts_on(now):
        return Period("weekend", int(mark is Mark.DONE), 0)
    return Period("today", int(mark is Mark.DONE), 0 if mark is Mark.SKIP else 1)


def at_risk(schedule: Schedule, history: History, now: date, streak: Streak | None = None) -> bool:
    """True when the current streak breaks unless the habit is done today."""
    if history.get(now) is not None:
        return False
    streak = streak or current_streak(schedule, history, now)
    if streak.length == 0:
        return False
    if schedule.kind is not Kind.WEEKLY:
        return schedule.counts_on(now)
    done, skipped = _week_tally(history, monday(now), now)
    target = week_target(schedule.per_week, skipped)
    days_left = 7 - now.weekday()  # today included
    return target - done == days_left  # reachable with today, lost without it


class Tally(NamedTuple):
    """Counts over a period: every check-in, skipped days, due occasions and check-ins that count."""

    done: int = 0
    skipped: int = 0
    due: float = 0.0
    credited: float = 0.0

    @property
    def rate(self) -> float | None:
        """Completion rate in percent; None when nothing was due."""
        return 100.0 * self.credited / self.due if self.due > 0 else None


def tally(schedule: Schedule, history: History, start: date, end: date, now: date) -> Tally:
    """Check-ins ÷ due occasions over ``start``..``end`` (clipped to ``now``), by the rules above."""
    end = min(end, now)
    done = skipped = 0
    due = credited = 0.0
    per_week: dict[date, list[int]] = {}
    for day in days_between(start, end):
        mark = history.get(day)
        if mark is Mark.DONE:
            done += 1
        elif mark is Mark.SKIP:
            skipped += 1
        if mark is Mark.SKIP or not schedule.counts_on(day) or (mark is None and day == now):
            continue
        if schedule.kind is Kind.WEEKLY:
            slot = per_week.setdefault(monday(day), [0, 0])
            slot[0] += 1
            slot[1] += mark is Mark.DONE
        else:
            due += 1
            credited += mark is Mark.DONE
    for open_days, checked in per_week.values():
        week_due = schedule.per_week * open_days / 7
        due += week_due
        credited += min(checked, week_due)
    return Tally(done, skipped, due, credited)


def started(created: date | None, history: History) -> date | None:
    """When a habit started: its creation or its first (back-dated) check-in, whichever is earlier."""
    candidates = [d for d in (created, min(history, default=None)) if d is not None]
    return min(candidates) if candidates else None


# ----------------------------------------------------------------------------- calendar


class Cell(StrEnum):
    DONE = "done"
    SKIP = "skip"
    MISSED = "missed"  # a due day gone by without a check-in
    OPEN = "open"  # nothing yet, not a miss (today, or a day of an N/week habit)
    OFF = "off"  # not due: a weekend of a weekdays habit
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
        return Cell.OFF
    if day == now or schedule.kind is Kind.WEEKLY:
        return Cell.OPEN
    return Cell.MISSED


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


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def status(habit: HabitData, now: date, *, window: int = 30, weeks: int = 12) -> dict[str, object]:
    """Everything ``habits status`` shows for one habit, as plain data."""
    history = habit.history
    streak = current_streak(habit.schedule, history, now)
    start = started(habit.created, history)
    rate_from = max(now - timedelta(days=window - 1), start or now)
    this = period(habit.schedule, history, now)
    return {
        "id": habit.id,
        "name": habit.name,
        "every": str(habit.schedule),
        "competency": habit.competency,
        "streak": streak.length,
        "unit": streak.unit,
        "best": best_streak(habit.schedule, history, now),
        "at_risk": at_risk(habit.schedule, history, now, streak),
        "period": {"kind": this.kind, "count": this.count, "target": this.target},
        "rate": _pct(tally(habit.schedule, history, rate_from, now, now).rate),
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


def month_grid(habits: Iterable[HabitData], year: int, month: int) -> dict[str, object]:
    """The tracker sheet of one month: its days (weekends marked) and each habit's boxes."""
    first = date(year, month, 1)
    last = (first + timedelta(days=32)).replace(day=1) - ONE_DAY
    days = list(days_between(first, last))
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
        "days": [{"day": d.day, "date": d.isoformat(), "weekday": d.weekday(), "weekend": d.weekday() >= 5}
                 for d in days],
        "habits": rows,
    }


# ----------------------------------------------------------------------------- suggestions


def weakest(scores: Mapping[str, object], eligible: Iterable[str], n: int = 3) -> list[str]:
    """The ``n`` lowest-scored competencies among ``eligible`` (ties keep the order of ``scores``).

    ``scores`` is a record's ``scores.competencies``: id → {"score": number | None, ...}.
    """
    allowed = set(eligible)
    scored = []
    for i, (cid, entry) in enumerate(scores.items()):
        value = entry.get("score") if isinstance(entry, Mapping) else None
        if cid in allowed and isinstance(value, (int, float)) and not isinstance(value, bool):
            scored.append((value, i, cid))
    return [cid for _, _, cid in sorted(scored)[:n]]


def suggest(competencies: Iterable[str], offered: Mapping[str, tuple[str, list[str]]],
            tracked: Iterable[str]) -> list[dict[str, object]]:
    """The model's habits for ``competencies``, each with a schedule read from its wording.

    ``offered`` maps competency id → (name, habit texts); a habit whose name is already
    tracked (case and spacing ignored) is marked ``tracked``.
    """
    have = {name_key(n) for n in tracked}
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for cid in competencies:
        comp_name, texts = offered.get(cid, (cid, []))
        for text in texts:
            if name_key(text) in seen:
                continue
            seen.add(name_key(text))
            rows.append({"competency": cid, "competency_name": comp_name, "name": " ".join(text.split()),
                         "every": str(infer_schedule(text)), "tracked": name_key(text) in have})
    return rows
