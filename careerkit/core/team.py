"""Team summaries: each person's latest assessment on a model → the team's picture.

Rules (documented in docs/team-export.md; renderers and outside tools rely on them):

- Each person counts once, with their latest assessment (by ``taken_at``, then id) on the
  model. Scores are recomputed from the ratings by the rules of :mod:`careerkit.core.scoring`, so a
  summary never trusts numbers carried in a bundle.
- Versions: people are grouped by the digest of the model version of that assessment. The
  summary covers one version — the one named (``--model ID@VERSION``), else the one most
  people are on (ties: the one assessed most recently) — and lists everyone on another
  version by name, so incomparable scores are never mixed silently.
- Per competency: n, mean, median, min, max of the scores; ``targeted`` = people with a
  target for it (their role's, or the ``--role`` filter's) and a score; ``below`` = those
  of them under target; ``mean_gap`` = mean of max(0, target − score) over ``targeted``.
- Readiness: :func:`careerkit.core.scoring.readiness` for the person's role and each role
  in its ``next`` list (gate competencies need every indicator at the target); per person
  ``ready``, ``blocked_by``, ``partial``, ``strengths`` and ``development`` as
  :func:`careerkit.core.scoring.score` gives them. Each person counts with their latest
  *complete* assessment (:func:`complete_entries`); skipped partial ones are noted.
  Bench per role: the people for whom the role is ahead on the ladder (or who have no
  role) with readiness ≥ :data:`READY` (ready now) or ≥ :data:`CLOSE` (close).
- Priorities: competencies where more than half of ``targeted`` are below target, ranked
  by ``mean_gap × weight``, with the model's education and social activities.
- Anonymised (``anonymize``): names become pseudonyms (:func:`pseudonym`), record ids are
  dropped and dates shortened to the month; a group figure drawn from fewer than
  ``min_group`` people is withheld (None, listed in ``suppressed``), and when the whole
  group is smaller than ``min_group`` the individual rows are withheld too. A role shared by
  fewer than ``min_group`` of the people would single them out: for them the role and
  everything that gives it away (targets, gaps, readiness, next roles) is withheld as well
  (listed in the person's ``suppressed``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
from dataclasses import dataclass
from typing import Any, TypedDict, cast

from careerkit.core.bundle import normalize_name
from careerkit.core.scoring import Scorer, Sheet, is_partial
from careerkit.core.team_model import ModelView
from careerkit.errors import InputError

SCHEMA = "careerkit/team-summary/v1"
READY = 80.0
CLOSE = 60.0
PSEUDONYM_PREFIX = "P-"

Entry = tuple[str, "dict[str, Any] | None"]


@dataclass(frozen=True)
class Options:
    role: str | None = None
    version: str | None = None
    anonymize: bool = False
    min_group: int = 3
    lang: str = "en"


# ----------------------------------------------------------------------------- pseudonyms


def pseudonym(salt: str, name: str, length: int = 8) -> str:
    """``P-`` and the first ``length`` base32 characters of HMAC-SHA256(team salt, name).

    The same name always gets the same pseudonym in one team (the salt is kept in the
    team store); without the salt a pseudonym cannot be traced back to a name.
    """
    mac = hmac.new(salt.encode("ascii"), normalize_name(name).encode("utf-8"), hashlib.sha256).digest()
    return PSEUDONYM_PREFIX + base64.b32encode(mac).decode("ascii")[:length]


def pseudonyms(salt: str, names: list[str]) -> dict[str, str]:
    """A pseudonym per name; names that would collide get longer ones (the rest stay as they are)."""
    out = {n: pseudonym(salt, n) for n in names}
    by_value: dict[str, list[str]] = {}
    for name, value in out.items():
        by_value.setdefault(value, []).append(name)
    for clashing in by_value.values():
        if len(clashing) > 1:
            for name in clashing:
                out[name] = pseudonym(salt, name, 16)
    return out


# ----------------------------------------------------------------------------- versions


@dataclass
class Versions:
    digest: str
    chosen: list[tuple[str, dict[str, Any]]]
    others: dict[str, list[tuple[str, dict[str, Any]]]]
    not_assessed: list[str]


def split_versions(entries: list[Entry], version: str | None = None) -> Versions:
    """Group people by the model version of their latest assessment and choose the one to summarise."""
    groups: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    not_assessed = []
    for name, record in entries:
        if record is None:
            not_assessed.append(name)
        else:
            groups.setdefault(record["model"]["digest"], []).append((name, record))
    if not groups:
        raise InputError("team.nobody_on_model")
    if version is not None:
        matching = [d for d, members in groups.items()
                    if members[0][1]["model"]["version"] == version or d.startswith(version.lower())]
        if len(matching) != 1:
            known = ", ".join(sorted({m[0][1]["model"]["version"] for m in groups.values()}))
            raise InputError("team.unknown_version", version=version, known=known)
        digest = matching[0]
    else:
        digest = max(groups, key=lambda d: (len(groups[d]), max(r["taken_at"] for _, r in groups[d]), d))
    others = {d: members for d, members in groups.items() if d != digest}
    return Versions(digest, groups[digest], others, not_assessed)


# ----------------------------------------------------------------------------- the summary


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _ahead(model: ModelView) -> dict[str, set[str]]:
    """For each role, the roles above it on the ladder (through ``next``, transitively)."""
    out: dict[str, set[str]] = {}
    for role in model.roles:
        seen: set[str] = set()
        todo = list(role.next)
        while todo:
            rid = todo.pop()
            if rid not in seen:
                seen.add(rid)
                nxt = model.role(rid)
                todo.extend(nxt.next if nxt else [])
        out[role.id] = seen
    return out


def partial(model: ModelView | Scorer, record: dict[str, Any]) -> bool:
    """Whether ``record`` is a partial assessment on ``model`` (its own version), by the scoring rule."""
    scorer = model if isinstance(model, Scorer) else Scorer(model)
    role = scorer.role(record["role"]) if record.get("role") else None
    return is_partial(*scorer.sheet(record["ratings"]).coverage(role))


def _chosen(record: dict[str, Any], scorer_of: Any, records_of: Any) -> tuple[dict[str, Any], bool]:
    """The assessment one person counts with (see :func:`complete_entries`), and whether their
    partial latest one was skipped for it."""
    view = scorer_of(record["model"]["digest"])
    if view is not None and partial(view, record):
        earlier = sorted((r for r in records_of() if r["model"]["id"] == record["model"]["id"]),
                         key=lambda r: (r["taken_at"], r["id"]), reverse=True)
        for candidate in earlier:
            other = scorer_of(candidate["model"]["digest"])
            if other is not None and not partial(other, candidate):
                return candidate, True
    return record, False


def _scorers(view_of: Any) -> Any:
    """``view_of`` as a function giving each version's :class:`Scorer` (made once) or None."""
    scorers: dict[str, Scorer | None] = {}

    def scorer_of(digest: str) -> Scorer | None:
        if digest not in scorers:
            view = view_of(digest)
            scorers[digest] = view if view is None or isinstance(view, Scorer) else Scorer(view)
        return scorers[digest]

    return scorer_of


def complete_entries(entries: list[Entry], view_of: Any, records_of: Any,
                     figures_of: Any = None) -> tuple[list[Entry], list[str]]:
    """Each person's latest complete assessment in place of a partial latest one.

    ``view_of(digest)`` gives the :class:`ModelView` of a version, or its :class:`Scorer`
    (which keeps what it reads of each record for the summary after: None: unknown),
    ``records_of(name)`` the person's assessments on the same model. The names of those
    whose latest was partial and who had a complete one come back as well; someone with
    only partial ones keeps the latest of them.

    ``figures_of(name)``, when given, the person's stored :class:`PersonFigures` on the model
    (None: none): figures that :func:`usable` finds made from this latest assessment, model
    version and rules stand for the assessment they were made of (a record holding only what a
    summary reads of it, and the figures); any others are not trusted, the person is scored anew."""
    out: list[Entry] = []
    skipped: list[str] = []
    scorer_of = _scorers(view_of)
    for name, record in entries:
        if record is not None:
            stored = figures_of(name) if figures_of is not None else None
            if stored is not None and usable(stored, record, scorer_of):
                counted = stored["record"] or record  # None: the latest one itself
                record = {"id": counted["id"], "taken_at": counted["taken_at"], "role": counted.get("role"),
                          "model": counted["model"], "_figures": stored}
                if stored["skipped"]:
                    skipped.append(name)
            else:
                record, skip = _chosen(record, scorer_of, lambda n=name: records_of(n))
                if skip:
                    skipped.append(name)
        out.append((name, record))
    return out, skipped


# ----------------------------------------------------------------------------- stored figures

FIGURES = 1  # the layout of PersonFigures; a figure's basis holds it and scoring.VERSION


class FigureBasis(TypedDict):
    """What a person's figures were made from: they stand only while all of it still holds."""

    rules: list[int]    # [scoring.VERSION, FIGURES]
    latest: list[str]   # [id, taken_at] of the person's latest assessment on the model then
    records: str        # records_digest() of the person's assessments on the model (doctor compares)


class PersonFigures(TypedDict):
    """What a team summary needs of one person on one model, made once at `team import`
    (``people[].figures[model_id]`` in the team's index): the assessment counted (the latest
    complete one, :func:`complete_entries`) and its figures by :class:`Scorer`, unrounded, in
    the model's order of competencies."""

    basis: FigureBasis
    record: dict[str, Any] | None    # id, taken_at, role, model of the assessment counted, when not the latest
    skipped: bool                    # the latest one was partial and an earlier complete one counts
    partial: bool
    scores: list[float | None]       # per competency
    overall: float | None
    met: list[bool | None] | None    # per competency, against the record's role (None: no role)
    readiness: list[float | None]    # readiness for each role of the model, in its order
    ready: bool | None
    blocked_by: list[str]
    strengths: list[str]
    development: list[str]
    check: str                       # figures_check() of all the above


def records_digest(records: list[dict[str, Any]]) -> str:
    """sha256 of a person's assessments on one model (any order in, one digest out)."""
    import orjson

    ordered = sorted(records, key=lambda r: (str(r.get("taken_at")), str(r.get("id"))))
    return hashlib.sha256(orjson.dumps(ordered, option=orjson.OPT_SORT_KEYS)).hexdigest()[:32]


_CHECKED = ("basis", "record", "skipped", "partial", "scores", "overall", "met", "readiness", "ready", "blocked_by",
            "strengths", "development")


def figures_check(figures: Any) -> str:
    """The digest a figure carries of itself (of all but ``check``): an edited one no longer matches it."""
    import orjson

    return hashlib.sha256(orjson.dumps([figures[key] for key in _CHECKED])).hexdigest()[:24]


def person_figures(latest: dict[str, Any], records: list[dict[str, Any]], view_of: Any) -> PersonFigures | None:
    """A person's figures on the model of ``latest`` (their latest assessment on it), from all their
    ``records`` (assessments) on that model; None when the model version counted is unknown
    (``view_of(digest)`` None): such a person is read as they are at every summary."""
    from careerkit.core import scoring

    scorer_of = _scorers(view_of)
    on_model = [r for r in records if r["model"]["id"] == latest["model"]["id"]]
    record, skipped = _chosen(latest, scorer_of, lambda: on_model)
    scorer = scorer_of(record["model"]["digest"])
    if scorer is None:
        return None
    sheet = scorer.sheet(record["ratings"])
    role = scorer.role(record["role"]) if record.get("role") else None
    status = sheet.status(role) if role is not None else None
    strengths, development = sheet.lists(role)
    figures: dict[str, Any] = {
        "basis": {"rules": [scoring.VERSION, FIGURES], "latest": [latest["id"], latest["taken_at"]],
                  "records": records_digest(on_model)},
        "record": None if record is latest else {"id": record["id"], "taken_at": record["taken_at"],
                                                 "role": record.get("role"), "model": dict(record["model"])},
        "skipped": skipped,
        "partial": is_partial(*sheet.coverage(role)),
        "scores": list(sheet.scores), "overall": sheet.overall(),
        "met": list(sheet.met(role)) if role is not None else None,
        "readiness": [sheet.readiness(r) for r in scorer.model.roles],
        "ready": status.ready if status else None, "blocked_by": list(status.blocked_by) if status else [],
        "strengths": strengths, "development": development,
    }
    figures["check"] = figures_check(figures)
    return cast("PersonFigures", figures)


def usable(figures: Any, latest: dict[str, Any], scorer_of: Any) -> bool:
    """Whether stored figures stand for ``latest``: made by these rules and this layout, when
    it was the latest, on a model version the team has, and not changed since (their check)."""
    from careerkit.core import scoring

    try:
        basis = figures["basis"]
        if (basis["rules"] != [scoring.VERSION, FIGURES] or basis["latest"] != [latest["id"], latest["taken_at"]]
                or figures["check"] != figures_check(figures)):
            return False
        scorer = scorer_of((figures["record"] or latest)["model"]["digest"])
        return (scorer is not None and len(figures["scores"]) == len(scorer.ids)
                and (figures["met"] is None or len(figures["met"]) == len(scorer.ids))
                and len(figures["readiness"]) == len(scorer.model.roles))
    except (KeyError, TypeError, AttributeError):
        return False


def _person(scorer: Scorer, name: str, record: dict[str, Any], titles: dict[str, str],
            made: dict[Any, Any] | None = None) -> dict[str, Any]:
    """One person's row; the figures of :func:`careerkit.core.scoring.score` through the team's :class:`Scorer`
    (stored ones, :class:`PersonFigures`, when the record stands for them)."""
    if "_figures" in record:
        return _person_from(scorer, name, record, titles, {} if made is None else made)
    sheet = scorer.sheet(record["ratings"])
    role = scorer.role(record["role"]) if record.get("role") else None
    targets = role.targets if role else {}
    cells = {}
    wanted: list[int | None] = []
    for cid, value, met in zip(scorer.ids, sheet.scores, sheet.met(role), strict=True):
        score = None if value is None else round(value, 2)
        if met is None:
            cells[cid] = {"score": score, "target": None, "gap": None, "met": None}
            wanted.append(None)
        else:
            target = targets[cid]
            cells[cid] = {"score": score, "target": target,
                          "gap": None if value is None else round(target - value, 2), "met": met}
            wanted.append(target)
    next_roles = {}
    status = None
    if role is not None:
        status = sheet.status(role)
        for rid in role.next:
            nxt = scorer.role(rid)
            if nxt is not None:
                next_roles[rid] = _r(sheet.readiness(nxt))
    strengths, development = sheet.lists(role)
    raw_overall = sheet.overall()
    return {
        "name": name, "role": role.id if role else None,
        "role_title": titles[role.id] if role else None,
        "taken_at": record["taken_at"], "assessment": record["id"],
        "overall": _r(raw_overall),
        "readiness": _r(status.readiness) if status else None,
        "ready": status.ready if status else None, "blocked_by": list(status.blocked_by) if status else [],
        "partial": is_partial(*sheet.coverage(role)),
        "strengths": strengths, "development": development,
        "next_roles": next_roles, "scores": cells, "suppressed": [], "_raw": sheet.scores,
        "_sheet": sheet, "_raw_overall": raw_overall, "_targets": wanted,
    }


def _person_from(scorer: Scorer, name: str, record: dict[str, Any], titles: dict[str, str],
                 made: dict[Any, Any]) -> dict[str, Any]:
    """One person's row from their stored figures (``record["_figures"]``, beside the assessment's id,
    date, role and model): the same row as :func:`_person` makes from the ratings.

    ``made`` keeps what is the same for many people: each role's targets and next roles, and
    each distinct cell (a few dozen among thousands; nothing changes a cell once made)."""
    figures: PersonFigures = record["_figures"]
    role = scorer.role(record["role"]) if record.get("role") else None
    laid = made.get(role.id if role else None)
    if laid is None:
        wanted = [role.targets.get(cid) for cid in scorer.ids] if role else [None] * len(scorer.ids)
        nexts = [rid for rid in role.next if scorer.role(rid) is not None] if role else []
        laid = made[role.id if role else None] = (wanted, nexts, [r.id for r in scorer.model.roles])
    wanted, nexts, role_ids = laid
    ready_by = dict(zip(role_ids, figures["readiness"], strict=True))  # a duplicate role id: the same value
    keys = list(zip(figures["scores"], wanted, figures["met"] or wanted, strict=True))  # (score, target, met)
    found = list(map(made.get, keys))
    if None in found:
        for i, (value, target, met) in enumerate(keys):
            if found[i] is None:
                found[i] = made[keys[i]] = {
                    "score": None if value is None else round(value, 2), "target": target,
                    "gap": None if value is None or target is None else round(target - value, 2), "met": met}
    cells = dict(zip(scorer.ids, found, strict=True))
    raw_overall = figures["overall"]
    return {
        "name": name, "role": role.id if role else None,
        "role_title": titles[role.id] if role else None,
        "taken_at": record["taken_at"], "assessment": record["id"],
        "overall": _r(raw_overall),
        "readiness": _r(ready_by[role.id]) if role else None,
        "ready": figures["ready"] if role else None, "blocked_by": list(figures["blocked_by"]) if role else [],
        "partial": figures["partial"],
        "strengths": list(figures["strengths"]), "development": list(figures["development"]),
        "next_roles": {rid: _r(ready_by[rid]) for rid in nexts}, "scores": cells, "suppressed": [],
        "_raw": figures["scores"], "_sheet": ready_by, "_raw_overall": raw_overall, "_targets": wanted,
    }


def _fmean(values: list[float]) -> float:
    """``statistics.fmean``, the same arithmetic (its sum by ``math.fsum``, over the count): importing
    statistics, which brings fractions, decimal and random, cost a summary about 15 ms."""
    return math.fsum(values) / len(values)


def _median(ordered: list[float]) -> float:
    """``statistics.median`` of values already sorted, the same arithmetic."""
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _stats(model: ModelView, people: list[dict[str, Any]], options: Options) -> list[dict[str, Any]]:
    rows = []
    # by competency: everyone's unrounded score and target ("_raw", "_targets": in model order)
    empty: list[tuple[Any, ...]] = [()] * len(model.competencies)
    raws = list(zip(*(p["_raw"] for p in people), strict=True)) or empty
    targets = list(zip(*(p["_targets"] for p in people), strict=True)) or empty
    for comp, column, wanted in zip(model.competencies, raws, targets, strict=True):
        values = sorted(raw for raw in column if raw is not None)  # the median, least and most of them in one sort
        gaps = [max(0.0, target - raw) for raw, target in zip(column, wanted, strict=True)
                if target is not None and raw is not None]
        row: dict[str, Any] = {
            "competency": comp.id, "name": model.text(comp.name, options.lang), "weight": comp.weight,
            "n": len(values),
            "mean": _r(_fmean(values)) if values else None,
            "median": _r(_median(values)) if values else None,
            "min": _r(values[0]) if values else None, "max": _r(values[-1]) if values else None,
            "targeted": len(gaps), "below": len(gaps) - gaps.count(0.0),  # a gap is never below 0
            "mean_gap": _r(_fmean(gaps)) if gaps else None, "suppressed": [],
        }
        if options.anonymize:
            if len(values) < options.min_group:
                row["suppressed"] += ["n", "mean", "median", "min", "max"]
            if len(gaps) < options.min_group:
                row["suppressed"] += ["targeted", "below", "mean_gap"]
            for key in row["suppressed"]:
                row[key] = None
        rows.append(row)
    return rows


def _priorities(model: ModelView, stats: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    out = []
    for row in stats:
        if not row["targeted"] or row["below"] is None or row["below"] * 2 <= row["targeted"]:
            continue
        comp = model.competency(row["competency"])
        if comp is None:  # the rows are the model's competencies
            raise LookupError(row["competency"])
        activities = {kind: [model.text(a.text, lang) for a in comp.activities if a.kind == kind]
                      for kind in ("education", "social")}
        out.append({
            "competency": comp.id, "name": row["name"], "weight": comp.weight,
            "below": row["below"], "targeted": row["targeted"],
            "share_below": _r(100.0 * row["below"] / row["targeted"]),
            "mean_gap": row["mean_gap"], "priority": _r((row["mean_gap"] or 0.0) * comp.weight),
            **activities,
        })
    out.sort(key=lambda p: (-p["priority"], -p["share_below"], p["competency"]))
    return out


def _bench(model: ModelView, people: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    ahead = _ahead(model)
    out = []
    for role in model.roles:
        ready, close, candidates = [], [], 0
        for person in people:
            current = person["role"]
            if current == role.id or (current is not None and role.id not in ahead.get(current, set())):
                continue
            candidates += 1
            sheet = person["_sheet"]  # a Sheet, or a person's stored readiness by role
            value = sheet[role.id] if isinstance(sheet, dict) else cast("Sheet", sheet).readiness(role)
            entry = {"name": person["name"], "role": current, "readiness": _r(value)}
            if value is not None and value >= READY:
                ready.append(entry)
            elif value is not None and value >= CLOSE:
                close.append(entry)
        for group in (ready, close):
            group.sort(key=lambda e: (-(e["readiness"] or 0), e["name"]))
        out.append({"role": role.id, "title": model.text(role.title, lang), "candidates": candidates,
                    "ready": ready, "close": close})
    return out


def summarize(team: str, view: ModelView | Scorer, versions: Versions, *, salt: str, options: Options,
              generated_at: str) -> dict[str, Any]:
    """The team summary as plain JSON-ready data (numbers rounded to 2 decimals); ``view``: the model
    version's :class:`ModelView`, or its :class:`Scorer` (the one :func:`complete_entries` used)."""
    scorer = view if isinstance(view, Scorer) else Scorer(view)
    model: ModelView = scorer.model
    role_filter = _role_filter(model, options.role)
    members = [(n, r) for n, r in versions.chosen if role_filter is None or r.get("role") == role_filter.id]
    titles = {r.id: model.text(r.title, options.lang) for r in reversed(model.roles)}  # the first of an id
    made: dict[Any, Any] = {}
    people = [_person(scorer, n, r, titles, made) for n, r in members]
    stats = _stats(model, people, options)
    overall = [p["_raw_overall"] for p in people if p["_raw_overall"] is not None]
    team_overall = {"n": len(overall), "mean": _r(_fmean(overall)) if overall else None}
    notes: list[dict[str, Any]] = []
    withheld = options.anonymize and len(people) < options.min_group
    if options.anonymize and len(overall) < options.min_group:
        team_overall = {"n": None, "mean": None}
    summary: dict[str, Any] = {
        "schema": SCHEMA, "team": team, "generated_at": generated_at, "lang": options.lang,
        "anonymized": options.anonymize, "min_group": options.min_group if options.anonymize else None,
        "thresholds": {"ready": READY, "close": CLOSE},
        "model": {"id": model.id, "version": model.version, "digest": versions.digest,
                  "title": model.text(model.title, options.lang)},
        "scale": {"min": model.min_level, "max": model.max_level,
                  "levels": [{"level": lv.level, "label": model.text(lv.label, options.lang)} for lv in model.scale]},
        "role_filter": role_filter.id if role_filter else None,
        "roles": [{"id": r.id, "title": model.text(r.title, options.lang)} for r in model.roles],
        "competencies": [{"id": c.id, "name": model.text(c.name, options.lang), "weight": c.weight}
                         for c in model.competencies],
        "people_count": len(people),
        "people": [] if withheld else people,
        "stats": stats, "team_overall": team_overall,
        "bench": _bench(model, [] if withheld else people, options.lang),
        "priorities": _priorities(model, stats, options.lang),
        "other_versions": [
            {"version": members[0][1]["model"]["version"], "digest": digest,
             "people": [{"name": n, "taken_at": r["taken_at"]} for n, r in members]}
            for digest, members in sorted(versions.others.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ],
        "not_assessed": list(versions.not_assessed),
        "notes": notes,
    }
    for person in people:
        person.pop("_raw")
        person.pop("_raw_overall")
        person.pop("_sheet")
        person.pop("_targets")
    if versions.others:
        notes.append({"code": "other_versions", "count": sum(len(m) for m in versions.others.values()),
                      "version": model.version})
    if withheld:
        notes.append({"code": "rows_withheld", "count": len(people), "min_group": options.min_group})
    unranked = sum(1 for row in stats if "below" in row["suppressed"])
    if unranked:
        notes.append({"code": "priorities_withheld", "count": unranked, "min_group": options.min_group})
    if options.anonymize:
        _withhold_rare_roles(summary, options.min_group)
        _anonymize(summary, salt)
    return summary


ROLE_REVEALING = ("role", "readiness", "next_roles", "targets", "ready", "blocked_by", "development")


def _withhold_rare_roles(summary: dict[str, Any], min_group: int) -> None:
    """Withhold the role of people whose role fewer than ``min_group`` of them share, and what gives it away."""
    sizes: dict[str, int] = {}
    for person in summary["people"]:
        if person["role"] is not None:
            sizes[person["role"]] = sizes.get(person["role"], 0) + 1
    rare = {p["name"] for p in summary["people"] if p["role"] is not None and sizes[p["role"]] < min_group}
    for person in summary["people"]:
        if person["name"] in rare:
            person.update(role=None, role_title=None, readiness=None, next_roles={}, ready=None, blocked_by=[],
                          development=[], strengths=[], suppressed=list(ROLE_REVEALING))
            person["scores"] = {cid: {**cell, "target": None, "gap": None, "met": None}  # a cell may be shared
                                for cid, cell in person["scores"].items()}
    for bench in summary["bench"]:
        for entry in (*bench["ready"], *bench["close"]):
            if entry["name"] in rare:
                entry["role"] = None


def _role_filter(model: ModelView, role_id: str | None) -> Any:
    """The role named by ``--role``: its id, or its title in any of the model's languages (柜员)."""
    if role_id is None:
        return None
    role = model.role(role_id)
    wanted = normalize_name(role_id).casefold()
    for candidate in model.roles if role is None else ():
        titles = candidate.title.values() if isinstance(candidate.title, dict) else [candidate.title]
        if any(normalize_name(title).casefold() == wanted for title in titles):
            role = candidate
            break
    if role is None:
        raise InputError("team.unknown_role", role=role_id, model=model.id,
                         known=", ".join(r.id for r in model.roles) or "-")
    return role


def _anonymize(summary: dict[str, Any], salt: str) -> None:
    names = [p["name"] for p in summary["people"]]
    names += [p["name"] for v in summary["other_versions"] for p in v["people"]]
    names += summary["not_assessed"]
    alias = pseudonyms(salt, names)
    for person in summary["people"]:
        person["name"] = alias[person["name"]]
        person["assessment"] = None
        person["taken_at"] = person["taken_at"][:7]
    for bench in summary["bench"]:
        for group in (bench["ready"], bench["close"]):
            for entry in group:
                entry["name"] = alias[entry["name"]]
            group.sort(key=lambda e: (-(e["readiness"] or 0), e["name"]))
    for version in summary["other_versions"]:
        for person in version["people"]:
            person["name"] = alias[person["name"]]
            person["taken_at"] = person["taken_at"][:7]
        version["people"].sort(key=lambda p: p["name"])
    # every list re-sorted by pseudonym: an order by real name would give names away
    summary["not_assessed"] = sorted(alias[n] for n in summary["not_assessed"])
    summary["people"].sort(key=lambda p: p["name"])


# ----------------------------------------------------------------------------- rows


JSONL_COLUMNS = (
    "team", "model_id", "model_version", "model_digest", "person", "role", "taken_at",
    "competency", "competency_name", "weight", "score", "target", "gap", "met", "below_target",
)


def rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per person × competency (the JSON Lines export; columns :data:`JSONL_COLUMNS`)."""
    model = summary["model"]
    names = {c["id"]: c for c in summary["competencies"]}
    out = []
    for person in summary["people"]:
        for cid, cell in person["scores"].items():
            score, target = cell["score"], cell["target"]
            out.append({
                "team": summary["team"], "model_id": model["id"], "model_version": model["version"],
                "model_digest": model["digest"], "person": person["name"], "role": person["role"],
                "taken_at": person["taken_at"], "competency": cid, "competency_name": names[cid]["name"],
                "weight": names[cid]["weight"], "score": score, "target": target, "gap": cell["gap"],
                "met": cell["met"],
                "below_target": None if score is None or cell["met"] is None else not cell["met"],
            })
    return out
