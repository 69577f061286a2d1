"""Team import and summary at scale: does their cost grow linearly with the team, and how near
the floor of reading the files is it? Bundles of 10 assessments each, on the built-in
bank-customer-service model (36 indicators, 4 roles).

Goals (issues 6 and 13), whole processes on the same machine, runs alternating A, B, A, B ...:

- ``team import`` of 5000 bundles ≤ 5.5 × the import of 1000 (linear: 5× the work);
- ``team import`` of 1000 bundles ≤ 2 × a ``python -c`` that starts and json-parses those files;
- ``team summary`` of 5000 people ≤ 3 × a ``python -c`` that starts and json-parses the files
  the summary reads (the team's index, team.json), peak RSS < 150 MB; and ≤ 3 × the same for
  that index without the figures import stores for the summary (they make the file larger);
- ``team summary`` of 20,000 people < 3 × that of 5000 (linear or better; 4× the people).

The bundles are written directly with the real bundle functions (not thousands of CLI
calls) on the built-in bank-customer-service model (52 indicators, 7 roles in 2.0.0): 50 people's
records are scored once and shared out under other names and ids.

    .venv/bin/python benches/team.py [--small 1000] [--large 5000] [--huge 20000] [--runs 5]
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

from _timing import careerkit, prepare, timed  # noqa: E402 - benches/ is on the path when run as a script

PARSE_FILES = "import json,sys\nfor p in sys.argv[1:]:\n    with open(p,'rb') as f: json.load(f)"
PER_PERSON = 10
TEMPLATES = 50


def make_bundles(folder: Path, people: int, seed: int = 7) -> None:
    """Write ``people`` bundles of 10 assessments each, with the real bundle code."""
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
    templates = []
    for i in range(TEMPLATES):
        base = rng.uniform(1.5, 4.0)
        records = []
        for k in range(PER_PERSON):
            level = min(5.0, base + k * 0.1)
            ratings = {iid: (None if rng.random() < 0.05 else max(1, min(5, round(rng.gauss(level, 0.8)))))
                       for iid in indicators}
            notes = {indicators[k % len(indicators)]: f"第{k}次评估的备注 note {k}"} if k % 5 == 0 else {}
            records.append(new_record(model, loaded.digest, person="-", role=roles[min(3, k // 3)],
                                      ratings=ratings, notes=notes, taken_at=start + timedelta(days=60 * k + i)))
        templates.append(records)
    folder.mkdir(parents=True, exist_ok=True)
    created = (start + timedelta(days=60 * PER_PERSON)).isoformat()
    for i in range(people):
        person = f"员工{i:05d} Person {i:05d}"
        records = [{**r, "person": person, "id": f"{i:06d}{k:04d}"} for k, r in enumerate(templates[i % TEMPLATES])]
        content = bundle.build(person, {"assessments": records}, models, created_at=created,
                               generator="careerkit bench")
        (folder / f"person-{i:05d}.json").write_bytes(bundle.dumps(content))


STRIP_FIGURES = """import json, sys
with open(sys.argv[1], "rb") as f:
    data = json.load(f)
for person in data.get("people", {}).values():
    person.pop("figures", None)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
"""


def without_figures(paths: list[str], folder: Path) -> list[str]:
    """Copies of team indexes without the figures `team import` stores for summaries (issue 13), made
    in a child: this process stays small, as a child's peak RSS counts what it was forked from."""
    import subprocess

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for n, path in enumerate(paths):
        target = folder / f"{n}-team.json"
        subprocess.run([sys.executable, "-c", STRIP_FIGURES, path, str(target)], check=True)
        out.append(str(target))
    return out


def paired(a, b, runs: int, env: dict[str, str]) -> tuple[list[float], list[float], int, int]:
    """Times of ``a(run)`` and ``b(run)`` (commands) alternating, and each one's peak RSS (kB)."""
    times_a, times_b, peak_a, peak_b = [], [], 0, 0
    for run in range(runs):
        ta, ra = timed(a(run), env)
        tb, rb = timed(b(run), env)
        times_a.append(ta)
        times_b.append(tb)
        peak_a, peak_b = max(peak_a, ra), max(peak_b, rb)
    return times_a, times_b, peak_a, peak_b


def line(label: str, ours: list[float], base: list[float], goal: float, strict: bool = False,
         peak_kb: int | None = None, peak_goal_mb: int | None = None) -> bool:
    ratio = statistics.median(ours) / statistics.median(base)
    ok = ratio < goal if strict else ratio <= goal
    text = (f"  {label}: {statistics.median(ours) * 1000:.0f} ms / {statistics.median(base) * 1000:.0f} ms "
            f"= {ratio:.2f} (goal {'<' if strict else '≤'} {goal})")
    if peak_kb is not None and peak_goal_mb is not None:
        ok = ok and peak_kb < peak_goal_mb * 1024
        text += f", peak RSS {peak_kb / 1024:.0f} MB (goal < {peak_goal_mb})"
    print(text + ("  ok" if ok else "  OVER GOAL"))
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=5000)
    parser.add_argument("--huge", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    prepare()
    work = Path(tempfile.mkdtemp(prefix="careerkit-team-bench-"))
    try:
        env = {**os.environ, "NO_COLOR": "1", "CAREERKIT_LANG": "en", "COLUMNS": "120"}
        env.pop("CAREERKIT_HOME", None)
        folders = {}
        for size in (args.small, args.large, args.huge):
            began = time.perf_counter()
            folders[size] = work / f"bundles-{size}"
            make_bundles(folders[size], size)
            files = list(folders[size].glob("*.json"))
            print(f"{size} bundles of {PER_PERSON} assessments, {sum(f.stat().st_size for f in files) / 2**20:.0f} MiB "
                  f"(generated in {time.perf_counter() - began:.0f} s)")

        def importing(size: int):  # type: ignore[no-untyped-def]
            return lambda run: [*careerkit(), "--home", str(work / f"home-{size}-{run}"), "team", "import",
                                str(folders[size])]

        ok = True
        print(f"team import, {args.runs} alternating runs:")
        big, small, _, _ = paired(importing(args.large), importing(args.small), args.runs, env)
        ok &= line(f"import {args.large} / import {args.small}", big, small, 5.5)
        parse = [sys.executable, "-c", PARSE_FILES, *sorted(str(p) for p in folders[args.small].glob("*.json"))]
        ours, base, _, _ = paired(lambda run: [*careerkit(), "--home", str(work / f"again-{run}"), "team", "import",
                                               str(folders[args.small])], lambda run: parse, args.runs, env)
        ok &= line(f"import {args.small} / start + parse of its bundles", ours, base, 2.0)

        homes = {size: work / f"home-{size}-0" for size in (args.small, args.large)}
        homes[args.huge] = work / "home-huge"
        timed([*careerkit(), "--home", str(homes[args.huge]), "team", "import", str(folders[args.huge])], env)
        print(f"team summary, {args.runs} alternating runs:")
        summaries = {}
        for size in (args.large, args.huge):
            home = homes[size]
            read = sorted(str(p) for p in (home / "data" / "team").rglob("team.json"))
            bare = without_figures(read, work / f"bare-{size}")
            summary = [*careerkit(), "--home", str(home), "team", "summary"]
            ours, base, peak, _ = paired(lambda run, s=summary: s, lambda run, r=read: [*parse[:3], *r], args.runs, env)
            _, base_bare, _, _ = paired(lambda run, s=summary: s, lambda run, r=bare: [*parse[:3], *r], args.runs, env)
            summaries[size] = ours
            size_mb = sum(os.path.getsize(p) for p in read) / 2**20
            bare_mb = sum(os.path.getsize(p) for p in bare) / 2**20
            ok &= line(f"summary {size} / start + parse of team.json ({size_mb:.0f} MiB)", ours, base,
                       3.0 if size == args.large else float("inf"), peak_kb=peak,
                       peak_goal_mb=150 if size == args.large else None)
            # the figures import stores for the summary make the index larger, and so the floor above:
            # the same team's index without them keeps the goal as strict as it was
            ok &= line(f"summary {size} / start + parse of team.json without its figures ({bare_mb:.0f} MiB)", ours,
                       base_bare, 3.0 if size == args.large else float("inf"))
        ok &= line(f"summary {args.huge} / summary {args.large}", summaries[args.huge], summaries[args.large], 3.0,
                   strict=True)
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
