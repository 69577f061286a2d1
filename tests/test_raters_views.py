"""The 360° data beyond `review report`: `show`, `compare` and their --json, `plan --min-raters`,
and deleting an assessment with its review requests (one commit, at every crash point)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerkit.store import files
from tests.conftest import FIXTURES, no_traceback, payload

TINY = ("--models-dir", str(FIXTURES))
IDS = ("listening.attention", "listening.questions", "planning.priorities")


def assess(run, tmp_path: Path, level: int = 3, date: str = "2026-09-01") -> str:
    doc = {"model": "tiny", "person": "李伟", "date": date, "ratings": dict.fromkeys(IDS, level)}
    path = tmp_path / f"self-{date}-{level}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    res = run(*TINY, "assess", "--answers", str(path), "--json")
    assert res.exit_code == 0, res.output
    return payload(res.stdout)["id"]


def request(run, tmp_path: Path, assessed: str, specs: list[str], out: str = "out") -> Path:
    args = [*TINY, "review", "request", assessed, "-o", str(tmp_path / out)]
    for spec in specs:
        args += ["--rater", spec]
    res = run(*args)
    assert res.exit_code == 0, res.output
    return tmp_path / out


def answer(run, folder: Path, name: str, ratings: dict[str, int | None], comment: str | None = None) -> None:
    path = folder / f"{name}.answers.yaml"
    text = path.read_text(encoding="utf-8")
    for iid, value in ratings.items():
        text = text.replace(f"  {iid}: null", f"  {iid}: {'null' if value is None else value}")
    if comment is not None:
        text = text.replace("comment: null", f"comment: {json.dumps(comment, ensure_ascii=False)}")
    path.write_text(text, encoding="utf-8")
    res = run(*TINY, "review", "collect", str(path))
    assert res.exit_code == 0, res.output


def raters_file(home: Path) -> dict:
    found = files.read_sealed(home / "data" / "raters.json")
    return found if isinstance(found, dict) else {}


# ----------------------------------------------------------------------------- delete


def store_state(home: Path) -> tuple[list[str], list[str], int]:
    """Assessment ids in the person's file, request ids and review drafts in raters.json."""
    people = list((home / "data" / "people").glob("*.json"))
    ids = sorted(doc["id"] for p in people for doc in (files.read_sealed(p) or {}).get("assessments", {}).values())
    data = raters_file(home)
    return ids, sorted(r["assessment"] for r in data.get("requests", {}).values()), len(data.get("drafts", {}))


def test_delete_takes_its_review_requests_answers_and_drafts_with_it(run, tmp_path, home):
    kept = assess(run, tmp_path, 2, "2026-08-01")
    gone = assess(run, tmp_path)
    request(run, tmp_path, kept, ["甲:peer"], "kept")
    folder = request(run, tmp_path, gone, ["甲:peer", "乙:customer"])
    answer(run, folder, "甲", dict.fromkeys(IDS, 2), comment="secret-peer-comment")
    assert run(*TINY, "review", gone, "--rater", "乙:customer", input="1\nq\n").exit_code == 0  # a draft
    assert run(*TINY, "review", gone, "--mentor", "王芳", input="1\nq\n").exit_code == 0  # another
    assert store_state(home)[2] == 2

    res = run("delete", gone, input="n\n")
    assert "Its 1 360° review request(s) and the 1 answer(s) returned go with it." in res.output
    res = run("delete", gone, "--yes")
    assert res.exit_code == 0, res.output
    assert "Deleted its 1 360° review request(s)" in res.stdout
    assert store_state(home) == ([kept], [kept], 0)
    assert "secret-peer-comment" not in (home / "data" / "raters.json").read_text(encoding="utf-8")
    statuses = payload(run("review", "status", "--json").stdout)
    assert [s["assessment"] for s in statuses] == [kept]
    # its packets are now foreign: refused by name, nothing taken
    res = run(*TINY, "review", "collect", str(folder / "乙.answers.yaml"))
    assert res.exit_code == 2 and "乙.answers.yaml" in res.stderr


@pytest.mark.slow
def test_delete_with_requests_is_all_or_nothing_at_every_crash_point_and_io_fault(run, tmp_path, home):
    from tests.test_safety_store import sweep

    kept = assess(run, tmp_path, 2, "2026-08-01")
    gone = assess(run, tmp_path)
    folder = request(run, tmp_path, gone, ["甲:peer", "乙:peer"])
    answer(run, folder, "甲", dict.fromkeys(IDS, 2))
    old = store_state(home)
    new = ([kept], [], 0)
    assert old == (sorted([kept, gone]), [gone], 0)

    def check(h: Path, finished: bool) -> None:
        now = store_state(h)
        assert now in (old, new)
        if finished:
            assert now == new
        listed = run("review", "status", "--json")
        assert listed.exit_code == 0 and no_traceback(listed.stderr)

    sweep(home, ["delete", gone, "--yes"], check, run=run)
