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
from typing import NamedTuple

from careerkit.errors import InputError

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
    WEEKDAYS = "weekdays"
    WEEKLY = "weekly"


class Mark(StrEnum):
    DONE = "done"
    SKIP = "skip"


History = Mapping[date, Mark]

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


def days_between(start: date, end: date) -> Iterable[date]:
    day = start
    while day <= end:
        yield day
        if day == date.max:
            return
        day += ONE_DAY
