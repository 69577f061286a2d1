"""Small builders shared by tests: answers files and recorded assessments."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from careerkit.store import files
from tests.conftest import FIXTURES, ROOT

TINY_DIR = FIXTURES / "models"


def answers_file(folder: Path, name: str = "answers.yaml", **content: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if name.endswith(".json"):
        path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def record(run, folder: Path, *extra: str, **content: Any) -> dict[str, Any]:
    """Record one assessment through the real command and return the saved record."""
    path = answers_file(folder, f"a{len(list(folder.glob('a*.yaml'))) if folder.exists() else 0}.yaml",
                        **content)
    res = run("--models-dir", str(TINY_DIR), "assess", "--answers", str(path), "--allow-partial", "--json", *extra)
    assert res.exit_code == 0, res.output + res.stderr
    return json.loads(res.output)


def store_bytes(home: Path) -> dict[str, bytes]:
    """Every data file under the home folder, to prove a failed command changed nothing."""
    if not home.exists():
        return {}
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*"))
            if p.is_file() and p.name != "careerkit.lock"}


RECORD_CHILD = Path(__file__).resolve().parent / "child_record.py"


def spawn_recorder(tag: str, count: int, work: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """A child process that saves ``count`` assessments tagged ``tag`` (tests/child_record.py)."""
    return subprocess.Popen([sys.executable, str(RECORD_CHILD), str(TINY_DIR), str(work), tag, str(count)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)


def notes_in_store(home: Path) -> set[str]:
    """Every note of every stored assessment: reading it parses each person file whole."""
    out = set()
    for path in (home / "data" / "people").glob("*.json"):
        data = files.read_sealed(path)
        for doc in data.get("assessments", {}).values():
            out.update(doc["notes"].values())
    return out
