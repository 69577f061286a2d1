"""Habit rules, exactly as issue 5 states them: streaks, periods, rates, warnings, calendars.

Pure functions, tested with an explicit ``now``; dates are chosen to cross month, year
and ISO-week boundaries (2024 is a leap year; 2024-12-30 is Monday of ISO week 2025-W01).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerkit.core.habits import names, reports, schedules, streaks, suggestions
from careerkit.core.habits.schedules import Kind, Mark, Schedule
from careerkit.errors import InputError

DAILY = Schedule(Kind.DAILY)
WEEKDAYS = Schedule(Kind.WEEKDAYS, 5)
THREE = Schedule(Kind.WEEKLY, 3)
D = date.fromisoformat


def done(*days: str, skip: tuple[str, ...] = ()) -> dict[date, Mark]:
    history = {D(d): Mark.DONE for d in days}
    history.update({D(d): Mark.SKIP for d in skip})
    return history


def run(first: str, last: str) -> list[str]:
    """Every day from first to last, as ISO strings."""
    return [d.isoformat() for d in schedules.days_between(D(first), D(last))]


def streak(schedule: Schedule, history: dict[date, Mark], now: str) -> int:
    return streaks.current_streak(schedule, history, D(now)).length


# ----------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(("text", "expected"), [
    ("daily", "daily"), ("Daily", "daily"), ("每天", "daily"), ("weekdays", "weekdays"), ("周一至周五", "weekdays"),
    ("工作日", "workdays"), ("workdays", "workdays"),
    ("3/week", "3/week"), ("3 / week", "3/week"), ("1/WEEK", "1/week"), ("7/week", "7/week"), ("２/week", "2/week"),
    ("每周3次", "3/week"), ("每周二次", "2/week"), ("5x/week", "5/week"),
    ("weekly", "1/week"), ("每周", "1/week"), ("monthly", "1/month"), ("每月", "1/month"), ("2/month", "2/month"),
    ("每月2次", "2/month"), ("31/month", "31/month"), ("3d", "3d"), ("every 3 days", "3d"), ("每3天", "3d"),
    ("１d", "daily"),
])
def test_schedules_parse_from_the_every_option(text: str, expected: str) -> None:
    assert str(Schedule.parse(text)) == expected


@pytest.mark.parametrize("text", ["", "yearly", "0/week", "8/week", "0/month", "32/month", "0d", "366d", "daily!",
                                  "3", "/week", "-1/week"])
def test_a_bad_schedule_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(InputError) as caught:
        Schedule.parse(text)
    assert caught.value.key == "habits.bad_every"
    assert "N/week" in caught.value.message()


@pytest.mark.parametrize(("text", "expected"), [
    ("today", "2024-03-01"), ("TODAY", "2024-03-01"), ("今天", "2024-03-01"), ("yesterday", "2024-02-29"),
    ("-0", "2024-03-01"), ("-1", "2024-02-29"), ("-366", "2023-03-01"), ("2023-12-31", "2023-12-31"),
    (" 2024-02-29 ", "2024-02-29"),
])
def test_dates_parse_relative_to_today(text: str, expected: str) -> None:
    assert schedules.parse_day(text, D("2024-03-01")) == D(expected)


@pytest.mark.parametrize("text", ["tomorrow", "2023-02-29", "2024-2-1", "20240201", "+1", "-", "-x", "1 day",
                                  "2024-03-01T10:00", ""])
def test_a_bad_date_is_refused(text: str) -> None:
    with pytest.raises(InputError) as caught:
        schedules.parse_day(text, D("2024-03-01"))
    assert caught.value.key == "habits.bad_date"


@pytest.mark.parametrize("text", ["2024-03-02", "2030-01-01"])
def test_a_future_date_is_refused(text: str) -> None:
    with pytest.raises(InputError) as caught:
        schedules.parse_day(text, D("2024-03-01"))
    assert caught.value.key == "habits.future_date"


def test_a_check_in_more_than_ten_years_back_is_taken_for_a_typo_of_the_year() -> None:
    now = D("2025-03-12")
    oldest = schedules.oldest_check_in(now)
    assert schedules.parse_day("2015-03-13", now, oldest=oldest) == D("2015-03-13")
    for typo in ("0205-03-11", "1925-03-11", "-9999"):
        with pytest.raises(InputError) as caught:
            schedules.parse_day(typo, now, oldest=oldest)
        assert caught.value.key == "habits.too_old" and "check the year" in caught.value.message()
    assert schedules.parse_day("0205-03-11", now) == D("0205-03-11")  # without a floor (undo) any day goes


def test_a_report_may_name_a_day_ahead_of_today() -> None:
    assert schedules.parse_day("2025-03-31", D("2025-03-12"), future=True) == D("2025-03-31")


def test_the_days_of_a_month_include_the_last_month_there_is() -> None:
    assert len(schedules.month_days(2024, 2)) == 29 and schedules.month_days(2023, 12)[-1] == D("2023-12-31")
    assert schedules.month_days(9999, 12)[-1] == D("9999-12-31")
    assert len(reports.month_grid([], 9999, 12)["days"]) == 31


@pytest.mark.parametrize("text", ["\x1b[31mred", "a\u202eb", "bell\x07", "zero\ufeffwidth", "line\u2028sep"])
def test_names_and_notes_with_control_characters_are_refused(text: str) -> None:
    for clean in (names.clean_name, names.clean_note):
        with pytest.raises(InputError) as caught:
            clean(text)
        assert caught.value.key == "habits.control_chars"


def test_names_and_notes_are_cleaned_onto_one_line() -> None:
    assert names.clean_name("  Read\tthe\r\nnews ") == "Read the news"
    assert names.clean_note(" before\nleaving ") == "before leaving" and names.clean_note("  ") is None
    with pytest.raises(InputError) as caught:
        names.clean_note("x" * 501)
    assert caught.value.key == "habits.note_too_long"


def test_months_parse_and_bad_ones_are_refused() -> None:
    assert schedules.parse_month("2024-02") == (2024, 2)
    for bad in ("2024-13", "2024-00", "2024-1", "24-01", "2024/01", "", "２０２４-01"):
        with pytest.raises(InputError) as caught:
            schedules.parse_month(bad)
        assert caught.value.key == "habits.bad_month"


def test_today_comes_from_the_environment_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(schedules.TODAY_ENV, "2024-02-29")
    assert schedules.today() == D("2024-02-29")
    monkeypatch.setenv(schedules.TODAY_ENV, "someday")
    with pytest.raises(InputError):
        schedules.today()
    monkeypatch.delenv(schedules.TODAY_ENV)
    assert schedules.today() == date.today()


# ----------------------------------------------------------------------------- daily


def test_daily_streak_ends_today_or_yesterday_across_month_and_year_ends() -> None:
    history = done(*run("2023-12-29", "2024-01-02"))
    assert streak(DAILY, history, "2024-01-02") == 5  # ending today
    assert streak(DAILY, history, "2024-01-03") == 5  # ending yesterday, today not yet done
    assert streak(DAILY, history, "2024-01-04") == 0  # yesterday missed: broken
    leap = done(*run("2024-02-27", "2024-03-01"))
    assert streak(DAILY, leap, "2024-03-01") == 4  # through the 29th of February


def test_daily_undo_and_back_dated_check_ins_change_the_streak() -> None:
    history = done(*run("2024-05-01", "2024-05-10"))
    del history[D("2024-05-07")]  # undo
    assert streak(DAILY, history, "2024-05-10") == 3
    assert streaks.best_streak(DAILY, history, D("2024-05-10")) == 6
    history[D("2024-05-07")] = Mark.DONE  # back-dated check-in closes the gap
    assert streak(DAILY, history, "2024-05-10") == 10


def test_a_skipped_day_neither_breaks_nor_extends_a_daily_streak() -> None:
    history = done("2024-05-01", "2024-05-02", "2024-05-04", skip=("2024-05-03",))
    assert streak(DAILY, history, "2024-05-04") == 3
    today_skipped = done("2024-05-01", "2024-05-02", skip=("2024-05-03",))
    assert streak(DAILY, today_skipped, "2024-05-03") == 2
    assert not streaks.at_risk(DAILY, today_skipped, D("2024-05-03"))


# ----------------------------------------------------------------------------- weekdays


def test_weekdays_streak_passes_over_weekends() -> None:
    # Thu 2024-02-29, Fri 03-01, (Sat, Sun), Mon 03-04
    history = done("2024-02-29", "2024-03-01", "2024-03-04")
    assert streak(WEEKDAYS, history, "2024-03-04") == 3
    assert streak(WEEKDAYS, history, "2024-03-02") == 2  # Saturday: Friday's run stands
    assert streak(WEEKDAYS, history, "2024-03-05") == 3  # Tuesday, not yet done
    assert streak(WEEKDAYS, history, "2024-03-06") == 0  # Tuesday missed


def test_weekend_check_ins_do_not_extend_a_weekdays_streak() -> None:
    history = done("2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04")  # Fri, Sat, Sun, Mon
    assert streak(WEEKDAYS, history, "2024-03-04") == 2
    assert streaks.best_streak(WEEKDAYS, history, D("2024-03-04")) == 2


def test_weekdays_streak_across_a_year_end() -> None:
    # Fri 2024-12-27, Mon 12-30, Tue 12-31, Wed 2025-01-01, Thu 01-02
    history = done("2024-12-27", "2024-12-30", "2024-12-31", "2025-01-01", "2025-01-02")
    assert streak(WEEKDAYS, history, "2025-01-02") == 5
    assert streak(WEEKDAYS, history, "2025-01-03") == 5  # Friday, not yet done
    history[D("2025-01-03")] = Mark.DONE
    assert streak(WEEKDAYS, history, "2025-01-05") == 6  # Sunday


def test_on_saturday_a_missed_friday_has_already_broken_a_weekdays_streak() -> None:
    history = done("2024-02-28", "2024-02-29")  # Wed, Thu; Fri 03-01 missed
    assert streak(WEEKDAYS, history, "2024-03-02") == 0
    assert not streaks.at_risk(WEEKDAYS, history, D("2024-03-02"))


# ----------------------------------------------------------------------------- N/week


def test_weekly_streak_counts_iso_weeks_across_the_year_end() -> None:
    # ISO week 2025-W01 runs Mon 2024-12-30 .. Sun 2025-01-05
    history = done("2024-12-23", "2024-12-25", "2024-12-27",      # W52: 3
                   "2024-12-30", "2024-12-31", "2025-01-01")      # W01: 3
    assert streak(THREE, history, "2025-01-01") == 2
    assert streak(THREE, history, "2025-01-05") == 2


def test_weekly_current_week_counts_only_once_it_reaches_n() -> None:
    history = done("2024-02-26", "2024-02-27", "2024-02-28",     # W09 done
                   "2024-03-04", "2024-03-05")                   # W10: 2 so far
    assert streak(THREE, history, "2024-03-06") == 1
    history[D("2024-03-06")] = Mark.DONE
    assert streak(THREE, history, "2024-03-06") == 2
    assert streaks.period(THREE, history, D("2024-03-06")) == streaks.Period("week", 3, 3)
    assert streak(THREE, history, "2024-03-13") == 2  # W11 still open: W10 and W09 count
    assert streak(THREE, history, "2024-03-18") == 0  # W11 ended with nothing


def test_weekly_streak_breaks_on_a_short_week_and_best_remembers() -> None:
    history = done("2024-01-01", "2024-01-02", "2024-01-03",     # W01
                   "2024-01-08", "2024-01-09",                   # W02: only 2
                   "2024-01-15", "2024-01-16", "2024-01-17")     # W03
    assert streak(THREE, history, "2024-01-21") == 1
    assert streaks.best_streak(THREE, history, D("2024-01-21")) == 1
    history[D("2024-01-10")] = Mark.DONE  # back-dated
    assert streak(THREE, history, "2024-01-21") == 3
    assert streaks.best_streak(THREE, history, D("2024-01-21")) == 3


def test_skipped_days_lower_a_weeks_target_by_their_share() -> None:
    assert [streaks.week_target(3, s) for s in range(8)] == [3, 3, 3, 2, 2, 1, 1, 0]
    leave = done("2024-01-01", "2024-01-02", "2024-01-03",
                 "2024-01-12", skip=tuple(run("2024-01-08", "2024-01-11")))  # W02: 4 skipped, target 2
    assert streak(THREE, leave, "2024-01-14") == 1
    leave[D("2024-01-13")] = Mark.DONE
    assert streak(THREE, leave, "2024-01-14") == 2
    holiday = done("2024-01-01", "2024-01-02", "2024-01-03", skip=tuple(run("2024-01-08", "2024-01-14")))
    assert streak(THREE, holiday, "2024-01-15") == 1  # a fully skipped week passes over


def test_weekly_warning_only_when_today_is_the_last_chance() -> None:
    history = done("2024-02-26", "2024-02-27", "2024-02-28", "2024-03-04")  # W09 met; W10: 1 by Mon
    assert not streaks.at_risk(THREE, history, D("2024-03-05"))  # Tuesday: 2 needed, 6 days left
    assert streaks.at_risk(THREE, history, D("2024-03-09"))      # Saturday: 2 needed, 2 days left
    assert not streaks.at_risk(THREE, history, D("2024-03-10"))  # Sunday: 2 needed, 1 day left: lost already
    history[D("2024-03-09")] = Mark.DONE
    assert streaks.at_risk(THREE, history, D("2024-03-10"))      # Sunday: 1 needed, today is the last day


# ----------------------------------------------------------------------------- periods, rates, warnings


def test_period_counts_against_the_target() -> None:
    history = done("2024-03-01")
    assert streaks.period(DAILY, history, D("2024-03-01")) == streaks.Period("today", 1, 1)
    assert streaks.period(DAILY, {}, D("2024-03-01")) == streaks.Period("today", 0, 1)
    assert streaks.period(WEEKDAYS, {}, D("2024-03-02")) == streaks.Period("weekend", 0, 0)
    assert streaks.period(DAILY, done(skip=("2024-03-01",)), D("2024-03-01")) == streaks.Period("today", 0, 0)


def test_daily_warning_when_the_streak_breaks_unless_done_today() -> None:
    history = done("2024-02-28", "2024-02-29")
    assert streaks.at_risk(DAILY, history, D("2024-03-01"))
    assert not streaks.at_risk(DAILY, {**history, D("2024-03-01"): Mark.DONE}, D("2024-03-01"))
    assert not streaks.at_risk(DAILY, {}, D("2024-03-01"))  # no streak, nothing to lose


def test_completion_rate_is_check_ins_over_due_occasions() -> None:
    days = run("2024-04-01", "2024-04-30")  # April 2024: 30 days, 22 weekdays
    history = done(*days[:20], skip=tuple(days[20:24]))  # 20 done, 4 skipped, 6 missed
    daily = streaks.tally(DAILY, history, D("2024-04-01"), D("2024-04-30"), D("2024-05-15"))
    assert (daily.done, daily.skipped, daily.due) == (20, 4, 26)
    assert daily.rate == pytest.approx(100 * 20 / 26)
    weekday = streaks.tally(WEEKDAYS, done(*days), D("2024-04-01"), D("2024-04-30"), D("2024-05-15"))
    assert weekday.due == 22 and weekday.rate == 100  # weekend check-ins are kept but not due
    assert weekday.done == 30


def test_weekly_rate_has_n_occasions_a_week_and_caps_each_week() -> None:
    # Mon 2024-04-01 .. Sun 04-14: two full ISO weeks; 5 check-ins in the first, 1 in the second
    history = done("2024-04-01", "2024-04-02", "2024-04-03", "2024-04-04", "2024-04-05", "2024-04-08")
    result = streaks.tally(THREE, history, D("2024-04-01"), D("2024-04-14"), D("2024-05-01"))
    assert result.due == pytest.approx(6)
    assert result.credited == pytest.approx(4)  # the first week counts 3, not 5
    assert result.rate == pytest.approx(100 * 4 / 6)


def test_today_is_due_only_once_done_and_nothing_is_due_before_the_start() -> None:
    history = done("2024-03-01", "2024-03-02")
    open_today = streaks.tally(DAILY, history, D("2024-03-01"), D("2024-03-03"), D("2024-03-03"))
    assert (open_today.due, open_today.rate) == (2, 100)
    status = reports.status(reports.HabitData("a1b2c3d4", "x", DAILY, D("2024-03-01"), history), D("2024-03-03"))
    assert status["rate"] == 100.0  # 30-day window starts at the habit's start
    assert streaks.tally(DAILY, {}, D("2024-03-01"), D("2024-03-01"), D("2024-03-01")).rate is None


# ----------------------------------------------------------------------------- calendar, report, sheet


def test_calendar_has_twelve_weeks_monday_first_ending_this_week() -> None:
    now = D("2024-03-06")  # Wednesday
    history = done("2024-03-04", skip=("2024-03-05",))
    grid = reports.calendar(DAILY, history, now, D("2024-03-01"))
    assert len(grid) == 12 and all(len(week) == 7 for week in grid)
    assert grid[-1][0] == (D("2024-03-04"), reports.Cell.DONE)
    assert [c for _, c in grid[-1]] == ["done", "skip", "open", "future", "future", "future", "future"]
    assert grid[-2][4] == (D("2024-03-01"), reports.Cell.MISSED)
    assert grid[-2][3][1] == reports.Cell.BEFORE
    assert reports.calendar(WEEKDAYS, {}, now, D("2024-01-01"))[-2][5][1] == reports.Cell.OFF


def test_report_per_habit_and_per_competency() -> None:
    habits = [
        reports.HabitData("00000001", "Read", DAILY, D("2024-04-01"), done(*run("2024-04-01", "2024-04-10")),
                       competency="knowledge"),
        reports.HabitData("00000002", "Greet", WEEKDAYS, D("2024-04-01"), done("2024-04-01"), competency="knowledge"),
        reports.HabitData("00000003", "Later", DAILY, D("2024-05-01"), {}),  # started after the period
    ]
    data = reports.report(habits, D("2024-04-01"), D("2024-04-10"), D("2024-06-01"))
    assert [h["name"] for h in data["habits"]] == ["Read", "Greet"]
    read, greet = data["habits"]
    assert (read["done"], read["due"], read["rate"], read["streak"], read["best"]) == (10, 10, 100.0, 10, 10)
    assert (greet["done"], greet["due"], greet["rate"]) == (1, 8, 12.5)
    assert data["competencies"] == [{"competency": "knowledge", "habits": 2, "done": 11, "due": 18,
                                     "rate": round(100 * 11 / 18, 1)}]
    assert data["total"]["rate"] == round(100 * 11 / 18, 1)


def test_month_grid_has_every_day_and_marks_weekends() -> None:
    habit = reports.HabitData("00000001", "Read", WEEKDAYS, D("2024-01-01"), done("2024-02-01"))
    grid = reports.month_grid([habit], 2024, 2)
    assert len(grid["days"]) == 29
    assert [d["day"] for d in grid["days"] if d["weekend"]] == [3, 4, 10, 11, 17, 18, 24, 25]
    boxes = grid["habits"][0]["boxes"]
    assert boxes[0] == "done" and boxes[2] == "off" and boxes[4] == "open"


# ----------------------------------------------------------------------------- names, suggestions


def test_names_match_case_insensitively_by_unique_prefix_exact_first() -> None:
    table = {"a": "Read", "b": "Reading news", "c": "每日记录三件事", "d": "Café visit"}
    assert names.match_name("read", table) == ["a"]  # exact beats prefix
    assert names.match_name("REA", table) == ["a", "b"]
    assert names.match_name("readi", table) == ["b"]
    assert names.match_name("每日", table) == ["c"]
    assert names.match_name("cafe\u0301", table) == ["d"]  # decomposed é matches composed
    assert names.match_name("  ", table) == []


def test_weakest_and_suggestions() -> None:
    scores = {"a": {"score": 3.0}, "b": {"score": 1.5}, "c": {"score": None}, "d": {"score": 1.5},
              "e": {"score": 2.0}}
    assert suggestions.weakest(scores, ["a", "b", "c", "d", "e"]) == ["b", "d", "e"]
    assert suggestions.weakest(scores, ["a", "e"], n=3) == ["e", "a"]
    offered = {"b": ("Bee", [("Review updates daily", None), ("Write a note each week", None)]),
               "d": ("Dee", [("Greet everyone", None), ("Help a colleague", "3/week")])}
    rows = suggestions.suggest(["b", "d"], offered, tracked=["review UPDATES daily"])
    assert [(r["name"], r["every"], r["tracked"]) for r in rows] == [
        ("Review updates daily", "daily", True), ("Write a note each week", "1/week", False),
        ("Greet everyone", "weekdays", False), ("Help a colleague", "3/week", False)]
    assert str(suggestions.infer_schedule("每周复盘一次")) == "1/week"
    assert str(suggestions.infer_schedule("每日浏览更新")) == "daily"


def test_a_monthly_suggestion_is_tracked_monthly_not_every_weekday() -> None:
    assert str(suggestions.infer_schedule("Review career goals monthly")) == "1/month"
    assert str(suggestions.infer_schedule("每月回顾职业目标")) == "1/month"


# ----------------------------------------------------------------------------- lazy loading by year


def test_the_current_streak_reads_older_years_only_while_the_streak_runs_into_them() -> None:
    history = done(*run("2021-06-01", "2024-03-01"))
    by_year: dict[int, dict[date, Mark]] = {}
    for day, mark in history.items():
        by_year.setdefault(day.year, {})[day] = mark
    asked: list[int] = []

    def load(year: int) -> dict[date, Mark]:
        asked.append(year)
        return by_year.get(year, {})

    long = streaks.current_streak_lazy(DAILY, sorted(by_year), load, D("2024-03-01"))
    assert long.length == len(history) and long.complete
    assert sorted(asked) == [2021, 2022, 2023, 2024]
    asked.clear()
    by_year[2024].pop(D("2024-02-01"))
    short = streaks.current_streak_lazy(DAILY, sorted(by_year), load, D("2024-03-01"))
    assert short.length == 29 and asked == [2024]


# ----------------------------------------------------------------------------- properties

SCHEDULES = st.sampled_from([DAILY, WEEKDAYS, Schedule(Kind.WEEKLY, 1), THREE, Schedule(Kind.WEEKLY, 7)])
START = D("2023-12-01")
OFFSETS = st.integers(min_value=0, max_value=100)
HISTORIES = st.dictionaries(OFFSETS, st.sampled_from([Mark.DONE, Mark.DONE, Mark.DONE, Mark.SKIP]), max_size=80)


def _dated(history: dict[int, Mark]) -> dict[date, Mark]:
    return {START + timedelta(days=k): v for k, v in history.items()}


@settings(max_examples=300, deadline=None)
@given(SCHEDULES, HISTORIES, OFFSETS)
def test_property_a_streak_never_exceeds_the_check_ins(schedule: Schedule, history: dict[int, Mark],
                                                        now: int) -> None:
    dated = _dated(history)
    today = START + timedelta(days=now)
    check_ins = sum(1 for d, m in dated.items() if m is Mark.DONE and d <= today)
    current = streaks.current_streak(schedule, dated, today).length
    best = streaks.best_streak(schedule, dated, today)
    assert current <= check_ins and best <= check_ins
    assert current <= best


@settings(max_examples=300, deadline=None)
@given(SCHEDULES, HISTORIES, OFFSETS, OFFSETS)
def test_property_adding_a_check_in_never_shortens_the_best_streak(schedule: Schedule, history: dict[int, Mark],
                                                                   extra: int, now: int) -> None:
    dated = _dated(history)
    today = START + timedelta(days=max(now, extra))
    before = streaks.best_streak(schedule, dated, today)
    dated[START + timedelta(days=extra)] = Mark.DONE  # a new day, or a skipped one now done
    assert streaks.best_streak(schedule, dated, today) >= before


@settings(max_examples=100, deadline=None)
@given(SCHEDULES, HISTORIES, OFFSETS)
def test_property_reading_by_year_gives_the_same_streak(schedule: Schedule, history: dict[int, Mark],
                                                        now: int) -> None:
    dated = _dated(history)
    today = START + timedelta(days=now)
    by_year: dict[int, dict[date, Mark]] = {}
    for day, mark in dated.items():
        by_year.setdefault(day.year, {})[day] = mark
    lazy = streaks.current_streak_lazy(schedule, sorted(by_year), lambda y: by_year.get(y, {}), today)
    assert lazy.length == streaks.current_streak(schedule, dated, today).length
