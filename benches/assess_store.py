"""Does the cost of the main job grow with history?

Builds a home folder holding 10,000 assessments (200 people × 50, on the bank model),
then times whole processes, alternating runs:

1. `careerkit assess --answers FILE` on that store vs on an empty store: goal ≤ 1.5×.
2. `careerkit history` on that store vs `python -c` starting and json-parsing the
   same store files: goal ≤ 2×. (`history --json`, which prints all 10,000, is shown too.)

    python benches/assess_store.py [--rounds 15] [--people 200] [--per-person 50]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from _timing import alternate, careerkit, report, run_once

from careerkit.core.assessment import new_record
from careerkit.model.catalog import Catalog, sources
from careerkit.store import assessments, snapshots
from careerkit.store.database import session

PARSE = ("import json,os,sys\nd=sys.argv[1]\nrows=[]\nfor n in os.listdir(d):\n"
         "    if n.endswith('.json'):\n        rows.extend(json.load(open(os.path.join(d,n),encoding='utf-8'))"
         "['assessments'].values())\nprint(len(rows))")


def build(home: Path, people: int, per_person: int) -> None:
    loaded = Catalog(sources(None)).find("bank-customer-service")
    model = loaded.model
    rng = random.Random(7)
    start = datetime(2022, 1, 1).astimezone()
    with session(home, write=True):
        snapshots.save(home / "models", loaded)
    for p in range(people):
        person = f"员工{p:03d}"
        with session(home, write=True) as work:
            for n in range(per_person):
                ratings = {iid: rng.choice([None, 1, 2, 3, 4, 5]) for iid in model.indicator_ids()}
                rec = new_record(model, loaded.digest, person=person, role="teller", ratings=ratings,
                                 notes={}, taken_at=start + timedelta(days=n * 20 + p % 20))
                assessments.add(work, rec)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--per-person", type=int, default=50)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ck-bench-"))
    try:
        big, empty = tmp / "big", tmp / "empty"
        build(big, args.people, args.per_person)
        answers = tmp / "answers.yaml"
        ids = Catalog(sources(None)).find("bank-customer-service").model.indicator_ids()
        answers.write_text("model: bank-customer-service\nperson: 员工007\nrole: teller\nratings:\n"  # complete
                           + "".join(f"  {iid}: {3 + i % 2}\n" for i, iid in enumerate(ids)), encoding="utf-8")

        def assess(home: Path, reset: bool) -> float:
            if reset:
                shutil.rmtree(home, ignore_errors=True)
            return run_once([*careerkit(), "assess", "--answers", str(answers)], {"CAREERKIT_HOME": str(home)})

        people_dir = big / "data" / "people"
        cases = {
            "assess, empty store": partial(assess, empty, True),
            "assess, 10k store": partial(assess, big, False),
            "python: start + json-parse the store": partial(run_once, [sys.executable, "-c", PARSE, str(people_dir)]),
            "careerkit history": partial(run_once, [*careerkit(), "history"], {"CAREERKIT_HOME": str(big)}),
            "careerkit history --json (all)": partial(run_once, [*careerkit(), "history", "--json"],
                                                      {"CAREERKIT_HOME": str(big)}),
        }
        for case in cases.values():
            case()
        times = alternate(cases, args.rounds)
        total = args.people * args.per_person
        print(f"store of {total} assessments ({args.people} people × {args.per_person}), {args.rounds} rounds:")
        ok = report(times, [
            ("assess 10k / empty", "assess, 10k store", "assess, empty store", 1.5),
            ("history / json parse", "careerkit history", "python: start + json-parse the store", 2.0),
            ("history --json / json parse", "careerkit history --json (all)",
             "python: start + json-parse the store", 2.0),
        ])
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
