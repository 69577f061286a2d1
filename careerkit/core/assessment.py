"""An assessment record: who rated what, on which model version, and the scores.

Records are plain dicts so that they store, export and render without conversion; their
shape is :class:`AssessmentRecord` (stored in the person's file, table ``assessments``;
exported in bundles; printed by ``show --json``)::

    {"id", "person", "model": {"id", "version", "digest"}, "role", "taken_at",
     "ratings": {indicator: level|None}, "notes": {indicator: text},
     "scores": {"overall", "readiness", "competencies": {...}, "next_roles": {...}}}
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TypedDict

from careerkit.core import scoring
from careerkit.model.schema import CompetencyModel


class ModelRef(TypedDict):
    """The exact model version a record was taken on (``digest``: its canonical JSON's SHA-256)."""

    id: str
    version: str
    digest: str


class CompetencyScore(TypedDict):
    """One competency of ``scores.competencies`` (rules: :mod:`careerkit.core.scoring`)."""

    score: float | None
    target: int | None
    gap: float | None
    met: bool | None
    rated: int
    indicators: int


class NextRole(TypedDict):
    """Readiness for a role ahead on the ladder, with what blocks it (records of readiness gates)."""

    readiness: float | None
    ready: bool
    blocked_by: list[str]


class _Scores(TypedDict):
    overall: float | None
    readiness: float | None
    competencies: dict[str, CompetencyScore]
    next_roles: dict[str, NextRole | float | None]


class AssessmentScores(_Scores, total=False):
    """The ``scores`` of an assessment or review record, rounded to 2 decimals.

    The fields below came with readiness gates: records saved before them lack them (they are
    not required, ``total=False``), and their ``next_roles`` values are plain readiness figures.
    """

    strengths: list[str]      # competency ids
    development: list[str]    # competency ids
    partial: bool
    rated: int
    indicators: int
    ready: bool | None
    blocked_by: list[str]


class AssessmentRecord(TypedDict):
    """A confirmed self-assessment, as stored and exchanged."""

    id: str
    person: str
    model: ModelRef
    role: str | None
    taken_at: str                      # ISO date-time with offset
    ratings: dict[str, int | None]     # every indicator id of the model: level, or None when skipped
    notes: dict[str, str]              # indicator id: note or evidence
    scores: AssessmentScores


def new_id() -> str:
    """A short random id; a unique prefix of it is enough everywhere an id is taken."""
    return secrets.token_hex(5)


def now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def new_record(model: CompetencyModel, digest: str, *, person: str, role: str | None,
               ratings: dict[str, int | None], notes: dict[str, str], taken_at: datetime) -> AssessmentRecord:
    complete = {iid: ratings.get(iid) for iid in model.indicator_ids()}
    scores = scoring.score(model, complete, role)
    return {
        "id": new_id(),
        "person": person,
        "model": {"id": model.id, "version": model.version, "digest": digest},
        "role": role,
        "taken_at": taken_at.isoformat(),
        "ratings": complete,
        "notes": {k: v for k, v in notes.items() if v},
        "scores": scoring.scores_json(scores),
    }


def rescore(model: CompetencyModel, record: AssessmentRecord, role: str | None = None) -> scoring.Scores:
    """Scores of a saved record, possibly against another role."""
    return scoring.score(model, record["ratings"], role if role is not None else record.get("role"))
