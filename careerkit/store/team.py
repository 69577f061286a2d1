"""The team store: bundles people shared with their team lead, kept apart from anyone's own history.

Layout under ``<home>/data/team/<team-key>/`` (keys are hashes of names, so a name never
becomes a path component)::

    team.json           the index (kind "team"): all that `team list` and `team summary` read
        team            one document: {"name", "salt", "created_at"} — the salt keys the
                        team's pseudonyms and never leaves this file
        people          one document per person: {"name", "key", "bundle_created_at",
                        "imported_at", "counts": {kind: n}, "latest": {model_id: record},
                        "figures": {model_id: figures}} — figures (schema 2): what a summary
                        needs of the person on the model, made at import from their records
                        (core.team.PersonFigures); a summary uses them only while their basis
                        holds, and scores the person anew otherwise
        models          one document per model version: {"digest", "model": canonical object}
    records/<b>.json    the records (kind "team-records"), in 16 shards by the first hex digit
                        of the person's key; one table per person and kind, named
                        "<kind>/<person-key>", each record as it came in its bundle —
                        assessments without their derived ``scores``, which a summary
                        recomputes from the ratings on the pinned model version

Sixteen shards, not a file per person: a first import of 200 people writes 17 fsynced
files instead of 201, a later one rewrites only the shards it touches, and a removal is an
ordinary commit. An import is one session (one commit). A record is known by its id (a
habit without one, by its content's hash): same id and content is unchanged; same id,
other content replaces the stored record if its bundle is at least as new as the newest
applied for that person. Records missing from a newer bundle are kept: imports only add.
Reading bundle files and exporting a person's own records: :mod:`careerkit.store.sharing`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, cast

from careerkit.core.bundle import KINDS, canonical, instant, normalize_name
from careerkit.errors import InputError, NotFoundError
from careerkit.store.database import Session, StoreKind

if TYPE_CHECKING:
    from careerkit.core.bundle import Bundle
    from careerkit.core.team import PersonFigures



class _TeamMemberBase(TypedDict):
    name: str
    key: str                           # person_key(name): names the person's record tables
    bundle_created_at: str             # of the newest bundle applied
    imported_at: str
    counts: dict[str, int]             # kind of records: how many are stored
    latest: dict[str, dict[str, Any]]  # model id: the latest assessment on it, without "scores"


class TeamMember(_TeamMemberBase, total=False):
    """One person's entry in a team's index (``team.json``, table ``people``)."""

    figures: dict[str, PersonFigures]  # model id: the summary's figures (schema 2; made at import)


def _v1_to_v2(document: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 adds each person's stored figures; a schema-1 index has none, and until an import
    (or `doctor --fix`) makes them, a summary scores its people from their ratings as before."""
    return document


TEAM = StoreKind("team", 2, {1: _v1_to_v2}, records={"people": "careerkit.store.team.TeamMember"})
RECORDS = StoreKind("team-records", 1)  # tables "<kind>/<person-key>": the records of a bundle (core.bundle.BundleFile)
DEFAULT_TEAM = "default"
DERIVED = frozenset({"scores"})  # left out of stored assessments and quizzes: recomputed from what was given
INDEX_NAME = "team.json"


def now_iso() -> str:
    return datetime.now().astimezone().replace(microsecond=0).isoformat()


def teams_dir(data_dir: Path) -> Path:
    return data_dir / "team"


def team_key(name: str) -> str:
    return hashlib.sha256(normalize_name(name).encode("utf-8")).hexdigest()[:16]


def person_key(name: str) -> str:
    return hashlib.sha256(normalize_name(name).encode("utf-8")).hexdigest()[:20]


def team_dir(data_dir: Path, name: str) -> Path:
    return teams_dir(data_dir) / team_key(name)


def team_names(work: Session) -> list[str]:
    """The names of the teams in the home folder."""
    folder = teams_dir(work.home / "data")
    try:
        keys = sorted(p.name for p in folder.iterdir() if p.is_dir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    names = []
    for key in keys:
        path = folder / key / INDEX_NAME
        if work.exists(path):
            info = work.db(path, TEAM).table("team").get(doc_id=1)
            if info is not None:
                names.append(info["name"])
    return sorted(names)


def resolve_name(work: Session, name: str | None) -> str:
    """The team a reading command works on: the one named, else "default", else the only team."""
    if name is not None:
        if not normalize_name(name):
            raise InputError("team.empty_name")
        return normalize_name(name)
    names = team_names(work)
    if DEFAULT_TEAM in names or len(names) != 1:
        return DEFAULT_TEAM
    return names[0]


def _record_key(record: dict[str, Any]) -> str:
    rid = record.get("id")
    return rid if isinstance(rid, str) else "sha256:" + hashlib.sha256(canonical(record)).hexdigest()


def _not_older(created_at: str, applied: str) -> bool:
    """Whether a bundle made at ``created_at`` is at least as new as the newest one applied."""
    a, b = instant(created_at), instant(applied)
    return created_at >= applied if a is None or b is None else a >= b


def _after(a: dict[str, Any], b: dict[str, Any] | None) -> bool:
    """Whether assessment ``a`` is later than ``b`` (by taken_at, then id)."""
    return b is None or (a["taken_at"], a["id"]) > (b["taken_at"], b["id"])


@dataclass
class Outcome:
    """What merging one bundle did."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # same id, other content, from a bundle older than the one applied

    @property
    def changed(self) -> bool:
        return bool(self.new or self.updated)


class Team:
    """One team's store, opened in a session."""

    def __init__(self, work: Session, name: str, *, create: bool = False, now: str = "") -> None:
        self.work = work
        self.name = normalize_name(name)
        if not self.name:
            raise InputError("team.empty_name")
        self.dir = team_dir(work.home / "data", self.name)
        self.index_path = self.dir / INDEX_NAME
        if not work.exists(self.index_path) and not create:
            raise self._no_team()
        self.index = work.db(self.index_path, TEAM)
        if self.index.table("team").get(doc_id=1) is None:
            if not create:
                raise self._no_team()
            import secrets  # only here: it imports random, which a summary does not need

            self.index.table("team").insert({"name": self.name, "salt": secrets.token_hex(32),
                                             "created_at": now or now_iso()})
        self._people = {doc["name"]: doc for doc in self.index.table("people").all()}
        self._digests: set[str] | None = None
        self._scorers: dict[str, Any] = {}

    def _no_team(self) -> NotFoundError:
        known = team_names(self.work)
        if not known:
            return NotFoundError("team.no_teams")
        return NotFoundError("team.no_team", team=self.name, known=", ".join(known))

    def _shard(self, name: str) -> Any:
        return self.work.db(self.dir / "records" / f"{person_key(name)[0]}.json", RECORDS)

    @staticmethod
    def _table_name(kind: str, name: str) -> str:
        return f"{kind}/{person_key(name)}"

    # ------------------------------------------------------------------ reading

    @property
    def salt(self) -> str:
        return str(self.index.table("team").get(doc_id=1)["salt"])  # type: ignore[index]  # written when the store is made

    def people(self) -> list[TeamMember]:
        """Every person's index entry, by name."""
        return [cast("TeamMember", dict(self._people[n])) for n in sorted(self._people)]

    def person(self, name: str) -> TeamMember | None:
        entry = self._people.get(normalize_name(name))
        return cast("TeamMember", dict(entry)) if entry is not None else None

    def require(self, name: str) -> TeamMember:
        """A person's index entry, or a clear error naming the people of the team."""
        entry = self.person(name)
        if entry is None:
            raise NotFoundError("team.no_person", person=name, team=self.name,
                                known=", ".join(sorted(self._people)[:12]) or "-")
        return entry

    def digests(self) -> set[str]:
        if self._digests is None:
            self._digests = {doc["digest"] for doc in self.index.table("models").all()}
        return self._digests

    def model(self, digest: str) -> dict[str, Any] | None:
        found = self.index.table("models").search(lambda doc: doc["digest"] == digest)
        return found[0]["model"] if found else None

    def model_ids(self) -> list[str]:
        return sorted({mid for entry in self._people.values() for mid in entry.get("latest", {})})

    def latest_on(self, model_id: str) -> list[tuple[str, dict[str, Any] | None]]:
        """Each person's latest assessment on ``model_id`` (None: none on it), by name."""
        return [(n, self._people[n].get("latest", {}).get(model_id)) for n in sorted(self._people)]

    def figures_on(self, model_id: str) -> Callable[[str], Any]:
        """A person's stored figures on ``model_id`` by name (None: none); :func:`careerkit.core.team.usable`
        says whether they still stand."""
        people = self._people
        return lambda name: people[name].get("figures", {}).get(model_id)

    def records(self, name: str, kind: str) -> list[dict[str, Any]]:
        """A person's stored records of one kind."""
        if normalize_name(name) not in self._people:
            return []
        return [dict(d) for d in self._shard(name).table(self._table_name(kind, name)).all()]

    # ------------------------------------------------------------------ writing

    def merge(self, bundle: Bundle, *, now: str) -> Outcome:
        """Add what is new in ``bundle`` (see the module's rules); writes nothing when nothing is new."""
        entry = self._people.get(bundle.person)
        shard = self._shard(bundle.person)
        newer = entry is None or _not_older(bundle.created_at, entry["bundle_created_at"])
        outcome = Outcome()
        latest = dict(entry["latest"]) if entry else {}
        counts = {}
        for kind in KINDS:
            table = shard.table(self._table_name(kind, bundle.person))
            if bundle.records.get(kind):
                items = bundle.records[kind]
                if kind in ("assessments", "quizzes"):
                    items = [{k: v for k, v in r.items() if k not in DERIVED} for r in items]
                changed = _merge_table(table, items, newer, outcome)
                if kind == "assessments":
                    for record in changed:
                        mid = record["model"]["id"]
                        if _after(record, latest.get(mid)) or latest.get(mid, {}).get("id") == record["id"]:
                            latest[mid] = record
            counts[kind] = len(table)
        self._save_models(bundle)
        if not outcome.changed and entry is not None:
            if self._figures_stand(entry):
                return outcome
            people = self.index.table("people")  # an older index, or other rules: the figures made again
            people.update(_replacer({**entry, "figures": self.figures_of(entry["name"], entry["latest"])}),
                          doc_ids=[entry.doc_id])
            self._people[bundle.person] = people.get(doc_id=entry.doc_id)  # type: ignore[assignment]  # written just above
            return outcome
        fresh = {"name": bundle.person, "key": person_key(bundle.person), "latest": latest, "counts": counts,
                 "imported_at": now,
                 "bundle_created_at": bundle.created_at if newer or entry is None else entry["bundle_created_at"],
                 "figures": self.figures_of(bundle.person, latest)}
        people = self.index.table("people")
        if entry is None:
            doc_id = people.insert(fresh)
        else:
            doc_id = entry.doc_id
            people.update(_replacer(fresh), doc_ids=[doc_id])
        self._people[bundle.person] = people.get(doc_id=doc_id)  # type: ignore[assignment]  # written just above
        return outcome

    def _scorer(self, digest: str) -> Any:
        """The :class:`careerkit.core.scoring.Scorer` of a model version the team holds (None: none, or unreadable)."""
        if digest not in self._scorers:
            from careerkit.core.scoring import Scorer
            from careerkit.model.schema import read

            data = self.model(digest)
            try:
                self._scorers[digest] = None if data is None else Scorer(read(data))
            except (ValueError, KeyError, TypeError, IndexError, AttributeError):
                self._scorers[digest] = None
        return self._scorers[digest]

    def figures_of(self, name: str, latest: dict[str, dict[str, Any]]) -> dict[str, PersonFigures]:
        """A person's figures on each model they have a latest assessment on, made from their stored records."""
        from careerkit.core.team import person_figures

        if not latest:
            return {}
        records = self._shard(name).table(self._table_name("assessments", name)).all()  # merged, in this session
        out = {}
        for mid in sorted(latest):
            figures = person_figures(latest[mid], records, self._scorer)
            if figures is not None:
                out[mid] = figures
        return out

    def _figures_stand(self, entry: dict[str, Any]) -> bool:
        """Whether a person's stored figures are those their records and the rules make now
        (cheaply: each made from the latest assessment it is stored beside, by these rules)."""
        from careerkit.core.team import usable

        stored = entry.get("figures")
        if not isinstance(stored, dict):
            return False
        for mid, record in entry["latest"].items():
            figures = stored.get(mid)
            if figures is None:
                if self._scorer(record["model"]["digest"]) is not None:
                    return False
            elif not usable(figures, record, self._scorer):
                return False
        return stored.keys() <= entry["latest"].keys()

    def _save_models(self, bundle: Bundle) -> None:
        known = self.digests()
        for digest in sorted(bundle.models.keys() - known):
            self.index.table("models").insert({"digest": digest, "model": bundle.models[digest]})
            known.add(digest)

    def remove(self, name: str) -> TeamMember:
        """Take a person and all their records out of the team."""
        entry = self._people[self.require(name)["name"]]
        self.index.table("people").remove(doc_ids=[entry.doc_id])
        shard = self._shard(entry["name"])
        for kind in KINDS:
            table = self._table_name(kind, entry["name"])
            if table in shard.tables():
                shard.drop_table(table)
        del self._people[entry["name"]]
        return cast("TeamMember", dict(entry))


def _stale_figures(work: Session) -> Iterator[tuple[Team, list[tuple[Any, TeamMember]]]]:
    """Each team and its people whose stored figures are not the ones their records, the team's
    model versions and these rules make now (missing ones included: an older index), each with
    the entry as it should be."""
    for name in team_names(work):
        team = Team(work, name)
        stale = []
        for entry in team.index.table("people").all():
            fresh = team.figures_of(entry["name"], entry["latest"])
            if entry.get("figures", {}) != fresh:
                stale.append((entry.doc_id, cast("TeamMember", {**entry, "figures": fresh})))
        yield team, stale


def figure_problems(work: Session) -> list[tuple[str, str]]:
    """(team, person) of each person whose stored figures are not what their records make now."""
    return [(team.name, entry["name"]) for team, stale in _stale_figures(work) for _, entry in stale]


def rebuild_figures(work: Session) -> list[str]:
    """Make again every stored figure that is not what the records make now (`doctor --fix`); the teams changed."""
    changed = []
    for team, stale in list(_stale_figures(work)):
        people = team.index.table("people")
        for doc_id, fresh_entry in stale:
            people.update(_replacer(dict(fresh_entry)), doc_ids=[doc_id])
        if stale:
            changed.append(team.name)
    return changed


def _merge_table(table: Any, items: list[dict[str, Any]], newer: bool, outcome: Outcome) -> list[dict[str, Any]]:
    """Merge one kind of a bundle's records into their table; the records added or replaced."""
    stored = {_record_key(doc): doc for doc in table.all()} if len(table) else {}
    added: list[dict[str, Any]] = []
    replaced: list[dict[str, Any]] = []
    for record in items:
        old = stored.get(_record_key(record))
        if old is None:
            added.append(record)
        elif old == record:
            outcome.unchanged += 1
        elif newer:
            table.update(_replacer(record), doc_ids=[old.doc_id])
            replaced.append(record)
        else:
            outcome.kept += 1
    if added:
        table.insert_multiple(added)
    outcome.new += len(added)
    outcome.updated += len(replaced)
    return added + replaced


def forget_backups(home: Path, team: str, person: str) -> None:
    """After a removal is committed, delete the backups of the index and shard that still hold the person."""
    import contextlib
    import os

    from careerkit.store import files

    folder = team_dir(home / "data", team)
    with files.locked(home):
        for path in (folder / INDEX_NAME, folder / "records" / f"{person_key(person)[0]}.json"):
            for backup in files.backups_of(path):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(backup)


def _replacer(record: dict[str, Any]) -> Callable[[MutableMapping[str, Any]], None]:
    def replace(doc: MutableMapping[str, Any]) -> None:
        doc.clear()
        doc.update(record)

    return replace
