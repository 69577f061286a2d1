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

import contextlib
import hashlib
import io
import json
import os
import re
import stat
import tarfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, TypedDict

from careerkit.errors import CareerkitError, EnvironmentFailure, InputError
from careerkit.i18n import t
from careerkit.store import files
from careerkit.store.database import inspect

FORMAT = "careerkit/backup/v1"
ROOT = "careerkit-backup"
MAX_MEMBER = 512 * 1024 * 1024
MAX_TOTAL = 512 * 1024 * 1024  # all files of an archive together: a careerkit home is a few MB
MAX_MANIFEST = 64 * 1024 * 1024
INCLUDED = ("config.toml", "data", "models", "competencies", "templates")
_ROTATING = re.compile(r"\.bak[0-9]+\Z")


def home_files(home: Path) -> list[Path]:
    """What a backup holds: profile, stores, model snapshots, user models and templates.

    Every file the stores would read, following symbolic links (to files and to folders)
    the way they do. A folder that cannot be listed, a link to nothing, or a named pipe,
    device or socket is refused with an :class:`EnvironmentFailure` naming it: a backup
    never leaves data out without saying so.

    Left out: the lock, the journal, temporary files, the rotating ``.bakN`` copies (older
    versions of files already included) and files set aside by a restore.
    """
    return walk(home, INCLUDED)


def walk(home: Path, tops: tuple[str, ...], problems: list[tuple[Path, str]] | None = None, *,
         every: bool = False) -> list[Path]:
    """The files under ``home/<top>`` for each of ``tops``, sorted, following links (see
    :func:`home_files`). With ``problems``, what cannot be read is listed there instead of raised;
    with ``every``, rotating backups and set-aside files are listed too."""

    def fail(path: Path, error: str) -> None:
        if problems is None:
            raise EnvironmentFailure("files.read_failed", path=str(path), error=error)
        problems.append((path, error))

    out: list[Path] = []
    seen: set[tuple[int, int]] = set()
    pending = [home / name for name in reversed(tops)]
    while pending:
        path = pending.pop()
        if not (_wanted(path.name) or (every and files.TMP_MARK not in path.name)):
            continue
        try:
            info = os.stat(path)  # follows links
        except FileNotFoundError:
            if os.path.islink(path):
                fail(path, "a link to nothing")
            continue  # absent (or gone since it was listed)
        except OSError as exc:
            fail(path, exc.strerror or str(exc))
            continue
        if stat.S_ISREG(info.st_mode):
            out.append(path)
        elif stat.S_ISDIR(info.st_mode):
            if (info.st_dev, info.st_ino) in seen:
                continue  # a link back to a folder already walked
            seen.add((info.st_dev, info.st_ino))
            try:
                names = sorted(entry.name for entry in os.scandir(path))
            except OSError as exc:
                fail(path, exc.strerror or str(exc))
                continue
            pending.extend(path / name for name in reversed(names))
        else:
            fail(path, f"{files._NOT_REGULAR} ({files._kind(info.st_mode)})")
    return sorted(out)


def _wanted(name: str) -> bool:
    return files.TMP_MARK not in name and not _ROTATING.search(name) and ".replaced-" not in name


def _checksum(entries: list[dict[str, Any]]) -> str:
    canonical = json.dumps(entries, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def create(home: Path, *, extra: list[Path] | None = None) -> tuple[bytes, dict[str, Any]]:
    """The archive of ``home`` (call under the lock, for a consistent picture) and its manifest.

    ``extra`` files (rotating backups a restore sets aside) are archived too."""
    from careerkit import __version__

    entries = []
    contents: list[tuple[str, bytes]] = []
    for path in [*home_files(home), *(extra or [])]:
        rel = path.relative_to(home).as_posix()
        try:
            data = files.read_file(path, MAX_MEMBER)
        except OSError as exc:
            raise EnvironmentFailure("files.read_failed", path=str(path), error=exc.strerror or str(exc)) from None
        entries.append({"path": rel, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
        contents.append((rel, data))
    if sum(len(data) for _, data in contents) > MAX_TOTAL:
        raise EnvironmentFailure("files.read_failed", path=str(home), error=f"more than {MAX_TOTAL // 2**20} MB")
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


class _Capped(io.RawIOBase):
    """The decompressed stream of an archive, refusing to give more than ``limit`` bytes in all."""

    def __init__(self, inner: Any, limit: int) -> None:
        self.inner = inner
        self.limit = limit
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        want = min(len(buffer), self.limit - self.given + 1)
        data = self.inner.read(want)
        self.given += len(data)
        if self.given > self.limit:
            raise _TooMuch
        buffer[: len(data)] = data
        return len(data)


class _TooMuch(Exception):
    pass


def verify(path: Path) -> Verified:
    """Read and check an archive whole; any doubt is a refusal naming the archive and the reason.

    The manifest comes first and is checked before any file is read; then each member is
    read in turn, only if the manifest lists it with that size, and never more bytes in all
    than the manifest declares: a small archive cannot make careerkit decompress gigabytes.
    """
    import gzip

    try:
        handle = files.open_regular(path)
    except FileNotFoundError:
        raise InputError("backup.no_file", path=str(path)) from None
    except OSError as exc:
        raise _bad(path, "backup.reason.unreadable_file", error=exc.strerror or str(exc)) from None
    with handle:
        try:
            empty = os.fstat(handle.fileno()).st_size == 0
            stream = _Capped(gzip.GzipFile(fileobj=handle, mode="rb"), MAX_MANIFEST + _SLACK)
            with tarfile.open(fileobj=io.BufferedReader(stream, 65536), mode="r|") as tar:
                return _verify_members(path, tar, stream)
        except _TooMuch:
            raise _bad(path, "backup.reason.too_large", name=path.name) from None
        except (tarfile.TarError, OSError, EOFError, ValueError, zlib.error):
            raise _bad(path, "backup.reason.empty" if empty else "backup.reason.not_archive") from None


_SLACK = 2**20  # tar headers and padding beyond the files' own bytes


def _verify_members(path: Path, tar: tarfile.TarFile, stream: _Capped) -> Verified:
    first = tar.next()
    if first is None or first.name != f"{ROOT}/manifest.json" or not first.isfile():
        raise _bad(path, "backup.reason.no_manifest")
    if first.size > MAX_MANIFEST:
        raise _bad(path, "backup.reason.too_large", name=first.name)
    manifest, entries = _manifest(path, _read(tar, first))
    declared = sum(entry["size"] for entry in entries.values())
    if declared > MAX_TOTAL:
        raise _bad(path, "backup.reason.too_large", name=path.name)
    stream.limit = stream.given + declared + 1024 * (len(entries) + 2) + _SLACK
    contents: dict[str, bytes] = {}
    while (member := tar.next()) is not None:
        rel = member.name.removeprefix(f"{ROOT}/files/")
        entry = entries.get(rel) if member.name.startswith(f"{ROOT}/files/") else None
        if entry is None or rel in contents:
            raise _bad(path, "backup.reason.unexpected", name=member.name[:200])
        if not member.isfile():
            raise _bad(path, "backup.reason.not_regular", name=member.name[:200])
        if member.size != entry["size"]:
            raise _bad(path, "backup.reason.checksum", name=rel)
        data = _read(tar, member)
        if len(data) != entry["size"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise _bad(path, "backup.reason.checksum", name=rel)
        contents[rel] = data
    for rel in entries:
        if rel not in contents:
            raise _bad(path, "backup.reason.missing", name=rel)
    return Verified(manifest, {rel: contents[rel] for rel in entries})


def _read(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    extracted = tar.extractfile(member)
    return extracted.read(member.size) if extracted else b""


def _manifest(path: Path, raw: bytes) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The manifest and its entries by path, each checked: a safe path, once, a size within the caps."""
    try:
        manifest = json.loads(raw)
        listed = manifest["files"]
        if not isinstance(listed, list):  # found by tests/test_fuzz_boundary.py: `"files": 5` was exit 1
            raise TypeError("files")
        if manifest.get("format") != FORMAT:
            raise _bad(path, "backup.reason.format", found=str(manifest.get("format"))[:40], supported=FORMAT)
        if manifest.get("checksum") != _checksum(listed):
            raise _bad(path, "backup.reason.manifest_checksum")
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise _bad(path, "backup.reason.manifest_damaged") from None
    entries: dict[str, dict[str, Any]] = {}
    for entry in listed:
        rel = entry.get("path", "") if isinstance(entry, dict) else ""
        if not isinstance(rel, str) or not _safe_rel(rel) or rel in entries:
            raise _bad(path, "backup.reason.unsafe_path", name=str(rel)[:200])
        size = entry.get("size")
        if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= MAX_MEMBER:
            raise _bad(path, "backup.reason.too_large" if isinstance(size, int) and size > 0
                       else "backup.reason.manifest_damaged", name=rel)
        if not isinstance(entry.get("sha256"), str):
            raise _bad(path, "backup.reason.manifest_damaged")
        entries[rel] = entry
    return manifest, entries


def restore(home: Path, verified: Verified, keep_as: Path) -> int:
    """Replace the home folder's files with the archive's (call under the lock).

    The home folder ends up exactly as archived, and works at once: files the archive does
    not hold are removed, and so are their rotating backups (else the stores would refuse
    them as "missing but backups exist"). All that is replaced or removed is first archived
    to ``keep_as``. The change is one commit (:func:`careerkit.store.files.commit_files`):
    whatever fails, of whatever kind, the home is as it was or, if the failure came after the
    commit point, as restored once the next command completes it; the error names ``keep_as``.
    """

    current = {path.relative_to(home).as_posix(): path for path in home_files(home)}
    dropped = [path for rel, path in current.items() if rel not in verified.contents]
    aside = [backup for path in dropped for backup in files.backups_of(path)]
    archived, _ = create(home, extra=aside)
    files.ensure_dir(keep_as.parent)
    files.atomic_write(keep_as, archived)
    writes = []
    made: list[Path] = []
    try:
        with Uninterrupted():
            for rel, data in verified.contents.items():
                target = home.joinpath(*PurePosixPath(rel).parts)
                if rel in current and _same(target, data):
                    continue
                made += _missing_folders(target.parent)
                files.ensure_dir(target.parent)
                writes.append((target, data, False))
            files.commit_files(home, writes, dropped + aside)
    except CareerkitError as exc:
        committed = exc.key == "files.commit_unfinished"
        if not committed:
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()
        exc.details.append(t("backup.will_complete" if committed else "backup.rolled_back", kept=str(keep_as)))
        raise
    return len(verified.contents)


def _same(target: Path, data: bytes) -> bool:
    try:
        return files.read_file(target, len(data)) == data
    except OSError:
        return False


def _missing_folders(folder: Path) -> list[Path]:
    """The folders ``ensure_dir(folder)`` would create, outermost first."""
    missing = []
    while not os.path.lexists(folder) and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    return list(reversed(missing))


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
    for path in walk(home, ("data",), [], every=True):  # through linked folders, as the stores
        match = _ROTATING.search(path.name)
        if not match:
            continue
        store = path.with_name(path.name[: match.start()])
        info = path.stat()
        try:
            inspect(path)
            readable = True
        except Exception:  # any failure means "not usable", and is shown as such
            readable = False
        found.append(Rotating(store, path, int(match.group(0)[4:]), info.st_size, info.st_mtime, readable))
    found.sort(key=lambda r: (str(r.store), r.generation))
    return found


class RotatingCopy(TypedDict):
    """One rotating backup as `restore --list` shows it: whose data, when saved, what restoring it changes."""

    number: int                           # what `restore --pick` takes
    file: str                             # the backup, relative to the home folder
    store: str                            # the file it would replace
    generation: int                       # 1: the version before the current one
    what: str                             # person, habits, habit-log, habit-summary, team, team-records, history,
                                          # raters, other
    name: str | None                      # the person's, habit's or team's name; the history file's
    year: int | None                      # of a habit's check-ins file
    saved_at: str                         # when this version was written (ISO 8601, local time)
    size: int
    readable: bool
    current: str                          # the store now: readable, missing or damaged
    records_now: dict[str, int] | None    # by kind of record; None: the store is missing or damaged
    records_then: dict[str, int] | None   # in the backup; None: damaged
    same: bool                            # the backup is byte for byte the current file


_WHAT = {"person": "person", "habits": "habits", "habit-log": "habit-log", "habit-summary": "habit-summary",
         "team": "team", "team-records": "team-records", "history-index": "history", "history-people": "history",
         "history-month": "history", "raters": "raters"}


def describe(home: Path, number: int, entry: Rotating) -> RotatingCopy:
    then = _tables(entry.backup) if entry.readable else None
    now = _tables(entry.store)
    kind = _kind_of(then) or _kind_of(now)
    what = _WHAT.get(kind or "", "other")
    name: str | None = None
    year: int | None = None
    if what == "person":
        name = _person_of(then) or _person_of(now)
    elif what in ("habit-log", "habit-summary"):
        name = _habit_name(entry.store.parent.parent / "habits.json", entry.store.parent.name)
        year = int(entry.store.stem) if entry.store.stem.isdigit() else None
    elif what == "team":
        name = _team_name(then) or _team_name(now)
    elif what == "team-records":
        name = _team_name(_tables(entry.store.parent.parent / "team.json"))
    elif what == "history":
        name = entry.store.stem  # index, people, or a month
    try:
        same = os.path.samefile(entry.store, entry.backup) or _bytes_of(entry.store) == _bytes_of(entry.backup)
    except (OSError, CareerkitError):
        same = False
    current = "readable" if now is not None else "damaged" if os.path.lexists(entry.store) else "missing"
    return RotatingCopy(number=number, file=entry.backup.relative_to(home).as_posix(),
                        store=entry.store.relative_to(home).as_posix(), generation=entry.generation,
                        what=what, name=name, year=year,
                        saved_at=time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(entry.modified)),
                        size=entry.size, readable=entry.readable, current=current, records_now=_counts(now),
                        records_then=_counts(then), same=same)


def _tables(path: Path) -> dict[str, Any] | None:
    """A store file's tables, or None when it is missing or cannot be read."""
    try:
        data = files.read_sealed(path)
    except (CareerkitError, OSError):
        return None
    return data if isinstance(data, dict) and all(isinstance(v, dict) for v in data.values()) else None


def _kind_of(tables: dict[str, Any] | None) -> str | None:
    meta = (tables or {}).get("_meta", {}).get("1")
    return meta.get("kind") if isinstance(meta, dict) and isinstance(meta.get("kind"), str) else None


def _counts(tables: dict[str, Any] | None) -> dict[str, int] | None:
    """Records by kind: a team shard's tables ``<kind>/<person-key>`` count as their kind."""
    if tables is None:
        return None
    counts: dict[str, int] = {}
    if _kind_of(tables) == "history-month":  # one document holds the month's rows and says how many
        rows = [doc.get("count") for docs in tables.values() for doc in docs.values() if isinstance(doc, dict)]
        listed = sum(n for n in rows if type(n) is int) + len(tables.get("entries", {}))  # schema 2 or 1
        return {"assessments": listed} if listed else {}
    for table, docs in tables.items():
        if table != "_meta" and docs:
            kind = table.split("/")[0]
            counts[kind] = counts.get(kind, 0) + len(docs)
    return counts


def _person_of(tables: dict[str, Any] | None) -> str | None:
    for table, docs in (tables or {}).items():
        if table != "_meta":
            for doc in docs.values():
                if isinstance(doc, dict) and isinstance(doc.get("person"), str):
                    return str(doc["person"])
    return None


def _team_name(tables: dict[str, Any] | None) -> str | None:
    info = (tables or {}).get("team", {}).get("1")
    return str(info["name"]) if isinstance(info, dict) and isinstance(info.get("name"), str) else None


def _habit_name(index: Path, habit_id: str) -> str | None:
    for path in (index, *files.backups_of(index)):
        for doc in ((_tables(path) or {}).get("habits") or {}).values():
            if isinstance(doc, dict) and doc.get("id") == habit_id and isinstance(doc.get("name"), str):
                return str(doc["name"])
    return None


def restore_rotating(home: Path, entry: Rotating) -> Path | None:
    """Put a rotating backup back in place of its store (call under the lock).

    The current store file, if any, is kept as ``NAME.replaced-<time>``; the other
    rotating backups are left as they are. Both files are one commit
    (:func:`careerkit.store.files.commit_files`): a crash or an I/O error at any step leaves
    the store as it was (and no copy kept) or restored with the copy kept, never a mix.
    """
    writes = []
    kept = None
    if entry.store.exists():
        kept = entry.store.with_name(f"{entry.store.name}.replaced-{time.strftime('%Y%m%d-%H%M%S')}")
        writes.append((kept, _bytes_of(entry.store), False))
    writes.append((entry.store, _bytes_of(entry.backup), False))
    with Uninterrupted():
        files.commit_files(home, writes)
    return kept


def _bytes_of(path: Path) -> bytes:
    try:
        return files.read_file(path, files.MAX_STORE)
    except OSError as exc:
        raise EnvironmentFailure("files.read_failed", path=str(path), error=exc.strerror or str(exc)) from None
