"""`backup`, `restore` and `doctor` on real home folders."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

from careerkit.store import files
from tests.conftest import no_traceback
from tests.helpers import record, store_bytes


def seeded(run, tmp_path: Path) -> list[dict]:
    return [record(run, tmp_path / "ans", model="tiny", person=name, ratings={"alpha.one": 2})
            for name in ("Ann", "李伟")]


def test_backup_then_restore_gives_back_exactly_the_archived_home(run, tmp_path: Path, home: Path) -> None:
    recs = seeded(run, tmp_path)
    archive = tmp_path / "out" / "b.tar.gz"
    archive.parent.mkdir()
    res = run("backup", "-o", str(archive))
    assert res.exit_code == 0 and "Backed up" in res.output
    assert (archive.stat().st_mode & 0o777) == 0o600
    archived = {k: v for k, v in store_bytes(home).items() if ".bak" not in k}
    later = record(run, tmp_path / "ans", model="tiny", person="Bo", ratings={"beta.one": 3})
    res = run("restore", str(archive), input="y\n")
    assert res.exit_code == 0 and "Restored" in res.output
    now = {k: v for k, v in store_bytes(home).items() if ".bak" not in k and not k.startswith("backups/")}
    assert now == archived
    ids = {r["id"] for r in json.loads(run("history", "--json").output)}
    assert ids == {r["id"] for r in recs} and later["id"] not in ids
    kept = list((home / "backups").glob("before-restore-*.tar.gz"))
    assert len(kept) == 1  # what the restore replaced, Bo's record included, is kept


def test_restore_asks_first_and_no_changes_nothing(run, tmp_path: Path, home: Path) -> None:
    seeded(run, tmp_path)
    archive = tmp_path / "b.tar.gz"
    run("backup", "-o", str(archive))
    record(run, tmp_path / "ans", model="tiny", person="Bo", ratings={"beta.one": 3})
    before = store_bytes(home)
    res = run("restore", str(archive), input="n\n")
    assert res.exit_code == 0 and "Nothing changed" in res.stderr
    assert store_bytes(home) == before


def _tamper(archive: Path, out: Path, *, rename: str | None = None, payload: bytes | None = None) -> None:
    with tarfile.open(archive, "r:gz") as src, tarfile.open(out, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()
            if member.name.endswith(".json") and "people" in member.name and payload is not None:
                data = payload
                member.size = len(data)
            if rename and member.name.endswith("manifest.json"):
                manifest = json.loads(data)
                manifest["files"][0]["path"] = rename
                from careerkit.store.archive import _checksum

                manifest["checksum"] = _checksum(manifest["files"])
                data = json.dumps(manifest).encode()
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))


def test_a_tampered_truncated_or_foreign_archive_is_refused_and_nothing_changes(run, tmp_path: Path,
                                                                               home: Path) -> None:
    seeded(run, tmp_path)
    archive = tmp_path / "b.tar.gz"
    run("backup", "-o", str(archive))
    before = store_bytes(home)
    flipped = tmp_path / "flipped.tar.gz"
    _tamper(archive, flipped, payload=b'{"_meta":{}}')
    escaping = tmp_path / "escape.tar.gz"
    _tamper(archive, escaping, rename="../../etc/evil")
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    foreign = tmp_path / "foreign.tar.gz"
    with tarfile.open(foreign, "w:gz") as tar:
        tar.addfile(tarfile.TarInfo("hello.txt"), io.BytesIO(b""))
    cases = {flipped: "does not match its checksum", escaping: "unsafe path '../../etc/evil'",
             truncated: "not a readable archive", foreign: "no manifest"}
    for path, reason in cases.items():
        res = run("restore", str(path), "--yes")
        assert res.exit_code == 2, res.output
        assert str(path) in res.stderr and reason in res.stderr and no_traceback(res.stderr)
    assert store_bytes(home) == before
    assert not (tmp_path.parent / "etc" / "evil").exists()


def test_backup_refuses_to_overwrite_without_force(run, tmp_path: Path) -> None:
    seeded(run, tmp_path)
    target = tmp_path / "b.tar.gz"
    target.write_bytes(b"precious")
    res = run("backup", "-o", str(target))
    assert res.exit_code == 2 and "--force" in res.stderr and target.read_bytes() == b"precious"
    assert run("backup", "-o", str(target), "--force").exit_code == 0
    missing = run("backup", "-o", str(tmp_path / "nowhere" / "b.tar.gz"))
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_rotating_backups_are_listed_and_one_can_be_put_back(run, tmp_path: Path, home: Path) -> None:
    seeded(run, tmp_path)
    record(run, tmp_path / "ans", model="tiny", person="Ann", ratings={"alpha.one": 3})
    store = next(p for p in (home / "data" / "people").glob("*.json")
                 if len(files.read_sealed(p)["assessments"]) == 2)
    store.write_bytes(b"")
    assert run("history").exit_code == 2
    listing = run("restore", "--list")
    assert listing.exit_code == 0 and store.name + ".bak1" in listing.output and "restore --pick" in listing.output
    number = next(ln.split()[0] for ln in listing.output.splitlines() if store.name + ".bak1" in ln)
    res = run("restore", "--pick", number, "--yes")
    assert res.exit_code == 0, res.stderr
    assert len(files.read_sealed(store)["assessments"]) == 1
    assert run("history").exit_code == 0
    assert list(store.parent.glob(store.name + ".replaced-*"))  # the damaged file is kept, not destroyed
    assert run("restore", "--pick", "99", "--yes").exit_code == 2


def test_doctor_says_healthy_and_exits_0(run, tmp_path: Path) -> None:
    seeded(run, tmp_path)
    res = run("doctor")
    assert res.exit_code == 0 and "All good." in res.output
    data = json.loads(run("doctor", "--json").output)
    assert data["healthy"] is True


def test_doctor_finds_each_problem_and_names_the_fix(run, tmp_path: Path, home: Path) -> None:
    seeded(run, tmp_path)
    store = next((home / "data" / "people").glob("*.json"))
    os.chmod(store, 0o644)
    (store.parent / f".{store.name}.tmp-1-abcd").write_bytes(b"{")
    (home / "templates").mkdir()
    (home / "templates" / "plan.md.j2").write_text("{% if %}", encoding="utf-8")
    (home / "competencies").mkdir()
    (home / "competencies" / "mine.yaml").write_text("id: mine\n", encoding="utf-8")
    other = sorted((home / "data" / "people").glob("*.json"))[-1]
    other.write_bytes(b"{not json")
    res = run("doctor")
    assert res.exit_code == 2
    out = res.output
    assert "can be read by others" in out and "chmod -R go-rwx" in out
    assert "temporary file(s) left by an interrupted save" in out and "careerkit doctor --fix" in out
    assert "plan.md.j2" in out and "careerkit models validate" in out
    assert str(other) in out and "careerkit restore --list" in out
    fixed = run("doctor", "--fix")
    assert "made" in fixed.output and "removed" in fixed.output
    assert (store.stat().st_mode & 0o777) == 0o600
    assert not list(store.parent.glob(".*.tmp-*"))


def test_doctor_reports_who_holds_the_lock(run, tmp_path: Path, home: Path) -> None:
    seeded(run, tmp_path)
    code = ("import fcntl,os,sys,time;fd=os.open(sys.argv[1],os.O_RDWR);fcntl.flock(fd,fcntl.LOCK_EX);"
            "os.ftruncate(fd,0);os.pwrite(fd,b'{\"pid\": 4242, \"command\": \"assess\"}',0);"
            "print('locked',flush=True);time.sleep(30)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(home / "careerkit.lock")], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        res = run("doctor")
        assert "pid 4242" in res.output
        blocked = run("delete", "zzz", "--yes", env={"CAREERKIT_LOCK_TIMEOUT": "0.3"})
        assert blocked.exit_code == 2  # unknown id: reading needs no lock
        answers = tmp_path / "a.yaml"
        answers.write_text("model: tiny\nperson: Ann\nratings: {}\n", encoding="utf-8")
        from tests.helpers import TINY_DIR

        waited = run("--models-dir", str(TINY_DIR), "assess", "--answers", str(answers),
                     env={"CAREERKIT_LOCK_TIMEOUT": "0.3"})
        assert waited.exit_code == 3 and "pid 4242" in waited.stderr and "`careerkit assess`" in waited.stderr
    finally:
        holder.kill()
        holder.wait()
    # the holder died: no lock to clean by hand
    assert run("--models-dir", str(TINY_DIR), "assess", "--answers", str(answers)).exit_code == 0
