"""An assessment record: who rated what, on which model version, and the scores.

Records are plain dicts so that they store, export and render without conversion::

    {"id", "person", "model": {"id", "version", "digest"}, "role", "taken_at",
     "ratings": {indicator: level|None}, "notes": {indicator: text},
     "scores": {"overall", "readiness", "competencies": {...}, "next_roles": {...}}}
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from careerkit.core import scoring
from careerkit.model.schema import CompetencyModel


def new_id() -> str:
    """A short random id; a unique prefix of it is enough everywhere an id is taken."""
    return secrets.token_hex(5)


def now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def new_record(model: CompetencyModel, digest: str, *, person: str, role: str | None,
               ratings: dict[str, int | None], notes: dict[str, str], taken_at: datetime) -> dict[str, Any]:
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


def rescore(model: CompetencyModel, record: dict[str, Any], role: str | None = None) -> scoring.Scores:
    """Scores of a saved record, possibly against another role."""
    return scoring.score(model, record["ratings"], role if role is not None else record.get("role"))
