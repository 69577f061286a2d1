"""Workdays: the official calendar of a person's region, overridden by their own shift roster.

A ``workdays`` habit is due on the days the person works. Which days those are:

1. a day in the person's **shift roster** (``habits calendar --roster FILE``) is on or off
   duty as the roster says — branches open at weekends on rotas;
2. otherwise, in region ``cn``, the State Council's calendar for that year: statutory
   holidays (春节, 国庆 …) are days off, make-up workdays (调休, often a Saturday or a
   Sunday) are workdays, the other days are Monday to Friday;
3. a year the calendar does not know yet (the notice comes out each November) is taken as
   Monday to Friday, and :meth:`Workdays.unknown_years` says so, so that the commands tell
   the user (never a silent fallback); region ``none`` is Monday to Friday throughout.

The official data comes from ``chinese-calendar`` (PyPI; imported here only, and only when a
``workdays`` habit's calendar is built, so that start-up and ``habits done`` of other habits do
not pay for it). It was chosen over ``holidays`` because it has followed each year's notice within
days (``holidays`` takes a week or two and then waits for its monthly release), and because it
refuses a year it does not know, where ``holidays`` silently extrapolates one by rule (its 2027
China has no make-up workdays and a five-day National Day), which is exactly the wrong day
counted as a miss that a bank's staff would notice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import NamedTuple

REGIONS = ("cn", "none")
LIBRARY = "chinese-calendar"


class DayKind(StrEnum):
    WORK = "work"            # a plain Monday to Friday workday
    MAKEUP = "makeup"        # an official make-up workday (调休) on a weekend
    ON_DUTY = "on_duty"      # the roster says on duty (a weekend rota, a holiday shift)
    WEEKEND = "weekend"
    HOLIDAY = "holiday"      # an official holiday (a weekend day inside one counts as holiday too)
    OFF_DUTY = "off_duty"    # the roster says off duty


WORKING = frozenset({DayKind.WORK, DayKind.MAKEUP, DayKind.ON_DUTY})


class Workdays(NamedTuple):
    """A person's working days. ``holidays`` and ``makeup`` hold the official days of the
    ``known`` years (inclusive range, None when the region has no official calendar)."""

    region: str = "none"
    holidays: frozenset[date] = frozenset()
    makeup: frozenset[date] = frozenset()
    known: tuple[int, int] | None = None
    roster: Mapping[date, bool] = {}  # a NamedTuple default: never mutated
    names: Mapping[date, str] = {}  # holiday names by day (English), for the views
    version: str | None = None  # the library's version, for the messages

    def kind(self, day: date) -> DayKind:
        on = self.roster.get(day)
        if on is not None:
            return DayKind.ON_DUTY if on else DayKind.OFF_DUTY
        if day in self.makeup:
            return DayKind.MAKEUP
        if day in self.holidays:
            return DayKind.HOLIDAY
        return DayKind.WORK if day.weekday() < 5 else DayKind.WEEKEND

    def is_workday(self, day: date) -> bool:
        return self.kind(day) in WORKING

    def knows(self, year: int) -> bool:
        """Whether the official calendar of ``year`` is known (region ``none`` has none to know)."""
        return self.known is None or self.known[0] <= year <= self.known[1]

    def unknown_years(self, days: Iterable[date]) -> list[int]:
        """Years among ``days`` that fall back to Monday to Friday for want of the official calendar
        (a day the roster covers needs no calendar)."""
        if self.known is None:
            return []
        return sorted({d.year for d in days if not self.knows(d.year) and d not in self.roster})


def official(region: str, roster: Mapping[date, bool] | None = None) -> Workdays:
    """The calendar of ``region`` (``cn`` or ``none``) with ``roster`` laid over it."""
    roster = dict(roster or {})
    if region != "cn":
        return Workdays("none", roster=roster)
    import chinese_calendar  # type: ignore[import-untyped]  # the official data; only ever imported here
    from chinese_calendar import constants

    holidays = {d: str(name) for d, name in constants.holidays.items()}
    years = [d.year for d in holidays]
    return Workdays(
        "cn", holidays=frozenset(holidays), makeup=frozenset(constants.workdays),
        known=(min(years), max(years)), roster=roster, names=holidays,
        version=str(getattr(chinese_calendar, "__version__", "?")),
    )


def default_region(lang: str) -> str:
    """China's calendar for Chinese users, Monday to Friday for the others, until they set one."""
    return "cn" if lang == "zh" else "none"
