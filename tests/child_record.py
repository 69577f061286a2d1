"""A child process for crash and concurrency tests: records assessments in a loop.

    python tests/child_record.py MODELS_DIR WORK_DIR TAG COUNT

Each iteration runs the real `careerkit assess --answers` in this process and, once
the command has returned, writes ``ACK TAG-i`` to stderr. The parent may kill it at
any moment; every acknowledged record must then be in the store.
"""

from __future__ import annotations

import sys
from pathlib import Path

from careerkit.cli import cli


def main() -> None:
    models, work, tag, count = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    work.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        answers = work / f"{tag}-{i}.yaml"
        answers.write_text(
            f"model: tiny\nperson: P-{tag}\nratings: {{alpha.one: {1 + i % 3}}}\nnotes: {{alpha.one: {tag}-{i}}}\n",
            encoding="utf-8")
        code = cli.main(["--models-dir", models, "assess", "--allow-partial", "--answers", str(answers), "--json"],
                        prog_name="careerkit", standalone_mode=False)
        if code not in (None, 0):
            sys.stderr.write(f"FAIL {tag}-{i} {code}\n")
            sys.exit(1)
        sys.stderr.write(f"ACK {tag}-{i}\n")
        sys.stderr.flush()


if __name__ == "__main__":
    main()
