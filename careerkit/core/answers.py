"""The answers-file format: ratings given in a file instead of at the prompt.

.. code-block:: yaml

    model: bank-customer-service
    person: 李伟
    role: teller            # optional
    date: 2026-11-28        # optional, default now
    ratings:                # full indicator id: level; null = skipped; missing = skipped
      knowledge.products: 3
      communication.listening: null
    notes:                  # optional, per indicator id
      knowledge.products: "..."

The same format serves a mentor's review (``mentor:`` may then name the mentor).
Every problem is collected with the line of the node at fault; nothing is saved
unless there are none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from careerkit.core.message import Message, kind_of, one_of
from careerkit.model.schema import CompetencyModel
from careerkit.yamldoc import Document, Problem

KEYS = ("model", "person", "mentor", "role", "date", "ratings", "notes")


@dataclass
class Answers:
    ratings: dict[str, int | None]
    notes: dict[str, str] = field(default_factory=dict)
    role: str | None = None
    taken_at: datetime | None = None


def header(doc: Document, keys: tuple[str, ...] = KEYS) -> tuple[dict[str, Any], list[Problem]]:
    """The file's top-level mapping, with problems for a wrong shape or keys not in ``keys``.

    A self-assessment has no mentor: ``careerkit assess`` passes the keys without ``mentor``,
    so that a ``mentor:`` line is refused rather than silently ignored.
    """
    if not isinstance(doc.data, dict):
        return {}, [doc.problem((), Message("answers.not_mapping", got=kind_of(doc.data)))]
    problems = []
    for key in doc.data:
        if key not in keys:
            hint = one_of(str(key), keys) or Message("model.err.known_keys", keys=", ".join(keys))
            if key in KEYS:  # a key of the other kind of answers file (mentor: in a self-assessment)
                hint = Message("answers.only_in_review", keys=", ".join(keys))
            problems.append(doc.problem((key,), Message("model.err.unknown_key", key=key, hint=hint), key=True))
    for key in ("model", "person", "mentor", "role"):
        value = doc.data.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            problems.append(doc.problem((key,), Message("answers.not_text", got=kind_of(value))))
    return doc.data, problems


def parse_date(value: Any, now: datetime) -> datetime:
    """``YYYY-MM-DD`` or an ISO date-time; a date alone means the start of that local day."""
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return datetime.combine(date.fromisoformat(value), time(0, 0)).astimezone()
            parsed = datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.astimezone()
        except ValueError:
            pass
    raise ValueError(value)


def check(doc: Document, model: CompetencyModel, *, now: datetime, role: str | None) -> tuple[Answers, list[Problem]]:
    """Validate ratings, notes, role and date of an answers file against ``model``."""
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[Problem] = []
    known = set(model.indicator_ids())
    levels = model.levels
    ratings: dict[str, int | None] = dict.fromkeys(model.indicator_ids())

    raw = data.get("ratings")
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        problems.append(doc.problem(("ratings",), Message("answers.ratings_not_mapping", got=kind_of(raw))))
        raw = {}
    for key, value in raw.items():
        path = ("ratings", key)
        if key not in known:
            problems.append(doc.problem(path, _unknown_indicator(str(key), known), key=True))
            continue
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(doc.problem(path, Message("answers.not_level", got=_got(value), levels=_levels(levels))))
        elif value not in levels:
            problems.append(doc.problem(path, Message("answers.off_scale", value=value, levels=_levels(levels))))
        else:
            ratings[key] = value

    notes: dict[str, str] = {}
    raw_notes = data.get("notes") or {}
    if not isinstance(raw_notes, dict):
        problems.append(doc.problem(("notes",), Message("answers.notes_not_mapping", got=kind_of(raw_notes))))
        raw_notes = {}
    for key, value in raw_notes.items():
        if key not in known:
            problems.append(doc.problem(("notes", key), _unknown_indicator(str(key), known), key=True))
        elif not isinstance(value, str):
            problems.append(doc.problem(("notes", key), Message("answers.not_text", got=kind_of(value))))
        elif value.strip():
            notes[key] = value.strip()

    from careerkit.core.planning import known_roles, role_id_of

    role_id = role or data.get("role")
    if isinstance(role_id, str) and role_id_of(model, role_id) is None:
        where = ("role",) if not role else ()
        problems.append(doc.problem(where, Message("answers.unknown_role", role=role_id, model=model.id,
                                             known=known_roles(model))))
    elif isinstance(role_id, str):
        role_id = role_id_of(model, role_id)  # a title (柜员) names the role as well as its id
    taken_at = file_date(doc, data, now, problems)
    return Answers(ratings, notes, role_id if isinstance(role_id, str) else None, taken_at), problems


def file_date(doc: Document, data: Mapping[str, Any], now: datetime, problems: list[Problem]) -> datetime | None:
    """An answers file's ``date:`` (None when it has none); a bad or future date joins ``problems``."""
    if data.get("date") is None:
        return None
    try:
        taken_at = parse_date(data["date"], now)
    except ValueError:
        problems.append(doc.problem(("date",), Message("answers.bad_date", value=data["date"])))
        return None
    if taken_at > now:
        problems.append(doc.problem(("date",), Message("answers.future_date", value=data["date"])))
    return taken_at


def _got(value: Any) -> Message | str:
    """What a value is, and for text and fractions the value too (``text 'abc'``)."""
    if isinstance(value, (str, float)):
        return Message("common.type_and_value", kind=kind_of(value), value=repr(value))
    return kind_of(value)


def _levels(levels: list[int]) -> str:
    return f"{levels[0]}–{levels[-1]}" if levels == list(range(levels[0], levels[-1] + 1)) else ", ".join(
        map(str, levels))


def _unknown_indicator(key: str, known: set[str]) -> Message:
    return Message("answers.unknown_indicator", key=key, hint=one_of(key, sorted(known)))
