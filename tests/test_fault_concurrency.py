"""Several processes at once: writers under the home lock lose no save and no read-modify-write,
and readers never see half a file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from careerkit.store import files
from tests.conftest import ROOT, payload
from tests.helpers import notes_in_store, spawn_recorder

CHILD = Path(__file__).resolve().parent / "child_store.py"

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def spawn(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(CHILD), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=ENV)


def careerkit_tags(home: Path) -> set[str]:
    data = files.read_sealed(home / "data" / "t.json") or {}
    return {doc["tag"] for doc in data.get("records", {}).values()}


@pytest.mark.slow
def test_four_processes_a_hundred_saves_each(tmp_path: Path) -> None:
    home = tmp_path / "h"
    children = [spawn(str(home), "loop", tag, "100") for tag in "abcd"]
    for child in children:
        _, err = child.communicate(timeout=300)
        assert child.returncode == 0, err.decode()[-1000:]
    assert careerkit_tags(home) == {f"{tag}-{i}" for tag in "abcd" for i in range(100)}


@pytest.mark.slow
def test_two_processes_read_modify_write_the_same_record(tmp_path: Path) -> None:
    home = tmp_path / "h"
    children = [spawn(str(home), "incr", "200") for _ in range(2)]
    for child in children:
        _, err = child.communicate(timeout=300)
        assert child.returncode == 0, err.decode()[-1000:]
    data = files.read_sealed(home / "data" / "t.json")
    assert data["counter"]["1"]["n"] == 400  # no update lost


@pytest.mark.slow
def test_two_processes_checking_off_one_habit_lose_no_check_in(run, home: Path) -> None:
    today = "2026-11-28"
    env = {**ENV, "CAREERKIT_HOME": str(home), "CAREERKIT_TODAY": today}
    added = run("habits", "add", "Shared habit", "--every", "daily", "--since", "2025-01-01",
                env={"CAREERKIT_TODAY": today})
    assert added.exit_code == 0
    child = Path(__file__).resolve().parent / "child_habit.py"
    procs = [subprocess.Popen([sys.executable, str(child), str(first), "200"], env=env, stderr=subprocess.PIPE)
             for first in (0, 200)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()[-1000:]
    report = run("habits", "report", "--from", "2025-01-01", "--to", today, "--format", "json",
                 env={"CAREERKIT_TODAY": today})
    assert report.exit_code == 0, report.stderr
    data = payload(report.output)
    habit = next(h for h in data["habits"] if h["name"] == "Shared habit")
    assert habit["done"] == 400  # 400 read-modify-write saves of one habit, none lost


@pytest.mark.slow
def test_two_processes_recording_at_once_lose_nothing(home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [spawn_recorder(tag, 200, tmp_path / tag, env) for tag in ("a", "b")]
    for child in children:
        _, err = child.communicate(timeout=600)
        assert child.returncode == 0, err.decode()[-2000:]
    stored = notes_in_store(home)
    assert {f"{tag}-{i}" for tag in ("a", "b") for i in range(200)} <= stored
    assert len(stored) == 400


@pytest.mark.slow
def test_readers_never_see_half_a_file_while_a_writer_saves(tmp_path: Path) -> None:
    home = tmp_path / "h"
    writer = spawn(str(home), "loop", "w", "150")
    reads = 0
    deadline = time.monotonic() + 60
    try:
        while writer.poll() is None and time.monotonic() < deadline:
            for _ in range(2):  # two readers, interleaved
                if (home / "data" / "t.json").exists():
                    careerkit_tags(home)  # raises if a reader ever sees a partial file
                    reads += 1
    finally:
        writer.wait(timeout=120)
    assert writer.returncode == 0 and reads > 50
