"""One store file per person: their assessments, drafts, reviews and plans.

``<home>/data/people/<key>.json`` where ``key`` is derived from the name (names can be
anything, Chinese included, and never become path components). Sharding by person
keeps every save small: recording an assessment costs the same with one record or
ten thousand in the store.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from careerkit.errors import CareerkitError
from careerkit.store.database import StoreKind

if TYPE_CHECKING:
    from careerkit.store.database import Session



def _scores_v2(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Schema 1 → 2: every assessment and review gains strengths, development, coverage, ``ready``,
    ``blocked_by`` and the ``next_roles`` objects (see :mod:`careerkit.core.scoring`).

    Each record is scored again from its ratings on the snapshot of its model version
    (``<home>/models/<digest>.json``), so gates count; a record whose snapshot is gone is
    completed from the scores it holds (:func:`careerkit.core.scoring.from_stored`).
    Every record comes out whole, in the new shape."""
    from careerkit.core import scoring
    from careerkit.store import snapshots

    models: dict[str, Any] = {}

    def model_for(digest: str) -> Any:
        if digest not in models:
            try:
                models[digest] = snapshots.load(path.parents[2] / "models", digest) if digest.isalnum() else None
            except CareerkitError:
                models[digest] = None
        return models[digest]

    assessed = data.get("assessments", {})
    roles = {doc.get("id"): doc.get("role") for doc in assessed.values()}
    for table, role_of in (("assessments", lambda d: d.get("role")),
                           ("reviews", lambda d: roles.get(d.get("assessment")))):
        for doc in data.get(table, {}).values():
            if not isinstance(doc.get("scores"), dict):
                continue
            model = model_for(str((doc.get("model") or {}).get("digest", "")))
            role = role_of(doc)
            if model is not None and isinstance(doc.get("ratings"), dict):
                role = role if role and model.role(role) else None
                doc["scores"] = scoring.scores_json(scoring.score(model, doc["ratings"], role))
            else:
                order = SimpleNamespace(competencies=[SimpleNamespace(id=c, weight=1.0)
                                                      for c in doc["scores"].get("competencies") or {}])
                doc["scores"] = scoring.from_stored(order, doc["scores"], role)  # type: ignore[arg-type]
    return data


_scores_v2.takes_path = True  # type: ignore[attr-defined]

def _index(work: Session, paths: list[Path]) -> None:
    from careerkit.store import history_index

    history_index.person_files_committed(work, paths)


# the history index is saved in the same commit (on_commit)
PERSON = StoreKind("person", 2, {1: _scores_v2}, on_commit=_index, records={
    "assessments": "careerkit.core.assessment.AssessmentRecord",
    "drafts": "careerkit.core.questionnaire.DraftRecord",
    "reviews": "careerkit.core.review.ReviewRecord",
    "plans": "careerkit.core.planning.PlanRecord",
})


def normalize(name: str) -> str:
    return unicodedata.normalize("NFC", name.strip())


def people_dir(data_dir: Path) -> Path:
    return data_dir / "people"


def person_file(data_dir: Path, person: str) -> Path:
    key = hashlib.sha256(normalize(person).encode("utf-8")).hexdigest()[:20]
    return people_dir(data_dir) / f"{key}.json"


def person_files(data_dir: Path) -> Iterator[Path]:
    folder = people_dir(data_dir)
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except FileNotFoundError:
        return
    # a store file that vanished while its backups remain is still listed: reading it
    # then refuses loudly instead of silently showing less history
    bases = sorted({name.partition(".json")[0] + ".json" for name in names
                    if not name.startswith(".") and (name.endswith(".json") or ".json.bak" in name)})
    for name in bases:
        yield folder / name


def table_records(session: Session, table: str, person: str | None,
                  key: Callable[[dict[str, Any]], Any]) -> list[dict[str, Any]]:
    """Every record of ``table`` in one person's file (or everyone's), sorted by ``key``."""
    data_dir = session.home / "data"
    paths = [person_file(data_dir, person)] if person else list(person_files(data_dir))
    out: list[dict[str, Any]] = []
    for path in paths:
        if session.exists(path):
            out.extend(dict(doc) for doc in session.db(path, PERSON).table(table).all())
    out.sort(key=key)
    return out


# ----------------------------------------------------------------------------- one draft per person


def draft_of(session: Session, person: str, table: str) -> dict[str, Any] | None:
    """The unfinished draft kept in ``table`` of a person's file (one per person), or None."""
    path = person_file(session.home / "data", person)
    if not session.exists(path):
        return None
    drafts = session.db(path, PERSON).table(table).all()
    return dict(drafts[-1]) if drafts else None


def keep_draft(session: Session, person: str, table: str, draft: Any) -> None:
    """Keep ``draft`` as the person's one draft in ``table``, replacing an older one."""
    drafts = session.db(person_file(session.home / "data", person), PERSON).table(table)
    drafts.truncate()
    drafts.insert(draft)


def drop_draft(session: Session, person: str, table: str) -> None:
    path = person_file(session.home / "data", person)
    if session.exists(path):
        session.db(path, PERSON).table(table).truncate()
