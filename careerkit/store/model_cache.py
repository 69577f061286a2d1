"""Validated models kept by their file's sha256, so a model file read before costs no pydantic.

``<home>/cache/models/<sha256 of the file's bytes>.json`` is a sealed store file
(:func:`careerkit.store.files.seal`: the checksum of every byte before it closes it) holding
the model's canonical JSON, its digest and the careerkit version that validated it::

    {"schema": "careerkit/model-cache/v1", "careerkit": "X.Y.Z", "file_sha256": HEX,
     "digest": HEX, "canonical": "<canonical JSON text>", "model": {the model, maps in the file's order},
     "_checksum": HEX}

(The canonical text sorts every map; a model read from its file keeps the file's order, which
some screens show, so the entry keeps both.) A cached model is trusted only when the seal holds,
the names agree, the digest is the sha256 of the canonical text, the model holds just what that
text holds, and it reads through :func:`careerkit.model.schema.read`.
Anything else is a damaged cache entry: the caller is told (a notice) and the model file is
validated again and the entry rebuilt. An entry of another careerkit version is simply stale
(the rules may have changed): it is validated again, silently. The cache is derived data:
failing to write it never fails a command, and removing the folder is always safe.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.errors import CareerkitError, StoreDamaged
from careerkit.store import files

if TYPE_CHECKING:
    from careerkit.model.schema import CompetencyModel

SCHEMA = "careerkit/model-cache/v1"
STALE = 3600  # seconds: a temporary file older than this in the cache folder was left by a killed write

Notice = Callable[[str, dict[str, Any]], None]  # (message key, its parameters)


def folder_of(home: Path) -> Path:
    return home / "cache" / "models"


class ModelCache:
    """The model cache of one home; ``notice(key, params)`` hears of a damaged entry (rebuilt)."""

    def __init__(self, home: Path, notice: Notice | None = None) -> None:
        self.folder = folder_of(home)
        self.notice = notice
        self.pending: dict[str, CompetencyModel] = {}

    def _path(self, file_sha256: str) -> Path:
        if len(file_sha256) != 64 or not file_sha256.isalnum():
            raise ValueError(file_sha256)
        return self.folder / f"{file_sha256}.json"

    def get(self, file_sha256: str) -> CompetencyModel | None:
        """The model validated from a file of these bytes, or None (not cached, stale, or damaged)."""
        from careerkit import __version__

        path = self._path(file_sha256)
        try:
            if not path.exists():
                return None
            data = files.read_sealed(path)
        except StoreDamaged as exc:
            self._damaged(path, exc.message())
            return None
        except (CareerkitError, OSError):  # unreadable: validate the file instead
            return None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            self._damaged(path, "not a model cache entry")
            return None
        if data.get("careerkit") != __version__:
            return None  # validated by another version: validate again, quietly
        try:
            return _model_of(data, file_sha256)
        except ValueError as exc:
            self._damaged(path, str(exc)[:200])
            return None

    def put(self, file_sha256: str, model: CompetencyModel) -> None:
        """Keep a model validated from a file of these bytes, when the command ends well (:meth:`flush`)."""
        self._path(file_sha256)
        self.pending[file_sha256] = model

    def flush(self) -> None:
        """Write the models validated during a command that succeeded (best effort: never an error).

        Only then: a command that fails or is refused leaves the home folder exactly as it was."""
        from careerkit import __version__
        from careerkit.model.loader import canonical_json, digest, to_data

        pending, self.pending = self.pending, {}
        if pending:
            self._clean()
        for file_sha256, model in pending.items():
            entry: dict[str, object] = {"schema": SCHEMA, "careerkit": __version__, "file_sha256": file_sha256,
                                        "digest": digest(model), "canonical": canonical_json(model),
                                        "model": to_data(model)}
            try:
                files.ensure_dir(self.folder)
                files.atomic_write(self._path(file_sha256), files.seal(entry))
            except (CareerkitError, OSError):
                return  # a full disk or a read-only home: the next run validates again

    def _clean(self) -> None:
        """Remove what a write killed half-way left here (older than an hour: never another process's
        write in progress; the cache takes no lock, its entries are derived data)."""
        import time

        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return
        for entry in entries:
            with suppress(OSError):
                if (entry.name.startswith(".") and files.TMP_MARK in entry.name and entry.is_file(follow_symlinks=False)
                        and entry.stat(follow_symlinks=False).st_mtime < time.time() - STALE):
                    os.unlink(entry.path)

    def _damaged(self, path: Path, reason: str) -> None:
        if self.notice is not None:
            self.notice("models.cache_damaged", {"path": str(path), "reason": reason})
        with suppress(OSError):  # the entry is rebuilt by the put that follows the validation
            os.unlink(path)


def _model_of(data: dict[str, Any], file_sha256: str) -> CompetencyModel:
    """The cached model, every claim checked; ValueError says which does not hold."""
    import hashlib
    import json

    from careerkit.model.schema import read

    text, digest = data.get("canonical"), data.get("digest")
    if data.get("file_sha256") != file_sha256:
        raise ValueError("the entry names another file")
    if not isinstance(text, str) or not isinstance(digest, str):
        raise ValueError("no model in the entry")
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
        raise ValueError("the model does not match its digest")
    ordered = data.get("model")
    if not isinstance(ordered, dict):
        raise ValueError("no model in the entry")
    same = {k: v for k, v in ordered.items() if v or k not in ("rater_groups", "checklists")}  # omitted when empty
    if json.loads(text) != same:  # the same content (a dict's order aside) as the text its digest is of
        raise ValueError("the model does not match its digest")
    return read(ordered, text)
