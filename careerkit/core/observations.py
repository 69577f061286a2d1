"""Observation checklists (mystery shopping, supervisor walk-throughs): yes / no / n.a. per item.

The rules, exactly:

- an answers file (or the prompt) gives each item of the checklist ``yes``, ``no`` or
  ``n.a.`` (also ``na``, ``n/a``, ``是``, ``否``, ``不适用``; ``true``/``false`` for yes/no),
  alone or as ``{answer: ..., note: ...}``; an item left out is not recorded (as n.a.);
- an observation is dated (default now) and never in the future;
- evidence per indicator: of the person's observations whose checklist has items for the
  indicator and answered at least one of them yes or no, the latest (by date, then
  recorded time); ``met`` = its yes items, ``items`` = its yes-or-no items for the
  indicator, ``share`` = weight of the yes items ÷ weight of the yes-or-no items, as a
  percentage (n.a. items count in neither).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TypedDict

from careerkit.core import scoring
from careerkit.core.answers import parse_date
from careerkit.core.assessment import ModelRef, new_id
from careerkit.core.message import Message, kind_of, one_of
from careerkit.model.schema import Checklist, CompetencyModel
from careerkit.yamldoc import Document, Problem

YES, NO, NA = "yes", "no", "na"


class ObservedItem(TypedDict):
    answer: str  # YES, NO or NA
    note: str | None


class ObservationRecord(TypedDict):
    """An observation as stored (:mod:`careerkit.store.observations`), in the observed person's file."""

    id: str
    person: str
    checklist: str
    model: ModelRef
    observer: str | None
    date: str  # ISO date-time: when observed
    recorded_at: str
    items: dict[str, ObservedItem]  # item id → answer; an item left out is not recorded

_WORDS = {"yes": YES, "y": YES, "是": YES, "no": NO, "n": NO, "否": NO,
          "na": NA, "n.a.": NA, "n/a": NA, "n.a": NA, "a": NA, "不适用": NA}
KEYS = ("model", "checklist", "person", "observer", "date", "items")


def answer_word(value: Any) -> str | None:
    """``yes``/``no``/``na`` for what a file or the prompt says, else ``None``."""
    if value is True:
        return YES
    if value is False:
        return NO
    if isinstance(value, str):
        return _WORDS.get(value.strip().lower())
    return None


def check_file(doc: Document, model: CompetencyModel, checklist: Checklist, *, now: datetime
               ) -> tuple[dict[str, Any], list[Problem]]:
    """``{"items", "person", "observer", "date"}`` of an observation file, and every problem with its line."""
    problems: list[Problem] = []
    if not isinstance(doc.data, dict):
        return {}, [doc.problem((), Message("answers.not_mapping", got=kind_of(doc.data)))]
    data = doc.data
    for key in data:
        if key not in KEYS:
            hint = Message("model.err.known_keys", keys=", ".join(KEYS))
            problems.append(doc.problem((key,), Message("model.err.unknown_key", key=key, hint=hint), key=True))
    for key in ("model", "checklist", "person", "observer"):
        value = data.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            problems.append(doc.problem((key,), Message("answers.not_text", got=kind_of(value))))
    if isinstance(data.get("model"), str) and data["model"] != model.id:
        problems.append(doc.problem(("model",), Message("observe.other_model", got=data["model"], model=model.id)))
    if isinstance(data.get("checklist"), str) and data["checklist"] != checklist.id:
        problems.append(doc.problem(("checklist",), Message("observe.other_checklist", got=data["checklist"],
                                                      checklist=checklist.id)))
    known = [item.id for item in checklist.items]
    items: dict[str, dict[str, Any]] = {}
    raw = data.get("items") or {}
    if not isinstance(raw, dict):
        problems.append(doc.problem(("items",), Message("observe.items_not_mapping", got=kind_of(raw))))
        raw = {}
    for key, value in raw.items():
        path = ("items", key)
        if key not in known:
            problems.append(doc.problem(path, unknown_item(str(key), checklist), key=True))
            continue
        note = None
        if isinstance(value, dict):
            for extra in value:
                if extra not in ("answer", "note"):
                    hint = Message("model.err.known_keys", keys="answer, note")
                    problems.append(doc.problem((*path, extra), Message("model.err.unknown_key", key=extra, hint=hint),
                                                key=True))
            note = value.get("note")
            if note is not None and not isinstance(note, str):
                problems.append(doc.problem((*path, "note"), Message("answers.not_text", got=kind_of(note))))
                note = None
            word = answer_word(value.get("answer"))
            where: tuple[Any, ...] = (*path, "answer")
            given = value.get("answer")
        else:
            word, where, given = answer_word(value), path, value
        if word is None:
            problems.append(doc.problem(where, Message("observe.bad_answer", got=repr(given)[:40])))
            continue
        items[key] = {"answer": word, "note": note.strip() if isinstance(note, str) and note.strip() else None}
    date = None
    if data.get("date") is not None:
        try:
            date = parse_date(data["date"], now)
        except ValueError:
            problems.append(doc.problem(("date",), Message("answers.bad_date", value=data["date"])))
        else:
            if date > now:
                problems.append(doc.problem(("date",), Message("answers.future_date", value=data["date"])))
    found = {"items": items, "date": date,
             "person": data.get("person") if isinstance(data.get("person"), str) else None,
             "observer": data.get("observer") if isinstance(data.get("observer"), str) else None}
    return found, problems


def unknown_item(key: str, checklist: Checklist) -> Message:
    known = [item.id for item in checklist.items]
    return Message("observe.unknown_item", item=key, checklist=checklist.id, hint=one_of(key, known),
                   known=", ".join(known))


def new_observation(model: CompetencyModel, digest: str, checklist: Checklist, *, person: str,
                    observer: str | None, date: datetime, items: Mapping[str, ObservedItem],
                    recorded_at: datetime) -> ObservationRecord:
    """The record of one observation: the answers given to ``checklist``'s items, in its order."""
    return {
        "id": new_id(),
        "person": person,
        "checklist": checklist.id,
        "model": {"id": model.id, "version": model.version, "digest": digest},
        "observer": observer,
        "date": date.isoformat(),
        "recorded_at": recorded_at.isoformat(),
        "items": {item.id: ObservedItem(answer=items[item.id]["answer"], note=items[item.id]["note"])
                  for item in checklist.items if item.id in items},
    }


def counts(observation: Mapping[str, Any]) -> dict[str, int]:
    out = {YES: 0, NO: 0, NA: 0}
    for entry in observation["items"].values():
        out[entry["answer"]] += 1
    return out


def evidence(model: CompetencyModel, observations: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per indicator, the latest observation that says something about it (see the module's rules)."""
    ordered = sorted((o for o in observations if o["model"]["id"] == model.id),
                     key=lambda o: (o["date"], o["recorded_at"], o["id"]), reverse=True)
    out = []
    for iid in model.indicator_ids():
        for obs in ordered:
            checklist = model.checklist(obs["checklist"])
            if checklist is None:
                continue
            relevant = [(item, obs["items"][item.id]["answer"]) for item in checklist.items
                        if iid in item.indicators and item.id in obs["items"]
                        and obs["items"][item.id]["answer"] != NA]
            if not relevant:
                continue
            met = [item for item, answer in relevant if answer == YES]
            total = sum(item.weight for item, _ in relevant)
            out.append({"indicator": iid, "checklist": checklist.id, "observation": obs["id"],
                        "date": obs["date"], "observer": obs["observer"], "met": len(met), "items": len(relevant),
                        "share": scoring.rounded(100.0 * sum(item.weight for item in met) / total)})
            break
    return out
