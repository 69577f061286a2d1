"""Start-up cost of `careerkit --help` and `careerkit --version`.

Baseline: `python -c "import click"` on the same machine, the least any click
program pays. Goal: each at most 1.5× the baseline (medians of alternating runs).

    python benches/startup.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from functools import partial

from _timing import alternate, careerkit, prepare, report, run_once


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    prepare()
    with tempfile.TemporaryDirectory() as home:
        env = {"CAREERKIT_HOME": home, "CAREERKIT_LANG": "en"}
        cases = {
            "python -c 'import click'": partial(run_once, [sys.executable, "-c", "import click"], env),
            "careerkit --help": partial(run_once, [*careerkit(), "--help"], env),
            "careerkit --version": partial(run_once, [*careerkit(), "--version"], env),
        }
        for case in cases.values():  # warm the file cache once
            case()
        times = alternate(cases, args.rounds)
    print(f"start-up, {args.rounds} alternating rounds:")
    ok = report(times, [
        ("--help / import click", "careerkit --help", "python -c 'import click'", 1.5),
        ("--version / import click", "careerkit --version", "python -c 'import click'", 1.5),
    ])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
