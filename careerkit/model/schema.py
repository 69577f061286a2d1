"""The competency-model format, version 1, as typed records, and the one reader of its canonical JSON.

Every command works on these records: assess, show, plan, review, team summaries and the
bundle checks alike. They are plain frozen dataclasses, built by :func:`read` from a model's
canonical JSON (a snapshot, a cached model, a model a bundle carries) without pydantic, whose
start-up alone costs more than most commands' work. A model *file* is validated first
(:mod:`careerkit.model.validation`, pydantic, every problem with its FILE:LINE:COL); its
canonical JSON is then read here like any other.

:func:`read` checks every field it reads, for type, size and reference, and raises
:class:`ValueError` naming the field: a model from another machine or a damaged cache is
refused, never half read. Unknown members are passed over (a newer careerkit may add one).
"""

from __future__ import annotations

import itertools
import math
import re
from enum import StrEnum
from typing import Any, Literal

SCHEMA_MARKER = "careerkit/competency-model/v1"

Text = str | dict[str, str]  # localized text: a string, or language code → string

RaterGroup = Literal["manager", "peer", "report", "customer", "other"]
RATER_GROUPS: tuple[str, ...] = ("manager", "peer", "report", "customer", "other")


class ActivityKind(StrEnum):
    """The 70-20-10 mix: learning by doing, from others, and from courses."""

    EXPERIENCE = "experience"
    SOCIAL = "social"
    EDUCATION = "education"


class _Record:
    """A read-only record with ``__slots__`` (hand-written: generating a dataclass's methods cost
    more at import than the whole model read, issue 13). Equal when of one type and equal fields."""

    __slots__: tuple[str, ...] = ()

    def _set(self, **values: object) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(getattr(self, n) == getattr(other, n)
                                                 for n in self.__slots__ if n != "canonical")

    __hash__ = None  # type: ignore[assignment]  # the fields hold lists and dicts: not hashable, as before

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__ if n != "canonical")
        return f"{type(self).__name__}({fields})"


def fields_of(value: object) -> dict[str, object] | None:
    """A record's fields by name (``canonical`` aside), in their order; None for anything else."""
    if not isinstance(value, _Record):
        return None
    return {name: getattr(value, name) for name in value.__slots__ if name != "canonical"}


class Level(_Record):
    __slots__ = ("description", "label", "level")
    level: int
    label: Text
    description: Text | None

    def __init__(self, level: int, label: Text, description: Text | None = None) -> None:
        self._set(level=level, label=label, description=description)


class Group(_Record):
    __slots__ = ("description", "id", "name")
    id: str
    name: Text
    description: Text | None

    def __init__(self, id: str, name: Text, description: Text | None = None) -> None:
        self._set(id=id, name=name, description=description)


class Indicator(_Record):
    __slots__ = ("anchors", "id", "observer", "text")
    id: str
    text: Text
    # the same behaviour in the third person ("该员工…", "The employee ..."), for mentors and raters
    observer: Text | None
    anchors: dict[int, Text]

    def __init__(self, id: str, text: Text, observer: Text | None = None,
                 anchors: dict[int, Text] | None = None) -> None:
        self._set(id=id, text=text, observer=observer, anchors={} if anchors is None else anchors)


class Activity(_Record):
    __slots__ = ("kind", "text")
    kind: ActivityKind
    text: Text

    def __init__(self, kind: ActivityKind, text: Text) -> None:
        self._set(kind=kind, text=text)


class Habit(_Record):
    """A suggested work habit with the schedule its words mean (``every``: what `habits add --every` takes)."""

    __slots__ = ("every", "text")
    text: Text
    every: str

    def __init__(self, text: Text, every: str) -> None:
        self._set(text=text, every=every)


HabitEntry = Text | Habit  # a suggested habit: text (its schedule read from its words), or {text, every}


def habit_parts(entry: HabitEntry) -> tuple[Text, str | None]:
    """A suggested habit's text and its stated schedule (None: read it from the words)."""
    return (entry.text, entry.every) if isinstance(entry, Habit) else (entry, None)


class Competency(_Record):
    __slots__ = ("activities", "description", "gate", "group", "habits", "id", "indicators", "name", "weight")
    id: str
    name: Text
    indicators: list[Indicator]
    group: str | None
    description: Text | None
    weight: float
    # a knock-out competency: a role's target is met only when every indicator reaches it
    gate: bool
    activities: list[Activity]
    habits: list[HabitEntry]

    def __init__(self, id: str, name: Text, indicators: list[Indicator], group: str | None = None,
                 description: Text | None = None, weight: float = 1.0, gate: bool = False,
                 activities: list[Activity] | None = None, habits: list[HabitEntry] | None = None) -> None:
        self._set(id=id, name=name, indicators=indicators, group=group, description=description, weight=weight,
                  gate=gate, activities=[] if activities is None else activities,
                  habits=[] if habits is None else habits)


class Role(_Record):
    __slots__ = ("description", "id", "next", "targets", "title")
    id: str
    title: Text
    description: Text | None
    targets: dict[str, int]
    next: list[str]

    def __init__(self, id: str, title: Text, description: Text | None = None,
                 targets: dict[str, int] | None = None, next: list[str] | None = None) -> None:
        self._set(id=id, title=title, description=description, targets={} if targets is None else targets,
                  next=[] if next is None else next)


class Migration(_Record):
    """How an earlier version of this model maps onto this one (old full indicator id → new id, or None)."""

    __slots__ = ("from_", "indicators")
    from_: str
    indicators: dict[str, str | None]

    def __init__(self, from_: str, indicators: dict[str, str | None] | None = None) -> None:
        self._set(from_=from_, indicators={} if indicators is None else indicators)


class ChecklistItem(_Record):
    """One yes/no point an observer looks for, evidence for the indicators it names (full ids)."""

    __slots__ = ("id", "indicators", "text", "weight")
    id: str
    text: Text
    indicators: list[str]
    weight: float

    def __init__(self, id: str, text: Text, indicators: list[str], weight: float = 1.0) -> None:
        self._set(id=id, text=text, indicators=indicators, weight=weight)


class Checklist(_Record):
    """An observation checklist (mystery shopping, a supervisor's walk-through)."""

    __slots__ = ("description", "id", "items", "title")
    id: str
    title: Text
    items: list[ChecklistItem]
    description: Text | None

    def __init__(self, id: str, title: Text, items: list[ChecklistItem],
                 description: Text | None = None) -> None:
        self._set(id=id, title=title, items=items, description=description)


class Option(_Record):
    """One response to a scenario and the credit it earns (1 = the best response, 0 = a harmful one)."""

    __slots__ = ("credit", "id", "text")
    id: str
    text: Text
    credit: float

    def __init__(self, id: str, text: Text, credit: float) -> None:
        self._set(id=id, text=text, credit=credit)


class Scenario(_Record):
    """A situational-judgement item: a situation, a question, 2–6 options with credits, and why."""

    __slots__ = ("explanation", "id", "measures", "options", "question", "situation")
    id: str
    measures: list[str]
    situation: Text
    question: Text
    options: list[Option]
    explanation: Text

    def __init__(self, id: str, measures: list[str], situation: Text, question: Text,
                 options: list[Option], explanation: Text) -> None:
        self._set(id=id, measures=measures, situation=situation, question=question, options=options,
                  explanation=explanation)


class CompetencyModel(_Record):
    """A valid competency model. ``canonical`` is the canonical JSON it was read from (its digest's text)."""

    __slots__ = (
        "canonical",
        "checklists",
        "competencies",
        "description",
        "groups",
        "id",
        "language",
        "migrations",
        "rater_groups",
        "roles",
        "scale",
        "scenarios",
        "title",
        "version",
    )
    id: str
    version: str
    title: Text
    scale: list[Level]
    competencies: list[Competency]
    language: str
    description: Text | None
    groups: list[Group]
    roles: list[Role]
    migrations: list[Migration]
    # display names for the rater groups of a multi-rater review (a group not named keeps its own)
    rater_groups: dict[str, Text]
    checklists: list[Checklist]
    scenarios: list[Scenario]
    canonical: str

    def __init__(self, id: str, version: str, title: Text, scale: list[Level],
                 competencies: list[Competency], language: str = "en", description: Text | None = None,
                 groups: list[Group] | None = None, roles: list[Role] | None = None,
                 migrations: list[Migration] | None = None, rater_groups: dict[str, Text] | None = None,
                 checklists: list[Checklist] | None = None, scenarios: list[Scenario] | None = None,
                 canonical: str = "") -> None:
        self._set(id=id, version=version, title=title, scale=scale, competencies=competencies, language=language,
                  description=description, groups=groups or [], roles=roles or [], migrations=migrations or [],
                  rater_groups=rater_groups or {}, checklists=checklists or [], scenarios=scenarios or [],
                  canonical=canonical)

    # ------------------------------------------------------------------ lookups

    def competency(self, competency_id: str) -> Competency | None:
        return next((c for c in self.competencies if c.id == competency_id), None)

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def checklist(self, checklist_id: str) -> Checklist | None:
        return next((c for c in self.checklists if c.id == checklist_id), None)

    def scenario(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def level(self, value: int) -> Level | None:
        return next((lv for lv in self.scale if lv.level == value), None)

    @property
    def levels(self) -> list[int]:
        return [lv.level for lv in self.scale]

    @property
    def min_level(self) -> int:
        return self.scale[0].level

    @property
    def max_level(self) -> int:
        return self.scale[-1].level

    def indicator_ids(self) -> list[str]:
        """Full indicator ids (``competency.indicator``) in model order."""
        return [f"{c.id}.{i.id}" for c in self.competencies for i in c.indicators]

    def text(self, value: str | dict[str, str] | None, lang: str) -> str:
        """Resolve localized text: ``lang``, then the model's language, then en, then any."""
        return localize(value, lang, self.language)


def localize(value: str | dict[str, str] | None, lang: str, default_lang: str = "en") -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    for candidate in (lang, default_lang, "en"):
        if candidate in value:
            return value[candidate]
    return next(iter(value.values()), "")


# ----------------------------------------------------------------------------- the reader

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
_LEVEL_KEY = re.compile(r"-?[0-9]{1,6}\Z")
_KINDS = {kind.value: kind for kind in ActivityKind}


def read(data: object, canonical: str = "") -> CompetencyModel:
    """The model in a canonical JSON object, every field checked; :class:`ValueError` names the first problem.

    ``canonical`` is the JSON text ``data`` was parsed from, kept on the model (its digest is
    taken of it); empty: the caller made ``data`` itself.
    """
    obj = _obj(data, "model")
    if obj.get("schema") != SCHEMA_MARKER:
        raise ValueError(f"schema: not a {SCHEMA_MARKER} model")
    scale = [_level(lv, f"scale[{i}]") for i, lv in enumerate(_list(obj.get("scale"), "scale", 2, 10))]
    levels = [lv.level for lv in scale]
    if any(b <= a for a, b in itertools.pairwise(levels)):
        raise ValueError("scale: levels must rise")
    groups = [Group(_ident(g.get("id"), f"groups[{i}].id"), _text(g.get("name"), f"groups[{i}].name"),
                    _opt_text(g.get("description"), f"groups[{i}].description"))
              for i, g in enumerate(_list(obj.get("groups", []), "groups"))]
    competencies = [_competency(c, f"competencies[{i}]", set(levels))
                    for i, c in enumerate(_list(obj.get("competencies"), "competencies", 1))]
    roles = [_role(r, f"roles[{i}]") for i, r in enumerate(_list(obj.get("roles", []), "roles"))]
    model = CompetencyModel(
        id=_ident(obj.get("id"), "id"),
        version=_word(obj.get("version"), "version", 64),
        language=_lang(obj.get("language", "en"), "language"),
        title=_text(obj.get("title"), "title"),
        description=_opt_text(obj.get("description"), "description"),
        scale=scale, groups=groups, competencies=competencies, roles=roles,
        migrations=[_migration(m, f"migrations[{i}]") for i, m in enumerate(_list(obj.get("migrations", []),
                                                                                "migrations"))],
        rater_groups=_rater_groups(obj.get("rater_groups", {})),
        checklists=[_checklist(c, f"checklists[{i}]") for i, c in enumerate(_list(obj.get("checklists", []),
                                                                                "checklists"))],
        scenarios=[_scenario(s, f"scenarios[{i}]") for i, s in enumerate(_list(obj.get("scenarios", []),
                                                                              "scenarios"))],
        canonical=canonical,
    )
    _references(model, set(levels))
    return model


def _obj(value: object, where: str) -> dict[str, Any]:
    if type(value) is not dict:
        raise ValueError(f"{where}: an object is required")
    return value


def _list(value: object, where: str, least: int = 0, most: int | None = None) -> list[dict[str, Any]]:
    if type(value) is not list or len(value) < least or (most is not None and len(value) > most) \
            or not all(type(v) is dict for v in value):
        size = f"{least} to {most}" if most is not None else f"at least {least}"
        raise ValueError(f"{where}: a list of {size} object(s) is required")
    return value


def _word(value: object, where: str, most: int) -> str:
    if type(value) is not str or not 1 <= len(value) <= most:
        raise ValueError(f"{where}: text of 1 to {most} characters is required")
    return value


def _ident(value: object, where: str) -> str:
    """An id. Where a model comes in, ids are checked against the format (lowercase letters, digits and
    '-': :mod:`careerkit.model.validation` for a file, :func:`careerkit.core.bundle.model_facts` for a
    bundle); a model kept by an earlier careerkit may hold a looser one, which still reads."""
    if type(value) is not str or not value.strip() or len(value) > 200:
        raise ValueError(f"{where}: an id (text) is required")
    return value


def is_slug(value: object) -> bool:
    """Whether a value is an id as the format writes them: lowercase letters, digits and '-', at most 64."""
    return type(value) is str and len(value) <= 64 and _SLUG.match(value) is not None


def _idents(value: object, where: str) -> list[str]:
    if type(value) is not list:
        raise ValueError(f"{where}: a list of ids is required")
    return [_ident(v, f"{where}[{i}]") for i, v in enumerate(value)]


def _refs(value: object, where: str) -> list[str]:
    """Full indicator ids (or competency ids): at least one, each 1 to 130 characters."""
    if type(value) is not list or not value:
        raise ValueError(f"{where}: a list of at least 1 indicator id is required")
    return [_word(v, f"{where}[{i}]", 130) for i, v in enumerate(value)]


def _lang(value: object, where: str) -> str:
    if type(value) is not str or not _LANG.match(value):
        raise ValueError(f"{where}: a language code such as en or zh is required")
    return value


def _text(value: object, where: str) -> Text:
    if type(value) is str and value.strip():
        return value
    if type(value) is dict and value and all(type(k) is str and _LANG.match(k) and type(v) is str and v.strip()
                                             for k, v in value.items()):
        return value
    raise ValueError(f"{where}: text or a mapping of language to text is required")


def _opt_text(value: object, where: str) -> Text | None:
    return None if value is None else _text(value, where)


def _number(value: object, where: str, low: float, high: float, *, low_open: bool = False) -> float:
    if type(value) not in (int, float) or not math.isfinite(value) or not (  # type: ignore[arg-type]  # int or float: checked first
            low < value <= high if low_open else low <= value <= high):  # type: ignore[operator]  # as above
        raise ValueError(f"{where}: a number {'over' if low_open else 'from'} {low:g} to {high:g} is required")
    return float(value)  # type: ignore[arg-type]  # as above


def _int(value: object, where: str) -> int:
    if type(value) is not int:
        raise ValueError(f"{where}: a whole number is required")
    return value


def _level(item: dict[str, Any], where: str) -> Level:
    return Level(_int(item.get("level"), f"{where}.level"), _text(item.get("label"), f"{where}.label"),
                 _opt_text(item.get("description"), f"{where}.description"))


def _anchors(value: object, where: str, levels: set[int]) -> dict[int, Text]:
    out: dict[int, Text] = {}
    for key, text in _obj(value, where).items():
        level = int(key) if type(key) is str and _LEVEL_KEY.match(key) else key
        if type(level) is not int or level not in levels:
            raise ValueError(f"{where}.{key}: a level of the scale is required")
        out[level] = _text(text, f"{where}.{key}")
    return out


def _indicator(item: dict[str, Any], where: str, levels: set[int]) -> Indicator:
    return Indicator(_ident(item.get("id"), f"{where}.id"), _text(item.get("text"), f"{where}.text"),
                     _opt_text(item.get("observer"), f"{where}.observer"),
                     _anchors(item.get("anchors", {}), f"{where}.anchors", levels))


def _habit(value: object, where: str) -> HabitEntry:
    if type(value) is dict and ("text" in value or "every" in value):
        return Habit(_text(value.get("text"), f"{where}.text"), _word(value.get("every"), f"{where}.every", 40))
    return _text(value, where)


def _competency(item: dict[str, Any], where: str, levels: set[int]) -> Competency:
    indicators = [_indicator(ind, f"{where}.indicators[{i}]", levels)
                  for i, ind in enumerate(_list(item.get("indicators"), f"{where}.indicators", 1))]
    if len({ind.id for ind in indicators}) != len(indicators):
        raise ValueError(f"{where}.indicators: ids must be unique")
    activities = []
    for i, act in enumerate(_list(item.get("activities", []), f"{where}.activities")):
        kind_name = act.get("kind")
        kind = _KINDS.get(kind_name) if type(kind_name) is str else None
        if kind is None:
            raise ValueError(f"{where}.activities[{i}].kind: one of {', '.join(_KINDS)} is required")
        activities.append(Activity(kind, _text(act.get("text"), f"{where}.activities[{i}].text")))
    habits = item.get("habits", [])
    if type(habits) is not list:
        raise ValueError(f"{where}.habits: a list is required")
    gate, group = item.get("gate", False), item.get("group")
    if type(gate) is not bool:
        raise ValueError(f"{where}.gate: true or false is required")
    return Competency(
        id=_ident(item.get("id"), f"{where}.id"), name=_text(item.get("name"), f"{where}.name"),
        indicators=indicators, group=None if group is None else _ident(group, f"{where}.group"),
        description=_opt_text(item.get("description"), f"{where}.description"),
        weight=_number(item.get("weight", 1.0), f"{where}.weight", 0, 2**53, low_open=True), gate=gate,
        activities=activities, habits=[_habit(h, f"{where}.habits[{i}]") for i, h in enumerate(habits)])


def _role(item: dict[str, Any], where: str) -> Role:
    targets = _obj(item.get("targets", {}), f"{where}.targets")
    for comp, level in targets.items():
        _ident(comp, f"{where}.targets")
        _int(level, f"{where}.targets.{comp}")
    return Role(_ident(item.get("id"), f"{where}.id"), _text(item.get("title"), f"{where}.title"),
                _opt_text(item.get("description"), f"{where}.description"), dict(targets),
                _idents(item.get("next", []), f"{where}.next"))


def _migration(item: dict[str, Any], where: str) -> Migration:
    mapping = _obj(item.get("indicators", {}), f"{where}.indicators")
    if not all(type(k) is str and (v is None or type(v) is str) for k, v in mapping.items()):
        raise ValueError(f"{where}.indicators: a mapping of old id to new id (or null) is required")
    return Migration(_word(item.get("from"), f"{where}.from", 64), dict(mapping))


def _rater_groups(value: object) -> dict[str, Text]:
    names = _obj(value, "rater_groups")
    for group, text in names.items():
        if group not in RATER_GROUPS:
            raise ValueError(f"rater_groups.{str(group)[:40]}: one of {', '.join(RATER_GROUPS)} is required")
        _text(text, f"rater_groups.{group}")
    return dict(names)


def _checklist(item: dict[str, Any], where: str) -> Checklist:
    items = [ChecklistItem(_ident(it.get("id"), f"{where}.items[{i}].id"),
                           _text(it.get("text"), f"{where}.items[{i}].text"),
                           _refs(it.get("indicators"), f"{where}.items[{i}].indicators"),
                           _number(it.get("weight", 1.0), f"{where}.items[{i}].weight", 0, 2**53, low_open=True))
             for i, it in enumerate(_list(item.get("items"), f"{where}.items", 1))]
    return Checklist(_ident(item.get("id"), f"{where}.id"), _text(item.get("title"), f"{where}.title"), items,
                     _opt_text(item.get("description"), f"{where}.description"))


def _scenario(item: dict[str, Any], where: str) -> Scenario:
    options = [Option(_ident(o.get("id"), f"{where}.options[{i}].id"),
                      _text(o.get("text"), f"{where}.options[{i}].text"),
                      _number(o.get("credit"), f"{where}.options[{i}].credit", 0, 1))
               for i, o in enumerate(_list(item.get("options"), f"{where}.options", 2, 6))]
    return Scenario(_ident(item.get("id"), f"{where}.id"), _refs(item.get("measures"), f"{where}.measures"),
                    _text(item.get("situation"), f"{where}.situation"),
                    _text(item.get("question"), f"{where}.question"),
                    options, _text(item.get("explanation"), f"{where}.explanation"))


def _unique(ids: list[str], where: str) -> set[str]:
    if len(set(ids)) != len(ids):
        raise ValueError(f"{where}: ids must be unique")
    return set(ids)


def _references(model: CompetencyModel, levels: set[int]) -> None:
    """What the record types cannot say: unique ids, and references to groups, competencies, roles, levels."""
    groups = _unique([g.id for g in model.groups], "groups")
    competencies = _unique([c.id for c in model.competencies], "competencies")
    roles = _unique([r.id for r in model.roles], "roles")
    _unique([c.id for c in model.checklists], "checklists")
    _unique([s.id for s in model.scenarios], "scenarios")
    for comp in model.competencies:
        if comp.group is not None and comp.group not in groups:
            raise ValueError(f"competencies.{comp.id}.group: unknown group")
    for role in model.roles:
        if not set(role.targets) <= competencies or not set(role.targets.values()) <= levels:
            raise ValueError(f"roles.{role.id}.targets: unknown competency or level")
        if not set(role.next) <= roles:
            raise ValueError(f"roles.{role.id}.next: unknown role")
    indicators = set(model.indicator_ids())
    for checklist in model.checklists:
        _unique([it.id for it in checklist.items], f"checklists.{checklist.id}.items")
        if not {ref for it in checklist.items for ref in it.indicators} <= indicators:
            raise ValueError(f"checklists.{checklist.id}: unknown indicator")
    for scenario in model.scenarios:
        _unique([o.id for o in scenario.options], f"scenarios.{scenario.id}.options")
        if not set(scenario.measures) <= indicators | competencies:
            raise ValueError(f"scenarios.{scenario.id}.measures: unknown indicator or competency")
