"""Checklist observations, in the observed person's store file (see :mod:`careerkit.core.observations`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careerkit.store.database import Session
from careerkit.store.people import PERSON, person_file, table_records

if TYPE_CHECKING:
    from careerkit.core.observations import ObservationRecord

TABLE = "observations"


def add(session: Session, observation: ObservationRecord) -> None:
    session.db(person_file(session.home / "data", observation["person"]), PERSON).table(TABLE).insert(observation)


def records(session: Session, person: str | None = None) -> list[dict[str, Any]]:
    """Observations oldest first (by date, then when recorded); of one person when given."""
    return table_records(session, TABLE, person, lambda o: (o["date"], o["recorded_at"], o["id"]))
