"""Streaks, this period's count, the warning before a streak breaks, and completion rates.

The rules are the package's (:mod:`careerkit.core.habits`). ``habits done`` uses
:func:`current_streak_lazy` and :func:`period`, so this module stays as light as
:mod:`.schedules`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from careerkit.core.habits.schedules import (
    ONE_DAY,
    History,
    Kind,
    Mark,
    Schedule,
    days_between,
    per_period,
    period_end,
    period_start,
)

# ----------------------------------------------------------------------------- streaks


class Streak(NamedTuple):
    length: int
    unit: str  # "days", "weeks" or "months"
    complete: bool = True  # False: the run reaches back before the data given; older data may extend it


def _week_tally(history: History, week: date, until: date, last: date | None = None) -> tuple[int, int]:
    """(check-ins, skipped days) of the week (or month, to ``last``) starting on ``week``, up to ``until``."""
    done = skipped = 0
    for day in days_between(week, min(until, last or week + timedelta(days=6))):
        mark = history.get(day)
        if mark is Mark.DONE:
            done += 1
        elif mark is Mark.SKIP:
            skipped += 1
    return done, skipped


def week_target(per_week: int, skipped: int, length: int = 7) -> int:
    """Check-ins an N/week habit needs in a week with ``skipped`` skipped days (N/month: a month of ``length``)."""
    return math.ceil(per_week * (length - skipped) / length)


def _tally_of(schedule: Schedule, history: History, day: date, now: date) -> tuple[int, int]:
    """(check-ins, target) of the week or month holding ``day``, counted up to ``now``."""
    first, last = period_start(schedule, day), period_end(schedule, day)
    done, skipped = _week_tally(history, first, now, last)
    return done, week_target(per_period(schedule), skipped, (last - first).days + 1)


tally_of = _tally_of  # for the summaries of the past (.summary)


def _previous(schedule: Schedule, first: date) -> date:
    """The first day of the period before the one starting on ``first``."""
    return period_start(schedule, first - ONE_DAY)


def current_streak(schedule: Schedule, history: History, now: date, *, since: date | None = None) -> Streak:
    """The run ending today (or yesterday, or last week, while the current period is open).

    ``since`` is the first day ``history`` is known from; a run that reaches back past
    it is returned with ``complete=False`` so that a caller can load older data.
    """
    if schedule.periodic:
        return _week_streak(schedule, history, now, since)
    length = 0
    day = now
    weekdays_only = schedule.kind is Kind.WEEKDAYS
    every = schedule.kind is Kind.INTERVAL
    # a workdays habit asks its calendar: holidays and days off duty pass like weekends
    asks = every or schedule.kind is Kind.WORKDAYS
    floor = since or date.min
    if every and schedule.anchor is not None:
        floor = max(floor, schedule.anchor)
    get = history.get  # the walk covers years of days: keep the loop lean
    while day >= floor:
        if (not weekdays_only or day.weekday() < 5) and (not asks or schedule.counts_on(day)):
            mark = get(day)
            if mark is Mark.DONE:
                length += 1
            elif mark is None and day != now:
                return Streak(length, "days")
        if day == date.min:
            break
        day -= ONE_DAY
    reached_start = every and schedule.anchor is not None and day < schedule.anchor
    return Streak(length, "days", complete=since is None or reached_start or floor > since)


def _week_streak(schedule: Schedule, history: History, now: date, since: date | None) -> Streak:
    length = 0
    unit = "months" if schedule.kind is Kind.MONTHLY else "weeks"
    current = week = period_start(schedule, now)
    oldest = min(history, default=now)
    while True:
        if since is not None and week < since:
            return Streak(length, unit, complete=False)
        done, target = _tally_of(schedule, history, week, now)
        if target and done >= target:
            length += 1
        elif target and week != current:
            return Streak(length, unit)
        if since is None and week < oldest:  # nothing older to count: the run ends here
            return Streak(length, unit)
        week = _previous(schedule, week)


def current_streak_lazy(schedule: Schedule, years: list[int], load_year: Callable[[int], History],
                        now: date, summarised: Callable[[], Streak | None] | None = None) -> Streak:
    """The current streak, reading history only as far back as the streak runs.

    Reads this year (and the last, early in January); only a streak that runs back past
    them makes it ask ``summarised`` (the streak from a summary of the past, None when there
    is none to trust) or else read the older years, all at once, so there are at most two walks.
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
    found = summarised() if summarised is not None else None
    if found is not None:
        return found
    for year in older:
        history.update(load_year(year))
    return current_streak(schedule, history, now)


def best_streak(schedule: Schedule, history: History, now: date, *, start: date | None = None) -> int:
    """The longest run in ``history`` up to ``now`` (from ``start`` when given), by the same rules."""
    days = [d for d in history if d <= now and (start is None or d >= start)]
    if not days:
        return 0
    if schedule.periodic:
        return walk_periods(schedule, history, period_start(schedule, min(days)), now, now,
                            period_start(schedule, now), Run()).best
    return walk_marks(schedule, history, sorted(days), Run()).best


class Run(NamedTuple):
    """Where a walk for the best streak stands: the best run so far, the run going on, and the
    last marked day walked (daily kinds) or the first period not walked yet (N/week, N/month)."""

    best: int = 0
    run: int = 0
    last: date | None = None


def walk_marks(schedule: Schedule, history: History, days: list[date], state: Run) -> Run:
    """The best-streak walk of a daily kind over the marked ``days`` (sorted, after ``state.last``)."""
    # Walk the marked days only (years of history: one step a mark, not a step a day). A run
    # breaks where a due day between two marks has none; today, still open, is never such a day.
    due = schedule.counts_on
    every_day = schedule.kind is Kind.DAILY
    best, run, previous = state
    for day in days:
        if previous is not None and (day - previous).days > 1 and (
                every_day or any(due(d) for d in days_between(previous + ONE_DAY, day - ONE_DAY))):
            run = 0
        previous = day
        if history[day] is Mark.DONE and (every_day or due(day)):
            run += 1
            if run > best:
                best = run
    return Run(best, run, previous)


def walk_periods(schedule: Schedule, history: History, week: date, last: date, now: date,
                 current: date | None, state: Run) -> Run:
    """The best-streak walk of an N/week or N/month habit over the periods from ``week`` to the one
    holding ``last``, counted up to ``now``; ``current`` (the period of today) is never a break."""
    best, run = state.best, state.run
    while week <= last:
        done, target = _tally_of(schedule, history, week, now)
        if target and done >= target:
            run += 1
            best = max(best, run)
        elif target and week != current:
            run = 0
        week = period_end(schedule, week) + ONE_DAY
    return Run(best, run, week)


# ----------------------------------------------------------------------------- periods and rates


class Period(NamedTuple):
    """This period's count against its target: today (daily, weekdays, every N days), this ISO
    week (N/week) or this month (N/month)."""

    kind: str  # "today", "weekend", "holiday", "off_duty", "not_due", "week" or "month"
    count: int  # type: ignore[assignment]  # shadows tuple.count on purpose: no caller counts items
    target: int


def period(schedule: Schedule, history: History, now: date) -> Period:
    if schedule.periodic:
        done, target = _tally_of(schedule, history, now, now)
        return Period("month" if schedule.kind is Kind.MONTHLY else "week", done, target)
    mark = history.get(now)
    if not schedule.counts_on(now):
        return Period(_day_off(schedule, now), int(mark is Mark.DONE), 0)
    return Period("today", int(mark is Mark.DONE), 0 if mark is Mark.SKIP else 1)


def _day_off(schedule: Schedule, day: date) -> str:
    """Why a weekdays or workdays habit is not due on ``day``: a weekend, a holiday, a day off duty."""
    if schedule.kind is Kind.WORKDAYS and schedule.calendar is not None:
        kind = schedule.calendar.kind(day).value
        return kind if kind in ("holiday", "off_duty") else "weekend"
    return "weekend" if schedule.kind in (Kind.WEEKDAYS, Kind.WORKDAYS) else "not_due"


def at_risk(schedule: Schedule, history: History, now: date, streak: Streak | None = None) -> bool:
    """True when the current streak breaks unless the habit is done today."""
    if history.get(now) is not None:
        return False
    streak = streak or current_streak(schedule, history, now)
    if streak.length == 0:
        return False
    if not schedule.periodic:
        return schedule.counts_on(now)
    done, target = _tally_of(schedule, history, now, now)
    days_left = (period_end(schedule, now) - now).days + 1  # today included
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
        if schedule.periodic:
            slot = per_week.setdefault(period_start(schedule, day), [0, 0])
            slot[0] += 1
            slot[1] += mark is Mark.DONE
        else:
            due += 1
            credited += mark is Mark.DONE
    for first, (open_days, checked) in per_week.items():
        length = (period_end(schedule, first) - first).days + 1
        week_due = per_period(schedule) * open_days / length
        due += week_due
        credited += min(checked, week_due)
    return Tally(done, skipped, due, credited)


def started(created: date | None, history: History) -> date | None:
    """When a habit started: its creation or its first (back-dated) check-in, whichever is earlier."""
    candidates = [d for d in (created, min(history, default=None)) if d is not None]
    return min(candidates) if candidates else None
