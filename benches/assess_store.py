"""Does the cost of the main job grow with history?

Builds home folders holding 10,000 assessments (200 people × 50) and 50,000 (1,000 × 50),
on the bank model, then times whole processes, alternating runs (goals of issues 4 and 13):

1. `careerkit assess --answers FILE` on the 10k store vs on an empty store: goal ≤ 1.5×.
2. `careerkit history` (the newest 50) on the 50k store vs on an empty store: goal ≤ 1.3×.
3. `careerkit history --json --all` (all 10,000) vs `python -c` starting and json-parsing a file
   holding exactly what it prints: goal ≤ 1.5×.
4. `careerkit history` on the 10k store vs `python -c` starting and json-parsing the
   store's person files (issue 4's yardstick): goal ≤ 2×.

    python benches/assess_store.py [--rounds 15] [--people 200] [--per-person 50] [--big-people 1000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from _timing import alternate, careerkit, prepare, report, run_once

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
    batch = 50  # people per commit: a commit per person would rewrite the month files a thousand times
    for first in range(0, people, batch):
        with session(home, write=True) as work:
            for p in range(first, min(people, first + batch)):
                person = f"员工{p:03d}"
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
    parser.add_argument("--big-people", type=int, default=1000)
    args = parser.parse_args()
    prepare()
    tmp = Path(tempfile.mkdtemp(prefix="ck-bench-"))
    try:
        store, big, empty = tmp / "store", tmp / "big", tmp / "empty"
        build(store, args.people, args.per_person)
        build(big, args.big_people, args.per_person)
        empty.mkdir()
        answers = tmp / "answers.yaml"
        ids = Catalog(sources(None)).find("bank-customer-service").model.indicator_ids()
        answers.write_text("model: bank-customer-service\nperson: 员工007\nrole: teller\nratings:\n"  # complete
                           + "".join(f"  {iid}: {3 + i % 2}\n" for i, iid in enumerate(ids)), encoding="utf-8")
        printed = tmp / "printed.json"
        with printed.open("wb") as out:
            subprocess.run([*careerkit(), "history", "--json", "--all"],
                           env={**os.environ, "CAREERKIT_HOME": str(store)}, stdout=out, check=True)

        def assess(home: Path, reset: bool) -> float:
            if reset:  # an empty store, on a home that has seen the model (its cache kept), as the 10k one has
                for part in home.iterdir() if home.exists() else []:
                    if part.name != "cache":
                        shutil.rmtree(part) if part.is_dir() else part.unlink()
            return run_once([*careerkit(), "assess", "--answers", str(answers)], {"CAREERKIT_HOME": str(home)})

        def history(home: Path, *extra: str) -> float:
            return run_once([*careerkit(), "history", *extra], {"CAREERKIT_HOME": str(home)})

        people_dir = store / "data" / "people"
        cases = {
            "assess, empty store": partial(assess, tmp / "fresh", True),
            "assess, 10k store": partial(assess, store, False),
            "history, empty store": partial(history, empty),
            "history, 50k store": partial(history, big),
            "careerkit history --json --all (10k)": partial(history, store, "--json", "--all"),
            "python: start + parse what history --json prints": partial(
                run_once, [sys.executable, "-c", "import json,sys; json.load(open(sys.argv[1],'rb'))", str(printed)]),
            "careerkit history, 10k store": partial(history, store),
            "python: start + json-parse the 10k store": partial(
                run_once, [sys.executable, "-c", PARSE, str(people_dir)]),
        }
        for case in cases.values():
            case()
        times = alternate(cases, args.rounds)
        size = sum(p.stat().st_size for p in (big / "data").rglob("*.json"))
        print(f"stores of {args.people * args.per_person} ({args.people} people × {args.per_person}) and "
              f"{args.big_people * args.per_person} assessments ({args.big_people} people, "
              f"{size / 2**20:.0f} MiB of store files); history --json prints "
              f"{printed.stat().st_size / 2**20:.1f} MiB; {args.rounds} rounds:")
        ok = report(times, [
            ("assess 10k / empty", "assess, 10k store", "assess, empty store", 1.5),
            ("history 50k / empty", "history, 50k store", "history, empty store", 1.3),
            ("history --json --all 10k / parse of what it prints", "careerkit history --json --all (10k)",
             "python: start + parse what history --json prints", 1.5),
            ("history 10k / json parse of the store", "careerkit history, 10k store",
             "python: start + json-parse the 10k store", 2.0),
        ])
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
