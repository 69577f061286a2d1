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
    for title in ("Trainee teller", "Teller", "Senior teller", "Lobby manager", "Wealth manager",
                  "Operations supervisor", "Branch manager"):
        assert title in out
    # a tree: each role under the one before it, three branches after senior teller
    assert out.index("Trainee teller (trainee-teller)") < out.index("Teller (teller)") < out.index("Senior teller")
    assert out.index("Senior teller") < out.index("Lobby manager") < out.index("Wealth manager") \
        < out.index("Operations supervisor")
    assert "No assessment for readiness" in out


def test_ladder_readiness_hand_computed(run, all_threes):
    res = run("roles", "--person", "Li Wei", "--json")
    assert res.exit_code == 0, res.output
    data = payload(res.stdout)
    assert data["assessment"] == all_threes and data["current"] == "teller" and data["roots"] == ["trainee-teller"]
    rows = {r["id"]: r for r in data["roles"]}
    # every competency at 3: the trainee's 2s and the teller's 3s are met
    assert rows["trainee-teller"]["readiness"] == 100.0 and rows["teller"]["readiness"] == 100.0
    assert rows["teller"]["gaps"] == []
    # senior teller targets 12 competencies, weight 12.9; it misses knowledge (1.2), teamwork (1.0),
    # complaints (1.0) and compliance (1.5): 8.2 / 12.9
    assert rows["senior-teller"]["readiness"] == 63.57
    assert rows["senior-teller"]["gaps"] == [
        {"competency": "knowledge", "score": 3.0, "target": 4, "gap": 1.0},
        {"competency": "teamwork", "score": 3.0, "target": 4, "gap": 1.0},
        {"competency": "complaints", "score": 3.0, "target": 4, "gap": 1.0},
        {"competency": "compliance", "score": 3.0, "target": 4, "gap": 1.0},
    ]
    # operations supervisor (weight 14.1) asks 3 of service orientation, communication, etiquette,
    # career development, customer experience and social responsibility: 6.0 / 14.1
    assert rows["operations-supervisor"]["readiness"] == 42.55
    # lobby manager (all 13 competencies, 14.1): only career development (0.8) and suitability (1.2) at 3
    assert rows["lobby-manager"]["readiness"] == 14.18
    # wealth manager: career development, customer experience and social responsibility: 2.8 / 14.1
    assert rows["wealth-manager"]["readiness"] == 19.86
    # branch manager (all 14, 15.3): career development, suitability and operations control at 3: 3.2 / 15.3
    assert rows["branch-manager"]["readiness"] == 20.92
    terminal = run("roles", "--person", "Li Wei")
    assert "you are here" in terminal.stdout and "readiness 64%" in terminal.stdout


def test_roles_model_from_latest_assessment_when_no_profile(run, all_threes):
    res = run("roles", "--person", "Li Wei")
    assert res.exit_code == 0
    assert "Bank customer-service competency model" in res.stdout


def test_diff_side_by_side_with_descriptors(run):
    res = run("roles", "diff", "teller", "senior-teller", "--model", "bank-customer-service", "--json")
    assert res.exit_code == 0, res.output
    rows = {r["competency"]: r for r in payload(res.stdout)["competencies"]}
    assert (rows["knowledge"]["a"], rows["knowledge"]["b"], rows["knowledge"]["change"]) == (3, 4, 1)
    assert rows["mindset"]["change"] == 0 and rows["mindset"]["anchors"] == []
    # every indicator has an anchor of every level: a rise to 4 is described by level-4 words only
    assert {"indicator": "knowledge.products", "level": 4, "exact": 4, "below": None, "above": None} \
        in rows["knowledge"]["anchors"]
    assert {a["exact"] for a in rows["compliance"]["anchors"]} == {4}
    assert len(rows["compliance"]["anchors"]) == len(BANK.competency("compliance").indicators)
    text = run("roles", "--model", "bank-customer-service", "diff", "teller", "senior-teller").stdout
    assert "From Teller to Senior teller" in text
    assert "Proficient" in text and "Advanced" in text
    assert "Handles complex and unexpected situations" in text  # the scale's descriptor of level 4
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
    # four competencies rise from 3 to 4: the step's descriptors once, side by side
    assert out.count("Does the job independently") == 1
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
