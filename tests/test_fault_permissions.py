"""Permissions and links: every file careerkit writes is private under any umask, and a store
reached through a symlink stays one.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from careerkit.store import files
from tests.conftest import careerkit_command
from tests.helpers import TINY_DIR, answers_file, record


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
