"""The habit records as stored: a habit in ``habits.json``, a mark in ``<habit-id>/<YEAR>.json``.

Only the names of types: :mod:`careerkit.store.habits` reads and checks them, and
:class:`careerkit.core.habits.reports.HabitData` is what the core computes with.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class HabitRecord(TypedDict):
    id: str                   # 8 hex digits
    name: str
    every: str                # as `habits add --every` takes it: daily, weekdays, workdays, N/week, N/month, Nd
    competency: str | None
    model: str | None         # a model id
    note: str | None
    created: str              # ISO date: the habit's start (`habits add --since`, `done --since`)
    archived: str | None      # ISO date


class MarkRecord(TypedDict):
    date: str                 # ISO date
    mark: str                 # done | skip
    at: str                   # ISO date-time the mark was made
    count: NotRequired[int]   # a check-in's quantity (`habits done --count`, 1..COUNT_LIMIT)
    note: NotRequired[str]    # a check-in's note (`habits done --note`, one line, NOTE_LIMIT characters)


class RosterDay(TypedDict):
    date: str                 # ISO date
    duty: str                 # on | off: a shift roster's day (`habits calendar --roster FILE`)


class SummaryRecord(TypedDict):
    """``<habit-id>/summary.json``: what status needs of a habit's past (derived data, :mod:`..summary`)."""

    version: int              # careerkit's summary version (core.habits.summary.VERSION)
    habit: str                # the habit's id
    every: str                # its schedule, start day and calendar when computed
    created: str
    calendar: str | None      # a workdays habit's calendar: digest of region, official data version, roster
    cut: int                  # the year the summary stops before
    boundary: str             # ISO date: the marks before it are summarised (1 January; a Monday for N/week)
    years: dict[str, str]     # each year file before ``cut``: the checksum it was sealed with
    first: str | None         # ISO date of the earliest mark before the boundary
    best: int                 # the best-streak walk at the boundary
    run: int
    last: str | None
    streak: int               # the run that ends just before the boundary
    tail: dict[str, str]      # marks from the boundary to 1 January of ``cut`` (ordinal → done|skip)
