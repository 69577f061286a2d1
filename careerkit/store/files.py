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

Two environment switches exist for the fault-injection tests only:
``CAREERKIT_CRASH_AT=STEP`` ends the process (``os._exit``) at a named step, and
``CAREERKIT_IO_FAULT=ERRNO:N`` (or ``ERRNO:N+``) fails the N-th (and every later)
I/O call of a save with that errno.
"""

from __future__ import annotations

import errno as _errno
import json
import os
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

try:  # the builtin module: hashlib would load OpenSSL, a cost `habits done` need not pay
    from _sha256 import sha256  # type: ignore[import-not-found]  # CPython's builtin module ships no stubs
except ImportError:  # pragma: no cover - Python builds without it
    from hashlib import sha256

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
    """Run one I/O call of a save, counting it for fault injection."""
    global _io_calls
    _io_calls += 1
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
    if target.exists() and not target.is_file():
        _write_special(path, target, data)
        return
    if target.exists() and not target.stat().st_mode & stat.S_IWUSR:
        # a rename would replace it anyway; a file made read-only is a wish we respect
        raise EnvironmentFailure("files.write_failed", path=str(path),
                                 error=f"{os.strerror(_errno.EACCES)} (the file is read-only)")
    folder = target.parent
    tmp = folder / f".{target.name}{TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}"
    fd = -1
    try:
        fd = _io(os.open, tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        _crash("tmp-created")
        _io(os.fchmod, fd, 0o600)
        _write_all(fd, data)
        _crash("before-fsync")
        _io(os.fsync, fd)
        _crash("after-fsync")
        os.close(fd)
        fd = -1
        if backups:
            _rotate_backups(target)
        _io(os.replace, tmp, target)
        _crash("after-rename")
        _fsync_dir(folder)
    except OSError as exc:
        if fd >= 0:
            os.close(fd)
        tmp.unlink(missing_ok=True)
        raise EnvironmentFailure("files.write_failed", path=str(path), error=_reason(exc)) from None
    except BaseException:
        if fd >= 0:
            os.close(fd)
        tmp.unlink(missing_ok=True)
        raise


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


def write_output(path: Path, data: bytes, *, force: bool) -> None:
    """Write a user-requested output file (``-o FILE``): never overwrite without ``force``."""
    check_output(path, force=force)
    atomic_write(Path(path), data)


# ----------------------------------------------------------------------------- reading


def read_raw(path: Path) -> bytes | None:
    """The bytes of a data file; ``None`` if it does not exist and never did.

    An empty file, or a missing file whose backups exist, is refused with
    :class:`StoreDamaged` naming the file and the restore command. It is never
    treated as new.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if backups_of(path):
            raise StoreDamaged("files.store_missing", path=str(path)) from None
        return None
    except IsADirectoryError:
        raise StoreDamaged("files.store_unreadable", path=str(path), error="is a directory") from None
    except OSError as exc:
        raise EnvironmentFailure("files.read_failed", path=str(path), error=_reason(exc)) from None
    if not raw.strip():
        raise StoreDamaged("files.store_empty", path=str(path), size=len(raw))
    return raw


def read_json(path: Path) -> object | None:
    """Parse a JSON data file (see :func:`read_raw`); unparsable content is refused."""
    raw = read_raw(path)
    return None if raw is None else _loads(raw, path)


def _loads(raw: bytes, path: Path) -> object:
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
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


# A store file is JSON whose last member is "_checksum": the sha256 of every byte before
# it. A flipped byte, a truncation or a hand edit is then refused instead of being read as
# slightly different data; and the file stays plain JSON that any tool can read.
_SEAL = b',"_checksum":"'


def seal(data: dict[str, object]) -> bytes:
    """The bytes of a store file: ``data`` as JSON, closed by its checksum."""
    if not data:
        raise ValueError("a store document is never empty")
    prefix = dump_json(data)[:-1]
    return prefix + _SEAL + sha256(prefix).hexdigest().encode("ascii") + b'"}'


def read_sealed(path: Path) -> object | None:
    """Read a store file written by :func:`seal`, refusing any byte out of place."""
    raw = read_raw(path)
    if raw is None:
        return None
    at = raw.rfind(_SEAL)
    if at < 0 or not raw.endswith(b'"}') or len(raw) - at != len(_SEAL) + 64 + 2:
        _loads(raw, path)  # not JSON at all: say so
        raise StoreDamaged("files.store_unsealed", path=str(path))
    prefix = raw[:at]
    if sha256(prefix).hexdigest().encode("ascii") != raw[at + len(_SEAL):-2]:
        raise StoreDamaged("files.store_checksum", path=str(path))
    return _loads(prefix + b"}", path)


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
