"""Team import and summary at scale: 200 people × 50 assessments (10,000) in 200 bundles.

Goals (issue 6), whole-process times on the same machine, runs alternating A, B, A, B ...:

- ``careerkit team import DIR`` of the 200 bundles into an empty home ≤ 3 × a ``python -c``
  that starts and parses those 200 files with the json module;
- ``careerkit team summary`` on the resulting store ≤ 2 × a ``python -c`` that starts and
  parses every record file of that team store with the json module;
- peak memory (max RSS of each process, from wait4) < 250 MB.

The bundles are written directly with the real bundle functions (not 10,000 CLI calls)
on the built-in bank-customer-service model (52 indicators, 7 roles in 2.0.0).

    .venv/bin/python benches/team.py [--people 200] [--per-person 50] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _timing import careerkit, timed  # noqa: E402 - benches/ is on the path when run as a script

PARSE_FILES = "import json,sys\nfor p in sys.argv[1:]:\n    with open(p,'rb') as f: json.load(f)"


def make_bundles(folder: Path, people: int, per_person: int, seed: int = 7) -> None:
    """Write ``people`` bundles of ``per_person`` assessments each, with the real bundle code."""
    from careerkit.core import bundle
    from careerkit.core.assessment import new_record
    from careerkit.model.catalog import Catalog, sources
    from careerkit.model.loader import canonical_json

    rng = random.Random(seed)
    loaded = Catalog(sources(None)).find("bank-customer-service")
    model = loaded.model
    models = {loaded.digest: json.loads(canonical_json(model))}
    indicators = model.indicator_ids()
    roles = [r.id for r in model.roles]
    start = datetime(2022, 1, 3, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(people):
        person = f"员工{i:03d} Person {i:03d}"
        base = rng.uniform(1.5, 4.0)
        records = []
        for k in range(per_person):
            level = min(5.0, base + k * 0.03)
            ratings = {iid: (None if rng.random() < 0.05 else max(1, min(5, round(rng.gauss(level, 0.8)))))
                       for iid in indicators}
            notes = {indicators[k % len(indicators)]: f"第{k}次评估的备注 note {k}"} if k % 5 == 0 else {}
            records.append(new_record(model, loaded.digest, person=person, role=roles[min(3, k // 15)],
                                      ratings=ratings, notes=notes, taken_at=start + timedelta(days=30 * k + i)))
        content = bundle.build(person, {"assessments": records}, models,
                               created_at=(start + timedelta(days=30 * per_person)).isoformat(),
                               generator="careerkit bench")
        (folder / f"person-{i:03d}.json").write_bytes(bundle.dumps(content))


def alternate(a: list[str], b_for_run, runs: int, env: dict[str, str]) -> tuple[list[float], list[float], int]:
    times_a, times_b, peak = [], [], 0
    for run in range(runs):
        ta, _ = timed(a, env)
        tb, rss = timed(b_for_run(run), env)
        times_a.append(ta)
        times_b.append(tb)
        peak = max(peak, rss)
    return times_a, times_b, peak


def report(label: str, base: list[float], ours: list[float], goal: float, peak_kb: int) -> bool:
    ratio = statistics.median(ours) / statistics.median(base)
    ok = ratio <= goal and peak_kb < 250 * 1024
    print(f"{label}: baseline median {statistics.median(base) * 1000:.0f} ms, careerkit median "
          f"{statistics.median(ours) * 1000:.0f} ms, ratio {ratio:.2f} (goal ≤ {goal}), "
          f"peak RSS {peak_kb / 1024:.0f} MB (goal < 250) {'OK' if ok else 'MISSED'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--per-person", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="careerkit-team-bench-"))
    try:
        bundles = work / "bundles"
        began = time.perf_counter()
        make_bundles(bundles, args.people, args.per_person)
        files = sorted(str(p) for p in bundles.glob("*.json"))
        size = sum(os.path.getsize(f) for f in files)
        print(f"{len(files)} bundles, {args.people * args.per_person} assessments, {size / 1e6:.1f} MB "
              f"(generated in {time.perf_counter() - began:.1f} s)")
        env = {**os.environ, "NO_COLOR": "1", "CAREERKIT_LANG": "en", "COLUMNS": "120"}
        env.pop("CAREERKIT_HOME", None)
        parse = [sys.executable, "-c", PARSE_FILES]

        def import_cmd(run: int) -> list[str]:
            return [*careerkit(), "--home", str(work / f"home{run}"), "team", "import", str(bundles)]

        base, ours, peak = alternate([*parse, *files], import_cmd, args.runs, env)
        ok = report("team import ", base, ours, 3.0, peak)

        home = work / "home0"
        store = sorted(str(p) for p in (home / "data" / "team").rglob("*.json"))
        summary = [*careerkit(), "--home", str(home), "team", "summary"]
        base, ours, peak = alternate([*parse, *store], lambda _run: summary, args.runs, env)
        ok = report("team summary", base, ours, 2.0, peak) and ok
        as_json = [*summary, "--format", "json"]
        base, ours, peak = alternate([*parse, *store], lambda _run: as_json, args.runs, env)
        report("summary json", base, ours, 2.0, peak)
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
