"""Results a teller and a mentor can trust (issue 10), computed by hand on the gate fixture model.

gate (scale 1–5, 8 indicators): service (weight 1; greet, follow), compliance (weight 2,
``gate: true``; identity, aml, privacy), knowledge (weight 1; products, rules), extra
(weight 1; one). teller {service: 3, compliance: 3, knowledge: 2} → senior {service: 4,
compliance: 4, knowledge: 4, extra: 3}. Anchors: service.greet {4}, compliance.identity {3},
knowledge.products {1, 3, 5}; the other indicators have none.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from careerkit.core import scoring
from careerkit.model.loader import load_file
from tests.conftest import FIXTURES, payload
from tests.helpers import answers_file, store_bytes

MODELS = FIXTURES / "models"
MODEL = load_file(MODELS / "gate.yaml").model


def ratings(service=(None, None), compliance=(None, None, None), knowledge=(None, None), extra=None) -> dict:
    out = dict(zip(("service.greet", "service.follow"), service, strict=True))
    out.update(zip(("compliance.identity", "compliance.aml", "compliance.privacy"), compliance, strict=True))
    out.update(zip(("knowledge.products", "knowledge.rules"), knowledge, strict=True))
    out["extra.one"] = extra
    return out


def assess(run, tmp_path: Path, values: dict, *extra: str, role: str | None = "teller", lang: str = "en",
           name: str = "a.yaml", date: str | None = None):
    content: dict[str, Any] = {"model": "gate", "person": "Li", "ratings": values}
    if role:
        content["role"] = role
    if date:
        content["date"] = date
    path = answers_file(tmp_path, name, **content)
    return run("--lang", lang, "--models-dir", str(MODELS), "assess", "--answers", str(path), *extra)


# ----------------------------------------------------------------------------- the rules, in the core


def test_a_gate_with_a_skipped_indicator_is_not_met_though_its_mean_is() -> None:
    s = scoring.score(MODEL, ratings((3, 3), (4, 4, None), (2, 2), 1), "teller")
    comp = s.competencies["compliance"]
    assert comp.score == 4.0 and comp.met is False  # mean 4 ≥ 3, but privacy is skipped
    assert s.readiness == 50.0  # service 1 + knowledge 1 of 1 + 2 + 1
    assert s.ready is False and s.blocked_by == ["compliance"]
    assert s.development == ["compliance"]  # no rated shortfall (privacy skipped): gap 0, still not met
    assert s.strengths == ["service", "knowledge", "extra"]  # 3.0, 2.0, 1.0: met or untargeted
    senior = s.next_roles["senior"]
    assert (senior.readiness, senior.ready, senior.blocked_by) == (0.0, False, ["compliance"])


def test_every_gate_indicator_at_the_target_meets_it() -> None:
    s = scoring.score(MODEL, ratings((3, 3), (3, 3, 3), (2, 2), 1), "teller")
    assert s.competencies["compliance"].met is True and s.ready is True and s.blocked_by == []
    assert s.readiness == 100.0 and s.development == []


def test_a_gate_blocked_by_one_low_indicator_ranks_by_that_shortfall() -> None:
    # compliance mean (4 + 4 + 2) / 3 = 3.33 reaches 3 but aml at 2 blocks it: its gap is 3 − 2 = 1,
    # × weight 2 = 2, ahead of service's (3 − 2) × 1 = 1 and knowledge's (2 − 1.5) × 1 = 0.5
    s = scoring.score(MODEL, ratings((2, 2), (4, 2, 4), (1, 2), 1), "teller")
    assert s.competencies["compliance"].met is False and s.competencies["compliance"].gap == 1.0
    assert s.development == ["compliance", "service", "knowledge"]


def test_development_ranks_gap_times_weight_and_ties_keep_model_order() -> None:
    # service 2.0 (gap 1 × 1), knowledge 1.0 (gap 1 × 1): a tie, model order; compliance met
    s = scoring.score(MODEL, ratings((2, 2), (3, 3, 3), (1, 1), 5), "teller")
    assert s.development == ["service", "knowledge"]
    assert s.strengths == ["extra", "compliance"]  # extra is untargeted: a strength, never development
    assert not set(s.strengths) & set(s.development)


def test_without_a_role_three_highest_and_lowest_ties_in_model_order() -> None:
    s = scoring.score(MODEL, ratings((3, 3), (3, 3, 3), (2, 2), 2))
    assert s.strengths == ["service", "compliance"] and s.development == ["knowledge", "extra"]


def test_under_half_of_a_competencys_indicators_rated_is_in_neither_list() -> None:
    s = scoring.score(MODEL, ratings((2, 2), (1, None, None), (2, 2), 1), "teller")
    assert s.competencies["compliance"].met is False
    assert "compliance" not in s.development + s.strengths  # 1 of 3 rated: not enough answers
    assert s.partial is False and (s.rated, s.indicators) == (6, 8)


def test_partial_by_coverage_and_by_a_targeted_competency_without_ratings() -> None:
    assert scoring.score(MODEL, ratings((3, None), (3, None, None), (None, None), 3), "teller").partial  # 3 of 8
    by_target = scoring.score(MODEL, ratings((3, 3), (3, 3, 3), (None, None), 3), "teller")
    assert by_target.partial and by_target.missing == ["knowledge"] and by_target.rated == 6
    assert not scoring.score(MODEL, ratings((3, 3), (3, 3, 3), (None, None), 3)).partial  # no role: 6 of 8


# ----------------------------------------------------------------------------- through the CLI


def test_the_result_screen_in_english_and_chinese(run, tmp_path: Path) -> None:
    values = ratings((3, 3), (4, 4, None), (2, 2), 1)
    res = assess(run, tmp_path, values)
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "Strengths: Service, Knowledge, Extra" in out
    assert "Development areas: Compliance" in out
    assert "Every other target of this role is met." in out
    assert "Biggest gaps for Senior teller: Knowledge 2.00→4, Extra 1.00→3, Service 3.00→4" in out
    assert "not ready: blocked by Compliance — every indicator must reach 3" in out
    zh = assess(run, tmp_path, values, lang="zh", name="b.yaml").stdout
    assert "优势项：服务意识、专业知识、附加" in zh
    assert "待提升项：风险防控与合规" in zh
    assert "本岗位的其他目标均已达标。" in zh
    assert "尚未具备：受风险防控与合规限制——每个指标都须达到 3" in zh


def test_not_enough_answers_is_said_on_the_screen(run, tmp_path: Path) -> None:
    res = assess(run, tmp_path, ratings((2, 2), (1, None, None), (2, 2), 1))
    assert "Not enough answers (under half of the indicators rated): Compliance" in res.stdout
    development = next(line for line in res.stdout.splitlines() if line.startswith("Development areas"))
    assert development == "Development areas: Service"  # compliance (1.00, not met) has too few answers


def test_json_names_the_new_fields_exactly(run, tmp_path: Path) -> None:
    res = assess(run, tmp_path, ratings((3, 3), (4, 4, None), (2, 2), 1), "--json")
    scores = payload(res.stdout)["scores"]
    assert scores["strengths"] == ["service", "knowledge", "extra"] and scores["development"] == ["compliance"]
    assert (scores["partial"], scores["rated"], scores["indicators"]) == (False, 7, 8)
    assert (scores["ready"], scores["blocked_by"]) == (False, ["compliance"])
    assert scores["next_roles"] == {"senior": {"readiness": 0.0, "ready": False, "blocked_by": ["compliance"]}}


def test_a_partial_answers_file_is_refused_with_what_is_missing(run, tmp_path: Path, home: Path) -> None:
    before = store_bytes(home)
    res = assess(run, tmp_path, ratings((3, None), (3, None, None), (None, None), 3))
    assert res.exit_code == 2
    assert "the answers rate 3 of 8 indicators: a partial assessment" in res.stderr
    assert "at least 1 more indicator(s) needed" in res.stderr
    assert "targeted by Teller without any rating: Knowledge (knowledge)" in res.stderr
    assert "not rated in Compliance: compliance.aml, compliance.privacy" in res.stderr
    assert store_bytes(home) == before
    zh = assess(run, tmp_path, ratings((3, None), (3, None, None), (None, None), 3), lang="zh")
    assert zh.exit_code == 2 and "柜员的岗位目标中未评分：专业知识（knowledge）" in zh.stderr


def test_a_targeted_competency_without_ratings_is_partial_only_with_that_role(run, tmp_path: Path) -> None:
    values = ratings((3, 3), (3, 3, 3), (None, None), 3)
    assert assess(run, tmp_path, values).exit_code == 2
    assert assess(run, tmp_path, values, role=None).exit_code == 0


def test_allow_partial_saves_it_marked_and_history_shows_coverage(run, tmp_path: Path) -> None:
    assert assess(run, tmp_path, ratings((3, 3), (3, 3, 3), (2, 2), 3), date="2026-01-01").exit_code == 0
    res = assess(run, tmp_path, ratings((3, None), (3, None, None), (None, None), 3), "--allow-partial",
                 name="b.yaml", date="2026-02-01")
    assert res.exit_code == 0 and "Partial assessment: 3 of 8 indicators rated." in res.stdout
    out = run("history").stdout
    assert "3/8 partial" in out and "8/8" in out
    zh = run("--lang", "zh", "history").stdout
    assert "3/8 部分" in zh
    rows = payload(run("history", "--json").stdout)
    assert [(r["rated"], r["indicators"], r["partial"]) for r in rows] == [(8, 8, False), (3, 8, True)]


def test_allow_partial_without_answers_is_bad_input(run) -> None:
    res = run("assess", "--allow-partial", "--model", "bank-customer-service")
    assert res.exit_code == 2 and "--allow-partial applies only with --answers FILE" in res.stderr


def test_progress_sets_partial_points_apart_and_roles_skip_them(run, tmp_path: Path) -> None:
    assess(run, tmp_path, ratings((2, 2), (3, 3, 3), (2, 2), 2), date="2026-01-01", name="a.yaml")
    assess(run, tmp_path, ratings((5, None), (5, None, None), (None, None), 5), "--allow-partial",
           date="2026-02-01", name="b.yaml")
    assess(run, tmp_path, ratings((3, 3), (3, 3, 3), (2, 2), 3), date="2026-03-01", name="c.yaml")
    assess(run, tmp_path, ratings((1, None), (1, None, None), (None, None), 1), "--allow-partial",
           date="2026-04-01", name="d.yaml")
    data = payload(run("progress", "--person", "Li", "--json").stdout)
    assert data["partial"] == [False, True, False, True]
    service = next(r for r in data["competencies"] if r["competency"] == "service")
    assert service["trend"] == [2.0, 5.0, 3.0, 1.0]
    assert (service["first"], service["latest"], service["change"]) == (2.0, 3.0, 1.0)  # partial points left out
    out = run("progress", "--person", "Li").stdout
    assert "○" in out and "partial assessment: drawn apart" in out
    latest = payload(run("history", "--json").stdout)[-1]["id"]
    res = run("--models-dir", str(MODELS), "plan", latest, env={"COLUMNS": "200"})
    assert f"Assessment {latest} is partial (3 of 8 indicators rated)" in res.stderr
    plan = payload(run("--models-dir", str(MODELS), "plan", "--person", "Li", "--json").stdout)
    assert plan["assessment"] != latest  # the latest complete one
    roles = run("--models-dir", str(MODELS), "roles", "--person", "Li", "--model", "gate", env={"COLUMNS": "200"})
    assert "Skipped 1 newer partial assessment(s)" in roles.stderr and "of 2026-03-01, the latest complete one" \
        in roles.stderr
    ladder = payload(run("--models-dir", str(MODELS), "roles", "--person", "Li", "--model", "gate",
                         "--json").stdout)
    teller = next(r for r in ladder["roles"] if r["id"] == "teller")
    assert teller["readiness"] == 100.0 and teller["ready"] is True  # of 2026-03-01, not the partial one


def test_roles_diff_describes_the_target_level_never_with_a_higher_anchor_alone(run) -> None:
    res = run("--models-dir", str(MODELS), "roles", "diff", "teller", "senior", "--model", "gate",
              env={"COLUMNS": "200"})
    out = res.stdout
    assert "4: greets by name" in out
    assert "no description for 4; beyond 3: checks every time" in out
    assert "no description for 4; between 3: explains the main terms and 5: compares every product" in out
    assert "no description of the levels for this indicator" in out
    assert "(level 5" not in out
    zh = run("--lang", "zh", "--models-dir", str(MODELS), "roles", "diff", "teller", "senior", "--model", "gate",
             env={"COLUMNS": "200"}).stdout
    assert "等级 4 无描述；介于 3：讲清主要条款 与 5：比较所有产品 之间" in zh
    data = payload(run("--models-dir", str(MODELS), "roles", "diff", "teller", "senior", "--model", "gate",
                       "--json").stdout)
    knowledge = next(r for r in data["competencies"] if r["competency"] == "knowledge")
    assert knowledge["anchors"][0] == {"indicator": "knowledge.products", "level": 4, "exact": None,
                                       "below": 3, "above": 5}


def plan_json(run, *options: str) -> dict:
    res = run("--models-dir", str(MODELS), "plan", "--person", "Li", "--json", *options)
    assert res.exit_code == 0, res.output
    return payload(res.stdout)


@pytest.mark.parametrize(("horizon", "knowledge_target"), [("90", 2), ("180", 3)])
def test_interim_targets_for_90_and_180_days(run, tmp_path: Path, horizon: str, knowledge_target: int) -> None:
    # knowledge 1.5 → senior 4: 90 days allow one level (≤ 2.5 → 2), 180 days two (≤ 3.5 → 3);
    # service 3.0 → 4 is within one level: no interim target
    assess(run, tmp_path, ratings((3, 3), (4, 4, 4), (2, 1), 3))
    plan = plan_json(run, "--horizon", horizon)
    goals = {g["competency"]: g for g in plan["focus"]}
    assert list(goals) == ["knowledge", "service"]  # gap × weight: 2.5, then 1
    assert (goals["knowledge"]["current"], goals["knowledge"]["target"], goals["knowledge"]["role_target"]) == \
        (1.5, knowledge_target, 4)
    assert (goals["service"]["target"], goals["service"]["role_target"]) == (4, 4)
    assert plan["basis"] == "self"
    expected = [round(1.5 + (knowledge_target - 1.5) * i / 3, 1) for i in (1, 2, 3)]
    paced = [next(e["level"] for e in m["expect"] if e["competency"] == "knowledge") for m in plan["milestones"]]
    assert paced == expected  # milestones paced to the interim target
    text = run("--models-dir", str(MODELS), "plan", "--person", "Li", "--horizon", horizon).stdout
    assert "a step toward level 4, the target for Senior teller: reaching that takes more than one plan" in text
    assert "role target: 4 (the role target takes more than one plan)" in text
    zh = run("--lang", "zh", "--models-dir", str(MODELS), "plan", "--person", "Li", "--horizon", horizon).stdout
    assert "达到该岗位目标需要不止一份计划" in zh


def test_a_done_goal_shows_its_actions_done(run, tmp_path: Path) -> None:
    assess(run, tmp_path, ratings((3, 3), (4, 4, 4), (2, 1), 3))
    plan = plan_json(run)
    assert run("--models-dir", str(MODELS), "plan", "goal", plan["id"], "1", "done").exit_code == 0
    text = run("--models-dir", str(MODELS), "plan", "show", plan["id"]).stdout
    assert "its actions count as done (they were not ticked one by one)" in text
    assert "- [x] " in text and "- [ ] " in text  # the other goal's actions stay open
    shown = payload(run("--models-dir", str(MODELS), "plan", "show", plan["id"], "--json").stdout)
    assert shown["focus"][0]["status"] == "done" and shown["focus"][0]["role_target"] == 4


def test_progress_of_a_plan_stays_on_its_basis(run, tmp_path: Path) -> None:
    assess(run, tmp_path, ratings((3, 3), (4, 4, 4), (2, 1), 3), date="2026-01-01")
    first = payload(run("history", "--json").stdout)[0]["id"]
    mentor = answers_file(tmp_path, "m.yaml", ratings=ratings((3, 3), (4, 4, 4), (1, 1), 3))
    assert run("--models-dir", str(MODELS), "review", first, "--mentor", "Wang", "--answers",
               str(mentor)).exit_code == 0
    plan = plan_json(run)
    assert plan["basis"] == "manager" and plan["focus"][0]["current"] == 1.0  # a mentor review: the manager basis
    assess(run, tmp_path, ratings((4, 4), (4, 4, 4), (3, 3), 3), name="b.yaml", date="2026-02-01")
    res = run("--models-dir", str(MODELS), "plan", "show", plan["id"], env={"COLUMNS": "300"})
    assert "has no mentor review yet, so progress is not shown on another basis" in res.stderr
    assert "→ 3.00" not in res.stdout  # no self figures beside the mentor's


def test_a_review_flags_a_gate_indicator_below_target_though_the_means_agree(run, tmp_path: Path) -> None:
    assess(run, tmp_path, ratings((3, 3), (2, 4, 3), (2, 2), 3))
    record = payload(run("history", "--json").stdout)[0]["id"]
    mentor = answers_file(tmp_path, "m.yaml", ratings=ratings((3, 3), (4, 2, 3), (2, 2), 3))
    res = run("--models-dir", str(MODELS), "review", record, "--mentor", "Wang", "--answers", str(mentor))
    assert res.exit_code == 0, res.output
    row = next(line for line in res.stdout.splitlines() if line.startswith("Compliance"))
    assert "agree" in row and "gate" in row  # both means 3.00
    assert "Gate indicators below the target 3 by either side" in res.stdout
    assert "I check identity (self 2 · mentor 4)" in res.stdout
    assert "I spot suspicious deals (self 4 · mentor 2)" in res.stdout
    assert "I keep data private" not in res.stdout.split("Gate indicators")[1].split("Indicators to discuss")[0]
    zh = run("--lang", "zh", "--models-dir", str(MODELS), "show", record).stdout
    assert "门槛指标有一方评分低于目标 3" in zh


def test_a_gate_that_is_not_a_boolean_is_refused_with_its_line(run, tmp_path: Path) -> None:
    text = (MODELS / "gate.yaml").read_text(encoding="utf-8").replace("gate: true", 'gate: "yes"')
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    res = run("models", "validate", str(path))
    line = text.splitlines().index('    gate: "yes"') + 1
    assert res.exit_code == 2
    assert f"bad.yaml:{line}:11: competencies[1].gate: expected true or false, got text 'yes'" in res.output


def test_the_bank_model_marks_compliance_as_a_gate() -> None:
    from careerkit.model.catalog import Catalog, sources

    bank = Catalog(sources(None)).find("bank-customer-service").model
    assert [c.id for c in bank.competencies if c.gate] == ["compliance"]


def test_the_team_model_view_reads_gates_like_the_model() -> None:
    from careerkit.model.loader import canonical_json
    from careerkit.model.schema import read

    view = read(json.loads(canonical_json(MODEL)))
    values = ratings((3, 3), (4, 4, None), (2, 2), 1)
    assert scoring.score(view, values, "teller") == scoring.score(MODEL, values, "teller")
    bad = json.loads(canonical_json(MODEL))
    bad["competencies"][1]["gate"] = "yes"
    with pytest.raises(ValueError, match="gate"):
        read(bad)


# ----------------------------------------------------------------------------- stored records of schema 1


def _to_schema_1(home: Path) -> Path:
    from careerkit.store import files

    path = next((home / "data" / "people").glob("*.json"))
    data = files.read_sealed(path)
    data["_meta"]["1"]["schema"] = 1
    for doc in data["assessments"].values():
        scores = doc["scores"]
        for key in ("strengths", "development", "partial", "rated", "indicators", "ready", "blocked_by"):
            scores.pop(key)
        scores["next_roles"] = {rid: v["readiness"] for rid, v in scores["next_roles"].items()}
        for comp in scores["competencies"].values():
            comp["met"] = comp["score"] is not None and comp["target"] is not None and comp["score"] >= comp["target"]
    files.atomic_write(path, files.seal(data))
    for backup in path.parent.glob("*.bak*"):
        backup.unlink()
    return path


def test_records_of_the_earlier_schema_are_scored_again_on_read(run, tmp_path: Path, home: Path) -> None:
    assess(run, tmp_path, ratings((3, 3), (4, 4, None), (2, 2), 1))
    _to_schema_1(home)
    record = payload(run("history", "--json").stdout)[0]
    shown = payload(run("show", record["id"], "--json").stdout)["scores"]
    assert shown["blocked_by"] == ["compliance"] and shown["ready"] is False  # the gate counts now
    assert shown["competencies"]["compliance"]["met"] is False
    assert shown["next_roles"]["senior"] == {"readiness": 0.0, "ready": False, "blocked_by": ["compliance"]}
    assert (shown["rated"], shown["indicators"], shown["partial"]) == (7, 8, False)


def test_records_whose_snapshot_is_gone_are_completed_from_what_they_hold(run, tmp_path: Path, home: Path) -> None:
    assess(run, tmp_path, ratings((3, 3), (4, 4, None), (2, 2), 1))
    _to_schema_1(home)
    for snapshot in (home / "models").glob("*.json"):
        snapshot.unlink()
    record = payload(run("history", "--json").stdout)[0]
    assert record["rated"] == 7 and record["partial"] is False
    shown = payload(run("show", record["id"], "--json").stdout)["scores"]
    assert set(shown) >= {"strengths", "development", "partial", "rated", "indicators", "ready", "blocked_by"}
    assert shown["next_roles"]["senior"] == {"readiness": 0.0, "ready": False, "blocked_by": []}
    assert shown["strengths"] == ["compliance", "service", "knowledge"]  # as stored (4.00 met): no gate known


def test_a_team_summary_uses_the_latest_complete_assessment_and_reads_gates(run, tmp_path: Path) -> None:
    from careerkit.core import bundle

    def export(person: str) -> None:
        folder = tmp_path / "bundles"
        folder.mkdir(exist_ok=True)
        target = folder / f"{bundle.safe_file_stem(person)}.json"
        assert run("--models-dir", str(MODELS), "export", "--person", person, "-o", str(target)).exit_code == 0

    for person in ("Li", "Mo"):
        content = {"model": "gate", "person": person, "role": "teller", "date": "2026-01-01",
                   "ratings": ratings((3, 3), (4, 4, None), (2, 2), 1)}
        path = answers_file(tmp_path, f"{person}.yaml", **content)
        assert run("--models-dir", str(MODELS), "assess", "--answers", str(path)).exit_code == 0
    later = answers_file(tmp_path, "later.yaml", model="gate", person="Li", role="teller", date="2026-02-01",
                         ratings=ratings((5, None), (5, None, None), (None, None), 5))
    assert run("--models-dir", str(MODELS), "assess", "--answers", str(later), "--allow-partial").exit_code == 0
    export("Li")
    export("Mo")
    assert run("team", "import", str(tmp_path / "bundles"), "--team", "branch").exit_code == 0
    summary = payload(run("team", "summary", "--format", "json").stdout)
    li = next(p for p in summary["people"] if p["name"] == "Li")
    assert li["taken_at"].startswith("2026-01-01") and li["partial"] is False  # the partial one passed over
    assert (li["readiness"], li["ready"], li["blocked_by"]) == (50.0, False, ["compliance"])
    assert li["development"] == ["compliance"] and li["scores"]["compliance"]["met"] is False
    assert {"code": "partial_skipped", "count": 1} in summary["notes"]
    text = run("team", "summary").stdout
    assert "1 person(s) last took a partial assessment" in text


def test_the_interactive_summary_says_partial_and_asks(run) -> None:
    interactive = ("--models-dir", str(MODELS), "assess", "--model", "gate", "--person", "A", "--role", "teller",
                   "--json")
    res = run(*interactive, input="3\n" + "s\n" * 7 + "y\n")
    assert res.exit_code == 0, res.output
    assert "Partial assessment: 1 of 8 indicators rated." in res.stderr
    assert "No rating for targeted competencies: Compliance, Knowledge" in res.stderr
    assert "This assessment is partial. Save it anyway, marked partial?" in res.stderr
    assert payload(res.stdout)["scores"]["partial"] is True
    zh = run("--lang", "zh", *interactive[:-1], input="3\n" + "s\n" * 7 + "n\n")
    assert "部分评估：共 8 个指标，已评 1 个。" in zh.stderr and "仍要保存并标记为部分评估吗" in zh.stderr


def test_questions_say_which_levels_no_anchor_describes(run) -> None:
    res = run("--models-dir", str(MODELS), "assess", "--model", "gate", "--person", "A",
              input="3\n3\n3\n3\n3\n3\nq\n", env={"COLUMNS": "200"})
    out = res.stderr
    assert "no description of the levels for this indicator" in out  # service.follow, compliance.aml …
    products = out.split("I explain products")[1].split("I know the rules")[0]
    assert "no description; between 1 and 3" in products and "no description; between 3 and 5" in products
    greet = out.split("I greet every customer")[1].split("I follow up")[0]
    assert "greets by name" in greet and "no description" in greet  # levels 1–3 and 5: one neighbour only
