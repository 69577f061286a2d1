"""Habits that fit a bank's week (issue 16): weekly and monthly words, N/month, every N days,
a history that starts at the habit's start, and names matched by any unique part.

"Today" is fixed with CAREERKIT_TODAY (Wednesday 2025-03-12), as in test_habits_cli.py.
"""

from __future__ import annotations

import pytest

from tests.conftest import ok, payload

TODAY = "2025-03-12"  # a Wednesday


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERKIT_TODAY", TODAY)


def refused(res) -> str:  # type: ignore[no-untyped-def]
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    return res.output


def status_of(run, name: str) -> dict:  # type: ignore[no-untyped-def]
    return next(h for h in payload(ok(run("habits", "status", "--json")))["habits"] if h["name"] == name)


# ----------------------------------------------------------------------------- schedules


@pytest.mark.parametrize(("every", "stored", "en", "zh"), [
    ("weekly", "1/week", "1/week", "每周 1 次"),
    ("每周", "1/week", "1/week", "每周 1 次"),
    ("monthly", "1/month", "monthly", "每月"),
    ("每月", "1/month", "monthly", "每月"),
    ("2/month", "2/month", "2/month", "每月 2 次"),
    ("每月2次", "2/month", "2/month", "每月 2 次"),
    ("3d", "3d", "every 3 days", "每 3 天"),
    ("每3天", "3d", "every 3 days", "每 3 天"),
])
def test_add_takes_the_schedules_users_asked_for(run, every: str, stored: str, en: str, zh: str) -> None:
    ok(run("habits", "add", "Check the ATM", "--every", every))
    assert payload(ok(run("habits", "list", "--json")))[0]["every"] == stored
    assert en in ok(run("--lang", "en", "habits", "list"))
    assert zh in ok(run("--lang", "zh", "habits", "list"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bad_schedule_names_the_new_forms(run, lang: str) -> None:
    out = refused(run("--lang", lang, "habits", "add", "X", "--every", "yearly"))
    assert "monthly" in out and "N/month" in out and "3d" in out
    if lang == "zh":
        assert "每月2次" in out and "每3天" in out


def test_a_monthly_streak_counts_consecutive_months(run) -> None:
    ok(run("habits", "add", "Talk with my mentor", "--every", "monthly", "--since", "2024-12-01"))
    for day in ("2024-12-20", "2025-01-05", "2025-02-27"):
        ok(run("habits", "done", "mentor", "--date", day))
    habit = status_of(run, "Talk with my mentor")
    assert (habit["streak"], habit["unit"], habit["best"]) == (3, "months", 3)
    assert habit["period"] == {"kind": "month", "count": 0, "target": 1}
    assert habit["at_risk"] is False  # March is not over: there is still time
    out = ok(run("habits", "done", "mentor"))
    assert "this month 1/1" in out and "streak 4 months" in out
    assert "本月 1/1" in ok(run("--lang", "zh", "habits", "done", "mentor"))


def test_a_month_without_a_check_in_breaks_the_monthly_streak(run) -> None:
    ok(run("habits", "add", "Talk with my mentor", "--every", "monthly", "--since", "2024-12-01"))
    for day in ("2024-12-20", "2025-02-27"):
        ok(run("habits", "done", "mentor", "--date", day))
    habit = status_of(run, "Talk with my mentor")
    assert (habit["streak"], habit["best"]) == (1, 1)
    zh = ok(run("--lang", "zh", "habits", "status"))
    assert "1 个月" in zh and "本月 0/1" in zh and "每月" in zh


def test_monthly_warning_on_the_last_day_of_the_month(run, monkeypatch) -> None:
    ok(run("habits", "add", "Share a case", "--every", "monthly", "--since", "2025-02-01"))
    ok(run("habits", "done", "share", "--date", "2025-02-10"))
    monkeypatch.setenv("CAREERKIT_TODAY", "2025-03-31")
    assert "do it today to keep your streak of 1 month" in ok(run("habits", "status"))


def test_n_per_month_rate_and_report(run) -> None:
    ok(run("habits", "add", "Review a complaint file", "--every", "2/month", "--since", "2025-02-01"))
    for day in ("2025-02-03", "2025-02-17", "2025-03-03"):
        ok(run("habits", "done", "complaint", "--date", day))
    habit = status_of(run, "Review a complaint file")
    assert (habit["streak"], habit["unit"]) == (1, "months")  # February reached 2; March is open at 1/2
    assert habit["period"] == {"kind": "month", "count": 1, "target": 2}
    data = payload(ok(run("habits", "report", "--from", "2025-02-01", "--to", "2025-02-28", "--format", "json")))
    row = data["habits"][0]
    assert (row["done"], row["due"], row["rate"]) == (2, 2, 100.0)
    md = ok(run("habits", "report", "--from", "2025-02-01", "--to", "2025-02-28"))
    assert "| Review a complaint file | 2/month |" in md


def test_every_n_days_is_due_on_every_nth_day_from_the_start(run) -> None:
    ok(run("habits", "add", "Count the cash box", "--every", "3d", "--since", "2025-03-03"))
    # due 03-03, 03-06, 03-09, 03-12 (today)
    for day in ("2025-03-03", "2025-03-06", "2025-03-09"):
        ok(run("habits", "done", "cash", "--date", day))
    habit = status_of(run, "Count the cash box")
    assert (habit["streak"], habit["unit"], habit["best"]) == (3, "days", 3)
    assert habit["rate"] == 100.0  # the days between are not due
    assert habit["at_risk"] is True  # today is a due day
    cells = {c["date"]: c["cell"] for week in habit["calendar"] for c in week}
    assert cells["2025-03-04"] == "off" and cells["2025-03-06"] == "done" and cells["2025-03-12"] == "open"
    out = ok(run("habits", "done", "cash", "--date", "2025-03-10"))
    assert "not a due day" in out and "next on 2025-03-12" in out
    zh = ok(run("--lang", "zh", "habits", "done", "cash", "--date", "2025-03-11"))
    assert "不是应打卡日" in zh and "每 3 天一次" in zh and "2025-03-12" in zh


def test_every_n_days_misses_a_due_day_left_undone(run) -> None:
    ok(run("habits", "add", "Count the cash box", "--every", "3d", "--since", "2025-03-03"))
    ok(run("habits", "done", "cash", "--date", "2025-03-03"))
    ok(run("habits", "done", "cash", "--date", "2025-03-09"))
    habit = status_of(run, "Count the cash box")
    assert habit["streak"] == 1
    cells = {c["date"]: c["cell"] for week in habit["calendar"] for c in week}
    assert cells["2025-03-06"] == "missed"
    assert habit["period"]["kind"] == "today"


def test_a_tracker_sheet_greys_the_days_an_every_n_days_habit_is_not_due(run) -> None:
    ok(run("habits", "add", "Count the cash box", "--every", "3d", "--since", "2025-03-03"))
    html = ok(run("--lang", "zh", "habits", "sheet", "--month", "2025-03", "--format", "html"))
    assert "每 3 天" in html
    md = ok(run("habits", "sheet", "--month", "2025-03"))
    row = next(line for line in md.splitlines() if line.startswith("| Count the cash box"))
    boxes = [c.strip() for c in row.strip("|").split("|")][1:]
    due = [i + 1 for i, box in enumerate(boxes) if box != "·"]
    assert due[:4] == [3, 6, 9, 12]


def test_the_bank_model_suggests_a_monthly_habit_as_monthly() -> None:
    from careerkit.core.habits.suggestions import infer_schedule

    assert str(infer_schedule("每月与师傅进行一次成长谈话")) == "1/month"
    assert str(infer_schedule("Have a monthly development conversation with your mentor")) == "1/month"


# ----------------------------------------------------------------------------- the history starts at the start


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_skip_before_the_habit_started_is_refused_and_says_how_to_move_the_start(run, lang: str) -> None:
    ok(run("habits", "add", "review"))
    out = refused(run("--lang", lang, "habits", "skip", "review", "--date", "2025-03-10"))
    assert TODAY in out and "--since 2025-03-10" in out
    assert ("starts on" in out) if lang == "en" else ("开始日期是" in out and "，" in out)
    habit = status_of(run, "review")
    assert habit["rate"] is None  # nothing due yet: no weeks of misses
    assert not any(c["cell"] == "missed" for week in habit["calendar"] for c in week)
    data = payload(ok(run("habits", "report", "--from", "2025-01-01", "--format", "json")))
    assert data["habits"][0]["due"] == 0


def test_a_check_in_before_the_start_is_refused_too_and_nothing_is_written(run) -> None:
    ok(run("habits", "add", "review", "--since", "2025-03-01"))
    refused(run("habits", "done", "review", "--date", "2025-02-28"))
    ok(run("habits", "done", "review", "--date", "2025-03-01"))
    assert status_of(run, "review")["best"] == 1


def test_since_on_done_moves_the_start_back(run) -> None:
    ok(run("habits", "add", "review"))
    out = ok(run("habits", "done", "review", "--date", "2025-03-10", "--since", "2025-03-10"))
    assert "now starts on 2025-03-10 (was 2025-03-12)" in out and "done 2025-03-10" in out
    assert payload(ok(run("habits", "list", "--json")))[0]["created"] == "2025-03-10"
    zh = refused(run("--lang", "zh", "habits", "skip", "review", "--date", "2025-03-05", "--since", "2025-03-06"))
    assert "晚于" in zh


def test_add_since_sets_the_start(run) -> None:
    ok(run("habits", "add", "review", "--since", "2025-03-01"))
    assert payload(ok(run("habits", "list", "--json")))[0]["created"] == "2025-03-01"
    refused(run("habits", "add", "later", "--since", "2025-04-01"))  # a start ahead of today
    assert len(payload(ok(run("habits", "list", "--json")))) == 1


# ----------------------------------------------------------------------------- names


def test_any_unique_part_of_a_chinese_name_matches(run) -> None:
    ok(run("habits", "add", "离开柜台时锁屏并收好印章"))
    assert "离开柜台时锁屏并收好印章" in ok(run("--lang", "zh", "habits", "done", "锁屏"))


def test_names_match_with_case_and_width_folded(run) -> None:
    ok(run("habits", "add", "Check the ATM cash"))
    assert "“Check the ATM cash” done today" in ok(run("habits", "done", "ａｔｍ"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_part_that_matches_several_lists_the_candidates(run, lang: str) -> None:
    ok(run("habits", "add", "营业前检查锁屏设置"))
    ok(run("habits", "add", "离开柜台时锁屏"))
    ok(run("habits", "add", "每日晨会分享"))
    out = refused(run("--lang", lang, "habits", "done", "锁屏"))
    assert "营业前检查锁屏设置" in out and "离开柜台时锁屏" in out and "晨会" not in out
    assert ("several" in out) if lang == "en" else ("匹配多个习惯" in out)
    assert payload(ok(run("habits", "status", "--json")))["habits"][0]["period"]["count"] == 0
