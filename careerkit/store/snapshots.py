"""A copy of every model version an assessment was taken on, by digest.

``<home>/models/<digest>.json`` holds the model's canonical JSON, so a later edit or
removal of the model file never breaks old history. Snapshots are written once and
never change (the digest is their content's name).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from careerkit.store import files

if TYPE_CHECKING:
    from careerkit.model.loader import LoadedModel
    from careerkit.model.schema import CompetencyModel


def path_of(snapshots_dir: Path, digest: str) -> Path:
    if not digest.isalnum():
        raise ValueError(digest)
    return snapshots_dir / f"{digest}.json"


def save(snapshots_dir: Path, loaded: LoadedModel) -> None:
    """Keep the model's snapshot (call under the lock); nothing to do if it is there."""
    from careerkit.model.loader import canonical_json

    target = path_of(snapshots_dir, loaded.digest)
    if target.exists():
        return
    files.ensure_dir(snapshots_dir)
    files.atomic_write(target, canonical_json(loaded.model).encode("utf-8"))


def load(snapshots_dir: Path, digest: str) -> CompetencyModel | None:
    from careerkit.model.loader import from_snapshot

    target = path_of(snapshots_dir, digest)
    try:
        raw = files.read_file(target, files.MAX_STORE)
    except FileNotFoundError:
        return None
    except OSError as exc:
        from careerkit.errors import EnvironmentFailure

        raise EnvironmentFailure("files.read_failed", path=str(target), error=exc.strerror or str(exc)) from None
    try:
        return from_snapshot(raw)
    except ValueError:
        from careerkit.errors import StoreDamaged

        raise StoreDamaged("files.store_unparsable", path=str(target), error="not a model snapshot") from None
