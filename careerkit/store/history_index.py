"""The history index: what `careerkit history` lists, so listing costs the same at 50,000 assessments as at none.

Derived data, kept under ``<home>/data/history/`` and saved in the same commit as the person
files it summarises (:class:`~careerkit.store.database.StoreKind` ``on_commit``)::

    index.json        kind "history-index", the head, saved last in the commit
        state         one document: {"count", "people_checksum", "people_dir"}: how many
                      assessments there are, the checksum of people.json, and the identity
                      (inode, mtime) of the people folder once this commit's person files are in it,
                      the stamps of the person files ("files") and "month_schema": 2 once every month
                      file is of schema 2 (an index without it is brought to 2 by the next save)
        months        one document per month: {"month", "count", "checksum"} of its month file
    people.json       kind "history-people"
        people        one document per person file: {"file", "person", "count", "checksum"},
                      the checksum being that file's seal when its entries were last brought in line
    YYYY-MM.json      kind "history-month", schema 2
        rows          one document: the confirmed assessments taken that month (by ``taken_at``),
                      oldest first, as `history --json` prints them, and the person file of each
                      (see :mod:`careerkit.store.history_rows`); an entry, as this module hands
                      them out, is {"id", "person", "model", "role", "taken_at", "file",
                      "scores": {"overall", "readiness", "rated", "indicators", "partial"}}.
                      Schema 1 held one document per entry (table ``entries``): such a file is
                      read as ever (migrated in memory), and the next save writes it anew

`history --json` over everyone reads the rows as they are (:func:`careerkit.store.history_rows.printed`),
with no TinyDB and no record built, checking what this module's reader checks.

Never trusted blindly. A reader verifies the seal of every index file it reads and each
month file's checksum against the head's. Every save of a person file renames a file into
the people folder, so a folder that is not as the head recorded it means some person file
changed without the index (a crash between two renames, a file restored on its own, a file
written by an older careerkit); and each person file is stamped too (inode, size, times,
taken once it is saved), so a file written in place is found as well. A person whose file
does not match its stamp is listed from that file itself, its seal verified as ever. A
missing or damaged head, or a month file that does not match, makes the listing read every
person file, as careerkit did before it had an index. A writer that finds the index out of
line with what is on disk rebuilds it. `careerkit doctor` compares the whole index with the
person files, and `careerkit doctor --fix` rebuilds it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.errors import StoreDamaged
from careerkit.store import files
from careerkit.store.database import META, StoreKind
from careerkit.store.history_rows import (
    MONTH_SCHEMA,
    ROWS,
    head_path,
    index_dir,
    month_doc,
    month_entries,
    month_path,
    month_rows,
)
from careerkit.store.history_rows import folder_id as _folder_id
from careerkit.store.history_rows import identity as _identity

if TYPE_CHECKING:
    from careerkit.store.database import Session

def _month_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Month file schema 1 → 2: one document per entry becomes the month's printed rows."""
    entries = sorted((dict(e) for e in data.get("entries", {}).values()), key=_key)
    return {META: data[META], ROWS: {"1": month_doc(entries)}}


INDEX = StoreKind("history-index", 1)
PEOPLE = StoreKind("history-people", 1)
MONTH = StoreKind("history-month", MONTH_SCHEMA, {1: _month_v2})
ASSESSMENTS = "assessments"


def people_path(data_dir: Path) -> Path:
    return index_dir(data_dir) / "people.json"


def month_of(taken_at: str) -> str:
    return taken_at[:7] if len(taken_at) >= 7 and taken_at[4] == "-" else "0000-00"


def _count(value: object) -> int | None:
    return value if type(value) is int else None


def entry(record: dict[str, Any], file: str) -> dict[str, Any]:
    """What history lists of one assessment; coverage from its ratings when its scores lack it."""
    scores = record.get("scores") or {}
    ratings = record.get("ratings") or {}
    rated = _count(scores.get("rated"))
    indicators = _count(scores.get("indicators"))
    if rated is None:
        rated = sum(1 for level in ratings.values() if level is not None)
    if indicators is None:
        indicators = len(ratings)
    partial = scores.get("partial")
    if type(partial) is not bool:
        partial = rated < indicators
    return {"id": record["id"], "person": record["person"], "model": record["model"], "role": record.get("role"),
            "taken_at": record["taken_at"], "file": file,
            "scores": {"overall": scores.get("overall"), "readiness": scores.get("readiness"),
                       "rated": rated, "indicators": indicators, "partial": partial}}


def entries_of(data: dict[str, Any] | None, file: str) -> list[dict[str, Any]]:
    if not data:
        return []
    return [entry(record, file) for record in data.get(ASSESSMENTS, {}).values()]


# (taken_at, id) of a row: a C-level key, about half the cost of a lambda on 10,000 rows (issue 13)
_key: Callable[[Mapping[str, Any]], tuple[str, str]] = itemgetter("taken_at", "id")


def _person_kind() -> StoreKind:
    from careerkit.store.people import PERSON

    return PERSON


# ----------------------------------------------------------------------------- writing


class _Stale(Exception):
    """The index does not describe what is on disk: rebuild it."""


def person_files_committed(work: Session, paths: list[Path]) -> None:
    """The ``on_commit`` of person files: update the index in the same commit (rebuild it if stale)."""
    try:
        _update(work, work.home / "data", paths)
    except (_Stale, StoreDamaged):
        rebuild(work)


def _update(work: Session, data_dir: Path, paths: list[Path]) -> None:
    from careerkit.store.people import people_dir, person_files

    head_file, people_file = head_path(data_dir), people_path(data_dir)
    if not work.exists(head_file):
        if any(p not in paths for p in person_files(data_dir)):  # a store from before the index: build it once
            raise _Stale
        if work.exists(people_file):
            raise _Stale
    head = work.db(head_file, INDEX)
    state = head.table("state").get(doc_id=1)
    people = work.db(people_file, PEOPLE).table("people")
    if (state["people_checksum"] if state else None) != work.checksum(people_file):
        raise _Stale
    docs: dict[str, Any] = {doc["file"]: doc for doc in people.all()}
    known: dict[str, Any] = state.get("files", {}) if state else {}
    restamp = False
    if state is not None:
        # every other person file must still be as the index has it (one changed without it: rebuild)
        listed = state["people_dir"] == _folder_id(data_dir)
        others = [people_dir(data_dir) / n for n in known] if listed else list(person_files(data_dir))
        for other in others:
            if other not in paths and known.get(other.name) != _identity(other):
                found = files.read_sealed_checksummed(other)  # all of it: a flipped byte must not pass
                if (found[1] if found else None) != docs.get(other.name, {}).get("checksum"):
                    raise _Stale
                restamp = True
        if not listed and set(docs) - {p.name for p in others} - {p.name for p in paths}:
            raise _Stale
        restamp = restamp or not listed
    removals: dict[str, set[tuple[str, str]]] = {}
    additions: dict[str, list[dict[str, Any]]] = {}
    for path in paths:
        file = path.name
        doc = docs.get(file)
        found = files.read_sealed_checksummed(path)  # under the lock: what this session read
        if (doc["checksum"] if doc else None) != (found[1] if found else None):
            raise _Stale
        old = {e["id"]: e for e in entries_of(found[0] if found else None, file)}  # type: ignore[arg-type]
        new = {e["id"]: e for e in entries_of(work.db(path, _person_kind()).storage.read(), file)}
        for rid in old.keys() | new.keys():
            if old.get(rid) != new.get(rid):
                if rid in old:
                    removals.setdefault(month_of(old[rid]["taken_at"]), set()).add((file, rid))
                if rid in new:
                    additions.setdefault(month_of(new[rid]["taken_at"]), []).append(new[rid])
        fresh = {"file": file, "person": next(iter(new.values()))["person"] if new else (doc or {}).get("person"),
                 "count": len(new), "checksum": files.checksum_of(work.sealed(path))}
        if doc is None:
            people.insert(fresh)
        else:
            people.update(fresh, doc_ids=[doc.doc_id])
    months = head.table("months")
    month_docs = {doc["month"]: doc for doc in months.all()}
    changed = removals.keys() | additions.keys()
    # an index of schema-1 month files (an older careerkit's): every month is written anew, from itself
    older = set() if state is not None and state.get("month_schema") == MONTH_SCHEMA else month_docs.keys() - changed
    for month in sorted(changed | older):
        path = month_path(data_dir, month)
        bucket = work.db(path, MONTH)
        doc = month_docs.get(month)
        if (doc["checksum"] if doc else None) != work.checksum(path):
            raise _Stale
        gone = removals.get(month, set())
        rows = [e for e in month_entries(bucket.storage.read() or {}, path) if (e["file"], e["id"]) not in gone]
        rows.extend(additions.get(month, []))
        rows.sort(key=_key)
        work.replace(path, MONTH).table(ROWS).insert(month_doc(rows))
        fresh = {"month": month, "count": len(rows), "checksum": files.checksum_of(work.sealed(path))}
        if doc is None:
            months.insert(fresh)
        else:
            months.update(fresh, doc_ids=[doc.doc_id])
    _set_state(work, data_dir, sum(doc["count"] for doc in people.all()), None if restamp else (known, paths))


def _set_state(work: Session, data_dir: Path, count: int,
               changed: tuple[dict[str, Any], list[Path]] | None) -> None:
    """The head's state, and its stamps of the people folder and of each person file, taken once
    the person files are saved (``changed``: the stamps known and the files this commit saves;
    None: stamp every person file, all of them just checked)."""
    from careerkit.store.people import people_dir, person_files

    head_file = head_path(data_dir)
    head = work.db(head_file, INDEX)
    state = {"count": count, "people_checksum": files.checksum_of(work.sealed(people_path(data_dir))),
             "people_dir": None, "files": {}, "month_schema": MONTH_SCHEMA}
    table = head.table("state")
    if table.get(doc_id=1) is None:
        table.insert(state)
    else:
        table.update(state, doc_ids=[1])

    def stamp() -> None:
        if changed is None:
            paths = list(person_files(data_dir))
            stamps: dict[str, Any] = {}
        else:
            stamps, paths = dict(changed[0]), changed[1]
        for path in paths:
            stamps[path.name] = _identity(path)
        folder = people_dir(data_dir)
        table.update({"people_dir": _folder_id(data_dir),
                      "files": {n: v for n, v in sorted(stamps.items()) if v is not None
                                and (changed is None or (folder / n).exists())}}, doc_ids=[1])

    work.save_last(head_file, stamp)


def rebuild(work: Session) -> None:
    """Write the whole index anew from every person file (those open in ``work`` as they will be saved)."""
    from careerkit.store.people import people_dir, person_files

    data_dir = work.home / "data"
    people_docs: list[dict[str, Any]] = []
    by_month: dict[str, list[dict[str, Any]]] = {}
    changed = {p for p in work.changed() if p.parent == people_dir(data_dir)}
    for path in sorted(set(person_files(data_dir)) | changed):
        if path in changed:
            data, checksum = work.db(path, _person_kind()).storage.read(), files.checksum_of(work.sealed(path))
        else:
            try:
                found = files.read_sealed_checksummed(path)
            except (StoreDamaged, files.EnvironmentFailure):
                found = None  # listed from the file itself, which then says what is wrong with it
            if found is None:
                people_docs.append({"file": path.name, "person": None, "count": 0, "checksum": None})
                continue
            data, checksum = found  # type: ignore[assignment]
        rows = entries_of(data, path.name)
        for row in rows:
            by_month.setdefault(month_of(row["taken_at"]), []).append(row)
        people_docs.append({"file": path.name, "person": rows[0]["person"] if rows else None,
                            "count": len(rows), "checksum": checksum})
    month_docs = []
    for month in sorted(by_month.keys() | _month_files(index_dir(data_dir))):
        path = month_path(data_dir, month)
        rows = sorted(by_month.get(month, []), key=_key)
        work.replace(path, MONTH).table(ROWS).insert(month_doc(rows))
        month_docs.append({"month": month, "count": len(rows), "checksum": files.checksum_of(work.sealed(path))})
    work.replace(people_path(data_dir), PEOPLE).table("people").insert_multiple(people_docs)
    work.replace(head_path(data_dir), INDEX).table("months").insert_multiple(month_docs)
    _set_state(work, data_dir, sum(doc["count"] for doc in people_docs), None)


def restored(home: Path) -> None:
    """After a restore put files back: bring the index in line with the person files now in place."""
    from careerkit.store.database import session

    if not (head_path(home / "data").exists() or files.backups_of(head_path(home / "data"))):
        return
    with session(home) as work:
        try:
            stale = problems(work)
        except StoreDamaged:
            return  # a damaged person file: doctor names it, history refuses it
    if stale:
        with session(home, write=True) as work:
            rebuild(work)


def _month_files(folder: Path) -> set[str]:
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError:
        return set()
    return {n[:-5] for n in names if len(n) == 12 and n.endswith(".json") and n[4] == "-" and n[:4].isdigit()}


# ----------------------------------------------------------------------------- reading


class _Untrusted(Exception):
    """An index file does not match the head: list from the person files."""


def listing(work: Session, *, limit: int | None = None,
            model_id: str | None = None) -> tuple[list[dict[str, Any]], int]:
    """Everyone's assessments, newest first (the first ``limit``), and how many there are in all.

    From the index where it holds, from the person files themselves where it does not.
    """
    data_dir = work.home / "data"
    try:
        return _listing(work, data_dir, limit, model_id)
    except (_Untrusted, StoreDamaged):
        from careerkit.store.people import person_files

        rows = [e for path in person_files(data_dir) for e in _file_entries(work, path, model_id)]
        rows.sort(key=_key, reverse=True)
        return (rows if limit is None else rows[:limit]), len(rows)


def _listing(work: Session, data_dir: Path, limit: int | None,
             model_id: str | None) -> tuple[list[dict[str, Any]], int]:
    from careerkit.store.people import person_files

    head_file = head_path(data_dir)
    if not work.exists(head_file):
        raise _Untrusted
    head = work.db(head_file, INDEX)
    state = head.table("state").get(doc_id=1)
    if state is None:
        raise _Untrusted
    from careerkit.store.people import people_dir

    stamps = state.get("files", {})
    if state["people_dir"] == _folder_id(data_dir):  # no file came or went: the stamped ones are all
        folder = people_dir(data_dir)
        where = os.fspath(folder)  # names, not Paths: a thousand of them cost 5 ms
        names = list(stamps)
        read = [folder / n for n in names if stamps[n] != _identity(os.path.join(where, n))]
    else:
        paths = list(person_files(data_dir))
        names = [path.name for path in paths]
        read = [path for path in paths if stamps.get(path.name) != _identity(path)]
    # a file changed since the index was saved is listed from itself, its seal verified
    trusted: set[str] | None = set(names) - {path.name for path in read}
    extra = [e for path in read for e in _file_entries(work, path, model_id)]
    if not read:
        trusted, counted = None, state["count"]  # every person file is as the index has it
    else:
        docs = _people_docs(work, data_dir, state)
        counted = sum(docs[f]["count"] for f in trusted or ())
    rows: list[dict[str, Any]] = []
    page = limit is not None and trusted is None and model_id is None  # the newest rows, all from the index
    if limit is None or model_id is not None:
        files.expect_much_json()  # every month file
    for doc in sorted(head.table("months").all(), key=lambda d: d["month"], reverse=True):
        if limit is not None and model_id is None and len(rows) >= limit:
            break
        if not doc["count"]:
            continue
        path = month_path(data_dir, doc["month"])
        # the rows alone, parsed once, if it is the file the head names (a page: only the newest it still needs)
        stored = month_rows(path, doc, limit - len(rows) if page and limit is not None else None)
        if stored is None:  # schema 1, or not that file: read it whole
            bucket = work.db(path, MONTH)
            if work.checksum(path) != doc["checksum"]:
                raise _Untrusted
            stored = month_entries(bucket.storage.read() or {}, path)  # read only: no Document per entry
        if trusted is None and model_id is None:
            rows.extend(stored)  # every row: no filter to run
        else:
            rows.extend(e for e in stored
                        if (trusted is None or e["file"] in trusted)
                        and (model_id is None or e["model"]["id"] == model_id))
    total = (counted if model_id is None else len(rows)) + len(extra)
    rows.extend(extra)
    rows.sort(key=_key, reverse=True)
    return (rows if limit is None else rows[:limit]), total


def _people_docs(work: Session, data_dir: Path, state: dict[str, Any]) -> dict[str, Any]:
    people_file = people_path(data_dir)
    docs: dict[str, Any] = {doc["file"]: doc for doc in work.db(people_file, PEOPLE).table("people").all()}
    if work.checksum(people_file) != state["people_checksum"]:
        raise _Untrusted
    return docs


def _file_entries(work: Session, path: Path, model_id: str | None) -> list[dict[str, Any]]:
    if not work.exists(path):
        return []
    found = [entry(dict(doc), path.name) for doc in work.db(path, _person_kind()).table(ASSESSMENTS).all()]
    return [e for e in found if model_id is None or e["model"]["id"] == model_id]


# ----------------------------------------------------------------------------- checking


def problems(work: Session) -> list[str]:
    """What in the index does not match the person files (empty: it matches). Reads everything."""
    from careerkit.store.people import person_files

    data_dir = work.home / "data"
    paths = list(person_files(data_dir))
    head_file, people_file = head_path(data_dir), people_path(data_dir)
    if not work.exists(head_file):
        return []  # a store from before the index: history reads the records, the next save builds it
    try:
        head = work.db(head_file, INDEX)
        docs: dict[str, Any] = {doc["file"]: doc for doc in work.db(people_file, PEOPLE).table("people").all()}
    except StoreDamaged:
        return ["index.json"]
    state = head.table("state").get(doc_id=1)
    if state is None or state["people_checksum"] != work.checksum(people_file):
        return ["people.json"]
    out: list[str] = []  # stamps that no longer hold are no problem: history then checks each file
    expected: dict[str, list[dict[str, Any]]] = {}
    for path in paths:
        doc = docs.pop(path.name, None)
        rows = _file_entries(work, path, None)
        checksum = work.checksum(path) if work.exists(path) else None
        if doc is None or doc["checksum"] != checksum or doc["count"] != len(rows):
            out.append(f"people/{path.name}")
        for row in rows:
            expected.setdefault(month_of(row["taken_at"]), []).append(row)
    out.extend(f"people/{name}" for name in sorted(docs))
    if state["count"] != sum(len(rows) for rows in expected.values()):
        out.append("index.json (count)")
    for doc in head.table("months").all():
        path = month_path(data_dir, doc["month"])
        try:
            bucket = work.db(path, MONTH) if work.exists(path) else None
        except StoreDamaged:
            bucket = None
        if bucket is None or work.checksum(path) != doc["checksum"]:
            out.append(f"{doc['month']}.json")
            continue
        stored = (bucket.storage.read() or {}).get(ROWS, {}).get("1")  # the very text history --json prints
        if stored != month_doc(sorted(expected.pop(doc["month"], []), key=_key)):
            out.append(f"{doc['month']}.json")
    out.extend(f"{month}.json" for month in sorted(expected))
    return out
