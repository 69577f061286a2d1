"""Mentor review (180°): the comparison rules, the command, its store and its bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerkit.core import review as core
from careerkit.model.loader import load_file
from tests.conftest import payload

ROOT = Path(__file__).resolve().parent.parent
BANK = load_file(ROOT / "competencies" / "bank-customer-service.yaml").model
ALL = BANK.indicator_ids()


def ratings(level: int | None = 3, **by_competency: list[int | None]) -> dict[str, int | None]:
    """Every indicator at ``level``, except competencies given as a list of levels in indicator order."""
    out = dict.fromkeys(ALL, level)
    for cid, levels in by_competency.items():
        cid = cid.replace("_", "-")
        comp = BANK.competency(cid)
        for ind, value in zip(comp.indicators, levels, strict=True):
            out[f"{cid}.{ind.id}"] = value
    return out


def write_answers(path: Path, data: dict, *, key: str = "person", name: str = "Li Wei",
                  date: str = "2026-09-01", notes: dict | None = None) -> Path:
    doc = {"model": "bank-customer-service", key: name, "date": date, "ratings": data}
    if key == "person":
        doc["role"] = "teller"
    if notes:
        doc["notes"] = notes
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def assessed(run, tmp_path: Path) -> str:
    self_ratings = ratings(None, etiquette=[3, 3, 2, 3], communication=[2, 2, 2, 2], teamwork=[3, 3, 3, 3])
    res = run("assess", "--allow-partial", "--answers", str(write_answers(tmp_path / "self.json", self_ratings)),
              "--json")
    assert res.exit_code == 0, res.output
    return payload(res.stdout)["id"]


def mentor_file(tmp_path: Path, name: str | None = "Wang Fang", **extra) -> Path:
    mentor = ratings(None, etiquette=[2, 2, 2, 3], communication=[4, 4, 4, 3], teamwork=[3, 3, 3, 4])
    path = tmp_path / "mentor.json"
    doc = {"model": "bank-customer-service", "date": "2026-09-02", "ratings": mentor, **extra}
    if name:
        doc["mentor"] = name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def store_bytes(home: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file() and p.name != "careerkit.lock"}


# ----------------------------------------------------------------------------- the rules


@pytest.mark.parametrize(("diff", "size", "direction"), [
    (0.0, "agree", None), (0.49, "agree", None), (-0.25, "agree", None),
    (0.5, "word", "blind-spot"), (-1.0, "word", "hidden-strength"), (1.49, "word", "blind-spot"),
    (1.5, "disconnect", "blind-spot"), (-2.0, "disconnect", "hidden-strength"), (None, None, None),
])
def test_size_and_direction_thresholds(diff, size, direction):
    assert (core.size(diff) or None) == size
    assert (core.direction(diff) or None) == direction


def test_comparison_hand_computed():
    self_r = ratings(None, etiquette=[3, 3, 2, 3], communication=[2, 2, 2, 2], teamwork=[3, 3, 3, 3])
    mentor_r = ratings(None, etiquette=[2, 2, 2, 3], communication=[4, 4, 4, 3], teamwork=[3, 3, 3, 4])
    result = core.compare(BANK, self_r, mentor_r)
    rows = {r["competency"]: r for r in result["competencies"]}
    # etiquette: self 11/4 = 2.75, mentor 9/4 = 2.25 → +0.5: a quick word, a blind spot
    assert rows["etiquette"] == {"competency": "etiquette", "self": 2.75, "mentor": 2.25, "diff": 0.5,
                                 "size": "word", "direction": "blind-spot", "gate_flags": [], "target": None}
    # communication: self 2, mentor 15/4 = 3.75 → −1.75: a serious disconnect, a hidden strength
    assert rows["communication"]["diff"] == -1.75
    assert (rows["communication"]["size"], rows["communication"]["direction"]) == ("disconnect", "hidden-strength")
    # teamwork: 3 vs 3.25 → agree, no direction
    assert (rows["teamwork"]["diff"], rows["teamwork"]["size"], rows["teamwork"]["direction"]) == (-0.25, "agree", None)
    # not rated by either: nothing to compare
    assert rows["compliance"]["diff"] is None and rows["compliance"]["size"] is None
    # 12 indicators rated by both; equal: handing-over, telephone, 3 of teamwork = 5 → 41.67 %
    # within one level: 4 etiquette + 1 communication + 4 teamwork = 9 → 75 %
    assert result["rated_by_both"] == 12
    assert result["agreement"] == 41.67
    assert result["within_one"] == 75.0
    assert result["counts"] == {"agree": 1, "word": 1, "disconnect": 1, "blind-spot": 1, "hidden-strength": 1}


def test_no_overlap_has_no_agreement_figure():
    result = core.compare(BANK, ratings(None, etiquette=[3, 3, 3, 3]), ratings(None, teamwork=[3, 3, 3, 3]))
    assert result["rated_by_both"] == 0 and result["agreement"] is None and result["within_one"] is None


# ----------------------------------------------------------------------------- the command


def test_review_from_file_is_stored_and_shown_side_by_side(run, assessed, tmp_path):
    res = run("review", assessed, "--answers", str(mentor_file(tmp_path)), "--note", "Good <b>start</b>")
    assert res.exit_code == 0, res.output
    out = res.stdout
    lines = {line.split("│")[0].strip(): line for line in out.splitlines() if "│" in line}
    assert "Wang Fang" in out
    etiquette = lines["Professional image and etiquette"]
    assert "worth a quick word" in etiquette and "blind spot" in etiquette
    assert "serious disconnect" in lines["Communication"] and "hidden strength" in lines["Communication"]
    assert "agree" in lines["Teamwork"] and "blind spot" not in lines["Teamwork"]
    assert "Agreement: 42% of the 12 indicators rated by both have the same level (75% within one level)" in out
    assert "Good <b>start</b>" in out  # a note is text
    js = run("review", assessed, "--answers", str(mentor_file(tmp_path)), "--json")
    record = payload(js.stdout)
    assert set(record) >= {"id", "assessment", "person", "mentor", "model", "taken_at", "ratings", "notes",
                           "scores", "comparison"}
    assert record["assessment"] == assessed and record["person"] == "Li Wei" and record["mentor"] == "Wang Fang"
    assert record["model"]["id"] == "bank-customer-service" and len(record["model"]["digest"]) == 64
    assert record["scores"]["competencies"]["etiquette"]["score"] == 2.25
    assert record["taken_at"].startswith("2026-09-02")


def test_reviews_store_latest_last_and_delete_for_assessment(run, assessed, tmp_path, home):
    from careerkit.store import reviews
    from careerkit.store.database import session

    first = payload(run("review", assessed, "--answers", str(mentor_file(tmp_path)), "--json").stdout)
    later = mentor_file(tmp_path, date="2026-09-05")
    second = payload(run("review", assessed, "--answers", str(later), "--mentor", "Zhao Min", "--json").stdout)
    with session(home) as work:
        found = reviews.for_assessment(work, assessed)
        assert [r["id"] for r in found] == [first["id"], second["id"]]
        assert reviews.latest_for(work, {"id": assessed, "person": "Li Wei"})["mentor"] == "Zhao Min"
        assert [r["id"] for r in reviews.records(work, "Li Wei")] == [first["id"], second["id"]]
    with session(home, write=True) as work:
        assert reviews.delete_for_assessment(work, {"id": assessed, "person": "Li Wei"}) == 2
    with session(home) as work:
        assert reviews.for_assessment(work, assessed, person="Li Wei") == []


def test_show_and_compare_views_put_self_and_mentor_side_by_side(run, assessed, tmp_path, home):
    from rich.console import Console

    from careerkit.render.review_view import print_compare_reviews, print_show_reviews
    from careerkit.store import assessments, reviews
    from careerkit.store.database import session

    run("review", assessed, "--answers", str(mentor_file(tmp_path)))
    with session(home) as work:
        record = assessments.find(work, assessed)
        found = reviews.for_assessment(work, assessed, person="Li Wei")
    console = Console(record=True, width=120, no_color=True)
    print_show_reviews(console, BANK, record, found, "en")
    print_compare_reviews(console, BANK, record, record, found, [], "en")
    text = console.export_text()
    assert "Communication" in text and "2.00" in text and "3.75" in text and "-1.75" in text
    assert "Self and mentor, side by side" in text
    assert "agreement with Wang Fang: 42%" in text


def test_interactive_review_with_back_skip_note_and_help(run, assessed, home):
    answers = ["Wang Fang", "?", "x", "2", "b", "4", "n", "Explains <i>fees</i> well", "s"]
    answers += ["3"] * (len(ALL) - 2)
    answers += ["Keep practising", "y"]
    res = run("review", assessed, input="\n".join(answers) + "\n")
    assert res.exit_code == 0, res.output
    assert "Saved review" in res.stdout
    from careerkit.store import reviews
    from careerkit.store.database import session

    with session(home) as work:
        saved = reviews.for_assessment(work, assessed, person="Li Wei")[-1]
    assert saved["mentor"] == "Wang Fang"
    assert saved["ratings"]["knowledge.products"] == 4  # 2, then back, then 4
    assert saved["ratings"]["knowledge.procedures"] is None  # skipped
    assert saved["notes"] == {"knowledge.procedures": "Explains <i>fees</i> well"}
    assert saved["comment"] == "Keep practising"
    assert all(saved["ratings"][iid] == 3 for iid in ALL[2:])


def test_interactive_quit_saves_no_review_and_keeps_a_draft_apart(run, assessed, home):
    person_files = {k: v for k, v in store_bytes(home).items() if "people" in k}
    res = run("review", assessed, "--mentor", "Wang Fang", input="3\nq\n")
    assert res.exit_code == 0
    assert "Draft kept: 1 of" in res.output and "The review is not saved" in res.output
    assert f"careerkit review {assessed} --mentor 'Wang Fang' --resume" in res.output
    # the person's file (what an export bundle carries) is untouched: the draft is in the coordinator's
    assert {k: v for k, v in store_bytes(home).items() if "people" in k} == person_files
    assert "Wang Fang" in (home / "data" / "raters.json").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- bad input


def test_unknown_assessment_id(run, assessed, tmp_path, home):
    before = store_bytes(home)
    res = run("review", "ffffffffff", "--answers", str(mentor_file(tmp_path)))
    assert res.exit_code == 2
    assert "no assessment with an id starting 'ffffffffff'" in res.stderr
    assert store_bytes(home) == before


def test_review_without_mentor_name(run, assessed, tmp_path, home):
    before = store_bytes(home)
    res = run("review", assessed, "--answers", str(mentor_file(tmp_path, name=None)))
    assert res.exit_code == 2
    assert "no mentor given" in res.stderr
    assert store_bytes(home) == before


def test_review_file_of_another_model(run, assessed, tmp_path, home):
    path = mentor_file(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('"bank-customer-service"', '"core-professional"'),
                    encoding="utf-8")
    before = store_bytes(home)
    res = run("review", assessed, "--answers", str(path))
    assert res.exit_code == 2
    assert "core-professional" in res.stderr and "Traceback" not in res.output
    assert store_bytes(home) == before


def test_review_file_with_unknown_indicator_and_bad_level(run, assessed, tmp_path, home):
    path = tmp_path / "bad.yaml"
    path.write_text("model: bank-customer-service\nmentor: Wang Fang\nratings:\n"
                    "  knowledge.productz: 3\n  teamwork.support: 9\n", encoding="utf-8")
    before = store_bytes(home)
    res = run("review", assessed, "--answers", str(path))
    assert res.exit_code == 2
    assert "bad.yaml:4" in res.stderr and "knowledge.products" in res.stderr  # the line, and a suggestion
    assert "bad.yaml:5" in res.stderr
    assert store_bytes(home) == before


# ----------------------------------------------------------------------------- found in QA


def test_counts_say_they_are_per_competency_and_the_list_per_indicator(run, assessed, tmp_path):
    """etiquette differs by 0.5 and teamwork by 0.25 per competency, but single indicators differ
    by two levels: the summary must not say "0 serious disconnects" above a list of them."""
    mentor = ratings(None, etiquette=[1, 3, 2, 5], communication=[2, 2, 2, 2], teamwork=[3, 3, 3, 3])
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"model": "bank-customer-service", "mentor": "Wang Fang", "ratings": mentor}),
                    encoding="utf-8")
    out = run("review", assessed, "--answers", str(path), env={"COLUMNS": "80"}).stdout
    assert "By competency: 0 serious disconnect(s), 0 worth a quick word" in out.replace("\n", " ")
    assert "Indicators to discuss (self and mentor two levels or more apart):" in out
    discuss = out.split("Indicators to discuss")[1].splitlines()[1:]
    assert discuss[0].startswith("  • ")
    assert discuss[1].startswith("    ") and not discuss[1].startswith("    •")  # wrapped under its bullet


def test_compare_marks_a_serious_disconnect_without_colour(run, assessed, tmp_path, home):
    from rich.console import Console

    from careerkit.render.review_view import print_compare_reviews
    from careerkit.store import assessments, reviews
    from careerkit.store.database import session

    run("review", assessed, "--answers", str(mentor_file(tmp_path)))
    with session(home) as work:
        record = assessments.find(work, assessed)
        found = reviews.for_assessment(work, assessed, person="Li Wei")
    console = Console(record=True, width=120, no_color=True)
    print_compare_reviews(console, BANK, record, record, found, [], "en")
    rows = {line.split("│")[0].strip(): line for line in console.export_text().splitlines() if "│" in line}
    assert "3.75 ↑↑" in rows["Communication"]  # 2.00 vs 3.75: a disconnect, mentor higher
    assert "2.25 ↓" in rows["Professional image and etiquette"] and "↓↓" not in rows["Professional image and etiquette"]


def test_a_review_file_for_someone_else_or_another_model_is_refused_clearly(run, tmp_path, home):
    from tests.helpers import TINY_DIR, answers_file, record, store_bytes

    rec = record(run, tmp_path / "a", model="tiny", person="Ann", ratings={"alpha.one": 2})
    home_before = store_bytes(home)
    other = answers_file(tmp_path, "other.yaml", model="tiny", person="Bo", ratings={"alpha.one": 3})
    res = run("--models-dir", str(TINY_DIR), "review", rec["id"], "--mentor", "Mo", "--answers", str(other))
    assert res.exit_code == 2 and "this file rates 'Bo', but the assessment is 'Ann'" in res.stderr
    wrong = answers_file(tmp_path, "wrong.yaml", model="bank-customer-service", ratings={})
    res = run("--models-dir", str(TINY_DIR), "review", rec["id"], "--mentor", "Mo", "--answers", str(wrong))
    assert res.exit_code == 2 and f"but assessment {rec['id']} was made on 'tiny'" in res.stderr
    assert "--model says" not in res.stderr
    assert store_bytes(home) == home_before
