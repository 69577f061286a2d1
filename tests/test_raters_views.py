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


# ----------------------------------------------------------------------------- show, compare, plan: the 360° data

PEERS, CUSTOMERS = ["P1", "P2", "P3"], ["C1", "C2", "C3"]


def reviewed(run, tmp_path: Path, date: str, *, answering: list[str], self_level: int = 3) -> str:
    """An assessment with a request to a manager, three peers and three customers; those named answer:
    peers every indicator at 1, customers at 3, the manager at 2."""
    assessed = assess(run, tmp_path, self_level, date)
    folder = request(run, tmp_path, assessed, ["M:manager", *(f"{p}:peer" for p in PEERS),
                                               *(f"{c}:customer" for c in CUSTOMERS)], f"out-{date}")
    for name in answering:
        level = 2 if name == "M" else 1 if name in PEERS else 3
        answer(run, folder, name, dict.fromkeys(IDS, level), comment=f"words of {name}")
    return assessed


@pytest.fixture
def pair(run, tmp_path) -> tuple[str, str]:
    """Everyone answered the first; for the second, one peer (of three, the minimum) did not."""
    full = reviewed(run, tmp_path, "2026-08-01", answering=["M", *PEERS, *CUSTOMERS])
    short = reviewed(run, tmp_path, "2026-09-01", answering=["M", "P1", "P2", *CUSTOMERS])
    return full, short


WIDE = {"COLUMNS": "200"}


def sections(text: str) -> list[str]:
    """The 360° parts of a view, each from its heading on, table rules and cell borders dropped."""
    parts = text.split("360° review of")[1:]
    return [" ".join(part.replace("┃", " ").replace("│", " ").replace("━", "").replace("╇", "").split())
            for part in parts]


def assert_nothing_reconstructible(report: dict) -> None:
    """Every figure shown, and what others minus the shown groups leaves: none or at least the minimum."""
    least = report["min_raters"]
    shown = sum(g["raters"] for g in report["groups"].values())
    for group, data in report["groups"].items():
        assert group == "manager" or data["raters"] >= least
    if report["others"] is not None:
        rest = report["others"]["raters"] - shown
        assert rest == 0 or rest >= least, (rest, least)
    assert not set(report["withheld"]) & set(report["groups"])
    text = json.dumps(report, ensure_ascii=False)
    for name in [*PEERS, *CUSTOMERS]:
        assert f'"{name}"' not in text


def test_show_carries_the_360_figures_and_json_the_report(run, pair):
    full, _short = pair
    res = run(*TINY, "show", full, env=WIDE)
    assert res.exit_code == 0, res.output
    [text] = sections(res.stdout)
    head = "competency self manager · M (n=1) peers (n=3) customers (n=3) others (all but self) (n=7) spread"
    assert head in text
    # per competency: self 3.00, manager 2.00, peers 1.00, customers 3.00, others (2 + 3·1 + 3·3) / 7 = 2.00
    assert "Listening 3.00 2.00 1.00 3.00 2.00 0.93 ⚠ blind spot" in text
    assert "Distribution, peers (n=3): ratings at each level Listening: 1:6 2:0 3:0 Planning: 1:3 2:0 3:0" in text
    assert "Not shown on their own" not in text
    report = payload(run(*TINY, "show", full, "--json").stdout)["raters"]
    assert sorted(report["groups"]) == ["customer", "manager", "peer"] and report["withheld"] == []
    assert report["groups"]["peer"]["competencies"]["listening"] == {"mean": 1.0, "counts": {"1": 6, "2": 0, "3": 0}}
    assert report["others"]["raters"] == 7 and report["blind_spots"] == ["listening", "planning"]
    assert report["hidden_strengths"] == [] and report["min_raters"] == 3
    alone = payload(run(*TINY, "review", "report", full, "--json").stdout)
    assert {k: v for k, v in report.items() if k != "comments"} == \
        {k: v for k, v in alone.items() if k not in ("comments", "schema")}  # the same data as the report
    assert sorted(c["text"] for c in report["comments"]) == sorted(c["text"] for c in alone["comments"])
    assert_nothing_reconstructible(report)


def test_show_without_requests_has_no_360_part(run, tmp_path):
    assessed = assess(run, tmp_path)
    assert "360° review" not in run(*TINY, "show", assessed).stdout
    assert payload(run(*TINY, "show", assessed, "--json").stdout)["raters"] is None


def test_compare_carries_both_reports(run, pair):
    full, short = pair
    res = run(*TINY, "compare", full, short, env=WIDE)
    assert res.exit_code == 0, res.output
    first, second = sections(res.stdout)
    assert f"assessment {full}" in first and f"assessment {short}" in second
    assert "peers (n=3)" in first and "peers (n=" not in second
    data = payload(run(*TINY, "compare", full, short, "--json").stdout)["raters"]
    assert data["a"]["groups"]["peer"]["raters"] == 3
    assert sorted(data["b"]["groups"]) == ["manager"] and data["b"]["withheld"] == ["peer", "customer"]


def test_one_rater_fewer_at_the_minimum_withholds_the_group_everywhere(run, pair):
    full, short = pair
    for args in (["show", short], ["compare", full, short]):
        res = run(*TINY, *args, env=WIDE)
        assert res.exit_code == 0, res.output
        text = sections(res.stdout)[-1]
        assert f"assessment {short}" in text
        # peers (2 left), and customers, who would give the peers back as others − customers − manager
        assert "Not shown on their own (fewer than 3 raters, or they could be computed back): peers, customers" in text
        assert "peers (n=" not in text and "customers (n=" not in text and "Distribution, peers" not in text
        # only pooled: (2 + 2·1 + 3·3) / 6 = 2.17; the peers' 1.00 and the customers' 3.00 appear nowhere
        assert "competency self manager · M (n=1) others (all but self) (n=6) spread" in text
        assert "Listening 3.00 2.00 2.17" in text
        assert "1.00" not in text and text.count("3.00") == 2  # self, per competency
    shown = payload(run(*TINY, "show", short, "--json").stdout)["raters"]
    compared = payload(run(*TINY, "compare", full, short, "--json").stdout)["raters"]["b"]
    for report in (shown, compared):
        assert sorted(report["groups"]) == ["manager"] and report["withheld"] == ["peer", "customer"]
        assert report["others"]["raters"] == 6
        assert report["others"]["competencies"]["listening"]["mean"] == 2.17
        assert_nothing_reconstructible(report)
        # the comments of withheld raters go only with others, never under their group
        assert {c["group"] for c in report["comments"]} == {"others"}
    # at a minimum of 2 the two peers are a group of their own again
    lowered = payload(run(*TINY, "show", short, "--min-raters", "2", "--json").stdout)["raters"]
    assert lowered["groups"]["peer"]["raters"] == 2 and lowered["withheld"] == []


@pytest.mark.parametrize("value", ["0", "-1", "x"])
def test_min_raters_must_be_a_positive_number(run, pair, value):
    full, short = pair
    for args in (["show", short], ["compare", full, short], ["plan", short]):
        res = run(*TINY, *args, "--min-raters", value)
        assert res.exit_code == 2, (args, res.output)
        assert "--min-raters" in res.stderr and no_traceback(res.output)


def test_plan_min_raters_is_recorded_with_the_basis(run, pair):
    full, short = pair
    made = payload(run(*TINY, "plan", short, "--json").stdout)
    assert (made["basis"], made["min_raters"]) == ("others", 3)
    # 7 raters needed, 6 answered: others is withheld, the default basis falls back to the manager
    made = payload(run(*TINY, "plan", short, "--min-raters", "7", "--json").stdout)
    assert (made["basis"], made["min_raters"]) == ("manager", 7)
    res = run(*TINY, "plan", short, "--basis", "others", "--min-raters", "7")
    assert res.exit_code == 2 and "at least 7 raters" in res.stderr
    # 6 needed: peers and customers withheld together (6), others pooled over all 7
    made = payload(run(*TINY, "plan", full, "--min-raters", "6", "--basis", "others", "--json").stdout)
    assert (made["basis"], made["min_raters"]) == ("others", 6)
    shown = run(*TINY, "plan", "show", made["id"], "--format", "md")
    assert "a group shown with at least 6 raters" in shown.stdout
    plans = payload(run(*TINY, "plans", "--json").stdout)
    assert len(plans) == 3


def test_show_and_compare_in_chinese(run, pair):
    full, short = pair
    text = "".join(run(*TINY, "--lang", "zh", "show", short, env=WIDE).stdout.split())
    assert "未单独显示" in text and "：同事、客户" in text and "倾听：1:4" in text
    text = "".join(run(*TINY, "--lang", "zh", "compare", full, short, env=WIDE).stdout.split())
    assert "同事（n=3）" in text and "盲点" in text
