"""Scores → a personal development plan: focus areas, goals, 70-20-10 actions, milestones.

Pure functions over plain data; the plan they build is stored as it is
(:mod:`careerkit.store.plans`) and rendered later from the pinned model version.
The rules, exactly:

- **Scores** (the basis, recorded as ``basis``): ``self``, the self scores of the assessment;
  ``manager`` (``mentor`` in plans saved before multi-rater reviews), the scores of the one
  named rater: the manager of a multi-rater request, else the latest mentor review; where
  that rater rated no indicator of a competency, the self ratings of that competency stand
  in for it (:func:`basis_ratings`); ``others``, the pooled figures of the 360° report
  (:func:`careerkit.core.raters.report`): per indicator the pooled mean of every rater but
  self, per competency the pooled mean, both rounded to 2 decimals as the report rounds
  them, and only where the report shows them (a withheld item is unrated here: the
  anonymity rules hold for plans too; self never stands in). Every figure of the
  plan (current, targets met, readiness, evidence, progress) is on this one basis.
- **Focus areas, with a target role**: the development areas of
  :func:`careerkit.core.scoring.choose_lists` on the basis: the targeted competencies not
  met (a gate needs every indicator at the target), ranked by gap × weight, larger first,
  ties in model order; a competency with under half of its indicators rated is left out.
  **Without a role**, or when every target is met ("stretch"): the scored
  competencies below the top of the scale, lowest score first (ties: larger weight, then
  model order), each aiming at the next whole level (``floor(score) + 1``). The first
  ``focus`` of them are kept.
- **Interim targets**: a goal more than one level per 90 days of horizon above the
  current score aims at an interim level: at most ``max(1, horizon // 90)`` levels above the
  current score, rounded down to a level of the scale (:func:`interim_target`). ``target``
  is that level, ``role_target`` the role's; milestones and progress are paced to ``target``.
- **Actions**: per focus area the competency's activities from the model, at most
  :data:`CAPS` of each kind, in model order. Effort follows 70-20-10: the kinds present
  share 70 (experience), 20 (social) and 10 (education) in proportion (a missing kind's
  share goes to the others), and a kind's share is split evenly among its actions.
- **Due dates**: each area's actions in learning order (education, social, then
  experience); the areas' actions are interleaved (1st of every area, then 2nd, ...),
  and the j-th of all n actions is due on ``start + floor(horizon × j / n)`` days,
  so the last is due at the end and the load is even.
- **Milestones**: on ``start + floor(horizon/3)``, ``start + floor(2·horizon/3)`` and
  ``start + horizon``; each lists the actions due since the previous one and the level
  expected by then per focus area: ``current + gap × i/3`` (1 decimal).
- **Review date**: the end of the horizon. **Goal due date**: the same.
- **Evidence**: per focus area, the competency's indicators the basis rates below the
  (interim) target (or not at all), each described at that level by :func:`level_text`: the
  anchor of that level, else the nearest anchors below and above, both labelled.
- **Strengths**: the strengths of :func:`careerkit.core.scoring.choose_lists` outside the
  focus: up to 3 competencies that meet their target (or have none), highest score first,
  ties in model order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any, TypedDict, cast

from careerkit.core import scoring
from careerkit.core.assessment import AssessmentRecord, ModelRef, new_id
from careerkit.core.message import Listing, Localized, Message
from careerkit.core.review import ReviewRecord
from careerkit.errors import InputError
from careerkit.model.schema import ActivityKind, Competency, CompetencyModel, Indicator

MIX = {ActivityKind.EXPERIENCE: 70, ActivityKind.SOCIAL: 20, ActivityKind.EDUCATION: 10}
CAPS = {ActivityKind.EXPERIENCE: 3, ActivityKind.SOCIAL: 2, ActivityKind.EDUCATION: 1}
LEARNING_ORDER = (ActivityKind.EDUCATION, ActivityKind.SOCIAL, ActivityKind.EXPERIENCE)
STATUSES = ("active", "done", "dropped")
DEFAULT_HORIZON = 90
DEFAULT_FOCUS = 3

Scores = Mapping[str, float | None]


class Action(TypedDict):
    kind: str                          # experience | social | education
    activity: int                      # index into the competency's activities
    share: float                       # percent of the effort (70-20-10)
    due: str                           # ISO date


class Evidence(TypedDict):
    indicator: str
    level: int | None                  # the anchor level that shows the target
    rated: int | None


class _Goal(TypedDict):
    """One focus area of a plan, with its goal's status."""

    competency: str
    current: float | None
    target: int
    gap: float | None
    weight: float
    priority: float | None
    mode: str                          # role | stretch
    status: str                        # active | done | dropped
    status_at: str | None
    actions: list[Action]
    evidence: list[Evidence]


class Goal(_Goal, total=False):
    role_target: int | None   # the target role's level (goals of plans made after readiness gates)
    lessons: list[str]        # scenarios of the latest quiz missed on this competency (their explanations teach)


class Milestone(TypedDict):
    number: int
    date: str
    actions: list[list[int]]           # [goal index, action index]
    expect: list[dict[str, Any]]       # {"competency", "level"}


class MentorNotes(TypedDict):
    comment: str | None
    indicators: dict[str, str]


class _PlanRecord(TypedDict):
    """A development plan as stored (person's file, table ``plans``) and exported."""

    id: str
    person: str
    created_at: str
    assessment: str
    assessment_taken_at: str
    review: str | None
    mentor: str | None
    model: ModelRef
    role: str | None
    target_role: str | None
    basis: str                         # self | manager | others (mentor: manager, in older plans)
    horizon: int
    start: str
    end: str
    review_date: str
    overall: float | None
    readiness: float | None
    focus: list[Goal]
    milestones: list[Milestone]
    snapshot: list[dict[str, Any]]
    strengths: list[str]
    mentor_notes: MentorNotes


class PlanRecord(_PlanRecord, total=False):
    min_raters: int                    # the 360° report's minimum of raters per group (plans made after it)


def merged_scores(primary: Scores, fallback: Scores) -> dict[str, float | None]:
    """``primary`` per competency, ``fallback`` where ``primary`` has none."""
    keys = list(dict.fromkeys([*primary, *fallback]))
    return {k: primary.get(k) if primary.get(k) is not None else fallback.get(k) for k in keys}


def _area(comp: Competency, current: float | None, target: int, mode: str) -> dict[str, Any]:
    gap = None if current is None else target - current
    return {"competency": comp.id, "current": scoring.rounded(current), "target": target,
            "gap": scoring.rounded(gap), "weight": comp.weight,
            "priority": scoring.rounded(gap * comp.weight) if gap is not None else None, "mode": mode}


def choose_focus(model: CompetencyModel, scores: Scores, targets: Mapping[str, int] | None,
                 n: int, ratings: Mapping[str, int | None] | None = None) -> list[dict[str, Any]]:
    """The ``n`` focus areas (see the module's rules), best first.

    With targets they are the development areas of :func:`careerkit.core.scoring.choose_lists`
    (the one rule every view uses), at most ``n`` of them."""
    order = {c.id: i for i, c in enumerate(model.competencies)}
    if targets:
        results = _results(model, scores, targets, ratings)
        _, unmet = scoring.choose_lists(model, results, True, n)
        if unmet:
            return [_area(comp, scores.get(c), targets[c], "role")
                    for c in unmet if (comp := model.competency(c)) is not None]  # the model's own ids: all found
    below = [c for c in model.competencies
             if scores.get(c.id) is not None and scores[c.id] < model.max_level]  # type: ignore[operator]  # not None where compared
    below.sort(key=lambda c: (scores[c.id], -c.weight, order[c.id]))
    return [_area(c, scores[c.id], min(model.max_level, math.floor(scores[c.id]) + 1), "stretch")  # type: ignore[arg-type]  # below holds scored competencies only
            for c in below[:n]]


def _results(model: CompetencyModel, scores: Scores, targets: Mapping[str, int] | None,
             ratings: Mapping[str, int | None] | None) -> dict[str, scoring.CompetencyResult]:
    """Per competency the scoring result on these scores against ``targets`` (gates judged on ``ratings``)."""
    out = {}
    for comp in model.competencies:
        value, target = scores.get(comp.id), (targets or {}).get(comp.id)
        values = [ratings.get(f"{comp.id}.{i.id}") for i in comp.indicators] if ratings is not None else []
        rated = sum(1 for v in values if v is not None) if ratings is not None else (
            len(comp.indicators) if value is not None else 0)
        met = None if target is None else scoring.meets(comp, target, value, ratings)
        out[comp.id] = scoring.CompetencyResult(value, target, None if target is None or value is None
                                                else target - value, met, rated, len(comp.indicators), comp.gate)
    return out


def interim_target(model: CompetencyModel, current: float | None, target: int, horizon: int) -> int:
    """The level a plan of ``horizon`` days aims at on the way to ``target``.

    At most one level per 90 days of horizon (at least one level) above ``current``,
    rounded down to a level of the scale; ``target`` itself when that is within reach
    (or when there is no current score)."""
    if current is None:
        return target
    allowed = max(1, horizon // 90)
    if target - current <= allowed + 1e-9:
        return target
    reach = [lv for lv in model.levels if current < lv <= current + allowed + 1e-9]
    if reach:
        return min(reach[-1], target)
    return min(next((lv for lv in model.levels if lv > current), target), target)


def basis_ratings(model: CompetencyModel, self_ratings: Mapping[str, int | None],
                  mentor_ratings: Mapping[str, int | None] | None) -> dict[str, int | None]:
    """The ratings of the mentor basis: per competency the mentor's, or the self ratings where the
    mentor rated none of its indicators (so the basis scores are exactly their means)."""
    out: dict[str, int | None] = {}
    for comp in model.competencies:
        ids = [f"{comp.id}.{i.id}" for i in comp.indicators]
        mentor_rated = mentor_ratings is not None and any(mentor_ratings.get(i) is not None for i in ids)
        source = self_ratings if mentor_ratings is None or not mentor_rated else mentor_ratings
        out.update({i: source.get(i) for i in ids})
    return out


MANAGER_BASES = ("manager", "mentor")  # "mentor": the manager basis as plans saved before 360° reviews name it


def pooled_basis(model: CompetencyModel, pooled: Mapping[str, Any]
                 ) -> tuple[dict[str, float | None], dict[str, float | None]]:
    """The *others* basis from the report's pooled figures: (indicator means, competency means).

    Only the figures the report shows: a withheld item's mean is ``None`` there and stays
    unrated here, with no other rater's (or self's) rating standing in."""
    indicators = pooled.get("indicators") or {}
    competencies = pooled.get("competencies") or {}
    ratings = {iid: (indicators.get(iid) or {}).get("mean") for iid in model.indicator_ids()}
    scores = {c.id: (competencies.get(c.id) or {}).get("mean") for c in model.competencies}
    return ratings, scores


def actions_for(comp: Competency) -> list[dict[str, Any]]:
    """The competency's activities in learning order, with their 70-20-10 effort share (%)."""
    chosen: dict[ActivityKind, list[int]] = {kind: [] for kind in LEARNING_ORDER}
    for index, activity in enumerate(comp.activities):
        kind = ActivityKind(activity.kind)
        if len(chosen[kind]) < CAPS[kind]:
            chosen[kind].append(index)
    present = [k for k in LEARNING_ORDER if chosen[k]]
    total = sum(MIX[k] for k in present)
    out = []
    for kind in present:
        share = 100.0 * MIX[kind] / total / len(chosen[kind])
        out += [{"kind": kind.value, "activity": i, "share": round(share, 1)} for i in chosen[kind]]
    return out


def schedule(per_area: list[list[dict[str, Any]]], start: date, horizon: int) -> list[tuple[int, int]]:
    """Set each action's ``due`` (ISO date), interleaving the areas; the order they fall due."""
    sequence: list[tuple[int, int]] = []
    for position in range(max((len(a) for a in per_area), default=0)):
        sequence += [(area, position) for area, acts in enumerate(per_area) if position < len(acts)]
    n = len(sequence)
    for j, (area, position) in enumerate(sequence, start=1):
        per_area[area][position]["due"] = (start + timedelta(days=horizon * j // n)).isoformat()
    return sequence


def milestone_dates(start: date, horizon: int) -> list[date]:
    return [start + timedelta(days=horizon * i // 3) for i in (1, 2, 3)]


def milestones(focus: list[dict[str, Any]], start: date, horizon: int) -> list[dict[str, Any]]:
    """Check-points at a third, two thirds and the end: actions due since the last, levels expected."""
    out = []
    previous = start.isoformat()
    for number, when in enumerate(milestone_dates(start, horizon), start=1):
        day = when.isoformat()
        due = [[a, i] for a, area in enumerate(focus) for i, act in enumerate(area["actions"])
               if previous < act["due"] <= day]
        expect = [{"competency": area["competency"],
                   "level": None if area["current"] is None
                   else round(area["current"] + (area["target"] - area["current"]) * number / 3, 1)}
                  for area in focus]
        out.append({"number": number, "date": day, "actions": due, "expect": expect})
        previous = day
    return out


def level_anchors(indicator: Indicator, level: int) -> dict[str, int | None]:
    """Which anchors describe ``level``: its own (``exact``), else the nearest ``below`` and ``above``.

    Never the next higher anchor alone as if it were this level's: a text shows both
    neighbours, each labelled (:func:`level_text`)."""
    levels = sorted(indicator.anchors)
    if level in indicator.anchors:
        return {"level": level, "exact": level, "below": None, "above": None}
    below = [lv for lv in levels if lv < level]
    above = [lv for lv in levels if lv > level]
    return {"level": level, "exact": None, "below": below[-1] if below else None,
            "above": above[0] if above else None}


def level_text(model: CompetencyModel, indicator: Indicator, level: int) -> Message:
    """What ``level`` looks like for ``indicator``: ``3: …``; ``between 3: … and 5: …``;
    ``beyond 3: …`` or ``short of 5: …`` with one neighbour; or that the indicator describes no level."""
    found = level_anchors(indicator, level)

    def text(lv: int | None) -> Localized | str:
        return Localized(indicator.anchors[lv], model.language) if lv is not None else ""

    below, above = found["below"], found["above"]
    if found["exact"] is not None:
        return Message("scores.level_exact", level=level, text=text(level))
    if below is not None and above is not None:
        return Message("scores.level_between", level=level, below=below, below_text=text(below), above=above,
                       above_text=text(above))
    if below is not None:
        return Message("scores.level_beyond", level=level, below=below, below_text=text(below))
    if above is not None:
        return Message("scores.level_short", level=level, above=above, above_text=text(above))
    return Message("scores.level_none")


def evidence(comp: Competency, ratings: Mapping[str, int | None], target: int) -> list[dict[str, Any]]:
    """Indicators rated below ``target`` (or not rated), with the anchor level that shows it."""
    out = []
    for ind in comp.indicators:
        iid = f"{comp.id}.{ind.id}"
        value = ratings.get(iid)
        if value is None or value < target:
            out.append({"indicator": iid, "level": target, "rated": value})
    return out


def strengths(model: CompetencyModel, scores: Scores, targets: Mapping[str, int] | None,
              exclude: set[str], n: int = 3, ratings: Mapping[str, int | None] | None = None) -> list[str]:
    """The strengths of :func:`careerkit.core.scoring.choose_lists` (met or untargeted, highest
    score first, ties in model order), outside ``exclude``."""
    results = _results(model, scores, targets, ratings)
    results = {cid: r for cid, r in results.items() if cid not in exclude}
    return scoring.choose_lists(model, results, True, n)[0]  # untargeted ones count as strengths


def snapshot(model: CompetencyModel, self_scores: Scores, mentor_scores: Scores | None, basis_scores: Scores,
             targets: Mapping[str, int] | None, ratings: Mapping[str, int | None] | None = None
             ) -> list[dict[str, Any]]:
    """Every competency: self, mentor and basis score against the target role's target (gates on ``ratings``)."""
    out = []
    for comp in model.competencies:
        score = basis_scores.get(comp.id)
        target = (targets or {}).get(comp.id)
        met = None if target is None else scoring.meets(comp, target, score, ratings)
        gap = None if target is None or score is None else scoring.rounded(target - score)
        out.append({"competency": comp.id, "self": scoring.rounded(self_scores.get(comp.id)),
                    "mentor": scoring.rounded(mentor_scores.get(comp.id)) if mentor_scores is not None else None,
                    "score": scoring.rounded(score), "target": target, "gap": gap, "met": met})
    return out


def build_plan(model: CompetencyModel, assessment: AssessmentRecord, *, review: ReviewRecord | None,
               basis: str, target_role: str | None, horizon: int, focus: int, start: date,
               created_at: datetime, quiz: Mapping[str, Any] | None = None,
               pooled: Mapping[str, Any] | None = None) -> PlanRecord:
    """A development plan record for ``assessment`` (and its ``review``), as it will be stored.

    ``review`` is the manager's (a mentor review, or a request's manager answer in its shape);
    ``pooled`` the report's *others* (``{"competencies", "indicators"}``, each ``{"mean"}``),
    required for ``basis="others"``.

    ``model`` is the exact model version the assessment was taken on. ``target_role`` None
    plans without a role (lowest scores first). ``quiz``, the person's latest quiz on the model:
    the scenarios it missed on a focus competency become that goal's ``lessons``.
    """
    role = model.role(target_role) if target_role else None
    targets = dict(role.targets) if role else None
    self_scores = scoring.competency_scores(model, assessment["ratings"])
    mentor_scores = scoring.competency_scores(model, review["ratings"]) if review else None
    ratings: Mapping[str, Any] = assessment["ratings"]  # levels; on the others basis pooled means
    basis_scores: Mapping[str, float | None] = self_scores
    if basis in MANAGER_BASES and review is not None and mentor_scores is not None:
        ratings = basis_ratings(model, assessment["ratings"], review["ratings"])
        basis_scores = scoring.competency_scores(model, ratings)
    elif basis == "others":
        if pooled is None:
            raise LookupError("others")  # the CLI refuses this before building
        ratings, basis_scores = pooled_basis(model, pooled)
    areas = choose_focus(model, basis_scores, targets, focus, ratings)
    for area in areas:
        comp = model.competency(area["competency"])
        if comp is None:  # chosen from the model
            raise LookupError(area["competency"])
        area["role_target"] = area["target"]
        area["target"] = interim_target(model, area["current"], area["role_target"], horizon)
        area.update(status="active", status_at=None, actions=actions_for(comp),
                    evidence=evidence(comp, ratings, area["target"]), lessons=lessons(model, quiz, comp.id))
    schedule([a["actions"] for a in areas], start, horizon)
    end = start + timedelta(days=horizon)
    return {
        "id": new_id(), "person": assessment["person"], "created_at": created_at.isoformat(),
        "assessment": assessment["id"], "assessment_taken_at": assessment["taken_at"],
        "review": review["id"] if review else None, "mentor": review["mentor"] if review else None,
        "model": ModelRef(**assessment["model"]), "role": assessment.get("role"), "target_role": target_role,
        "basis": basis, "horizon": horizon, "start": start.isoformat(), "end": end.isoformat(),
        "review_date": end.isoformat(),
        "overall": scoring.rounded(scoring.overall(model, basis_scores)),
        "readiness": scoring.rounded(scoring.readiness(model, role, basis_scores, ratings)) if role else None,
        "focus": cast("list[Goal]", areas),  # completed in place above
        "milestones": cast("list[Milestone]", milestones(areas, start, horizon)),
        "snapshot": snapshot(model, self_scores, mentor_scores, basis_scores, targets, ratings),
        "strengths": strengths(model, basis_scores, targets, {a["competency"] for a in areas}, ratings=ratings),
        "mentor_notes": {"comment": review.get("comment") if review else None,
                         "indicators": dict(review.get("notes") or {}) if review else {}},
    }


def lessons(model: CompetencyModel, quiz: Mapping[str, Any] | None, competency: str) -> list[str]:
    """The scenarios of ``quiz`` answered with less than full credit that measure ``competency``, worst first."""
    if quiz is None:
        return []
    from careerkit.core.quiz import measured_competencies, missed

    return [s.id for s in missed(model, quiz) if competency in measured_competencies(model, s)]


SAME_PLAN_KEYS = ("person", "assessment", "review", "basis", "min_raters", "target_role", "horizon", "start")


def same_plan(a: PlanRecord, b: PlanRecord) -> bool:
    """Whether two plans say the same thing: the same assessment, review, choices and start day,
    on the same model version, with the same focus areas (goal statuses aside)."""
    return (all(a.get(k) == b.get(k) for k in SAME_PLAN_KEYS)
            and a["model"].get("digest") == b["model"].get("digest")
            and [f["competency"] for f in a["focus"]] == [f["competency"] for f in b["focus"]])


def goal_index(plan: PlanRecord, ref: str, names: Mapping[str, str] | None = None) -> int:
    """The focus area a user means by ``ref``: its number (1-based), its competency id, or the
    competency's name in ``names`` (id → name in the user's language, as the plan shows it)."""
    areas = plan["focus"]
    names = names or {}
    ref = ref.strip()
    if ref.isdigit() and 1 <= int(ref) <= len(areas):
        return int(ref) - 1
    for i, area in enumerate(areas):
        if ref in (area["competency"], names.get(area["competency"])):
            return i
    known = Listing.of((f"{i} {names.get(a['competency'], a['competency'])}"
                        for i, a in enumerate(areas, start=1)), "-")
    raise InputError("plan.unknown_goal", goal=ref, plan=plan["id"], known=known)


def with_goal_status(plan: PlanRecord, ref: str, status: str, at: datetime,
                     names: Mapping[str, str] | None = None) -> PlanRecord:
    """A copy of ``plan`` with one goal's status set (``active``, ``done`` or ``dropped``)."""
    if status not in STATUSES:
        raise InputError("plan.bad_status", status=status, known=", ".join(STATUSES))
    index = goal_index(plan, ref, names)
    areas = [Goal(**a) for a in plan["focus"]]
    areas[index].update({"status": status, "status_at": at.isoformat()})
    return {**plan, "focus": areas}


def progress(plan: PlanRecord, later: AssessmentRecord, later_scores: Scores,
             baseline: Scores | None = None) -> dict[str, Any]:
    """How far a later assessment (``later_scores``) got toward each target.

    ``then`` is the area's score when planned (``current``), or ``baseline[competency]`` when
    given: the later scores must be compared with the plan-time scores *of the same rater*
    (a mentor-based plan followed by a self-assessment without a new review compares self
    with self, never the mentor's old view with the person's new one).
    percent = (now − then) ÷ (target − then) × 100, kept within 0–100; reached = now ≥ target.
    """
    areas = []
    for area in plan["focus"]:
        cid = area["competency"]
        now = later_scores.get(cid)
        then = baseline.get(cid) if baseline is not None else area["current"]
        target = area["target"]
        delta = None if now is None or then is None else scoring.rounded(now - then)
        percent = None
        if now is not None and then is not None and target > then:
            percent = round(max(0.0, min(100.0, 100.0 * (now - then) / (target - then))))
        areas.append({"competency": cid, "then": scoring.rounded(then), "now": scoring.rounded(now),
                      "delta": delta, "percent": percent, "reached": now is not None and now >= target})
    return {"assessment": later["id"], "taken_at": later["taken_at"], "areas": areas,
            "scores": {k: scoring.rounded(v) for k, v in later_scores.items()}}


def goal_sentence(*, name: str, current: float | None, target: int, label: str, due: str,
                  role_title: str | None, role_target: int | None = None) -> Message:
    """One SMART goal: specific (the competency), measurable (the level), time-bound (the date).

    An interim target (``role_target`` above ``target``) says that the role's target takes more than one plan."""
    start = Message("plan.goal.from", current=f"{current:.2f}") if current is not None else ""
    key = "plan.goal.sentence_role" if role_title else "plan.goal.sentence"
    if role_title and role_target is not None and role_target > target:
        key = "plan.goal.sentence_interim"
    return Message(key, due=due, name=name, start=start, target=target, label=label, role=role_title or "",
                   role_target=role_target if role_target is not None else target)


# ----------------------------------------------------------------------------- career paths


def ladder(model: CompetencyModel, scores: Scores | None,
           ratings: Mapping[str, int | None] | None = None) -> list[dict[str, Any]]:
    """Every role in model order: targets, next roles, and given ``scores`` the readiness and gaps.

    A gap row is a targeted competency the scores do not meet: ``{competency, score, target, gap}``
    (``gap`` None when the competency has no score).
    """
    out = []
    for role in model.roles:
        entry: dict[str, Any] = {"id": role.id, "targets": dict(role.targets), "next": list(role.next),
                                 "readiness": None, "ready": None, "blocked_by": [], "gaps": []}
        if scores is not None:
            status = scoring.role_status(model, role, scores, ratings)
            entry.update(readiness=scoring.rounded(status.readiness), ready=status.ready,
                         blocked_by=list(status.blocked_by))
            entry["gaps"] = [{"competency": cid, "score": scoring.rounded(scores.get(cid)),
                              "target": role.targets[cid],
                              "gap": None if (score := scores.get(cid)) is None
                              else scoring.rounded(role.targets[cid] - score)}
                             for cid in scoring.gaps_for_role(model, role, scores, ratings)]
        out.append(entry)
    return out


def ladder_roots(model: CompetencyModel) -> list[str]:
    """Roles no other role leads to (the ladder's starting points); all roles if it is a cycle."""
    reached = {n for role in model.roles for n in role.next}
    roots = [r.id for r in model.roles if r.id not in reached]
    return roots or [r.id for r in model.roles]


def _titles(role: Any) -> list[str]:
    return [role.title] if isinstance(role.title, str) else list(role.title.values())


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def role_id_of(model: CompetencyModel, ref: str) -> str | None:
    """The id of the role ``ref`` names (its id, any case, or its title in any language), else None."""
    wanted = _folded(ref)
    for role in model.roles:
        if wanted == role.id.casefold() or any(wanted == _folded(title) for title in _titles(role)):
            return role.id
    return None


def known_roles(model: CompetencyModel) -> Listing:
    """The model's roles as ``id (title)``, for an error that lists them."""
    return Listing.of((Message("roles.titled", id=r.id, title=Localized(r.title, model.language))
                       for r in model.roles), "-")


def resolve_role(model: CompetencyModel, ref: str, key: str = "roles.unknown_role") -> str:
    """The id of the role ``ref`` names: its id, any case, or its title in any language.

    People type what they see (``高级柜员``, ``Senior teller``), so titles count as much as
    ids. An unknown role raises ``key`` with the known roles as ``id (title)``.
    """
    found = role_id_of(model, ref)
    if found is None:
        raise InputError(key, role=ref, model=model.id, known=known_roles(model))
    return found


def role_diff(model: CompetencyModel, a: str, b: str) -> list[dict[str, Any]]:
    """Per competency the targets of roles ``a`` and ``b`` and the change; for a rise, per indicator
    the anchors that describe the new level (:func:`level_anchors`: ``exact``, else ``below``/``above``).

    ``a`` and ``b`` are role ids (see :func:`resolve_role` for what a user may type)."""
    role_a, role_b = model.role(resolve_role(model, a)), model.role(resolve_role(model, b))
    if role_a is None or role_b is None:  # resolved above
        raise LookupError(a if role_a is None else b)
    rows = []
    for comp in model.competencies:
        ta, tb = role_a.targets.get(comp.id), role_b.targets.get(comp.id)
        change = None if ta is None or tb is None else tb - ta
        show = tb is not None and (ta is None or tb > ta)
        rows.append({"competency": comp.id, "a": ta, "b": tb, "change": change,
                     "anchors": [{"indicator": f"{comp.id}.{ind.id}", **level_anchors(ind, tb)}  # type: ignore[arg-type]  # show: tb is set
                                 for ind in comp.indicators if show]})
    return rows
