"""TinyDB store files with a schema version, migrations and one commit per command.

A store file is a TinyDB JSON document: ``{table: {doc_id: document}}``, plus a
``_meta`` table holding ``{"kind": ..., "schema": N}``. careerkit reads it once,
lets TinyDB work on it in memory, and writes it back once, atomically, when the
command succeeds. A command that fails half-way writes nothing (TinyDB's own
context manager and CachingMiddleware would flush on exceptions too; we never use them).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from itertools import repeat
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

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
                 records: dict[str, str] | None = None,
                 on_commit: Callable[[Session, list[Path]], None] | None = None) -> None:
        self.name = name
        self.schema = schema
        self.migrations = migrations or {}
        self.records = records or {}
        self.on_commit = on_commit  # derived data (an index) brought in line, in the same commit
        KINDS[name] = self


KINDS: dict[str, StoreKind] = {}


class _Memory(Storage):
    """TinyDB storage over a dict held in memory; the session decides when it reaches disk."""

    def __init__(self, data: dict[str, Any], checksum: str | None = None) -> None:
        self.data = data
        self.dirty = False
        self.checksum = checksum  # of the file as it was read (None: new)
        self._sealed: bytes | None = None

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data
        self.dirty = True
        self._sealed = None

    def sealed(self) -> bytes:
        """The bytes this document is saved as (computed once, until it changes)."""
        if self._sealed is None:
            self._sealed = files.seal(self.data)
        return self._sealed


class _Ids(MutableMapping):
    """The int-keyed table TinyDB's updaters work on, over the str-keyed dict kept in memory."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __getitem__(self, doc_id: int) -> Any:
        return self.raw[str(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self.raw[str(doc_id)] = doc

    def __delitem__(self, doc_id: int) -> None:
        del self.raw[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(k) for k in list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)

    def clear(self) -> None:
        self.raw.clear()


class _Table(Table):
    """A TinyDB table changed in place: TinyDB's own ``_update_table`` copies the whole table
    (twice) on every insert, which made an import of n bundles cost n² (issue 13). Same
    documents, same ids, same order; the data reaches disk once, at the session's commit."""

    def _update_table(self, updater: Callable[[Any], None]) -> None:
        tables = self._storage.read()
        if tables is None:  # our storage always holds a document (see _Memory)
            tables = {}
        updater(_Ids(tables.setdefault(self.name, {})))
        self._storage.write(tables)
        self.clear_cache()


class _TinyDB(TinyDB):
    table_class = _Table


def check_shape(path: Path, data: object) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise StoreDamaged("store.wrong_shape", path=str(path), detail="top level is not an object")
    for table, docs in data.items():
        if not isinstance(docs, dict):
            raise StoreDamaged("store.wrong_shape", path=str(path), detail=f"table {table!r} is not an object")
        try:  # the usual case, checked in C: years of habit marks, months of the history index (issue 13)
            plain = all(map(str.isdigit, docs)) and all(map(isinstance, docs.values(), repeat(dict)))
        except TypeError:  # a key that is not a string: the walk below names it
            plain = False
        if plain:
            continue
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
    return _load(path, kind)[0]


def new_document(kind: StoreKind) -> dict[str, Any]:
    return {META: {"1": {"kind": kind.name, "schema": kind.schema}}}


def _load(path: Path, kind: StoreKind) -> tuple[dict[str, Any], str | None]:
    found = files.read_sealed_checksummed(path)
    if found is None:
        return new_document(kind), None
    raw, checksum = found
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
    return data, checksum


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
        self._kinds: dict[Path, StoreKind] = {}
        self._last: dict[Path, Callable[[], None]] = {}
        self._cleaned: set[Path] = set()
        self._outputs: list[tuple[Path, bytes]] = []

    def db(self, path: Path, kind: StoreKind) -> TinyDB:
        """The TinyDB of one store file, read on first use in this session."""
        entry = self._open.get(path)
        if entry is None:
            if self.write and path.parent not in self._cleaned:
                files.clean_leftovers(path.parent)  # safe: we hold the lock
                self._cleaned.add(path.parent)
            entry = self._attach(path, kind, *_load(path, kind))
        return entry[0]

    def _attach(self, path: Path, kind: StoreKind, data: dict[str, Any],
                checksum: str | None) -> tuple[TinyDB, _Memory]:
        memory_holder: list[_Memory] = []

        def storage(_data: dict[str, Any] = data) -> _Memory:
            memory = _Memory(_data, checksum)
            memory_holder.append(memory)
            return memory

        entry = (_TinyDB(storage=storage), memory_holder[0])
        self._open[path] = entry
        self._kinds[path] = kind
        return entry

    def replace(self, path: Path, kind: StoreKind) -> TinyDB:
        """A new empty document for ``path``, saved over the file at commit without reading it
        (derived data being rebuilt: what the file held, damaged or not, does not matter)."""
        db, memory = self._attach(path, kind, new_document(kind), None)
        memory.dirty = True
        return db

    def checksum(self, path: Path) -> str | None:
        """The checksum of an open store file as it was read (verified); None for a new one."""
        return self._open[path][1].checksum

    def sealed(self, path: Path) -> bytes:
        """The bytes an open store file is saved as at commit, if it changed."""
        return self._open[path][1].sealed()

    def save_last(self, path: Path, before: Callable[[], None]) -> None:
        """Save ``path`` after every other file of the commit, calling ``before`` just ahead of it
        (derived data that records how the files saved before it now stand on disk)."""
        self._last[path] = before

    def changed(self) -> list[Path]:
        return [path for path, (_, memory) in self._open.items() if memory.dirty]

    def _derive(self) -> None:
        """Bring derived data (indexes) in line with the files this commit saves: same commit."""
        by_kind: dict[StoreKind, list[Path]] = {}
        for path in self.changed():
            kind = self._kinds[path]
            if kind.on_commit is not None:
                by_kind.setdefault(kind, []).append(path)
        for kind, paths in by_kind.items():
            if kind.on_commit is not None:
                kind.on_commit(self, paths)

    def exists(self, path: Path) -> bool:
        return path in self._open or path.exists() or bool(files.backups_of(path))

    def commit(self) -> None:
        if not self.write:
            touched = [p for p, (_, m) in self._open.items() if m.dirty]
            if touched:  # a programming error: reads must not change data
                raise RuntimeError(f"read-only session changed {touched}")
            return
        self._derive()
        dirty = [(path, memory) for path, (_, memory) in self._open.items() if memory.dirty]
        outputs, self._outputs = self._outputs, []
        # derived files that record how the others now stand on disk (the history index head) go last,
        # after the others are in place; a crash in between leaves them stale, which readers detect
        last = [(path, memory) for path, memory in dirty if path in self._last]
        dirty = [(path, memory) for path, memory in dirty if path not in self._last]
        if len(dirty) + len(outputs) <= 1:  # one file: one atomic rename is all or nothing already
            for path, memory in dirty:
                files.ensure_dir(path.parent)
                files.atomic_write(path, memory.sealed(), backups=True)
                memory.dirty = False
            for path, data in outputs:
                files.atomic_write(path, data)
        else:  # several files: all or none of them, whatever fails (see files.commit_files)
            special = [(p, d) for p, d in outputs if os.path.exists(p) and not os.path.isfile(p)]
            writes = [(path, memory.sealed(), True) for path, memory in dirty]
            writes += [(p, d, False) for p, d in outputs if (p, d) not in special]
            with _signals_held(True):
                for path, _, _ in writes:
                    files.ensure_dir(path.parent)
                files.commit_files(self.home, writes)
                for _, memory in dirty:
                    memory.dirty = False
            for path, data in special:  # a device or a pipe (`-o /dev/stdout`): after the commit
                files.atomic_write(path, data)
        for path, memory in last:
            self._last[path]()
            files.ensure_dir(path.parent)
            files.atomic_write(path, memory.sealed(), backups=True)
            memory.dirty = False

    def write_output(self, path: Path, data: bytes, *, force: bool) -> None:
        """Write a user-requested output file (``-o FILE``) with this session's commit, so
        that the output and the records it shows are saved together or not at all."""
        files.check_output(path, force=force)
        if self.write:
            self._outputs.append((Path(path), data))
        else:
            files.atomic_write(Path(path), data)


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
        files.settle(home)  # an interrupted commit is finished before anything is read
        yield Session(home, write=False)
        return
    with files.locked(home):
        work = Session(home, write=True)
        yield work
        work.commit()
