"""Whole-process timing shared by the benchmarks: alternating runs, medians, ratios.

Machines here are shared and noisy, so we never trust one number: every candidate is
run in turn with its baseline (A, B, A, B, ...), and we compare medians.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
LIBRARIES = ("click", "rich", "pydantic", "tinydb", "jinja2", "PyYAML", "orjson")


def prepare() -> None:
    """Compile careerkit's modules, as an installed wheel ships its .pyc files (the libraries
    and the stdlib are compiled when installed), let the children keep what they compile,
    and print what the figures depend on: Python, careerkit and its libraries' versions.
    """
    from importlib import metadata

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # an editable install would start uncompiled
    package = Path(__file__).resolve().parent.parent / "careerkit"
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-j0", str(package)], check=True,
                   stdout=subprocess.DEVNULL)
    versions = []
    for name in ("careerkit", *LIBRARIES):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} -")
    print(f"Python {sys.version.split()[0]} ({sys.platform}) · {' · '.join(versions)} · bytecode compiled")


def careerkit() -> list[str]:
    exe = shutil.which("careerkit", path=str(VENV_BIN))
    return [exe] if exe else [sys.executable, "-m", "careerkit"]


def timed(cmd: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (kB) of one whole process; a failure stops the bench."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"command failed ({code}): {' '.join(cmd)}\n{err[-2000:]}")
    return elapsed, usage.ru_maxrss


def run_once(cmd: Sequence[str], env: dict[str, str] | None = None) -> float:
    return timed(cmd, env)[0]


def alternate(cases: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Run every case once per round, in turn, and collect the times."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, case in cases.items():
            times[name].append(case())
    return times


def report(times: dict[str, list[float]], ratios: list[tuple[str, str, str, float]]) -> bool:
    """Print medians and each ratio against its goal; True when every goal holds."""
    medians = {name: statistics.median(values) for name, values in times.items()}
    width = max(len(n) for n in medians)
    for name, value in medians.items():
        spread = statistics.quantiles(times[name], n=4) if len(times[name]) >= 4 else [value, value, value]
        print(f"  {name:<{width}}  median {value * 1000:8.1f} ms   (IQR {spread[0] * 1000:.1f}–{spread[2] * 1000:.1f})")
    ok = True
    for label, num, den, goal in ratios:
        ratio = medians[num] / medians[den]
        verdict = "ok" if ratio <= goal else "OVER GOAL"
        ok &= ratio <= goal
        print(f"  ratio {label}: {ratio:.2f}  (goal ≤ {goal})  {verdict}")
    return ok


__all__ = ["alternate", "careerkit", "prepare", "report", "run_once", "timed"]
