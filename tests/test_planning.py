"""The plan rules against hand-computed cases: focus choice, the 70-20-10 mix, dates, milestones."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from careerkit.core import planning
from careerkit.core.assessment import new_record
from careerkit.errors import InputError
from careerkit.i18n import say, t
from careerkit.model.loader import load_file
from careerkit.model.schema import Activity, ActivityKind, Competency, Indicator

ROOT = Path(__file__).resolve().parent.parent
BANK = load_file(ROOT / "competencies" / "bank-customer-service.yaml").model
BANK_1 = load_file(ROOT / "tests" / "fixtures" / "bank-customer-service-1.0.0.yaml").model  # anchors at 1, 3, 5
SENIOR = dict(BANK.role("senior-teller").targets)
START = date(2026, 1, 1)
WHEN = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def ratings_at(**levels: int | None) -> dict[str, int | None]:
    """Every indicator of each named competency at one level (others not rated)."""
    out: dict[str, int | None] = dict.fromkeys(BANK.indicator_ids())
    for cid, level in levels.items():
        cid = cid.replace("_", "-")
        for ind in BANK.competency(cid).indicators:
            out[f"{cid}.{ind.id}"] = level
    return out


# ----------------------------------------------------------------------------- focus


def test_focus_with_role_largest_gap_times_weight():
    scores = {"knowledge": 3.0, "service-awareness": 2.5, "communication": 3.0, "teamwork": 3.0, "mindset": 3.0,
              "etiquette": 3.0, "career-development": None, "customer-experience": 3.0, "complaints": 3.0,
              "social-responsibility": 3.0, "compliance": 3.0, "consumer-protection": 3.0}
    # priorities: compliance 1×1.5 = 1.5, knowledge 1×1.2 = 1.2, teamwork 1×1.0 = complaints 1×1.0 = 1.0
    # (same weight: model order), service-awareness 0.5×1.2 = 0.6; the unscored career-development has
    # not enough answers: in no list, never a focus
    areas = planning.choose_focus(BANK, scores, SENIOR, 10)
    assert [a["competency"] for a in areas] == ["compliance", "knowledge", "teamwork", "complaints",
                                                "service-awareness"]
    assert areas[0] == {"competency": "compliance", "current": 3.0, "target": 4, "gap": 1.0, "weight": 1.5,
                        "priority": 1.5, "mode": "role"}
    assert areas[-1]["current"] == 2.5 and areas[-1]["priority"] == 0.6
    assert [a["competency"] for a in planning.choose_focus(BANK, scores, SENIOR, 3)] == [
        "compliance", "knowledge", "teamwork"]


def test_focus_without_role_lowest_scores_below_top():
    scores = {"knowledge": 4.5, "service-awareness": 2.0, "communication": 2.0, "teamwork": 5.0,
              "mindset": 3.25, "etiquette": None}
    areas = planning.choose_focus(BANK, scores, None, 4)
    # lowest first; service-awareness (weight 1.2) before communication (1.0); 5.0 is the top; None is skipped
    assert [(a["competency"], a["target"], a["mode"]) for a in areas] == [
        ("service-awareness", 3, "stretch"), ("communication", 3, "stretch"), ("mindset", 4, "stretch"),
        ("knowledge", 5, "stretch")]
    assert areas[2]["gap"] == 0.75


def test_focus_when_every_target_is_met_stretches():
    scores = dict.fromkeys(SENIOR, 4.0)
    areas = planning.choose_focus(BANK, scores, SENIOR, 2)
    # all at 4.0: the larger weight first (compliance 1.5, then knowledge 1.2), aiming at 5
    assert [(a["competency"], a["target"], a["mode"]) for a in areas] == [
        ("compliance", 5, "stretch"), ("knowledge", 5, "stretch")]


# ----------------------------------------------------------------------------- actions and dates


def test_seventy_twenty_ten_mix_of_a_bank_competency():
    # knowledge lists experience, experience, social, education (indexes 0..3)
    actions = planning.actions_for(BANK.competency("knowledge"))
    assert actions == [
        {"kind": "education", "activity": 3, "share": 10.0},
        {"kind": "social", "activity": 2, "share": 20.0},
        {"kind": "experience", "activity": 0, "share": 35.0},
        {"kind": "experience", "activity": 1, "share": 35.0},
    ]


def test_mix_redistributes_a_missing_kind_and_caps_each_kind():
    kinds = [("experience", "e1"), ("education", "c1"), ("experience", "e2"), ("experience", "e3"),
             ("experience", "e4"), ("education", "c2")]
    comp = Competency("x", "X", [Indicator("a", "A")], activities=[Activity(ActivityKind(k), x) for k, x in kinds])
    actions = planning.actions_for(comp)
    # no social: experience 70/80 = 87.5 % over 3 actions (cap 3) = 29.2 each; education 10/80 = 12.5 % (cap 1)
    assert actions == [
        {"kind": "education", "activity": 1, "share": 12.5},
        {"kind": "experience", "activity": 0, "share": 29.2},
        {"kind": "experience", "activity": 2, "share": 29.2},
        {"kind": "experience", "activity": 3, "share": 29.2},
    ]
    empty = Competency("y", "Y", [Indicator("a", "A")])
    assert planning.actions_for(empty) == []


def test_due_dates_interleave_areas_and_spread_evenly():
    per_area = [[{"n": f"{a}{i}"} for i in range(4)] for a in "ABC"]
    order = planning.schedule(per_area, START, 90)
    # the j-th of 12 actions is due on day floor(90·j/12): 7 15 22 30 37 45 52 60 67 75 82 90
    assert order[:4] == [(0, 0), (1, 0), (2, 0), (0, 1)]
    due = {(a, i): per_area[a][i]["due"] for a, i in order}
    assert due[(0, 0)] == "2026-01-08" and due[(1, 0)] == "2026-01-16" and due[(2, 0)] == "2026-01-23"
    assert due[(0, 1)] == "2026-01-31" and due[(1, 1)] == "2026-02-07"
    assert due[(2, 3)] == "2026-04-01"  # the last on the last day
    uneven = [[{}, {}], [{}]]
    planning.schedule(uneven, START, 30)
    assert [uneven[0][0]["due"], uneven[1][0]["due"], uneven[0][1]["due"]] == ["2026-01-11", "2026-01-21",
                                                                              "2026-01-31"]


def test_milestones_at_thirds_with_actions_and_expected_levels():
    focus = [{"competency": c, "current": 2.0, "target": 3, "actions": [{} for _ in range(4)]}
             for c in ("knowledge", "teamwork", "compliance")]
    planning.schedule([f["actions"] for f in focus], START, 90)
    stones = planning.milestones(focus, START, 90)
    # day 30 = 2026-01-31, day 60 = 2026-03-02, day 90 = 2026-04-01
    assert [s["date"] for s in stones] == ["2026-01-31", "2026-03-02", "2026-04-01"]
    assert [len(s["actions"]) for s in stones] == [4, 4, 4]
    assert stones[0]["actions"] == [[0, 0], [0, 1], [1, 0], [2, 0]]
    assert [s["expect"][0]["level"] for s in stones] == [2.3, 2.7, 3.0]
    assert [d.isoformat() for d in planning.milestone_dates(START, 100)] == ["2026-02-03", "2026-03-08",
                                                                              "2026-04-11"]


# ----------------------------------------------------------------------------- the whole plan


def _assessment(ratings: dict[str, int | None]) -> dict:
    return new_record(BANK, "d" * 64, person="Li Wei", role="teller", ratings=ratings, notes={},
                      taken_at=WHEN)


def test_build_plan_on_mentor_basis_with_self_fallback():
    self_r = ratings_at(knowledge=2, service_awareness=2, communication=3, teamwork=3, mindset=3, etiquette=3,
                        career_development=3, customer_experience=3, complaints=3, social_responsibility=3,
                        compliance=3, consumer_protection=3)
    mentor_r = ratings_at(knowledge=4, service_awareness=3, communication=3, teamwork=4, mindset=3, etiquette=4,
                          customer_experience=3, complaints=4, social_responsibility=3, compliance=2,
                          consumer_protection=3)  # career-development not rated by the mentor
    record = _assessment(self_r)
    review = {"id": "r1", "mentor": "Wang Fang", "ratings": mentor_r, "notes": {"compliance.fraud-protection": "x"},
              "comment": "Steady."}
    plan = planning.build_plan(BANK, record, review=review, basis="mentor", target_role="senior-teller",
                               horizon=90, focus=3, start=START, created_at=WHEN)
    # mentor basis: compliance 2 vs 4 (gap 2 × 1.5 = 3.0) is the only unmet competency
    assert [a["competency"] for a in plan["focus"]] == ["compliance"]
    area = plan["focus"][0]
    # 2.0 → 4 in 90 days is more than one level: an interim target of 3, the role's 4 beside it
    assert (area["current"], area["target"], area["role_target"], area["status"], area["status_at"]) == \
        (2.0, 3, 4, "active", None)
    assert [a["due"] for a in area["actions"]] == ["2026-01-23", "2026-02-15", "2026-03-09", "2026-04-01"]
    # every compliance indicator is rated 2 < 3: all five are evidence, described at level 3
    assert len(area["evidence"]) == 5 and {e["level"] for e in area["evidence"]} == {3}
    snap = {r["competency"]: r for r in plan["snapshot"]}
    assert snap["career-development"] == {"competency": "career-development", "self": 3.0, "mentor": None,
                                          "score": 3.0, "target": 3, "gap": 0.0, "met": True}
    assert snap["knowledge"]["self"] == 2.0 and snap["knowledge"]["mentor"] == 4.0
    assert plan["strengths"] == ["knowledge", "teamwork", "etiquette"]  # the 4s, in model order
    assert (plan["start"], plan["end"], plan["review_date"]) == ("2026-01-01", "2026-04-01", "2026-04-01")
    assert plan["mentor"] == "Wang Fang" and plan["review"] == "r1"
    assert plan["mentor_notes"] == {"comment": "Steady.", "indicators": {"compliance.fraud-protection": "x"}}
    # readiness on the mentor basis: everything but compliance (1.5) of 12.9 → 88.37 %
    assert plan["readiness"] == 88.37


def test_build_plan_on_self_basis_without_role():
    record = _assessment(ratings_at(knowledge=2, communication=4))
    record["role"] = None
    plan = planning.build_plan(BANK, record, review=None, basis="self", target_role=None, horizon=60, focus=3,
                               start=START, created_at=WHEN)
    assert [(a["competency"], a["target"]) for a in plan["focus"]] == [("knowledge", 3), ("communication", 5)]
    assert plan["readiness"] is None and plan["mentor"] is None
    assert [m["date"] for m in plan["milestones"]] == ["2026-01-21", "2026-02-10", "2026-03-02"]


def test_goal_status_by_number_or_competency():
    plan = {"id": "p1", "focus": [{"competency": "compliance", "status": "active", "status_at": None},
                                  {"competency": "knowledge", "status": "active", "status_at": None}]}
    done = planning.with_goal_status(plan, "2", "done", WHEN)
    assert done["focus"][1]["status"] == "done" and done["focus"][1]["status_at"].startswith("2026-01-01")
    assert plan["focus"][1]["status"] == "active"  # the original is untouched
    dropped = planning.with_goal_status(done, "compliance", "dropped", WHEN)
    assert [a["status"] for a in dropped["focus"]] == ["dropped", "done"]
    with pytest.raises(InputError) as err:
        planning.with_goal_status(plan, "3", "done", WHEN)
    assert err.value.key == "plan.unknown_goal"
    with pytest.raises(InputError):
        planning.with_goal_status(plan, "1", "finished", WHEN)


def test_progress_toward_each_target():
    plan = {"focus": [{"competency": "knowledge", "current": 2.0, "target": 3},
                      {"competency": "compliance", "current": 3.0, "target": 4},
                      {"competency": "teamwork", "current": 2.5, "target": 3}]}
    result = planning.progress(plan, {"id": "a2", "taken_at": "2026-03-01T00:00:00+00:00"},
                               {"knowledge": 2.5, "compliance": 4.25, "teamwork": 2.0})
    assert result["areas"] == [
        {"competency": "knowledge", "then": 2.0, "now": 2.5, "delta": 0.5, "percent": 50, "reached": False},
        {"competency": "compliance", "then": 3.0, "now": 4.25, "delta": 1.25, "percent": 100, "reached": True},
        {"competency": "teamwork", "then": 2.5, "now": 2.0, "delta": -0.5, "percent": 0, "reached": False},
    ]


def test_progress_from_a_baseline_of_the_same_rater():
    """A plan on the mentor's ratings (knowledge 2.0), a newer self-assessment without a review
    (3.0): progress is measured from the self score of then (2.5), not from the mentor's view."""
    plan = {"focus": [{"competency": "knowledge", "current": 2.0, "target": 3}]}
    result = planning.progress(plan, {"id": "a2", "taken_at": "2026-03-01T00:00:00+00:00"},
                               {"knowledge": 3.0}, baseline={"knowledge": 2.5})
    assert result["areas"] == [
        {"competency": "knowledge", "then": 2.5, "now": 3.0, "delta": 0.5, "percent": 100, "reached": True}]


def test_goal_sentence_is_smart():
    text = say(planning.goal_sentence(name="Communication", current=2.25, target=3, label="Proficient",
                                      due="2026-04-01", role_title="Senior teller"), "en")
    assert text == ("By 2026-04-01, raise Communication from 2.25 to level 3 (Proficient), the target for "
                    "Senior teller, confirmed by a re-assessment and a mentor review.")
    zh = say(planning.goal_sentence(name="沟通能力", current=None, target=3, label="胜任", due="2026-04-01",
                                    role_title=None), "zh")
    assert "2026-04-01" in zh and "沟通能力" in zh and "3 级" in zh


def test_level_anchors_never_borrow_the_next_higher_alone():
    ind = BANK_1.competency("knowledge").indicators[0]  # anchors at 1, 3, 5
    found = [planning.level_anchors(ind, lv) for lv in (1, 2, 3, 4, 5)]
    assert [(f["exact"], f["below"], f["above"]) for f in found] == [
        (1, None, None), (None, 1, 3), (3, None, None), (None, 3, 5), (5, None, None)]
    text = say(planning.level_text(BANK_1, ind, 4), "en")
    assert text.startswith("no description for 4; between 3: ") and " and 5: " in text


def test_same_plan_ignores_ids_dates_of_making_and_goal_statuses():
    base = {"id": "a", "created_at": "2026-03-01T09:00:00+00:00", "person": "Li Wei", "assessment": "x",
            "review": None, "basis": "self", "target_role": "senior-teller", "horizon": 90, "start": "2026-03-01",
            "model": {"id": "m", "version": "1", "digest": "d"},
            "focus": [{"competency": "knowledge", "status": "active"}]}
    again = dict(base, id="b", created_at="2026-03-01T17:00:00+00:00",
                 focus=[{"competency": "knowledge", "status": "done"}])
    assert planning.same_plan(base, again)
    assert not planning.same_plan(base, dict(again, horizon=60))
    assert not planning.same_plan(base, dict(again, start="2026-03-02"))
    assert not planning.same_plan(base, dict(again, focus=[{"competency": "teamwork", "status": "active"}]))


@pytest.mark.parametrize(("ref", "expected"), [
    ("senior-teller", "senior-teller"), ("Senior-Teller", "senior-teller"), ("Senior teller", "senior-teller"),
    ("  senior   TELLER ", "senior-teller"), ("高级柜员", "senior-teller"), ("柜员", "teller"),
])
def test_resolve_role_by_id_or_title_in_any_language(ref, expected):
    assert planning.resolve_role(BANK, ref) == expected


def test_resolve_role_unknown_lists_ids_and_titles():
    with pytest.raises(InputError) as caught:
        planning.resolve_role(BANK, "客户")
    assert caught.value.params["role"] == "客户"
    error = caught.value  # id (title in the reader's language)
    assert "wealth-manager (Wealth manager)" in t(error.key, "en", **error.params)
    assert "wealth-manager（理财经理）" in t(error.key, "zh", **error.params)


@pytest.mark.parametrize(("label", "lines"), [
    ("职业规划与工作习惯", ["职业规划与", "工作习惯"]),  # even halves, not 7 + 2
    ("客户体验与投诉处理", ["客户体验与", "投诉处理"]),
    ("风险防控与合规", ["风险防控与合规"]),
    ("Customer experience and complaint handling", ["Customer experience", "and complaint handling"]),
    ("Social responsibility and financial inclusion", ["Social responsibility", "and financial inclusion"]),
    ("适当性管理与销售合规", ["适当性管理与", "销售合规"]),  # after 与, not 适当性管理/与销售合规
    ("Career planning and work habits", ["Career planning", "and work habits"]),
])
def test_radar_labels_wrap_evenly_and_are_not_cut(label, lines):
    from careerkit.render.charts import wrap

    assert wrap(label) == lines
