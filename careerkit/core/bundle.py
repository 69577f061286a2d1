"""The export bundle: one person's records and the model versions they were taken on, checksummed.

Format ``careerkit/bundle/v1`` (one JSON object, UTF-8; see docs/team-export.md)::

    {"schema": "careerkit/bundle/v1", "created_at": ISO date-time, "generator": "careerkit X.Y.Z",
     "person": NAME,
     "assessments": [record, ...], "reviews": [...], "plans": [...], "habits": [...],
     "models": {DIGEST: canonical model JSON object, ...},
     "checksum": "sha256:HEX"}

The checksum rule, exactly: take the bundle object without its ``checksum`` member and
serialise it canonically — keys sorted at every level, no whitespace (separators ``,``
and ``:``), non-ASCII characters written as themselves (not ``\\u`` escapes), no NaN or
Infinity, numbers as Python's :mod:`json` writes them (an integral float keeps its
``.0``) — encode that text as UTF-8 and take its SHA-256, in lowercase hex, prefixed
``sha256:``. In Python: ``hashlib.sha256(json.dumps(content, sort_keys=True,
ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()).hexdigest()``.

Each ``models`` key is the model's digest: the SHA-256 of the same canonical
serialisation of the model object (what ``careerkit models show`` prints). Every record
that names a model (``record["model"]["digest"]``) must find it in ``models``.

:class:`Verifier` refuses a bundle with a clear reason (a message key and its
parameters): empty, truncated, not JSON, not a bundle, an unsupported format version, a
checksum mismatch, a model whose content does not match its digest, a record naming a
model the bundle does not carry, or a record of the wrong shape. Records are checked
with plain Python (one pass, no per-record pydantic validation), so that importing ten
thousand assessments costs little more than parsing them.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict, cast

if TYPE_CHECKING:
    from careerkit.core.assessment import AssessmentRecord
    from careerkit.core.habits.record import HabitRecord
    from careerkit.core.planning import PlanRecord
    from careerkit.core.review import ReviewRecord

SCHEMA = "careerkit/bundle/v1"
VERSION = 1
KINDS = ("assessments", "reviews", "plans", "habits", "quizzes")
OPTIONAL_KINDS = ("reviews", "plans", "habits", "quizzes")

_SCHEMA_RE = re.compile(r"careerkit/bundle/v(\d+)\Z")
_DIGEST_RE = re.compile(r"[0-9a-f]{64}\Z")
_CHECKSUM_RE = re.compile(r"sha256:([0-9a-f]{64})\Z")
_ID_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,63}\Z")
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # model, competency, indicator and role ids
_TEXT_RE = re.compile(r"[^\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]{1,64}\Z")
_DATE_START = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]|\Z)")
_DAY_RE = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\Z")
MAX_NUMBER = 2**53  # every number in a bundle is finite and within ±2**53 (exact as a float, too)
FUTURE_SLACK = 86400.0  # seconds: a record dated more than a day after the import is refused


class BundleRefused(Exception):
    """A file that is not an acceptable bundle; ``key``/``params`` give the reason (a :class:`Detail`
    parameter is a message of its own), put into words at the edge (:func:`reason_params`)."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)


@dataclass(frozen=True)
class Detail:
    """What is wrong at a place in a bundle: a message key and its parameters, a parameter of a refusal."""

    key: str
    params: dict[str, object]


def reason_params(refused: BundleRefused, translate: Callable[..., str]) -> dict[str, Any]:
    """The refusal's parameters with each :class:`Detail` put into words by ``translate(key, **params)``."""
    return {name: translate(value.key, **value.params) if isinstance(value, Detail) else value
            for name, value in refused.params.items()}


class BundleFile(TypedDict):
    """A bundle file's one JSON object, as :func:`build` makes it and :class:`Verifier` reads it.

    The records are checked in one pass of plain Python (see the module's docstring), not validated
    one by one: a record from another machine has these shapes as far as that check goes.
    """

    schema: str
    created_at: str
    generator: str
    person: str
    assessments: list[AssessmentRecord]
    reviews: list[ReviewRecord]
    plans: list[PlanRecord]
    habits: list[HabitRecord]
    models: dict[str, dict[str, Any]]  # digest: canonical model JSON
    checksum: str


@dataclass
class Bundle:
    """A verified bundle."""

    person: str
    created_at: str
    checksum: str
    records: dict[str, list[dict[str, Any]]]
    models: dict[str, dict[str, Any]]
    generator: str | None = None


# ----------------------------------------------------------------------------- writing


def canonical(obj: object) -> bytes:
    """The canonical serialisation the checksum and model digests are taken of."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def checksum_of(content: Mapping[str, Any]) -> str:
    """``sha256:HEX`` of the canonical JSON of ``content`` without its ``checksum`` member."""
    body = {k: v for k, v in content.items() if k != "checksum"}
    return "sha256:" + hashlib.sha256(canonical(body)).hexdigest()


def normalize_name(name: str) -> str:
    """A person's name as careerkit compares it: NFC, outer spaces removed."""
    return unicodedata.normalize("NFC", name.strip())


def build(person: str, records: Mapping[str, list[dict[str, Any]]], models: Mapping[str, dict[str, Any]],
          *, created_at: str, generator: str) -> BundleFile:
    """A complete bundle object, checksum included. ``records`` maps a kind of :data:`KINDS` to its list."""
    content: dict[str, Any] = {
        "schema": SCHEMA,
        "created_at": created_at,
        "generator": generator,
        "person": normalize_name(person),
    }
    for kind in KINDS:
        content[kind] = [dict(r) for r in records.get(kind, [])]
    content["models"] = {d: models[d] for d in sorted(models)}
    content["checksum"] = checksum_of(content)
    return cast("BundleFile", content)


def dumps(bundle: BundleFile) -> bytes:
    """The bytes of a bundle file: its canonical JSON (checksum member included) and a newline.

    Written canonically, the file minus its ``"checksum":"…"`` member is exactly the text
    the checksum was taken of, so a reader can check it without re-serialising.
    """
    return canonical(bundle) + b"\n"


def instant(text: str) -> float | None:
    """An ISO date-time as a comparable number (a time without offset is local time); None if it is not one."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(text).timestamp()
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def digests_used(records: Mapping[str, list[dict[str, Any]]]) -> set[str]:
    """Every model digest the records name."""
    found = set()
    for items in records.values():
        for record in items:
            model = record.get("model") if isinstance(record, dict) else None
            if isinstance(model, dict) and isinstance(model.get("digest"), str):
                found.add(model["digest"])
    return found


# ----------------------------------------------------------------------------- reading


@dataclass
class ModelFacts:
    """What record checks need to know about a carried model, read from its JSON object."""

    id: str
    version: str
    indicators: frozenset[str]
    levels: frozenset[int]
    roles: frozenset[str]
    ratings: frozenset[int | None]  # what a rating may be: a level, or None (skipped)


def model_facts(obj: object) -> ModelFacts:
    """The facts of a model object, read through the one model reader (:func:`careerkit.model.schema.read`,
    every field checked); :class:`ValueError` names what is wrong."""
    from careerkit.model.schema import is_slug, read

    model = read(obj)
    for where, value in (("id", model.id), *((f"competencies.{c.id}", c.id) for c in model.competencies),
                         *((f"competencies.{c.id}.indicators", i.id) for c in model.competencies for i in c.indicators),
                         *(("roles", r.id) for r in model.roles)):
        if not is_slug(value):
            raise ValueError(f"{where}: {str(value)[:40]!r} is not an id (lowercase letters, digits and '-')")
    if not _TEXT_RE.match(model.version):
        raise ValueError("version: 1 to 64 printable characters are required")
    levels = frozenset(model.levels)
    if not all(abs(v) <= 1000 for v in levels):
        raise ValueError("scale: whole-number levels (at most ±1000) are required")
    return ModelFacts(model.id, model.version, frozenset(model.indicator_ids()), levels,
                      frozenset(r.id for r in model.roles), levels | {None})


def _fast_loads(raw: bytes) -> object | None:
    """orjson's parse of a well-formed bundle (0.4× the time of json's); None for anything else,
    which json then reads to say what is wrong: orjson refuses all json refuses here, and more
    (NaN, numbers over 64 bits, nesting over 1024), never less."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - json does the same, slower
        return None
    try:
        parsed: object = orjson.loads(raw)
        return parsed
    except orjson.JSONDecodeError:
        return None


def _loads(raw: bytes) -> object:
    if not raw or raw.isspace():
        raise BundleRefused("team.refused.empty")
    fast = _fast_loads(raw)
    if fast is not None:
        return fast
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BundleRefused("team.refused.not_text", offset=exc.start) from None

    def no_constants(name: str) -> object:
        raise BundleRefused("team.refused.not_strict", constant=name)

    def bounded_int(digits: str) -> int:
        # checked before int(): Python refuses over 4300 digits with a bare ValueError
        if len(digits) > 17 or abs(value := int(digits)) > MAX_NUMBER:
            raise BundleRefused("team.refused.number", number=_cut(digits), limit=MAX_NUMBER)
        return value

    def bounded_float(digits: str) -> float:
        value = float(digits)
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise BundleRefused("team.refused.number", number=_cut(digits), limit=MAX_NUMBER)
        return value

    try:
        return json.loads(text, parse_constant=no_constants, parse_int=bounded_int, parse_float=bounded_float)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string"):
            raise BundleRefused("team.refused.truncated", size=len(raw)) from None
        raise BundleRefused("team.refused.not_json", line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise BundleRefused("team.refused.too_deep") from None


def _cut(text: str, size: int = 24) -> str:
    return text if len(text) <= size else f"{text[:size]}…({len(text)})"


def _schema_of(data: object) -> None:
    schema = data.get("schema") if isinstance(data, dict) else None
    if not isinstance(schema, str) or not schema.startswith("careerkit/bundle/"):
        raise BundleRefused("team.refused.not_bundle")
    match = _SCHEMA_RE.match(schema)
    if not match:
        raise BundleRefused("team.refused.bad_schema", schema=schema[:60], supported=SCHEMA)
    if int(match.group(1)) != VERSION:
        key = "team.refused.newer_schema" if int(match.group(1)) > VERSION else "team.refused.bad_schema"
        raise BundleRefused(key, schema=schema, supported=SCHEMA)


def _check_checksum(raw: bytes, data: dict[str, Any]) -> str:
    """The bundle's checksum, after checking it against its content.

    Fast path: a bundle written by careerkit is canonical, so its bytes without the
    checksum member hash to the checksum. Otherwise the content is serialised
    canonically again (the rule itself).
    """
    stated = data.get("checksum")
    match = _CHECKSUM_RE.match(stated) if isinstance(stated, str) else None
    if not match or not isinstance(stated, str):
        raise BundleRefused("team.refused.no_checksum")
    member = b'"checksum":"' + stated.encode("ascii") + b'"'
    at = raw.find(member)
    if at > 0 and raw.find(member, at + 1) < 0:
        end, stop = at + len(member), len(raw)
        while stop > end and raw[stop - 1] in b"\r\n":
            stop -= 1
        if raw[at - 1 : at] == b",":
            at -= 1
        elif raw[end : end + 1] == b",":
            end += 1
        view = memoryview(raw)
        digest = hashlib.sha256(view[:at])
        digest.update(view[end:stop])
        if digest.hexdigest() == match.group(1):
            return stated
    try:
        actual = checksum_of(data)
    except (UnicodeEncodeError, ValueError):
        raise BundleRefused("team.refused.not_text", offset="?") from None
    if actual != stated:
        raise BundleRefused("team.refused.checksum", stated=stated[7:19], actual=actual[7:19])
    return stated


def _shape(where: str, key: str, **params: object) -> BundleRefused:
    return BundleRefused("team.refused.malformed", where=where, problem=Detail(key, params))


@dataclass
class Verifier:
    """Checks bundles; remembers the models it has seen, so many bundles of one model cost one check.

    Each model a bundle carries is read once per new digest through the one model reader
    (:func:`careerkit.model.schema.read`), as team summaries read it later.
    """

    now: float | None = None  # the import's time (a timestamp): later dates are refused; None: not checked
    _seen: dict[str, tuple[dict[str, Any], ModelFacts]] = field(default_factory=dict)

    def verify(self, raw: bytes) -> Bundle:
        """The verified bundle in ``raw``, or :class:`BundleRefused` with the reason."""
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        data = _loads(raw)
        _schema_of(data)
        if not isinstance(data, dict):  # _schema_of refused it already: never under `python -O` either
            raise BundleRefused("team.refused.not_bundle")
        stated = _check_checksum(raw, data)
        person = data.get("person")
        if not isinstance(person, str) or not person.strip() or len(person) > 200:
            raise _shape("person", "team.problem.name")
        _check_name(person)
        created_at = data.get("created_at")
        if not isinstance(created_at, str) or not _DATE_START.match(created_at) or instant(created_at) is None:
            raise _shape("created_at", "team.problem.created_at")
        self._not_future("created_at", created_at)
        models = data.get("models")
        if not isinstance(models, dict):
            raise _shape("models", "team.problem.models")
        facts = {digest: self._model(digest, obj) for digest, obj in models.items()}
        records: dict[str, list[dict[str, Any]]] = {}
        name = normalize_name(person)
        for kind in KINDS:
            items = data.get(kind, [] if kind in OPTIONAL_KINDS else None)
            if not isinstance(items, list):
                raise _shape(kind, "team.problem.list")
            _check_records(kind, items, name, facts)
            if kind == "assessments":
                for index, record in enumerate(items):
                    self._not_future(f"{kind}[{index}].taken_at", record["taken_at"])
            else:
                self._check_dates(kind, items)
            records[kind] = items
        generator = data.get("generator")
        return Bundle(name, created_at, stated, records, models,
                      generator if isinstance(generator, str) else None)

    def _not_future(self, where: str, text: str) -> None:
        when = instant(text)
        if self.now is not None and when is not None and when > self.now + FUTURE_SLACK:
            raise _shape(where, "team.problem.future", value=text[:40])

    def _check_dates(self, kind: str, items: list[dict[str, Any]]) -> None:
        """The dates reviews, plans and habits carry: ISO dates, none more than a day ahead (check-ins aside)."""
        for index, record in enumerate(items):
            for key in ("taken_at", "created_at"):
                if key in record:
                    value = record[key]
                    if type(value) is not str or not _DATE_START.match(value) or instant(value) is None:
                        raise _shape(f"{kind}[{index}].{key}", "team.problem.taken_at")
                    self._not_future(f"{kind}[{index}].{key}", value)
            checkins = record.get("checkins", [])  # a check-in may lie ahead (a wrong clock): its format only
            if type(checkins) is not list or not all(
                    type(c) is dict and type(c.get("date")) is str and _DAY_RE.match(c["date"]) for c in checkins):
                raise _shape(f"{kind}[{index}].checkins", "team.problem.checkins")

    def _model(self, digest: object, obj: object) -> ModelFacts:
        if not isinstance(digest, str) or not _DIGEST_RE.match(digest):
            raise _shape(f"models[{str(digest)[:70]!r}]", "team.problem.digest_key")
        known = self._seen.get(digest)
        if known is not None and known[0] == obj:
            return known[1]
        if hashlib.sha256(canonical(obj)).hexdigest() != digest:
            raise BundleRefused("team.refused.model_digest", digest=digest[:12])
        try:
            facts = model_facts(obj)
        except ValueError as exc:
            raise BundleRefused("team.refused.model_invalid", digest=digest[:12], problem=str(exc)[:200]) from None
        self._seen[digest] = (obj, facts)  # type: ignore[assignment]  # a dict: model_facts has checked its shape
        return facts


_RATING_TYPES = frozenset({int, type(None)})


def _check_records(kind: str, items: list[Any], person: str, facts: dict[str, ModelFacts]) -> None:
    """Check the records of one kind (one pass of plain Python; the first problem is reported)."""
    seen: set[str] = set()
    refs: set[tuple[Any, ...] | None] = set()
    is_assessment = kind == "assessments"
    for index, record in enumerate(items):
        if type(record) is not dict:
            raise _shape(f"{kind}[{index}]", "team.problem.record")
        rid = record.get("id")
        if rid is not None or kind != "habits":
            if type(rid) is not str or not _ID_RE.match(rid):
                raise _shape(f"{kind}[{index}].id", "team.problem.id")
            if rid in seen:
                raise BundleRefused("team.refused.duplicate_id", kind=kind, id=rid)
            seen.add(rid)
        owner = record.get("person")
        if owner is not None and owner != person and (type(owner) is not str or normalize_name(owner) != person):
            raise BundleRefused("team.refused.other_person", where=f"{kind}[{index}]", found=str(owner)[:60],
                                person=person)
        model = record.get("model")  # a habit's "model" is a plain model id: nothing to carry
        if is_assessment or type(model) is dict:
            ref = (model.get("id"), model.get("version"), model.get("digest")) if type(model) is dict else None
            if ref is None or not all(type(part) is str for part in ref) or ref not in refs:
                _check_model_ref(f"{kind}[{index}]", model, facts)
                refs.add(ref)
        if is_assessment:
            _check_assessment(kind, index, record, facts[model["digest"]])  # type: ignore[index]  # _check_model_ref has checked model is a dict
        elif kind == "quizzes":
            _check_quiz(kind, index, record)


def _check_name(person: str) -> None:
    """A bundle's person follows the rules of a local name (careerkit.core.person_names)."""
    from careerkit.core import person_names as names

    key = names.problem(person)
    if key is not None:
        raise _shape("person", key, name=repr(person)[:60], limit=names.MAX_LENGTH)


def _check_model_ref(where: str, model: object, facts: dict[str, ModelFacts]) -> None:
    if not isinstance(model, dict) or not all(isinstance(model.get(k), str) for k in ("id", "version", "digest")):
        raise _shape(f"{where}.model", "team.problem.model_ref")
    found = facts.get(model["digest"])
    if found is None:
        raise BundleRefused("team.refused.model_missing", where=where, model=model["id"],
                            version=model["version"], digest=model["digest"][:12])
    if found.id != model["id"] or found.version != model["version"]:
        raise _shape(f"{where}.model", "team.problem.model_mismatch")


def _check_assessment(kind: str, index: int, record: dict[str, Any], facts: ModelFacts) -> None:
    if record.get("person") is None:
        raise _shape(f"{kind}[{index}].person", "team.problem.name")
    taken = record.get("taken_at")
    if type(taken) is not str or not _DATE_START.match(taken) or instant(taken) is None:
        raise _shape(f"{kind}[{index}].taken_at", "team.problem.taken_at")
    role = record.get("role")
    if role is not None and (type(role) is not str or role not in facts.roles):
        raise _shape(f"{kind}[{index}].role", "team.problem.role", role=str(role)[:40])
    ratings = record.get("ratings")
    if type(ratings) is not dict:
        raise _shape(f"{kind}[{index}].ratings", "team.problem.ratings")
    if not ratings.keys() <= facts.indicators:
        unknown = sorted(str(k) for k in ratings.keys() - facts.indicators)[0]
        raise _shape(f"{kind}[{index}].ratings", "team.problem.indicator", indicator=unknown[:60])
    values = ratings.values()
    if not set(map(type, values)) <= _RATING_TYPES or not set(values) <= facts.ratings:
        bad = next(v for v in values if v is not None and (type(v) is not int or v not in facts.levels))
        raise _shape(f"{kind}[{index}].ratings", "team.problem.level", level=str(bad)[:20])
    notes = record.get("notes")
    if notes and (type(notes) is not dict or not all(type(v) is str for v in notes.values())):
        raise _shape(f"{kind}[{index}].notes", "team.problem.notes")


def _check_quiz(kind: str, index: int, record: dict[str, Any]) -> None:
    """A quiz's choices: scenario id → option id or None (its scores are recomputed, never trusted)."""
    taken = record.get("taken_at")
    if type(taken) is not str or instant(taken) is None:
        raise _shape(f"{kind}[{index}].taken_at", "team.problem.taken_at")
    choices = record.get("choices")
    if type(choices) is not dict or not all(type(k) is str and _ID_RE.match(k) and
                                            (v is None or (type(v) is str and _ID_RE.match(v)))
                                            for k, v in choices.items()):
        raise _shape(f"{kind}[{index}].choices", "team.problem.choices")


# ----------------------------------------------------------------------------- file names


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]')


def safe_file_stem(name: str, *, fallback: str = "careerkit", limit: int = 80) -> str:
    """A file-name stem made from a person's or team's name that cannot leave its folder.

    Path separators, control and reserved characters become ``_``; leading dots and
    spaces go (no ``..``, no hidden files); Windows device names get a ``_`` prefix; the
    result is at most ``limit`` UTF-8 bytes. An empty result is ``fallback``.
    """
    stem = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip().lstrip(". ").rstrip(". ")
    while stem.encode("utf-8")[:limit].decode("utf-8", "ignore") != stem:
        stem = stem[:-1]
    stem = stem.rstrip(". ")
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return stem or fallback
