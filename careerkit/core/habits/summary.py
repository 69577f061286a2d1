"""What a habit's past adds to ``habits status``, kept so that status need not read that past (issue 13).

A habit's status depends on today: its current streak runs back from today, its best streak
counts up to today. But everything before a *boundary* day (the first day of a year, or the
Monday of that year's first ISO week for an N/week habit) is settled: :func:`summarize` folds
the marks before it into a :class:`Past` (the best-streak walk as it stands there, the run that
ends just before it, the first mark), and :func:`current_streak`, :func:`best_streak` and
:func:`started` finish the computation for any day on or after the boundary from the marks
on and after it alone. They give what :mod:`.streaks` gives on the whole history (a property
test holds them to it over random histories and days).

:data:`VERSION` is part of what a stored summary is tied to: change it with these rules.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from careerkit.core.habits import streaks
from careerkit.core.habits.schedules import ONE_DAY, History, Kind, Mark, Schedule, monday, period_start

VERSION = 1


class Past(NamedTuple):
    """The marks before ``boundary``, as much of them as status needs."""

    boundary: date
    first: date | None = None  # the earliest mark before the boundary
    best: int = 0  # the best-streak walk at the boundary (see streaks.Run)
    run: int = 0
    last: date | None = None
    streak: int = 0  # the run that ends just before the boundary: what a current streak reaching it adds


def boundary(schedule: Schedule, year: int) -> date:
    """The first day of ``year`` for the habit's walks: its first ISO week's Monday for an N/week habit
    (a week that begins in December belongs to the new year's side), else 1 January."""
    first = date(year, 1, 1)
    return monday(first) if schedule.kind is Kind.WEEKLY else first


def summarize(schedule: Schedule, history: History, at: date) -> Past:
    """The :class:`Past` of the marks of ``history`` before ``at`` (a :func:`boundary`)."""
    old = {d: m for d, m in history.items() if d < at}
    if not old:
        return Past(at)
    first = min(old)
    before = at - ONE_DAY
    if schedule.periodic:
        walked = streaks.walk_periods(schedule, old, period_start(schedule, first), before, before, None,
                                      streaks.Run())
        return Past(at, first, walked.best, walked.run, None, _period_run(schedule, old, at, first))
    walked = streaks.walk_marks(schedule, old, sorted(old), streaks.Run())
    return Past(at, first, walked.best, walked.run, walked.last, _day_run(schedule, old, at, first))


def _day_run(schedule: Schedule, old: History, at: date, first: date) -> int:
    """Check-ins on due days walking back from the day before ``at`` to the first due day without a
    mark, as :func:`streaks.current_streak` walks them."""
    weekdays_only = schedule.kind is Kind.WEEKDAYS
    asks = schedule.kind is Kind.INTERVAL or schedule.kind is Kind.WORKDAYS
    floor = first  # before the first mark nothing adds to the run
    if schedule.kind is Kind.INTERVAL and schedule.anchor is not None:
        floor = max(floor, schedule.anchor)
    length = 0
    day = at - ONE_DAY
    while day >= floor:
        if (not weekdays_only or day.weekday() < 5) and (not asks or schedule.counts_on(day)):
            mark = old.get(day)
            if mark is Mark.DONE:
                length += 1
            elif mark is None:
                break
        day -= ONE_DAY
    return length


def _period_run(schedule: Schedule, old: History, at: date, first: date) -> int:
    """Periods met walking back from the one before ``at``, as :func:`streaks.current_streak` walks them."""
    length = 0
    week = period_start(schedule, at - ONE_DAY)
    before = at - ONE_DAY
    while True:
        done, target = streaks.tally_of(schedule, old, week, before)
        if target and done >= target:
            length += 1
        elif target:
            return length
        if week < first:
            return length
        week = period_start(schedule, week - ONE_DAY)


def current_streak(schedule: Schedule, recent: History, now: date, past: Past) -> streaks.Streak:
    """:func:`streaks.current_streak` on the whole history, from the marks on and after the boundary."""
    found = streaks.current_streak(schedule, recent, now, since=past.boundary)
    if found.complete:
        return found
    return streaks.Streak(found.length + past.streak, found.unit)


def best_streak(schedule: Schedule, recent: History, now: date, past: Past) -> int:
    """:func:`streaks.best_streak` on the whole history (up to ``now``), from the marks on and after the boundary."""
    days = sorted(d for d in recent if past.boundary <= d <= now)
    state = streaks.Run(past.best, past.run, past.last)
    if schedule.periodic:
        if past.first is not None:
            week = past.boundary
        elif days:
            week = period_start(schedule, days[0])
        else:
            return 0
        return streaks.walk_periods(schedule, recent, week, now, now, period_start(schedule, now), state).best
    if past.first is None and not days:
        return 0
    return streaks.walk_marks(schedule, recent, days, state).best


def started(created: date | None, recent: History, past: Past) -> date | None:
    """:func:`streaks.started` on the whole history."""
    found = [d for d in (created, past.first, min(recent, default=None)) if d is not None]
    return min(found) if found else None


def usable(past: Past, now: date) -> bool:
    """Whether ``past`` can finish the status of ``now`` (a day before its boundary needs the marks themselves)."""
    return now >= past.boundary
