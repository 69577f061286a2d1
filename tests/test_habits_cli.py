"""`careerkit habits`: what a user types and sees, over real store files in the tmp home.

"Today" is fixed with CAREERKIT_TODAY (Wednesday 2025-03-12), the documented hook.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, no_traceback, ok, payload
from tests.helpers import answers_file, store_bytes

TODAY = "2025-03-12"  # a Wednesday
SINCE = "2024-12-01"  # the start of the habits of `three`: back-dated check-ins fall after it


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERKIT_TODAY", TODAY)


@pytest.fixture
def three(run) -> None:
    """Three habits: daily, weekdays and 3/week, one with a Chinese name."""
    for args in (["Review product updates", "--every", "daily"], ["Greet every customer", "--every", "weekdays"],
                 ["每日记录三件做得好的事", "--every", "3/week", "--note", "before leaving"]):
        res = run("habits", "add", *args, "--since", SINCE)
        assert res.exit_code == 0, res.output


def status_json(run) -> dict:  # type: ignore[no-untyped-def]
    return payload(ok(run("habits", "status", "--json")))


def habit(run, name: str) -> dict:  # type: ignore[no-untyped-def]
    return next(h for h in status_json(run)["habits"] if h["name"] == name)


# ----------------------------------------------------------------------------- adding and listing


def test_add_then_list_shows_the_habit(run, three) -> None:
    listed = payload(ok(run("habits", "list", "--json")))
    assert [(h["name"], h["every"], h["created"]) for h in listed] == [
        ("Review product updates", "daily", SINCE), ("Greet every customer", "weekdays", SINCE),
        ("每日记录三件做得好的事", "3/week", SINCE)]
    assert listed[2]["note"] == "before leaving"
    table = ok(run("habits", "list"))
    assert "Greet every customer" in table and "weekdays" in table


def test_a_name_may_be_typed_without_quotes(run) -> None:
    assert "Now tracking “Read the news”" in ok(run("habits", "add", "Read", "the", "news"))
    assert "“Read the news” done today" in ok(run("habits", "done", "read", "the"))


def test_add_with_a_competency_of_the_model(run) -> None:
    ok(run("habits", "add", "Log feedback", "--competency", "complaints", "--model", "bank-customer-service"))
    listed = payload(ok(run("habits", "list", "--json")))
    assert (listed[0]["competency"], listed[0]["model"]) == ("complaints", "bank-customer-service")
    assert "Complaint handling and service recovery" in ok(run("--lang", "en", "habits", "list"))


# ----------------------------------------------------------------------------- check-ins


def test_done_shows_the_streak_and_done_twice_is_harmless(run, three) -> None:
    for day in ("-3", "-2", "yesterday"):
        ok(run("habits", "done", "review", "--date", day))
    out = ok(run("habits", "done", "review"))
    assert "“Review product updates” done today · streak 4 days" in out
    before = store_bytes(run_home())
    again = ok(run("habits", "done", "REVIEW"))
    assert "already done today; nothing changed" in again and "streak 4 days" in again
    assert store_bytes(run_home()) == before
    assert habit(run, "Review product updates")["streak"] == 4


def test_undo_removes_the_check_in_and_the_streak_follows(run, three) -> None:
    for day in ("2025-03-09", "2025-03-10", "2025-03-11", "2025-03-12"):
        ok(run("habits", "done", "review", "--date", day))
    assert "removed the check-in" in ok(run("habits", "undo", "review", "--date", "2025-03-10"))
    data = habit(run, "Review product updates")
    assert (data["streak"], data["best"]) == (2, 2)
    assert "nothing recorded" in ok(run("habits", "undo", "review", "--date", "2025-03-10"))
    ok(run("habits", "done", "review", "--date", "2025-03-10"))  # back-dated again
    assert habit(run, "Review product updates")["streak"] == 4


def test_streaks_across_a_year_boundary_with_back_dated_check_ins(run, monkeypatch) -> None:
    monkeypatch.setenv("CAREERKIT_TODAY", "2025-01-02")
    ok(run("habits", "add", "Read", "--since", "2024-12-30"))
    for day in ("2024-12-30", "2024-12-31", "2025-01-01"):
        ok(run("habits", "done", "read", "--date", day))
    assert "streak of 3 days" in ok(run("habits", "status"))
    out = ok(run("habits", "done", "read"))
    assert "streak 4 days" in out
    assert sorted(p.name for p in (run_home() / "data" / "habits").glob("*/20*.json")) == ["2024.json", "2025.json"]


def test_weekly_habit_shows_this_weeks_count(run, three) -> None:
    ok(run("habits", "done", "每日", "--date", "2025-03-10"))
    out = ok(run("habits", "done", "每日"))
    assert "this week 2/3" in out
    assert habit(run, "每日记录三件做得好的事")["period"] == {"kind": "week", "count": 2, "target": 3}


def test_skip_keeps_the_streak_and_is_not_a_check_in(run, three) -> None:
    ok(run("habits", "done", "review", "--date", "-2"))
    assert "skipped yesterday" in ok(run("habits", "skip", "review", "--date", "yesterday"))
    ok(run("habits", "done", "review"))
    data = habit(run, "Review product updates")
    assert data["streak"] == 2
    week = data["calendar"][-1]
    assert [c["cell"] for c in week[:3]] == ["done", "skip", "done"]
    assert "was skipped" in ok(run("habits", "done", "review", "--date", "-1"))


def test_weekend_check_in_of_a_weekdays_habit_says_it_does_not_count(run, three) -> None:
    out = ok(run("habits", "done", "greet", "--date", "2025-03-09"))  # a Sunday
    assert "weekends do not count" in out


# ----------------------------------------------------------------------------- status


def test_status_warns_first_about_a_streak_that_breaks_today(run, three) -> None:
    ok(run("habits", "done", "review", "--date", "-1"))
    ok(run("habits", "done", "review", "--date", "-2"))
    out = ok(run("habits", "status"))
    first = out.strip().splitlines()[0]
    assert "Review product updates" in first and "streak of 2 days" in first
    assert "today 0/1" in out and "week 0/3" in out
    assert "■ done  □ missed  – skipped  · open" in out
    data = status_json(run)
    assert data["today"] == TODAY
    review = data["habits"][0]
    # the 30-day rate counts from the habit's start (SINCE): 2 of the 29 days gone by
    assert review["at_risk"] is True and review["rate"] == 6.9
    assert len(review["calendar"]) == 12 and review["calendar"][-1][2]["date"] == TODAY
    assert set(review) >= {"name", "every", "streak", "unit", "best", "period", "rate", "calendar", "at_risk"}


def test_status_without_habits_says_how_to_start(run) -> None:
    assert "careerkit habits add" in ok(run("habits", "status"))


def test_status_in_chinese(run, three) -> None:
    ok(run("habits", "done", "review", "--date", "-1"))
    out = ok(run("--lang", "zh", "habits", "status"))
    assert "今天完成才能保住连续 1 天的记录" in out and "每周 3 次" in out


def test_archive_hides_a_habit_and_keeps_its_history(run, three) -> None:
    ok(run("habits", "done", "greet", "--date", "-1"))
    assert "Archived “Greet every customer”" in ok(run("habits", "archive", "greet"))
    assert "already archived" in ok(run("habits", "archive", "greet"))
    assert "Greet" not in ok(run("habits", "status"))
    assert "Greet" not in ok(run("habits", "list"))
    assert "archived 2025-03-12" in ok(run("habits", "list", "--all"))
    res = run("habits", "done", "greet")
    assert res.exit_code == 2 and "--restore" in res.output
    ok(run("habits", "archive", "greet", "--restore"))
    assert habit(run, "Greet every customer")["best"] == 1


# ----------------------------------------------------------------------------- sheets and reports


def test_sheet_markdown_has_a_box_per_day_and_marks_weekends(run, three) -> None:
    ok(run("habits", "done", "review", "--date", "2025-02-03"))
    out = ok(run("habits", "sheet", "--month", "2025-02"))
    assert "# Habit tracker — February 2025" in out
    header = next(ln for ln in out.splitlines() if ln.startswith("| Habit"))
    assert header.count("|") == 28 + 2 and "**1**" in header  # 1 Feb 2025 is a Saturday
    review = next(ln for ln in out.splitlines() if ln.startswith("| Review"))
    assert review.count("☑") == 1 and review.count("☐") == 27
    greet = next(ln for ln in out.splitlines() if ln.startswith("| Greet"))
    assert greet.count("·") == 8  # weekends are not due


def test_sheet_html_to_a_file_is_printable_and_escaped(run, tmp_path: Path) -> None:
    ok(run("habits", "add", "<script>alert(1)</script>", "--competency", "etiquette", "--model",
           "bank-customer-service"))
    target = tmp_path / "sheet.html"
    res = run("habits", "sheet", "-o", str(target))
    assert res.exit_code == 0 and "Wrote" in res.output
    html = target.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "@page { size: A4 landscape" in html and "March 2025" in html
    assert "Professional image and etiquette" in html or "etiquette" in html
    assert "http" not in html.split("<body>")[0].replace("http-equiv", "")  # self-contained


def test_a_user_template_overrides_the_built_in_one(run, home: Path) -> None:
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "habits-sheet.md.j2").write_text("{{ labels.title }}: {{ habits|length }}\n",
                                                           encoding="utf-8")
    ok(run("habits", "add", "Read"))
    assert ok(run("habits", "sheet")).strip() == "Habit tracker: 1"


def test_report_per_habit_and_competency(run, tmp_path: Path) -> None:
    ok(run("habits", "add", "Log feedback", "--competency", "complaints", "--model", "bank-customer-service",
           "--since", "2025-03-10"))
    ok(run("habits", "add", "Greet", "--every", "weekdays"))
    for day in ("2025-03-10", "2025-03-11", "2025-03-12"):
        ok(run("habits", "done", "log", "--date", day))
    data = payload(ok(run("habits", "report", "--from", "2025-03-10", "--format", "json")))
    assert (data["from"], data["to"]) == ("2025-03-10", TODAY)
    log = data["habits"][0]
    assert (log["done"], log["due"], log["rate"], log["streak"], log["competency"]) == (3, 3, 100.0, 3, "complaints")
    assert [c["competency"] for c in data["competencies"]] == ["complaints", None]
    md = ok(run("habits", "report", "--from", "2025-03-10"))
    assert "| Log feedback | daily |" in md and "## By competency" in md
    target = tmp_path / "r.html"
    ok(run("habits", "report", "-o", str(target)))
    assert "<h2>By habit</h2>" in target.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- suggestions


def bank_assessment(run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "a.yaml", model="bank-customer-service", person="Li Wei", role="teller",
                        date="2025-03-01", ratings={"knowledge.products": 1, "communication.listening": 2,
                                                    "teamwork.support": 3, "etiquette.appearance": 5})
    ok(run("assess", "--allow-partial", "--answers", str(path)))


def test_suggest_offers_the_models_habits_for_the_weakest_competencies(run, tmp_path: Path) -> None:
    bank_assessment(run, tmp_path)
    data = payload(ok(run("habits", "suggest", "--person", "Li Wei", "--json")))
    assert data["source"] == "assessment"
    assert data["competencies"] == ["knowledge", "communication", "teamwork"]
    names = [h["name"] for h in data["habits"]]
    assert "Read the product and policy updates daily before opening" in names
    assert next(h for h in data["habits"] if h["name"].startswith("Read the product"))["every"] == "daily"
    assert "suggest --add" in ok(run("habits", "suggest", "--person", "Li Wei"))


def test_suggest_add_confirms_first(run, tmp_path: Path) -> None:
    bank_assessment(run, tmp_path)
    res = run("habits", "suggest", "--person", "Li Wei", "--add", input="n\n")
    assert res.exit_code == 0 and "Nothing added" in res.output
    assert payload(ok(run("habits", "list", "--json"))) == []
    ok(run("habits", "suggest", "--person", "Li Wei", "--add", "--yes"))
    listed = payload(ok(run("habits", "list", "--json")))
    assert len(listed) == 8 and {h["competency"] for h in listed} == {"knowledge", "communication", "teamwork"}
    again = ok(run("habits", "suggest", "--person", "Li Wei", "--add", "--yes"))
    assert "already track every suggested habit" in again


def test_suggest_uses_the_plans_focus_areas_where_a_plan_exists(run, tmp_path: Path, home: Path) -> None:
    from careerkit.store import plans
    from careerkit.store.database import session

    bank_assessment(run, tmp_path)
    with session(home, write=True) as work:
        plans.add(work, {"id": "p1", "person": "Li Wei", "created_at": "2025-03-02T10:00:00+00:00",
                         "model": {"id": "bank-customer-service"}, "focus": [{"competency": "etiquette"}]})
    data = payload(ok(run("habits", "suggest", "--person", "Li Wei", "--json")))
    assert (data["source"], data["competencies"]) == ("plan", ["etiquette"])


# ----------------------------------------------------------------------------- bad input: exit 2, nothing changed


def run_home() -> Path:
    import os

    return Path(os.environ["CAREERKIT_HOME"])


BAD = [
    (["habits", "done", "nothing"], "no habit matches 'nothing'"),
    (["habits", "done", "r"], "matches several habits"),
    (["habits", "undo", "zzz"], "your habits: “Review product updates”"),
    (["habits", "skip", "review", "--date", "2025-03-13"], "is in the future"),
    (["habits", "done", "review", "--date", "tomorrow"], "is not a day"),
    (["habits", "done", "review", "--date", "2025-02-30"], "is not a day"),
    (["habits", "add", "Run", "--every", "fortnightly"], "is not a schedule"),
    (["habits", "add", "Run", "--every", "9/week"], "is not a schedule"),
    (["habits", "add", "review product updates"], "already track"),
    (["habits", "add", "  "], "needs a name"),
    (["habits", "add", "x" * 121], "at most 120 characters"),
    (["habits", "add", "Run", "--competency", "juggling", "--model", "bank-customer-service"], "no competency"),
    (["habits", "add", "Run", "--competency", "knowledge"], "no competency model given"),
    (["habits", "sheet", "--month", "2025-13"], "is not a month"),
    (["habits", "sheet", "--month", "March"], "is not a month"),
    (["habits", "report", "--from", "2025-03-12", "--to", "2025-03-01"], "starts (2025-03-12) after it ends"),
    (["habits", "report", "--from", "2025-04-01"], "starts (2025-04-01) after today (2025-03-12)"),
    (["habits", "done", "review", "--date", "0205-03-11"], "more than ten years ago; check the year"),
    (["habits", "skip", "review", "--date", "-9999"], "more than ten years ago"),
    (["habits", "add", "\x1b[31mred"], "control or text-direction characters"),
    (["habits", "add", "evil\u202eeman"], "control or text-direction characters"),
    (["habits", "add", "Run", "--note", "x" * 501], "at most 500 characters"),
    (["habits", "sheet", "-o", "tracker.pdf"], "name the file .md or .html, or pass --format"),
    (["habits", "report", "-o", "report.docx"], "careerkit writes md, html, json"),
    (["habits", "report", "--format", "json", "--template", "mine.j2"], "--template does not apply"),
    (["habits", "report", "--from", "last week"], "is not a day"),
    (["habits", "suggest", "--person", "Nobody"], "has no assessment yet"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a[1:3]) + f"-{i}" for i, (a, _) in enumerate(BAD)])
def test_bad_input_is_refused_clearly_and_changes_nothing(run, three, args: list[str], message: str) -> None:
    ok(run("habits", "add", "Reading", "--every", "daily"))
    ok(run("habits", "done", "review", "--date", "-1"))
    before = store_bytes(run_home())
    res = run(*args)
    assert res.exit_code == 2, res.output
    assert message in res.output and no_traceback(res.output)
    assert store_bytes(run_home()) == before


def test_output_file_rules(run, three, tmp_path: Path) -> None:
    existing = tmp_path / "sheet.md"
    existing.write_text("mine", encoding="utf-8")
    before = store_bytes(run_home())
    res = run("habits", "sheet", "-o", str(existing))
    assert res.exit_code == 2 and "--force" in res.output and existing.read_text(encoding="utf-8") == "mine"
    res = run("habits", "report", "-o", str(tmp_path / "missing" / "r.md"))
    assert res.exit_code == 2 and "does not exist" in res.output
    res = run("habits", "report", "--format", "json", "-o", str(existing))
    assert res.exit_code == 2 and existing.read_text(encoding="utf-8") == "mine"
    assert store_bytes(run_home()) == before
    ok(run("habits", "sheet", "-o", str(existing), "--force"))
    assert existing.read_text(encoding="utf-8").startswith("# Habit tracker")


def test_skipping_a_day_already_done_is_refused(run, three) -> None:
    ok(run("habits", "done", "review"))
    before = store_bytes(run_home())
    res = run("habits", "skip", "review")
    assert res.exit_code == 2 and "undo it first" in res.output
    assert store_bytes(run_home()) == before


def test_a_damaged_year_file_is_refused_with_the_restore_command(run, three) -> None:
    from careerkit.store import files

    ok(run("habits", "done", "review"))
    year_file = next((run_home() / "data" / "habits").glob("*/2025.json"))
    data = files.read_sealed(year_file)
    next(iter(data["marks"].values()))["mark"] = "maybe"
    files.atomic_write(year_file, files.seal(data))
    before = store_bytes(run_home())
    res = run("habits", "status")
    assert res.exit_code == 2 and "careerkit restore --list" in res.output and no_traceback(res.output)
    assert run("habits", "done", "review", "--date", "-1").exit_code == 2
    assert store_bytes(run_home()) == before


# ----------------------------------------------------------------------------- the fast path


def test_done_as_a_real_process_loads_nothing_heavy(run, home: Path) -> None:
    ok(run("habits", "add", "Read"))
    code = ("import sys\nfrom careerkit.cli import main\nsys.argv=['careerkit','habits','done','read']\n"
            "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
            "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'rich','pydantic','yaml','jinja2','orjson'})\n"
            "views = sorted(m for m in sys.modules if m in {'careerkit.cli.habits_reports',\n"
            "    'careerkit.core.habits.reports', 'careerkit.core.habits.suggestions'})\n"
            "print('HEAVY', heavy, views, code)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False,
                          cwd=ROOT, env={**__import__("os").environ, "NO_COLOR": "1"})
    assert "done today" in proc.stdout and "HEAVY [] [] 0" in proc.stdout, proc.stdout + proc.stderr


def test_habits_help_lists_every_subcommand_in_the_order_of_a_day(run) -> None:
    order = ["add", "suggest", "list", "archive", "done", "skip", "undo", "status", "sheet", "report"]
    out = ok(run("habits", "--help"))
    listed = [line.split()[0] for line in out.splitlines() if line[:2] == "  " and line.split()[0] in order]
    assert listed == order
    assert "Completion per habit and competency." in out  # a lazily loaded command's short help


@pytest.mark.parametrize(("typo", "meant"), [("stauts", "status"), ("dne", "done"), ("reprot", "report")])
def test_a_mistyped_subcommand_suggests_the_right_one(run, typo: str, meant: str) -> None:
    res = run("habits", typo, "x")
    assert res.exit_code == 2 and f"'{meant}'" in res.output and no_traceback(res.output)


# ----------------------------------------------------------------------------- found in the QA pass


def test_adding_the_name_of_an_archived_habit_says_how_to_bring_it_back(run, three) -> None:
    ok(run("habits", "archive", "greet"))
    before = store_bytes(run_home())
    res = run("habits", "add", "greet every customer")
    assert res.exit_code == 2 and "archived" in res.output and "--restore" in res.output
    assert store_bytes(run_home()) == before


def test_a_note_is_kept_on_one_line(run) -> None:
    ok(run("habits", "add", "Read", "--note", "  before\nleaving  "))
    assert payload(ok(run("habits", "list", "--json")))[0]["note"] == "before leaving"


def test_undo_takes_back_a_check_in_of_any_day(run, three) -> None:
    out = ok(run("habits", "undo", "review", "--date", "1999-01-01"))  # older than a check-in may be
    assert "has nothing recorded 1999-01-01" in out


def test_chinese_check_in_lines_space_the_date_from_the_text(run, three) -> None:
    assert "“Review product updates” 2025-03-10 已完成" in ok(run("--lang", "zh", "habits", "done", "review",
                                                                  "--date", "2025-03-10"))
    assert "已撤销“Review product updates” 2025-03-10 的打卡" in ok(run("--lang", "zh", "habits", "undo", "review",
                                                                    "--date", "2025-03-10"))
    assert "今天已完成" in ok(run("--lang", "zh", "habits", "done", "review"))
