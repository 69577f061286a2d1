"""Multi-rater review requests and their returned answers, in the coordinator's own store file.

``<home>/data/raters.json`` holds one record per request (see
:func:`careerkit.core.raters.new_request`), each rater's answer inside it. It is a file
apart from the person's on purpose: an export bundle carries the person's file only,
so the individual answers of peers, reports, customers and others never leave this home.
"""

from __future__ import annotations

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
