"""A copy of every model version an assessment was taken on, by digest.

``<home>/models/<digest>.json`` holds the model's canonical JSON, so a later edit or
removal of the model file never breaks old history. Snapshots are written once and
never change (the digest is their content's name).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from careerkit.errors import EnvironmentFailure, StoreDamaged
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


def matches_digest(path: Path) -> bool:
    """Whether the snapshot file's content is what its name (the digest) says; OSError if unreadable."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest() == path.stem


def role_titles(snapshots_dir: Path, digest: str, lang: str) -> dict[str, str] | None:
    """Role id → title in ``lang``, read from the snapshot's JSON without building the model,
    so `history` to a pipe names roles and still loads no schema. None: no intact snapshot."""
    import hashlib
    import json

    try:
        raw = files.read_file(path_of(snapshots_dir, digest), files.MAX_STORE)
    except OSError:  # FileTooLarge is one too
        return None
    if hashlib.sha256(raw).hexdigest() != digest:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("roles"), list):
        return None
    default = data.get("language") if isinstance(data.get("language"), str) else "en"
    out = {}
    for role in data["roles"]:
        if not isinstance(role, dict) or not isinstance(role.get("id"), str):
            continue
        title = role.get("title")
        if isinstance(title, dict):
            title = next((title[c] for c in (lang, default, "en") if isinstance(title.get(c), str)),
                         next((v for v in title.values() if isinstance(v, str)), None))
        if isinstance(title, str):
            out[role["id"]] = title
    return out


def load(snapshots_dir: Path, digest: str) -> CompetencyModel | None:
    from careerkit.model.loader import from_snapshot

    target = path_of(snapshots_dir, digest)
    try:
        raw = files.read_file(target, files.MAX_STORE)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise EnvironmentFailure("files.read_failed", path=str(target), error=exc.strerror or str(exc)) from None
    if files.sha256(raw).hexdigest() != digest:  # its name is its seal
        raise StoreDamaged("doctor.snapshot_digest", path=str(target))
    try:
        return from_snapshot(raw)
    except ValueError:
        raise StoreDamaged("files.store_unparsable", path=str(target), error="not a model snapshot") from None


def of_version(snapshots_dir: Path, model_id: str, version: str) -> CompetencyModel | None:
    """A snapshot of model ``model_id`` at ``version`` (compared as versions: 1.0 = 1.0.0), if one is kept.

    Unreadable or foreign files in the folder are passed over: this only looks for a model to read.
    """
    import json

    from careerkit.core.migration import version_key
    from careerkit.model.loader import from_snapshot

    wanted = version_key(version)
    try:
        paths = sorted(snapshots_dir.glob("*.json"))
    except OSError:
        return None
    for path in paths:
        try:
            raw = path.read_bytes()
            head = json.loads(raw)
        except (OSError, ValueError):
            continue
        if (isinstance(head, dict) and head.get("id") == model_id and isinstance(head.get("version"), str)
                and version_key(head["version"]) == wanted and files.sha256(raw).hexdigest() == path.stem):
            try:
                return from_snapshot(raw)
            except ValueError:
                continue
    return None
