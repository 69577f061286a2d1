"""The habit summaries (issue 13): `habits status` from a summary of the past says what it says from every mark."""

from __future__ import annotations

import random
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerkit.core.habits import reports, summary
from careerkit.core.habits.reports import HabitData
from careerkit.core.habits.schedules import Mark, Schedule
from careerkit.core.habits.workdays import official
from careerkit.store import files
from careerkit.store import habits as store
from careerkit.store.database import session
from tests.conftest import ok
from tests.helpers import store_bytes

ROTA = official("cn", {date(2025, 12, 27): True, date(2026, 1, 5): False, date(2025, 2, 3): False})
FIRST = date(2025, 11, 20)  # the histories cross a year, an ISO week that straddles it and 春节 2026
SCHEDULES = [Schedule.parse(s) for s in ("daily", "weekdays", "3/week", "1/week", "7/week", "2/month", "monthly",
                                         "31/month")]
SCHEDULES += [Schedule.parse("workdays").with_calendar(ROTA), Schedule.parse("workdays"),
              Schedule.parse("3d").starting(FIRST + timedelta(days=2)), Schedule.parse("2d").starting(FIRST)]
MARKS = st.sampled_from([Mark.DONE, Mark.DONE, Mark.DONE, Mark.DONE, Mark.SKIP])


def _split(history: dict[date, Mark], at: date, now: date) -> dict[date, Mark]:
    """What status reads besides the summary: the marks from the boundary on and those it shows."""
    shown, _ = reports.status_days(now)
    return {d: m for d, m in history.items() if d >= min(at, shown)}


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(SCHEDULES),
       st.dictionaries(st.integers(0, 150), MARKS, max_size=140),
       st.integers(0, 200), st.sampled_from([2025, 2026]), st.booleans())
def test_property_status_from_a_summary_is_status_from_every_mark(schedule, offsets, now, year, dense) -> None:  # type: ignore[no-untyped-def]
    history = {FIRST + timedelta(days=k): m for k, m in offsets.items()}
    if dense:  # long runs: streaks that reach back across the boundary
        history = {FIRST + timedelta(days=k): history.get(FIRST + timedelta(days=k), Mark.DONE)
                   for k in range(0, 151) if k % 17}
    at = summary.boundary(schedule, year)
    today = FIRST + timedelta(days=now)
    if not summary.usable(summary.Past(at), today):
        today = at + timedelta(days=now % 40)
    created = FIRST + timedelta(days=3)
    habit = HabitData(id="0badcafe", name="x", schedule=schedule, created=created, history=history)
    past = summary.summarize(schedule, history, at)
    partial = habit._replace(history=_split(history, at, today))
    assert reports.status(partial, today, past=past) == reports.status(habit, today)


# ----------------------------------------------------------------------------- the summaries on disk

TODAY = "2026-11-20"
KINDS = [("Review product updates", "daily"), ("Greet every customer", "weekdays"), ("营业前检查", "workdays"),
         ("Help a colleague", "3/week"), ("Talk with my mentor", "2/month"), ("清点尾箱", "3d"),
         ("Weekly once", "1/week"), ("Rare one", "daily")]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERKIT_TODAY", TODAY)


def years_of_check_ins(home: Path, seed: int = 7) -> None:
    """Habits of every kind with about three years of check-ins (skips, counts and notes among them),
    saved through the store as `habits done` saves them, on China's calendar with a roster."""
    files.ensure_dir(home)
    files.atomic_write(home / "config.toml", b'person = "Li Hua"\nlang = "en"\nregion = "cn"\n')
    rng = random.Random(seed)
    now = date.fromisoformat(TODAY)
    with session(home, write=True) as work:
        store.set_roster(work, {date(2025, 10, 11): True, date(2026, 10, 10): False})
        for name, every in KINDS:
            start = now - timedelta(days=rng.choice([700, 1000, 1100]))
            habit = store.add(work, name=name, schedule=Schedule.parse(every), now=start)
            odds = 0.3 if name == "Rare one" else rng.choice([0.8, 0.97])
            day = start
            while day < now:
                roll = rng.random()
                if roll < odds:
                    extra = {"count": rng.randint(1, 9)} if roll < 0.03 else {"note": f"on {day}"} if roll < 0.06 \
                        else {}
                    store.set_mark(work, habit, day, Mark.DONE, datetime(2026, 1, 1).astimezone(), **extra)  # type: ignore[arg-type]
                elif roll < odds + 0.02:
                    store.set_mark(work, habit, day, Mark.SKIP, datetime(2026, 1, 1).astimezone())
                day += timedelta(days=1)


def summaries(home: Path) -> dict[str, bytes]:
    return {p.parent.name: p.read_bytes() for p in sorted((home / "data" / "habits").glob("*/summary.json"))}


def views(run) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    out = []
    for args in (["habits", "status"], ["habits", "status", "--json"], ["--lang", "zh", "habits", "status"]):
        res = run(*args)
        assert res.exit_code == 0, res.output
        out.append((res.stdout, res.stderr))
    return out


def used(home: Path, now: str) -> int:
    """How many habits status takes from their summaries on ``now``."""
    with session(home) as work:
        workdays = store.profile_calendar(work)
        return sum(store.load_status(work, h, workdays, date.fromisoformat(now))[1] is not None
                   for h in store.all_habits(work))


@pytest.mark.parametrize("now", [TODAY, "2026-12-31", "2027-01-03", "2027-02-20"])
def test_status_from_the_summaries_shows_what_status_from_every_year_shows(run, home: Path, monkeypatch,
                                                                             now: str) -> None:
    years_of_check_ins(home)
    assert len(summaries(home)) == len(KINDS)  # each habit's years before this one, summarised in the same commit
    assert all(not p.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)
               for p in (home / "data" / "habits").glob("*/summary.json"))
    monkeypatch.setenv("CAREERKIT_TODAY", now)
    assert used(home, now) == len(KINDS)
    fast = views(run)
    for path in (home / "data" / "habits").glob("*/summary.json"):
        path.unlink()
    assert views(run) == fast


def test_status_reads_every_year_when_a_year_file_changed_behind_its_summary(run, home: Path) -> None:
    years_of_check_ins(home)
    habit_dir = next(p.parent for p in (home / "data" / "habits").glob("*/summary.json")
                     if (p.parent / "2024.json").exists())
    with session(home, write=True) as work:  # an older careerkit: a year file written without its summary
        store.LOG.on_commit = None
        try:
            table = work.db(habit_dir / "2024.json", store.LOG).table(store.MARKS)
            table.truncate()
        finally:
            store.LOG.on_commit = store._logs_committed
    before = summaries(home)
    shown = views(run)
    assert summaries(home) == before  # a read-only command leaves the stale summary as it is ...
    assert shown[0][1] == ""  # ... and says nothing of it
    for path in (home / "data" / "habits").glob("*/summary.json"):
        path.unlink()
    assert views(run) == shown  # what it shows is what every year says
    assert used(home, TODAY) == 0


def test_doctor_finds_a_stale_or_damaged_summary_and_fix_rebuilds_it(run, home: Path) -> None:
    years_of_check_ins(home)
    shown = views(run)
    assert "habit summaries (8) match" in ok(run("doctor"))
    first, second = sorted((home / "data" / "habits").glob("*/summary.json"))[:2]
    raw = bytearray(first.read_bytes())
    raw[40] ^= 1
    first.write_bytes(bytes(raw))  # damaged
    assert views(run) == shown
    doc = payload_of(second)
    doc["best"] += 1
    second.write_bytes(files.seal({"_meta": {"1": {"kind": "habit-summary", "schema": 1}}, "summary": {"1": doc}}))
    res = run("doctor")
    assert res.exit_code == 2 and "do not match the check-ins" in res.output and "doctor --fix" in res.output
    fixed = run("doctor", "--fix")
    assert "rebuilt 8 habit summary file(s)" in fixed.output
    assert "habit summaries (8) match" in ok(run("doctor"))
    assert views(run) == views(run) and used(home, TODAY) == len(KINDS)


def payload_of(path: Path) -> dict:  # type: ignore[type-arg]
    found = files.read_sealed(path)
    assert isinstance(found, dict)
    return dict(found["summary"]["1"])


def test_status_writes_nothing(run, home: Path) -> None:
    years_of_check_ins(home)
    before = store_bytes(home)
    views(run)
    assert store_bytes(home) == before


def test_a_check_in_of_today_leaves_the_summary_and_one_in_an_earlier_year_rebuilds_it(run, home: Path) -> None:
    years_of_check_ins(home)
    before = summaries(home)
    ok(run("habits", "done", "Rare one"))
    ok(run("habits", "undo", "Rare one", "--date", "-3"))
    assert summaries(home) == before  # this year changed: the summaries hold the years before it
    ok(run("habits", "done", "Rare one", "--date", "2025-12-30", "--note", "found it in my notebook"))
    after = summaries(home)
    assert [k for k in after if after[k] != before[k]] == [next(k for k in before if _name(home, k) == "Rare one")]
    fast = views(run)
    for path in (home / "data" / "habits").glob("*/summary.json"):
        path.unlink()
    assert views(run) == fast


def _name(home: Path, habit_id: str) -> str:
    with session(home) as work:
        return next(h["name"] for h in store.all_habits(work) if h["id"] == habit_id)


def test_the_streak_of_habits_done_from_the_summary_is_the_streak_of_every_year(run, home: Path) -> None:
    files.ensure_dir(home)
    with session(home, write=True) as work:  # a daily run of three years and a 3/week one of two
        for name, every, days in (("Read", "daily", 1100), ("Walk", "3/week", 730)):
            habit = store.add(work, name=name, schedule=Schedule.parse(every), now=date(2023, 1, 1))
            for k in range(1, days):
                store.set_mark(work, habit, date.fromisoformat(TODAY) - timedelta(days=k), Mark.DONE,
                               datetime(2026, 1, 1).astimezone())
    assert len(summaries(home)) == 2
    fast = [ok(run("habits", "done", name)) for name in ("Read", "Walk")]
    assert "streak 1100 days" in fast[0] and "streak 105 weeks" in fast[1]
    for name in ("Read", "Walk"):
        ok(run("habits", "undo", name))
    for path in (home / "data" / "habits").glob("*/summary.json"):
        path.unlink()
    assert [ok(run("habits", "done", name)) for name in ("Read", "Walk")] == fast


def habit_files(home: Path) -> dict[str, object]:
    """The habit files as commands read them (not their backups), without the times of the marks
    (the two runs compared make them at different times); a summary's seals must be those of the year files."""
    out: dict[str, object] = {}
    for path in sorted((home / "data" / "habits").rglob("*.json")):
        data = files.read_sealed(path)
        assert isinstance(data, dict)
        if path.name == "summary.json":
            doc = dict(data["summary"]["1"])
            for year, checksum in doc.pop("years").items():
                assert files.claimed_checksum(path.parent / f"{year}.json") == checksum
            data = doc
        elif path.parent.name != "habits":
            data = {k: {f: v for f, v in m.items() if f != "at"} for k, m in data["marks"].items()}
        out[path.relative_to(home).as_posix()] = data
    return out


@pytest.mark.slow
def test_a_back_dated_check_in_and_the_summary_it_changes_are_saved_all_or_nothing(run, home: Path,
                                                                                   tmp_path: Path) -> None:
    from tests.test_safety_store import sweep

    files.ensure_dir(home)
    with session(home, write=True) as work:
        habit = store.add(work, name="Read", schedule=Schedule.parse("daily"), now=date(2024, 6, 1))
        for k in range(1, 500, 2):
            store.set_mark(work, habit, date.fromisoformat(TODAY) - timedelta(days=k), Mark.DONE,
                           datetime(2026, 1, 1).astimezone())
    args = ["habits", "done", "Read", "--date", "2025-10-02"]
    old = habit_files(home)
    copy = tmp_path / "copy"
    import shutil

    shutil.copytree(home, copy)
    ok(run(*args, env={"CAREERKIT_HOME": str(copy)}))
    new = habit_files(copy)
    changed = {k for k in new if new[k] != old.get(k)}
    assert changed == {f"data/habits/{habit['id']}/2025.json", f"data/habits/{habit['id']}/summary.json"}
    shown = {key: ok(run("habits", "status", env={"CAREERKIT_HOME": str(h)})) for key, h in (("old", home),
                                                                                          ("new", copy))}

    def check(h: Path, finished: bool) -> None:
        now = habit_files(h)
        assert now in (old, new), (sorted(now), sorted(old), [k for k in now if now[k] != old.get(k)],
                                   [k for k in now if now[k] != new.get(k)])
        if finished:
            assert now == new
        assert ok(run("habits", "status", env={"CAREERKIT_HOME": str(h)})) == shown["old" if now == old else "new"]

    sweep(home, args, check, run=run)


def test_a_new_roster_or_region_brings_the_workdays_summaries_in_line_in_its_commit(run, home: Path,
                                                                                   tmp_path: Path) -> None:
    years_of_check_ins(home)
    roster = tmp_path / "roster.csv"
    roster.write_text("date,duty\n2025-06-07,on\n2025-06-09..2025-06-10,off\n", encoding="utf-8")
    ok(run("habits", "calendar", "--roster", str(roster)))
    assert used(home, TODAY) == len(KINDS)  # the workdays habit's summary is on the new roster
    shown = views(run)
    ok(run("habits", "calendar", "--region", "none"))
    assert used(home, TODAY) == len(KINDS)
    assert views(run) != shown  # 2025's holidays are workdays now, as its summary says too
    shown = views(run)
    for path in (home / "data" / "habits").glob("*/summary.json"):
        path.unlink()
    assert views(run) == shown


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["2025-01-01", "2025-12-29", "2026-01-01", "2026-03-04"]),
       st.integers(0, 500))
def test_property_status_from_the_stored_summaries_is_status_from_every_year(seed: int, built: str,
                                                                              later: int) -> None:
    import os
    import shutil
    import tempfile

    rng = random.Random(seed)
    home = Path(tempfile.mkdtemp(prefix="careerkit-summary-"))
    previous = os.environ.get("CAREERKIT_TODAY")
    try:
        os.environ["CAREERKIT_TODAY"] = built  # the summaries are cut at this day's year
        workdays = official("cn", {date(2024, 12, 28): True, date(2025, 1, 6): False})
        with session(home, write=True) as work:
            store.use_calendar(work, workdays)
            for n, (_, every) in enumerate(KINDS):
                habit = store.add(work, name=f"h{n}", schedule=Schedule.parse(every), now=date(2023, 6, 1))
                odds = rng.choice([0.2, 0.7, 0.95, 1.0])
                for k in range(rng.randint(0, 700)):
                    day = date.fromisoformat(built) - timedelta(days=k + rng.choice([0, 0, 1]))
                    if rng.random() < odds:
                        mark = Mark.SKIP if rng.random() < 0.05 else Mark.DONE
                        store.set_mark(work, habit, day, mark, datetime(2026, 1, 1).astimezone(),
                                       note="n" if rng.random() < 0.05 else None)
        now = date.fromisoformat(built) + timedelta(days=later)
        with session(home) as work:
            for habit in store.all_habits(work):
                partial, past = store.load_status(work, habit, workdays, now)
                whole = store.load(work, habit, workdays)
                assert reports.status(partial, now, past=past) == reports.status(whole, now)
    finally:
        if previous is None:
            os.environ.pop("CAREERKIT_TODAY", None)
        else:
            os.environ["CAREERKIT_TODAY"] = previous
        shutil.rmtree(home, ignore_errors=True)


def test_a_year_file_that_cannot_be_summarised_never_stops_a_check_in(run, home: Path) -> None:
    years_of_check_ins(home)
    habit_dir = next(p.parent for p in (home / "data" / "habits").glob("*/summary.json")
                     if (p.parent / "2024.json").exists() and _name(home, p.parent.name) == "Rare one")
    (habit_dir / "2024.json").write_bytes(files.seal({"_meta": {"1": {"kind": "habit-log", "schema": 9}}}))
    ok(run("habits", "done", "Rare one", "--date", "2025-12-30", "--note", "from my notebook"))
    res = run("habits", "status")
    assert res.exit_code == 2 and "2024.json" in res.output  # status reads every year of it and says why it cannot
