"""Multi-rater (360°) reviews: requests, packets, returned answers and the pooled report.

The rules, exactly (the report, its ``--json`` and the tests rely on them):

- rater groups: ``manager``, ``peer``, ``report`` (a direct report), ``customer``, ``other``;
  a request names each rater once, and at most one ``manager``;
- a rater's competency score is the mean of the indicators they rated
  (:func:`careerkit.core.scoring.competency_scores`); per group and competency,
  ``mean`` = the mean of its raters' competency scores (each rater weighs the same,
  raters who rated none of its indicators left out), ``counts`` = how many of the
  group's individual indicator ratings are at each level; per indicator the same with
  the indicator's ratings;
- ``manager`` is shown named, as the mentor is today (one rater; without a manager
  among the answers, the latest mentor review of the assessment stands for it);
- any other group is shown only with at least ``min_raters`` raters who answered
  (default 3); *others* pools every rater but self (manager included) and needs at
  least ``min_raters`` raters too, else it is withheld;
- a group not shown is *withheld*: it carries no figures at all, its ratings count
  only in *others*. So that no withheld figure can be computed back as
  ``others − shown groups − manager``, the withheld raters together must be none or
  at least ``min_raters``: while they are fewer, the smallest shown group (other than
  manager) is withheld as well; when none is left to withhold, *others* is withheld;
- never averaged with self. Per competency, with *others* shown: ``self − others mean ≥ 1``
  is a blind spot, ``≤ −1`` a hidden strength; *others* ``spread`` is the population
  standard deviation of its raters' competency scores;
- gate indicators (of a competency with ``gate: true`` and a target in the assessment's
  role) are flagged when any shown group's indicator mean is below the target;
- comments of shown groups are given with their group, never a name, in shuffled
  order; those of withheld raters only with *others* (no group), and not at all when
  *others* is withheld. The manager's are named.

Numbers are rounded to 2 decimals.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from careerkit.core import scoring
from careerkit.core.assessment import new_id
from careerkit.errors import InputError
from careerkit.model.schema import RATER_GROUPS, CompetencyModel

MANAGER = "manager"
OTHERS = "others"
MIN_RATERS = 3
BLIND = 1.0


@dataclass(frozen=True)
class Rating:
    """One rater's returned answers, as the report reads them."""

    group: str
    ratings: Mapping[str, int | None]
    name: str = ""
    notes: Mapping[str, str] = field(default_factory=dict)
    comment: str | None = None


def parse_spec(spec: str) -> tuple[str, str]:
    """``NAME:GROUP`` → (name, group); the last colon separates them (full-width ``：`` too)."""
    from careerkit.core import person_names as names

    text = spec.replace("：", ":")
    name, sep, group = text.rpartition(":")
    group = group.strip().lower()
    if not sep or not name.strip():
        raise InputError("raters.bad_spec", spec=spec, groups=", ".join(RATER_GROUPS))
    if group not in RATER_GROUPS:
        raise InputError("raters.unknown_group", spec=spec, group=group, groups=", ".join(RATER_GROUPS))
    reason = names.problem(name)
    if reason:
        raise InputError(reason, name=repr(name)[:60], limit=names.MAX_LENGTH)
    return names.clean(name), group


def packet_id() -> str:
    """A random, unguessable packet id (128 bits)."""
    return secrets.token_urlsafe(16)


def new_request(model: CompetencyModel, digest: str, assessment: Mapping[str, Any],
                raters: Sequence[tuple[str, str]], now: datetime) -> dict[str, Any]:
    """A review request: ``{"id", "assessment", "person", "model", "created_at", "status", "raters"}``.

    Each rater: ``{"name", "group", "packet", "status": "waiting", "answer": None}``.
    """
    if not raters:
        raise InputError("raters.none")
    seen: set[str] = set()
    for name, _group in raters:
        if name.casefold() in seen:
            raise InputError("raters.twice", name=name)
        seen.add(name.casefold())
    if sum(1 for _n, g in raters if g == MANAGER) > 1:
        raise InputError("raters.two_managers")
    if any(name == assessment["person"] for name, _g in raters):
        raise InputError("raters.self", name=assessment["person"])
    return {
        "id": new_id(),
        "assessment": assessment["id"],
        "person": assessment["person"],
        "model": {"id": model.id, "version": model.version, "digest": digest},
        "created_at": now.isoformat(),
        "status": "open",
        "raters": [{"name": name, "group": group, "packet": packet_id(), "status": "waiting", "answer": None}
                   for name, group in raters],
    }


def answer_digest(ratings: Mapping[str, int | None], notes: Mapping[str, str], comment: str | None) -> str:
    """What makes two returned answers the same answer (formatting and comments of the file do not)."""
    text = json.dumps({"ratings": dict(ratings), "notes": dict(notes), "comment": comment or None},
                      sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_answer(model: CompetencyModel, ratings: Mapping[str, int | None], notes: Mapping[str, str],
               comment: str | None, received_at: datetime) -> dict[str, Any]:
    complete = {iid: ratings.get(iid) for iid in model.indicator_ids()}
    clean_notes = {k: v for k, v in notes.items() if v}
    clean_comment = comment.strip() if comment and comment.strip() else None
    return {"ratings": complete, "notes": clean_notes, "comment": clean_comment,
            "received_at": received_at.isoformat(),
            "digest": answer_digest(complete, clean_notes, clean_comment)}


def answered(requests: Iterable[Mapping[str, Any]]) -> list[Rating]:
    """Every returned answer of ``requests``, as :class:`Rating` values."""
    out = []
    for request in requests:
        for rater in request["raters"]:
            answer = rater.get("answer")
            if answer:
                out.append(Rating(rater["group"], answer["ratings"], rater["name"], answer.get("notes") or {},
                                  answer.get("comment")))
    return out


# --------------------------------------------------------------------------- figures


def _round(value: float | None) -> float | None:
    return scoring.rounded(value)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _counts(model: CompetencyModel, values: Iterable[int]) -> dict[str, int]:
    out = {str(level): 0 for level in model.levels}
    for value in values:
        out[str(value)] += 1
    return out


def figures(model: CompetencyModel, raters: Sequence[Rating]) -> dict[str, Any]:
    """``{"raters": n, "competencies": {C: {"mean", "counts"}}, "indicators": {I: {"mean", "counts"}}}``."""
    scores = [scoring.competency_scores(model, r.ratings) for r in raters]
    competencies: dict[str, Any] = {}
    indicators: dict[str, Any] = {}
    for comp in model.competencies:
        ids = [f"{comp.id}.{ind.id}" for ind in comp.indicators]
        given = [r.ratings.get(iid) for r in raters for iid in ids]
        competencies[comp.id] = {
            "mean": _round(_mean([v for s in scores if (v := s[comp.id]) is not None])),
            "counts": _counts(model, (v for v in given if v is not None)),
        }
        for iid in ids:
            values = [v for r in raters if (v := r.ratings.get(iid)) is not None]
            indicators[iid] = {"mean": _round(_mean(values)), "counts": _counts(model, values)}
    return {"raters": len(raters), "competencies": competencies, "indicators": indicators}


def spread(model: CompetencyModel, raters: Sequence[Rating]) -> dict[str, float | None]:
    """Per competency, the population standard deviation of the raters' competency scores."""
    scores = [scoring.competency_scores(model, r.ratings) for r in raters]
    out: dict[str, float | None] = {}
    for comp in model.competencies:
        values = [v for s in scores if (v := s[comp.id]) is not None]
        if len(values) < 2:
            out[comp.id] = None
            continue
        mean = sum(values) / len(values)
        out[comp.id] = _round(math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)))
    return out


def shown_groups(by_group: Mapping[str, int], min_raters: int) -> tuple[list[str], bool]:
    """Which groups other than manager are shown, and whether *others* is (see the module's rules)."""
    shown = [g for g in RATER_GROUPS if g != MANAGER and by_group.get(g, 0) >= min_raters]
    residue = sum(n for g, n in by_group.items() if g != MANAGER and g not in shown)
    while 0 < residue < min_raters and shown:
        smallest = min(shown, key=lambda g: (by_group[g], RATER_GROUPS.index(g)))
        shown.remove(smallest)
        residue += by_group[smallest]
    total = sum(by_group.values())
    others = total >= min_raters and not (0 < residue < min_raters)
    return shown, others


def _suppress_items(model: CompetencyModel, answers: Sequence[Rating], manager: Rating | None,
                    groups: dict[str, Any], others: dict[str, Any] | None, min_raters: int) -> None:
    """Blank a competency's or indicator's figures where too few raters rated it.

    The group rules again, item by item, counting only the raters who rated that item:
    a shown group keeps an item's figures only when :func:`shown_groups` would show it on
    those counts, and *others* only when it would be shown; else ``mean`` is ``None`` and
    ``counts`` empty (and *others*' spread ``None``).
    """
    def rated(rating: Rating, ids: list[str]) -> bool:
        return any(rating.ratings.get(iid) is not None for iid in ids)

    items = [("competencies", comp.id, [f"{comp.id}.{ind.id}" for ind in comp.indicators])
             for comp in model.competencies]
    items += [("indicators", iid, [iid]) for iid in model.indicator_ids()]
    for table, key, ids in items:
        by_group = {g: sum(1 for a in answers if a.group == g and a.group != MANAGER and rated(a, ids))
                    for g in RATER_GROUPS}
        by_group[MANAGER] = 1 if manager is not None and rated(manager, ids) else 0
        shown, others_shown = shown_groups(by_group, min_raters)
        for group, data in groups.items():
            if group != MANAGER and group not in shown:
                data[table][key] = {"mean": None, "counts": {}}
        if others is not None and not others_shown:
            others[table][key] = {"mean": None, "counts": {}}
            if table == "competencies":
                others["spread"][key] = None


def report(model: CompetencyModel, assessment: Mapping[str, Any], answers: Sequence[Rating], *,
           min_raters: int = MIN_RATERS, mentor: Mapping[str, Any] | None = None,
           shuffle: random.Random | None = None) -> dict[str, Any]:
    """The employee's report of one assessment (no rater's name but the manager's; see the module).

    ``mentor`` is the latest mentor review of the assessment: it stands for the manager
    when no manager answered a request.
    """
    if min_raters < 1:
        raise InputError("raters.bad_min", value=min_raters)
    answers = [a for a in answers if a.group in RATER_GROUPS]
    managers = [a for a in answers if a.group == MANAGER]
    if not managers and mentor is not None:
        managers = [Rating(MANAGER, mentor["ratings"], mentor["mentor"], mentor.get("notes") or {},
                           mentor.get("comment"))]
        answers = [*answers, managers[0]]
    manager = managers[-1] if managers else None
    by_group = {g: sum(1 for a in answers if a.group == g) for g in RATER_GROUPS}
    by_group[MANAGER] = 1 if manager else 0
    pool = [a for a in answers if a.group != MANAGER] + ([manager] if manager else [])
    shown, others_shown = shown_groups(by_group, min_raters)

    self_scores = scoring.competency_scores(model, assessment["ratings"])
    groups: dict[str, Any] = {}
    if manager is not None:
        groups[MANAGER] = {"name": manager.name, **figures(model, [manager])}
    for group in shown:
        groups[group] = figures(model, [a for a in answers if a.group == group])
    withheld = [g for g in RATER_GROUPS if g != MANAGER and by_group[g] and g not in shown]
    others = None
    blind: list[str] = []
    hidden: list[str] = []
    if others_shown:
        others = {**figures(model, pool), "spread": spread(model, pool)}
    _suppress_items(model, answers, manager, groups, others, min_raters)
    if others is not None:
        for comp in model.competencies:
            mine, theirs = self_scores[comp.id], others["competencies"][comp.id]["mean"]
            if mine is None or theirs is None:
                continue
            diff = mine - theirs
            if diff >= BLIND - 1e-9:
                blind.append(comp.id)
            elif diff <= -BLIND + 1e-9:
                hidden.append(comp.id)
    elif pool:
        withheld.append(OTHERS)

    rng = shuffle or random.SystemRandom()
    comments: list[dict[str, Any]] = []
    for answer in answers:
        if answer.group == MANAGER:
            continue
        if answer.group not in shown and not others_shown:
            continue  # a withheld rater's words go only with others, and others is withheld too
        group = answer.group if answer.group in shown else OTHERS
        for text in [*([answer.comment] if answer.comment else []), *answer.notes.values()]:
            comments.append({"group": group, "text": text})
    rng.shuffle(comments)
    manager_comments: list[dict[str, Any]] = []
    if manager is not None:
        manager_comments = [{"indicator": k, "text": v} for k, v in manager.notes.items()]
        if manager.comment:
            manager_comments.insert(0, {"indicator": None, "text": manager.comment})

    return {
        "assessment": assessment["id"],
        "person": assessment["person"],
        "min_raters": min_raters,
        "self": {cid: _round(v) for cid, v in self_scores.items()},
        "self_indicators": {iid: assessment["ratings"].get(iid) for iid in model.indicator_ids()},
        "groups": groups,
        "others": others,
        "withheld": withheld,
        "blind_spots": blind,
        "hidden_strengths": hidden,
        "gates": gate_flags(model, assessment.get("role"), groups, others),
        "comments": comments,
        "manager_comments": manager_comments,
    }


def gate_flags(model: CompetencyModel, role_id: str | None, groups: Mapping[str, Any],
               others: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Gate indicators some shown group rates below the role's target: ``[{indicator, target, groups}]``."""
    role = model.role(role_id) if role_id else None
    if role is None:
        return []
    shown = {**groups, **({OTHERS: others} if others else {})}
    out = []
    for comp in model.competencies:
        target = role.targets.get(comp.id)
        if not getattr(comp, "gate", False) or target is None:
            continue
        for ind in comp.indicators:
            iid = f"{comp.id}.{ind.id}"
            below = [g for g, data in shown.items()
                     if (mean := data["indicators"][iid]["mean"]) is not None and mean < target]
            if below:
                out.append({"indicator": iid, "target": target, "groups": below})
    return out


def report_json(result: Mapping[str, Any]) -> dict[str, Any]:
    """The ``--json`` shape of the issue (and a few additions: indicators, spread, gates, comments)."""
    return {
        "assessment": result["assessment"],
        "min_raters": result["min_raters"],
        "self": result["self"],
        "groups": result["groups"],
        "others": result["others"],
        "withheld": result["withheld"],
        "blind_spots": result["blind_spots"],
        "hidden_strengths": result["hidden_strengths"],
        "gates": result["gates"],
        "comments": result["comments"],
        "manager_comments": result["manager_comments"],
        "observations": result.get("observations") or [],
    }


def status_rows(request: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Who has answered a request and who has not (for the coordinator only: it names every rater)."""
    return [{"name": r["name"], "group": r["group"], "status": r["status"],
             "received_at": (r.get("answer") or {}).get("received_at")} for r in request["raters"]]
