"""Self vs mentor: the 180° comparison of one assessment, competency by competency.

The two views are never averaged into one number. The rules, exactly:

- per indicator rated by both: ``diff = self − mentor`` (whole levels);
- per competency: ``diff = self score − mentor score`` (the scores are the means of the
  rated indicators, :mod:`careerkit.core.scoring`), rounded to 2 decimals; none when
  either side has no score;
- how big a difference is, on that diff (the same rule for indicators and competencies,
  so a whole-level difference of 1 is a quick word and of 2 a disconnect, and a mean
  is judged by the whole level it rounds to):

  ==================  =============================================================
  ``agree``           ``|diff| < 0.5``
  ``word``            ``0.5 ≤ |diff| < 1.5``: worth a quick word
  ``disconnect``      ``|diff| ≥ 1.5``: a serious disconnect to discuss
  ==================  =============================================================

- which way, for any difference that is not ``agree``: ``self > mentor`` is a
  ``blind-spot`` (the person sees more than the mentor does), ``self < mentor`` a
  ``hidden-strength`` (the mentor sees more than the person does);
- gates: for a gate competency the role targets (the assessment's role), an indicator
  that either side rated below the target is flagged (``gate: true`` on the indicator row,
  its id in the competency row's ``gate_flags``), even when the competency's means agree:
  a baseline a bank cannot average away;
- agreement = indicators rated by both with exactly the same level ÷ indicators rated
  by both, as a percentage (none when no indicator is rated by both); ``within_one``
  is the same share for ``|diff| ≤ 1``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any, TypedDict

from careerkit.core import scoring
from careerkit.core.assessment import AssessmentRecord, AssessmentScores, ModelRef, new_id
from careerkit.model.schema import CompetencyModel

WORD = 0.5
DISCONNECT = 1.5


class ReviewRecord(TypedDict):
    """A mentor's ratings of the indicators of one assessment (stored in the person's file, table ``reviews``)."""

    id: str
    assessment: str                    # the id of the assessment reviewed
    person: str
    mentor: str
    model: ModelRef
    taken_at: str
    ratings: dict[str, int | None]
    notes: dict[str, str]
    comment: str | None
    scores: AssessmentScores           # against the assessment's role


class Size(StrEnum):
    AGREE = "agree"
    WORD = "word"
    DISCONNECT = "disconnect"


class Direction(StrEnum):
    BLIND_SPOT = "blind-spot"
    HIDDEN_STRENGTH = "hidden-strength"


def size(diff: float | None) -> Size | None:
    """How much a difference matters (see the module's table); ``None`` for no difference known."""
    if diff is None:
        return None
    magnitude = abs(diff)
    if magnitude >= DISCONNECT - 1e-9:
        return Size.DISCONNECT
    if magnitude >= WORD - 1e-9:
        return Size.WORD
    return Size.AGREE


def direction(diff: float | None) -> Direction | None:
    """Blind spot or hidden strength, for a difference that is not ``agree``."""
    found = size(diff)
    if found is None or found is Size.AGREE:
        return None
    return Direction.BLIND_SPOT if diff > 0 else Direction.HIDDEN_STRENGTH  # type: ignore[operator]  # diff is not None when size() is


def _row(self_value: float | None, mentor_value: float | None) -> dict[str, Any]:
    diff = None if self_value is None or mentor_value is None else scoring.rounded(self_value - mentor_value)
    found_size, found_dir = size(diff), direction(diff)
    return {"self": scoring.rounded(self_value), "mentor": scoring.rounded(mentor_value),
            "diff": diff, "size": found_size.value if found_size else None,
            "direction": found_dir.value if found_dir else None}


def compare(model: CompetencyModel, self_ratings: Mapping[str, int | None],
            mentor_ratings: Mapping[str, int | None], role_id: str | None = None) -> dict[str, Any]:
    """Side by side per competency and indicator, with counts, the agreement figures and the
    gate indicators either side rated below ``role_id``'s target."""
    role = model.role(role_id) if role_id else None
    self_scores = scoring.competency_scores(model, self_ratings)
    mentor_scores = scoring.competency_scores(model, mentor_ratings)
    competencies = []
    indicators = []
    for comp in model.competencies:
        target = role.targets.get(comp.id) if role is not None and comp.gate else None
        flags = []
        for ind in comp.indicators:
            iid = f"{comp.id}.{ind.id}"
            row = {"indicator": iid, **_row(self_ratings.get(iid), mentor_ratings.get(iid)), "gate": False}
            if target is not None and any(v is not None and v < target
                                          for v in (self_ratings.get(iid), mentor_ratings.get(iid))):
                row.update(gate=True, target=target)
                flags.append(iid)
            indicators.append(row)
        competencies.append({"competency": comp.id, **_row(self_scores[comp.id], mentor_scores[comp.id]),
                             "gate_flags": flags, "target": target})
    both = [r for r in indicators if r["diff"] is not None]
    exact = sum(1 for r in both if r["diff"] == 0)
    near = sum(1 for r in both if abs(r["diff"]) <= 1)
    counts = {s.value: sum(1 for r in competencies if r["size"] == s.value) for s in Size}
    counts.update({d.value: sum(1 for r in competencies if r["direction"] == d.value) for d in Direction})
    return {
        "competencies": competencies,
        "indicators": indicators,
        "rated_by_both": len(both),
        "agreement": scoring.rounded(100.0 * exact / len(both)) if both else None,
        "within_one": scoring.rounded(100.0 * near / len(both)) if both else None,
        "counts": counts,
        "gate_flags": [r["indicator"] for r in indicators if r["gate"]],
    }


def new_review(model: CompetencyModel, digest: str, assessment: AssessmentRecord, *, mentor: str,
               ratings: Mapping[str, int | None], notes: Mapping[str, str], comment: str | None,
               taken_at: datetime) -> ReviewRecord:
    """A review record, linked to ``assessment`` and scored against the assessment's role.

    ``{"id", "assessment", "person", "mentor", "model": {id, version, digest}, "taken_at",
    "ratings", "notes", "comment", "scores"}``: the same shapes as an assessment record.
    """
    complete = {iid: ratings.get(iid) for iid in model.indicator_ids()}
    scores = scoring.score(model, complete, assessment.get("role"))
    return {
        "id": new_id(),
        "assessment": assessment["id"],
        "person": assessment["person"],
        "mentor": mentor,
        "model": {"id": model.id, "version": model.version, "digest": digest},
        "taken_at": taken_at.isoformat(),
        "ratings": complete,
        "notes": {k: v for k, v in notes.items() if v},
        "comment": comment.strip() if comment and comment.strip() else None,
        "scores": scoring.scores_json(scores),
    }


def review_comparison(model: CompetencyModel, assessment: AssessmentRecord,
                      review: ReviewRecord) -> dict[str, Any]:
    """:func:`compare` of a saved assessment and one of its saved reviews, with both ids."""
    result = compare(model, assessment["ratings"], review["ratings"], assessment.get("role"))
    result["assessment"] = assessment["id"]
    result["review"] = review["id"]
    result["mentor"] = review["mentor"]
    result["taken_at"] = review["taken_at"]
    return result
