"""Habits and their check-ins, sharded so that checking a habit off stays cheap for years.

Layout under ``<home>/data/habits/``::

    habits.json            the index: one small record per habit (kind "habits")
    <habit-id>/<YEAR>.json that habit's marks of one calendar year (kind "habit-log")
    <habit-id>/summary.json what status needs of the years before this one (kind "habit-summary"):
                           derived data, saved in the same commit as the year files, see below

A mark is ``{"date": "YYYY-MM-DD", "mark": "done"|"skip", "at": ISO timestamp}`` stored
under the document id ``date.toordinal()``, so a habit holds at most one mark per day by
construction and a day is found without a scan. ``habits done`` reads the index and
reads and writes one year file of one habit (≈ 25 kB after a year of daily use),
whatever the size of the history; to show a current streak that runs into older years it
takes them from the summary (or, without one to trust, reads them). Every file is a
:mod:`careerkit.store.database` store: schema-versioned, written atomically under the home
lock with rotating backups, never re-created when damaged.
"""

from __future__ import annotations

import os
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from weakref import WeakKeyDictionary

from tinydb.table import Document

from careerkit.core.habits.names import clean_name, clean_note, match_name, name_key
from careerkit.core.habits.schedules import Mark, Schedule
from careerkit.core.habits.streaks import Streak, current_streak_lazy
from careerkit.errors import CareerkitError, InputError, NotFoundError, StoreDamaged
from careerkit.i18n import language
from careerkit.store import files
from careerkit.store.database import Session, StoreKind

if TYPE_CHECKING:
    from careerkit.core.habits.record import HabitRecord, SummaryRecord
    from careerkit.core.habits.reports import CheckIn, HabitData
    from careerkit.core.habits.summary import Past
    from careerkit.core.habits.workdays import Workdays

INDEX = StoreKind("habits", 1, records={"habits": "careerkit.core.habits.record.HabitRecord"})
LOG = StoreKind("habit-log", 1, records={"marks": "careerkit.core.habits.record.MarkRecord"})
HABITS = "habits"
MARKS = "marks"
_HEX = frozenset("0123456789abcdef")
_FEW_YEARS = 3  # year files of one habit read without orjson and OpenSSL (a new store starts as fast as before)


def _is_id(value: object) -> bool:
    return isinstance(value, str) and len(value) == 8 and set(value) <= _HEX


def _year_of(file_name: str) -> int | None:
    """2024 for ``2024.json`` or one of its backups ``2024.json.bakN``; None for anything else."""
    year, dot, rest = file_name.partition(".")
    if len(year) == 4 and year.isascii() and year.isdigit() and dot and (
            rest == "json" or (rest.startswith("json.bak") and rest[8:].isdigit())):
        return int(year)
    return None


def habits_dir(session: Session) -> Path:
    return session.home / "data" / "habits"


def index_file(session: Session) -> Path:
    return habits_dir(session) / "habits.json"


def log_file(session: Session, habit_id: str, year: int) -> Path:
    return habits_dir(session) / habit_id / f"{year:04d}.json"


# ----------------------------------------------------------------------------- the index


def _damaged(path: Path, detail: str) -> StoreDamaged:
    return StoreDamaged("habits.damaged", path=str(path), detail=detail)


def _checked(path: Path, doc: dict[str, Any]) -> HabitRecord:
    """A habit record as read from disk, refused clearly when its shape is wrong."""
    try:
        ok = (_is_id(doc.get("id")) and isinstance(doc.get("name"), str)
              and doc["name"].strip() and isinstance(doc.get("every"), str)
              and isinstance(doc.get("created"), str) and date.fromisoformat(doc["created"])
              and (doc.get("archived") is None or date.fromisoformat(doc["archived"]))
              and all(doc.get(k) is None or isinstance(doc[k], str) for k in ("competency", "model", "note")))
        Schedule.parse(doc["every"])
    except (ValueError, TypeError, InputError):
        ok = False
    if not ok:
        raise _damaged(path, f"habit {str(doc.get('id', '?'))[:20]!r}")
    return cast("HabitRecord", doc)


def all_habits(session: Session, *, archived: bool = True) -> list[HabitRecord]:
    """Every habit, oldest first; without the archived ones unless ``archived``."""
    path = index_file(session)
    if not session.exists(path):
        return []
    found = [_checked(path, dict(doc)) for doc in session.db(path, INDEX).table(HABITS).all()]
    return [h for h in found if archived or h.get("archived") is None]


def add(session: Session, *, name: str, schedule: Schedule, now: date, competency: str | None = None,
        model: str | None = None, note: str | None = None) -> HabitRecord:
    """Add a habit; a name already in use (case and spacing ignored) is refused."""
    clean = clean_name(name)
    note = clean_note(note)
    existing = all_habits(session)
    taken = next((h for h in existing if name_key(h["name"]) == name_key(clean)), None)
    if taken is not None:
        key = "habits.exists_archived" if taken.get("archived") else "habits.exists"
        raise InputError(key, name=taken["name"])
    ids = {h["id"] for h in existing}
    habit_id = os.urandom(4).hex()
    while habit_id in ids:
        habit_id = os.urandom(4).hex()
    habit: HabitRecord = {"id": habit_id, "name": clean, "every": str(schedule), "competency": competency,
             "model": model, "note": note, "created": now.isoformat(),
             "archived": None}
    session.db(index_file(session), INDEX).table(HABITS).insert(habit)
    return habit


def find(session: Session, query: str, *, archived: bool = False) -> HabitRecord:
    """The one habit ``query`` names (exact name, else a unique prefix, else a unique part; case and width folded).

    Only active habits match unless ``archived``; an unknown or ambiguous name is an
    :class:`InputError` listing the candidates.
    """
    everything = all_habits(session)
    pool = [h for h in everything if archived or h["archived"] is None]
    ids = match_name(query, {h["id"]: h["name"] for h in pool})
    if len(ids) == 1:
        return next(h for h in pool if h["id"] == ids[0])
    if ids:
        names = [h["name"] for h in pool if h["id"] in ids]
        raise InputError("habits.ambiguous", name=query, candidates=_quoted(names))
    hidden = match_name(query, {h["id"]: h["name"] for h in everything if h["archived"] is not None})
    if hidden and not archived:
        name = next(h["name"] for h in everything if h["id"] == hidden[0])
        raise InputError("habits.is_archived", name=name)
    if not pool:
        raise NotFoundError("habits.none_yet", name=query)
    raise NotFoundError("habits.unknown", name=query, candidates=_quoted([h["name"] for h in pool]))


def _quoted(names: list[str], limit: int = 12) -> str:
    shown = ", ".join(f"“{n}”" for n in names[:limit])
    return shown + (f", … (+{len(names) - limit})" if len(names) > limit else "")


def set_archived(session: Session, habit: HabitRecord, when: date | None) -> None:
    table = session.db(index_file(session), INDEX).table(HABITS)
    table.update({"archived": when.isoformat() if when else None}, doc_ids=[_doc_id(table, habit)])


def set_start(session: Session, habit: HabitRecord, start: date) -> None:
    """Move the day the habit's history starts from (its ``created`` day)."""
    table = session.db(index_file(session), INDEX).table(HABITS)
    table.update({"created": start.isoformat()}, doc_ids=[_doc_id(table, habit)])
    habit["created"] = start.isoformat()


def _doc_id(table: Any, habit: HabitRecord) -> int:
    for doc in table.all():
        if doc.get("id") == habit["id"]:
            return doc.doc_id
    raise NotFoundError("habits.unknown", name=habit["name"], candidates="")


# ----------------------------------------------------------------------------- marks


def set_mark(session: Session, habit: HabitRecord, day: date, mark: Mark, now: datetime, *,
             count: int | None = None, note: str | None = None) -> Mark | None:
    """Record ``mark`` on ``day`` (a check-in with its quantity and note, when given); returns the
    mark the day had before (None: it had none). A check-in again on a day already done records
    a new quantity or note given with it, and keeps the old ones otherwise."""
    path = log_file(session, habit["id"], day.year)
    table = session.db(path, LOG).table(MARKS)
    key = day.toordinal()
    previous = table.get(doc_id=key)
    record: dict[str, Any] = {"date": day.isoformat(), "mark": mark.value, "at": now.isoformat(timespec="seconds")}
    if count is not None:
        record["count"] = count
    if note is not None:
        record["note"] = clean_note(note)
    if previous is None:
        table.insert(Document(record, doc_id=key))
        return None
    old = _mark_of(path, previous, key)
    if old is not mark:
        table.remove(doc_ids=[key])  # a skip turned check-in keeps nothing of the skip
        table.insert(Document(record, doc_id=key))
    elif count is not None or note is not None:
        table.update({k: v for k, v in record.items() if k in ("count", "note")}, doc_ids=[key])
    return old


def clear_mark(session: Session, habit: HabitRecord, day: date) -> Mark | None:
    """Remove the mark of ``day``; returns what was removed (None: there was nothing)."""
    path = log_file(session, habit["id"], day.year)
    if not session.exists(path):
        return None
    table = session.db(path, LOG).table(MARKS)
    key = day.toordinal()
    previous = table.get(doc_id=key)
    if previous is None:
        return None
    table.remove(doc_ids=[key])
    return _mark_of(path, previous, key)


def _mark_of(path: Path, doc: Any, key: int) -> Mark:
    try:
        if date.fromisoformat(doc["date"]).toordinal() != key:
            raise ValueError
        return Mark(doc["mark"])
    except (KeyError, TypeError, ValueError):
        raise _damaged(path, f"mark {key}") from None


def years(session: Session, habit_id: str) -> list[int]:
    """Years with a file (or a backup of one) for this habit, oldest first."""
    try:
        names = os.listdir(habits_dir(session) / habit_id)
    except (FileNotFoundError, NotADirectoryError):
        names = []
    return sorted({y for n in names if (y := _year_of(n)) is not None})


def year_marks(session: Session, habit_id: str, year: int) -> dict[date, Mark]:
    """The marks of one year file, read straight from its document (no per-record objects)."""
    path = log_file(session, habit_id, year)
    if not session.exists(path):
        return {}
    raw = session.db(path, LOG).storage.read() or {}
    out: dict[date, Mark] = {}
    done, skip = Mark.DONE, Mark.SKIP
    for key, doc in raw.get(MARKS, {}).items():
        mark = done if doc.get("mark") == "done" else skip if doc.get("mark") == "skip" else None
        try:
            day = date.fromordinal(int(key))
        except (ValueError, OverflowError):
            day = None
        if mark is None or day is None or day.year != year:
            raise _damaged(path, f"mark {key}")
        out[day] = mark
    return out


def year_details(session: Session, habit_id: str, year: int) -> dict[date, CheckIn]:
    """The quantities and notes of one year's check-ins (only the days that have one)."""
    from careerkit.core.habits.reports import CheckIn

    path = log_file(session, habit_id, year)
    if not session.exists(path):
        return {}
    raw = session.db(path, LOG).storage.read() or {}
    out: dict[date, CheckIn] = {}
    for key, doc in raw.get(MARKS, {}).items():
        if len(doc) == 3:  # date, mark, at: nothing more said (most check-ins; keep this pass cheap)
            continue
        count, note = doc.get("count"), doc.get("note")
        if count is None and note is None:
            continue
        if (count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 1)) \
                or (note is not None and not isinstance(note, str)):
            raise _damaged(path, f"mark {key}")
        out[date.fromordinal(int(key))] = CheckIn(count, note)
    return out


def history(session: Session, habit_id: str) -> dict[date, Mark]:
    """Every mark of one habit."""
    out: dict[date, Mark] = {}
    for year in years(session, habit_id):
        out.update(year_marks(session, habit_id, year))
    return out


def load(session: Session, habit: HabitRecord, workdays: Workdays | None = None) -> HabitData:
    """A habit record with its whole history, for status, sheets and reports (a workdays habit
    on the person's calendar ``workdays``)."""
    from careerkit.core.habits.reports import HabitData  # not on the path of `habits done`

    details: dict[date, CheckIn] = {}
    found = years(session, habit["id"])
    if len(found) > _FEW_YEARS:
        files.expect_much_json()  # years of history: orjson and OpenSSL pay for their import
    for year in found:
        details.update(year_details(session, habit["id"], year))
    return HabitData(
        id=habit["id"], name=habit["name"], schedule=schedule_of(habit, workdays), details=details,
        created=date.fromisoformat(habit["created"]), history=history(session, habit["id"]),
        competency=habit.get("competency"), note=habit.get("note"),
        archived=date.fromisoformat(habit["archived"]) if habit["archived"] else None,
        model=habit.get("model"),
    )


def schedule_of(habit: HabitRecord, workdays: Workdays | None = None) -> Schedule:
    """The habit's schedule, anchored at its start (an every-N-days habit is due from that day on),
    a workdays habit on the person's calendar."""
    return Schedule.parse(habit["every"]).starting(date.fromisoformat(habit["created"])).with_calendar(workdays)


def current_streak(session: Session, habit: HabitRecord, now: date, workdays: Workdays | None = None) -> Streak:
    """The habit's current streak, reading only the year files the streak runs through."""
    found = set(years(session, habit["id"]))
    found.update(y for y in (now.year, now.year - 1) if session.exists(log_file(session, habit["id"], y)))
    schedule = schedule_of(habit, workdays)
    return current_streak_lazy(schedule, sorted(found), lambda year: year_marks(session, habit["id"], year), now,
                               lambda: _summary_streak(session, habit, schedule, workdays, now))


# ----------------------------------------------------------------------------- the summaries of the past
#
# ``habits status`` shows streaks that run back over years; reading ten years of year files to
# show them cost more than three times a store without check-ins (issue 13). So each habit has
# ``<habit-id>/summary.json``: the years before this one folded into what status needs
# (:mod:`careerkit.core.habits.summary`), with what it was computed from: the habit's schedule
# and start, a workdays habit's calendar, careerkit's summary version, and the checksum each of
# those year files was sealed with. Status then reads this year's file (and last year's while
# the weeks it shows reach into it) and the summary, and checks the others by their seal's last
# bytes. Anything that does not match makes status read every year, as before, and say nothing
# (as `history` does with its index). A commit that changes a habit's year files brings its
# summary in line in the same commit (``LOG.on_commit``), rebuilding it only when a year before
# this one changed or a new year began; `careerkit doctor` compares each summary with the year
# files and `doctor --fix` rebuilds them.

SUMMARY = StoreKind("habit-summary", 1, records={"summary": "careerkit.core.habits.record.SummaryRecord"})
_calendars: WeakKeyDictionary[Session, Workdays] = WeakKeyDictionary()


def summary_file(session: Session, habit_id: str) -> Path:
    return habits_dir(session) / habit_id / "summary.json"


def use_calendar(session: Session, workdays: Workdays) -> None:
    """The person's calendar, for the summaries of workdays habits this session saves."""
    _calendars[session] = workdays


def profile_calendar(session: Session) -> Workdays:
    """The person's calendar as the commands build it (``careerkit.cli.habits.workdays_of``): the
    profile's region, else the language's default, under the roster. For writers without one."""
    from careerkit import config
    from careerkit.core.habits.workdays import default_region, official

    region = config.load(session.home / "config.toml").region or default_region(language())
    return official(region, roster(session))


def calendar_key(workdays: Workdays | None) -> str:
    """What a workdays habit's summary depends on of the calendar: region, the official data's
    version and years, the roster."""
    if workdays is None:
        return "monday-to-friday"
    roster = ",".join(f"{d.toordinal()}{'+' if on else '-'}" for d, on in sorted(workdays.roster.items()))
    text = (f"{workdays.region}|{workdays.version}|{workdays.known}|{len(workdays.holidays)}|"
            f"{len(workdays.makeup)}|{roster}")
    return str(files.sha256(text.encode("utf-8")).hexdigest())


def _cut() -> int:
    from careerkit.core.habits.schedules import today

    return today().year


def _stored_summary(session: Session, habit_id: str) -> dict[str, Any] | None:
    """The summary document of a habit as saved (its seal verified), None when absent or damaged."""
    path = summary_file(session, habit_id)
    if not session.exists(path):
        return None
    try:
        doc = (session.db(path, SUMMARY).storage.read() or {}).get("summary", {}).get("1")
    except CareerkitError:  # damaged, unreadable, too new: derived data, passed over
        return None
    return doc if isinstance(doc, dict) else None


def _past(doc: dict[str, Any], habit: HabitRecord, schedule: Schedule, calendar: str | None) -> Past | None:
    """The summary's past, if it was computed from what the habit is now (else None)."""
    from careerkit.core.habits import summary

    try:
        if (doc["version"] != summary.VERSION or doc["habit"] != habit["id"] or doc["every"] != habit["every"]
                or doc["created"] != habit["created"] or doc["calendar"] != calendar):
            return None
        at = date.fromisoformat(doc["boundary"])
        if type(doc["cut"]) is not int or at != summary.boundary(schedule, doc["cut"]):
            return None
        numbers = [doc[k] for k in ("best", "run", "streak")]
        if not all(type(n) is int and n >= 0 for n in numbers) or not isinstance(doc["years"], dict) \
                or not isinstance(doc["tail"], dict):
            return None
        first = date.fromisoformat(doc["first"]) if doc["first"] is not None else None
        last = date.fromisoformat(doc["last"]) if doc["last"] is not None else None
        return summary.Past(at, first, numbers[0], numbers[1], last, numbers[2])
    except (KeyError, TypeError, ValueError, OverflowError):
        return None


def _tail(doc: dict[str, Any]) -> dict[date, Mark] | None:
    try:
        return {date.fromordinal(int(k)): Mark(v) for k, v in doc["tail"].items()}
    except (TypeError, ValueError, OverflowError):
        return None


def _years_match(session: Session, habit_id: str, doc: dict[str, Any], found: list[int]) -> bool:
    """Whether the year files before the summary's cut are those it was computed from."""
    cut = doc["cut"]
    old = [y for y in found if y < cut]
    recorded = doc["years"]
    if len(old) != len(recorded):
        return False
    folder = os.path.join(habits_dir(session), habit_id)  # plain strings: hundreds of files (issue 13)
    return all(recorded.get(str(y)) == files.claimed_checksum(os.path.join(folder, f"{y:04d}.json")) for y in old)


def _calendar_of(habit: HabitRecord, workdays: Workdays | None) -> str | None:
    return calendar_key(workdays) if habit["every"] == "workdays" else None


def load_status(session: Session, habit: HabitRecord, workdays: Workdays | None,
                now: date) -> tuple[HabitData, Past | None]:
    """What ``habits status`` needs of a habit on ``now``: from its summary and the year files of
    the weeks shown when the summary holds (the past then comes with it), else :func:`load`."""
    from careerkit.core.habits import summary
    from careerkit.core.habits.reports import HabitData, status_days

    schedule = schedule_of(habit, workdays)
    doc = _stored_summary(session, habit["id"])
    past = None if doc is None else _past(doc, habit, schedule, _calendar_of(habit, workdays))
    found = years(session, habit["id"])
    tail = None if doc is None or past is None else _tail(doc)
    if past is None or tail is None or not summary.usable(past, now) \
            or not _years_match(session, habit["id"], doc, found):  # type: ignore[arg-type]  # doc is set when past is
        return load(session, habit, workdays), None
    shown = status_days(now)[0].year
    history: dict[date, Mark] = tail
    details: dict[date, CheckIn] = {}
    for year in found:
        if year >= min(shown, doc["cut"]):  # type: ignore[index]  # doc is set when past is
            history.update(year_marks(session, habit["id"], year))
            details.update(year_details(session, habit["id"], year))
    return HabitData(
        id=habit["id"], name=habit["name"], schedule=schedule, details=details,
        created=date.fromisoformat(habit["created"]), history=history,
        competency=habit.get("competency"), note=habit.get("note"),
        archived=date.fromisoformat(habit["archived"]) if habit["archived"] else None,
        model=habit.get("model"),
    ), past


def _summary_streak(session: Session, habit: HabitRecord, schedule: Schedule, workdays: Workdays | None,
                    now: date) -> Streak | None:
    """The current streak from the habit's summary and the year files from its cut on, as this session
    has them; None when the summary does not hold (or a year before its cut changed in this session)."""
    from careerkit.core.habits import summary

    doc = _stored_summary(session, habit["id"])
    past = None if doc is None else _past(doc, habit, schedule, _calendar_of(habit, workdays))
    if doc is None or past is None or not summary.usable(past, now):
        return None
    cut = doc["cut"]
    folder = habits_dir(session) / habit["id"]
    if any(p.parent == folder and (_year_of(p.name) or cut) < cut for p in session.changed()):
        return None
    history = _tail(doc)
    if history is None or not _years_match(session, habit["id"], doc, years(session, habit["id"])):
        return None
    for year in sorted({*years(session, habit["id"]), now.year}):
        if year >= cut:
            history.update(year_marks(session, habit["id"], year))
    return summary.current_streak(schedule, history, now, past)


def summarize(session: Session, habit: HabitRecord, workdays: Workdays | None,
              extra_years: set[int] | frozenset[int] = frozenset(), *, cut: int | None = None) -> SummaryRecord:
    """The summary of a habit's years before ``cut`` (default: this year), from its year files as this
    session has them (``extra_years``: files new in this session). Raises StoreDamaged for a damaged year file."""
    from careerkit.core.habits import summary

    schedule = schedule_of(habit, workdays)
    cut = _cut() if cut is None else cut
    at = summary.boundary(schedule, cut)
    changed = set(session.changed())
    marks: dict[date, Mark] = {}
    digests: dict[str, str] = {}
    for year in sorted(set(years(session, habit["id"])) | set(extra_years)):
        if year >= cut:
            continue
        path = log_file(session, habit["id"], year)
        marks.update(year_marks(session, habit["id"], year))
        if path in changed:
            digests[str(year)] = files.checksum_of(session.sealed(path))
        else:
            checksum = session.checksum(path) if session.exists(path) else None
            if checksum is None:
                raise _damaged(path, "no checksum")
            digests[str(year)] = checksum
    past = summary.summarize(schedule, marks, at)
    new_year = date(cut, 1, 1)
    return {"version": summary.VERSION, "habit": habit["id"], "every": habit["every"], "created": habit["created"],
            "calendar": _calendar_of(habit, workdays), "cut": cut, "boundary": at.isoformat(), "years": digests,
            "first": past.first.isoformat() if past.first else None, "best": past.best, "run": past.run,
            "last": past.last.isoformat() if past.last else None, "streak": past.streak,
            "tail": {str(d.toordinal()): m.value for d, m in sorted(marks.items()) if at <= d < new_year}}


def save_summary(session: Session, record: SummaryRecord) -> None:
    session.replace(summary_file(session, record["habit"]), SUMMARY).table("summary").insert(dict(record))


def _logs_committed(session: Session, paths: list[Path]) -> None:
    """The ``on_commit`` of year files: bring the summaries of their habits in line, in the same commit.
    Derived data never stops the check-ins from being saved: what cannot be summarised is left, and
    status, which checks every summary it reads, then reads every year."""
    with suppress(CareerkitError):
        _bring_in_line(session, paths)


def _bring_in_line(session: Session, paths: list[Path]) -> None:
    by_habit: dict[str, set[int]] = {}
    for path in paths:
        year = _year_of(path.name)
        if year is not None and _is_id(path.parent.name):
            by_habit.setdefault(path.parent.name, set()).add(year)
    cut = _cut()
    for habit_id, changed in sorted(by_habit.items()):
        try:
            names = os.listdir(habits_dir(session) / habit_id)
        except OSError:
            names = []
        found = sorted({y for n in names if (y := _year_of(n)) is not None})
        if min(changed) >= cut and not any(y < cut for y in found):
            continue  # nothing before this year to summarise (status reads this year's file anyway)
        habit = _habit_by_id(session, habit_id)
        if habit is None:
            continue
        workdays = _calendars.get(session)
        if habit["every"] == "workdays" and workdays is None:
            try:
                workdays = profile_calendar(session)
            except CareerkitError:
                continue  # no calendar to compute with (a broken profile): the summary stays, status checks it
            use_calendar(session, workdays)
        doc = _stored_summary(session, habit_id) if any(n.startswith("summary.json") for n in names) else None
        if doc is not None and doc.get("cut") == cut and min(changed) >= cut \
                and _past(doc, habit, schedule_of(habit, workdays), _calendar_of(habit, workdays)) is not None \
                and _years_match(session, habit_id, doc, found):
            continue  # this year changed, which the summary does not hold: it stays as it is
        try:
            save_summary(session, summarize(session, habit, workdays, changed))
        except CareerkitError:
            continue  # a damaged or too new year file: status reads every year and says so


def _habit_by_id(session: Session, habit_id: str) -> HabitRecord | None:
    """One habit of the index, checked (the others are not looked at)."""
    path = index_file(session)
    if not session.exists(path):
        return None
    for doc in (session.db(path, INDEX).storage.read() or {}).get(HABITS, {}).values():
        if isinstance(doc, dict) and doc.get("id") == habit_id:
            return _checked(path, dict(doc))
    return None


LOG.on_commit = _logs_committed


def calendar_changed(session: Session, workdays: Workdays) -> None:
    """The person's calendar changed (region, roster): rebuild the summaries of the workdays habits
    in this session's commit (the others do not depend on it)."""
    use_calendar(session, workdays)
    cut = _cut()
    for habit in all_habits(session):
        if habit["every"] != "workdays" or not (session.exists(summary_file(session, habit["id"]))
                                                or any(y < cut for y in years(session, habit["id"]))):
            continue
        try:
            save_summary(session, summarize(session, habit, workdays))
        except CareerkitError:
            continue  # a damaged year file: status reads every year and says so


def _doctor_calendar(session: Session, habits: list[HabitRecord]) -> Workdays | None:
    return profile_calendar(session) if any(h["every"] == "workdays" for h in habits) else None


def summary_problems(session: Session) -> tuple[int, list[str]]:
    """How many summaries there are, and those that do not say what their habit's year files hold
    (``<habit-id>/summary.json``). Reads everything."""
    habits = all_habits(session)
    workdays = _doctor_calendar(session, habits)
    count, out = 0, []
    for habit in habits:
        if not session.exists(summary_file(session, habit["id"])):
            continue  # none yet: status reads every year until a check-in or `doctor --fix` makes one
        count += 1
        doc = _stored_summary(session, habit["id"])
        cut = doc.get("cut") if doc is not None else None
        try:
            expected = summarize(session, habit, workdays, cut=cut if type(cut) is int else None)
        except CareerkitError:
            continue  # a damaged year file is the problem, and the store check names it
        if doc != dict(expected):
            out.append(f"{habit['id']}/summary.json")
    return count, out


def rebuild_summaries(session: Session) -> list[str]:
    """Write anew the summary of every habit with years before this one (those with a damaged year
    file excepted); returns their files."""
    habits = all_habits(session)
    workdays = _doctor_calendar(session, habits)
    cut = _cut()
    done = []
    for habit in habits:
        found = years(session, habit["id"])
        if not any(y < cut for y in found) and not session.exists(summary_file(session, habit["id"])):
            continue
        try:
            save_summary(session, summarize(session, habit, workdays))
        except CareerkitError:
            continue
        done.append(f"{habit['id']}/summary.json")
    return done


def check_summaries(home: Path) -> tuple[int, list[str]]:
    """:func:`summary_problems` of the home folder (for `careerkit doctor`)."""
    from careerkit.store.database import session

    with session(home) as work:
        return summary_problems(work)


def fix_summaries(home: Path) -> int:
    """:func:`rebuild_summaries` of the home folder, in one commit (for `careerkit doctor --fix`)."""
    from careerkit.store.database import session

    with session(home, write=True) as work:
        return len(rebuild_summaries(work))


# ----------------------------------------------------------------------------- what suggestions start from


def suggestion_basis(session: Session, person: str, model_id: str | None) -> dict[str, Any]:
    """The person's latest assessment (of ``model_id`` when given), their latest plan's focus
    areas, the model to take habits from, and the names of the habits already tracked.

    Plans come from :mod:`careerkit.store.plans`.
    """
    from careerkit.store import assessments

    record = assessments.latest(session, person, model_id)
    from careerkit.store.plans import latest_plan

    found: object = latest_plan(session, person)  # read defensively: a plan of an older version may lack parts
    plan = found if isinstance(found, dict) else None
    focus = [f.get("competency") for f in (plan or {}).get("focus") or [] if isinstance(f, dict)]
    focus = [c for c in focus if isinstance(c, str)]
    plan_model = (plan or {}).get("model")
    plan_model = plan_model.get("id") if isinstance(plan_model, dict) else plan_model
    record_model = record["model"]["id"] if record else None
    model = model_id or (plan_model if focus and isinstance(plan_model, str) else None) or record_model
    return {"assessment": record, "focus": focus, "model": model,
            "tracked": [h["name"] for h in all_habits(session)]}


# ----------------------------------------------------------------------------- the shift roster

ROSTER = StoreKind("habit-roster", 1, records={"days": "careerkit.core.habits.record.RosterDay"})
DAYS = "days"


def roster_file(session: Session) -> Path:
    return habits_dir(session) / "roster.json"


def roster(session: Session) -> dict[date, bool]:
    """The person's shift roster: day → on duty (empty when none is set)."""
    path = roster_file(session)
    if not session.exists(path):
        return {}
    raw = session.db(path, ROSTER).storage.read() or {}
    out: dict[date, bool] = {}
    for key, doc in raw.get(DAYS, {}).items():
        duty = doc.get("duty") if isinstance(doc, dict) else None
        try:
            day = date.fromordinal(int(key))
        except (ValueError, OverflowError):
            day = None
        if day is None or duty not in ("on", "off") or doc.get("date") != day.isoformat():
            raise _damaged(path, f"roster day {str(key)[:20]}")
        out[day] = duty == "on"
    return out


def set_roster(session: Session, days: dict[date, bool]) -> None:
    """Replace the shift roster with ``days`` (empty: no roster)."""
    table = session.db(roster_file(session), ROSTER).table(DAYS)
    table.truncate()
    table.insert_multiple(Document({"date": d.isoformat(), "duty": "on" if on else "off"}, doc_id=d.toordinal())
                          for d, on in sorted(days.items()))
