"""The habit summaries (issue 13): `habits status` from a summary of the past says what it says from every mark."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from careerkit.core.habits import reports, summary
from careerkit.core.habits.reports import HabitData
from careerkit.core.habits.schedules import Mark, Schedule
from careerkit.core.habits.workdays import official

ROTA = official("cn", {date(2025, 12, 27): True, date(2026, 1, 5): False, date(2025, 2, 3): False})
FIRST = date(2025, 11, 20)  # the histories cross a year, an ISO week that straddles it and 春节 2026
SCHEDULES = [Schedule.parse(s) for s in ("daily", "weekdays", "3/week", "1/week", "7/week", "2/month", "monthly",
                                         "31/month")]
SCHEDULES += [Schedule.parse("workdays").with_calendar(ROTA), Schedule.parse("workdays"),
              Schedule.parse("3d").starting(FIRST + timedelta(days=2)), Schedule.parse("2d").starting(FIRST)]
MARKS = st.sampled_from([Mark.DONE, Mark.DONE, Mark.DONE, Mark.DONE, Mark.SKIP])


def _split(history: dict[date, Mark], at: date, now: date) -> dict[date, Mark]:
    """What status reads besides the summary: the marks from the boundary on and those it shows."""
    shown, _ = reports.status_days(now)
    return {d: m for d, m in history.items() if d >= min(at, shown)}


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(SCHEDULES),
       st.dictionaries(st.integers(0, 150), MARKS, max_size=140),
       st.integers(0, 200), st.sampled_from([2025, 2026]), st.booleans())
def test_property_status_from_a_summary_is_status_from_every_mark(schedule, offsets, now, year, dense) -> None:  # type: ignore[no-untyped-def]
    history = {FIRST + timedelta(days=k): m for k, m in offsets.items()}
    if dense:  # long runs: streaks that reach back across the boundary
        history = {FIRST + timedelta(days=k): history.get(FIRST + timedelta(days=k), Mark.DONE)
                   for k in range(0, 151) if k % 17}
    at = summary.boundary(schedule, year)
    today = FIRST + timedelta(days=now)
    if not summary.usable(summary.Past(at), today):
        today = at + timedelta(days=now % 40)
    created = FIRST + timedelta(days=3)
    habit = HabitData(id="0badcafe", name="x", schedule=schedule, created=created, history=history)
    past = summary.summarize(schedule, history, at)
    partial = habit._replace(history=_split(history, at, today))
    assert reports.status(partial, today, past=past) == reports.status(habit, today)
