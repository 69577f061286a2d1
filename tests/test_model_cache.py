"""The model cache: a model file read before costs no pydantic, and a damaged entry is never trusted."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from careerkit.store import files
from careerkit.store.model_cache import folder_of
from tests.conftest import FIXTURES

PROBE = ("import sys\nfrom careerkit.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n"
         "    code = e.code\nsys.stderr.write('\\npydantic loaded: %s\\n' % ('pydantic' in sys.modules))\n"
         "raise SystemExit(code)\n")


def show(home: Path, models: Path) -> subprocess.CompletedProcess[str]:
    """`careerkit models show tiny --json` in a process of its own, saying whether it loaded pydantic."""
    args = ["--models-dir", str(models), "models", "show", "tiny", "--json"]
    return subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          env={**os.environ, "CAREERKIT_HOME": str(home)}, timeout=60, check=False)


def entries(home: Path) -> list[Path]:
    folder = folder_of(home)
    return sorted(folder.glob("*.json")) if folder.exists() else []


def test_a_model_read_before_needs_no_pydantic_and_a_changed_file_is_validated_again(home: Path,
                                                                                    tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    model_file = models / "tiny.yaml"
    model_file.write_bytes((FIXTURES / "models" / "tiny.yaml").read_bytes())
    first = show(home, models)
    assert first.returncode == 0 and "pydantic loaded: True" in first.stderr, first.stderr
    [entry] = entries(home)
    assert not os.stat(entry).st_mode & (stat.S_IRWXG | stat.S_IRWXO)  # owner only, like every store file
    assert not os.stat(folder_of(home)).st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    again = show(home, models)
    assert again.returncode == 0 and "pydantic loaded: False" in again.stderr, again.stderr
    assert again.stdout == first.stdout  # the same model, the same digest

    text = model_file.read_text(encoding="utf-8")
    model_file.write_text(text + "# a comment: other bytes, the same model\n", encoding="utf-8")
    commented = show(home, models)
    assert commented.returncode == 0 and "pydantic loaded: True" in commented.stderr
    assert commented.stdout == first.stdout
    model_file.write_text(text.replace("en: Tiny model", "en: Changed model", 1), encoding="utf-8")
    changed = show(home, models)
    assert changed.returncode == 0 and "pydantic loaded: True" in changed.stderr
    assert json.loads(changed.stdout)["digest"] != json.loads(first.stdout)["digest"]
    assert "Changed model" in changed.stdout
    assert len(entries(home)) == 3


def test_a_damaged_cache_entry_is_reported_and_rebuilt_never_trusted(home: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    (models / "tiny.yaml").write_bytes((FIXTURES / "models" / "tiny.yaml").read_bytes())
    good = show(home, models)
    [entry] = entries(home)
    sealed = entry.read_bytes()

    flipped = bytearray(sealed)
    flipped[len(flipped) // 2] ^= 0x01  # one bit: the seal no longer holds
    entry.write_bytes(bytes(flipped))
    res = show(home, models)
    assert res.returncode == 0 and res.stdout == good.stdout
    assert f"The saved check of a model, {entry}, was damaged" in res.stderr
    assert "pydantic loaded: True" in res.stderr
    assert entry.read_bytes() == sealed  # rebuilt

    # sealed afresh but lying: a model that does not match the digest it claims
    data = json.loads(sealed)
    del data["_checksum"]
    data["model"]["title"] = "Forged"
    entry.write_bytes(files.seal(data))
    res = show(home, models)
    assert res.returncode == 0 and res.stdout == good.stdout and "Forged" not in res.stdout
    assert "was damaged" in res.stderr and "pydantic loaded: True" in res.stderr

    data = json.loads(sealed)
    del data["_checksum"]
    data["careerkit"] = "0.0.0-other"  # another version's entry: validated again, quietly
    entry.write_bytes(files.seal(data))
    res = show(home, models)
    assert res.returncode == 0 and res.stdout == good.stdout
    assert "damaged" not in res.stderr and "pydantic loaded: True" in res.stderr
    assert entry.read_bytes() == sealed


def test_what_a_killed_cache_write_left_is_removed_by_the_next_write(home: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    (models / "tiny.yaml").write_bytes((FIXTURES / "models" / "tiny.yaml").read_bytes())
    folder = files.ensure_dir(folder_of(home))
    stale, fresh = folder / f".x.json{files.TMP_MARK}1-aa", folder / f".y.json{files.TMP_MARK}2-bb"
    stale.write_bytes(b"{")
    fresh.write_bytes(b"{")  # another process's write in progress, perhaps: left alone
    os.utime(stale, (1, 1))
    assert show(home, models).returncode == 0
    assert not stale.exists() and fresh.exists() and len(entries(home)) == 1


def test_a_refused_command_leaves_no_cache_entry(run, home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "bad.yaml"
    answers.write_text("model: bank-customer-service\nperson: Ann\nratings:\n  nope.nope: 3\n", encoding="utf-8")
    assert run("assess", "--answers", str(answers)).exit_code == 2
    assert entries(home) == []
