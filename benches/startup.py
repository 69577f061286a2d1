"""Start-up cost of `careerkit --help` and `--version`, and of the commands that read a model.

Baseline: `python -c "import click"` on the same machine, the least any click program pays.
Goals (medians of alternating runs):

- `careerkit --help` and `careerkit --version`: at most 1.5× the baseline;
- `careerkit assess --answers FILE` (a complete bank-model answers file, a home that has
  seen the model before): at most 3.5× (issue 13);
- `careerkit models show bank-customer-service`: at most 3.5× (issue 13).

`models validate` (which always runs the full pydantic validation) is timed for the record.

    python benches/startup.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from functools import partial
from pathlib import Path

from _timing import alternate, careerkit, prepare, report, run_once

BANK = Path(__file__).resolve().parent.parent / "competencies" / "bank-customer-service.yaml"


def answers_file(folder: Path) -> Path:
    """A complete answers file for the bank model (every indicator rated), read from the model file itself."""
    import yaml

    data = yaml.safe_load(BANK.read_text(encoding="utf-8"))
    ids = [f"{c['id']}.{i['id']}" for c in data["competencies"] for i in c["indicators"]]
    path = folder / "answers.yaml"
    path.write_text("model: bank-customer-service\nperson: 员工007\nrole: teller\nratings:\n"
                    + "".join(f"  {iid}: {3 + n % 2}\n" for n, iid in enumerate(ids)), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    prepare()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        env = {"CAREERKIT_HOME": str(home), "CAREERKIT_LANG": "en", "COLUMNS": "100"}
        answers = answers_file(Path(tmp))
        cases = {
            "python -c 'import click'": partial(run_once, [sys.executable, "-c", "import click"], env),
            "careerkit --help": partial(run_once, [*careerkit(), "--help"], env),
            "careerkit --version": partial(run_once, [*careerkit(), "--version"], env),
            "careerkit assess --answers FILE": partial(run_once, [*careerkit(), "assess", "--answers", str(answers)],
                                                       env),
            "careerkit models show bank-customer-service": partial(
                run_once, [*careerkit(), "models", "show", "bank-customer-service"], env),
            "careerkit models validate bank.yaml": partial(run_once, [*careerkit(), "models", "validate", str(BANK)],
                                                           env),
        }
        for case in cases.values():  # warm the file cache once (and the home: it has seen the model)
            case()
        times = alternate(cases, args.rounds)
    print(f"start-up, {args.rounds} alternating rounds (model: {BANK.name}, {BANK.stat().st_size // 1024} KiB):")
    ok = report(times, [
        ("--help / import click", "careerkit --help", "python -c 'import click'", 1.5),
        ("--version / import click", "careerkit --version", "python -c 'import click'", 1.5),
        ("assess --answers / import click", "careerkit assess --answers FILE", "python -c 'import click'", 3.5),
        ("models show / import click", "careerkit models show bank-customer-service", "python -c 'import click'",
         3.5),
        ("models validate / import click (no goal: always full validation)", "careerkit models validate bank.yaml",
         "python -c 'import click'", float("inf")),
    ])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
