"""Personal development plans, in the person's store file, with each goal's status.

A plan record is language-neutral data (see :func:`careerkit.core.planning.build_plan`):
ids of competencies, activities and indicators, numbers and ISO dates. Texts are taken
from the pinned model version when the plan is rendered, so a plan renders in either
language and an export carries what is stored here.

Each focus area holds one goal; its ``status`` is ``active``, ``done`` or ``dropped``,
with ``status_at`` (ISO date-time) set when it last changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from tinydb import Query

from careerkit.errors import InputError, NotFoundError
from careerkit.store.assessments import unique
from careerkit.store.database import Session
from careerkit.store.people import PERSON, person_file, table_records

if TYPE_CHECKING:
    from careerkit.core.planning import PlanRecord

TABLE = "plans"


def _key(plan: dict[str, Any]) -> tuple[str, str]:
    return plan["created_at"], plan["id"]


def add(session: Session, plan: PlanRecord) -> None:
    db = session.db(person_file(session.home / "data", plan["person"]), PERSON)
    db.table(TABLE).insert(plan)


def records(session: Session, person: str | None = None) -> list[PlanRecord]:
    """Plans as stored, oldest first; of one person when given."""
    return cast("list[PlanRecord]", table_records(session, TABLE, person, _key))


def latest_plan(session: Session, person: str) -> PlanRecord | None:
    """The person's newest plan (``plan["focus"][i]["competency"]`` names each focus area), or None."""
    found = records(session, person)
    return found[-1] if found else None


def find(session: Session, prefix: str) -> PlanRecord:
    """The one plan whose id starts with ``prefix`` (errors point at `careerkit plans`)."""
    found = records(session)
    wanted = prefix.strip().lower()
    matches = [p for p in found if wanted and p["id"].startswith(wanted)]
    if not matches and wanted:
        raise NotFoundError("plan.no_such_plan", id=wanted)
    if len(matches) > 1:
        raise InputError("plan.ambiguous_plan", id=wanted, count=len(matches),
                         ids=", ".join(p["id"] for p in matches[:8]))
    return unique(prefix, found, kind="plan")


def save(session: Session, plan: PlanRecord) -> None:
    """Replace a stored plan by its id (after a goal's status changed)."""
    db = session.db(person_file(session.home / "data", plan["person"]), PERSON)
    db.table(TABLE).update(plan, Query().id == plan["id"])
