"""Quizzes (situational-judgement sittings), in the person's store file beside their assessments.

A quiz record is :class:`careerkit.core.quiz.QuizRecord`; a sitting left with ``q`` is a
draft (one per person) in a table of its own, never listed in history.
"""

from __future__ import annotations

from typing import Any

from careerkit.store.assessments import unique
from careerkit.store.database import Session
from careerkit.store.people import PERSON, draft_of, keep_draft, person_file, table_records
from careerkit.store.people import drop_draft as _drop_draft

TABLE = "quizzes"
DRAFTS = "quiz_drafts"


def add(session: Session, record: Any) -> None:
    session.db(person_file(session.home / "data", record["person"]), PERSON).table(TABLE).insert(record)


def records(session: Session, person: str | None = None, model_id: str | None = None) -> list[dict[str, Any]]:
    """Saved quizzes, oldest first; of one person (and model) when given."""
    out = table_records(session, TABLE, person, lambda r: (r["taken_at"], r["id"]))
    return [r for r in out if r["model"]["id"] == model_id] if model_id else out


def latest(session: Session, person: str, model_id: str | None = None) -> dict[str, Any] | None:
    found = records(session, person, model_id)
    return found[-1] if found else None


def find(session: Session, prefix: str) -> dict[str, Any]:
    return unique(prefix, records(session), kind="quiz")


def get_draft(session: Session, person: str) -> dict[str, Any] | None:
    return draft_of(session, person, DRAFTS)


def save_draft(session: Session, person: str, draft: dict[str, Any]) -> None:
    keep_draft(session, person, DRAFTS, draft)


def drop_draft(session: Session, person: str) -> None:
    _drop_draft(session, person, DRAFTS)
