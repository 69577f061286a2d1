"""Ratings → competency scores, overall score, gaps and readiness.

The rules, exactly (later features and outside tools rely on them):

- competency score = mean of its rated indicators (skipped ones left out); none if none rated;
- overall = mean of the competency scores weighted by competency weight (competencies
  without a score are left out); none if no competency has a score;
- with a role, per targeted competency: gap = target − score, met = score ≥ target
  (a competency without a score has no gap and is not met);
- readiness = total weight of met competencies ÷ total weight of targeted competencies,
  as a percentage; none for a role without targets;
- the same readiness is computed for each role in the role's ``next`` list.

Scores are kept unrounded here; records and JSON output round them to 2 decimals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:  # the functions only read attributes: team summaries pass a lighter model view
    from types import SimpleNamespace

    from careerkit.core.assessment import AssessmentScores
    from careerkit.core.team_model import ModelView
    from careerkit.model import schema

    CompetencyModel: TypeAlias = schema.CompetencyModel | ModelView
    Role: TypeAlias = schema.Role | SimpleNamespace

Ratings = Mapping[str, int | None]


@dataclass(frozen=True)
class CompetencyResult:
    score: float | None
    target: int | None = None
    gap: float | None = None
    met: bool | None = None
    rated: int = 0
    indicators: int = 0


@dataclass(frozen=True)
class Scores:
    overall: float | None
    readiness: float | None
    competencies: dict[str, CompetencyResult]
    next_roles: dict[str, float | None] = field(default_factory=dict)


def competency_scores(model: CompetencyModel, ratings: Ratings) -> dict[str, float | None]:
    """Mean rating of each competency's rated indicators."""
    out: dict[str, float | None] = {}
    for comp in model.competencies:
        values = [ratings.get(f"{comp.id}.{ind.id}") for ind in comp.indicators]
        rated = [v for v in values if v is not None]
        out[comp.id] = sum(rated) / len(rated) if rated else None
    return out


def overall(model: CompetencyModel, scores: Mapping[str, float | None]) -> float | None:
    total = weight = 0.0
    for comp in model.competencies:
        score = scores.get(comp.id)
        if score is not None:
            total += score * comp.weight
            weight += comp.weight
    return total / weight if weight else None


def readiness(model: CompetencyModel, role: Role, scores: Mapping[str, float | None]) -> float | None:
    """Percentage of targeted weight whose competency meets its target."""
    met = targeted = 0.0
    for comp in model.competencies:
        target = role.targets.get(comp.id)
        if target is None:
            continue
        targeted += comp.weight
        score = scores.get(comp.id)
        if score is not None and score >= target:
            met += comp.weight
    return 100.0 * met / targeted if targeted else None


def score(model: CompetencyModel, ratings: Ratings, role_id: str | None = None) -> Scores:
    """All scores of one set of ratings, against ``role_id`` when given."""
    by_comp = competency_scores(model, ratings)
    role = model.role(role_id) if role_id else None
    results: dict[str, CompetencyResult] = {}
    for comp in model.competencies:
        value = by_comp[comp.id]
        rated = sum(1 for ind in comp.indicators if ratings.get(f"{comp.id}.{ind.id}") is not None)
        target = role.targets.get(comp.id) if role else None
        gap = met = None
        if target is not None:
            met = value is not None and value >= target
            gap = target - value if value is not None else None
        results[comp.id] = CompetencyResult(value, target, gap, met, rated, len(comp.indicators))
    next_roles: dict[str, float | None] = {}
    if role is not None:
        for next_id in role.next:
            next_role = model.role(next_id)
            if next_role is not None:
                next_roles[next_id] = readiness(model, next_role, by_comp)
    return Scores(
        overall=overall(model, by_comp),
        readiness=readiness(model, role, by_comp) if role else None,
        competencies=results,
        next_roles=next_roles,
    )


def gaps_for_role(model: CompetencyModel, role: Role, scores: Mapping[str, float | None]) -> list[str]:
    """Competencies that stand between these scores and ``role``, in model order."""
    return [
        comp.id for comp in model.competencies
        if (target := role.targets.get(comp.id)) is not None
        and ((s := scores.get(comp.id)) is None or s < target)
    ]


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def scores_json(scores: Scores) -> AssessmentScores:
    """The ``scores`` part of a record, numbers rounded to 2 decimals."""
    return {
        "overall": rounded(scores.overall),
        "readiness": rounded(scores.readiness),
        "competencies": {
            cid: {"score": rounded(r.score), "target": r.target, "gap": rounded(r.gap), "met": r.met,
                  "rated": r.rated, "indicators": r.indicators}
            for cid, r in scores.competencies.items()
        },
        "next_roles": {rid: rounded(v) for rid, v in scores.next_roles.items()},
    }


def strongest_weakest(scores: Scores, n: int = 3) -> tuple[list[str], list[str]]:
    """The ``n`` highest and lowest scored competencies (ties keep model order)."""
    return strongest_weakest_json({cid: {"score": r.score} for cid, r in scores.competencies.items()}, n)


def strongest_weakest_json(competencies: Mapping[str, Mapping[str, Any]], n: int = 3) -> tuple[list[str], list[str]]:
    """:func:`strongest_weakest` over the ``scores.competencies`` part of a saved record.

    With fewer than ``2 n`` scored competencies the two lists share none: the upper
    half is strongest, the lower half weakest.
    """
    scored = [(cid, float(v["score"])) for cid, v in competencies.items()
              if v.get("score") is not None]
    order = {cid: i for i, (cid, _) in enumerate(scored)}
    ranked = sorted(scored, key=lambda x: (-x[1], order[x[0]]))
    n_strong = min(n, (len(ranked) + 1) // 2)
    n_weak = min(n, len(ranked) - n_strong)
    strong = [c for c, _ in ranked[:n_strong]]
    ascending = sorted(scored, key=lambda x: (x[1], order[x[0]]))
    weak = [c for c, _ in ascending if c not in strong][:n_weak]
    return strong, weak
