"""Confirmed assessments and in-progress drafts, in the person's store file.

Records are plain dicts (see :func:`careerkit.core.assessment.new_record`); history only
ever holds confirmed assessments, drafts live in a table of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from tinydb import Query

from careerkit.errors import InputError, NotFoundError
from careerkit.i18n import t
from careerkit.store.database import Session
from careerkit.store.people import PERSON, draft_of, keep_draft, person_file, table_records
from careerkit.store.people import drop_draft as _drop_draft

if TYPE_CHECKING:
    from careerkit.core.assessment import AssessmentRecord
    from careerkit.core.questionnaire import DraftRecord

TABLE = "assessments"
DRAFTS = "drafts"
R = TypeVar("R", bound=Mapping[str, Any])  # a record with an ``id``


def add(session: Session, record: AssessmentRecord) -> None:
    db = session.db(person_file(session.home / "data", record["person"]), PERSON)
    db.table(TABLE).insert(record)


def records(session: Session, person: str | None = None, model_id: str | None = None) -> list[AssessmentRecord]:
    """Confirmed assessments, oldest first; of one person when given."""
    out = cast("list[AssessmentRecord]", table_records(session, TABLE, person, lambda r: (r["taken_at"], r["id"])))
    return [r for r in out if r["model"]["id"] == model_id] if model_id else out


def people(session: Session) -> list[str]:
    """Everyone with a saved assessment in this home folder, sorted."""
    return sorted({r["person"] for r in records(session)})


def latest(session: Session, person: str, model_id: str | None = None) -> AssessmentRecord | None:
    found = records(session, person, model_id)
    return found[-1] if found else None


def find(session: Session, prefix: str) -> AssessmentRecord:
    """The one assessment whose id starts with ``prefix``."""
    return unique(prefix, records(session), kind="assessment")


def unique(prefix: str, candidates: list[R], *, kind: str) -> R:
    """The one candidate whose ``id`` starts with ``prefix``; a clear error for none or several."""
    prefix = prefix.strip().lower()
    if not prefix:
        raise InputError("history.empty_id")

    matches = [r for r in candidates if r["id"].startswith(prefix)]
    kind_text = t(f"history.kind.{kind}")
    if not matches:
        raise NotFoundError("history.no_such", kind=kind_text, id=prefix, hint=t(f"history.list_hint.{kind}"))
    if len(matches) > 1:
        shown = ", ".join(r["id"] for r in matches[:8])
        raise InputError("history.ambiguous", kind=kind_text, id=prefix, count=len(matches), ids=shown)
    return matches[0]


def delete(session: Session, record: AssessmentRecord) -> None:
    db = session.db(person_file(session.home / "data", record["person"]), PERSON)
    db.table(TABLE).remove(Query().id == record["id"])


# ----------------------------------------------------------------------------- drafts


def get_draft(session: Session, person: str) -> DraftRecord | None:
    return cast("DraftRecord | None", draft_of(session, person, DRAFTS))


def save_draft(session: Session, person: str, draft: DraftRecord) -> None:
    """Keep one draft per person: the latest unfinished assessment."""
    keep_draft(session, person, DRAFTS, draft)


def drop_draft(session: Session, person: str) -> None:
    _drop_draft(session, person, DRAFTS)


def latest_complete(session: Session, person: str, model_id: str | None = None
                    ) -> tuple[AssessmentRecord | None, list[AssessmentRecord]]:
    """The person's latest assessment that is not partial, and the newer partial ones passed over.

    When every assessment is partial: the latest of them, and nothing passed over (its own
    ``scores.partial`` says what it is)."""
    from careerkit.core.scoring import latest_complete as choose

    found = records(session, person, model_id)
    chosen, skipped = choose(found)
    if chosen is None:
        return (found[-1] if found else None), []
    return chosen, skipped
