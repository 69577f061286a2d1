"""The competency-model format, version 1, as the pydantic types a model *file* is validated against.

Only a new or changed model file, and `models validate`, pay for pydantic: once valid, a model
is kept as canonical JSON and read through :func:`careerkit.model.schema.read` into the
records every command uses. Everything is strict: unknown keys are errors, numbers must be numbers (``"3"`` or
``yes`` is not a level), text must be text. Cross-references (groups, anchors, role
targets, the ladder) are checked by :func:`careerkit.model.loader.check_references`,
which can point at the exact node at fault.
"""

from __future__ import annotations

import math
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, PlainValidator, Tag
from pydantic_core import PydanticCustomError

from careerkit.core.message import kind_of
from careerkit.model.schema import RATER_GROUPS, SCHEMA_MARKER

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")


def _slug(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("slug_type", "expected an id (text), got {got}", {"got": kind_of(value)})
    if not _SLUG.match(value) or len(value) > 64:
        raise PydanticCustomError("slug", "{value!r} is not an id: use lowercase letters, digits and '-'",
                                  {"value": value})
    return value


def _lang(value: Any) -> str:
    if not isinstance(value, str) or not _LANG.match(value):
        raise PydanticCustomError("lang", "{value!r} is not a language code such as en, zh or fr",
                                  {"value": value})
    return value


def _localized(value: Any) -> str | dict[str, str]:
    """Localized text: a non-empty string, or a mapping of language code to non-empty string."""
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("text_empty", "text must not be empty", {})
        return value
    if isinstance(value, dict):
        if not value:
            raise PydanticCustomError("text_empty", "text must not be empty", {})
        for lang, text in value.items():
            _lang(lang)
            if not isinstance(text, str):
                raise PydanticCustomError(
                    "text_type", "the {lang} text must be text, got {got}", {"lang": lang, "got": kind_of(text)}
                )
            if not text.strip():
                raise PydanticCustomError("text_empty", "the {lang} text must not be empty", {"lang": lang})
        return value
    raise PydanticCustomError(
        "localized_type", "expected text or a mapping such as {{en: ..., zh: ...}}, got {got}",
        {"got": kind_of(value)},
    )


Slug = Annotated[str, PlainValidator(_slug)]
Lang = Annotated[str, PlainValidator(_lang)]
LocalizedText = Annotated[str | dict[str, str], PlainValidator(_localized)]


def _finite_positive(value: float) -> float:
    if not math.isfinite(value) or value <= 0:
        raise PydanticCustomError("weight", "weight must be a number greater than 0", {})
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class ActivityKind(StrEnum):
    """The 70-20-10 mix: learning by doing, from others, and from courses."""

    EXPERIENCE = "experience"
    SOCIAL = "social"
    EDUCATION = "education"


class Level(_Strict):
    level: int
    label: LocalizedText
    description: LocalizedText | None = None


class Group(_Strict):
    id: Slug
    name: LocalizedText
    description: LocalizedText | None = None


class Indicator(_Strict):
    id: Slug
    text: LocalizedText
    # the same behaviour in the third person ("该员工…", "The employee ..."), for mentors and raters
    observer: LocalizedText | None = None
    anchors: dict[int, LocalizedText] = Field(default_factory=dict)


class Activity(_Strict):
    kind: Annotated[ActivityKind, Field(strict=False)]
    text: LocalizedText


class Habit(_Strict):
    """A suggested work habit with the schedule its words mean (``every``: what `habits add --every` takes)."""

    text: LocalizedText
    every: Annotated[str, Field(min_length=1, max_length=40)]


def _habit_kind(value: Any) -> str:
    # a Habit itself when the model is dumped (digest, snapshot): read as "text" it warns on stderr
    if isinstance(value, Habit):
        return "habit"
    return "habit" if isinstance(value, dict) and ("text" in value or "every" in value) else "text"


# A suggested habit: localized text (its schedule read from its words), or ``{text, every}``.
HabitEntry = Annotated[Annotated[LocalizedText, Tag("text")] | Annotated[Habit, Tag("habit")],
                       Discriminator(_habit_kind)]


class Competency(_Strict):
    id: Slug
    group: Slug | None = None
    name: LocalizedText
    description: LocalizedText | None = None
    weight: Annotated[float, AfterValidator(_finite_positive)] = 1.0
    # a knock-out competency: a role's target is met only when every indicator reaches it
    gate: bool = False
    indicators: list[Indicator] = Field(min_length=1)
    activities: list[Activity] = Field(default_factory=list)
    habits: list[HabitEntry] = Field(default_factory=list)


class Role(_Strict):
    id: Slug
    title: LocalizedText
    description: LocalizedText | None = None
    targets: dict[Slug, int] = Field(default_factory=dict)
    next: list[Slug] = Field(default_factory=list)


class Migration(_Strict):
    """How an earlier version of this model maps onto this one (old full indicator id → new id, or None)."""

    from_: Annotated[str, Field(alias="from", min_length=1, max_length=64)]
    indicators: dict[str, str | None] = Field(default_factory=dict)


RaterGroup = Literal["manager", "peer", "report", "customer", "other"]
__all__ = ["RATER_GROUPS", "SCHEMA_MARKER", "CompetencyModel"]


class ChecklistItem(_Strict):
    """One yes/no point an observer looks for, evidence for the indicators it names (full ids)."""

    id: Slug
    text: LocalizedText
    indicators: list[Annotated[str, Field(min_length=1, max_length=130)]] = Field(min_length=1)
    weight: Annotated[float, AfterValidator(_finite_positive)] = 1.0


class Checklist(_Strict):
    """An observation checklist (mystery shopping, a supervisor's walk-through)."""

    id: Slug
    title: LocalizedText
    description: LocalizedText | None = None
    items: list[ChecklistItem] = Field(min_length=1)


def _credit(value: float) -> float:
    if not math.isfinite(value) or not 0 <= value <= 1:
        raise PydanticCustomError("credit", "credit must be a number from 0 to 1", {})
    return value


class Option(_Strict):
    """One response to a scenario and the credit it earns (1 = the best response, 0 = a harmful one)."""

    id: Slug
    text: LocalizedText
    credit: Annotated[float, AfterValidator(_credit)]


class Scenario(_Strict):
    """A situational-judgement item: a situation, a question, 2–6 options with credits, and why."""

    id: Slug
    measures: list[Annotated[str, Field(min_length=1, max_length=130)]] = Field(min_length=1)
    situation: LocalizedText
    question: LocalizedText
    options: list[Option] = Field(min_length=2, max_length=6)
    explanation: LocalizedText


class CompetencyModel(_Strict):
    schema_: Literal["careerkit/competency-model/v1"] = Field(alias="schema")
    id: Slug
    version: Annotated[str, Field(min_length=1, max_length=64)]
    language: Lang = "en"
    title: LocalizedText
    description: LocalizedText | None = None
    scale: list[Level] = Field(min_length=2, max_length=10)
    groups: list[Group] = Field(default_factory=list)
    competencies: list[Competency] = Field(min_length=1)
    roles: list[Role] = Field(default_factory=list)
    migrations: list[Migration] = Field(default_factory=list)
    # display names for the rater groups of a multi-rater review (a group not named keeps its own)
    rater_groups: dict[RaterGroup, LocalizedText] = Field(default_factory=dict)
    checklists: list[Checklist] = Field(default_factory=list)
    scenarios: list[Scenario] = Field(default_factory=list)
