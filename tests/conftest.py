"""Shared fixtures: every test gets its own home folder and a stable terminal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

# CI explores the same examples every run (a red CI must mean a change broke something);
# locally each run explores new ones: `python -m pytest` finds what CI would not.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The long soak variants run only when asked for by name: `python -m pytest -m soak`."""
    if "soak" in (config.getoption("markexpr") or ""):
        return
    kept = [item for item in items if item.get_closest_marker("soak") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point CAREERKIT_HOME at a fresh folder; stable, colourless, English output."""
    home = tmp_path / "home"
    monkeypatch.setenv("CAREERKIT_HOME", str(home))
    monkeypatch.setenv("CAREERKIT_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("CAREERKIT_MODELS", raising=False)
    monkeypatch.delenv("CAREERKIT_CRASH_AT", raising=False)
    monkeypatch.delenv("CAREERKIT_IO_FAULT", raising=False)
    monkeypatch.setenv("CAREERKIT_LOCK_TIMEOUT", "10")
    from careerkit.i18n import set_language

    set_language("en")  # an earlier in-process run with --lang zh must not leak into this test
    return home


@pytest.fixture
def home(isolated: Path) -> Path:
    return isolated


class Runner:
    """Runs the real root command in-process, the way a user's shell would."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
        from careerkit.cli import cli

        return self.runner.invoke(cli, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture
def run() -> Runner:
    return Runner()


def careerkit_command() -> list[str]:
    exe = shutil.which("careerkit", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "careerkit"]


@pytest.fixture
def cli_proc():
    """Run the installed ``careerkit`` as a real subprocess."""

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None,
               timeout: float = 60) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, **(env or {})}
        return subprocess.run([*careerkit_command(), *args], input=input, capture_output=True, text=True,
                              env=full_env, timeout=timeout, check=False)

    return invoke


def no_traceback(text: str) -> bool:
    return "Traceback (most recent call last)" not in text


def ok(res: Result) -> str:
    """The output of a command that must succeed, without a traceback."""
    assert res.exit_code == 0, res.output
    assert no_traceback(res.output)
    return res.output


def payload(text: str) -> Any:
    """A command's ``--json`` output, checked to name its schema: the object without
    ``schema``, or the ``items`` of a list (see careerkit/core/envelope.py)."""
    data = json.loads(text)
    assert isinstance(data, dict) and str(data.get("schema", "")).startswith("careerkit/"), text[:200]
    if set(data) == {"schema", "items"}:
        return data["items"]
    return {k: v for k, v in data.items() if k != "schema"}
