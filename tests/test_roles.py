"""Career paths: the ladder with readiness per role, and what changes from one role to the next."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerkit.model.loader import load_file
from tests.conftest import payload

ROOT = Path(__file__).resolve().parent.parent
BANK = load_file(ROOT / "competencies" / "bank-customer-service.yaml").model


@pytest.fixture
def all_threes(run, tmp_path: Path) -> str:
    """Li Wei, teller, every indicator at 3: every competency scores 3.00."""
    doc = {"model": "bank-customer-service", "person": "Li Wei", "role": "teller", "date": "2026-09-01",
           "ratings": dict.fromkeys(BANK.indicator_ids(), 3)}
    path = tmp_path / "self.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    res = run("assess", "--allow-partial", "--answers", str(path), "--json")
    assert res.exit_code == 0, res.output
    return payload(res.stdout)["id"]


def test_ladder_without_assessment(run):
    res = run("roles", "--model", "bank-customer-service")
    assert res.exit_code == 0, res.output
    out = res.stdout
    for title in ("Teller", "Senior teller", "Relationship manager", "Branch service supervisor"):
        assert title in out
    # a tree: each role under the one before it
    assert out.index("Teller (teller)") < out.index("Senior teller") < out.index("Relationship manager")
    assert "No assessment for readiness" in out


def test_ladder_readiness_hand_computed(run, all_threes):
    res = run("roles", "--person", "Li Wei", "--json")
    assert res.exit_code == 0, res.output
    data = payload(res.stdout)
    assert data["assessment"] == all_threes and data["current"] == "teller" and data["roots"] == ["teller"]
    rows = {r["id"]: r for r in data["roles"]}
    # total weight 9.7; senior teller misses etiquette (1.0) and compliance (1.5): 7.2 / 9.7
    assert rows["teller"]["readiness"] == 100.0 and rows["teller"]["gaps"] == []
    assert rows["senior-teller"]["readiness"] == 74.23
    assert rows["senior-teller"]["gaps"] == [
        {"competency": "etiquette", "score": 3.0, "target": 4, "gap": 1.0},
        {"competency": "compliance", "score": 3.0, "target": 4, "gap": 1.0},
    ]
    # relationship manager: only teamwork, complaints and career development (2.8 / 9.7) are met
    assert rows["relationship-manager"]["readiness"] == 28.87
    assert rows["branch-service-supervisor"]["readiness"] == 0.0
    terminal = run("roles", "--person", "Li Wei")
    assert "you are here" in terminal.stdout and "readiness 74%" in terminal.stdout


def test_roles_model_from_latest_assessment_when_no_profile(run, all_threes):
    res = run("roles", "--person", "Li Wei")
    assert res.exit_code == 0
    assert "Bank customer-service competency model" in res.stdout


def test_diff_side_by_side_with_descriptors(run):
    res = run("roles", "diff", "teller", "senior-teller", "--model", "bank-customer-service", "--json")
    assert res.exit_code == 0, res.output
    rows = {r["competency"]: r for r in payload(res.stdout)["competencies"]}
    assert (rows["knowledge"]["a"], rows["knowledge"]["b"], rows["knowledge"]["change"]) == (2, 3, 1)
    assert rows["mindset"]["change"] == 0 and rows["mindset"]["anchors"] == []
    # knowledge.products has anchors at 1, 3 and 5: level 3 has its own
    assert {"indicator": "knowledge.products", "level": 3, "exact": 3, "below": None, "above": None} \
        in rows["knowledge"]["anchors"]
    # etiquette rises to 4, which no anchor describes: both neighbours, never level 5's alone
    assert all((a["level"], a["exact"], a["below"], a["above"]) == (4, None, 3, 5)
               for a in rows["etiquette"]["anchors"])
    text = run("roles", "--model", "bank-customer-service", "diff", "teller", "senior-teller").stdout
    assert "From Teller to Senior teller" in text
    assert "Developing" in text and "Proficient" in text and "Advanced" in text
    assert "Handles routine work" in text  # the scale's descriptor of level 2
    assert "What to show as Senior teller" in text


def test_diff_in_chinese(run):
    res = run("--lang", "zh", "roles", "diff", "teller", "senior-teller", "--model", "bank-customer-service")
    assert res.exit_code == 0
    assert "从柜员到高级柜员" in res.stdout and "胜任" in res.stdout


@pytest.mark.parametrize("args", [
    ("diff", "teller", "astronaut"),
    ("diff", "astronaut", "teller"),
])
def test_diff_unknown_role(run, args):
    res = run("roles", "--model", "bank-customer-service", *args)
    assert res.exit_code == 2
    assert "no role 'astronaut' in model bank-customer-service" in res.stderr
    assert "teller (Teller), senior-teller (Senior teller)" in res.stderr  # ids and the titles one may type
    assert "Traceback" not in res.output


def test_unknown_model_and_no_model(run):
    res = run("roles", "--model", "no-such-model")
    assert res.exit_code == 2 and "no-such-model" in res.stderr
    res = run("roles")
    assert res.exit_code == 2 and "no competency model given" in res.stderr


# ----------------------------------------------------------------------------- found in QA


def test_diff_takes_titles_as_typed_in_either_language(run):
    zh = run("--lang", "zh", "roles", "--model", "bank-customer-service", "diff", "柜员", "高级柜员")
    assert zh.exit_code == 0, zh.output
    assert "从柜员到高级柜员" in zh.stdout
    en = run("roles", "--model", "bank-customer-service", "diff", "Teller", "senior teller", "--json")
    assert en.exit_code == 0 and payload(en.stdout)["to"] == "senior-teller"


def test_diff_shows_each_step_of_the_scale_once_and_fits_80_columns(run):
    res = run("roles", "--model", "bank-customer-service", "diff", "teller", "senior-teller",
              env={"COLUMNS": "80"})
    out = res.stdout
    # seven competencies rise from 2 to 3 and two from 3 to 4: each step's descriptors once, side by side
    assert out.count("Handles routine work") == 1
    assert out.count("Handles complex and unexpected") == 1
    assert "What each step means on the scale" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    # a wrapped anchor stays indented under its bullet
    lines = out.splitlines()
    bullet = next(i for i, line in enumerate(lines) if line.startswith("  • ") and not lines[i + 1].startswith("  • "))
    assert lines[bullet + 1].startswith("    ")


def test_roles_for_a_person_use_their_model(run, tmp_path, all_threes):
    """The profile says bank-customer-service; Ann's assessment is on core-professional."""
    assert run("init", "--person", "Li Wei", "--model", "bank-customer-service", "--role", "teller",
               "--lang", "en").exit_code == 0
    doc = {"model": "core-professional", "person": "Ann", "date": "2026-09-01", "ratings": {}}
    (tmp_path / "ann.json").write_text(json.dumps(doc), encoding="utf-8")
    assert run("assess", "--allow-partial", "--answers", str(tmp_path / "ann.json")).exit_code == 0
    res = run("roles", "--person", "Ann")
    assert res.exit_code == 0, res.output
    assert "core-professional" in res.stdout and "Ann, assessment" in res.stdout
    res = run("roles", "--person", "Ann", "--model", "bank-customer-service")
    assert "Ann has no assessment on model bank-customer-service" in res.stdout.replace("\n", " ")
