"""TinyDB store files with a schema version, migrations and one commit per command.

A store file is a TinyDB JSON document: ``{table: {doc_id: document}}``, plus a
``_meta`` table holding ``{"kind": ..., "schema": N}``. careerkit reads it once,
lets TinyDB work on it in memory, and writes it back once, atomically, when the
command succeeds. A command that fails half-way writes nothing (TinyDB's own
context manager and CachingMiddleware would flush on exceptions too; we never use them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from careerkit.errors import InputError, StoreDamaged
from careerkit.store import files

META = "_meta"

Migration = Callable[..., dict[str, Any]]  # (document) or, marked takes_path, (document, path)


class StoreKind:
    """What one kind of store file holds: its name, current schema version, migrations and records.

    ``migrations[n]`` turns a schema-``n`` document into schema ``n + 1``. ``records`` maps
    each table to the record type (a TypedDict, by its dotted name, so that naming it costs no
    import) its documents have at this schema version. Every kind is registered in
    :data:`KINDS`, so ``careerkit doctor`` can check any store file it finds.
    """

    def __init__(self, name: str, schema: int, migrations: dict[int, Migration] | None = None, *,
                 records: dict[str, str] | None = None) -> None:
        self.name = name
        self.schema = schema
        self.migrations = migrations or {}
        self.records = records or {}
        KINDS[name] = self


KINDS: dict[str, StoreKind] = {}


class _Memory(Storage):
    """TinyDB storage over a dict held in memory; the session decides when it reaches disk."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.dirty = False

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data
        self.dirty = True


def check_shape(path: Path, data: object) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise StoreDamaged("store.wrong_shape", path=str(path), detail="top level is not an object")
    for table, docs in data.items():
        if not isinstance(docs, dict):
            raise StoreDamaged("store.wrong_shape", path=str(path), detail=f"table {table!r} is not an object")
        for doc_id, doc in docs.items():
            if not (isinstance(doc_id, str) and doc_id.isdigit() and isinstance(doc, dict)):
                raise StoreDamaged(
                    "store.wrong_shape", path=str(path), detail=f"record {doc_id!r} of table {table!r}"
                )
    return data


def inspect(path: Path) -> tuple[str, int]:
    """The kind and schema of any store file, after the same checks as :func:`load`."""
    raw = files.read_sealed(path)
    if raw is None:
        raise StoreDamaged("files.store_missing", path=str(path))
    data = check_shape(path, raw)
    meta = data.get(META, {}).get("1")
    if not isinstance(meta, dict) or not isinstance(meta.get("kind"), str) or not isinstance(meta.get("schema"), int):
        raise StoreDamaged("store.no_header", path=str(path))
    return meta["kind"], meta["schema"]


def load(path: Path, kind: StoreKind) -> dict[str, Any]:
    """Read, check and migrate a store file; a new empty document if it never existed."""
    raw = files.read_sealed(path)
    if raw is None:
        return {META: {"1": {"kind": kind.name, "schema": kind.schema}}}
    data = check_shape(path, raw)
    meta = data.get(META, {}).get("1")
    if not isinstance(meta, dict) or meta.get("kind") != kind.name or not isinstance(meta.get("schema"), int):
        raise StoreDamaged("store.wrong_kind", path=str(path), kind=kind.name)
    version = meta["schema"]
    if version > kind.schema:
        raise InputError("store.too_new", path=str(path), found=version, supported=kind.schema)
    while version < kind.schema:
        migrate = kind.migrations[version]  # one that reads beside the file (snapshots) takes its path too
        data = migrate(data, path) if getattr(migrate, "takes_path", False) else migrate(data)
        version += 1
        data[META]["1"]["schema"] = version
    return data


class Session:
    """One command's unit of work on the home folder.

    ``write=True`` takes the home lock first, cleans temporary files a crash left
    behind, and on a clean exit writes each changed store file once. A read-only
    session takes no lock: atomic renames mean a reader never sees half a file.
    """

    def __init__(self, home: Path, *, write: bool) -> None:
        self.home = home
        self.write = write
        self._open: dict[Path, tuple[TinyDB, _Memory]] = {}
        self._cleaned: set[Path] = set()

    def db(self, path: Path, kind: StoreKind) -> TinyDB:
        """The TinyDB of one store file, read on first use in this session."""
        entry = self._open.get(path)
        if entry is None:
            if self.write and path.parent not in self._cleaned:
                files.clean_leftovers(path.parent)  # safe: we hold the lock
                self._cleaned.add(path.parent)
            data = load(path, kind)
            memory_holder: list[_Memory] = []

            def storage(_data: dict[str, Any] = data) -> _Memory:
                memory = _Memory(_data)
                memory_holder.append(memory)
                return memory

            db = TinyDB(storage=storage)
            entry = (db, memory_holder[0])
            self._open[path] = entry
        return entry[0]

    def exists(self, path: Path) -> bool:
        return path in self._open or path.exists() or bool(files.backups_of(path))

    def commit(self) -> None:
        if not self.write:
            touched = [p for p, (_, m) in self._open.items() if m.dirty]
            if touched:  # a programming error: reads must not change data
                raise RuntimeError(f"read-only session changed {touched}")
            return
        dirty = [(path, memory) for path, (_, memory) in self._open.items() if memory.dirty]
        with _signals_held(len(dirty) > 1):  # a command that saves several files saves all or none of them
            for path, memory in dirty:
                files.ensure_dir(path.parent)
                files.atomic_write(path, files.seal(memory.data), backups=True)
                memory.dirty = False


@contextmanager
def _signals_held(hold: bool) -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block is done (they arrive right after it)."""
    import signal
    import threading

    if not hold or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def session(home: Path, *, write: bool = False) -> Iterator[Session]:
    """Open a :class:`Session`; with ``write``, under the lock and committed once on success."""
    if not write:
        yield Session(home, write=False)
        return
    with files.locked(home):
        work = Session(home, write=True)
        yield work
        work.commit()
