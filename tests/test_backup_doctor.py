"""`backup`, `restore` and `doctor` on real home folders."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from careerkit.store import files
from tests.conftest import no_traceback, payload
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
    ids = {r["id"] for r in payload(run("history", "--json").output)}
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
             truncated: "damaged or cut short", foreign: "no manifest"}
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
    assert listing.exit_code == 0 and "restore --pick" in listing.output
    row = next(ln for ln in listing.output.splitlines() if "Ann's records" in ln)  # whose data, not a file name
    assert "the file is damaged now: brings back assessments 1" in row, listing.output
    number = row.split()[0]
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
    data = payload(run("doctor", "--json").output)
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

        waited = run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(answers),
                     env={"CAREERKIT_LOCK_TIMEOUT": "0.3"})
        assert waited.exit_code == 3 and "pid 4242" in waited.stderr and "`careerkit assess`" in waited.stderr
    finally:
        holder.kill()
        holder.wait()
    # the holder died: no lock to clean by hand
    assert run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(answers)).exit_code == 0


def test_backup_into_a_folder_writes_the_dated_file_inside(run, tmp_path: Path) -> None:
    seeded(run, tmp_path)
    folder = tmp_path / "backups here"
    folder.mkdir()
    res = run("backup", "-o", str(folder))
    assert res.exit_code == 0, res.output
    made = list(folder.glob("careerkit-backup-*.tar.gz"))
    assert len(made) == 1 and str(made[0]) in res.output


def test_restore_refusals_are_in_the_users_language(run, tmp_path: Path, home: Path) -> None:
    seeded(run, tmp_path)
    before = store_bytes(home)
    empty, cut = tmp_path / "empty.tar.gz", tmp_path / "cut.tar.gz"
    empty.write_bytes(b"")
    run("backup", "-o", str(tmp_path / "b.tar.gz"))
    cut.write_bytes((tmp_path / "b.tar.gz").read_bytes()[:300])
    for path, reason in ((empty, "文件是空的"), (cut, "文件已损坏、不完整")):
        res = run("--lang", "zh", "restore", str(path), "--yes")
        assert res.exit_code == 2 and reason in res.stderr, res.stderr
        assert not re.search(r"archive|readable|empty|gzip|ended", res.stderr.replace(str(path), "")), res.stderr
    assert store_bytes(home) == before


def test_a_restore_that_cannot_finish_puts_the_files_back(run, cli_proc, tmp_path: Path, home: Path) -> None:
    import shutil

    seeded(run, tmp_path)
    archive = tmp_path / "b.tar.gz"
    run("backup", "-o", str(archive))
    archived = {k: v for k, v in store_bytes(home).items() if ".bak" not in k}
    record(run, tmp_path / "ans", model="tiny", person="Ann", ratings={"alpha.one": 3})  # Ann's file changes
    record(run, tmp_path / "ans", model="tiny", person="Bo", ratings={"beta.one": 3})  # a file the archive lacks
    saved = tmp_path / "saved-home"
    shutil.copytree(home, saved)

    def data() -> dict[str, bytes]:
        return {k: v for k, v in store_bytes(home).items() if ".bak" not in k and not k.startswith("backups/")}

    before = data()
    rolled_back = 0
    for nth in range(5, 13):  # the disk fills up at the nth I/O call of the restore's saves
        shutil.rmtree(home)
        shutil.copytree(saved, home)
        res = cli_proc("restore", str(archive), "--yes", env={"CAREERKIT_IO_FAULT": f"ENOSPC:{nth}"})
        if res.returncode == 0:
            assert data() == archived, nth
        else:
            assert res.returncode == 3 and "No space left on device" in res.stderr, res.stderr
            assert data() == before, (nth, res.stderr)  # never half restored
            rolled_back += "the files are as they were" in res.stderr
    assert rolled_back  # some fault hit a file of the home folder, not only the copy kept aside


def test_two_restores_in_one_second_keep_both_copies(run, tmp_path: Path, home: Path) -> None:
    import time

    seeded(run, tmp_path)
    archive = tmp_path / "b.tar.gz"
    run("backup", "-o", str(archive))
    (home / "backups").mkdir()
    taken = [home / "backups" / f"before-restore-{time.strftime('%Y%m%d-%H%M%S', time.localtime(time.time() + d))}"
             ".tar.gz" for d in range(3)]
    for path in taken:
        path.write_bytes(b"an earlier copy")
    assert run("restore", str(archive), "--yes").exit_code == 0
    assert all(path.read_bytes() == b"an earlier copy" for path in taken)
    assert len(list((home / "backups").glob("before-restore-*.tar.gz"))) == 4


def test_ctrl_c_waits_for_a_many_file_change_to_finish() -> None:
    import signal

    from careerkit.store.archive import Uninterrupted

    finished = False
    with pytest.raises(KeyboardInterrupt), Uninterrupted():
        os.kill(os.getpid(), signal.SIGINT)
        finished = True  # reached: the interrupt waited for the block to end
    assert finished


def test_doctor_names_the_exact_restore_command_and_speaks_chinese(run, tmp_path: Path, home: Path) -> None:
    seeded(run, tmp_path)
    record(run, tmp_path / "ans", model="tiny", person="Ann", ratings={"alpha.one": 3})
    store = next(p for p in (home / "data" / "people").glob("*.json") if files.backups_of(p))
    store.write_bytes(b"{not json")
    res = run("doctor")
    fix = next(line for line in res.output.splitlines() if "fix:" in line).split("fix:")[1].strip()
    assert re.fullmatch(r"careerkit restore --pick \d+", fix), res.output
    assert sum("no rotating backup yet" in line for line in res.output.splitlines()) <= 1
    assert " 0 kB " not in run("restore", "--list").output  # a small file says its bytes
    assert run("restore", *fix.split()[2:], "--yes").exit_code == 0
    assert run("history").exit_code == 0  # the store reads again
    os.chmod(home, 0o750)  # noqa: S103 - a home others can read, for doctor to find
    zh = run("--lang", "zh", "doctor")
    assert "careerkit doctor --fix（或：chmod -R go-rwx" in zh.output and "(or " not in zh.output
    os.chmod(home, 0o700)
    assert run("doctor").exit_code == 0


def test_restore_list_says_whose_data_each_copy_holds_when_it_was_saved_and_what_restoring_changes(
        run, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.cells import cell_len

    monkeypatch.setenv("CAREERKIT_TODAY", "2026-06-15")  # the check-ins in one year's file

    seeded(run, tmp_path)
    record(run, tmp_path / "ans", model="tiny", person="李伟", ratings={"alpha.one": 3})
    assert run("habits", "add", "Read", "--since", "-3").exit_code == 0
    assert run("habits", "done", "Read", "--date", "-2").exit_code == 0
    assert run("habits", "done", "Read").exit_code == 0
    listing = run("restore", "--list")
    assert listing.exit_code == 0, listing.stderr
    lines = listing.output.splitlines()
    assert lines[0].split() == ["No.", "Data", "Saved", "Restoring", "it", "changes", "(now", "→", "then)"]
    li = next(ln for ln in lines if "李伟's records" in ln)
    assert li.rstrip().endswith("assessments 2 → 1") and re.search(r"  \d{4}-\d\d-\d\d \d\d:\d\d  ", li)
    assert any("check-ins of Read, 2026" in ln and "check-ins 2 → 1" in ln for ln in lines), listing.output
    month = next(ln for ln in lines if "the history index" in ln and re.search(r"\d{4}-\d\d\b", ln))
    assert month.rstrip().endswith("assessments 3 → 2"), listing.output  # the month's rows (seeded + 李伟), not 1 file
    assert ".bak" not in listing.output  # words, not file names
    saved_at = {cell_len(ln[: ln.index("Saved")]) if i == 0 else cell_len(re.split(r"(?=\d{4}-\d\d-\d\d \d)", ln)[0])
                for i, ln in enumerate(lines[: -1])}
    assert len(saved_at) == 1, listing.output  # the columns line up
    zh = run("--lang", "zh", "restore", "--list")
    zh_lines = zh.output.splitlines()
    assert zh_lines[0].split()[:3] == ["编号", "数据", "保存时间"]
    row = next(ln for ln in zh_lines if "李伟的记录" in ln)
    assert row.rstrip().endswith("评估 2 → 1")
    assert len({cell_len(re.split(r"(?=\d{4}-\d\d-\d\d \d)", ln)[0]) for ln in zh_lines[1:-1]}) == 1, zh.output
    items = payload(run("restore", "--list", "--json").output)
    copy = next(i for i in items if i["name"] == "李伟")
    assert copy["what"] == "person" and copy["records_now"]["assessments"] == 2
    assert copy["records_then"]["assessments"] == 1 and copy["file"].endswith(".json.bak1")
    asked = run("restore", "--pick", str(copy["number"]), input="n\n")
    assert "Put back 李伟's records as saved " in asked.stderr and "(assessments 2 → 1)?" in asked.stderr
    assert ".bak" not in asked.stderr and "Nothing changed" in asked.stderr
    zh_asked = run("--lang", "zh", "restore", "--pick", str(copy["number"]), "--yes")
    assert zh_asked.exit_code == 0 and "已将李伟的记录恢复为 " in zh_asked.output
    assert len(payload(run("history", "--person", "李伟", "--json").output)) == 1


def test_restore_list_names_a_habit_summary_as_derived_from_the_check_ins(
        run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERKIT_TODAY", "2026-06-15")
    assert run("habits", "add", "Read", "--since", "2025-12-20").exit_code == 0
    for day in ("2025-12-30", "2025-12-31"):  # an earlier year changes: its summary is saved again
        assert run("habits", "done", "Read", "--date", day).exit_code == 0
    items = payload(run("restore", "--list", "--json").output)
    summary = next(i for i in items if i["what"] == "habit-summary")
    assert summary["name"] == "Read" and summary["store"].endswith("/summary.json")
    listing = run("restore", "--list").output
    assert "summary of Read's earlier years (rebuilt from the check-ins)" in listing and "summary.json" not in listing
    assert "习惯“Read”往年打卡的汇总" in run("--lang", "zh", "restore", "--list").output
