"""Assessments over time: comparing two records and the trend of each competency."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from careerkit.core.scoring import rounded

if TYPE_CHECKING:
    from careerkit.core.assessment import AssessmentRecord

EPSILON = 0.005


def status(a: float | None, b: float | None) -> str:
    if a is None or b is None:
        return "unknown"
    if b - a > EPSILON:
        return "improved"
    if a - b > EPSILON:
        return "declined"
    return "unchanged"


def _delta(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else rounded(b - a)


def _score(record: AssessmentRecord, competency_id: str) -> float | None:
    found = record["scores"]["competencies"].get(competency_id)
    return found["score"] if found else None


def compare(a: AssessmentRecord, b: AssessmentRecord, competency_ids: list[str]) -> dict[str, Any]:
    """Per competency the two scores, the delta (b − a) and improved/declined/unchanged."""
    rows = []
    for cid in competency_ids:
        sa, sb = _score(a, cid), _score(b, cid)
        rows.append({"competency": cid, "a": sa, "b": sb, "delta": _delta(sa, sb), "status": status(sa, sb)})
    oa, ob = a["scores"]["overall"], b["scores"]["overall"]
    summary = {s: sum(1 for r in rows if r["status"] == s) for s in ("improved", "declined", "unchanged")}
    return {
        "a": {"id": a["id"], "taken_at": a["taken_at"], "model": a["model"]},
        "b": {"id": b["id"], "taken_at": b["taken_at"], "model": b["model"]},
        "same_model_version": a["model"]["digest"] == b["model"]["digest"],
        "competencies": rows,
        "overall": {"a": oa, "b": ob, "delta": _delta(oa, ob), "status": status(oa, ob)},
        "summary": summary,
    }


def progress(records: list[AssessmentRecord], competency_ids: list[str]) -> dict[str, Any]:
    """Per competency: the score at each assessment (oldest first), first, latest and change."""
    rows = []
    for cid in competency_ids:
        trend = [_score(r, cid) for r in records]
        known = [v for v in trend if v is not None]
        first = known[0] if known else None
        latest = known[-1] if known else None
        rows.append({"competency": cid, "trend": trend, "first": first, "latest": latest,
                     "change": _delta(first, latest)})
    overall = [r["scores"]["overall"] for r in records]
    return {
        "person": records[0]["person"] if records else None,
        "model": records[-1]["model"] if records else None,
        "assessments": len(records),
        "from": records[0]["taken_at"] if records else None,
        "to": records[-1]["taken_at"] if records else None,
        "ids": [r["id"] for r in records],
        "overall": overall,
        "competencies": rows,
    }


def set_apart_partial(result: dict[str, Any], records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """:func:`progress` with partial assessments set apart: ``partial`` per point (True: drawn
    apart), and ``first``, ``latest`` and ``change`` of each row taken from complete ones only.

    Points stay in ``trend`` (so a reader sees them), never in the figures of the trend."""
    partial = [bool(r.get("scores", {}).get("partial")) for r in records]
    for row in result["competencies"]:
        known = [v for v, p in zip(row["trend"], partial, strict=True) if v is not None and not p]
        row["first"] = known[0] if known else None
        row["latest"] = known[-1] if known else None
        row["change"] = _delta(row["first"], row["latest"])
    return {**result, "partial": partial, "complete": partial.count(False)}
