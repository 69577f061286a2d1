"""Crashes: a process killed at any moment (SIGKILL soaks) or made to die at each named step of a
save (``CAREERKIT_CRASH_AT``) leaves every store readable, holding the state before or after.

Modelled on how SQLite tests itself: the soak harness is checked to be able to fail (the
same SIGKILL soak against plain TinyDB JSONStorage does report corruption). The crash points
of the multi-file commits (import, remove, restore, plan) are swept in test_safety_store.py.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from careerkit.store import files
from careerkit.store.files import CRASH_STEPS
from tests.conftest import ROOT, careerkit_command, payload
from tests.helpers import TINY_DIR, answers_file, notes_in_store, record, spawn_recorder

CHILD = Path(__file__).resolve().parent / "child_store.py"

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

OPS = ("insert", "update", "delete")


def spawn(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(CHILD), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=ENV)


def acks(err: bytes) -> set[str]:
    return {ln.split()[1] for ln in err.decode().splitlines() if ln.startswith("ACK ")}


def soak(home: Path, op: str, kills: int, read, seed: int, *, check_acks: bool = True) -> tuple[set[str], int]:
    """Kill a saving child at random moments; returns the acknowledged saves and corruptions seen."""
    rng = random.Random(seed)
    acknowledged: set[str] = set()
    corrupt = 0
    for n in range(kills):
        child = spawn(str(home), op, f"k{n}", "100000")
        time.sleep(rng.uniform(0.12, 0.35))
        child.send_signal(signal.SIGKILL)
        _, err = child.communicate()
        acknowledged |= acks(err)
        try:
            stored = read(home)
        except Exception:  # the point: any unreadable state counts
            corrupt += 1
            break
        if check_acks:
            assert acknowledged <= stored, sorted(acknowledged - stored)[:3]
    return acknowledged, corrupt


def careerkit_tags(home: Path) -> set[str]:
    data = files.read_sealed(home / "data" / "t.json") or {}
    return {doc["tag"] for doc in data.get("records", {}).values()}


def plain_tags(home: Path) -> set[str]:
    data = json.loads((home / "plain.json").read_bytes())
    return {doc["tag"] for doc in data.get("records", {}).values()}


# ----------------------------------------------------------------------------- random SIGKILLs


@pytest.mark.slow
def test_sigkill_soak_100_never_an_unreadable_store_and_every_acknowledged_save_present(tmp_path: Path) -> None:
    acknowledged, corrupt = soak(tmp_path / "h", "loop", 100, careerkit_tags, seed=7)
    assert corrupt == 0
    assert len(acknowledged) > 20  # the children really did save between kills (a slow machine saves fewer)


@pytest.mark.soak
def test_long_sigkill_soak_1000_kills(tmp_path: Path) -> None:
    """The long variant: `python -m pytest -m soak` (about ten minutes)."""
    acknowledged, corrupt = soak(tmp_path / "h", "loop", 1000, careerkit_tags, seed=1)
    assert corrupt == 0 and len(acknowledged) > 1000


@pytest.mark.slow
def test_the_soak_harness_can_fail_plain_tinydb_gets_corrupted(tmp_path: Path) -> None:
    # (its workload shrinks the table on purpose, so only readability is checked)
    _, corrupt = soak(tmp_path / "h", "plain-loop", 100, plain_tags, seed=11, check_acks=False)
    assert corrupt >= 1, "the harness did not catch plain JSONStorage's in-place rewrite"


@pytest.mark.soak  # by default the SIGKILL soak above covers this (its harness is shown able to fail)
def test_sigkill_at_random_moments_never_loses_an_acknowledged_record(home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    acknowledged: set[str] = set()
    rng = random.Random(20261128)
    for round_ in range(50):
        child = spawn_recorder(f"r{round_}", 1000, tmp_path / "work", env)
        time.sleep(rng.uniform(0.35, 0.9))
        child.send_signal(signal.SIGKILL)
        _, err = child.communicate()
        acknowledged |= {ln.split()[1] for ln in err.decode().splitlines() if ln.startswith("ACK ")}
        stored = notes_in_store(home)  # parses every store file: never half-written
        assert acknowledged <= stored, sorted(acknowledged - stored)[:5]
    assert len(acknowledged) > 10  # the children really did work between kills (fewer on a slow machine)


# ----------------------------------------------------------------------------- a crash at each step of a save


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


def person_file(home: Path) -> Path:
    found = sorted((home / "data" / "people").glob("*.json"))
    assert len(found) == 1
    return found[0]


def test_a_leftover_temporary_file_is_cleaned_by_the_next_command(run, tmp_path: Path, home: Path) -> None:
    record(run, tmp_path, model="tiny", person="Ann", ratings={"alpha.one": 1})
    path = person_file(home)
    leftover = path.parent / f".{path.name}.tmp-99999-deadbeef"
    leftover.write_bytes(b'{"half": ')
    record(run, tmp_path, model="tiny", person="Ann", ratings={"alpha.one": 2})
    assert not leftover.exists()
