"""Multi-rater reviews through the command line: packets out, answers back, the report, and bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from careerkit.model.loader import load_file
from tests.conftest import payload

ROOT = Path(__file__).resolve().parent.parent
BANK = load_file(ROOT / "competencies" / "bank-customer-service.yaml").model
ALL = BANK.indicator_ids()
RATING_LINE = re.compile(r"^(  [a-z0-9-]+\.[a-z0-9-]+): null$", re.M)


def store_bytes(home: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file() and p.name != "careerkit.lock"}


@pytest.fixture
def assessed(run, tmp_path: Path) -> str:
    doc = {"model": "bank-customer-service", "person": "李伟", "role": "teller", "date": "2026-09-01",
           "ratings": dict.fromkeys(ALL, 4)}
    (tmp_path / "self.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    res = run("assess", "--answers", str(tmp_path / "self.json"), "--json")
    assert res.exit_code == 0, res.output
    return payload(res.stdout)["id"]


RATERS = ["王芳:manager", "张强:peer", "刘洋:peer", "陈静:peer", "赵敏:customer"]


@pytest.fixture
def requested(run, assessed, tmp_path: Path) -> dict:
    args = ["review", "request", assessed, "-o", str(tmp_path / "out"), "--json"]
    for spec in RATERS:
        args += ["--rater", spec]
    res = run(*args)
    assert res.exit_code == 0, res.output
    return payload(res.stdout)


def fill(path: Path, value: int | None, *, comment: str | None = None, target: Path | None = None) -> Path:
    text = path.read_text(encoding="utf-8")
    if value is not None:
        text = RATING_LINE.sub(lambda m: f"{m.group(1)}: {value}", text)
    if comment is not None:
        text = text.replace("comment: null", f"comment: {json.dumps(comment, ensure_ascii=False)}")
    out = target or path
    out.write_text(text, encoding="utf-8")
    return out


def packet(tmp_path: Path, name: str) -> Path:
    return tmp_path / "out" / f"{name}.answers.yaml"


def test_request_writes_two_files_per_rater_with_every_indicator(requested, tmp_path):
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(files) == 10 and "张强.answers.yaml" in files and "张强.html" in files
    text = packet(tmp_path, "张强").read_text(encoding="utf-8")
    assert all(f"  {iid}: null" in text for iid in ALL)
    assert "group: peer" in text and 'rater: "张强"' in text
    assert re.search(r'^packet: "[A-Za-z0-9_-]{22}"$', text, re.M)
    # the bank model gives every indicator an observer text: raters read it, in the third person
    first = BANK.competencies[0].indicators[0]
    assert f"  # {' '.join(BANK.text(first.observer, 'en').split())}\n" in text
    assert "(the employee's own statement)" not in text
    # the anchors are in the comments above the rating
    products = BANK.competency("knowledge").indicators[0]
    first_anchor = BANK.text(sorted(products.anchors.items())[0][1], "en")
    assert " ".join(first_anchor.split()) in text
    assert "not to the employee" in text


def test_collect_and_report_hand_computed(run, requested, assessed, tmp_path):
    fill(packet(tmp_path, "王芳"), 3)
    fill(packet(tmp_path, "张强"), 2, comment="耐心")
    fill(packet(tmp_path, "刘洋"), 3)
    fill(packet(tmp_path, "陈静"), 3)
    res = run("review", "collect", *(str(packet(tmp_path, n)) for n in ("王芳", "张强", "刘洋", "陈静")), "--json")
    assert res.exit_code == 0, res.output
    assert len(payload(res.stdout)["taken"]) == 4
    status = payload(run("review", "status", requested["request"], "--json").stdout)
    assert [r["status"] for r in status["raters"]] == ["answered"] * 4 + ["waiting"]
    raw = run("review", "report", assessed, "--json").stdout
    assert json.loads(raw)["schema"] == "careerkit/review-report/v1"
    report = payload(raw)
    assert report["min_raters"] == 3 and report["assessment"] == assessed
    knowledge = report["groups"]["peer"]["competencies"]["knowledge"]
    n = len(BANK.competency("knowledge").indicators)
    # peers rate 2, 3, 3 everywhere: mean 2.67, one rater's indicators at 2 and two raters' at 3
    assert knowledge["mean"] == 2.67 and knowledge["counts"]["2"] == n and knowledge["counts"]["3"] == 2 * n
    assert report["groups"]["manager"]["raters"] == 1
    # others: 2, 3, 3 and the manager's 3 → 2.75; self 4 is 1.25 above → a blind spot everywhere
    assert report["others"]["raters"] == 4 and report["others"]["competencies"]["knowledge"]["mean"] == 2.75
    assert report["blind_spots"] == [c.id for c in BANK.competencies] and report["withheld"] == []
    assert report["self"]["knowledge"] == 4.0
    assert [c["text"] for c in report["comments"]] == ["耐心"]
    # the customer answers too: one customer is withheld, and so are the peers it could be computed from
    fill(packet(tmp_path, "赵敏"), 1)
    assert run("review", "collect", str(packet(tmp_path, "赵敏"))).exit_code == 0
    report = payload(run("review", "report", assessed, "--json").stdout)
    assert report["withheld"] == ["peer", "customer"] and set(report["groups"]) == {"manager"}
    assert report["others"]["raters"] == 5
    text = run("review", "report", assessed, "--json").stdout + run("review", "report", assessed).stdout
    for fmt in ("md", "html", "txt"):
        res = run("review", "report", assessed, "--format", fmt)
        assert res.exit_code == 0, res.output
        text += res.stdout
    for name in ("张强", "刘洋", "陈静", "赵敏"):
        assert name not in text
    assert "王芳" in text
    assert "360° review: 5 of 5 rater(s) answered" in run("show", assessed).stdout


def test_same_file_twice_changes_nothing_and_a_different_answer_needs_replace(run, requested, tmp_path, home):
    path = fill(packet(tmp_path, "张强"), 2)
    assert run("review", "collect", str(path)).exit_code == 0
    before = store_bytes(home)
    res = run("review", "collect", str(path))
    assert res.exit_code == 0 and "unchanged" in res.stdout
    assert store_bytes(home) == before
    fill(path, None, comment="changed my mind")
    res = run("review", "collect", str(path))
    assert res.exit_code == 2 and "already answered differently" in res.stderr and "--replace" in res.stderr
    assert store_bytes(home) == before
    assert run("review", "collect", "--replace", str(path)).exit_code == 0
    assert store_bytes(home) != before


def test_bad_packets_refused_by_name_while_the_others_are_taken(run, requested, assessed, tmp_path, home):
    good = fill(packet(tmp_path, "刘洋"), 3)
    off_scale = fill(packet(tmp_path, "张强"), 9)
    tampered = packet(tmp_path, "陈静")
    tampered.write_text(tampered.read_text(encoding="utf-8").replace("group: peer", "group: manager"),
                        encoding="utf-8")
    foreign = tmp_path / "foreign.yaml"
    foreign.write_text(re.sub(r'^packet: ".*"$', 'packet: "not-a-real-packet-id-000"',
                              good.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    res = run("review", "collect", str(good), str(off_scale), str(tampered), str(foreign))
    assert res.exit_code == 2
    assert "3 of 4 packet(s) refused" in res.stderr
    assert "level 9 is not on the scale (1–5)" in res.stderr
    line = next(i for i, text in enumerate(off_scale.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("  knowledge.products:"))
    assert f"{off_scale}:{line}:" in res.stderr
    assert "tampered" in res.stderr and f"{tampered}:" in res.stderr
    assert "foreign packet" in res.stderr
    status = payload(run("review", "status", requested["request"], "--json").stdout)
    assert [r["name"] for r in status["raters"] if r["status"] == "answered"] == ["刘洋"]


def test_packet_of_another_request_and_late_packets(run, requested, assessed, tmp_path, home):
    res = run("review", "request", assessed, "--rater", "孙丽:peer", "-o", str(tmp_path / "second"), "--json")
    second = payload(res.stdout)["request"]
    other = tmp_path / "second" / "孙丽.answers.yaml"
    fill(other, 3)
    text = other.read_text(encoding="utf-8").replace(f'request: "{second}"', f'request: "{requested["request"]}"')
    other.write_text(text, encoding="utf-8")
    res = run("review", "collect", str(other))
    assert res.exit_code == 2 and "tampered" in res.stderr and "`request`" in res.stderr
    assert run("review", "close", requested["request"]).exit_code == 0
    before = store_bytes(home)
    res = run("review", "collect", str(fill(packet(tmp_path, "张强"), 2)))
    assert res.exit_code == 2 and "late packet" in res.stderr and "closed" in res.stderr
    assert store_bytes(home) == before


@pytest.mark.parametrize(("spec", "message"), [
    ("王芳:boss", "no rater group 'boss'"), ("王芳", "is not NAME:GROUP"),
])
def test_rater_spec_without_a_known_group(run, assessed, tmp_path, home, spec, message):
    before = store_bytes(home)
    res = run("review", "request", assessed, "--rater", spec, "-o", str(tmp_path / "out"))
    assert res.exit_code == 2 and message in res.stderr
    assert store_bytes(home) == before and not (tmp_path / "out").exists()


def test_min_raters_and_withheld_groups_carry_no_figures(run, requested, assessed, tmp_path):
    for name in ("王芳", "张强", "刘洋"):
        fill(packet(tmp_path, name), 3)
    assert run("review", "collect", *(str(packet(tmp_path, n)) for n in ("王芳", "张强", "刘洋"))).exit_code == 0
    report = payload(run("review", "report", assessed, "--json").stdout)
    # two peers are withheld; others (manager and two peers) would give them back as others − manager
    assert "peer" not in report["groups"] and report["withheld"] == ["peer", "others"]
    assert report["others"] is None and report["blind_spots"] == []
    report = payload(run("review", "report", assessed, "--json", "--min-raters", "2").stdout)
    assert report["groups"]["peer"]["raters"] == 2 and report["others"]["raters"] == 3


def test_mentor_review_is_the_manager_group(run, assessed, tmp_path):
    mentor = tmp_path / "mentor.json"
    mentor.write_text(json.dumps({"model": "bank-customer-service", "mentor": "Wang Fang",
                                  "ratings": dict.fromkeys(ALL, 3)}), encoding="utf-8")
    assert run("review", assessed, "--answers", str(mentor)).exit_code == 0
    report = payload(run("review", "report", assessed, "--json").stdout)
    assert report["groups"]["manager"] == {**report["groups"]["manager"], "name": "Wang Fang", "raters": 1}
    assert report["others"] is None and report["withheld"] == ["others"]


def test_export_bundle_carries_no_rater_answers(run, requested, assessed, tmp_path):
    fill(packet(tmp_path, "张强"), 2, comment="secret-peer-comment")
    assert run("review", "collect", str(packet(tmp_path, "张强"))).exit_code == 0
    out = tmp_path / "bundle.json"
    res = run("export", "--person", "李伟", "-o", str(out))
    assert res.exit_code == 0, res.output
    data = out.read_text(encoding="utf-8")
    assert "张强" not in data and "secret-peer-comment" not in data


def test_a_rater_at_the_coordinators_terminal(run, requested, assessed, tmp_path):
    res = run("review", assessed, "--rater", "张强:peer", input="3\n" * len(ALL) + "细心\n\n")  # Enter at the end saves
    assert res.exit_code == 0, res.output
    assert BANK.text(BANK.competencies[0].indicators[0].observer, "en")[:40] in res.output
    assert "360° review of 李伟" in res.output and "Mentor review" not in res.output
    status = payload(run("review", "status", requested["request"], "--json").stdout)
    assert [r["status"] for r in status["raters"] if r["name"] == "张强"] == ["answered"]
    res = run("review", assessed, "--rater", "孙丽:peer", input="3\n" * len(ALL))
    assert res.exit_code == 2 and "not a rater of an open request" in res.stderr


def test_packets_in_the_raters_language(run, assessed, tmp_path):
    res = run("--lang", "zh", "review", "request", assessed, "--rater", "张强:peer", "-o", str(tmp_path / "zh"))
    assert res.exit_code == 0, res.output
    text = (tmp_path / "zh" / "张强.answers.yaml").read_text(encoding="utf-8")
    first = BANK.competencies[0].indicators[0]
    assert BANK.text(first.observer, "zh") in text and "请把本文件交回给发送它的协调人" in text
    page = (tmp_path / "zh" / "张强.html").read_text(encoding="utf-8")
    assert '<html lang="zh">' in page and "保存答案文件" in page


@pytest.fixture
def tiny_observed(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The tiny model with an observer text on one indicator and renamed rater groups, and an assessment on it."""
    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setenv("CAREERKIT_MODELS", str(folder))
    text = (ROOT / "tests" / "fixtures" / "tiny-model.yaml").read_text(encoding="utf-8")
    text = text.replace("        text: {en: I give people my full attention., zh: 我专注地倾听他人。}\n",
                        "        text: {en: I give people my full attention., zh: 我专注地倾听他人。}\n"
                        "        observer: {en: The employee gives people full attention.,"
                        " zh: 该员工专注地倾听他人。}\n")
    text += "rater_groups:\n  peer: {en: Counter colleagues, zh: 柜台同事}\n"
    (folder / "tiny.yaml").write_text(text, encoding="utf-8")
    doc = {"model": "tiny", "person": "李伟",
           "ratings": {"listening.attention": 3, "listening.questions": 3, "planning.priorities": 3}}
    (tmp_path / "self.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return payload(run("assess", "--answers", str(tmp_path / "self.json"), "--json").stdout)["id"]


def test_observer_texts_and_renamed_groups_in_packets_and_report(run, tiny_observed, tmp_path):
    args = ["review", "request", tiny_observed, "-o", str(tmp_path / "t")]
    for name in ("甲", "乙", "丙"):
        args += ["--rater", f"{name}:peer"]
    assert run(*args).exit_code == 0
    text = (tmp_path / "t" / "甲.answers.yaml").read_text(encoding="utf-8")
    assert "  # The employee gives people full attention.\n  #   1: Often distracted." in text
    assert "(the employee's own statement) I ask questions before I answer." in text
    assert "Rater: 甲 (Counter colleagues)" in text
    for name in ("甲", "乙", "丙"):
        fill(tmp_path / "t" / f"{name}.answers.yaml", 2)
    assert run("review", "collect", *(str(p) for p in (tmp_path / "t").glob("*.answers.yaml"))).exit_code == 0
    assert "Counter colleagues (n=3)" in run("review", "report", tiny_observed, "--format", "md").stdout


def test_hostile_text_stays_text_in_the_packet_page(run, tiny_observed, tmp_path):
    hostile = "</script><img src=x onerror=alert(1)>"
    res = run("review", "request", tiny_observed, "--rater", f"{hostile}:peer", "-o", str(tmp_path / "h"), "--json")
    assert res.exit_code == 0, res.output
    page = next((tmp_path / "h").glob("*.html")).read_text(encoding="utf-8")
    assert "<img src=x" not in page and "</script><img" not in page
    answers = next((tmp_path / "h").glob("*.answers.yaml"))
    assert answers.parent == tmp_path / "h"  # the name never leaves the packet folder
    fill(answers, 1)
    assert run("review", "collect", str(answers)).exit_code == 0
