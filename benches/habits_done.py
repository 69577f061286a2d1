"""How fast is `careerkit habits done NAME`, and does it stay fast after five years of use?

Goals (issues 5 and 13): as a whole process, ``habits done`` costs at most 1.6× ``python -c "import click"``
on the same machine (1.5× on a store with 20,000 check-ins), and on that store at most 1.2× what it
costs on an empty store.

The script builds two homes in a temporary folder, each with a profile (config.toml) as
``careerkit init`` leaves it:

- *empty*: the habit "Review product updates" and nothing else;
- *big*: 11 habits with 20,000 check-ins (and a few skips) spread over the last five years.

Then it times whole processes, alternating (a) ``python -c "import click"``, (b) ``habits done``
on the empty home, (c) ``habits done`` on the big home. After each timed ``done`` an untimed
``habits undo`` removes today's check-in, so every timed ``done`` really writes. careerkit's
modules are compiled first, as an installed wheel's are (benches/_timing.py ``prepare``).

    python benches/habits_done.py [--rounds 30] [--lang en]
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

HABITS = [
    ("Review product updates", "daily"), ("Greet every customer", "weekdays"),
    ("Note one phrase that worked", "daily"), ("Reply to complaints within 24 hours", "daily"),
    ("Log customer feedback", "daily"), ("Study for 15 minutes", "daily"),
    ("Check grooming before opening", "weekdays"), ("Help a colleague unprompted", "3/week"),
    ("Review one difficult conversation", "2/week"), ("Share one point at the briefing", "weekdays"),
    ("每日记录三件做得好的事", "daily"),
]
TARGET_CHECKINS = 20_000
YEARS = 5


def build(home: Path, *, big: bool) -> int:
    """Create a home with a profile and habits; with ``big``, five years of check-ins. Returns the count."""
    from careerkit.core.habits.schedules import Mark, Schedule
    from careerkit.store import habits as store
    from careerkit.store.database import session
    from careerkit.store.files import atomic_write, ensure_dir

    ensure_dir(home)
    atomic_write(home / "config.toml",
                 b'person = "Li Hua"\nmodel = "bank-customer-service"\nrole = "teller"\nlang = "en"\n')
    today = date.today() - timedelta(days=1)  # the benchmark checks off today
    start = today - timedelta(days=365 * YEARS)
    chosen = HABITS if big else HABITS[:1]
    rng = random.Random(5)
    total = 0
    with session(home, write=True) as work:
        records = [store.add(work, name=name, schedule=Schedule.parse(every), now=start)
                   for name, every in chosen]
        if big:
            days = (today - start).days
            # every habit is done on most days, so the benchmarked one carries a 5-year streak
            for habit in records:
                for offset in range(days + 1):
                    if total >= TARGET_CHECKINS * (records.index(habit) + 1) // len(records):
                        break
                    day = today - timedelta(days=offset)
                    mark = Mark.SKIP if rng.random() < 0.002 else Mark.DONE
                    store.set_mark(work, habit, day, mark, datetime.now().astimezone())
                    total += mark is Mark.DONE
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--lang", choices=("en", "zh"),
                        help="set CAREERKIT_LANG as benches/startup.py does (default: the profile's language)")
    args = parser.parse_args()
    prepare()
    root = Path(tempfile.mkdtemp(prefix="careerkit-bench-"))
    try:
        empty, big = root / "empty", root / "big"
        build(empty, big=False)
        count = build(big, big=True)
        size = sum(p.stat().st_size for p in (big / "data").rglob("*.json"))
        print(f"big store: {count} check-ins of {len(HABITS)} habits over {YEARS} years, "
              f"{size / 1024:.0f} kB of store files")
        base = {"CAREERKIT_LANG": args.lang or "", "NO_COLOR": "", "CAREERKIT_TODAY": ""}
        envs = {name: {**base, "CAREERKIT_HOME": str(home)} for name, home in (("empty", empty), ("big", big))}
        done = [*careerkit(), "habits", "done", "review product"]
        undo = [*careerkit(), "habits", "undo", "review product"]

        def check_off(env: dict[str, str]) -> float:
            elapsed = run_once(done, env)
            run_once(undo, env)  # untimed: the next timed run writes again
            return elapsed

        cases = {
            "python -c 'import click'": partial(run_once, [sys.executable, "-c", "import click"], base),
            "habits done, empty store": partial(check_off, envs["empty"]),
            "habits done, 20k check-ins": partial(check_off, envs["big"]),
        }
        for case in cases.values():  # warm the file cache and the .pyc files
            case()
        times = alternate(cases, args.rounds)
        print(f"{args.rounds} alternating rounds:")
        ok = report(times, [
            ("done / import click", "habits done, empty store", "python -c 'import click'", 1.6),
            ("done 20k / import click", "habits done, 20k check-ins", "python -c 'import click'", 1.5),
            ("done 20k / done empty", "habits done, 20k check-ins", "habits done, empty store", 1.2),
        ])
        return 0 if ok else 1
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
