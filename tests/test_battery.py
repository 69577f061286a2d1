"""The data-safety battery: random SIGKILLs, 200 damaged files, read-only homes,
concurrent writers and readers, permissions under any umask.

Modelled on how SQLite tests itself: the harness is checked to be able to fail (the
same SIGKILL soak against plain TinyDB JSONStorage does report corruption).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from careerkit.store import files
from tests.conftest import ROOT, careerkit_command, no_traceback, payload
from tests.helpers import TINY_DIR, answers_file, record, store_bytes

CHILD = Path(__file__).resolve().parent / "child_store.py"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


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


# ----------------------------------------------------------------------------- 200 damaged files


def variants(valid: bytes, count: int = 200) -> list[tuple[str, bytes]]:
    rng = random.Random(2026)
    out: list[tuple[str, bytes]] = [("0 bytes", b"")]
    for boundary in (512, 1024, 4096, 8192):
        if boundary < len(valid):
            out.append((f"truncated at {boundary}", valid[:boundary]))
    out.append(("valid JSON of the wrong shape (list)", b"[]"))
    out.append(("valid JSON of the wrong shape (unsealed object)", b'{"_meta": {}}'))
    out.append(("sealed JSON of the wrong shape", files.seal({"x": {"1": 5}})))
    while len(out) < count:
        kind = len(out) % 5
        if kind == 0:
            cut = rng.randrange(1, len(valid))
            out.append((f"truncated at {cut}", valid[:cut]))
        elif kind == 1:
            cut = rng.randrange(len(valid) // 2, len(valid))
            out.append((f"NUL-filled tail from {cut}", valid[:cut] + b"\x00" * (len(valid) - cut)))
        elif kind == 2:
            out.append(("appended garbage", valid + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))))
        else:
            damaged = bytearray(valid)
            for _ in range(rng.randrange(1, 4)):
                at = rng.randrange(len(damaged))
                damaged[at] ^= 1 << rng.randrange(8)
            out.append(("flipped bytes", bytes(damaged)))
    return out[:count]


@pytest.mark.slow
@pytest.mark.parametrize("count", [pytest.param(200, id="200"), pytest.param(3000, id="3000", marks=pytest.mark.soak)])
def test_damaged_variants_are_each_refused_by_name_and_nothing_is_written(run, tmp_path: Path, home: Path,
                                                                         count: int) -> None:
    for i in range(6):
        record(run, tmp_path / "ans", model="tiny", person="Ann", ratings={"alpha.one": 1 + i % 3},
               notes={"alpha.one": f"note {i} " + "x" * 300})
    store = next((home / "data" / "people").glob("*.json"))
    valid = store.read_bytes()
    answers = answers_file(tmp_path / "x", model="tiny", person="Ann", ratings={"alpha.one": 2})
    for name, content in variants(valid, count):
        store.write_bytes(content)
        before = store_bytes(home)
        for args in (("history",), ("--models-dir", str(TINY_DIR), "assess", "--allow-partial",
                                         "--answers", str(answers))):
            res = run(*args)
            assert res.exit_code == 2, (name, args, res.output)
            assert str(store) in res.stderr and "careerkit restore --list" in res.stderr, (name, res.stderr)
            assert no_traceback(res.stderr)
        assert store_bytes(home) == before, name


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


# ----------------------------------------------------------------------------- concurrency


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


# ----------------------------------------------------------------------------- permissions


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_every_file_careerkit_writes_is_private_under_any_umask(tmp_path: Path, umask: int) -> None:
    home = tmp_path / "home"
    answers = answers_file(tmp_path / "x", model="tiny", person="Ann", ratings={"alpha.one": 2})
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "CAREERKIT_HOME": str(home)}

    def with_umask() -> None:
        os.umask(umask)

    def cmd(*args: str) -> None:
        res = subprocess.run([*careerkit_command(), "--models-dir", str(TINY_DIR), *args], capture_output=True,
                             text=True, env=env, preexec_fn=with_umask, check=False)
        assert res.returncode == 0, res.stderr

    for _ in range(2):
        cmd("assess", "--allow-partial", "--answers", str(answers))
    cmd("backup", "-o", str(out / "backup.tar.gz"))
    cmd("plan", "--format", "html", "-o", str(out / "plan.html"))
    cmd("habits", "add", "Practise alpha", "--model", "tiny", "--competency", "alpha")
    cmd("habits", "done", "Practise")
    cmd("habits", "sheet", "--format", "html", "-o", str(out / "sheet.html"))
    cmd("export", "-o", str(out / "bundle.json"))
    cmd("team", "import", str(out / "bundle.json"))
    cmd("team", "summary", "--format", "csv", "-o", str(out / "team.csv"))
    written = [*home.rglob("*"), *out.iterdir()]
    assert len(list(out.iterdir())) == 5
    assert any(p.name.endswith(".bak1") for p in written)
    for path in written:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_a_store_reached_through_a_symlink_stays_a_symlink(run, tmp_path: Path, home: Path) -> None:
    record(run, tmp_path / "ans", model="tiny", person="Ann", ratings={"alpha.one": 1})
    store = next((home / "data" / "people").glob("*.json"))
    elsewhere = tmp_path / "synced"
    elsewhere.mkdir()
    real = elsewhere / "ann.json"
    store.rename(real)
    store.symlink_to(real)
    record(run, tmp_path / "ans", model="tiny", person="Ann", ratings={"alpha.one": 3})
    assert store.is_symlink() and os.readlink(store) == str(real)
    assert len(files.read_sealed(real)["assessments"]) == 2
