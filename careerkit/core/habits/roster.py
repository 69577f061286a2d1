"""A personal shift roster: the days a person is on or off duty, over their region's calendar.

The file is CSV (UTF-8, a BOM allowed), one day or one range of days a line::

    # date,duty,note          lines starting with # and blank lines are ignored
    date,duty,note            an optional header
    2026-12-05,on,Saturday rota
    2026-12-07..2026-12-09,off,days off in lieu
    2027-01-01,上班

``duty`` is ``on`` (上班, work) or ``off`` (休息, rest); the note is for the person and is not
kept. A range is inclusive and at most a year long. Every problem is reported at once with
its ``FILE:LINE:COL``, and nothing is saved while there is one.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from typing import Any

from careerkit.core.message import Message
from careerkit.yamldoc import Problem

ON = frozenset({"on", "work", "duty", "上班", "值班", "班"})
OFF = frozenset({"off", "rest", "free", "休息", "休", "休假"})
LONGEST_RANGE = 366
MOST_DAYS = 20_000  # about fifty years of days: far beyond any roster, short of a runaway file


def parse(text: str, source: str) -> tuple[dict[date, bool], list[Problem]]:
    """The roster's days (True: on duty) from its CSV text, and every problem with its place
    (``source`` names the file); the days count only when there is no problem."""
    days: dict[date, tuple[bool, int]] = {}
    problems: list[Problem] = []

    def problem(at: int, col: int, key: str, /, **params: Any) -> None:
        problems.append(Problem(source, at, col, "", Message(key, **params)))

    seen_data = False
    for number, row in enumerate(csv.reader(text.removeprefix("\ufeff").splitlines()), start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if not seen_data and cells[0].lower() in ("date", "日期"):
            seen_data = True
            continue
        seen_data = True
        if len(cells) < 2 or not cells[1]:
            problem(number, len(row[0]) + 2, "habits.roster.no_duty")
            continue
        span = _span(cells[0])
        if span is None:
            problem(number, 1, "habits.roster.bad_date", value=cells[0][:40])
            continue
        first, last = span
        if last < first:
            problem(number, 1, "habits.roster.backwards", start=first.isoformat(), end=last.isoformat())
            continue
        if (last - first).days >= LONGEST_RANGE:
            problem(number, 1, "habits.roster.too_long", limit=LONGEST_RANGE)
            continue
        duty = cells[1].lower()
        if duty not in ON and duty not in OFF:
            problem(number, len(row[0]) + 2, "habits.roster.bad_duty", value=cells[1][:20])
            continue
        on = duty in ON
        day = first
        while day <= last:
            before = days.get(day)
            if before is not None and before[0] is not on:
                problem(number, 1, "habits.roster.conflict", day=day.isoformat(), line=before[1])
                break
            days[day] = (on, number)
            day += timedelta(days=1)
        if len(days) > MOST_DAYS:
            problem(number, 1, "habits.roster.too_many", limit=MOST_DAYS)
            break
    if problems:
        return {}, problems
    return {d: on for d, (on, _) in sorted(days.items())}, []


def _span(text: str) -> tuple[date, date] | None:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD..YYYY-MM-DD`` (also with ``~`` or ``至``)."""
    for sep in ("..", "~", "至"):
        if sep in text:
            start, _, end = text.partition(sep)
            first, last = _day(start.strip()), _day(end.strip())
            return (first, last) if first and last else None
    day = _day(text)
    return (day, day) if day else None


def _day(text: str) -> date | None:
    if len(text) != 10 or not text.isascii():
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
