"""Observation checklists: the model format, `careerkit observe`, and the evidence in show and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerkit.model.loader import validate_file
from tests.conftest import FIXTURES, payload

ROOT = Path(__file__).resolve().parent.parent
CHECKLIST = """
checklists:
  - id: visit
    title: {en: Branch visit, zh: 网点检查}
    items:
      - {id: greet, text: Greets the customer, indicators: [listening.attention], weight: 2}
      - {id: asks, text: Asks before answering, indicators: [listening.attention, listening.questions]}
      - {id: queue, text: Works the most urgent case first, indicators: [planning.priorities]}
"""


def checklist_models(folder: Path, model_id: str = "tiny") -> Path:
    """A models folder holding the tiny model (as ``model_id``) with the ``visit`` checklist."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (FIXTURES / "tiny-model.yaml").read_text(encoding="utf-8").replace("id: tiny\n", f"id: {model_id}\n", 1)
    (folder / f"{model_id}.yaml").write_text(text + CHECKLIST, encoding="utf-8")
    return folder


@pytest.fixture
def model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CAREERKIT_MODELS", str(checklist_models(tmp_path / "models")))
    return "tiny"


@pytest.fixture
def assessed(run, model, tmp_path) -> str:
    doc = {"model": "tiny", "person": "李伟", "date": "2026-09-01",
           "ratings": {"listening.attention": 2, "listening.questions": 2, "planning.priorities": 3}}
    (tmp_path / "self.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    res = run("assess", "--answers", str(tmp_path / "self.json"), "--json")
    assert res.exit_code == 0, res.output
    return payload(res.stdout)["id"]


def store_bytes(home: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file() and p.name != "careerkit.lock"}


def observation(tmp_path: Path, text: str, name: str = "visit.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bank_model_carries_a_valid_branch_visit_checklist():
    found, problems = validate_file(ROOT / "competencies" / "bank-customer-service.yaml")
    assert problems == []
    visit = found.checklist("branch-visit")
    assert len(visit.items) >= 10
    # outside, lobby, counter, wealth area and complaints are all there
    assert {item.id.split("-")[0] for item in visit.items} == {"outside", "lobby", "counter", "wealth", "complaints"}


def test_observe_from_a_file_and_the_evidence_in_show_and_report(run, assessed, tmp_path):
    older = observation(tmp_path, "person: 李伟\nobserver: 王芳\ndate: 2026-10-01\n"
                        "items: {greet: yes, asks: yes, queue: yes}\n", "old.yaml")
    assert run("observe", "visit", "--answers", str(older), "--model", "tiny").exit_code == 0
    newer = observation(tmp_path, "person: 李伟\nobserver: 神秘客 A\ndate: 2026-11-20\n"
                        "items:\n  greet: yes\n  asks: {answer: no, note: 直接回答了}\n  queue: n.a.\n")
    res = run("observe", "visit", "--answers", str(newer), "--model", "tiny", "--json")
    assert res.exit_code == 0, res.output
    saved = payload(res.stdout)
    assert saved["counts"] == {"yes": 1, "no": 1, "na": 1}
    assert saved["items"]["asks"] == {"answer": "no", "note": "直接回答了"}
    shown = payload(run("show", assessed, "--json").stdout)
    rows = {e["indicator"]: e for e in shown["observations"]}
    # attention, latest visit: greet (weight 2) yes, asks (weight 1) no → 1 of 2 met, 2/3 = 66.67 %
    assert rows["listening.attention"] | {"observation": None} == {
        "indicator": "listening.attention", "checklist": "visit", "observation": None, "date": rows[
            "listening.attention"]["date"], "observer": "神秘客 A", "met": 1, "items": 2, "share": 66.67}
    assert rows["listening.attention"]["date"].startswith("2026-11-20")
    # questions: asks no → 0 of 1
    assert (rows["listening.questions"]["met"], rows["listening.questions"]["share"]) == (0, 0.0)
    # priorities: n.a. in the latest visit, so the earlier one counts (1 of 1, by 王芳)
    assert rows["planning.priorities"]["observer"] == "王芳" and rows["planning.priorities"]["share"] == 100.0
    text = run("show", assessed).stdout
    assert "listening.attention: 1 of 2 item(s) met (67%) on 2026-11-20, 神秘客 A" in text
    report = payload(run("review", "report", assessed, "--json").stdout)
    assert [e["indicator"] for e in report["observations"]] == ["listening.attention", "listening.questions",
                                                                  "planning.priorities"]
    md = run("review", "report", assessed, "--format", "md").stdout
    assert "observed 1/2 (2026-11-20, 神秘客 A)" in md


def test_observe_interactively(run, model, assessed):
    res = run("observe", "visit", "--person", "李伟", "--observer", "王芳", "--model", "tiny", "--json",
              input="y\nx\nn 没有提问\na\n")
    assert res.exit_code == 0, res.output
    saved = payload(res.stdout)
    assert {k: v["answer"] for k, v in saved["items"].items()} == {"greet": "yes", "asks": "no", "queue": "na"}
    assert saved["items"]["asks"]["note"] == "没有提问" and saved["observer"] == "王芳"


@pytest.mark.parametrize(("text", "message", "line"), [
    ("items: {greet: yes, greeting: no}\n", "no item 'greeting' in checklist visit (did you mean 'greet'?)", 1),
    ("items:\n  greet: maybe\n", "'maybe' is not an answer", 2),
    ("date: 2999-01-01\nitems: {greet: yes}\n", "in the future", 1),
])
def test_bad_observation_files(run, assessed, tmp_path, home, text, message, line):
    before = store_bytes(home)
    path = observation(tmp_path, "person: 李伟\n" + text)
    res = run("observe", "visit", "--answers", str(path), "--model", "tiny")
    assert res.exit_code == 2 and message in res.stderr
    assert f"{path}:{line + 1}:" in res.stderr
    assert store_bytes(home) == before


def test_unknown_checklist_and_future_date_option(run, assessed, home):
    before = store_bytes(home)
    res = run("observe", "walkthrough", "--person", "李伟", "--model", "tiny")
    assert res.exit_code == 2 and "no checklist 'walkthrough' in model tiny (checklists: visit)" in res.stderr
    res = run("observe", "visit", "--person", "李伟", "--model", "tiny", "--date", "2999-01-01", input="y\ny\ny\n")
    assert res.exit_code == 2 and "--date 2999-01-01 is in the future" in res.stderr
    assert store_bytes(home) == before
