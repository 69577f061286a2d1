"""The built-in models as a user meets them: every target described, every role reachable,
every suggested habit on the schedule its words say, Chinese written as Chinese is written,
and the bank model's history carried across its 1.0.0 → 2.0.0 revision."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careerkit.core.habits.schedules import Kind, Schedule
from careerkit.core.habits.suggestions import infer_schedule
from careerkit.model.loader import load_file
from careerkit.model.schema import CompetencyModel, habit_parts
from tests.conftest import FIXTURES, ROOT

BUILTIN = sorted((ROOT / "competencies").glob("*.yaml"))
MODELS = {path.stem: load_file(path).model for path in BUILTIN}
BANK = MODELS["bank-customer-service"]
BANK_1 = load_file(FIXTURES / "bank-customer-service-1.0.0.yaml").model


def each_model():
    return pytest.mark.parametrize("model", list(MODELS.values()), ids=list(MODELS))


def texts(model: CompetencyModel):
    """(where, localized text) for every text a user reads in the model."""
    yield "title", model.title
    yield "description", model.description
    for level in model.scale:
        yield f"scale {level.level}", level.label
        yield f"scale {level.level}", level.description
    for group in model.groups:
        yield f"group {group.id}", group.name
        yield f"group {group.id}", group.description
    for comp in model.competencies:
        yield comp.id, comp.name
        yield comp.id, comp.description
        for ind in comp.indicators:
            where = f"{comp.id}.{ind.id}"
            yield where, ind.text
            yield f"{where} observer", ind.observer
            for level, anchor in ind.anchors.items():
                yield f"{where} anchor {level}", anchor
        for i, activity in enumerate(comp.activities):
            yield f"{comp.id} activity {i}", activity.text
        for i, habit in enumerate(comp.habits):
            yield f"{comp.id} habit {i}", habit_parts(habit)[0]
    for role in model.roles:
        yield f"role {role.id}", role.title
        yield f"role {role.id}", role.description


# ----------------------------------------------------------------------------- targets and anchors


@each_model()
def test_every_role_target_is_described_by_an_anchor_of_that_level_on_every_indicator(model):
    missing = [f"{role.id}: {comp_id} → {level}: {comp_id}.{ind.id}"
               for role in model.roles for comp_id, level in role.targets.items()
               for ind in model.competency(comp_id).indicators if level not in ind.anchors]
    assert missing == []


@each_model()
def test_every_indicator_is_anchored_at_every_level_of_the_scale(model):
    missing = [f"{comp.id}.{ind.id}: {sorted(set(model.levels) - set(ind.anchors))}"
               for comp in model.competencies for ind in comp.indicators if set(ind.anchors) != set(model.levels)]
    assert missing == []


@each_model()
def test_the_ladder_reaches_every_role_from_its_roots(model):
    pointed_at = {n for role in model.roles for n in role.next}
    roots = [role.id for role in model.roles if role.id not in pointed_at]
    assert roots, "a ladder needs a first role"
    reached, todo = set(), list(roots)
    while todo:
        role = model.role(todo.pop())
        if role.id not in reached:
            reached.add(role.id)
            todo.extend(role.next)
    assert reached == {role.id for role in model.roles}


def test_bank_ladder_branches_after_senior_teller_and_joins_at_branch_manager():
    nexts = {role.id: role.next for role in BANK.roles}
    assert nexts["trainee-teller"] == ["teller"] and nexts["teller"] == ["senior-teller"]
    assert nexts["senior-teller"] == ["lobby-manager", "wealth-manager", "operations-supervisor"]
    assert all(nexts[r] == ["branch-manager"] for r in ("lobby-manager", "wealth-manager", "operations-supervisor"))
    assert nexts["branch-manager"] == []
    titles = {role.id: (role.title["zh"], role.title["en"]) for role in BANK.roles}
    assert titles["trainee-teller"] == ("见习柜员", "Trainee teller")
    assert titles["branch-manager"] == ("网点负责人", "Branch manager")


def test_bank_targets_fit_the_scale_a_qualified_teller_is_proficient_a_trainee_developing():
    teller, trainee = BANK.role("teller"), BANK.role("trainee-teller")
    assert set(teller.targets.values()) == {3}  # 胜任: the job done independently and to standard
    assert set(trainee.targets.values()) == {2}
    assert set(trainee.targets) == set(teller.targets)
    # each later role asks at least what the role before it asked, for what both target
    for role in BANK.roles:
        for nxt in map(BANK.role, role.next):
            lower = {c: (lv, nxt.targets[c]) for c, lv in role.targets.items() if nxt.targets.get(c, 99) < lv}
            assert not lower or nxt.id == "branch-manager", (role.id, nxt.id, lower)


def test_bank_roles_target_what_their_work_is():
    lobby, wealth, ops = (BANK.role(r) for r in ("lobby-manager", "wealth-manager", "operations-supervisor"))
    senior = BANK.role("senior-teller")
    # 大堂经理: 厅堂分流, 首问负责, 适老化与特殊群体服务, 风险识别
    for comp in ("teamwork", "complaints", "social-responsibility", "customer-experience"):
        assert lobby.targets[comp] > senior.targets[comp] or lobby.targets[comp] == 4, comp
    # 理财经理: 适当性管理 and its qualifications; tellers never sell under it
    assert wealth.targets["suitability"] == 4 and max(r.targets.get("suitability", 0) for r in BANK.roles) == 4
    assert "suitability" not in senior.targets
    assert {i.id for i in BANK.competency("suitability").indicators} >= {
        "risk-assessment", "product-match", "dual-recording", "qualified-sales"}
    # 运营主管: 授权、内控、反洗钱: the highest compliance target, and the operations competency
    assert ops.targets["compliance"] == 5 == max(r.targets["compliance"] for r in BANK.roles)
    assert ops.targets["operations-control"] == 4
    assert [r.id for r in BANK.roles if "operations-control" in r.targets] == ["operations-supervisor",
                                                                                "branch-manager"]
    assert {i.id for i in BANK.competency("operations-control").indicators} >= {
        "authorisation", "cash-and-vouchers", "control-checks", "aml-review"}


def test_bank_compliance_is_a_gate_and_only_it():
    assert [c.id for c in BANK.competencies if c.gate] == ["compliance"]


def test_bank_groups_follow_the_seed():
    by_group = {}
    for comp in BANK.competencies:
        by_group.setdefault(comp.group, []).append(comp.id)
    # the seed: 职业素养的内涵包括专业知识、服务意识、沟通能力、团队协作
    assert by_group["professional-quality"] == ["knowledge", "service-awareness", "communication", "teamwork"]
    assert BANK.competency("service-awareness").name["en"] == "Service orientation"


# ----------------------------------------------------------------------------- duties stated as banks state them


def _all(model, comp_id, lang):
    comp = model.competency(comp_id)
    return " ".join([comp.description[lang]] + [i.text[lang] for i in comp.indicators]
                    + [a[lang] for i in comp.indicators for a in i.anchors.values()])


def test_bank_duties_first_contact_aml_and_feedback_channels():
    complaints = _all(BANK, "complaints", "zh")
    assert "首问负责" in complaints and "24小时" in complaints and "15日" in complaints
    assert "满意为止" not in complaints
    assert "《银行业保险业消费投诉处理管理办法》" in complaints
    aml = BANK.competency("compliance").indicators[[i.id for i in BANK.competency("compliance").indicators]
                                                    .index("anti-money-laundering")]
    assert "不向客户透露" in aml.text["zh"] and "tip" in aml.text["en"]
    assert "系统生成" in aml.anchors[3]["zh"] and "完成大额" not in _all(BANK, "compliance", "zh")
    feedback = next(i for i in BANK.competency("complaints").indicators if i.id == "feedback-channels")
    assert all(word in feedback.text["zh"] for word in ("服务评价器", "意见簿", "回访"))
    assert "社交媒体" not in feedback.text["zh"] and "邮件" not in feedback.text["zh"]
    crisis = next(i for i in BANK.competency("complaints").indicators if i.id == "service-crisis")
    assert "舆情" in crisis.anchors[3]["zh"] and "reputational incidents" in crisis.anchors[3]["en"]


# ----------------------------------------------------------------------------- observers and language


@each_model()
def test_every_indicator_has_an_observer_text_in_both_languages_in_the_third_person(model):
    for comp in model.competencies:
        for ind in comp.indicators:
            where = f"{comp.id}.{ind.id}"
            assert isinstance(ind.observer, dict) and set(ind.observer) >= {"zh", "en"}, where
            assert "该员工" in ind.observer["zh"] and "我" not in ind.observer["zh"], where
            assert "the employee" in ind.observer["en"].lower(), where
            assert not re.search(r"\b(I|my|me)\b", ind.observer["en"]), where
            assert ind.text["zh"].count("我") >= 1 and re.search(r"\bI\b", ind.text["en"]), where


_CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]"
_HALF_NEXT_TO_CHINESE = re.compile(rf"{_CJK}\s?[,;:?!()]|[,;:?!()]\s?{_CJK}")
_BAD_LINE_START = "。，、；：？！）"


@each_model()
def test_chinese_texts_use_full_width_punctuation(model):
    bad = []
    for where, value in texts(model):
        zh = value.get("zh") if isinstance(value, dict) else None
        if zh is None:
            continue
        if hit := _HALF_NEXT_TO_CHINESE.search(zh):
            bad.append(f"{where}: …{zh[max(0, hit.start() - 8):hit.end() + 8]}…")
        bad += [f"{where}: line starts with {line[0]}" for line in zh.splitlines()
                if line.strip() and line.strip()[0] in _BAD_LINE_START]
    assert bad == []


@each_model()
def test_every_text_is_in_both_languages(model):
    one_sided = [where for where, value in texts(model)
                 if value is not None and not (isinstance(value, dict) and value.get("zh") and value.get("en"))]
    assert one_sided == []


def test_the_checks_catch_what_they_are_for():
    assert _HALF_NEXT_TO_CHINESE.search("岗位: 柜员") and _HALF_NEXT_TO_CHINESE.search("注意(重要)")
    assert not _HALF_NEXT_TO_CHINESE.search("客户身份识别（KYC）规定，24小时内") and not \
        _HALF_NEXT_TO_CHINESE.search("Role: teller (Teller)")
    assert _words_schedule("每月回顾职业目标") == "monthly" and _words_schedule("Review goals monthly") == "monthly"


# ----------------------------------------------------------------------------- habits


def _words_schedule(text: str) -> str | None:
    """What a habit's words say about how often (None: they do not say)."""
    lowered = text.lower()
    if any(w in lowered for w in ("每月", "month")):
        return "monthly"
    if re.search(r"每周|每星期|周[一二三四五六日]|week|monday|tuesday|wednesday|thursday|friday", lowered):
        return "weekly"
    if any(w in lowered for w in ("每日", "每天", "daily", "each day", "every day")):
        return "daily"
    return None


def _monthly() -> Schedule | None:
    from careerkit.errors import InputError

    try:
        return Schedule.parse("monthly")
    except InputError:
        return None


MONTHLY = _monthly()


def _habits():
    for name, model in MODELS.items():
        for comp in model.competencies:
            for i, habit in enumerate(comp.habits):
                text, every = habit_parts(habit)
                yield pytest.param(text, every, id=f"{name}:{comp.id}:{i}")


@pytest.mark.parametrize(("text", "every"), list(_habits()))
def test_every_suggested_habit_has_the_schedule_its_words_say(text, every):
    assert isinstance(text, dict) and text.get("zh") and text.get("en")
    schedules = {}
    for lang in ("zh", "en"):
        said = _words_schedule(text[lang])
        schedule = Schedule.parse(every) if every else infer_schedule(text[lang])
        if said == "monthly":
            # until careerkit has a monthly schedule, no habit may promise one; once it has, it must use it
            assert MONTHLY is not None, f"{text[lang]!r}: a monthly habit cannot be tracked as one yet"
            assert schedule.kind is MONTHLY.kind, text[lang]
        elif said == "weekly":
            assert schedule.kind is Kind.WEEKLY, text[lang]
        elif said == "daily":
            assert schedule.kind is Kind.DAILY, text[lang]
        schedules[lang] = schedule
    assert schedules["zh"] == schedules["en"], text  # a reader in either language gets the same habit


# ----------------------------------------------------------------------------- the 1.0.0 → 2.0.0 revision


def test_bank_versions():
    assert BANK_1.id == BANK.id == "bank-customer-service"
    assert (BANK_1.version, BANK.version) == ("1.0.0", "2.0.0")


def test_bank_2_maps_every_1_0_indicator_explicitly_onto_an_existing_one():
    (migration,) = [m for m in BANK.migrations if m.from_ == "1.0.0"]
    assert list(migration.indicators) == BANK_1.indicator_ids()  # every old id, in the old order, once
    new_ids = set(BANK.indicator_ids())
    assert [new for new in migration.indicators.values() if new is not None and new not in new_ids] == []
    renamed = {old: new for old, new in migration.indicators.items() if new is not None and new != old}
    assert renamed["complaints.complaint-response"] == "complaints.first-contact"
    assert renamed["knowledge.digital-channels"] == "customer-experience.digital-channels"
    assert [old for old, new in migration.indicators.items() if new is None] == ["mindset.positive-attitude"]
    # no two old indicators pour into one new one: a rating is never counted twice
    kept = [new for new in migration.indicators.values() if new is not None]
    assert len(kept) == len(set(kept))


def test_core_professional_keeps_its_ids_so_needs_no_map():
    old = load_file(FIXTURES / "core-professional-1.0.0.yaml").model
    core = MODELS["core-professional"]
    assert old.indicator_ids() == core.indicator_ids()
    assert (old.version, core.version) == ("1.0.0", "1.1.0") and core.migrations == []


# ----------------------------------------------------------------------------- through the command line


@pytest.mark.parametrize("path", BUILTIN, ids=[p.stem for p in BUILTIN])
def test_models_validate_passes_on_each_builtin_file(run, path: Path):
    res = run("models", "validate", str(path))
    assert res.exit_code == 0, res.output
    assert "1 valid, 0 invalid" in res.output


def test_models_show_in_chinese_lists_the_new_ladder_and_the_gate(run):
    res = run("--lang", "zh", "models", "show", "bank-customer-service")
    assert res.exit_code == 0, res.output
    for title in ("见习柜员", "大堂经理", "理财经理", "运营主管", "网点负责人", "2.0.0"):
        assert title in res.stdout, title


def test_models_show_prints_no_warnings_for_habits_with_a_stated_schedule(cli_proc):
    # the bank model is the first built-in with `{text, every}` habits: dumping it for its digest
    # used to print pydantic serializer warnings on every command's stderr
    assert any(not isinstance(h, (str, dict)) for c in BANK.competencies for h in c.habits)
    res = cli_proc("models", "show", "bank-customer-service")
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""
