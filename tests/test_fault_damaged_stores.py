"""Damaged store files: each kind of damage (and 200 generated variants) is refused by name with
the restore hint, never read as new and never overwritten; a missing store whose backups exist
is refused too. What is not damage: rotating backups hold the earlier versions, and an older
schema is migrated on read.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from careerkit.store import files
from tests.conftest import no_traceback
from tests.helpers import TINY_DIR, answers_file, record, store_bytes


def person_file(home: Path) -> Path:
    found = sorted((home / "data" / "people").glob("*.json"))
    assert len(found) == 1
    return found[0]


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


# ----------------------------------------------------------------------------- what is not damage


def test_backups_rotate_and_hold_earlier_versions(run, tmp_path: Path, home: Path) -> None:
    ids = [record(run, tmp_path, model="tiny", person="Ann", ratings={"alpha.one": 1})["id"] for _ in range(5)]
    path = person_file(home)
    backups = files.backups_of(path)
    assert [b.name[-4:] for b in backups] == ["bak1", "bak2", "bak3"]
    counts = [len(files.read_sealed(b)["assessments"]) for b in backups]
    assert counts == [4, 3, 2]
    assert len(files.read_sealed(path)["assessments"]) == len(ids)


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
