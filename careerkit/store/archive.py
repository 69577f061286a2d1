"""Backup archives of the whole home folder, and restoring them or a rotating backup.

An archive is a gzip-compressed tar file::

    careerkit-backup/manifest.json   {"format": "careerkit/backup/v1", "created_at", "careerkit",
                                      "files": [{"path", "size", "sha256"}, ...], "checksum"}
    careerkit-backup/files/<path>    each file of the home folder, by its relative path

``checksum`` is the sha256 of the canonical JSON of the ``files`` list. An archive is
checked whole before anything is restored: the manifest, every file's size and sha256,
no member outside ``files/``, no link, device or ``..``.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tarfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from careerkit.errors import CareerkitError, EnvironmentFailure, InputError
from careerkit.i18n import t
from careerkit.store import files
from careerkit.store.database import inspect

FORMAT = "careerkit/backup/v1"
ROOT = "careerkit-backup"
MAX_MEMBER = 512 * 1024 * 1024
INCLUDED = ("config.toml", "data", "models", "competencies", "templates")
_ROTATING = re.compile(r"\.bak[0-9]+\Z")


def home_files(home: Path) -> list[Path]:
    """What a backup holds: profile, stores, model snapshots, user models and templates.

    Left out: the lock, temporary files, the rotating ``.bakN`` copies (older versions of
    files already included) and files set aside by a restore.
    """
    out: list[Path] = []
    for name in INCLUDED:
        top = home / name
        if top.is_file():
            out.append(top)
        elif top.is_dir():
            for path in sorted(top.rglob("*")):
                if (path.is_file() and not path.is_symlink() and files.TMP_MARK not in path.name
                        and not _ROTATING.search(path.name) and ".replaced-" not in path.name):
                    out.append(path)
    return out


def _checksum(entries: list[dict[str, Any]]) -> str:
    canonical = json.dumps(entries, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def create(home: Path) -> tuple[bytes, dict[str, Any]]:
    """The archive of ``home`` (call under the lock, for a consistent picture) and its manifest."""
    from careerkit import __version__

    entries = []
    contents: list[tuple[str, bytes]] = []
    for path in home_files(home):
        rel = path.relative_to(home).as_posix()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise EnvironmentFailure("files.read_failed", path=str(path), error=exc.strerror or str(exc)) from None
        entries.append({"path": rel, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
        contents.append((rel, data))
    manifest = {"format": FORMAT, "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "careerkit": __version__,
                "home": str(home), "files": entries, "checksum": _checksum(entries)}
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
        _add(tar, f"{ROOT}/manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
        for rel, data in contents:
            _add(tar, f"{ROOT}/files/{rel}", data)
    return buffer.getvalue(), manifest


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(time.time())
    tar.addfile(info, io.BytesIO(data))


@dataclass
class Verified:
    manifest: dict[str, Any]
    contents: dict[str, bytes]


def _bad(path: Path, reason: str, **params: Any) -> InputError:
    """A refusal naming the archive, and the reason (a ``backup.reason.*`` key) in the user's words."""
    return InputError("backup.bad_archive", path=str(path), reason=t(reason, **params))


def _safe_rel(rel: str) -> bool:
    pure = PurePosixPath(rel)
    return (bool(rel) and not pure.is_absolute() and ".." not in pure.parts and "\\" not in rel
            and pure.parts[0] in INCLUDED and "\x00" not in rel)


def verify(path: Path) -> Verified:
    """Read and check an archive whole; any doubt is a refusal naming the archive and the reason."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("backup.no_file", path=str(path)) from None
    except OSError as exc:
        raise _bad(path, "backup.reason.unreadable_file", error=exc.strerror or str(exc)) from None
    members: dict[str, bytes] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tar:
            for member in tar:
                if not member.isfile():
                    raise _bad(path, "backup.reason.not_regular", name=member.name)
                if member.size > MAX_MEMBER:
                    raise _bad(path, "backup.reason.too_large", name=member.name)
                extracted = tar.extractfile(member)
                members[member.name] = extracted.read() if extracted else b""
    except (tarfile.TarError, OSError, EOFError, ValueError, zlib.error):
        raise _bad(path, "backup.reason.not_archive" if raw else "backup.reason.empty") from None
    manifest_raw = members.pop(f"{ROOT}/manifest.json", None)
    if manifest_raw is None:
        raise _bad(path, "backup.reason.no_manifest")
    try:
        manifest = json.loads(manifest_raw)
        entries = manifest["files"]
        if not isinstance(entries, list):  # found by tests/test_fuzz_boundary.py: `"files": 5` was exit 1
            raise TypeError("files")
        if manifest.get("format") != FORMAT:
            raise _bad(path, "backup.reason.format", found=str(manifest.get("format"))[:40], supported=FORMAT)
        if manifest.get("checksum") != _checksum(entries):
            raise _bad(path, "backup.reason.manifest_checksum")
    except (ValueError, KeyError, TypeError):
        raise _bad(path, "backup.reason.manifest_damaged") from None
    contents: dict[str, bytes] = {}
    for entry in entries:
        rel = entry.get("path", "") if isinstance(entry, dict) else ""
        if not isinstance(rel, str) or not _safe_rel(rel):
            raise _bad(path, "backup.reason.unsafe_path", name=str(rel)[:200])
        data = members.pop(f"{ROOT}/files/{rel}", None)
        if data is None:
            raise _bad(path, "backup.reason.missing", name=rel)
        if len(data) != entry.get("size") or hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            raise _bad(path, "backup.reason.checksum", name=rel)
        contents[rel] = data
    if members:
        raise _bad(path, "backup.reason.unexpected", name=sorted(members)[0][:200])
    return Verified(manifest, contents)


def restore(home: Path, verified: Verified, keep_as: Path) -> int:
    """Replace the home folder's files with the archive's (call under the lock).

    What is replaced is first archived to ``keep_as``; files the archive does not hold
    are set aside there too, so the home folder ends up exactly as archived. Ctrl-C waits
    until the files are all in place; if a write fails (disk full), the files as they were
    are put back, and the error says where the copy kept before the restore is.
    """
    before = {path.relative_to(home).as_posix(): path.read_bytes() for path in home_files(home)}
    current, _ = create(home)
    files.ensure_dir(keep_as.parent)
    files.atomic_write(keep_as, current)
    with Uninterrupted():
        try:
            _put(home, verified.contents)
        except CareerkitError as exc:
            try:
                _put(home, before)
                exc.details.append(t("backup.rolled_back", kept=str(keep_as)))
            except CareerkitError:
                exc.details.append(t("backup.half_restored", kept=str(keep_as)))
            raise
    return len(verified.contents)


def _put(home: Path, contents: dict[str, bytes]) -> None:
    """Make the files of the home folder a backup holds exactly ``contents`` (relative path → bytes)."""
    for path in home_files(home):
        if path.relative_to(home).as_posix() not in contents:
            path.unlink()
    for rel, data in contents.items():
        target = home.joinpath(*PurePosixPath(rel).parts)
        if target.is_file() and target.read_bytes() == data:
            continue
        files.ensure_dir(target.parent)
        files.atomic_write(target, data)


class Uninterrupted:
    """Hold Ctrl-C (and SIGTERM) until the block is done, so a many-file change is not left half made.

    The signal is delivered when the block ends. ``Uninterrupted(now=False)`` holds them
    only from :meth:`start` on: around a store session, ``start()`` just before its end
    holds them through the commit (one file after another) and no longer. Power loss
    cannot be held off; the copy kept before a change, or importing again, covers that.
    """

    def __init__(self, *, now: bool = True) -> None:
        self.now = now
        self._held: set[int] | None = None

    def __enter__(self) -> Uninterrupted:
        if self.now:
            self.start()
        return self

    def start(self) -> None:
        import signal
        import threading

        if self._held is None and threading.current_thread() is threading.main_thread():
            self._held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})

    def __exit__(self, *exc: object) -> None:
        import signal

        if self._held is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self._held)
            self._held = None


# ----------------------------------------------------------------------------- rotating backups


@dataclass
class Rotating:
    store: Path
    backup: Path
    generation: int
    size: int
    modified: float
    readable: bool


def rotating(home: Path) -> list[Rotating]:
    """Every rotating backup beside every store file under ``<home>/data``, newest first per store."""
    found: list[Rotating] = []
    data = home / "data"
    if not data.is_dir():
        return found
    for path in sorted(data.rglob("*")):
        match = _ROTATING.search(path.name)
        if not match or not path.is_file():
            continue
        store = path.with_name(path.name[: match.start()])
        stat = path.stat()
        try:
            inspect(path)
            readable = True
        except Exception:  # any failure means "not usable", and is shown as such
            readable = False
        found.append(Rotating(store, path, int(match.group(0)[4:]), stat.st_size, stat.st_mtime, readable))
    found.sort(key=lambda r: (str(r.store), r.generation))
    return found


def restore_rotating(entry: Rotating) -> Path | None:
    """Put a rotating backup back in place of its store (call under the lock).

    The current store file, if any, is kept as ``NAME.replaced-<time>``; the other
    rotating backups are left as they are.
    """
    kept = None
    if entry.store.exists():
        kept = entry.store.with_name(f"{entry.store.name}.replaced-{time.strftime('%Y%m%d-%H%M%S')}")
        files.atomic_write(kept, entry.store.read_bytes())
    files.atomic_write(entry.store, entry.backup.read_bytes())
    return kept
