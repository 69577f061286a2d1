"""Multi-rater review requests and their returned answers, in the coordinator's own store file.

``<home>/data/raters.json`` holds one record per request (see
:func:`careerkit.core.raters.new_request`), each rater's answer inside it. It is a file
apart from the person's on purpose: an export bundle carries the person's file only,
so the individual answers of peers, reports, customers and others never leave this home.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tinydb import Query

from careerkit.errors import InputError, NotFoundError
from careerkit.store.database import Session, StoreKind

RATERS = StoreKind("raters", 1)
TABLE = "requests"


def _path(session: Session) -> Any:
    return session.home / "data" / "raters.json"


def records(session: Session) -> list[dict[str, Any]]:
    """Every request, oldest first."""
    path = _path(session)
    if not session.exists(path):
        return []
    out = [dict(doc) for doc in session.db(path, RATERS).table(TABLE).all()]
    out.sort(key=lambda r: (r["created_at"], r["id"]))
    return out


def add(session: Session, request: dict[str, Any]) -> None:
    session.db(_path(session), RATERS).table(TABLE).insert(request)


def replace(session: Session, request: dict[str, Any]) -> None:
    session.db(_path(session), RATERS).table(TABLE).update(request, Query().id == request["id"])


def find(session: Session, prefix: str) -> dict[str, Any]:
    """The one request whose id starts with ``prefix``."""
    prefix = prefix.strip().lower()
    matches = [r for r in records(session) if prefix and r["id"].startswith(prefix)]
    if not matches:
        raise NotFoundError("raters.no_request", id=prefix)
    if len(matches) > 1:
        raise InputError("raters.ambiguous_request", id=prefix, ids=", ".join(r["id"] for r in matches[:8]))
    return matches[0]


def for_assessment(session: Session, assessment_id: str) -> list[dict[str, Any]]:
    return [r for r in records(session) if r["assessment"] == assessment_id]


def by_packet(session: Session, packet: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The request and the rater entry a packet id belongs to."""
    for request in records(session):
        for rater in request["raters"]:
            if rater["packet"] == packet:
                return request, rater
    raise NotFoundError("raters.unknown_packet", packet=packet[:12])


# ----------------------------------------------------------------------------- review drafts

DRAFTS = "drafts"


def _draft_key(assessment_id: str, rater: str, group: str) -> Any:
    q = Query()
    return (q.assessment == assessment_id) & (q.group == group) & q.rater.test(
        lambda name: isinstance(name, str) and name.casefold() == rater.casefold())


def get_draft(session: Session, assessment_id: str, rater: str, group: str) -> dict[str, Any] | None:
    """The unfinished review of ``rater`` (``group``: a rater group, or ``mentor``) of one assessment.

    Kept here, in the coordinator's file, never in the person's: an export bundle must not
    carry a rater's half-given answers."""
    if not session.exists(_path(session)):
        return None
    found = session.db(_path(session), RATERS).table(DRAFTS).search(_draft_key(assessment_id, rater, group))
    return dict(found[-1]) if found else None


def save_draft(session: Session, draft: dict[str, Any]) -> None:
    """Keep one draft per assessment, rater and group: the latest."""
    table = session.db(_path(session), RATERS).table(DRAFTS)
    table.remove(_draft_key(draft["assessment"], draft["rater"], draft["group"]))
    table.insert(draft)


def drop_draft(session: Session, assessment_id: str, rater: str, group: str) -> None:
    if session.exists(_path(session)):
        session.db(_path(session), RATERS).table(DRAFTS).remove(_draft_key(assessment_id, rater, group))


def drop_request_drafts(session: Session, request: Mapping[str, Any]) -> int:
    """Remove the unfinished reviews of a request's raters (when it is closed: no answer is taken
    after that, so a draft could only mislead); how many went. The mentor's drafts stay."""
    if not session.exists(_path(session)):
        return 0
    table = session.db(_path(session), RATERS).table(DRAFTS)
    gone = 0
    for rater in request["raters"]:
        key = _draft_key(request["assessment"], rater["name"], rater["group"])
        if table.contains(key):
            gone += len(table.remove(key))
    return gone


def delete_for_assessment(session: Session, assessment_id: str) -> int:
    """Remove every request and review draft of an assessment (when it is deleted); how many requests went."""
    if not session.exists(_path(session)):
        return 0
    db = session.db(_path(session), RATERS)
    mine = Query().assessment == assessment_id
    if db.table(DRAFTS).contains(mine):
        db.table(DRAFTS).remove(mine)
    return len(db.table(TABLE).remove(mine)) if db.table(TABLE).contains(mine) else 0
