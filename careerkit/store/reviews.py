"""Mentor reviews, in the reviewed person's store file, linked to an assessment by id.

A review record (see :func:`careerkit.core.review.new_review`)::

    {"id", "assessment", "person", "mentor", "model": {"id", "version", "digest"},
     "taken_at", "ratings", "notes", "comment", "scores"}

An assessment may have several reviews; the latest (by ``taken_at``, then id) is last.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from tinydb import Query

from careerkit.store.assessments import unique
from careerkit.store.database import Session
from careerkit.store.people import PERSON, person_file, table_records

if TYPE_CHECKING:
    from careerkit.core.assessment import AssessmentRecord
    from careerkit.core.review import ReviewRecord

TABLE = "reviews"


def _key(review: dict[str, Any]) -> tuple[str, str]:
    return review["taken_at"], review["id"]


def add(session: Session, review: ReviewRecord) -> None:
    db = session.db(person_file(session.home / "data", review["person"]), PERSON)
    db.table(TABLE).insert(review)


def records(session: Session, person: str | None = None) -> list[ReviewRecord]:
    """All reviews, oldest first; of one person when given."""
    return cast("list[ReviewRecord]", table_records(session, TABLE, person, _key))


def for_assessment(session: Session, assessment_id: str, person: str | None = None) -> list[ReviewRecord]:
    """The reviews of one assessment, latest last (give ``person`` to read only their file)."""
    return [r for r in records(session, person) if r["assessment"] == assessment_id]


def latest_for(session: Session, assessment: AssessmentRecord) -> ReviewRecord | None:
    found = for_assessment(session, assessment["id"], assessment["person"])
    return found[-1] if found else None


def find(session: Session, prefix: str) -> ReviewRecord:
    """The one review whose id starts with ``prefix``."""
    return unique(prefix, records(session), kind="review")


def delete_for_assessment(session: Session, assessment: AssessmentRecord) -> int:
    """Remove every review of ``assessment`` (when the assessment is deleted); how many went."""
    path = person_file(session.home / "data", assessment["person"])
    if not session.exists(path):
        return 0
    removed = session.db(path, PERSON).table(TABLE).remove(Query().assessment == assessment["id"])
    return len(removed)
