"""Situational-judgement scenarios: what a person would do, scored, beside what they believe.

A model's ``scenarios`` each describe a situation, ask a question and offer 2–6
options, each with a credit from 0 (a harmful response) to 1 (the best one). A quiz
is one sitting over some of them; it is stored as its own dated record, pinned to the
model version like an assessment::

    {"id", "person", "model": {"id", "version", "digest"}, "taken_at",
     "choices": {scenario: option | None}, "order": [scenario, ...],
     "scores": {"overall", "answered", "total", "competencies": {C: {"score", "answered"}},
                "indicators": {I: {"score", "answered"}}, "scenarios": {S: credit}}}

The rules, exactly:

- scenario score = the chosen option's credit; skipped scenarios (``None``) are left out;
- per indicator: the mean credit of the answered scenarios that measure it, as a percentage;
- per competency: the mean credit of the answered scenarios that measure it or any of its
  indicators, each scenario counted once however many of its indicators it names;
- overall: the mean credit of all answered scenarios, as a percentage;
- numbers are rounded to 2 decimals; a competency no answered scenario measures has no score.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypedDict

from careerkit.core.assessment import new_id

if TYPE_CHECKING:
    from careerkit.model.schema import CompetencyModel, Option, Scenario

# The mismatch rule beside a self-rating: a met target with a quiz below this share, or the reverse.
LOW = 50.0


class Measured(TypedDict):
    score: float | None
    answered: int


class QuizScores(TypedDict):
    overall: float | None
    answered: int
    total: int
    competencies: dict[str, Measured]
    indicators: dict[str, Measured]
    scenarios: dict[str, float]


class QuizRecord(TypedDict):
    id: str
    person: str
    model: dict[str, str]
    taken_at: str
    choices: dict[str, str | None]
    order: list[str]
    scores: QuizScores


def _pct(values: list[float]) -> float | None:
    return round(100.0 * sum(values) / len(values), 2) if values else None


def measured_competencies(model: CompetencyModel, scenario: Scenario) -> list[str]:
    """The competencies a scenario counts toward, once each, in model order."""
    named = {ref.partition(".")[0] for ref in scenario.measures}
    return [c.id for c in model.competencies if c.id in named]


def measured_indicators(scenario: Scenario) -> list[str]:
    return [ref for ref in scenario.measures if "." in ref]


def credit_of(scenario: Scenario, option_id: str | None) -> float | None:
    if option_id is None:
        return None
    option = next((o for o in scenario.options if o.id == option_id), None)
    return None if option is None else float(option.credit)


def score(model: CompetencyModel, choices: Mapping[str, str | None]) -> QuizScores:
    """Every figure of one quiz (see the module's rules)."""
    credits: dict[str, float] = {}
    by_competency: dict[str, list[float]] = {}
    by_indicator: dict[str, list[float]] = {}
    for scenario in model.scenarios:
        if scenario.id not in choices:
            continue
        credit = credit_of(scenario, choices[scenario.id])
        if credit is None:
            continue
        credits[scenario.id] = credit
        for cid in measured_competencies(model, scenario):
            by_competency.setdefault(cid, []).append(credit)
        for iid in measured_indicators(scenario):
            by_indicator.setdefault(iid, []).append(credit)
    return {
        "overall": _pct(list(credits.values())),
        "answered": len(credits),
        "total": len(choices),
        "competencies": {c.id: {"score": _pct(by_competency[c.id]), "answered": len(by_competency[c.id])}
                         for c in model.competencies if c.id in by_competency},
        "indicators": {iid: {"score": _pct(v), "answered": len(v)} for iid, v in by_indicator.items()},
        "scenarios": {sid: round(value, 2) for sid, value in credits.items()},
    }


def choose(model: CompetencyModel, *, competencies: Sequence[str] = (), count: int | None = None,
           seed: int | None = None) -> list[Scenario]:
    """The scenarios of one sitting: those measuring any of ``competencies`` (all when none),
    in model order, or ``count`` of them drawn at random (fixed by ``seed``)."""
    wanted = set(competencies)
    found = [s for s in model.scenarios if not wanted or wanted & set(measured_competencies(model, s))]
    if count is not None and count < len(found):
        picked = set(random.Random(seed).sample(range(len(found)), count))  # noqa: S311 - not for secrets
        found = [s for i, s in enumerate(found) if i in picked]
    return found


def option_order(scenario: Scenario, seed: int | None) -> list[Option]:
    """The options as shown: shuffled, so the best one is not always first; ``seed`` fixes the order."""
    options = list(scenario.options)
    rng = random.Random(None if seed is None else f"{seed}:{scenario.id}")  # noqa: S311 - not for secrets
    rng.shuffle(options)
    return options


def new_record(model: CompetencyModel, digest: str, *, person: str, choices: Mapping[str, str | None],
               order: Sequence[str], taken_at: datetime) -> QuizRecord:
    return {
        "id": new_id(),
        "person": person,
        "model": {"id": model.id, "version": model.version, "digest": digest},
        "taken_at": taken_at.isoformat(),
        "choices": dict(choices),
        "order": list(order),
        "scores": score(model, choices),
    }


def missed(model: CompetencyModel, record: Mapping[str, Any]) -> list[Scenario]:
    """Answered scenarios where a better option existed (credit below 1), worst first: what to learn from."""
    out = []
    for sid, credit in record["scores"]["scenarios"].items():
        scenario = model.scenario(sid)
        if scenario is not None and credit < 1:
            out.append((credit, [s.id for s in model.scenarios].index(sid), scenario))
    return [s for _, _, s in sorted(out, key=lambda x: (x[0], x[1]))]


def mismatch(self_met: bool | None, quiz_score: float | None) -> str | None:
    """Beside a self-rating: ``"overrated"`` when the self-rating meets the target but the quiz is
    below :data:`LOW`, ``"hidden-strength"`` when the target is not met but the quiz is at or above
    it; None otherwise (no target, no quiz score, or the two agree)."""
    if self_met is None or quiz_score is None:
        return None
    if self_met and quiz_score < LOW:
        return "overrated"
    if not self_met and quiz_score >= LOW:
        return "hidden-strength"
    return None


# ----------------------------------------------------------------------------- answers files

KEYS = ("model", "person", "date", "choices")


def check_answers(doc: Any, model: CompetencyModel, *, now: datetime) -> tuple[dict[str, str | None],
                                                                                 datetime | None, list[Any]]:
    """The choices and date of a quiz answers file, and every problem with its line::

        model: bank-customer-service
        person: 李伟
        date: 2026-12-01              # optional, default now
        choices: {public-complaint: a, elderly-transfer: c, lost-card: null}   # null = skipped
    """
    from careerkit.core.answers import file_date
    from careerkit.core.message import Message, kind_of, one_of

    data = doc.data if isinstance(doc.data, dict) else {}
    problems = []
    choices: dict[str, str | None] = {}
    raw = data.get("choices")
    if not isinstance(raw, dict):
        problems.append(doc.problem(("choices",) if "choices" in data else (),
                                    Message("quiz.choices_not_mapping", got=kind_of(raw))))
        raw = {}
    known = [s.id for s in model.scenarios]
    for key, value in raw.items():
        scenario = model.scenario(key) if isinstance(key, str) else None
        if scenario is None:
            problems.append(doc.problem(("choices", key), Message("quiz.unknown_scenario", id=str(key),
                                                                  hint=one_of(str(key), known)), key=True))
            continue
        if value is None:
            choices[key] = None
            continue
        ids = [o.id for o in scenario.options]
        if not isinstance(value, str) or value not in ids:
            problems.append(doc.problem(("choices", key), Message("quiz.unknown_option", value=repr(value)[:40],
                                                                  scenario=key, known=", ".join(ids))))
            continue
        choices[key] = value
    return choices, file_date(doc, data, now, problems), problems


def beside(model: CompetencyModel, competencies: Mapping[str, Any], record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per competency the quiz measured: the self-rating (``competencies`` is an assessment's
    ``scores.competencies``), whether it meets the role's target, the quiz share, and the mismatch."""
    rows = []
    for comp in model.competencies:
        measured = record["scores"]["competencies"].get(comp.id)
        if measured is None:
            continue
        own = competencies.get(comp.id) or {}
        rows.append({"competency": comp.id, "self": own.get("score"), "target": own.get("target"),
                     "met": own.get("met"), "quiz": measured["score"], "answered": measured["answered"],
                     "flag": mismatch(own.get("met"), measured["score"])})
    return rows
