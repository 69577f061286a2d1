"""Ratings → competency scores, overall score, gaps, readiness, coverage, strengths and development.

The rules, exactly (later features and outside tools rely on them):

- competency score = mean of its rated indicators (skipped ones left out); none if none rated;
- overall = mean of the competency scores weighted by competency weight (competencies
  without a score are left out); none if no competency has a score;
- with a role, per targeted competency: gap = target − score; met = score ≥ target (a
  competency without a score has no gap and is not met). A **gate** competency
  (``gate: true`` in the model) meets its target only when every one of its indicators is
  rated at or above the target: a skipped indicator does not meet it. Its score is still the mean;
- readiness = total weight of met competencies ÷ total weight of targeted competencies,
  as a percentage; none for a role without targets; ``ready`` = every target met;
  ``blocked_by`` = the gate competencies whose target is not met, in model order;
- the same readiness, ``ready`` and ``blocked_by`` are computed for each role in the role's
  ``next`` list;
- coverage: ``rated`` of ``indicators`` (the model's); an assessment is **partial** when
  fewer than half of the model's indicators are rated (``2 × rated < indicators``), or when
  a competency the role targets has no rated indicator;
- a competency with fewer than half of its indicators rated has **not enough answers**: it
  is in neither of the two lists below;
- strengths and development, with a role that has targets: development = the targeted
  competencies that are not met, ranked by gap × weight (a gate competency whose mean
  reaches the target has as its gap the shortfall of its weakest indicator), larger first, ties in model
  order, at most 3; strengths = competencies that are met or not targeted, ranked by score,
  higher first, ties in model order, at most 3. A competency is never in both lists.
  Without a role (or a role without targets): the 3 highest and the 3 lowest scores, ties
  in model order, no overlap (with fewer than 6 scored, the upper half are strengths).

Scores are kept unrounded here; records and JSON output round them to 2 decimals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

if TYPE_CHECKING:
    from careerkit.core.assessment import AssessmentScores, NextRole
    from careerkit.model import schema

    CompetencyModel: TypeAlias = schema.CompetencyModel
    Role: TypeAlias = schema.Role

Ratings = Mapping[str, int | None]
LIST_SIZE = 3
VERSION = 1  # of the rules above: raise it when a rule gives other results (figures stored by it are redone)


@dataclass(frozen=True)
class CompetencyResult:
    score: float | None
    target: int | None = None
    gap: float | None = None
    met: bool | None = None
    rated: int = 0
    indicators: int = 0
    gate: bool = False

    @property
    def enough(self) -> bool:
        """At least half of the competency's indicators rated (else "not enough answers")."""
        return 2 * self.rated >= self.indicators and self.rated > 0


@dataclass(frozen=True)
class RoleStatus:
    readiness: float | None
    ready: bool
    blocked_by: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scores:
    overall: float | None
    readiness: float | None
    competencies: dict[str, CompetencyResult]
    next_roles: dict[str, RoleStatus] = field(default_factory=dict)
    strengths: list[str] = field(default_factory=list)
    development: list[str] = field(default_factory=list)
    partial: bool = False
    rated: int = 0
    indicators: int = 0
    ready: bool | None = None
    blocked_by: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # targeted competencies with no rating


def _values(comp: Any, ratings: Ratings) -> list[int | None]:
    return [ratings.get(f"{comp.id}.{ind.id}") for ind in comp.indicators]


def competency_scores(model: CompetencyModel, ratings: Ratings) -> dict[str, float | None]:
    """Mean rating of each competency's rated indicators."""
    out: dict[str, float | None] = {}
    for comp in model.competencies:
        rated = [v for v in _values(comp, ratings) if v is not None]
        out[comp.id] = sum(rated) / len(rated) if rated else None
    return out


def overall(model: CompetencyModel, scores: Mapping[str, float | None]) -> float | None:
    total = weight = 0.0
    for comp in model.competencies:
        score = scores.get(comp.id)
        if score is not None:
            total += score * comp.weight
            weight += comp.weight
    return total / weight if weight else None


def meets(comp: Any, target: int, score: float | None, ratings: Ratings | None) -> bool:
    """Whether a competency meets ``target``: score ≥ target; for a gate, every indicator ≥ target.

    A gate not met although its mean reaches the target has as its gap the shortfall of its
    weakest rated indicator (a skipped one counts as not met, not as a level).

    ``ratings`` None (only scores known) judges a gate by its score alone."""
    if getattr(comp, "gate", False) and ratings is not None:
        return all(v is not None and v >= target for v in _values(comp, ratings))
    return score is not None and score >= target


def role_status(model: CompetencyModel, role: Role, scores: Mapping[str, float | None],
                ratings: Ratings | None = None) -> RoleStatus:
    """Readiness (weighted share of met targets), ``ready`` and the gate competencies blocking it."""
    met = targeted = 0.0
    all_met = True
    blocked: list[str] = []
    for comp in model.competencies:
        target = role.targets.get(comp.id)
        if target is None:
            continue
        targeted += comp.weight
        if meets(comp, target, scores.get(comp.id), ratings):
            met += comp.weight
        else:
            all_met = False
            if getattr(comp, "gate", False):
                blocked.append(comp.id)
    return RoleStatus(100.0 * met / targeted if targeted else None, all_met, blocked)


def readiness(model: CompetencyModel, role: Role, scores: Mapping[str, float | None],
              ratings: Ratings | None = None) -> float | None:
    """Percentage of targeted weight whose competency meets its target (gates need ``ratings``)."""
    return role_status(model, role, scores, ratings).readiness


def coverage(model: CompetencyModel, ratings: Ratings, role: Role | None = None) -> tuple[int, int, list[str]]:
    """``(rated, indicators, missing)``: rated indicators, all of the model's, and the role's
    targeted competencies without any rating (model order)."""
    rated = total = 0
    missing = []
    for comp in model.competencies:
        values = _values(comp, ratings)
        count = sum(1 for v in values if v is not None)
        rated += count
        total += len(values)
        if role is not None and comp.id in role.targets and count == 0:
            missing.append(comp.id)
    return rated, total, missing


def is_partial(rated: int, indicators: int, missing: list[str]) -> bool:
    return 2 * rated < indicators or bool(missing)


def choose_lists(model: CompetencyModel, results: Mapping[str, CompetencyResult],
                 targeted: bool, n: int = LIST_SIZE) -> tuple[list[str], list[str]]:
    """``(strengths, development)`` by the module's rules; ``targeted``: the results carry a role's targets."""
    competencies: list[Any] = list(model.competencies)
    order = {c.id: i for i, c in enumerate(competencies)}
    weight = {c.id: c.weight for c in competencies}
    usable = [(cid, r) for cid, r in results.items() if cid in order and r.enough and r.score is not None]
    if targeted:
        unmet = [(cid, r) for cid, r in usable if r.target is not None and not r.met]
        unmet.sort(key=lambda x: (-max(0.0, x[1].gap or 0.0) * weight[x[0]], order[x[0]]))
        good = [(cid, r) for cid, r in usable if r.target is None or r.met]
        good.sort(key=lambda x: (-(x[1].score or 0.0), order[x[0]]))
        return [c for c, _ in good[:n]], [c for c, _ in unmet[:n]]
    ranked = sorted(usable, key=lambda x: (-(x[1].score or 0.0), order[x[0]]))
    n_strong = min(n, (len(ranked) + 1) // 2)
    n_weak = min(n, len(ranked) - n_strong)
    strong = [c for c, _ in ranked[:n_strong]]
    ascending = sorted(usable, key=lambda x: (x[1].score or 0.0, order[x[0]]))
    weak = [c for c, _ in ascending if c not in strong][:n_weak]
    return strong, weak


def score(model: CompetencyModel, ratings: Ratings, role_id: str | None = None) -> Scores:
    """All scores of one set of ratings, against ``role_id`` when given."""
    by_comp = competency_scores(model, ratings)
    role = model.role(role_id) if role_id else None
    results: dict[str, CompetencyResult] = {}
    for comp in model.competencies:
        value = by_comp[comp.id]
        rated = sum(1 for v in _values(comp, ratings) if v is not None)
        target = role.targets.get(comp.id) if role else None
        gap = met = None
        if target is not None:
            met = meets(comp, target, value, ratings)
            gap = target - value if value is not None else None
            if not met and gap is not None and gap <= 0:  # a gate whose mean meets the target: its weakest
                gap = float(target - min((v for v in _values(comp, ratings) if v is not None), default=target))
        results[comp.id] = CompetencyResult(value, target, gap, met, rated, len(comp.indicators),
                                            bool(getattr(comp, "gate", False)))
    next_roles: dict[str, RoleStatus] = {}
    status = None
    if role is not None:
        status = role_status(model, role, by_comp, ratings)
        for next_id in role.next:
            next_role = model.role(next_id)
            if next_role is not None:
                next_roles[next_id] = role_status(model, next_role, by_comp, ratings)
    rated, total, missing = coverage(model, ratings, role)
    strengths, development = choose_lists(model, results, bool(role is not None and role.targets))
    return Scores(
        overall=overall(model, by_comp),
        readiness=status.readiness if status else None,
        competencies=results,
        next_roles=next_roles,
        strengths=strengths, development=development,
        partial=is_partial(rated, total, missing), rated=rated, indicators=total,
        ready=status.ready if status else None,
        blocked_by=list(status.blocked_by) if status else [],
        missing=missing,
    )


def gaps_for_role(model: CompetencyModel, role: Role, scores: Mapping[str, float | None],
                  ratings: Ratings | None = None) -> list[str]:
    """Competencies that stand between these scores and ``role``, in model order."""
    return [
        comp.id for comp in model.competencies
        if (target := role.targets.get(comp.id)) is not None
        and not meets(comp, target, scores.get(comp.id), ratings)
    ]


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def role_json(status: RoleStatus) -> NextRole:
    return {"readiness": rounded(status.readiness), "ready": status.ready, "blocked_by": list(status.blocked_by)}


def scores_json(scores: Scores) -> AssessmentScores:
    """The ``scores`` part of a record, numbers rounded to 2 decimals."""
    return {
        "overall": rounded(scores.overall),
        "readiness": rounded(scores.readiness),
        "competencies": {
            cid: {"score": rounded(r.score), "target": r.target, "gap": rounded(r.gap), "met": r.met,
                  "rated": r.rated, "indicators": r.indicators}
            for cid, r in scores.competencies.items()
        },
        "next_roles": {rid: role_json(v) for rid, v in scores.next_roles.items()},
        "strengths": list(scores.strengths),
        "development": list(scores.development),
        "partial": scores.partial,
        "rated": scores.rated,
        "indicators": scores.indicators,
        "ready": scores.ready,
        "blocked_by": list(scores.blocked_by),
    }


def record_partial(record: Mapping[str, Any]) -> bool:
    """Whether a saved record is partial (its stored ``scores.partial``)."""
    return bool(record.get("scores", {}).get("partial"))


R = TypeVar("R", bound=Mapping[str, Any])


def latest_complete(records: Sequence[R]) -> tuple[R | None, list[R]]:
    """The newest record that is not partial (``records`` oldest first), and the partial ones newer than it."""
    skipped: list[R] = []
    for record in reversed(records):
        if not record_partial(record):
            return record, skipped[::-1]
        skipped.append(record)
    return None, skipped[::-1]



def from_stored(model: CompetencyModel, stored: Mapping[str, Any], role_id: str | None) -> dict[str, object]:
    """The ``scores`` of a record saved before coverage and gates, completed from what it holds.

    For a record whose model version careerkit no longer has: strengths and development
    from the stored per-competency scores and targets (``model`` gives the order and
    weights; it may be a stand-in with weight 1 each), coverage from the stored counts,
    ``ready`` = every stored target met, and no gate known to block.
    """
    comps = stored.get("competencies") or {}
    results = {cid: CompetencyResult(v.get("score"), v.get("target"), v.get("gap"), v.get("met"),
                                     int(v.get("rated") or 0), int(v.get("indicators") or 0))
               for cid, v in comps.items()}
    rated = sum(r.rated for r in results.values())
    total = sum(r.indicators for r in results.values())
    missing = [cid for cid, r in results.items() if r.target is not None and r.rated == 0]
    targeted = any(r.target is not None for r in results.values())
    strengths, development = choose_lists(model, results, targeted)
    nexts: dict[str, Any] = {}
    for rid, value in (stored.get("next_roles") or {}).items():
        value = value.get("readiness") if isinstance(value, dict) else value
        nexts[rid] = {"readiness": value, "ready": value is not None and value >= 100.0, "blocked_by": []}
    return {
        **{k: stored.get(k) for k in ("overall", "readiness")}, "competencies": comps, "next_roles": nexts,
        "strengths": strengths, "development": development, "partial": is_partial(rated, total, missing),
        "rated": rated, "indicators": total,
        "ready": (all(r.met for r in results.values() if r.target is not None) if role_id else None),
        "blocked_by": [],
    }



class Scorer:
    """The rules above for many people on one model (team summaries): the model's indicator
    keys and each role's targets laid out once, each person's ratings read once into a
    :class:`Sheet`. The same rules and the same arithmetic in the same order as :func:`score`,
    :func:`competency_scores`, :func:`coverage` and :func:`role_status`, so the same results
    (tests/test_scoring.py holds them equal); only the repeated work is gone."""

    def __init__(self, model: CompetencyModel) -> None:
        self.model = model
        self.comps: list[tuple[Any, tuple[str, ...], float, bool]] = [
            (comp, tuple(f"{comp.id}.{ind.id}" for ind in comp.indicators), comp.weight,
             bool(getattr(comp, "gate", False))) for comp in model.competencies]
        self.ids = [comp.id for comp, _, _, _ in self.comps]
        self.keys = [keys for _, keys, _, _ in self.comps]
        self.gates = [gate for _, _, _, gate in self.comps]
        self.indicators = sum(len(keys) for _, keys, _, _ in self.comps)
        self._roles: dict[str, tuple[Role, list[tuple[int, int, float, bool]]]] = {}
        self._sheets: dict[int, Sheet] = {}
        roles: list[Role] = list(model.roles)
        self._by_id = {role.id: role for role in reversed(roles)}  # the first of an id, as model.role

    def role(self, role_id: str) -> Role | None:
        """As ``model.role``."""
        return self._by_id.get(role_id)

    def targets(self, role: Role) -> list[tuple[int, int, float, bool]]:
        """(competency index, target, weight, gate) of a role's targets, in model order."""
        found = self._roles.get(role.id)
        if found is None or found[0] is not role:
            found = (role, [(i, role.targets[comp.id], weight, gate)
                            for i, (comp, _, weight, gate) in enumerate(self.comps) if comp.id in role.targets])
            self._roles[role.id] = found
        return found[1]

    def sheet(self, ratings: Ratings) -> Sheet:
        """One person's ratings laid out by competency, with what every rule reads of them (kept for
        the same ratings object: a summary asks for the sheet of an assessment more than once)."""
        kept = self._sheets.get(id(ratings))
        if kept is not None and kept.ratings is ratings:
            return kept
        get = ratings.get
        scores: list[float | None] = []
        rated: list[int] = []
        reached: list[float | None] = []  # the level a target is met up to: the score; for a gate, its weakest
        for vals, gate in zip([list(map(get, keys)) for keys in self.keys], self.gates, strict=True):
            if None in vals:
                given = [v for v in vals if v is not None]
                value = sum(given) / len(given) if given else None
                rated.append(len(given))
                reached.append(None if gate else value)  # a skipped indicator of a gate does not meet it
            else:
                value = sum(vals) / len(vals)  # type: ignore[arg-type]  # no None among them
                rated.append(len(vals))
                reached.append(min(vals) if gate else value)  # type: ignore[type-var]  # no None among them
            scores.append(value)
        sheet = self._sheets[id(ratings)] = Sheet(self, ratings, scores, rated, reached)
        return sheet


class Sheet:
    """One person's ratings on a :class:`Scorer`'s model (made by :meth:`Scorer.sheet`)."""

    __slots__ = ("_met", "_statuses", "rated", "ratings", "reached", "scorer", "scores")

    def __init__(self, scorer: Scorer, ratings: Ratings, scores: list[float | None], rated: list[int],
                 reached: list[float | None]) -> None:
        self.scorer = scorer
        self.ratings = ratings
        self.scores = scores
        self.rated = rated
        self.reached = reached
        self._statuses: dict[str, RoleStatus] = {}
        self._met: dict[str, list[bool | None]] = {}

    def competency_scores(self) -> dict[str, float | None]:
        """As :func:`competency_scores`."""
        return dict(zip(self.scorer.ids, self.scores, strict=True))

    def overall(self) -> float | None:
        """As :func:`overall`."""
        total = weight = 0.0
        for (_, _, w, _), value in zip(self.scorer.comps, self.scores, strict=True):
            if value is not None:
                total += value * w
                weight += w
        return total / weight if weight else None

    def meets(self, index: int, target: int) -> bool:
        """As :func:`meets` with the ratings: the competency at ``index`` (model order) meets ``target``."""
        reached = self.reached[index]
        return reached is not None and reached >= target

    def met(self, role: Role | None) -> list[bool | None]:
        """Per competency (model order): whether it meets the role's target (None: no target)."""
        if role is None:
            return [None] * len(self.scores)
        found = self._met.get(role.id)
        if found is None:
            targets = role.targets
            found = [None if (target := targets.get(cid)) is None else level is not None and level >= target
                     for cid, level in zip(self.scorer.ids, self.reached, strict=True)]
            self._met[role.id] = found
        return found

    def status(self, role: Role) -> RoleStatus:
        """As :func:`role_status` with the ratings (kept: a role is asked for more than once)."""
        found = self._statuses.get(role.id)
        if found is None:
            met = targeted = 0.0
            all_met = True
            blocked: list[str] = []
            reached = self.reached
            for index, target, weight, gate in self.scorer.targets(role):
                targeted += weight
                level = reached[index]
                if level is not None and level >= target:
                    met += weight
                else:
                    all_met = False
                    if gate:
                        blocked.append(self.scorer.ids[index])
            found = RoleStatus(100.0 * met / targeted if targeted else None, all_met, blocked)
            self._statuses[role.id] = found
        return found

    def readiness(self, role: Role) -> float | None:
        """As :func:`readiness` with the ratings."""
        return self.status(role).readiness

    def coverage(self, role: Role | None = None) -> tuple[int, int, list[str]]:
        """As :func:`coverage`."""
        missing = [] if role is None else [self.scorer.ids[i] for i, _, _, _ in self.scorer.targets(role)
                                           if not self.rated[i]]
        return sum(self.rated), self.scorer.indicators, missing

    def _gap(self, index: int, target: int) -> float | None:
        """A targeted competency's gap as :func:`score` gives it (a met gate's mean, an unmet one's weakest)."""
        value = self.scores[index]
        if value is None:
            return None
        gap = target - value
        if gap <= 0 and not self.meets(index, target):
            values = map(self.ratings.get, self.scorer.comps[index][1])
            gap = float(target - min((v for v in values if v is not None), default=target))
        return gap

    def lists(self, role: Role | None, n: int = LIST_SIZE) -> tuple[list[str], list[str]]:
        """``(strengths, development)`` as :func:`score` gives them (the rules of :func:`choose_lists`,
        on sort keys made directly: a team summary asks this of thousands of people)."""
        targets = role.targets if role is not None else {}
        ids = self.scorer.ids
        usable = [i for i, (value, rated, (_, keys, _, _)) in enumerate(
                  zip(self.scores, self.rated, self.scorer.comps, strict=True))
                  if 2 * rated >= len(keys) and rated > 0 and value is not None]
        scores = self.scores
        if targets:
            met = self.met(role)
            unmet: list[tuple[float, int]] = []
            good: list[tuple[float, int]] = []
            for i in usable:
                if met[i] is False:
                    unmet.append((-max(0.0, self._gap(i, targets[ids[i]]) or 0.0) * self.scorer.comps[i][2], i))
                else:
                    good.append((-(scores[i] or 0.0), i))
            unmet.sort()
            good.sort()
            return [ids[i] for _, i in good[:n]], [ids[i] for _, i in unmet[:n]]
        ranked = sorted((-(scores[i] or 0.0), i) for i in usable)
        n_strong = min(n, (len(ranked) + 1) // 2)
        n_weak = min(n, len(ranked) - n_strong)
        strong = [i for _, i in ranked[:n_strong]]
        ascending = sorted((scores[i] or 0.0, i) for i in usable)
        return [ids[i] for i in strong], [ids[i] for _, i in ascending if i not in strong][:n_weak]

    def score(self, role: Role | None) -> Scores:
        """As :func:`score` for the role (None: without one)."""
        targets = role.targets if role is not None else {}
        results: dict[str, CompetencyResult] = {}
        for index, ((comp, keys, _, gate), value, rated) in enumerate(
                zip(self.scorer.comps, self.scores, self.rated, strict=True)):
            target = targets.get(comp.id)
            met = self.meets(index, target) if target is not None else None
            gap = self._gap(index, target) if target is not None else None
            results[comp.id] = CompetencyResult(value, target, gap, met, rated, len(keys), gate)
        next_roles: dict[str, RoleStatus] = {}
        status = None
        if role is not None:
            status = self.status(role)
            for next_id in role.next:
                next_role = self.scorer.role(next_id)
                if next_role is not None:
                    next_roles[next_id] = self.status(next_role)
        rated_all, total, missing = self.coverage(role)
        strengths, development = self.lists(role)
        return Scores(
            overall=self.overall(), readiness=status.readiness if status else None, competencies=results,
            next_roles=next_roles, strengths=strengths, development=development,
            partial=is_partial(rated_all, total, missing), rated=rated_all, indicators=total,
            ready=status.ready if status else None, blocked_by=list(status.blocked_by) if status else [],
            missing=missing,
        )
