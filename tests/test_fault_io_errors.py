"""I/O errors: every I/O call of a save failing in turn (``CAREERKIT_IO_FAULT``: ENOSPC, EIO, EACCES,
EROFS, once or from then on), a file size limit, a read-only home or store file. Each is a clean
refusal (exit 3, the file named, no traceback) and leaves what was saved byte-identical.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import careerkit_command, no_traceback, payload
from tests.helpers import TINY_DIR, answers_file, record, store_bytes
from tests.test_fault_crashes import child, leftovers, seeded


@pytest.mark.parametrize("err", ["ENOSPC", "EIO", "EACCES", "EROFS"])
@pytest.mark.parametrize("forever", [False, True])
def test_an_io_error_at_each_call_leaves_the_original_byte_identical(tmp_path: Path, err: str,
                                                                     forever: bool) -> None:
    home = seeded(tmp_path)
    path = home / "data" / "t.json"
    failures = 0
    for nth in range(1, 40):
        original = path.read_bytes()
        res = child(home, "insert", CAREERKIT_IO_FAULT=f"{err}:{nth}{'+' if forever else ''}")
        if res.returncode == 0:
            break
        failures += 1
        assert res.returncode == 3, res.stderr
        message = res.stderr.strip()
        assert "\n" not in message and str(path) in message and os.strerror(getattr(__import__("errno"), err)) \
            in message
        assert path.read_bytes() == original
        assert leftovers(home) == []
        assert no_traceback(res.stderr)
    else:
        pytest.fail("the save never succeeded")
    assert failures >= 4  # open, write, fsync, rename at least were each hit


def test_a_file_size_limit_is_reported_cleanly(tmp_path: Path) -> None:
    home = tmp_path / "h"
    folder = tmp_path / "ans"
    path = answers_file(folder, model="tiny", person="Ann", ratings={"alpha.one": 2})
    env = {**os.environ, "CAREERKIT_HOME": str(home)}
    ok = subprocess.run([*careerkit_command(), "--models-dir", str(TINY_DIR), "assess", "--allow-partial",
                          "--answers", str(path)],
                        capture_output=True, text=True, env=env, check=False)
    assert ok.returncode == 0, ok.stderr
    store = next((home / "data" / "people").glob("*.json"))
    original = store.read_bytes()

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (len(original) + 100, len(original) + 100))
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # careerkit must ignore it itself

    res = subprocess.run([*careerkit_command(), "--models-dir", str(TINY_DIR), "assess", "--allow-partial",
                          "--answers", str(path)],
                         capture_output=True, text=True, env=env, preexec_fn=limit, check=False)
    assert res.returncode == 3, (res.returncode, res.stderr)
    assert str(store) in res.stderr and "too large" in res.stderr.lower()
    assert store.read_bytes() == original
    assert not [p for p in store.parent.iterdir() if ".tmp-" in p.name]


# ----------------------------------------------------------------------------- read-only


@contextmanager
def read_only(folder: Path):  # type: ignore[no-untyped-def]
    """Make ``folder`` read-only for careerkit: a read-only bind mount as root (root ignores
    permission bits), else the permission bits themselves."""
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True, check=False)
        if mounted.returncode != 0:
            pytest.skip("cannot bind-mount here: " + mounted.stderr.decode().strip())
        try:
            subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True, capture_output=True)
            yield
        finally:
            subprocess.run(["umount", str(folder)], check=False, capture_output=True)
    else:
        modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")] if p.is_dir()}
        for p in modes:
            os.chmod(p, 0o500)
        try:
            yield
        finally:
            for p, mode in modes.items():
                os.chmod(p, mode)


def _assess(home: Path, answers: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*careerkit_command(), "--models-dir", str(TINY_DIR), "assess", "--allow-partial",
                           "--answers",
                           str(answers)], capture_output=True, text=True,
                          env={**os.environ, "CAREERKIT_HOME": str(home)}, check=False)


def test_a_read_only_home_folder_is_a_clean_refusal_and_reading_still_works(run, tmp_path: Path,
                                                                           home: Path) -> None:
    record(run, tmp_path / "ans", model="tiny", person="Ann", ratings={"alpha.one": 1})
    answers = answers_file(tmp_path / "x", model="tiny", person="Ann", ratings={"alpha.one": 2})
    before = store_bytes(home)
    with read_only(home):
        res = _assess(home, answers)
        assert res.returncode == 3, res.stderr
        assert str(home) in res.stderr and no_traceback(res.stderr)
        assert len(res.stderr.strip().splitlines()) == 1
        listed = run("history", "--json")
        assert listed.exit_code == 0 and len(payload(listed.output)) == 1
    assert store_bytes(home) == before


def test_a_read_only_store_file_is_respected(run, tmp_path: Path, home: Path) -> None:
    record(run, tmp_path / "ans", model="tiny", person="Ann", ratings={"alpha.one": 1})
    answers = answers_file(tmp_path / "x", model="tiny", person="Ann", ratings={"alpha.one": 2})
    store = next((home / "data" / "people").glob("*.json"))
    os.chmod(store, 0o400)
    before = store_bytes(home)
    res = _assess(home, answers)
    assert res.returncode == 3 and str(store) in res.stderr and "read-only" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and no_traceback(res.stderr)
    assert store_bytes(home) == before
