"""A child process for the habit concurrency test: back-dated check-ins of one habit.

    python tests/child_habit.py FIRST COUNT

Runs the real `careerkit habits done NAME --date -N` in this process for N in
FIRST .. FIRST+COUNT-1: each is a read-modify-write of the same habit's files.
"""

from __future__ import annotations

import sys

from careerkit.cli import cli


def main() -> None:
    first, count = int(sys.argv[1]), int(sys.argv[2])
    for n in range(first, first + count):
        code = cli.main(["habits", "done", "Shared habit", "--date", f"-{n}"], prog_name="careerkit",
                        standalone_mode=False)
        if code not in (None, 0):
            sys.exit(f"habits done --date -{n} exited {code}")


if __name__ == "__main__":
    main()
