"""`workdays` habits on China's official calendar and a personal shift roster; quantities and
notes on check-ins. Real store files in the tmp home, the real chinese-calendar data.

The 2026 calendar (the State Council's notice of November 2025): 春节 is 15–23 February,
with Saturday 14 and Saturday 28 February make-up workdays; 2027 is not known to the
library yet, so it is counted Monday to Friday and said so.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerkit.core.habits import roster as rosters
from careerkit.core.habits.reports import Cell, cell, month_grid
from careerkit.core.habits.schedules import Mark, Schedule, days_between
from careerkit.core.habits.streaks import best_streak, current_streak, period, tally
from careerkit.core.habits.workdays import official
from tests.conftest import ok, payload

CN = official("cn")
WORKDAYS = Schedule.parse("workdays").with_calendar(CN)
FEB_2026 = list(days_between(date(2026, 2, 1), date(2026, 2, 28)))


def done_on_workdays(days: list[date], calendar=CN) -> dict[date, Mark]:  # type: ignore[no-untyped-def]
    return {d: Mark.DONE for d in days if calendar.is_workday(d)}


# ----------------------------------------------------------------------------- the official calendar (core)


def test_spring_festival_neither_breaks_nor_extends_a_workdays_streak() -> None:
    history = done_on_workdays([d for d in FEB_2026 if d <= date(2026, 2, 24)])
    # 2–6, 9–13 (10), Saturday 14 (a make-up workday), 24 (the first workday after the holiday)
    assert current_streak(WORKDAYS, history, date(2026, 2, 24)).length == 12
    # on main `workdays` was Monday to Friday: 16–20 February were misses and the run was 1 day
    assert current_streak(Schedule.parse("weekdays"), history, date(2026, 2, 24)).length == 1


def test_a_make_up_saturday_is_due_and_missing_it_breaks_the_streak() -> None:
    history = done_on_workdays([d for d in FEB_2026 if d <= date(2026, 2, 24)])
    del history[date(2026, 2, 14)]
    assert current_streak(WORKDAYS, history, date(2026, 2, 24)).length == 1
    assert cell(WORKDAYS, history, date(2026, 2, 14), date(2026, 2, 24), date(2026, 2, 1)) is Cell.MISSED


def test_holidays_are_not_due_in_the_rate_and_show_as_holidays() -> None:
    history = done_on_workdays(FEB_2026)
    result = tally(WORKDAYS, history, date(2026, 2, 1), date(2026, 2, 28), date(2026, 3, 1))
    assert result.rate == 100.0
    assert result.due == 14 + 2  # 2–6, 9–13 and 24–27 are 14 weekdays, and Saturdays 14 and 28
    assert cell(WORKDAYS, {}, date(2026, 2, 17), date(2026, 3, 1), date(2026, 2, 1)) is Cell.HOLIDAY
    assert period(WORKDAYS, {}, date(2026, 2, 17)).kind == "holiday"


def test_national_day_2026_and_its_make_up_sunday() -> None:
    assert not CN.is_workday(date(2026, 10, 6))  # a Tuesday inside 国庆
    assert CN.is_workday(date(2026, 9, 20))  # a Sunday make-up workday
    assert CN.is_workday(date(2026, 10, 10))  # a Saturday make-up workday


def test_a_year_the_library_does_not_know_is_monday_to_friday_and_reported() -> None:
    assert CN.knows(2026) and not CN.knows(2027)
    assert CN.is_workday(date(2027, 1, 1)) is True  # a Friday: counted as a plain weekday, and said
    assert CN.unknown_years([date(2026, 12, 31), date(2027, 1, 4)]) == [2027]
    covered = official("cn", {date(2027, 1, 4): True})
    assert covered.unknown_years([date(2027, 1, 4)]) == []  # the roster says what that day is
    assert official("none").unknown_years([date(2027, 1, 4)]) == []


def test_the_roster_overrides_the_calendar_both_ways() -> None:
    rota = official("cn", {date(2026, 2, 15): True, date(2026, 2, 24): False})
    schedule = Schedule.parse("workdays").with_calendar(rota)
    assert schedule.counts_on(date(2026, 2, 15))  # a Sunday inside 春节, on duty
    assert not schedule.counts_on(date(2026, 2, 24))  # a Tuesday, off duty
    assert period(schedule, {}, date(2026, 2, 24)).kind == "off_duty"


def test_the_sheet_shades_holidays_and_not_make_up_saturdays() -> None:
    grid = month_grid([], 2026, 2, CN)
    days = {d["day"]: d for d in grid["days"]}  # type: ignore[attr-defined]
    assert days[14]["weekend"] and not days[14]["rest"] and days[14]["makeup"]
    assert days[16]["holiday"] and days[16]["rest"] and not days[16]["weekend"]
    assert days[7]["rest"] and not days[7]["holiday"]
    assert not days[24]["rest"]


# ----------------------------------------------------------------------------- the roster file (core)


def test_a_roster_takes_days_ranges_a_header_comments_and_chinese_words() -> None:
    text = ("\ufeff# my rota\ndate,duty,note\n2026-12-05,on,Saturday rota\n\n2026-12-07..2026-12-09,off\n"
            "2026-12-12,上班\n")
    days, problems = rosters.parse(text, "r.csv")
    assert problems == []
    assert days == {date(2026, 12, 5): True, date(2026, 12, 7): False, date(2026, 12, 8): False,
                    date(2026, 12, 9): False, date(2026, 12, 12): True}


def test_every_problem_of_a_roster_is_reported_with_its_line_and_column() -> None:
    text = "date,duty\n2026-12-05,on\n2026-12-06,maybe\n2026-13-01,off\n2026-12-09..2026-12-01,off\n" \
           "2026-12-05,off\n2026-12-10\n"
    days, problems = rosters.parse(text, "r.csv")
    assert days == {}
    assert [str(p) for p in problems] == [
        "r.csv:3:12: 'maybe' is neither on nor off (on, work, 上班; off, rest, 休息)",
        "r.csv:4:1: '2026-13-01' is not a day: use YYYY-MM-DD or FROM..TO",
        "r.csv:5:1: the range ends (2026-12-01) before it starts (2026-12-09)",
        "r.csv:6:1: 2026-12-05 is already given the other way on line 2",
        "r.csv:7:12: say on or off after the date (e.g. 2026-12-05,on)",
    ]


# ----------------------------------------------------------------------------- the commands


@pytest.fixture
def zh_habit(run, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Chinese user's workdays habit, started 2 February 2026; today is 24 February."""
    monkeypatch.setenv("CAREERKIT_TODAY", "2026-02-24")
    ok(run("--lang", "zh", "habits", "add", "营业前检查", "--every", "工作日", "--since", "2026-02-02"))


def test_a_chinese_users_workdays_follow_the_official_calendar(run, zh_habit) -> None:
    for day in ("2026-02-02", "2026-02-03", "2026-02-04", "2026-02-05", "2026-02-06", "2026-02-09", "2026-02-10",
                "2026-02-11", "2026-02-12", "2026-02-13", "2026-02-14"):
        ok(run("habits", "done", "营业前", "--date", day))
    out = ok(run("--lang", "zh", "habits", "done", "营业前"))
    assert "连续 12 天" in out
    row = payload(run("--lang", "zh", "habits", "status", "--json").stdout)
    assert row["habits"][0]["rate"] == 100.0 and row["workdays"]["region"] == "cn"
    table = ok(run("--lang", "zh", "habits", "status"))
    assert "○ 节假日或休息" in table and "工作日" in table


def test_a_check_in_on_a_holiday_says_it_does_not_count(run, zh_habit) -> None:
    out = ok(run("--lang", "zh", "habits", "done", "营业前", "--date", "2026-02-17"))
    assert "（该日为春节假期：工作日习惯不计入）" in out
    ok(run("habits", "calendar", "--region", "cn"))
    assert "(a public holiday, Spring Festival: it does not count" in ok(
        run("habits", "done", "营业前", "--date", "2026-02-18"))


def test_an_english_user_gets_monday_to_friday_until_they_set_the_region(run, monkeypatch) -> None:
    monkeypatch.setenv("CAREERKIT_TODAY", "2026-02-17")
    ok(run("habits", "add", "Count the cash", "--every", "workdays", "--since", "2026-02-16"))
    assert "not a workday" not in ok(run("habits", "done", "count"))
    out = ok(run("habits", "calendar", "--region", "cn"))
    assert "Workdays now follow mainland China's official calendar." in out
    assert 'region = "cn"' in (Path(run_home()) / "config.toml").read_text(encoding="utf-8")
    assert payload(ok(run("habits", "status", "--json")))["habits"][0]["period"]["kind"] == "holiday"


def run_home() -> str:
    import os

    return os.environ["CAREERKIT_HOME"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "careerkit does not know the official calendar of 2027 yet (chinese-calendar"),
    ("zh", "careerkit 还没有 2027 年的法定节假日安排"),
])
def test_a_year_the_library_does_not_know_is_said_not_silently_guessed(run, monkeypatch, lang, text) -> None:
    monkeypatch.setenv("CAREERKIT_TODAY", "2027-01-05")
    ok(run("habits", "calendar", "--region", "cn"))
    ok(run("habits", "add", "Count the cash", "--every", "workdays", "--since", "2027-01-04"))
    res = run("--lang", lang, "habits", "done", "count")
    assert res.exit_code == 0 and text in res.stderr and text not in res.stdout
    status = run("--lang", lang, "habits", "status", "--json")
    assert text in status.stderr and payload(status.stdout)["workdays"]["unknown_years"] == [2027]
    assert text in run("--lang", lang, "habits", "sheet").stderr
    # a habit that is not a workdays habit does not need the calendar: no notice
    ok(run("habits", "archive", "count"))
    ok(run("habits", "add", "Read the news"))
    assert text not in run("--lang", lang, "habits", "status").stderr


def test_a_roster_is_set_shown_overrides_and_is_cleared(run, zh_habit, tmp_path: Path) -> None:
    rota = tmp_path / "rota.csv"
    rota.write_text("date,duty,note\n2026-02-22,on,春节值班\n2026-02-24,off\n", encoding="utf-8")
    out = ok(run("--lang", "zh", "habits", "calendar", "--roster", str(rota)))
    assert "已设置排班表：2026-02-22 至 2026-02-24 共 2 天，优先于法定日历。" in out
    assert "2026-02-24 二  休息（排班）" in out
    status = payload(run("--lang", "zh", "habits", "status", "--json").stdout)
    assert status["habits"][0]["period"]["kind"] == "off_duty" and status["workdays"]["roster_days"] == 2
    ok(run("habits", "done", "营业前", "--date", "2026-02-22"))  # a Sunday of 春节, on duty: it counts
    assert payload(run("--lang", "zh", "habits", "status", "--json").stdout)["habits"][0]["streak"] == 1
    assert "Shift roster removed." in ok(run("habits", "calendar", "--clear-roster"))
    assert payload(run("habits", "status", "--json").stdout)["workdays"]["roster_days"] == 0


@pytest.mark.parametrize(("lang", "head", "line"), [
    ("en", "the roster has 2 problem(s); nothing was saved:", "rota.csv:3:12: 'maybe' is neither on nor off"),
    ("zh", "排班表有 2 处问题；未做任何保存：", "rota.csv:3:12: 'maybe' 既不是 on 也不是 off"),
])
def test_a_bad_roster_is_refused_with_file_line_col_and_nothing_is_saved(run, tmp_path: Path, lang, head,
                                                                           line) -> None:
    rota = tmp_path / "rota.csv"
    rota.write_text("date,duty\n2026-02-22,on\n2026-02-23,maybe\n2026-02-22,off\n", encoding="utf-8")
    res = run("--lang", lang, "habits", "calendar", "--roster", str(rota))
    assert res.exit_code == 2 and head in res.output and line in res.output
    assert "Traceback" not in res.output
    assert "Shift roster:" not in ok(run("habits", "calendar"))
    (tmp_path / "latin1.csv").write_bytes("2026-02-22,on,\xe9\n".encode("latin-1"))
    res = run("--lang", lang, "habits", "calendar", "--roster", str(tmp_path / "latin1.csv"))
    assert res.exit_code == 2 and "latin1.csv:1:1: " in res.output


def test_the_sheet_marks_holidays_and_make_up_days_for_the_page_to_style(run, zh_habit) -> None:
    html = ok(run("--lang", "zh", "habits", "sheet", "--month", "2026-02", "--format", "html"))
    assert 'class="weekend holiday monday">16<' in html  # a Monday inside 春节: shaded
    assert 'class=" makeup">14<' in html  # a make-up Saturday: a workday, not shaded
    md = ok(run("--lang", "zh", "habits", "sheet", "--month", "2026-02"))
    assert "**16**" in md and " 14 |" in md


def test_init_keeps_the_region(run) -> None:
    ok(run("habits", "calendar", "--region", "none"))
    ok(run("init", "--person", "Ann", "--model", "bank-customer-service", "--role", "teller", "--lang", "en",
           "--force"))
    assert 'region = "none"' in (Path(run_home()) / "config.toml").read_text(encoding="utf-8")


def test_a_profile_with_an_unknown_region_is_refused_clearly(run) -> None:
    Path(run_home()).mkdir(parents=True, exist_ok=True)
    (Path(run_home()) / "config.toml").write_text('region = "mars"\n', encoding="utf-8")
    res = run("habits", "status")
    assert res.exit_code == 2 and "region must be one of cn, none, not 'mars'" in res.output


# ----------------------------------------------------------------------------- quantities and notes


def test_a_check_in_keeps_its_quantity_and_note_in_status_and_report(run, monkeypatch) -> None:
    monkeypatch.setenv("CAREERKIT_TODAY", "2026-03-10")
    ok(run("habits", "add", "清点尾箱", "--since", "2026-03-01"))
    ok(run("habits", "done", "尾箱", "--date", "2026-03-08"))
    out = ok(run("habits", "done", "尾箱", "--count", "3", "--note", "两个尾箱差额已登记"))
    assert "×3 “两个尾箱差额已登记”" in out
    again = ok(run("--lang", "zh", "habits", "done", "尾箱", "--count", "4"))
    assert "今天已打卡，已更新：×4" in again
    row = payload(ok(run("habits", "status", "--json")))["habits"][0]
    assert row["quantity"] == 5  # 4 today and 1 for the check-in without --count
    assert row["last_note"] == {"date": "2026-03-10", "count": 4, "note": "两个尾箱差额已登记"}
    assert "✎ 2026-03-10 ×4 两个尾箱差额已登记" in ok(run("habits", "status"))
    report = payload(ok(run("habits", "report", "--format", "json", "--from", "2026-03-01")))["habits"][0]
    assert report["quantity"] == 5 and report["check_ins"] == [row["last_note"]]
    ok(run("habits", "undo", "尾箱"))
    assert payload(ok(run("habits", "status", "--json")))["habits"][0]["last_note"] is None


@pytest.mark.parametrize(("args", "en", "zh"), [
    (("--count", "0"), "--count '0' is not a quantity: give a whole number from 1 to 9999", "--count '0' 不是有效数量"),
    (("--count", "10000"), "from 1 to 9999", "1 到 9999"),
    (("--count", "3.5"), "is not a quantity", "不是有效数量"),
    (("--count", "9" * 5000), "is not a quantity", "不是有效数量"),
    (("--note", "ok\x1b[2Jwiped"), "contains control or text-direction characters", "含有控制字符"),
    (("--note", "x" * 501), "a note has at most 500 characters (this one has 501)", "备注最多 500 个字符"),
    (("--note", "   "), "--note is empty", "--note 为空"),
])
def test_a_bad_quantity_or_note_is_refused_and_nothing_is_recorded(run, args, en, zh) -> None:
    ok(run("habits", "add", "清点尾箱"))
    for lang, text in (("en", en), ("zh", zh)):
        res = run("--lang", lang, "habits", "done", "尾箱", *args)
        assert res.exit_code == 2 and text in res.output, res.output
    assert payload(ok(run("habits", "status", "--json")))["habits"][0]["period"]["count"] == 0


def test_full_width_digits_are_a_quantity(run) -> None:
    ok(run("habits", "add", "清点尾箱"))
    assert "×12" in ok(run("habits", "done", "尾箱", "--count", "１２"))


def test_every_workday_since_2004_done_is_one_unbroken_streak() -> None:
    """Each year's holidays and make-up days line up: no holiday counted as a miss, no make-up day skipped."""
    history = {d: Mark.DONE for d in days_between(date(2004, 1, 1), date(2026, 12, 31)) if CN.is_workday(d)}
    assert current_streak(WORKDAYS, history, date(2026, 12, 31)).length == len(history) > 5000


# ----------------------------------------------------------------------------- pinyin initials


@pytest.mark.parametrize(("query", "found"), [
    ("yyqjc", "营业前检查"), ("YYQ", "营业前检查"), ("lkgt", "离开柜台时锁屏"), ("sp", "离开柜台时锁屏"),
])
def test_a_habit_is_found_by_the_pinyin_initials_of_its_name(run, query, found) -> None:
    for name in ("营业前检查", "离开柜台时锁屏", "Review product updates"):
        ok(run("habits", "add", name))
    assert f"“{found}” done today" in ok(run("habits", "done", query))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "'yyq' matches several habits: “营业前检查”, “营业前整理桌面”; type more of the name"),
    ("zh", "'yyq' 匹配多个习惯：“营业前检查”, “营业前整理桌面”；请输入更完整的名称"),
])
def test_initials_of_several_habits_list_the_candidates(run, lang, text) -> None:
    for name in ("营业前检查", "营业前整理桌面"):
        ok(run("habits", "add", name))
    res = run("--lang", lang, "habits", "done", "yyq")
    assert res.exit_code == 2 and text in res.output
    assert payload(ok(run("habits", "status", "--json")))["habits"][0]["period"]["count"] == 0


def test_a_name_that_matches_never_loads_pypinyin_nor_the_calendar(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    code = ("import sys\nfrom careerkit.cli import main\n"
            "for args in (['habits', 'add', '营业前检查'], ['habits', 'add', 'Check the cash'],\n"
            "             ['habits', 'done', '营业前'], ['habits', 'done', 'check'], ['habits', 'status'],\n"
            "             ['habits', 'report', '--format', 'json']):\n"
            "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
            "print('pypinyin' in sys.modules, 'chinese_calendar' in sys.modules)\n"
            "main(['habits', 'done', 'yyq'])\n")
    env = {**os.environ, "CAREERKIT_HOME": str(tmp_path / "h"), "CAREERKIT_LANG": "zh"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert out.stdout.splitlines()[-2] == "False False", out.stdout + out.stderr
    assert "“营业前检查”今天已打卡" in out.stdout.splitlines()[-1].replace(" ", "")


def test_the_report_has_a_quantity_column_only_when_a_check_in_has_a_count(run, monkeypatch) -> None:
    monkeypatch.setenv("CAREERKIT_TODAY", "2026-03-10")
    ok(run("habits", "add", "清点尾箱", "--since", "2026-03-01"))
    ok(run("habits", "done", "尾箱", "--date", "2026-03-09"))
    assert "数量" not in ok(run("--lang", "zh", "habits", "report", "--from", "2026-03-01"))
    ok(run("habits", "done", "尾箱", "--count", "3"))
    md = ok(run("--lang", "zh", "habits", "report", "--from", "2026-03-01"))
    assert "| 期间最佳 | 数量 |" in md and "| 2 天 | 2 天 | 4 |" in md  # 3 and 1 for the check-in without --count
    assert '<td class="num quantity">4</td>' in ok(run("habits", "report", "--from", "2026-03-01", "--format", "html"))


# ----------------------------------------------------------------------------- the best streak, walked by marks


def _best_day_by_day(schedule: Schedule, history: dict[date, Mark], now: date, start: date | None) -> int:
    """The rule as written (a step a day): the reference the mark-by-mark walk must agree with."""
    days = [d for d in history if d <= now and (start is None or d >= start)]
    best = run = 0
    for day in days_between(min(days), now) if days else ():
        if not schedule.counts_on(day):
            continue
        mark = history.get(day)
        if mark is Mark.DONE:
            run += 1
            best = max(best, run)
        elif mark is None and day != now:
            run = 0
    return best


ROTA = official("cn", {date(2026, 2, 21): True, date(2026, 2, 26): False})


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([Schedule.parse("daily"), Schedule.parse("weekdays"), WORKDAYS,
                        Schedule.parse("workdays").with_calendar(ROTA),
                        Schedule.parse("3d").starting(date(2026, 1, 28)), Schedule.parse("workdays")]),
       st.dictionaries(st.integers(0, 60), st.sampled_from([Mark.DONE, Mark.DONE, Mark.DONE, Mark.SKIP]), max_size=50),
       st.integers(0, 60), st.one_of(st.none(), st.integers(0, 30)))
def test_property_the_best_streak_is_the_rule_walked_day_by_day(schedule, offsets, now, start) -> None:  # type: ignore[no-untyped-def]
    first = date(2026, 1, 25)  # across 春节 2026 and its make-up Saturdays
    history = {first + timedelta(days=k): m for k, m in offsets.items()}
    today = first + timedelta(days=now)
    since = None if start is None else first + timedelta(days=start)
    assert best_streak(schedule, history, today, start=since) == _best_day_by_day(schedule, history, today, since)
