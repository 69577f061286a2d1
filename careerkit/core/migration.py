"""Model versions and migration maps: carrying ratings from an earlier version into a later one.

A model file may declare, under ``migrations:``, how an earlier version of the same model
id maps onto it: ``{old full indicator id: new full id, or None when dropped}``. The
rules, exactly:

- versions compare numerically by dotted parts (``1.10.0`` > ``1.9.0``; trailing ``.0``
  parts do not count, so ``1.0`` = ``1.0.0``; a part with letters compares by its leading
  number, then by its text);
- an old id listed in the map goes to its new id (or is dropped for None); an old id not
  listed keeps its id when the newer version has it, and is dropped when it has not;
- several old ids mapped onto one new id (a merge) give it the mean of their ratings;
- a newer model without a map from the old version is reached through an intermediate
  version when the newer model maps that intermediate version and careerkit has that
  version's model with a map from the old one (1.0.0 → 1.5.0 → 2.0.0); else there is no
  map, and only identical ids are carried;
- *shared* indicators are those of the newer model reached by an old one, *dropped* the
  old ones that reach none, *new* the newer model's indicators nothing reaches.

Stored records are never rewritten: carried ratings are scored on the newer model when
they are shown (:func:`carried_record`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careerkit.model.schema import CompetencyModel, Migration

# a model of this id at the given version, when careerkit has one (a snapshot or a catalog file)
Lookup = Callable[[str], "CompetencyModel | None"]

MAP = "map"  # carried through declared migration maps
IDENTICAL = "identical"  # no map between the versions: identical ids only
SAME_VERSION = "same-version"  # one version (possibly edited without a new version number)

_PART = re.compile(r"(\d*)(.*)\Z", re.DOTALL)
_MAX_HOPS = 32


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """A sort key for a version: dotted parts compared as numbers (``1.10.0`` > ``1.9.0``)."""
    parts: list[tuple[int, str]] = []
    for part in version.strip().split("."):
        match = _PART.match(part)
        digits, rest = (match.group(1), match.group(2)) if match else ("", part)
        parts.append((int(digits) if digits else -1, rest))
    while len(parts) > 1 and parts[-1] == (0, ""):
        parts.pop()
    return tuple(parts)


def is_earlier(a: str, b: str) -> bool:
    """Whether version ``a`` comes before version ``b``."""
    return version_key(a) < version_key(b)


@dataclass(frozen=True)
class Carry:
    """Where each indicator of an older version goes in a newer model."""

    from_version: str
    to_version: str
    kind: str  # MAP, IDENTICAL or SAME_VERSION
    via: tuple[str, ...]  # intermediate versions passed through, oldest first
    targets: dict[str, str | None]  # old full id → new full id, None when dropped (old order)
    new_model_ids: tuple[str, ...]  # the newer model's indicators, in model order

    @property
    def shared_ids(self) -> list[str]:
        reached = {new for new in self.targets.values() if new is not None}
        return [iid for iid in self.new_model_ids if iid in reached]

    @property
    def dropped_ids(self) -> list[str]:
        return [old for old, new in self.targets.items() if new is None]

    @property
    def new_ids(self) -> list[str]:
        reached = {new for new in self.targets.values() if new is not None}
        return [iid for iid in self.new_model_ids if iid not in reached]

    @property
    def renamed(self) -> dict[str, str]:
        return {old: new for old, new in self.targets.items() if new is not None and new != old}

    def ratings(self, old: Mapping[str, Any]) -> dict[str, Any]:
        """Old ratings as ratings of the newer model (every indicator of it; None = not rated)."""
        pooled: dict[str, list[Any]] = {}
        for old_id, new_id in self.targets.items():
            value = old.get(old_id)
            if new_id is not None and value is not None:
                pooled.setdefault(new_id, []).append(value)
        out: dict[str, Any] = {}
        for iid in self.new_model_ids:
            values = pooled.get(iid)
            out[iid] = None if not values else values[0] if len(values) == 1 else sum(values) / len(values)
        return out


def _hops(old_version: str, model: CompetencyModel, lookup: Lookup,
          depth: int = 0) -> list[tuple[Migration, CompetencyModel]] | None:
    """The maps that lead from ``old_version`` to ``model``, oldest first; None when there are none."""
    old = version_key(old_version)
    direct = next((m for m in model.migrations if version_key(m.from_) == old), None)
    if direct is not None:
        return [(direct, model)]
    if depth >= _MAX_HOPS:
        return None
    later = [m for m in model.migrations if old < version_key(m.from_) < version_key(model.version)]
    for migration in sorted(later, key=lambda m: version_key(m.from_), reverse=True):
        middle = lookup(migration.from_)
        if middle is None or middle.id != model.id or version_key(middle.version) != version_key(migration.from_):
            continue
        rest = _hops(old_version, middle, lookup, depth + 1)
        if rest is not None:
            return [*rest, (migration, model)]
    return None


def plan(old_ids: Iterable[str], old_version: str, model: CompetencyModel, lookup: Lookup | None = None) -> Carry:
    """How indicators ``old_ids`` of version ``old_version`` carry into ``model``."""
    new_ids = tuple(model.indicator_ids())
    known = set(new_ids)
    current: dict[str, str | None] = {oid: oid for oid in old_ids}
    via: tuple[str, ...] = ()
    if version_key(old_version) == version_key(model.version):
        kind = SAME_VERSION
    else:
        hops = _hops(old_version, model, lookup or (lambda _version: None))
        kind = MAP if hops is not None else IDENTICAL
        via = tuple(hop_model.version for _, hop_model in (hops or [])[:-1])
        for migration, hop_model in hops or []:
            hop_ids = set(hop_model.indicator_ids())
            for oid, cur in current.items():
                if cur is None:
                    continue
                current[oid] = migration.indicators.get(cur, cur if cur in hop_ids else None)
    targets = {oid: (cur if cur in known else None) for oid, cur in current.items()}
    return Carry(old_version, model.version, kind, via, targets, new_ids)


def carried_record(record: Mapping[str, Any], model: CompetencyModel, carry: Carry) -> dict[str, Any]:
    """``record`` with its ratings carried into ``model`` and scored there (the stored record is untouched).

    Its role is kept when ``model`` has it; else it is scored without a role.
    """
    from careerkit.core import scoring

    ratings = carry.ratings(record["ratings"])
    role = record.get("role") if record.get("role") and model.role(record["role"]) else None
    scores = scoring.score(model, ratings, role)
    return {**record, "role": role, "ratings": ratings, "scores": scoring.scores_json(scores)}


def carried_review(review: Mapping[str, Any], carry: Carry) -> dict[str, Any]:
    """A mentor's review of an older record, its ratings carried like the record's."""
    return {**review, "ratings": carry.ratings(review["ratings"])}


def summary_json(carry: Carry) -> dict[str, Any]:
    """Counts and ids for ``--json``: ``shared``, ``dropped``, ``new`` and the lists behind them."""
    return {
        "shared": len(carry.shared_ids), "dropped": len(carry.dropped_ids), "new": len(carry.new_ids),
        "shared_ids": carry.shared_ids, "dropped_ids": carry.dropped_ids, "new_ids": carry.new_ids,
        "renamed": carry.renamed,
        "migration": {"from": carry.from_version, "to": carry.to_version, "kind": carry.kind,
                      "via": list(carry.via)},
    }


def map_counts(migration: Migration) -> dict[str, int]:
    """How many indicators a map renames, drops and lists unchanged (for `models show`)."""
    renamed = sum(1 for old, new in migration.indicators.items() if new is not None and new != old)
    dropped = sum(1 for new in migration.indicators.values() if new is None)
    return {"renamed": renamed, "dropped": dropped, "kept": len(migration.indicators) - renamed - dropped}


def unknown_old_ids(model: CompetencyModel, lookup: Lookup) -> list[tuple[int, str, str]]:
    """Old ids of each map that the snapshot of that version does not have, when careerkit has one.

    ``(migration index, old id, version)`` for each; a version careerkit has no model of is not checked.
    """
    found = []
    for index, migration in enumerate(model.migrations):
        old = lookup(migration.from_)
        if old is None or old.id != model.id:
            continue
        ids = set(old.indicator_ids())
        found += [(index, oid, migration.from_) for oid in migration.indicators if oid not in ids]
    return found
