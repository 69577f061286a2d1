"""How does `careerkit habits status` grow with the history it shows?

Goal (issue 13): as a whole process, ``habits status`` on a store of 100,000 check-ins costs at
most 1.5× what it costs on a store with the same habits and no check-in.

The script builds two homes in a temporary folder with the same ten habits (daily, weekdays,
workdays on China's calendar, N/week, N/month, every N days): *empty* without a check-in,
*big* with 100,000 check-ins (and a few skips) over the last ten years. Then it times whole
processes of ``habits status`` on each, alternating. ``--checkins`` picks another size.

    python benches/habits_status.py [--rounds 15] [--checkins 100000]

Where the time went at 100,000 marks (2026-12-01, in-process CPU time on a busy 2-core machine),
before the summaries: reading the 280 year files about 350 ms; the status computations 120 ms.
With a summary per habit (``<habit-id>/summary.json``, issue 13) status reads this year's file
of each habit and checks the other 270 by the last bytes of their seals: about 15 ms of reading
and 10 ms of computing over the empty store's cost.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

from _timing import alternate, careerkit, prepare, report, run_once

HABITS = [("Review product updates", "daily"), ("Greet every customer", "weekdays"),
          ("Help a colleague unprompted", "3/week"), ("Log customer feedback", "daily"),
          ("营业前检查", "workdays"), ("Talk with my mentor", "2/month"), ("清点尾箱", "3d"),
          ("Study for 15 minutes", "daily"), ("Note one phrase that worked", "daily"),
          ("Share one point at the briefing", "weekdays")]


def build(home: Path, checkins: int) -> int:
    """A home with a profile (region cn) and the habits; ``checkins`` marks spread over them. Returns the count."""
    from careerkit.core.habits.schedules import Mark, Schedule
    from careerkit.store import habits as store
    from careerkit.store.database import session
    from careerkit.store.files import atomic_write, ensure_dir

    ensure_dir(home)
    atomic_write(home / "config.toml", b'person = "Li Hua"\nlang = "en"\nregion = "cn"\n')
    today = date.today() - timedelta(days=1)
    per_habit = checkins // len(HABITS)
    start = today - timedelta(days=max(per_habit, 1))
    rng = random.Random(13)
    total = 0
    with session(home, write=True) as work:
        for name, every in HABITS:
            habit = store.add(work, name=name, schedule=Schedule.parse(every), now=start)
            for offset in range(per_habit):
                mark = Mark.SKIP if rng.random() < 0.002 else Mark.DONE
                store.set_mark(work, habit, today - timedelta(days=offset), mark, datetime.now().astimezone())
                total += 1
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--checkins", type=int, default=100_000)
    args = parser.parse_args()
    prepare()
    root = Path(tempfile.mkdtemp(prefix="careerkit-bench-"))
    try:
        empty, big = root / "empty", root / "big"
        build(empty, 0)
        count = build(big, args.checkins)
        size = sum(p.stat().st_size for p in (big / "data").rglob("*.json"))
        summaries = len(list((big / "data" / "habits").glob("*/summary.json")))
        print(f"big store: {count} marks of {len(HABITS)} habits, {size / 1024:.0f} kB of store files "
              f"({summaries} habit summaries, saved with the marks)")
        base = {"NO_COLOR": "", "CAREERKIT_TODAY": "", "COLUMNS": "120"}
        status = [*careerkit(), "habits", "status"]
        cases = {
            "habits status, no check-in": partial(run_once, status, {**base, "CAREERKIT_HOME": str(empty)}),
            f"habits status, {count} marks": partial(run_once, status, {**base, "CAREERKIT_HOME": str(big)}),
        }
        for case in cases.values():  # warm the file cache and the .pyc files
            case()
        times = alternate(cases, args.rounds)
        print(f"{args.rounds} alternating rounds:")
        ok = report(times, [("status big / status empty", f"habits status, {count} marks",
                             "habits status, no check-in", 1.5)])
        return 0 if ok else 1
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
