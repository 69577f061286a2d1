"""The scoring rules, against cases computed by hand on the tiny fixture model.

tiny: alpha (weight 2; indicators one, two), beta (weight 1; indicator one);
roles junior {alpha: 2, beta: 2} → senior {alpha: 3, beta: 3}.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerkit.core import scoring
from careerkit.model.loader import load_file
from tests.conftest import FIXTURES

MODEL = load_file(FIXTURES / "models" / "tiny.yaml").model


def test_means_weights_gaps_and_readiness() -> None:
    s = scoring.score(MODEL, {"alpha.one": 3, "alpha.two": 2, "beta.one": 1}, "junior")
    assert s.competencies["alpha"].score == 2.5
    assert s.competencies["beta"].score == 1.0
    assert s.overall == pytest.approx((2.5 * 2 + 1.0 * 1) / 3)  # 2.0
    assert s.competencies["alpha"].gap == -0.5 and s.competencies["alpha"].met is True
    assert s.competencies["beta"].gap == 1.0 and s.competencies["beta"].met is False
    assert s.readiness == pytest.approx(100 * 2 / 3)  # alpha's weight 2 of 3 targeted
    assert s.next_roles == {"senior": scoring.RoleStatus(0.0, False, [])}


def test_skipped_indicators_are_left_out_not_counted_as_zero() -> None:
    s = scoring.score(MODEL, {"alpha.one": 3, "alpha.two": None}, "junior")
    assert s.competencies["alpha"].score == 3.0
    assert s.competencies["alpha"].rated == 1 and s.competencies["alpha"].indicators == 2
    assert s.competencies["beta"].score is None
    assert s.competencies["beta"].gap is None and s.competencies["beta"].met is False
    assert s.overall == 3.0  # beta has no score, so it does not weigh in
    assert s.readiness == pytest.approx(100 * 2 / 3)
    assert s.next_roles["senior"].readiness == pytest.approx(100 * 2 / 3)  # 3 ≥ 3 counts as met


def test_without_a_role_there_is_no_target_or_readiness() -> None:
    s = scoring.score(MODEL, {"alpha.one": 1, "alpha.two": 2, "beta.one": 3})
    assert s.readiness is None and s.next_roles == {}
    assert all(r.target is None and r.met is None and r.gap is None for r in s.competencies.values())
    assert s.overall == pytest.approx((1.5 * 2 + 3) / 3)


def test_nothing_rated_means_no_scores_and_zero_readiness() -> None:
    s = scoring.score(MODEL, {}, "senior")
    assert s.overall is None and s.readiness == 0.0
    assert scoring.scores_json(s)["overall"] is None


def test_json_rounds_to_two_decimals() -> None:
    s = scoring.score(MODEL, {"alpha.one": 3, "alpha.two": 2, "beta.one": 2}, "junior")
    data = scoring.scores_json(s)
    assert data["overall"] == 2.33  # (2.5·2 + 2)/3 = 2.333…
    assert data["readiness"] == 100.0
    assert data["competencies"]["alpha"] == {"score": 2.5, "target": 2, "gap": -0.5, "met": True,
                                             "rated": 2, "indicators": 2}


def test_strongest_and_weakest_never_overlap() -> None:
    from types import SimpleNamespace

    def lists(values: dict[str, float | None]) -> tuple[list[str], list[str]]:
        model = SimpleNamespace(competencies=[SimpleNamespace(id=c, weight=1.0) for c in values])
        results = {c: scoring.CompetencyResult(v, rated=1 if v is not None else 0, indicators=1)
                   for c, v in values.items()}
        return scoring.choose_lists(model, results, False)  # type: ignore[arg-type]

    assert lists({"a": 3, "b": 1, "c": None}) == (["a"], ["b"])
    assert lists(dict(zip("abcdefg", [5, 1, 4, 2, 3, 5, 1], strict=True))) == (["a", "f", "c"], ["b", "g", "d"])


# ----------------------------------------------------------------------------- the team summaries' Scorer


def _models():
    import json

    from careerkit.core.team_model import read
    from careerkit.model.catalog import Catalog, sources
    from careerkit.model.loader import canonical_json

    bank = Catalog(sources(None)).find("bank-customer-service").model
    gate = load_file(FIXTURES / "models" / "gate.yaml").model
    text = canonical_json(bank)
    return [MODEL, gate, bank, read(json.loads(text), text)]  # as a team store reads it back


MODELS = _models()


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_the_scorer_gives_what_score_gives_on_any_ratings(data) -> None:
    """Team summaries score thousands of people through Scorer: the same figures as score(),
    readiness() and coverage(), to the last bit, on any ratings, any role (gates included)."""
    model = data.draw(st.sampled_from(MODELS))
    keys = [f"{c.id}.{i.id}" for c in model.competencies for i in c.indicators]
    level = st.one_of(st.none(), st.integers(model.scale[0].level, model.scale[-1].level))
    ratings = data.draw(st.fixed_dictionaries(dict.fromkeys(keys, level)))
    if data.draw(st.booleans()):  # a record that lacks some keys altogether
        ratings = {k: v for k, v in ratings.items() if data.draw(st.booleans())}
    sheet = scoring.Scorer(model).sheet(ratings)
    by_comp = scoring.competency_scores(model, ratings)
    assert sheet.competency_scores() == by_comp
    assert sheet.overall() == scoring.overall(model, by_comp)
    for role in [None, *model.roles]:
        assert sheet.score(role) == scoring.score(model, ratings, role.id if role else None)
        assert sheet.lists(role) == (sheet.score(role).strengths, sheet.score(role).development)
        assert sheet.coverage(role) == scoring.coverage(model, ratings, role)
        if role is not None:
            assert sheet.status(role) == scoring.role_status(model, role, by_comp, ratings)
    for index, comp in enumerate(model.competencies):
        for target in (model.scale[0].level, model.scale[-1].level):
            assert sheet.meets(index, target) == scoring.meets(comp, target, by_comp[comp.id], ratings)
