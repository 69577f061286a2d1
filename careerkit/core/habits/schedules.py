"""How often a habit is due, what a day can be marked with, and the days users type.

This module is on the path of ``habits done``: it imports nothing beyond the standard
library's light modules and :mod:`careerkit.errors`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from careerkit.errors import InputError

if TYPE_CHECKING:
    from careerkit.core.habits.workdays import Workdays

TODAY_ENV = "CAREERKIT_TODAY"
ONE_DAY = timedelta(days=1)
# A check-in further back than this is refused as a probable typo of the year (0205 for 2025).
OLDEST_CHECK_IN = timedelta(days=3653)


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


# ----------------------------------------------------------------------------- schedules and marks


class Kind(StrEnum):
    DAILY = "daily"
    WEEKDAYS = "weekdays"  # Monday to Friday, whatever the calendar
    WORKDAYS = "workdays"  # the days the person works: their region's official calendar and their roster
    WEEKLY = "weekly"      # N times an ISO week
    MONTHLY = "monthly"    # N times a calendar month
    INTERVAL = "interval"  # every N days from the habit's start


class Mark(StrEnum):
    DONE = "done"
    SKIP = "skip"


History = Mapping[date, Mark]

_WEEKLY = r"([1-7])\s*(?:x|×|times)?\s*(?:/|a|per)?\s*(?:week|wk|w)"
_WEEKLY_ZH = r"每周\s*([1-7一二三四五六七])\s*次?"
_ZH_DIGITS = dict(zip("一二三四五六七八九", "123456789", strict=True))
_MONTHLY = r"([1-9]|[12][0-9]|3[01])\s*(?:x|×|times)?\s*(?:/|a|per)?\s*(?:month|mo|m)"
_MONTHLY_ZH = r"每月\s*([1-9一二三四五六七八九]|[12][0-9]|3[01])\s*次"
_INTERVAL = r"(?:every\s*)?([1-9][0-9]{0,2})\s*(?:d|days?)"
_INTERVAL_ZH = r"每\s*([1-9][0-9]{0,2}|[二三四五六七八九])\s*天"
INTERVAL_LIMIT = 365


# NamedTuples rather than dataclasses throughout: they are as immutable and cost a
# fraction of the import time, and `habits done` pays for every class created here.
class Schedule(NamedTuple):
    """How often a habit is due: every day, Monday to Friday, N times an ISO week or a
    calendar month, or every N days counted from ``anchor`` (the habit's start)."""

    kind: Kind
    per_week: int = 7
    per_month: int = 0
    interval: int = 0
    anchor: date | None = None  # an every-N-days habit's first due day; set from the habit's start
    calendar: Workdays | None = None  # a workdays habit's calendar (None: Monday to Friday)

    @classmethod
    def parse(cls, text: str) -> Schedule:
        """``daily``, ``weekdays``, ``weekly``, ``N/week`` (1–7), ``monthly``, ``N/month`` (1–31),
        ``Nd`` (every N days); Chinese 每天, 工作日, 每周, 每周N次, 每月, 每月N次, 每N天 too."""
        value = unicodedata.normalize("NFKC", text or "").strip().lower()
        if value in ("daily", "day", "every day", "每天", "每日", "1d"):
            return cls(Kind.DAILY)
        if value in ("weekdays", "weekday", "mon-fri", "周一至周五"):
            return cls(Kind.WEEKDAYS, 5)
        if value in ("workdays", "workday", "工作日", "上班日"):
            return cls(Kind.WORKDAYS, 5)
        if value in ("weekly", "every week", "每周", "每星期"):
            return cls(Kind.WEEKLY, 1)
        if value in ("monthly", "every month", "每月"):
            return cls(Kind.MONTHLY, per_month=1)
        if len(value) == 6 and value.endswith("/week") and value[0] in "1234567":  # the stored form
            return cls(Kind.WEEKLY, int(value[0]))
        match = re.fullmatch(_WEEKLY, value, re.IGNORECASE) or re.fullmatch(_WEEKLY_ZH, value)
        if match:
            return cls(Kind.WEEKLY, int(_ZH_DIGITS.get(match.group(1), match.group(1))))
        match = re.fullmatch(_MONTHLY, value) or re.fullmatch(_MONTHLY_ZH, value)
        if match:
            return cls(Kind.MONTHLY, per_month=int(_ZH_DIGITS.get(match.group(1), match.group(1))))
        match = re.fullmatch(_INTERVAL, value) or re.fullmatch(_INTERVAL_ZH, value)
        if match:
            n = int(_ZH_DIGITS.get(match.group(1), match.group(1)))
            if n > INTERVAL_LIMIT:
                raise InputError("habits.bad_every", value=text)
            return cls(Kind.DAILY) if n == 1 else cls(Kind.INTERVAL, interval=n)
        raise InputError("habits.bad_every", value=text)

    def __str__(self) -> str:
        if self.kind is Kind.WEEKLY:
            return f"{self.per_week}/week"
        if self.kind is Kind.MONTHLY:
            return f"{self.per_month}/month"
        if self.kind is Kind.INTERVAL:
            return f"{self.interval}d"
        return self.kind.value

    @property
    def periodic(self) -> bool:
        """N times a week or a month: the streak counts periods, not days."""
        return self.kind is Kind.WEEKLY or self.kind is Kind.MONTHLY

    def starting(self, start: date | None) -> Schedule:
        """This schedule anchored at a habit's start (only every-N-days needs one)."""
        return self._replace(anchor=start) if self.kind is Kind.INTERVAL else self

    def with_calendar(self, calendar: Workdays | None) -> Schedule:
        """This schedule on a person's calendar (only workdays needs one)."""
        return self._replace(calendar=calendar) if self.kind is Kind.WORKDAYS else self

    def counts_on(self, day: date) -> bool:
        """Whether a check-in on ``day`` can count (weekends do not for weekdays, days off do not for
        workdays; an every-N-days habit counts only on its due days)."""
        if self.kind is Kind.WEEKDAYS:
            return day.weekday() < 5
        if self.kind is Kind.WORKDAYS:
            return day.weekday() < 5 if self.calendar is None else self.calendar.is_workday(day)
        if self.kind is Kind.INTERVAL:
            anchor = self.anchor or day
            return day >= anchor and (day - anchor).days % self.interval == 0
        return True

    def next_due(self, day: date) -> date:
        """The first due day on or after ``day`` (every-N-days habits; ``day`` for the others)."""
        if self.kind is not Kind.INTERVAL or self.anchor is None:
            return day
        if day < self.anchor:
            return self.anchor
        return day + timedelta(days=-(day - self.anchor).days % self.interval)


# ----------------------------------------------------------------------------- days


def parse_day(text: str, now: date, *, oldest: date | None = None, future: bool = False) -> date:
    """``YYYY-MM-DD``, ``today``, ``yesterday`` or ``-N`` days before ``now``.

    A day after ``now`` is refused unless ``future`` (a report may end ahead of today);
    with ``oldest``, so is a day before it (a check-in ten years ago is a typo of the year).
    """
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
    if day > now and not future:
        raise InputError("habits.future_date", day=day.isoformat(), today=now.isoformat())
    if oldest is not None and day < oldest:
        raise InputError("habits.too_old", day=day.isoformat(), oldest=oldest.isoformat())
    return day


def oldest_check_in(now: date) -> date:
    """The earliest day a check-in or a skip may be given for (undo takes any day)."""
    return now - OLDEST_CHECK_IN


def parse_month(text: str) -> tuple[int, int]:
    """``YYYY-MM`` → (year, month)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", (text or "").strip(), re.ASCII)
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        raise InputError("habits.bad_month", value=text)
    return int(match.group(1)), int(match.group(2))


def month_days(year: int, month: int) -> list[date]:
    """Every day of one month (December 9999 included)."""
    last = date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - ONE_DAY
    return list(days_between(date(year, month, 1), last))


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def period_start(schedule: Schedule, day: date) -> date:
    """The first day of the week (N/week) or the month (N/month) ``day`` is in."""
    return day.replace(day=1) if schedule.kind is Kind.MONTHLY else monday(day)


def period_end(schedule: Schedule, day: date) -> date:
    """The last day of the week or the month ``day`` is in."""
    if schedule.kind is Kind.MONTHLY:
        return date(day.year, 12, 31) if day.month == 12 else date(day.year, day.month + 1, 1) - ONE_DAY
    return monday(day) + timedelta(days=6)


def per_period(schedule: Schedule) -> int:
    """Check-ins a periodic habit needs in a whole week or month."""
    return schedule.per_month if schedule.kind is Kind.MONTHLY else schedule.per_week


def days_between(start: date, end: date) -> Iterable[date]:
    day = start
    while day <= end:
        yield day
        if day == date.max:
            return
        day += ONE_DAY
