"""Fault injection on the save path: crashes at each step and I/O errors at each call.

Every save goes through careerkit.store.files.atomic_write, so proving it here proves it
for every command; one test then runs a real command under the same faults.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from careerkit.store import files
from careerkit.store.files import CRASH_STEPS
from tests.conftest import ROOT, careerkit_command, no_traceback, payload
from tests.helpers import TINY_DIR, answers_file, record

CHILD = Path(__file__).resolve().parent / "child_store.py"
OPS = ("insert", "update", "delete")


def child(home: Path, op: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": str(ROOT), "CAREERKIT_LOCK_TIMEOUT": "2", **env}
    return subprocess.run([sys.executable, str(CHILD), str(home), op], capture_output=True, text=True,
                          env=full, timeout=60, check=False)


def seeded(tmp_path: Path) -> Path:
    home = tmp_path / "h"
    for _ in range(3):  # three saves, so backups exist and rotation has work to do
        assert child(home, "seed").returncode == 0
    return home


def state(home: Path) -> dict:
    return files.read_sealed(home / "data" / "t.json")  # parses, and every byte is as written


def leftovers(home: Path) -> list[str]:
    return [p.name for p in (home / "data").iterdir() if ".tmp-" in p.name]


def expected_after(home: Path, op: str, tmp_path: Path) -> dict:
    twin = tmp_path / "twin"
    subprocess.run(["cp", "-a", str(home), str(twin)], check=True)
    for p in (twin / "data").iterdir():
        if ".tmp-" in p.name:
            p.unlink()
    assert child(twin, op).returncode == 0
    return state(twin)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("step", CRASH_STEPS)
def test_a_crash_at_any_step_leaves_the_state_before_or_after(tmp_path: Path, op: str, step: str) -> None:
    home = seeded(tmp_path)
    before = state(home)
    after = expected_after(home, op, tmp_path)
    crashed = child(home, op, CAREERKIT_CRASH_AT=step)
    assert crashed.returncode == 77, crashed.stderr  # it really died at that step
    now = state(home)  # parses
    assert now in (before, after)
    if step == "after-rename":
        assert now == after
    if step in ("tmp-created", "half-written", "before-fsync", "after-fsync"):
        assert now == before and leftovers(home)
    # the next command cleans the leftover temporary file and works
    assert child(home, "insert").returncode == 0
    assert leftovers(home) == []


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


def test_a_real_command_under_a_crash_keeps_every_earlier_record(run, tmp_path: Path, home: Path) -> None:
    first = record(run, tmp_path, model="tiny", person="Ann", ratings={"alpha.one": 2})
    path = answers_file(tmp_path / "x", model="tiny", person="Ann", ratings={"alpha.one": 3})
    env = {**os.environ, "CAREERKIT_HOME": str(home), "CAREERKIT_CRASH_AT": "half-written"}
    res = subprocess.run([*careerkit_command(), "--models-dir", str(TINY_DIR), "assess", "--allow-partial",
                          "--answers", str(path)],
                         capture_output=True, text=True, env=env, check=False)
    assert res.returncode == 77
    listed = payload(run("history", "--json").output)
    assert [r["id"] for r in listed] == [first["id"]]
    record(run, tmp_path, model="tiny", person="Ann", ratings={"alpha.one": 1})
    store = next((home / "data" / "people").glob("*.json"))
    assert not [p for p in store.parent.iterdir() if ".tmp-" in p.name]
