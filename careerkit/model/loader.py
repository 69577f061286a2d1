"""Competency-model files → validated :class:`CompetencyModel`, or every problem at once.

Problems are reported as ``FILE:LINE:COLUMN: path.to.field: message``, the line and
column being those of the YAML node at fault (the key itself for an unknown key).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from careerkit.core.message import Message, kind_of
from careerkit.errors import InputError, ValidationFailed
from careerkit.messages.model_format import MESSAGES as FORMAT_MESSAGES  # data: which problems have words
from careerkit.model.schema import CompetencyModel, read
from careerkit.yamldoc import MAX_BYTES, Document, Path_, Problem, YamlProblems

_FULL_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # competency.indicator

if TYPE_CHECKING:
    from pydantic import BaseModel

    from careerkit.model import validation


def _class_at() -> dict[tuple[str, ...], type[BaseModel]]:
    from careerkit.model import validation as v

    return {
        (): v.CompetencyModel,
        ("scale",): v.Level,
        ("groups",): v.Group,
        ("competencies",): v.Competency,
        ("competencies", "indicators"): v.Indicator,
        ("competencies", "activities"): v.Activity,
        ("competencies", "habits"): v.Habit,
        ("roles",): v.Role,
        ("migrations",): v.Migration,
        ("checklists",): v.Checklist,
        ("checklists", "items"): v.ChecklistItem,
        ("scenarios",): v.Scenario,
        ("scenarios", "options"): v.Option,
    }


# optional parts added later: left out of the canonical JSON while empty, so adding them changed no digest
_OMIT_WHEN_EMPTY = ("rater_groups", "checklists")


class ModelCache(Protocol):
    """Validated models kept by the sha256 of their file's bytes (:mod:`careerkit.store.model_cache`)."""

    def get(self, file_sha256: str) -> CompetencyModel | None: ...

    def put(self, file_sha256: str, model: CompetencyModel) -> None: ...


@dataclass
class LoadedModel:
    """A validated model and where it came from."""

    model: CompetencyModel
    path: Path | None = None
    source: str = "builtin"
    shadows: list[str] = field(default_factory=list)

    @cached_property
    def digest(self) -> str:
        return digest(self.model)


def canonical_json(model: CompetencyModel) -> str:
    """The model's canonical JSON: what the digest is taken of, and what snapshots keep."""
    return model.canonical or _dumps(to_data(model))


def _dumps(data: dict[str, Any]) -> str:
    """The canonical text of a model's JSON object (keys sorted: a map's order is not part of the model)."""
    for key in _OMIT_WHEN_EMPTY:
        if not data.get(key):
            data.pop(key, None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def to_data(model: CompetencyModel) -> dict[str, Any]:
    """The model as its canonical JSON object (every member, as the validated file's dump has it)."""
    from careerkit.model.schema import fields_of

    def plain(value: Any) -> Any:
        if (record := fields_of(value)) is not None:
            return {("from" if name == "from_" else name): plain(item) for name, item in record.items()}
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.value if isinstance(value, Enum) else value

    data: dict[str, Any] = {"schema": "careerkit/competency-model/v1", **plain(model)}
    for comp in data["competencies"]:
        comp["weight"] = float(comp["weight"])
    for checklist in data["checklists"]:
        for item in checklist["items"]:
            item["weight"] = float(item["weight"])
    for scenario in data["scenarios"]:
        for option in scenario["options"]:
            option["credit"] = float(option["credit"])
    return data


def _record(model: validation.CompetencyModel) -> CompetencyModel:
    """The record of a model pydantic has validated, read from its canonical JSON (the one reader)."""
    data = model.model_dump(mode="json", by_alias=True)  # in the file's order: maps keep it
    return read(data, _dumps(dict(data)))


def digest(model: CompetencyModel) -> str:
    """A stable sha256 of the validated model: formatting, comments and key order do not change it."""
    return hashlib.sha256(canonical_json(model).encode("utf-8")).hexdigest()


def from_snapshot(text: str | bytes) -> CompetencyModel:
    """A model from its canonical JSON (snapshots, caches, bundles), every field checked; ValueError if not one."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return read(json.loads(text), text)


def load_cached(path: Path | str, cache: ModelCache | None, *, source: str = "file",
                ) -> tuple[LoadedModel | None, list[Problem]]:
    """A model file through the cache: its bytes' sha256 finds the model validated before; a new or
    changed file is validated (pydantic) and kept. Returns the model or every problem of the file."""
    if cache is not None:
        from careerkit.yamldoc import head_of, parse

        try:  # read as careerkit.yamldoc.read reads: a pipe or a device is refused, not waited on
            raw: bytes | None = head_of(path, MAX_BYTES + 1)
        except OSError:
            raw = None  # validate_file says what is wrong
        if raw is not None:
            key = hashlib.sha256(raw).hexdigest()
            hit = cache.get(key)
            if hit is not None:
                return LoadedModel(hit, Path(path), source), []
            try:  # the very bytes hashed are validated
                doc: Document | None = parse(raw, str(path))
                problems: list[Problem] = []
            except YamlProblems as exc:
                doc, problems = exc.document, exc.problems
            model, more = _validate_parsed(doc, problems)
            if model is not None:
                cache.put(key, model)
                return LoadedModel(model, Path(path), source), []
            return None, more
    model, problems = validate_file(path)
    return (LoadedModel(model, Path(path), source) if model is not None else None), problems


def load_file(path: Path | str, *, source: str = "file", cache: ModelCache | None = None) -> LoadedModel:
    """Load and validate one model file, or raise :class:`ValidationFailed` with all its problems."""
    loaded, problems = load_cached(path, cache, source=source)
    if problems or loaded is None:
        raise ValidationFailed("model.invalid_file", path=str(path), count=len(problems),
                               details=[str(p) for p in problems])
    return loaded


def validate_file(path: Path | str) -> tuple[CompetencyModel | None, list[Problem]]:
    """All problems of one model file (empty list when valid), and the model when valid."""
    _doc, model, problems = _validate_path(path)
    return model, problems


def _validate_path(path: Path | str) -> tuple[Document | None, CompetencyModel | None, list[Problem]]:
    from careerkit.yamldoc import read as read_yaml

    try:
        doc = read_yaml(path)
    except YamlProblems as exc:
        return exc.document, *_validate_parsed(exc.document, exc.problems)
    return doc, *validate_document(doc)


def _validate_parsed(doc: Document | None, problems: list[Problem],
                     ) -> tuple[CompetencyModel | None, list[Problem]]:
    """A parsed document's model, or its problems; the YAML's own ``problems`` (duplicate keys) come first."""
    if doc is None:
        return None, problems
    if not problems:
        return validate_document(doc)
    _model, more = validate_document(doc)  # duplicate keys: report the rest as well
    return None, sorted([*problems, *more], key=lambda p: (p.line, p.column, p.path))


def validate_file_warnings(path: Path | str, lookup: Callable[[str, str], CompetencyModel | None],
                           ) -> tuple[CompetencyModel | None, list[Problem], list[Problem]]:
    """:func:`validate_file`, and the warnings of a valid file: a map's old id that the
    model of that version does not have, when ``lookup(model id, version)`` finds that model."""
    from careerkit.core.migration import unknown_old_ids

    doc, model, problems = _validate_path(path)
    if model is None or doc is None or not model.migrations:
        return model, problems, []
    warnings = [doc.problem(("migrations", index, "indicators", old),
                            Message("model.warn.old_id_unknown", version=version, value=old), key=True)
                for index, old, version in unknown_old_ids(model, lambda v: lookup(model.id, v))]
    return model, problems, warnings


def validate_document(doc: Document) -> tuple[CompetencyModel | None, list[Problem]]:
    from pydantic import ValidationError

    from careerkit.model import validation

    if not isinstance(doc.data, dict):
        return None, [doc.problem((), Message("model.err.not_mapping", got=kind_of(doc.data)))]
    problems: list[Problem] = []
    model = None
    try:
        model = validation.CompetencyModel.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(_pydantic_problem(doc, err) for err in exc.errors(include_url=False))
    problems.extend(check_references(doc))
    problems.sort(key=lambda p: (p.line, p.column, p.path))
    return (_record(model) if model is not None and not problems else None), problems


_UNION_TAGS = frozenset({"text", "habit"})  # the tags of the habit entry's union: not places in the file


def _pydantic_problem(doc: Document, err: Any) -> Problem:
    raw = list(err["loc"])
    loc: Path_ = tuple(p for i, p in enumerate(raw)
                       if not (p in _UNION_TAGS and i >= 2 and raw[i - 2] == "habits" and isinstance(raw[i - 1], int)))
    kind = err["type"]
    ctx = dict(err.get("ctx") or {})
    value = err.get("input")
    if kind == "extra_forbidden":
        key = loc[-1]
        known = _known_keys(loc[:-1])
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        hint = Message("model.err.did_you_mean", key=close[0]) if close else Message("model.err.known_keys",
                                                                          keys=", ".join(known))
        return doc.problem(loc, Message("model.err.unknown_key", key=key, hint=hint), key=True)
    ctx.setdefault("got", _describe(value))
    if kind == "literal_error":
        ctx["expected"] = ctx.get("expected", "")
    message_key = f"model.err.{kind}"
    message: Message | str = Message(message_key, **ctx) if message_key in FORMAT_MESSAGES else err["msg"]
    if loc and isinstance(loc[-1], str) and loc[-1].startswith("function-"):
        loc = loc[:-1]
    if loc and loc[-1] == "[key]":  # a mapping key of the wrong kind (rater_groups: {boss: ...}): point at the key
        return doc.problem(loc[:-1], message, key=True)
    return doc.problem(loc, message)


def _describe(value: Any) -> Message | str:
    if isinstance(value, (str, int, float, bool)) and len(repr(value)) <= 40:
        return Message("common.type_and_value", kind=kind_of(value), value=repr(value))
    return kind_of(value)


def _known_keys(loc: Path_) -> list[str]:
    shape = tuple(p for p in loc if isinstance(p, str))
    cls = _class_at().get(shape)
    if cls is None:
        return []
    return [info.alias or name for name, info in cls.model_fields.items()]


# --------------------------------------------------------------------------- references


def _items(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _ids(items: list[tuple[int, dict[str, Any]]]) -> set[str]:
    return {ident for _, item in items if isinstance(ident := item.get("id"), str)}


def _unique_ids(doc: Document, where: Path_, items: list[tuple[int, dict[str, Any]]]) -> list[Problem]:
    seen: dict[Any, int] = {}
    problems = []
    for index, item in items:
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen:
            first_line = doc.position((*where, seen[ident], "id"))[0]
            problems.append(doc.problem((*where, index, "id"), Message("model.err.duplicate_id", id=ident,
                                                                  line=first_line)))
        else:
            seen[ident] = index
    return problems


def check_references(doc: Document) -> list[Problem]:
    """Cross-field rules pydantic types cannot state: unique ids, references, the ladder."""
    data = doc.data
    problems: list[Problem] = []
    scale = _items(data, "scale")
    levels: list[int] = [lv["level"] for _, lv in scale if isinstance(lv.get("level"), int)]
    for (_, prev), (index, level) in pairwise(scale):
        a, b = prev.get("level"), level.get("level")
        if isinstance(a, int) and isinstance(b, int) and not isinstance(a, bool) and b <= a:
            problems.append(doc.problem(("scale", index, "level"), Message("model.err.scale_order", level=b, prev=a)))
    level_set = set(levels)

    groups = _items(data, "groups")
    problems += _unique_ids(doc, ("groups",), groups)
    group_ids = _ids(groups)

    competencies = _items(data, "competencies")
    problems += _unique_ids(doc, ("competencies",), competencies)
    competency_ids = _ids(competencies)
    for ci, comp in competencies:
        group = comp.get("group")
        if isinstance(group, str) and group not in group_ids:
            problems.append(doc.problem(("competencies", ci, "group"), _unknown("group", group, group_ids)))
        for hi, habit in _items(comp, "habits"):
            every = habit.get("every")
            if isinstance(every, str) and every.strip() and (reason := _schedule_problem(every)):
                problems.append(doc.problem(("competencies", ci, "habits", hi, "every"), reason))
        indicators = _items(comp, "indicators")
        problems += _unique_ids(doc, ("competencies", ci, "indicators"), indicators)
        for ii, indicator in indicators:
            anchors = indicator.get("anchors")
            if isinstance(anchors, dict) and level_set:
                for key in anchors:
                    if isinstance(key, int) and not isinstance(key, bool) and key not in level_set:
                        problems.append(doc.problem(("competencies", ci, "indicators", ii, "anchors", key),
                                                    Message("model.err.not_a_level", value=key, levels=_fmt(levels)),
                                                    key=True))

    roles = _items(data, "roles")
    problems += _unique_ids(doc, ("roles",), roles)
    role_ids = _ids(roles)
    for ri, role in roles:
        targets = role.get("targets")
        if isinstance(targets, dict):
            for comp_id, level in targets.items():
                where = ("roles", ri, "targets", comp_id)
                if isinstance(comp_id, str) and comp_id not in competency_ids:
                    problems.append(doc.problem(where, _unknown("competency", comp_id, competency_ids), key=True))
                if (isinstance(level, int) and not isinstance(level, bool) and level_set
                        and level not in level_set):
                    problems.append(doc.problem(where, Message("model.err.not_a_level", value=level,
                                                         levels=_fmt(levels))))
        nexts = role.get("next")
        if isinstance(nexts, list):
            for ni, target in enumerate(nexts):
                if isinstance(target, str) and target not in role_ids:
                    problems.append(doc.problem(("roles", ri, "next", ni), _unknown("role", target, role_ids)))
    problems += _ladder_cycles(doc, roles)
    problems += _check_migrations(doc, competencies)
    problems += _scenario_references(doc, competencies)
    problems += _check_checklists(doc, competencies)
    return problems


def _check_checklists(doc: Document, competencies: list[tuple[int, dict[str, Any]]]) -> list[Problem]:
    """Checklist ids and item ids are unique; every item names indicators of this model (full ids)."""
    full_ids = {f"{comp.get('id')}.{ind.get('id')}" for _, comp in competencies
                for _, ind in _items(comp, "indicators")}
    checklists = _items(doc.data, "checklists")
    problems = _unique_ids(doc, ("checklists",), checklists)
    for li, checklist in checklists:
        items = _items(checklist, "items")
        problems += _unique_ids(doc, ("checklists", li, "items"), items)
        for ii, item in items:
            refs = item.get("indicators")
            if isinstance(refs, list):
                for ri, ref in enumerate(refs):
                    if isinstance(ref, str) and ref not in full_ids:
                        problems.append(doc.problem(("checklists", li, "items", ii, "indicators", ri),
                                                    _unknown("indicator", ref, full_ids)))
    return problems


def _check_migrations(doc: Document, competencies: list[tuple[int, dict[str, Any]]]) -> list[Problem]:
    """Each map comes from an earlier version (once), names full old ids and indicators of this model."""
    from careerkit.core.migration import is_earlier, version_key

    data = doc.data
    version = data.get("version") if isinstance(data, dict) else None
    full_ids = {f"{comp.get('id')}.{ind.get('id')}" for _, comp in competencies
                for _, ind in _items(comp, "indicators")}
    problems: list[Problem] = []
    first_line: dict[Any, int] = {}
    for mi, migration in _items(data, "migrations"):
        source = migration.get("from")
        if isinstance(source, str) and source.strip() and isinstance(version, str):
            where = ("migrations", mi, "from")
            if not is_earlier(source, version):
                problems.append(doc.problem(where, Message("model.err.migration_not_earlier", source=source,
                                                     version=version)))
            elif version_key(source) in first_line:
                problems.append(doc.problem(where, Message("model.err.migration_twice", source=source,
                                                     line=first_line[version_key(source)])))
            else:
                first_line[version_key(source)] = doc.position(where)[0]
        mapping = migration.get("indicators")
        if not isinstance(mapping, dict):
            continue
        for old, new in mapping.items():
            at = ("migrations", mi, "indicators", old)
            if isinstance(old, str) and not _FULL_ID.match(old):
                problems.append(doc.problem(at, Message("model.err.migration_old_id", value=old), key=True))
            if isinstance(new, str) and new not in full_ids:
                problems.append(doc.problem(at, _unknown("indicator", new, full_ids)))
    return problems


def _scenario_references(doc: Document, competencies: list[tuple[int, dict[str, Any]]]) -> list[Problem]:
    """Scenario ids unique, option ids unique in each, a best option (credit 1), measures that exist."""
    scenarios = _items(doc.data, "scenarios")
    problems = _unique_ids(doc, ("scenarios",), scenarios)
    known = {c["id"] for _, c in competencies if isinstance(c.get("id"), str)}
    known |= {f"{c['id']}.{i['id']}" for _, c in competencies if isinstance(c.get("id"), str)
              for _, i in _items(c, "indicators") if isinstance(i.get("id"), str)}
    for si, scenario in scenarios:
        options = _items(scenario, "options")
        problems += _unique_ids(doc, ("scenarios", si, "options"), options)
        credits = [o.get("credit") for _, o in options]
        numbers = [c for c in credits if isinstance(c, (int, float)) and not isinstance(c, bool)]
        if options and len(numbers) == len(credits) and all(0 <= c <= 1 for c in numbers) and 1 not in numbers:
            problems.append(doc.problem(("scenarios", si, "options"), Message("model.err.no_best_option")))
        measures = scenario.get("measures")
        for mi, ref in enumerate(measures if isinstance(measures, list) else []):
            if isinstance(ref, str) and ref not in known:
                problems.append(doc.problem(("scenarios", si, "measures", mi),
                                            _unknown("measure", ref, known)))
    return problems


def _schedule_problem(every: str) -> str | None:
    """Why a habit's ``every`` is not a schedule `habits add --every` accepts (None: it is one)."""
    from careerkit.core.habits.schedules import Schedule

    try:
        Schedule.parse(every)
    except InputError as exc:
        return exc.message()
    return None


def _ladder_cycles(doc: Document, roles: list[tuple[int, dict[str, Any]]]) -> list[Problem]:
    graph: dict[str, list[str]] = {}
    index_of: dict[str, int] = {}
    for ri, role in roles:
        rid = role.get("id")
        nexts = role.get("next")
        if isinstance(rid, str):
            index_of.setdefault(rid, ri)
            graph.setdefault(rid, [n for n in nexts if isinstance(n, str)] if isinstance(nexts, list) else [])
    problems = []
    reported: set[frozenset[str]] = set()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in graph:
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = [start]
        state[start] = 1
        while stack:
            node, i = stack[-1]
            nexts = graph.get(node, [])
            if i < len(nexts):
                stack[-1] = (node, i + 1)
                nxt = nexts[i]
                if state.get(nxt) == 1:
                    cycle = [*path[path.index(nxt):], nxt]
                    if frozenset(cycle) not in reported:
                        reported.add(frozenset(cycle))
                        problems.append(doc.problem(("roles", index_of[node], "next", i),
                                                    Message("model.err.cycle", cycle=" → ".join(cycle))))
                elif not state.get(nxt) and nxt in graph:
                    state[nxt] = 1
                    stack.append((nxt, 0))
                    path.append(nxt)
            else:
                state[node] = 2
                stack.pop()
                path.pop()
    return problems


def _unknown(kind: str, value: str, known: set[Any]) -> Message:
    names = sorted(k for k in known if isinstance(k, str))
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    hint = Message("model.err.did_you_mean", key=close[0]) if close else ""
    return Message(f"model.err.unknown_{kind}", value=value, hint=hint)


def _fmt(levels: list[int]) -> str:
    return ", ".join(str(x) for x in levels)
