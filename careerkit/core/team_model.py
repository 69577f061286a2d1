"""A competency model as a team store keeps it: its canonical JSON, read and checked without pydantic.

A bundle carries each model version as the canonical JSON object its digest is taken of.
`team import` checks every new one with :class:`ModelView` and `team summary` reads it
the same way; neither needs the pydantic schema, whose start-up alone would cost more
than a whole summary of 200 people. A :class:`ModelView` has the attributes
:mod:`careerkit.core.scoring` reads, so scores come from the one scoring module.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any


class ModelView:
    """A model's canonical JSON object, checked and shaped like ``CompetencyModel`` for what summaries use.

    A summary reads models from the team store without pydantic (whose start-up alone
    would cost more than the whole summary); the same reader checks every model a
    bundle carries when it is imported. Every field it reads is checked for type and
    reference (ids unique, targets on the scale and on known competencies, ``next`` on
    known roles); a problem raises :class:`ValueError` naming the field.
    """

    def __init__(self, data: object) -> None:
        if not isinstance(data, dict) or data.get("schema") != "careerkit/competency-model/v1":
            raise ValueError("schema: not a careerkit/competency-model/v1 model")
        self.id: str = _word(data.get("id"), "id")
        self.version: str = _word(data.get("version"), "version")
        self.language: str = _word(data.get("language", "en"), "language")
        self.title = _text(data.get("title"), "title")
        self.scale = [SimpleNamespace(level=_level(lv, i), label=_text(lv.get("label"), f"scale[{i}].label"))
                      for i, lv in enumerate(_items(data.get("scale"), "scale", 2))]
        levels = [lv.level for lv in self.scale]
        if levels != sorted(set(levels)):
            raise ValueError("scale: levels must rise")
        self.competencies = [_competency(c, i) for i, c in enumerate(_items(data.get("competencies"),
                                                                            "competencies", 1))]
        self.roles = [_role(r, i) for i, r in enumerate(_items(data.get("roles", []), "roles", 0))]
        self.scenarios = [_scenario(s, i) for i, s in enumerate(_items(data.get("scenarios", []), "scenarios", 0))]
        _references(self, set(levels))
        self.min_level: int = levels[0]
        self.max_level: int = levels[-1]

    def role(self, role_id: str) -> Any:
        return next((r for r in self.roles if r.id == role_id), None)

    def scenario(self, scenario_id: str) -> Any:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def competency(self, competency_id: str) -> Any:
        return next((c for c in self.competencies if c.id == competency_id), None)

    def text(self, value: str | dict[str, str] | None, lang: str) -> str:
        """Localized text: ``lang``, then the model's language, then en, then any (as the model does)."""
        if value is None or isinstance(value, str):
            return value or ""
        for candidate in (lang, self.language, "en"):
            if candidate in value:
                return value[candidate]
        return next(iter(value.values()), "")


ACTIVITY_KINDS = ("experience", "social", "education")


def _word(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: text is required")
    return value


def _text(value: object, where: str) -> str | dict[str, str]:
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, dict) and value and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return value
    raise ValueError(f"{where}: text or a mapping of language to text is required")


def _items(value: object, where: str, least: int) -> list[dict[str, Any]]:
    if not isinstance(value, list) or len(value) < least or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{where}: a list of at least {least} object(s) is required")
    return value


def _level(item: dict[str, Any], index: int) -> int:
    if type(item.get("level")) is not int:
        raise ValueError(f"scale[{index}].level: a whole number is required")
    return int(item["level"])


def _competency(item: dict[str, Any], index: int) -> SimpleNamespace:
    where = f"competencies[{index}]"
    weight = item.get("weight", 1.0)
    if type(weight) not in (int, float) or not 0 < weight <= 2**53:  # finite: float() cannot overflow
        raise ValueError(f"{where}.weight: a number greater than 0 is required")
    indicators = [SimpleNamespace(id=_word(ind.get("id"), f"{where}.indicators[{i}].id"))
                  for i, ind in enumerate(_items(item.get("indicators"), f"{where}.indicators", 1))]
    if len({ind.id for ind in indicators}) != len(indicators):
        raise ValueError(f"{where}.indicators: ids must be unique")
    activities = []
    for i, act in enumerate(_items(item.get("activities", []), f"{where}.activities", 0)):
        if act.get("kind") not in ACTIVITY_KINDS:
            raise ValueError(f"{where}.activities[{i}].kind: one of {', '.join(ACTIVITY_KINDS)} is required")
        activities.append(SimpleNamespace(kind=act["kind"], text=_text(act.get("text"), f"{where}.activities[{i}]")))
    gate = item.get("gate", False)
    if type(gate) is not bool:
        raise ValueError(f"{where}.gate: true or false is required")
    return SimpleNamespace(id=_word(item.get("id"), f"{where}.id"), name=_text(item.get("name"), f"{where}.name"),
                           weight=float(weight), gate=gate, indicators=indicators, activities=activities)


def _role(item: dict[str, Any], index: int) -> SimpleNamespace:
    where = f"roles[{index}]"
    targets, nexts = item.get("targets", {}), item.get("next", [])
    if not isinstance(targets, dict) or not all(type(v) is int for v in targets.values()):
        raise ValueError(f"{where}.targets: a mapping of competency to level is required")
    if not isinstance(nexts, list) or not all(isinstance(n, str) for n in nexts):
        raise ValueError(f"{where}.next: a list of role ids is required")
    return SimpleNamespace(id=_word(item.get("id"), f"{where}.id"), title=_text(item.get("title"), f"{where}.title"),
                           targets=dict(targets), next=list(nexts))


def _scenario(item: dict[str, Any], index: int) -> SimpleNamespace:
    where = f"scenarios[{index}]"
    options = []
    for i, option in enumerate(_items(item.get("options"), f"{where}.options", 2)):
        credit = option.get("credit")
        if not isinstance(credit, (int, float)) or isinstance(credit, bool) or not 0 <= credit <= 1:
            raise ValueError(f"{where}.options[{i}].credit: a number from 0 to 1 is required")
        options.append(SimpleNamespace(id=_word(option.get("id"), f"{where}.options[{i}].id"), credit=float(credit),
                                       text=_text(option.get("text"), f"{where}.options[{i}].text")))
    measures = item.get("measures")
    if not isinstance(measures, list) or not measures or not all(isinstance(m, str) for m in measures):
        raise ValueError(f"{where}.measures: a list of indicator or competency ids is required")
    return SimpleNamespace(id=_word(item.get("id"), f"{where}.id"), measures=list(measures), options=options,
                           question=_text(item.get("question"), f"{where}.question"),
                           situation=_text(item.get("situation"), f"{where}.situation"))


def _references(model: ModelView, levels: set[int]) -> None:
    competencies = {c.id for c in model.competencies}
    roles = {r.id for r in model.roles}
    if len(competencies) != len(model.competencies) or len(roles) != len(model.roles):
        raise ValueError("competencies, roles: ids must be unique")
    for role in model.roles:
        if not set(role.targets) <= competencies or not set(role.targets.values()) <= levels:
            raise ValueError(f"roles.{role.id}.targets: unknown competency or level")
        if not set(role.next) <= roles:
            raise ValueError(f"roles.{role.id}.next: unknown role")
