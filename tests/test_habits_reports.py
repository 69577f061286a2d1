"""`careerkit habits status | sheet | report | suggest`: what the reporting commands show, found in the QA pass.

"Today" is fixed with CAREERKIT_TODAY (Wednesday 2025-03-12), as in test_habits_cli.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import ok, payload
from tests.helpers import answers_file

TODAY = "2025-03-12"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERKIT_TODAY", TODAY)


@pytest.fixture
def three(run) -> None:
    for args in (["Review product updates", "--every", "daily"], ["Greet every customer", "--every", "weekdays"],
                 ["每日记录三件做得好的事", "--every", "3/week"]):
        ok(run("habits", "add", *args, "--since", "2025-03-10"))
    for day in ("-2", "-1", "today"):
        ok(run("habits", "done", "review", "--date", day))


# ----------------------------------------------------------------------------- status on a narrow terminal


@pytest.mark.parametrize("width", [40, 50, 60])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_status_fits_a_narrow_terminal_without_losing_names_or_rates(run, three, monkeypatch, width: int,
                                                                     lang: str) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    out = ok(run("--lang", lang, "habits", "status"))
    table = out.split("\n\n")[0].splitlines()
    assert all(cell_len(line.rstrip()) <= width for line in table), "\n".join(table)
    assert table[0].startswith("Habit" if lang == "en" else "习惯")  # the names' column is never dropped
    assert "100%" in out and ("30 days" in table[0] or "30 天" in table[0])
    names = "".join(line.split("│")[0].strip() for line in table[2:])
    assert "Reviewproductupdates" in names.replace(" ", "") and "每日记录三件做得好的事" in names


def test_status_on_a_wide_terminal_keeps_every_column(run, three) -> None:
    header = ok(run("habits", "status")).splitlines()[0]
    for column in ("Habit", "Every", "Streak", "Best", "Now", "30 days"):
        assert column in header


# ----------------------------------------------------------------------------- the printable sheet


def test_sheet_titles_read_naturally_in_each_language(run, three, tmp_path: Path) -> None:
    assert ok(run("--lang", "zh", "habits", "sheet", "--month", "2025-03")).startswith("# 习惯打卡表 — 2025年3月")
    assert ok(run("habits", "sheet", "--month", "2025-03")).startswith("# Habit tracker — March 2025")
    ok(run("--lang", "zh", "habits", "sheet", "-o", str(tmp_path / "s.html")))
    assert "<h1>习惯打卡表 — 2025年3月</h1>" in (tmp_path / "s.html").read_text(encoding="utf-8")


def test_sheet_of_the_last_month_there_is(run, three) -> None:
    out = ok(run("habits", "sheet", "--month", "9999-12"))
    header = next(line for line in out.splitlines() if line.startswith("| Habit"))
    assert "| 31 |" in header


def test_sheet_markdown_explains_its_own_symbols(run, three) -> None:
    out = ok(run("habits", "sheet"))
    assert "· is not due that day, ☑ already recorded" in out and "Grey boxes" not in out


def test_sheet_html_marks_the_weeks_and_fits_many_habits_on_a_page(run, three, tmp_path: Path) -> None:
    ok(run("habits", "sheet", "--month", "2025-03", "-o", str(tmp_path / "few.html")))
    few = (tmp_path / "few.html").read_text(encoding="utf-8")
    # March 2025: Saturday the 1st, Monday the 3rd; a firmer line before each Monday
    assert few.count('<th class="weekend">1</th>') == 1 and '<th class=" monday">3</th>' in few
    assert 'class="compact"' not in few and "height: 12mm" in few
    for i in range(12):
        ok(run("habits", "add", f"Habit number {i}"))
    ok(run("habits", "sheet", "-o", str(tmp_path / "many.html")))
    assert '<table class="compact">' in (tmp_path / "many.html").read_text(encoding="utf-8")


def test_sheet_to_a_txt_file_is_markdown(run, three, tmp_path: Path) -> None:
    ok(run("habits", "sheet", "-o", str(tmp_path / "tracker.txt")))
    assert (tmp_path / "tracker.txt").read_text(encoding="utf-8").startswith("# Habit tracker")


# ----------------------------------------------------------------------------- the report


def test_a_report_may_end_ahead_of_today_and_stops_today(run, three) -> None:
    data = payload(ok(run("habits", "report", "--from", "2025-03-01", "--to", "2025-03-31", "--format", "json")))
    assert (data["from"], data["to"]) == ("2025-03-01", TODAY)


def test_report_counts_whole_occasions_without_decimals(run, three) -> None:
    out = ok(run("habits", "report", "--from", "-2"))
    assert "| Review product updates | daily |  | 3 | 3 | 100% |" in out
    assert "| 3.0 |" not in out


# ----------------------------------------------------------------------------- suggestions for scripts


def test_suggest_add_json_gives_a_script_what_was_added(run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "a.yaml", model="bank-customer-service", person="Li Wei", role="teller",
                        date="2025-03-01", ratings={"knowledge.products": 1, "communication.listening": 2,
                                                    "teamwork.support": 3, "etiquette.appearance": 5})
    ok(run("assess", "--allow-partial", "--answers", str(path)))
    res = run("habits", "suggest", "--person", "Li Wei", "--add", "--yes", "--json")
    assert res.exit_code == 0, res.output
    data = payload(res.stdout)
    assert len(data["added"]) == 8 and data["added"][0] == data["habits"][0]["name"]
    again = payload(run("habits", "suggest", "--person", "Li Wei", "--add", "--yes", "--json").stdout)
    assert again["added"] == [] and all(h["tracked"] for h in again["habits"])
