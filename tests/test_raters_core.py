"""Multi-rater review rules (careerkit.core.raters), hand-computed on the tiny model (levels 1–3)."""

from __future__ import annotations

import itertools
import json
import random
from datetime import UTC
from pathlib import Path

import pytest

from careerkit.core import raters as core
from careerkit.errors import InputError
from careerkit.model.loader import load_file

ROOT = Path(__file__).resolve().parent
TINY = load_file(ROOT / "fixtures" / "tiny-model.yaml").model
SELF = {"id": "a1", "person": "Li Wei", "role": "junior",
        "ratings": {"listening.attention": 3, "listening.questions": 3, "planning.priorities": 1}}


def r(group: str, a: int | None, q: int | None, p: int | None, name: str = "x", **extra) -> core.Rating:
    return core.Rating(group, {"listening.attention": a, "listening.questions": q, "planning.priorities": p},
                       name, **extra)


MANAGER = r("manager", 2, 2, 2, "Wang Fang")
PEERS = [r("peer", 2, 1, 3, "p1"), r("peer", 2, 2, 3, "p2"), r("peer", 1, 2, 2, "p3")]


def test_parse_spec():
    assert core.parse_spec("王芳:manager") == ("王芳", "manager")
    assert core.parse_spec("张强：Peer") == ("张强", "peer")
    assert core.parse_spec("Dr. A: B:customer") == ("Dr. A: B", "customer")
    for bad in ("王芳", "王芳:boss", ":peer", "王芳:"):
        with pytest.raises(InputError):
            core.parse_spec(bad)


def test_request_refuses_two_managers_and_the_same_rater_twice():
    with pytest.raises(InputError):
        core.new_request(TINY, "d", SELF, [("a", "manager"), ("b", "manager")], _now())
    with pytest.raises(InputError):
        core.new_request(TINY, "d", SELF, [("a", "peer"), ("A", "customer")], _now())
    with pytest.raises(InputError):
        core.new_request(TINY, "d", SELF, [("Li Wei", "peer")], _now())
    req = core.new_request(TINY, "d", SELF, [("a", "peer"), ("b", "peer")], _now())
    packets = [x["packet"] for x in req["raters"]]
    assert len(set(packets)) == 2 and all(len(p) >= 22 for p in packets)


def _now():
    from datetime import datetime

    return datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def test_group_shown_with_three_raters_hand_computed():
    out = core.report(TINY, SELF, [MANAGER, *PEERS])
    assert out["withheld"] == []
    peer = out["groups"]["peer"]
    assert peer["raters"] == 3
    # listening: rater scores 1.5, 2.0, 1.5 → 1.67; ratings 2,1 / 2,2 / 1,2 → two 1s, four 2s
    assert peer["competencies"]["listening"] == {"mean": 1.67, "counts": {"1": 2, "2": 4, "3": 0}}
    assert peer["competencies"]["planning"] == {"mean": 2.67, "counts": {"1": 0, "2": 1, "3": 2}}
    assert out["groups"]["manager"]["name"] == "Wang Fang"
    assert out["groups"]["manager"]["raters"] == 1
    # others = three peers and the manager: listening (1.5+2+1.5+2)/4, planning (3+3+2+2)/4
    assert out["others"]["raters"] == 4
    assert out["others"]["competencies"]["listening"]["mean"] == 1.75
    assert out["others"]["competencies"]["planning"]["mean"] == 2.5
    assert out["self"] == {"listening": 3.0, "planning": 1.0}
    # self 3 vs 1.75: blind spot; self 1 vs 2.5: hidden strength
    assert out["blind_spots"] == ["listening"] and out["hidden_strengths"] == ["planning"]
    # spread of listening 1.5, 2, 1.5, 2 around 1.75: sqrt(4 × 0.0625 / 4) = 0.25
    assert out["others"]["spread"]["listening"] == 0.25


def test_blind_spot_boundary_is_exactly_one_level():
    # others listening 2.0 exactly (all rate 2): self 3.0 − 2.0 = 1 → blind spot; 2.5 − 2 = 0.5 → none
    others = [r("peer", 2, 2, 1, f"p{i}") for i in range(3)]
    assert core.report(TINY, SELF, others)["blind_spots"] == ["listening"]
    softer = {**SELF, "ratings": {**SELF["ratings"], "listening.questions": 2}}
    assert core.report(TINY, softer, others)["blind_spots"] == []


def test_small_group_withheld_and_the_group_it_could_be_computed_from_too():
    customer = r("customer", 3, 3, 3, "c1")
    out = core.report(TINY, SELF, [MANAGER, *PEERS, customer])
    # customer (1) below 3: withheld. others − manager − peers would give the customer's
    # answers back, so the peers are withheld with it (residue 4 ≥ 3)
    assert out["withheld"] == ["peer", "customer"]
    assert set(out["groups"]) == {"manager"}
    # others: listening 1.5, 2, 1.5, 3, 2 → 2.0; planning 3, 3, 2, 3, 2 → 2.6
    assert out["others"]["raters"] == 5
    assert out["others"]["competencies"]["listening"]["mean"] == 2.0
    assert out["others"]["competencies"]["planning"]["mean"] == 2.6
    # spread: deviations² .25 0 .25 1 0 → mean .3 → 0.55
    assert out["others"]["spread"]["listening"] == 0.55


def test_others_withheld_below_the_minimum():
    out = core.report(TINY, SELF, [MANAGER, PEERS[0]])
    assert out["others"] is None and out["withheld"] == ["peer", "others"]
    assert out["blind_spots"] == [] and "peer" not in out["groups"]
    assert out["comments"] == []


def test_min_raters_option():
    out = core.report(TINY, SELF, [MANAGER, PEERS[0], PEERS[1]], min_raters=2)
    assert out["groups"]["peer"]["raters"] == 2 and out["min_raters"] == 2


def _residue_is_safe(out: dict, minimum: int) -> bool:
    """What others − every shown group leaves: none, or at least the minimum of raters."""
    if out["others"] is None:
        return True
    residue = out["others"]["raters"] - sum(g["raters"] for g in out["groups"].values())
    return residue == 0 or residue >= minimum


def test_anonymity_remove_one_rater_and_compare_reports():
    everyone = [MANAGER, *PEERS, r("report", 1, 1, 1, "d1"), r("report", 3, 2, 3, "d2"),
                r("report", 2, 2, 2, "d3"), r("customer", 3, 3, 3, "c1"), r("customer", 1, 3, 1, "c2")]
    full = core.report(TINY, SELF, everyone)
    for subset in [everyone, *itertools.combinations(everyone, len(everyone) - 1),
                   *itertools.combinations(everyone, len(everyone) - 2)]:
        out = core.report(TINY, SELF, list(subset))
        assert _residue_is_safe(out, 3)
        for group in out["withheld"]:
            assert group not in out["groups"]
    # a withheld rater's answers move *others* only: every shown group's figures stay the same
    changed = [*everyone[:-1], r("customer", 3, 1, 3, "c2")]
    other = core.report(TINY, SELF, changed)
    assert "customer" in full["withheld"]
    assert other["groups"] == full["groups"]
    # no name of a non-manager rater anywhere in the report
    text = repr(core.report_json(full))
    assert all(name not in text for name in ("p1", "p2", "p3", "d1", "d2", "d3", "c1", "c2"))


def test_comments_without_names_and_withheld_comments_only_pooled():
    peers = [r("peer", 2, 2, 2, f"p{i}", comment=f"peer says {i}") for i in range(3)]
    lone = r("customer", 2, 2, 2, "c1", notes={"listening.attention": "kind at the counter"})
    out = core.report(TINY, SELF, [*peers, lone, *[r("report", 2, 2, 2, f"d{i}") for i in range(3)]],
                      shuffle=random.Random(1))
    groups = sorted((c["group"], c["text"]) for c in out["comments"])
    # customer withheld (1 rater) → the peers (smallest shown, 3 raters) are withheld with it
    assert out["withheld"] == ["peer", "customer"]
    assert groups == [("others", "kind at the counter"), ("others", "peer says 0"), ("others", "peer says 1"),
                      ("others", "peer says 2")]


def test_mentor_review_stands_for_the_manager():
    mentor = {"mentor": "Zhao Min", "ratings": MANAGER.ratings, "notes": {}, "comment": "good"}
    out = core.report(TINY, SELF, PEERS, mentor=mentor)
    assert out["groups"]["manager"]["name"] == "Zhao Min"
    assert out["others"]["raters"] == 4
    assert out["manager_comments"] == [{"indicator": None, "text": "good"}]


def test_gate_indicator_flagged_when_a_shown_group_is_below_target():
    from careerkit.model.loader import canonical_json
    from careerkit.model.schema import read

    data = json.loads(canonical_json(TINY))
    data["competencies"][1]["gate"] = True
    gated = read(data)
    low_manager = r("manager", 2, 2, 1, "Wang Fang")
    out = core.report(gated, SELF, [low_manager, *PEERS])
    # junior targets planning 2: manager 1 is below; peers 2.67 and others (3+3+2+1)/4 = 2.25 are not
    assert out["gates"] == [{"indicator": "planning.priorities", "target": 2, "groups": ["manager"]}]
    assert core.report(TINY, SELF, [low_manager, *PEERS])["gates"] == []


def test_model_format_rater_groups_and_checklists(tmp_path):
    from careerkit.model.loader import canonical_json, validate_file

    text = (ROOT / "fixtures" / "tiny-model.yaml").read_text(encoding="utf-8")
    good = text + ("rater_groups:\n  peer: {en: Colleague, zh: 同事}\n"
                   "checklists:\n  - id: visit\n    title: Visit\n    items:\n"
                   "      - {id: greet, text: Greets, indicators: [listening.attention], weight: 2}\n")
    path = tmp_path / "good.yaml"
    path.write_text(good, encoding="utf-8")
    model, problems = validate_file(path)
    assert problems == [] and model.rater_groups["peer"] == {"en": "Colleague", "zh": "同事"}
    assert model.checklist("visit").items[0].weight == 2
    # the new parts are left out of the canonical JSON while empty: no digest changed
    assert "checklists" not in canonical_json(TINY) and "rater_groups" not in canonical_json(TINY)
    bad = text + ("rater_groups:\n  boss: Boss\n"
                  "checklists:\n  - id: visit\n    title: Visit\n    items:\n"
                  "      - {id: a, text: A, indicators: [listening.attention]}\n"
                  "      - {id: a, text: B, indicators: [listening.atention]}\n")
    path.write_text(bad, encoding="utf-8")
    _model, problems = validate_file(path)
    lines = text.count("\n")
    found = sorted((p.line, p.path) for p in problems)
    assert found == [(lines + 2, "rater_groups.boss"), (lines + 8, "checklists[0].items[1].id"),
                     (lines + 8, "checklists[0].items[1].indicators[0]")]
    assert "did you mean 'listening.attention'" in str(problems[-1])


def test_an_item_too_few_raters_rated_carries_no_figures():
    # three peers, but only one rates planning: their group is shown, its planning figures are not
    peers = [r("peer", 2, 1, 3, "p1"), r("peer", 2, 2, None, "p2"), r("peer", 1, 2, None, "p3")]
    out = core.report(TINY, SELF, peers)
    assert out["groups"]["peer"]["raters"] == 3
    assert out["groups"]["peer"]["competencies"]["planning"] == {"mean": None, "counts": {}}
    assert out["groups"]["peer"]["indicators"]["planning.priorities"] == {"mean": None, "counts": {}}
    assert out["groups"]["peer"]["competencies"]["listening"]["mean"] == 1.67
    assert out["others"]["competencies"]["planning"] == {"mean": None, "counts": {}}
    assert out["others"]["spread"]["planning"] is None
    assert "planning" not in out["hidden_strengths"] and out["blind_spots"] == ["listening"]
    # with the manager the pool has two raters of planning: still below three, still blank
    out = core.report(TINY, SELF, [MANAGER, *peers])
    assert out["others"]["competencies"]["planning"]["mean"] is None
    assert out["groups"]["manager"]["competencies"]["planning"]["mean"] == 2.0


def test_no_item_figure_of_fewer_than_the_minimum_can_be_computed_back():
    """Random rater sets with skipped items: wherever others shows an item, others minus every
    group shown for it (manager included) leaves none or at least the minimum of raters."""
    rng = random.Random(14)
    groups = ["manager", "peer", "report", "customer", "other"]
    ids = TINY.indicator_ids()
    for _ in range(300):
        raters = []
        for index in range(rng.randint(0, 10)):
            group = rng.choice(groups[1:])
            raters.append(core.Rating(group, {iid: rng.choice([None, 1, 2, 3]) for iid in ids}, f"r{index}"))
        if rng.random() < 0.7:
            raters.append(core.Rating("manager", {iid: rng.choice([None, 1, 2, 3]) for iid in ids}, "m"))
        minimum = rng.choice([2, 3, 4])
        out = core.report(TINY, SELF, raters, min_raters=minimum)
        for iid in ids:
            rated = [a for a in raters if a.ratings.get(iid) is not None]
            for group, data in out["groups"].items():
                n = sum(1 for a in rated if a.group == group)
                if group != "manager" and data["indicators"][iid]["mean"] is not None:
                    assert n >= minimum
            if out["others"] is None or out["others"]["indicators"][iid]["mean"] is None:
                continue
            subtracted = sum(sum(1 for a in rated if a.group == group) for group, data in out["groups"].items()
                             if data["indicators"][iid]["mean"] is not None)
            residue = len(rated) - subtracted
            assert len(rated) >= minimum and (residue == 0 or residue >= minimum), (iid, out["withheld"])
