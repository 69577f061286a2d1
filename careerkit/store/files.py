"""Safe files: atomic replace, the home lock, rotating backups, owner-only permissions.

Every byte careerkit writes goes through :func:`atomic_write`:

1. a temporary file is created next to the target (``O_EXCL``, mode 0600),
2. the data is written in full, flushed and fsynced,
3. the older generations of the target are rotated into ``NAME.bak1`` ... ``NAME.bakN``
   (hard links: no copy, whatever the size),
4. the temporary file is renamed over the target, and the folder is fsynced.

A crash at any step leaves the target as it was before or as it is after, never in
between; the leftover temporary file is removed by the next command that takes the lock.
An I/O error removes the temporary file and leaves the target byte-identical.
A change of several files at once is one commit, all or nothing: :func:`commit_files`.
Every file careerkit reads and did not just write goes through :func:`read_file`.

Two environment switches exist for the fault-injection tests only:
``CAREERKIT_CRASH_AT=STEP`` ends the process (``os._exit``) at a named step (``io:N``: just
before the N-th I/O call), and
``CAREERKIT_IO_FAULT=ERRNO:N`` (or ``ERRNO:N+``) fails the N-th (and every later)
I/O call of a save with that errno.
"""

from __future__ import annotations

import errno as _errno
import json
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, BinaryIO

try:  # the builtin module: hashlib would load OpenSSL, a cost `habits done` need not pay
    from _sha256 import sha256 as _builtin_sha256  # type: ignore[import-not-found]  # CPython's builtin module ships no stubs
except ImportError:  # pragma: no cover - Python builds without it
    from hashlib import sha256 as _builtin_sha256

from careerkit.errors import EnvironmentFailure, InputError, LockBusy, StoreDamaged

BACKUP_GENERATIONS = 3
TMP_MARK = ".tmp-"
LOCK_NAME = "careerkit.lock"

CRASH_STEPS = (
    "tmp-created",
    "half-written",
    "before-fsync",
    "after-fsync",
    "rotating-backups",
    "after-rename",
)
# the steps of a multi-file commit (:func:`commit_files`), on top of each file's own
COMMIT_STEPS = ("commit-staged", "commit-journaled", "commit-applied")

_crash_at = os.environ.get("CAREERKIT_CRASH_AT", "")


def _parse_io_fault(spec: str) -> tuple[int, int, bool] | None:
    if not spec:
        return None
    name, _, when = spec.partition(":")
    code = getattr(_errno, name.upper(), None)
    if code is None:
        return None
    forever = when.endswith("+")
    return code, int(when.rstrip("+") or 1), forever


_io_fault = _parse_io_fault(os.environ.get("CAREERKIT_IO_FAULT", ""))
_io_calls = 0


def _crash(step: str) -> None:
    if _crash_at == step:
        os._exit(77)


def _io(func: Callable[..., Any], *args: Any) -> Any:
    """Run one I/O call of a save, counting it for fault injection.

    ``CAREERKIT_CRASH_AT=io:N`` ends the process just before the N-th call: the tests
    walk N over every I/O step of a command.
    """
    global _io_calls
    _io_calls += 1
    if _crash_at == f"io:{_io_calls}":
        os._exit(77)
    if _io_fault is not None:
        code, nth, forever = _io_fault
        if _io_calls == nth or (forever and _io_calls > nth):
            raise OSError(code, os.strerror(code))
    return func(*args)


# ----------------------------------------------------------------------------- folders


def ensure_dir(path: Path) -> Path:
    """Create ``path`` and missing parents, each new folder 0700. Existing folders are left as they are."""
    missing: list[Path] = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        except OSError as exc:
            raise EnvironmentFailure("files.mkdir_failed", path=str(folder), error=_reason(exc)) from None
        os.chmod(folder, 0o700)
    return path


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


# ----------------------------------------------------------------------------- writing


def backup_path(path: Path, generation: int) -> Path:
    return path.with_name(f"{path.name}.bak{generation}")


def backups_of(path: Path) -> list[Path]:
    """Existing rotating backups of ``path``, newest first."""
    return [b for g in range(1, BACKUP_GENERATIONS + 1) if (b := backup_path(path, g)).exists()]


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    half = len(data) // 2
    written = 0
    while written < len(data):
        chunk = view[written : max(half, written + 1)] if written < half else view[written:]
        n = _io(os.write, fd, chunk)
        written += n
        if written >= half:
            _crash("half-written")


def _rotate_backups(target: Path) -> None:
    if not target.exists():
        return
    for generation in range(BACKUP_GENERATIONS - 1, 0, -1):
        src = backup_path(target, generation)
        if src.exists():
            _io(os.replace, src, backup_path(target, generation + 1))
            _crash("rotating-backups")
    newest = backup_path(target, 1)
    try:
        _io(os.link, target, newest)
    except FileExistsError:
        _io(os.unlink, newest)
        _io(os.link, target, newest)
    except OSError as exc:
        if exc.errno not in (_errno.EPERM, _errno.EXDEV, _errno.EMLINK, _errno.ENOTSUP):
            raise
        _copy_owner_only(target, newest)


def _copy_owner_only(src: Path, dst: Path) -> None:
    data = src.read_bytes()
    fd = _io(os.open, dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        _write_all(fd, data)
        _io(os.fsync, fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, backups: bool = False) -> None:
    """Replace ``path`` with ``data`` atomically, durably and readable by its owner only.

    A symlink is followed, so a store reached through a symlink stays a symlink.
    With ``backups``, the replaced version is kept as ``NAME.bak1`` (older ones shift).
    Raises :class:`EnvironmentFailure` naming the path on any I/O error; the target is
    then byte-identical and no temporary file is left.
    """
    target = Path(os.path.realpath(path))
    if _is_special(target):
        _write_special(path, target, data)
        return
    tmp = _stage(path, target, data)
    try:
        if backups:
            _rotate_backups(target)
        _io(os.replace, tmp, target)
        _crash("after-rename")
        _fsync_dir(target.parent)
    except OSError as exc:
        _discard(tmp)
        raise EnvironmentFailure("files.write_failed", path=str(path), error=_reason(exc)) from None
    except BaseException:
        _discard(tmp)
        raise


def _stage(path: Path, target: Path, data: bytes) -> Path:
    """Write ``data`` in full to a new temporary file beside ``target`` and fsync it: the
    first half of a save. On any failure the temporary file is gone and the error names ``path``."""
    tmp = target.parent / f".{target.name}{TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}"
    fd = -1
    try:
        if os.path.exists(target) and not os.stat(target).st_mode & stat.S_IWUSR:
            # a rename would replace it anyway; a file made read-only is a wish we respect
            raise EnvironmentFailure("files.write_failed", path=str(path),
                                     error=f"{os.strerror(_errno.EACCES)} (the file is read-only)")
        fd = _io(os.open, tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        _crash("tmp-created")
        _io(os.fchmod, fd, 0o600)
        _write_all(fd, data)
        _crash("before-fsync")
        _io(os.fsync, fd)
        _crash("after-fsync")
        fd, opened = -1, fd  # closed once, whatever comes between (a Ctrl-C): never twice
        os.close(opened)
        return tmp
    except OSError as exc:
        if fd >= 0:
            os.close(fd)
        _discard(tmp)
        raise EnvironmentFailure("files.write_failed", path=str(path), error=_reason(exc)) from None
    except BaseException:
        if fd >= 0:
            os.close(fd)
        _discard(tmp)
        raise


def _discard(tmp: Path) -> None:
    """Remove a temporary file, if it is there; never an error of its own (the first one is reported)."""
    with suppress(OSError):
        os.unlink(tmp)


def _is_special(target: Path) -> bool:
    """Whether ``target`` exists and is not a regular file (a device, a pipe: ``-o /dev/stdout``)."""
    try:
        return not stat.S_ISREG(os.stat(target).st_mode)
    except OSError:
        return False  # absent, or a name the file system refuses: the write itself will say


def _write_special(path: Path, target: Path, data: bytes) -> None:
    """Write to a device or pipe (``-o /dev/stdout``): no rename is possible there."""
    try:
        fd = os.open(target, os.O_WRONLY)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
    except OSError as exc:
        raise EnvironmentFailure("files.write_failed", path=str(path), error=_reason(exc)) from None


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable. Best effort: the new file is already in place, and a
    failure here must not report a save as failed when the data is committed."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        _io(os.fsync, fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ----------------------------------------------------------------------------- several files at once
#
# A command that changes several files (an import: the team index and its record shards; a
# restore: the whole home) commits them all or none of them, whatever fails:
#
# 1. every new version is written to a temporary file beside its target and fsynced
#    (an error here removes them all: nothing has changed);
# 2. the journal ``<home>/careerkit.journal`` is written atomically, listing each target,
#    its temporary file (or that it is to be deleted) and whether to rotate its backups.
#    This is the commit point;
# 3. each temporary file is renamed over its target, each deletion made, and the journal
#    removed.
#
# A crash or an I/O error in step 3 leaves the journal: the next command that takes the
# lock (or reads the home, see :func:`settle`) finishes step 3 before anything else. Each
# step of it can be done twice without harm, so a crash during recovery is recovered too.

JOURNAL_NAME = "careerkit.journal"
_JOURNAL_FORMAT = "careerkit/journal/v1"


def commit_files(home: Path, writes: list[tuple[Path, bytes, bool]], deletes: list[Path] | None = None) -> None:
    """Write each ``(path, data, backups)`` and delete each of ``deletes``, all or none (under the lock).

    Raises :class:`EnvironmentFailure`: before the commit point nothing has changed; after it
    (key ``files.commit_unfinished``) the change is recorded and completed by the next command.
    """
    staged: list[Path] = []
    ops: list[dict[str, object]] = []
    try:
        for path, data, backups in writes:
            target = Path(os.path.realpath(path))
            if _is_special(target):
                raise EnvironmentFailure("files.write_failed", path=str(path), error=_NOT_REGULAR)
            tmp = _stage(path, target, data)
            staged.append(tmp)
            ops.append({"target": os.fsdecode(target), "staged": os.fsdecode(tmp), "backups": backups})
        for path in deletes or []:
            if not os.access(path.parent, os.W_OK | os.X_OK):
                raise EnvironmentFailure("files.write_failed", path=str(path), error=os.strerror(_errno.EACCES))
            ops.append({"target": os.fsdecode(os.path.abspath(path)), "staged": None, "backups": False})
        _crash("commit-staged")
        journal = {"format": _JOURNAL_FORMAT, "ops": ops, "checksum": _ops_checksum(ops)}
        atomic_write(home / JOURNAL_NAME, json.dumps(journal).encode("ascii"))
    except BaseException:
        # Before the commit point the staged files go. After it (the journal is in place, and
        # under the lock no other can be) they stay: recovery reads a missing staged file as
        # one already renamed, so removing them here would silently drop those changes.
        if not os.path.lexists(home / JOURNAL_NAME):
            for tmp in staged:
                _discard(tmp)
        raise
    _crash("commit-journaled")
    _finish(home, ops)


def _ops_checksum(ops: list[dict[str, object]]) -> str:
    return sha256(json.dumps(ops, sort_keys=True).encode("ascii")).hexdigest()


def _finish(home: Path, ops: list[dict[str, object]]) -> None:
    """Step 3 of a commit: make the journal's changes, then remove it. Safe to repeat."""
    journal = home / JOURNAL_NAME
    try:
        folders: set[Path] = set()
        for op in ops:
            target = Path(str(op["target"]))
            folders.add(target.parent)
            if op["staged"] is None:
                with suppress(FileNotFoundError):
                    _io(os.unlink, target)
                continue
            staged = Path(str(op["staged"]))
            if not os.path.lexists(staged):
                continue  # done before a crash
            if op["backups"] and not _rotated(target):
                _rotate_backups(target)
            _io(os.replace, staged, target)
        for folder in sorted(folders):
            _fsync_dir(folder)
        _crash("commit-applied")
        _io(os.unlink, journal)
        _fsync_dir(home)
    except OSError as exc:
        raise EnvironmentFailure("files.commit_unfinished", path=str(journal), error=_reason(exc)) from None


def _rotated(target: Path) -> bool:
    """Whether ``target``'s backups were already rotated for this change (a crash came before the rename)."""
    try:
        return os.path.samefile(target, backup_path(target, 1))
    except OSError:
        return False


def recover(home: Path) -> bool:
    """Finish a commit a crash or an I/O error interrupted (call under the lock); whether there was one."""
    path = home / JOURNAL_NAME
    raw = read_raw(path)
    if raw is None:
        return False
    try:
        journal = json.loads(raw)
        ops = journal["ops"]
        if journal.get("format") != _JOURNAL_FORMAT or journal.get("checksum") != _ops_checksum(ops):
            raise ValueError
    except (ValueError, KeyError, TypeError, AttributeError):
        raise StoreDamaged("files.journal_damaged", path=str(path)) from None
    _finish(home, ops)
    return True


def settle(home: Path) -> None:
    """Before reading: if a commit was interrupted, finish it first, so a reader sees the old
    state or the new, never a mix. Costs one ``stat`` when there is nothing to do."""
    if os.path.lexists(home / JOURNAL_NAME):
        with locked(home):
            pass  # taking the lock recovers


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove temporary files a crashed save left in ``folder``. Call only under the lock."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith(".") and TMP_MARK in entry.name and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


def check_output(path: Path, *, force: bool) -> None:
    """Refuse a ``-o FILE`` that cannot be written: a folder, a missing folder, or an
    existing file without ``force``. Commands that work long call it before they start."""
    target = Path(path)
    if target.is_dir():
        raise InputError("files.output_is_dir", path=str(path))
    if not target.parent.is_dir():
        raise InputError("files.output_no_folder", path=str(path), folder=str(target.parent))
    if target.exists() and target.is_file() and not force:
        raise InputError("files.output_exists", path=str(path))


def output_folder(output: Path | str) -> Path | None:
    """The folder an ``-o`` names, or ``None`` when it names a file.

    An existing folder is a folder. So is a path ending in a slash (``-o ~/share/``), which is
    created (0700) when it does not exist yet, inside an existing folder; never a file named
    like it. Anything else names a file.
    """
    text = os.fspath(output)
    if text == "-":
        return None
    if not text.endswith(("/", os.sep)):
        return Path(text) if os.path.isdir(text) else None
    folder = Path(text)
    if os.path.lexists(folder) and not folder.is_dir():
        raise InputError("files.output_not_folder", path=text)
    if not folder.parent.is_dir():
        raise InputError("files.output_no_folder", path=text, folder=str(folder.parent))
    ensure_dir(folder)
    return folder


def output_target(output: Path | str, name: str, suffix: str) -> Path:
    """The file an ``-o`` names: the path itself, or, when it names a folder (see
    :func:`output_folder`), a file in it named after ``name`` + ``suffix``.

    The name is made safe (it cannot leave the folder); when that changed it, a short hash
    of the original keeps two different names from meeting in one file name.
    """
    folder = output_folder(output)
    if folder is None:
        return Path(output)
    from careerkit.core.bundle import safe_file_stem

    safe = safe_file_stem(name)
    if safe != name:
        safe = f"{safe}-{sha256(name.encode('utf-8')).hexdigest()[:8]}"
    candidate = folder / f"{safe}{suffix}"
    if candidate.resolve().parent != folder.resolve():
        raise InputError("export.unsafe_name", name=name)
    return candidate


def write_output(path: Path, data: bytes, *, force: bool) -> None:
    """Write a user-requested output file (``-o FILE``): never overwrite without ``force``."""
    check_output(path, force=force)
    atomic_write(Path(path), data)


# ----------------------------------------------------------------------------- reading


MAX_STORE = 1024 * 2**20  # bytes: a store file of ten thousand assessments is about 35 MB
_NOT_REGULAR = "not a regular file"


class NotRegularFile(OSError):
    """A path that is a FIFO, a device, a socket or a folder where a file was expected."""

    def __init__(self, path: object, what: str) -> None:
        super().__init__(_errno.EINVAL, f"{_NOT_REGULAR} ({what})", str(path))


class FileTooLarge(OSError):
    """A file larger than its reader accepts."""

    def __init__(self, path: object, limit: int) -> None:
        self.limit = limit
        super().__init__(_errno.EFBIG, f"larger than {_size_text(limit)}", str(path))


def _size_text(n: int) -> str:
    return f"{n // 2**20} MB" if n >= 2**20 else f"{n // 1024} kB" if n >= 1024 else f"{n} bytes"


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def open_regular(path: Path | str) -> BinaryIO:
    """Open a file for reading that careerkit did not just write: without blocking (a named
    pipe or a device in its place cannot stall the command), and only if it is a regular file.

    Raises :class:`FileNotFoundError`, :class:`IsADirectoryError`, :class:`NotRegularFile`
    or another :class:`OSError`.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(_errno.EISDIR, os.strerror(_errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFile(path, _kind(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    # From here the file object owns the descriptor, and closes it if anything (a Ctrl-C
    # included) fails on the way: closing it a second time here would fail with EBADF, and
    # that OSError would replace the interrupt — `team import` then took a Ctrl-C for one
    # unreadable bundle, refused it and committed the others (issue 11).
    return os.fdopen(fd, "rb")


def read_file(path: Path | str, limit: int, *, head: bool = False) -> bytes:
    """The bytes of a file careerkit did not just write: see :func:`open_regular`; at most
    ``limit`` bytes are read (whatever ``st_size`` says), more is :class:`FileTooLarge`.
    With ``head``, the first ``limit`` bytes are the answer instead."""
    with open_regular(path) as handle:
        try:  # its size and a byte more: read(limit + 1) allocates the whole limit (7 ms over 33 small files)
            want = min(os.fstat(handle.fileno()).st_size, limit) + 1
        except OSError:
            want = limit + 1
        data = handle.read(want)
        if len(data) == want <= limit:  # it grew since: the rest, up to the limit
            data += handle.read(limit + 1 - want)
    if len(data) > limit:
        if head:
            return data[:limit]
        raise FileTooLarge(path, limit)
    return data


def read_raw(path: Path) -> bytes | None:
    """The bytes of a data file; ``None`` if it does not exist and never did.

    An empty file, or a missing file whose backups exist, is refused with
    :class:`StoreDamaged` naming the file and the restore command. It is never
    treated as new; nor is a named pipe, a device or a folder in its place read as one.
    """
    try:
        raw = read_file(path, MAX_STORE)
    except FileNotFoundError:
        if backups_of(path):
            raise StoreDamaged("files.store_missing", path=str(path)) from None
        return None
    except IsADirectoryError:
        raise StoreDamaged("files.store_unreadable", path=str(path), error="is a directory") from None
    except (NotRegularFile, FileTooLarge) as exc:
        raise StoreDamaged("files.store_unreadable", path=str(path), error=exc.strerror) from None
    except OSError as exc:
        raise EnvironmentFailure("files.read_failed", path=str(path), error=_reason(exc)) from None
    if not raw.strip():
        raise StoreDamaged("files.store_empty", path=str(path), size=len(raw))
    return raw


def read_json(path: Path) -> object | None:
    """Parse a JSON data file (see :func:`read_raw`); unparsable content is refused."""
    raw = read_raw(path)
    return None if raw is None else _loads(raw, path)


# Where it pays (issue 13): orjson parses a large store file in about 0.6× the time and
# dumps it 8× faster, and OpenSSL's sha256 is 5× the builtin one; but importing orjson
# costs about 4 ms and hashlib (OpenSSL) about 3 ms, more than a small file saves. So a
# small file keeps the stdlib and the builtin hash, unless the faster module is loaded anyway.
BIG = 1 << 20  # bytes
_BIG_DOCS = 400  # documents in a store about to be written: about 1 MB


def _fast_json(big: bool) -> Any:
    """orjson when it is loaded already, or imported for a big document; None otherwise."""
    module = sys.modules.get("orjson")
    if module is None and big:
        try:
            import orjson as module
        except ImportError:  # pragma: no cover - the stdlib does the same work, slower
            return None
    return module


def expect_much_json() -> None:
    """The caller is about to read many store files: parse them with orjson and check their seals
    with OpenSSL's sha256, whatever their size (the imports cost less than the files save)."""
    _fast_json(True)
    import hashlib  # noqa: F401  # loaded: sha256() takes OpenSSL's from now on


def sha256(data: bytes | memoryview = b"") -> Any:
    """A sha256 object: OpenSSL's when hashlib is loaded anyway or the data is big, else the builtin."""
    hashlib = sys.modules.get("hashlib")
    if hashlib is None and len(data) >= BIG:
        import hashlib
    return (hashlib.sha256 if hashlib is not None else _builtin_sha256)(data)


def _loads(raw: bytes, path: Path) -> object:
    fast = _fast_json(len(raw) >= BIG)
    if fast is not None:
        try:
            return fast.loads(raw)
        except ValueError:
            pass  # the stdlib says what is wrong (and reads what it reads: NaN, huge numbers)
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise StoreDamaged("files.store_unparsable", path=str(path), error="not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise StoreDamaged("files.store_not_json", path=str(path), line=exc.lineno, column=exc.colno) from None
    except ValueError as exc:
        raise StoreDamaged("files.store_unparsable", path=str(path), error=str(exc)) from None


def dump_json(data: object) -> bytes:
    """Compact, strict JSON (no NaN), UTF-8 with Chinese left readable."""
    fast = _fast_json(isinstance(data, dict) and sum(len(v) for v in data.values() if isinstance(v, dict)) > _BIG_DOCS)
    if fast is not None:  # orjson would write NaN as null; nothing stored holds one (inputs refuse it)
        try:
            return fast.dumps(data, option=fast.OPT_NON_STR_KEYS)
        except TypeError:
            pass  # what orjson does not write (a huge number, an unknown type): the stdlib decides
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


# A store file is JSON whose last member is "_checksum": the sha256 of every byte before
# it. A flipped byte, a truncation or a hand edit is then refused instead of being read as
# slightly different data; and the file stays plain JSON that any tool can read.
_SEAL = b',"_checksum":"'
_SEAL_KEY = "_checksum"


def seal(data: dict[str, object]) -> bytes:
    """The bytes of a store file: ``data`` as JSON, closed by its checksum."""
    if not data:
        raise ValueError("a store document is never empty")
    prefix = dump_json(data)[:-1]
    return prefix + _SEAL + sha256(prefix).hexdigest().encode("ascii") + b'"}'


def read_sealed(path: Path) -> object | None:
    """Read a store file written by :func:`seal`, refusing any byte out of place."""
    found = read_sealed_checksummed(path)
    return None if found is None else found[0]


def read_sealed_checksummed(path: Path) -> tuple[object, str] | None:
    """:func:`read_sealed`, and the checksum the file was sealed with (verified)."""
    found = _verified(path)
    if found is None:
        return None
    raw, _at, checksum = found
    # the sealed bytes are JSON too, the checksum their last member: parsed as they are, not copied
    # twice more (a team's index of 20,000 people is 60 MB: issue 13)
    data = _loads(raw, path)
    if isinstance(data, dict):
        data.pop(_SEAL_KEY, None)
    return data, checksum


def read_sealed_bytes(path: Path) -> tuple[bytes, str] | None:
    """The bytes of a store file before its seal (``+ b"}"``: the document), its seal verified, and
    its checksum; None if it does not exist and never did (see :func:`read_raw`)."""
    found = _verified(path)
    return None if found is None else (found[0][:found[1]], found[2])


def _verified(path: Path) -> tuple[bytes, int, str] | None:
    """A store file's bytes, where its seal starts, and its checksum, verified; None if it does
    not exist and never did."""
    raw = read_raw(path)
    if raw is None:
        return None
    at = raw.rfind(_SEAL)
    if at < 0 or not raw.endswith(b'"}') or len(raw) - at != len(_SEAL) + 64 + 2:
        _loads(raw, path)  # not JSON at all: say so
        raise StoreDamaged("files.store_unsealed", path=str(path))
    checksum = sha256(memoryview(raw)[:at]).hexdigest()
    if checksum.encode("ascii") != raw[at + len(_SEAL):-2]:
        raise StoreDamaged("files.store_checksum", path=str(path))
    return raw, at, checksum


def checksum_of(sealed: bytes) -> str:
    """The checksum a sealed document (:func:`seal`'s bytes) ends with."""
    return sealed[-66:-2].decode("ascii")


def claimed_checksum(path: Path | str) -> str | None:
    """The checksum a store file ends with, from its last bytes alone (None: unreadable, unsealed).
    Not a verification: derived data compares it with the checksum it verified when it was made.
    A few system calls, no file object: hundreds of year files are looked at this way (issue 13)."""
    tail = len(_SEAL) + 66
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size < tail:
            return None
        end = os.pread(fd, tail, info.st_size - tail)
    except OSError:
        return None
    finally:
        os.close(fd)
    if not end.startswith(_SEAL) or not end.endswith(b'"}'):
        return None
    return end[len(_SEAL):-2].decode("ascii", "replace")


# ----------------------------------------------------------------------------- the lock


def lock_timeout() -> float:
    try:
        return float(os.environ.get("CAREERKIT_LOCK_TIMEOUT", "10"))
    except ValueError:
        return 10.0


@contextmanager
def locked(home: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold the home folder's write lock for the duration of the block.

    An ``flock`` on ``<home>/careerkit.lock``: the kernel releases it when the holder
    exits, even by SIGKILL, so there is never a stale lock to clean by hand. While
    another process holds it we wait up to ``timeout`` seconds (env
    ``CAREERKIT_LOCK_TIMEOUT``, default 10) and then say who holds it.
    """
    import fcntl

    ensure_dir(home)
    path = home / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise EnvironmentFailure("files.lock_failed", path=str(path), error=_reason(exc)) from None
    try:
        deadline = time.monotonic() + (lock_timeout() if timeout is None else timeout)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _lock_holder(fd)
                    raise LockBusy(
                        "files.lock_busy",
                        path=str(path),
                        pid=holder.get("pid", "?"),
                        command=holder.get("command", "?"),
                    ) from None
                time.sleep(0.02)
        _describe_holder(fd)
        recover(home)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _describe_holder(fd: int) -> None:
    import sys

    info = json.dumps({"pid": os.getpid(), "command": " ".join(sys.argv[1:4])[:200], "since": time.time()})
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, info.encode(), 0)
    except OSError:
        pass  # the description is a courtesy; the lock itself is held


def _lock_holder(fd: int) -> dict[str, object]:
    try:
        raw = os.pread(fd, 4096, 0)
        holder = json.loads(raw or b"{}")
        return holder if isinstance(holder, dict) else {}
    except (OSError, ValueError):
        return {}


def is_private(path: Path) -> bool:
    """True when no one but the owner can read or write ``path``."""
    mode = path.stat().st_mode
    return not (mode & (stat.S_IRWXG | stat.S_IRWXO))
