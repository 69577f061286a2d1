"""The scoring rules, against cases computed by hand on the tiny fixture model.

tiny: alpha (weight 2; indicators one, two), beta (weight 1; indicator one);
roles junior {alpha: 2, beta: 2} → senior {alpha: 3, beta: 3}.
"""

from __future__ import annotations

import pytest

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
