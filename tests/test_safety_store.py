"""Data safety, round two (issue 11): restore and backup that keep every promise, commits of
several files that are all-or-nothing under any crash or I/O error, files that cannot stall or
flood a reader, standard output that can fail, and `-o DIR/`.

Each finding's reproduction is here as the issue describes it; then the crash and I/O-fault
sweeps walk every I/O step of each multi-file commit (team import, team remove, restore,
plan save) and check the home after each: the old state or the new, never a mix.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from careerkit.store import files
from careerkit.store.archive import ROOT, _checksum, home_files
from tests.conftest import careerkit_command, no_traceback, payload
from tests.helpers import TINY_DIR, answers_file, record

TINY = ("--models-dir", str(TINY_DIR))


def assess(run, tmp_path: Path, person: str, level: int = 2) -> dict:
    return record(run, tmp_path / "ans", model="tiny", person=person, ratings={"alpha.one": level})


def home_state(home: Path) -> dict[str, bytes]:
    """What a backup holds of the home folder, byte for byte."""
    return {p.relative_to(home).as_posix(): p.read_bytes() for p in home_files(home)}


# ----------------------------------------------------------------------------- 1. restore leaves a working home


def test_1_a_restore_leaves_the_home_readable_and_sets_aside_the_backups_of_what_it_removes(
        run, tmp_path: Path, home: Path) -> None:
    ann = assess(run, tmp_path, "Ann")
    assert run("habits", "add", "Read", "--since", "-1").exit_code == 0
    archive = tmp_path / "b.tar.gz"
    assert run("backup", "-o", str(archive)).exit_code == 0
    assess(run, tmp_path, "Bob")
    assess(run, tmp_path, "Bob", 3)  # Bob's store now has a .bak1
    assert run("habits", "done", "Read", "--date", "-1").exit_code == 0
    assert run("habits", "done", "Read").exit_code == 0
    bob_backups = [p for p in home.rglob("*.bak*") if "people" in p.parts]
    assert bob_backups
    res = run("restore", str(archive), "--yes")
    assert res.exit_code == 0 and re.search(r"Restored \d+ file\(s\)", res.output), res.output + res.stderr
    listed = run("history", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert [r["id"] for r in payload(listed.output)] == [ann["id"]]
    doctor = run("doctor")
    assert doctor.exit_code == 0 and "All good." in doctor.output and "--pick" not in doctor.output
    assert not any(p.exists() for p in bob_backups)
    assert run("habits", "status").exit_code == 0
    # what was set aside is in the before-restore archive, so nothing is lost
    kept = next((home / "backups").glob("before-restore-*.tar.gz"))
    with tarfile.open(kept) as tar:
        names = tar.getnames()
    assert all(any(n.endswith(p.name) for n in names) for p in bob_backups)


# ----------------------------------------------------------------------------- 2. a failed restore is rolled back


def _craft(path: Path, contents: dict[str, bytes]) -> None:
    """A well-formed archive (manifest first, checksums right) holding ``contents``."""
    entries = [{"path": rel, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
               for rel, data in contents.items()]
    manifest = {"format": "careerkit/backup/v1", "created_at": "2026-11-28T10:00:00+0000", "careerkit": "x",
                "files": entries, "checksum": _checksum(entries)}
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for name, data in [("manifest.json", json.dumps(manifest).encode()),
                           *((f"files/{rel}", data) for rel, data in contents.items())]:
            info = tarfile.TarInfo(f"{ROOT}/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_2_a_restore_that_fails_half_way_changes_nothing_and_names_the_before_restore_archive(
        run, tmp_path: Path, home: Path) -> None:
    for person in ("Ann", "Bob"):
        assess(run, tmp_path, person)
    archive = tmp_path / "b.tar.gz"
    assert run("backup", "-o", str(archive)).exit_code == 0
    with tarfile.open(archive) as tar:
        contents = {m.name.removeprefix(f"{ROOT}/files/"): tar.extractfile(m).read() for m in tar
                    if m.name.startswith(f"{ROOT}/files/")}
    contents = {k: v for k, v in contents.items() if "people" not in k or "Bob" not in k}
    contents["templates/" + "x" * 300 + ".j2"] = b"{{ 1 }}"  # a name the file system refuses
    crafted = tmp_path / "crafted.tar.gz"
    _craft(crafted, contents)
    before = home_state(home)
    res = run("restore", str(crafted), "--yes")
    assert res.exit_code == 3, (res.exit_code, res.output, res.stderr)
    assert "File name too long" in res.stderr and no_traceback(res.stderr)
    kept = next((home / "backups").glob("before-restore-*.tar.gz"))
    assert str(kept) in res.stderr and "Nothing was restored" in res.stderr
    assert home_state(home) == before
    assert not (home / "templates").exists()  # the folder made for it is gone too
    assert len(payload(run("history", "--json").output)) == 2


def test_2_a_read_only_folder_stops_a_restore_before_anything_changes(unprivileged: Unprivileged) -> None:
    user = unprivileged
    home = user.home
    user.ok("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(user.answers("Ann")))
    (home / "templates").mkdir()
    (home / "templates" / "plan.md.j2").write_text("{{ plan.person }}\n", encoding="utf-8")
    user.chown(home / "templates")
    archive = user.dir / "b.tar.gz"
    user.ok("backup", "-o", str(archive))
    user.ok("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(user.answers("Bob")))
    (home / "templates" / "extra.j2").write_text("x", encoding="utf-8")
    user.chown(home / "templates")
    os.chmod(home / "templates", 0o500)
    before = home_state(home)
    res = user.run("restore", str(archive), "--yes")
    os.chmod(home / "templates", 0o700)
    assert res.returncode == 3, res.stderr
    assert "Permission denied" in res.stderr and "before-restore-" in res.stderr and no_traceback(res.stderr)
    assert home_state(home) == before


# ----------------------------------------------------------------------------- 3. backups leave nothing out


def test_3_a_backup_follows_a_linked_folder_the_way_the_store_does(run, tmp_path: Path, home: Path) -> None:
    rec = assess(run, tmp_path, "Ann")
    elsewhere = tmp_path / "synced-people"
    (home / "data" / "people").rename(elsewhere)
    (home / "data" / "people").symlink_to(elsewhere)
    assert [r["id"] for r in payload(run("history", "--json").output)] == [rec["id"]]
    archive = tmp_path / "b.tar.gz"
    res = run("backup", "-o", str(archive))
    assert res.exit_code == 0 and re.search(r"Backed up \d+ file\(s\)", res.output), res.output
    with tarfile.open(archive) as tar:
        assert any("data/people/" in n for n in tar.getnames())
    # and a restore into a fresh home gives the assessment back
    fresh = tmp_path / "fresh"
    assert run("--home", str(fresh), "restore", str(archive), "--yes").exit_code == 0
    assert [r["id"] for r in payload(run("--home", str(fresh), "history", "--json").output)] == [rec["id"]]


def test_3_a_linked_store_file_is_backed_up_and_a_broken_link_or_a_pipe_is_refused_by_name(
        run, tmp_path: Path, home: Path) -> None:
    assess(run, tmp_path, "Ann")
    store = next((home / "data" / "people").glob("*.json"))
    real = tmp_path / "ann.json"
    store.rename(real)
    store.symlink_to(real)
    res = run("backup", "-o", str(tmp_path / "b.tar.gz"))
    assert res.exit_code == 0 and re.search(r"Backed up \d+ file\(s\)", res.output)
    broken = home / "data" / "people" / "gone.json"
    broken.symlink_to(tmp_path / "nowhere.json")
    res = run("backup", "-o", str(tmp_path / "c.tar.gz"))
    assert res.exit_code == 3 and str(broken) in res.stderr and "link to nothing" in res.stderr
    broken.unlink()
    pipe = home / "data" / "people" / "pipe.json"
    os.mkfifo(pipe)
    res = run("backup", "-o", str(tmp_path / "d.tar.gz"))
    assert res.exit_code == 3 and str(pipe) in res.stderr and "named pipe" in res.stderr
    assert not (tmp_path / "c.tar.gz").exists() and not (tmp_path / "d.tar.gz").exists()


def test_3_an_unreadable_folder_makes_backup_refuse_and_doctor_report_it(unprivileged: Unprivileged) -> None:
    user = unprivileged
    user.ok("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(user.answers("Ann")))
    people = user.home / "data" / "people"
    os.chmod(people, 0)
    try:
        res = user.run("backup", "-o", str(user.dir / "b.tar.gz"))
        assert res.returncode == 3 and str(people) in res.stderr and "Permission denied" in res.stderr
        assert not (user.dir / "b.tar.gz").exists()
        doctor = user.run("doctor")
        assert doctor.returncode == 2 and str(people) in doctor.stdout and "All good" not in doctor.stdout
    finally:
        os.chmod(people, 0o700)
    store = next(people.glob("*.json"))  # an unreadable file, too, is refused by name
    os.chmod(store, 0)
    res = user.run("backup", "-o", str(user.dir / "b.tar.gz"))
    assert res.returncode == 3 and str(store) in res.stderr and "Permission denied" in res.stderr


class Unprivileged:
    """Commands run as a user without root's power over permission bits (``nobody`` through
    ``setpriv`` when the tests run as root, as on CI), in a home that user owns."""

    def __init__(self, tmp_path: Path) -> None:
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            if shutil.which("setpriv") is None:
                pytest.skip("runs as root and setpriv is missing: no unprivileged user to test permissions with")
            self.prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            probe = subprocess.run([*self.prefix, sys.executable, "-c", "import careerkit"], capture_output=True,
                                   check=False)
            if probe.returncode != 0:
                pytest.skip("the unprivileged user cannot run careerkit here: " + probe.stderr.decode()[-200:])
            import tempfile

            self.dir = Path(tempfile.mkdtemp(prefix="careerkit-nobody-"))
        else:
            self.dir = tmp_path / "user"
            self.dir.mkdir()
        self.home = self.dir / "home"
        self.chown(self.dir)

    def chown(self, path: Path) -> None:
        if self.prefix:
            for p in [path, *path.rglob("*")] if path.is_dir() else [path]:
                os.chown(p, 65534, 65534, follow_symlinks=False)

    def answers(self, person: str) -> Path:
        path = answers_file(self.dir / "ans", f"{person}.yaml", model="tiny", person=person,
                            ratings={"alpha.one": 2})
        self.chown(self.dir / "ans")
        return path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "CAREERKIT_HOME": str(self.home), "HOME": str(self.dir)}
        return subprocess.run([*self.prefix, *careerkit_command(), *args], capture_output=True, text=True,
                              env=env, timeout=60, check=False, cwd=self.dir)

    def ok(self, *args: str) -> None:
        res = self.run(*args)
        assert res.returncode == 0, res.stderr


@pytest.fixture
def unprivileged(tmp_path: Path):  # type: ignore[no-untyped-def]
    user = Unprivileged(tmp_path)
    yield user
    for p in [user.dir, *user.dir.rglob("*")]:
        if p.is_dir() and not p.is_symlink():
            os.chmod(p, 0o700)
    shutil.rmtree(user.dir, ignore_errors=True)


# ----------------------------------------------------------------------------- 4. several files: all or none


def team_state(home: Path) -> dict[str, dict[str, int]]:
    """Each person of the (only) team with their record counts, after checking the index and the
    shards agree: a person in the index has all their records, and records belong to someone listed."""
    from careerkit.store.team import person_key

    teams = home / "data" / "team"
    folders = [p for p in teams.iterdir() if p.is_dir()] if teams.is_dir() else []
    if not folders:
        return {}
    (folder,) = folders
    index = files.read_sealed(folder / "team.json")
    people = {doc["name"]: doc["counts"] for doc in index.get("people", {}).values()}
    stored: dict[str, dict[str, int]] = {}
    for shard in sorted((folder / "records").glob("?.json")):
        for table, docs in files.read_sealed(shard).items():
            if "/" in table and docs:
                kind, key = table.split("/")
                stored.setdefault(key, {})[kind] = len(docs)
    keys = {person_key(name): name for name in people}
    assert set(stored) <= set(keys), "records of someone not in the index"
    for name, counts in people.items():
        assert stored.get(person_key(name), {}) == {k: n for k, n in counts.items() if n}, name
    return people


def test_4_team_remove_under_enospc_at_the_10th_call_is_all_or_nothing(run, tmp_path: Path, home: Path,
                                                                       cli_proc) -> None:
    folder = team_with_bundles(run, tmp_path)
    assert run("team", "import", str(folder)).exit_code == 0
    before = team_state(home)
    res = cli_proc("team", "remove", "Ann", "--yes", env={"CAREERKIT_IO_FAULT": "ENOSPC:10"})
    assert res.returncode == 3 and no_traceback(res.stderr)
    files.settle(home)  # what any next command does first: complete a recorded change
    after = team_state(home)
    assert after in (before, {k: v for k, v in before.items() if k != "Ann"})
    again = run("team", "remove", "Ann", "--yes")
    assert (again.exit_code == 0) == ("Ann" in after)
    assert "Ann" not in team_state(home)
    assert run("doctor").exit_code == 0


def team_with_bundles(run, tmp_path: Path) -> Path:
    """Bundles of Ann, Bo, Cy and 李伟 in a folder (their own records are then deleted from the home)."""
    folder = tmp_path / "bundles"
    folder.mkdir()
    for person in ("Ann", "Bo", "Cy", "李伟"):
        assess(run, tmp_path, person)
        assert run(*TINY, "export", "--person", person, "-o", str(folder / f"{person}.json")).exit_code == 0
    return folder


def forked(args: list[str], crash_at: str) -> int:
    """Run the real root command in a child process that dies (``os._exit``) at ``crash_at``."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 99
        try:
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115
            files._crash_at = crash_at
            files._io_calls = 0
            files._io_fault = None
            from careerkit.cli import cli

            cli.main(args=args, prog_name="careerkit")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def sweep(home: Path, args: list[str], check, *, prepare=None, run=None) -> int:  # type: ignore[no-untyped-def]
    """Crash the command before each of its I/O calls, then each call failing with ENOSPC, then
    EIO from that call on; after each, the next command's view of the home must pass ``check``
    (old or new state). Returns how many I/O steps the command took."""
    seed = home.parent / "seed"
    shutil.copytree(home, seed, symlinks=True)

    def reset() -> None:
        shutil.rmtree(home)
        shutil.copytree(seed, home, symlinks=True)
        if prepare is not None:
            prepare()

    steps = 0
    for n in range(1, 500):
        reset()
        code = forked(args, f"io:{n}")
        files.settle(home)  # what the next command does first
        check(home, finished=code == 0)
        if code == 0:
            steps = n - 1
            break
        assert code == 77, (n, code)
    else:
        pytest.fail("the command never finished")
    assert steps >= 10
    for spec in [(errno.ENOSPC, n, False) for n in range(1, steps + 1)] + [(errno.EIO, steps // 2, True)]:
        reset()
        files._io_fault, files._io_calls = spec, 0
        try:
            res = run(*args)
        finally:
            files._io_fault = None
        assert res.exit_code in (0, 3), (spec, res.exit_code, res.output, res.stderr)
        assert no_traceback(res.stderr)
        files.settle(home)
        check(home, finished=res.exit_code == 0)
    return steps


@pytest.mark.slow
def test_4_team_import_is_all_or_nothing_at_every_crash_point_and_io_fault(run, tmp_path: Path, home: Path) -> None:
    folder = team_with_bundles(run, tmp_path)
    ann = tmp_path / "ann-only"
    ann.mkdir()
    shutil.move(folder / "Ann.json", ann / "Ann.json")
    assert run("team", "import", str(ann)).exit_code == 0
    old = team_state(home)
    assert run("team", "import", str(folder)).exit_code == 0
    new = team_state(home)
    assert set(new) == {"Ann", "Bo", "Cy", "李伟"}
    shutil.rmtree(home / "data" / "team")
    assert run("team", "import", str(ann)).exit_code == 0

    def check(h: Path, finished: bool) -> None:
        now = team_state(h)
        assert now in (old, new)
        if finished:
            assert now == new

    steps = sweep(home, ["team", "import", str(folder)], check, run=run)
    assert steps > 20


_PACKAGE = os.path.dirname(os.path.dirname(files.__file__)) + os.sep  # careerkit/ itself


class CtrlC:
    """Ctrl-C as CPython delivers it: KeyboardInterrupt raised right after a C call returns (the
    eval loop runs the signal handler there). Counted over the system-level calls (os, io and the
    files' own methods) made by careerkit's code, and never where careerkit holds the signals,
    since a real Ctrl-C cannot arrive there."""

    def __init__(self, at: int) -> None:
        self.at, self.calls = at, 0

    def __call__(self, frame, event: str, arg: object) -> None:  # type: ignore[no-untyped-def]
        if event != "c_return" or not self._system(arg):
            return
        code = frame.f_code
        if not code.co_filename.startswith(_PACKAGE) and code.co_name != "fdopen":
            return
        import signal

        if signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []):
            return
        self.calls += 1
        if self.calls == self.at:
            sys.setprofile(None)
            raise KeyboardInterrupt

    @staticmethod
    def _system(func: object) -> bool:
        return getattr(func, "__module__", None) in ("posix", "io", "_io") or isinstance(
            getattr(func, "__self__", None), io.IOBase)


def test_4_ctrl_c_at_any_system_call_of_an_import_is_an_interrupt_that_commits_nothing(run, tmp_path: Path,
                                                                                        home: Path) -> None:
    """The intermittent loss in the Ctrl-C soak of team import: an interrupt that came just as a
    bundle's file object was made became "refused: cannot read it (Bad file descriptor)" (the
    reader closed the descriptor the failed file object had already closed), and the import
    went on and committed the other bundles with exit 0. Here the interrupt is put at each
    system call in turn: every one is exit 130 with nothing committed, or comes after the commit."""
    folder = team_with_bundles(run, tmp_path)
    shutil.move(folder / "Ann.json", tmp_path / "Ann.json")
    assert run("team", "import", str(tmp_path / "Ann.json")).exit_code == 0
    old = team_state(home)
    seed = tmp_path / "seed"
    shutil.copytree(home, seed)
    points = 0
    for at in range(1, 400):
        shutil.rmtree(home)
        shutil.copytree(seed, home)
        hook = CtrlC(at)
        sys.setprofile(hook)
        try:
            res = run("team", "import", str(folder))
        finally:
            sys.setprofile(None)
        files.settle(home)
        now = team_state(home)
        if hook.calls < at:  # no interrupt this time: every point is walked
            assert res.exit_code == 0 and set(now) == {"Ann", "Bo", "Cy", "李伟"}
            break
        assert "refused" not in res.stderr, (at, res.stderr)
        assert res.exit_code == 130 and "Interrupted" in res.stderr, (at, res.exit_code, res.stderr)
        assert now == old or set(now) == {"Ann", "Bo", "Cy", "李伟"}, (at, now)
        points += 1
    assert points > 20, points


@pytest.mark.slow
def test_4_team_remove_is_all_or_nothing_at_every_crash_point_and_io_fault(run, tmp_path: Path, home: Path) -> None:
    folder = team_with_bundles(run, tmp_path)
    assert run("team", "import", str(folder)).exit_code == 0
    old = team_state(home)
    new = {k: v for k, v in old.items() if k != "Ann"}

    def check(h: Path, finished: bool) -> None:
        now = team_state(h)
        assert now in (old, new)
        if finished:
            assert now == new

    sweep(home, ["team", "remove", "Ann", "--yes"], check, run=run)


@pytest.mark.slow
def test_4_restore_is_all_or_nothing_at_every_crash_point_and_io_fault(run, tmp_path: Path, home: Path) -> None:
    assess(run, tmp_path, "Ann")
    assert run("habits", "add", "Read").exit_code == 0
    archive = tmp_path / "b.tar.gz"
    assert run("backup", "-o", str(archive)).exit_code == 0
    archived = home_state(home)
    assess(run, tmp_path, "Ann", 3)
    assess(run, tmp_path, "Bob")
    assess(run, tmp_path, "Bob", 3)
    assert run("habits", "done", "Read").exit_code == 0
    current = home_state(home)

    def check(h: Path, finished: bool) -> None:
        now = home_state(h)
        assert now in (current, archived)
        if finished:
            assert now == archived
        listed = run("history", "--json")
        assert listed.exit_code == 0, listed.stderr
        assert len(payload(listed.output)) == (1 if now == archived else 4)

    sweep(home, ["restore", str(archive), "--yes"], check, run=run)


@pytest.mark.slow
def test_4_plan_save_with_its_output_file_is_all_or_nothing(run, tmp_path: Path, home: Path) -> None:
    assess(run, tmp_path, "Ann")
    out = tmp_path / "plan.md"

    def plans() -> int:
        store = next((home / "data" / "people").glob("*.json"))
        return len(files.read_sealed(store).get("plans", {}))

    def check(h: Path, finished: bool) -> None:
        assert (plans(), out.exists()) in ((0, False), (1, True))
        if finished:
            assert plans() == 1

    sweep(home, [*TINY, "plan", "--person", "Ann", "-o", str(out)], check, run=run,
          prepare=lambda: out.unlink(missing_ok=True))


@pytest.mark.slow
def test_4_restore_pick_is_all_or_nothing_at_every_crash_point_and_io_fault(run, tmp_path: Path, home: Path) -> None:
    """`restore --pick N` keeps the current file as NAME.replaced-<time> and puts the copy back:
    one commit, so a crash leaves the store as it was with no copy kept, or restored with it."""
    assess(run, tmp_path, "Ann")
    assess(run, tmp_path, "Ann", 3)
    store = next((home / "data" / "people").glob("*.json"))
    current, then = store.read_bytes(), files.backups_of(store)[0].read_bytes()
    listed = payload(run("restore", "--list", "--json").output)
    number = next(item["number"] for item in listed if item["store"] == store.relative_to(home).as_posix())

    def check(h: Path, finished: bool) -> None:
        kept = list(store.parent.glob(store.name + ".replaced-*"))
        state = (store.read_bytes(), [p.read_bytes() for p in kept])
        assert state in ((current, []), (then, [current])), finished
        if finished:
            assert state == (then, [current])

    sweep(home, ["restore", "--pick", str(number), "--yes"], check, run=run)


def test_4_a_damaged_journal_is_refused_by_name_not_guessed(run, tmp_path: Path, home: Path) -> None:
    assess(run, tmp_path, "Ann")
    journal = home / files.JOURNAL_NAME
    journal.write_text('{"format": "careerkit/journal/v1", "ops": [], "checksum": "0"}', encoding="utf-8")
    res = run("history")
    assert res.exit_code == 2 and str(journal) in res.stderr and "damaged" in res.stderr


# ----------------------------------------------------------------------------- 10. verify's memory


def _zeros_gz(count: int, size: int, *, manifest_last: bool) -> bytes:
    """A tar.gz of ``count`` members of ``size`` zero bytes, built from concatenated gzip members
    so that it is quick to make and a few MB in all."""
    block = gzip.compress(b"\0" * 2**20, compresslevel=9)
    out = io.BytesIO()
    entries = [{"path": f"data/z{i}", "size": size, "sha256": "0" * 64} for i in range(count)]
    manifest = json.dumps({"format": "careerkit/backup/v1", "files": [], "checksum": _checksum([])}).encode()

    def member(name: str, data_size: int) -> None:
        info = tarfile.TarInfo(name)
        info.size = data_size
        out.write(gzip.compress(info.tobuf(tarfile.USTAR_FORMAT)))

    def manifest_member() -> None:
        member(f"{ROOT}/manifest.json", len(manifest))
        out.write(gzip.compress(manifest + b"\0" * (-len(manifest) % 512)))

    if not manifest_last:
        manifest_member()
    for entry in entries:
        member(f"{ROOT}/files/{entry['path']}", size)
        for _ in range(size // 2**20):
            out.write(block)
    if manifest_last:
        manifest_member()
    out.write(gzip.compress(b"\0" * 1024))
    return out.getvalue()


@pytest.mark.parametrize("manifest_last", [True, False])
def test_10_a_small_archive_of_huge_members_is_refused_without_decompressing_them(tmp_path: Path,
                                                                                 manifest_last: bool) -> None:
    bomb = tmp_path / "bomb.tar.gz"
    bomb.write_bytes(_zeros_gz(6, 500 * 2**20, manifest_last=manifest_last))
    assert bomb.stat().st_size < 4 * 2**20
    probe = ("import resource, subprocess, sys, time; t = time.monotonic(); "
             "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.monotonic() - t); "
             "print(r.stderr)")
    res = subprocess.run([sys.executable, "-c", probe, *careerkit_command(), "restore", str(bomb), "--yes"],
                         capture_output=True, text=True, timeout=120, check=False,
                         env={**os.environ, "CAREERKIT_HOME": str(tmp_path / "h")})
    code, rss_kb, seconds = res.stdout.split("\n", 1)[0].split()
    assert code == "2", res.stdout
    assert str(bomb) in res.stdout and ("no manifest" in res.stdout or "unexpected member" in res.stdout)
    assert int(rss_kb) < 200 * 1024 and float(seconds) < 10, (rss_kb, seconds)


def test_10_a_manifest_declaring_more_than_the_total_cap_is_refused_before_any_member_is_read(
        run, tmp_path: Path, home: Path) -> None:
    assess(run, tmp_path, "Ann")
    before = home_state(home)
    bomb = tmp_path / "bomb.tar.gz"
    entries = [{"path": f"data/z{i}", "size": 500 * 2**20, "sha256": "0" * 64} for i in range(6)]
    manifest = json.dumps({"format": "careerkit/backup/v1", "files": entries, "checksum": _checksum(entries)})
    with tarfile.open(bomb, "w:gz") as tar:
        info = tarfile.TarInfo(f"{ROOT}/manifest.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest.encode()))
    res = run("restore", str(bomb), "--yes")
    assert res.exit_code == 2 and "too large" in res.stderr and home_state(home) == before


# ----------------------------------------------------------------------------- 11. pipes, devices, caps


def test_11_a_named_pipe_in_place_of_a_store_file_is_refused_not_waited_on(run, tmp_path: Path, home: Path,
                                                                          cli_proc) -> None:
    assess(run, tmp_path, "Ann")
    store = next((home / "data" / "people").glob("*.json"))
    store.unlink()
    os.mkfifo(store)
    answers = answers_file(tmp_path / "x", model="tiny", person="Ann", ratings={"alpha.one": 2})
    for args in (("history",), (*TINY, "assess", "--allow-partial", "--answers", str(answers)), ("doctor",)):
        res = cli_proc(*args, timeout=30)
        assert res.returncode == 2, (args, res.stdout, res.stderr)
        assert str(store) in res.stdout + res.stderr and "named pipe" in res.stdout + res.stderr
        assert no_traceback(res.stderr)
    res = cli_proc("backup", "-o", str(tmp_path / "b.tar.gz"), timeout=30)
    assert res.returncode == 3 and str(store) in res.stderr and "named pipe" in res.stderr


def test_11_devices_are_refused_at_once_not_read_until_memory_runs_out(cli_proc, tmp_path: Path) -> None:
    for args in (("team", "import", "/dev/zero"), ("restore", "/dev/zero", "--yes"),
                 ("models", "validate", "/dev/zero")):
        started = time.monotonic()
        res = cli_proc(*args, timeout=30)
        assert res.returncode == 2, (args, res.returncode, res.stdout, res.stderr)
        assert "not a regular file" in res.stdout + res.stderr and no_traceback(res.stderr)
        assert time.monotonic() - started < 10


def test_11_the_safe_reader_caps_what_it_reads(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.write_bytes(b"x" * 5000)
    assert files.read_file(big, 5000) == b"x" * 5000
    with pytest.raises(files.FileTooLarge):
        files.read_file(big, 4999)
    assert files.read_file(big, 10, head=True) == b"x" * 10
    with pytest.raises(IsADirectoryError):
        files.read_file(tmp_path, 10)


# ----------------------------------------------------------------------------- 12. standard output


def _shell(command: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    exe = " ".join(careerkit_command())
    return subprocess.run(["bash", "-c", command.replace("careerkit", exe, 1)], capture_output=True, text=True,
                          env={**os.environ, "CAREERKIT_HOME": str(home), **env}, timeout=60, check=False)


def test_12_a_standard_output_that_cannot_be_written_is_exit_3_with_a_plain_message(run, tmp_path: Path,
                                                                                    home: Path) -> None:
    assess(run, tmp_path, "Ann")
    cases = {"careerkit history --json > /dev/full": "No space left on device",
             f"careerkit {' '.join(TINY)} export -o - > /dev/full": "No space left on device",
             "careerkit history --json >&-": "Bad file descriptor",
             "careerkit history > /dev/full": "No space left on device"}
    for command, reason in cases.items():
        res = _shell(command, home)
        assert res.returncode == 3, (command, res.returncode, res.stderr)
        assert res.stderr.strip() == f"error: could not write to standard output: {reason}", (command, res.stderr)


def test_12_an_encoding_that_cannot_show_the_text_escapes_it(run, tmp_path: Path, home: Path) -> None:
    assess(run, tmp_path, "李伟")
    for command in ("careerkit --lang zh history", "careerkit history --json"):
        res = _shell(command, home, PYTHONIOENCODING="ascii")
        assert res.returncode == 0, (command, res.stderr)
        assert "\\u674e\\u4f1f" in res.stdout and no_traceback(res.stderr)
    data = json.loads(_shell("careerkit history --json", home, PYTHONIOENCODING="ascii").stdout)
    assert data["items"][0]["person"] == "李伟"  # the escapes of JSON text are JSON escapes


# ----------------------------------------------------------------------------- 15. -o DIR/


def test_15_a_trailing_slash_names_a_folder_made_if_need_be(run, tmp_path: Path, home: Path) -> None:
    assess(run, tmp_path, "Ann")
    share = tmp_path / "share"
    res = run(*TINY, "export", "-o", f"{share}/")
    assert res.exit_code == 0, res.stderr
    assert share.is_dir() and (share.stat().st_mode & 0o777) == 0o700
    assert [p.name for p in share.iterdir()] == ["Ann.bundle.json"]
    backups = tmp_path / "backups"
    res = run("backup", "-o", f"{backups}/")
    assert res.exit_code == 0 and backups.is_dir()
    assert next(p.name for p in backups.iterdir()).startswith("careerkit-backup-")
    (tmp_path / "afile").write_text("x")
    res = run("backup", "-o", f"{tmp_path / 'afile'}/")
    assert res.exit_code == 2 and "names a folder" in res.stderr
    res = run("backup", "-o", f"{tmp_path / 'no' / 'such'}/")
    assert res.exit_code == 2 and "does not exist" in res.stderr


def test_15_plan_and_the_habit_sheets_take_a_folder_as_export_and_backup_do(run, tmp_path: Path, home: Path) -> None:
    assess(run, tmp_path, "Ann")
    plans = tmp_path / "plans"
    res = run(*TINY, "plan", "--person", "Ann", "-o", f"{plans}/")
    assert res.exit_code == 0, res.stderr
    assert plans.is_dir() and (plans.stat().st_mode & 0o777) == 0o700
    (written,) = plans.iterdir()
    assert written.name.startswith("Ann-plan-") and written.suffix == ".md" and str(written) in res.stderr
    plan_id = written.stem.removeprefix("Ann-plan-")
    html = run(*TINY, "plan", "show", plan_id, "--format", "html", "-o", str(plans))  # an existing folder, no slash
    assert html.exit_code == 0, html.stderr
    assert sorted(p.name for p in plans.iterdir()) == [f"Ann-plan-{plan_id}.html", f"Ann-plan-{plan_id}.md"]
    assert "<html" in (plans / f"Ann-plan-{plan_id}.html").read_text(encoding="utf-8").lower()
    assert run("habits", "add", "Read").exit_code == 0
    sheets = tmp_path / "sheets"
    res = run("habits", "sheet", "--month", "2026-11", "--format", "html", "-o", f"{sheets}/")
    assert res.exit_code == 0, res.stderr
    assert [p.name for p in sheets.iterdir()] == ["habits-sheet-2026-11.html"]
    res = run("habits", "report", "--from", "2026-11-01", "--to", "2026-11-30", "-o", f"{sheets}/")
    assert res.exit_code == 0, res.stderr
    assert (sheets / "habits-report-2026-11-01-2026-11-30.md").is_file()
    (tmp_path / "afile").write_text("x")
    for args in ([*TINY, "plan", "--person", "Ann"], ["habits", "sheet"], ["habits", "report"]):
        res = run(*args, "-o", f"{tmp_path / 'afile'}/")
        assert res.exit_code == 2 and "names a folder" in res.stderr, (args, res.stderr)
        res = run(*args, "-o", f"{tmp_path / 'no' / 'such'}/")
        assert res.exit_code == 2 and "does not exist" in res.stderr, (args, res.stderr)
    assert not (tmp_path / "no").exists()
