"""The store never loses an answer: damaged files refused, crashes and concurrency survived."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from careerkit.store import files
from tests.conftest import ROOT, no_traceback
from tests.helpers import TINY_DIR, record, store_bytes

CHILD = Path(__file__).resolve().parent / "child_record.py"


def person_file(home: Path) -> Path:
    found = sorted((home / "data" / "people").glob("*.json"))
    assert len(found) == 1
    return found[0]


def notes_in_store(home: Path) -> set[str]:
    out = set()
    for path in (home / "data" / "people").glob("*.json"):
        data = files.read_sealed(path)
        for doc in data.get("assessments", {}).values():
            out.update(doc["notes"].values())
    return out


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty", b"", "is empty (0 bytes); careerkit will not treat it as new"),
    ("whitespace", b"  \n", "is empty"),
    ("garbage", b"\x00\x01not json", "is damaged"),
    ("truncated", None, "is damaged"),
    ("unsealed JSON", b"[1, 2, 3]", "its checksum is missing"),
    ("flipped byte", "flip", "its checksum does not match"),
    ("wrong shape", files.seal({"_meta": {"1": {"kind": "person", "schema": 1}}, "assessments": [1, 2]}),
     "is damaged (table 'assessments' is not an object)"),
    ("wrong kind", files.seal({"_meta": {"1": {"kind": "habits", "schema": 1}}}), "is not a careerkit person store"),
    ("newer schema", files.seal({"_meta": {"1": {"kind": "person", "schema": 99}}}),
     "was written by a newer careerkit"),
])
def test_a_damaged_store_is_refused_by_name_and_never_overwritten(run, tmp_path: Path, home: Path, name: str,
                                                                  content: bytes | str | None, message: str) -> None:
    record(run, tmp_path, model="tiny", person="Ann", ratings={"alpha.one": 2})
    path = person_file(home)
    if content is None:
        content = path.read_bytes()[: len(path.read_bytes()) // 2]
    elif content == "flip":
        raw = bytearray(path.read_bytes())
        at = raw.index(b'"alpha.one":2') + len(b'"alpha.one":')
        raw[at] = ord("5")  # still valid JSON, a different rating: only the checksum can tell
        content = bytes(raw)
    path.write_bytes(content)
    before = store_bytes(home)
    for args in (["history"], ["show", "abc"]):
        res = run(*args)
        assert res.exit_code == 2, (args, res.stderr)
        assert str(path) in res.stderr and message in res.stderr
        if name != "newer schema":
            assert "careerkit restore --list" in res.stderr
        assert no_traceback(res.stderr)
    answers = tmp_path / "next.yaml"
    answers.write_text("model: tiny\nperson: Ann\nratings: {alpha.one: 3}\n", encoding="utf-8")
    res = run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(answers))
    assert res.exit_code == 2 and str(path) in res.stderr
    assert store_bytes(home) == before


def test_a_missing_store_with_backups_is_refused(run, tmp_path: Path, home: Path) -> None:
    record(run, tmp_path, model="tiny", person="Ann", ratings={"alpha.one": 2})
    record(run, tmp_path, model="tiny", person="Ann", ratings={"alpha.one": 3})
    path = person_file(home)
    path.unlink()
    res = run("history")
    assert res.exit_code == 2 and "is missing but its backups exist" in res.stderr
    answers = tmp_path / "next.yaml"
    answers.write_text("model: tiny\nperson: Ann\nratings: {alpha.one: 3}\n", encoding="utf-8")
    assert run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(answers)).exit_code == 2
    assert not path.exists()


def test_backups_rotate_and_hold_earlier_versions(run, tmp_path: Path, home: Path) -> None:
    ids = [record(run, tmp_path, model="tiny", person="Ann", ratings={"alpha.one": 1})["id"] for _ in range(5)]
    path = person_file(home)
    backups = files.backups_of(path)
    assert [b.name[-4:] for b in backups] == ["bak1", "bak2", "bak3"]
    counts = [len(files.read_sealed(b)["assessments"]) for b in backups]
    assert counts == [4, 3, 2]
    assert len(files.read_sealed(path)["assessments"]) == len(ids)


def test_a_leftover_temporary_file_is_cleaned_by_the_next_command(run, tmp_path: Path, home: Path) -> None:
    record(run, tmp_path, model="tiny", person="Ann", ratings={"alpha.one": 1})
    path = person_file(home)
    leftover = path.parent / f".{path.name}.tmp-99999-deadbeef"
    leftover.write_bytes(b'{"half": ')
    record(run, tmp_path, model="tiny", person="Ann", ratings={"alpha.one": 2})
    assert not leftover.exists()


def _spawn(tag: str, count: int, work: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(CHILD), str(TINY_DIR), str(work), tag, str(count)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)


@pytest.mark.soak  # by default test_battery's SIGKILL soak covers this (its harness is shown able to fail)
def test_sigkill_at_random_moments_never_loses_an_acknowledged_record(home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    acknowledged: set[str] = set()
    rng = random.Random(20261128)
    for round_ in range(50):
        child = _spawn(f"r{round_}", 1000, tmp_path / "work", env)
        time.sleep(rng.uniform(0.35, 0.9))
        child.send_signal(signal.SIGKILL)
        _, err = child.communicate()
        acknowledged |= {ln.split()[1] for ln in err.decode().splitlines() if ln.startswith("ACK ")}
        stored = notes_in_store(home)  # parses every store file: never half-written
        assert acknowledged <= stored, sorted(acknowledged - stored)[:5]
    assert len(acknowledged) > 10  # the children really did work between kills (fewer on a slow machine)


@pytest.mark.slow
def test_two_processes_recording_at_once_lose_nothing(home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [_spawn(tag, 200, tmp_path / tag, env) for tag in ("a", "b")]
    for child in children:
        _, err = child.communicate(timeout=600)
        assert child.returncode == 0, err.decode()[-2000:]
    stored = notes_in_store(home)
    assert {f"{tag}-{i}" for tag in ("a", "b") for i in range(200)} <= stored
    assert len(stored) == 400


def test_an_older_schema_is_migrated_on_read_and_written_back_as_the_new_one(tmp_path: Path) -> None:
    from careerkit.store.database import StoreKind, session

    home = tmp_path / "h"
    path = home / "data" / "m.json"
    old = StoreKind("migrating", 1)
    with session(home, write=True) as work:
        work.db(path, old).table("people").insert({"name": "李伟"})

    def v1_to_v2(data: dict) -> dict:  # schema 1 → 2: a name becomes family and given names
        for doc in data["people"].values():
            name = doc.pop("name")
            doc["family"], doc["given"] = name[:1], name[1:]
        return data

    new = StoreKind("migrating", 2, {1: v1_to_v2})
    with session(home, write=True) as work:
        assert work.db(path, new).table("people").all() == [{"family": "李", "given": "伟"}]
        work.db(path, new).table("people").insert({"family": "王", "given": "芳"})
    stored = files.read_sealed(path)
    assert stored["_meta"]["1"]["schema"] == 2 and len(stored["people"]) == 2
    from careerkit.errors import InputError

    with pytest.raises(InputError, match="newer careerkit"), session(home) as work:
        work.db(path, StoreKind("migrating", 1)).table("people").all()
