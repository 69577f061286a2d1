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
