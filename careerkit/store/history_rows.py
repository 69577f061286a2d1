"""The rows of the history index's month files (version 2): each assessment as `history --json`
prints it, rendered once when it is saved, and the reader that prints them without TinyDB.

A month file (kind "history-month", schema 2, see :mod:`careerkit.store.history_index`) holds
one document in its table ``rows``::

    {"count": N, "files": [the person file of each row], "exact": true,
     "text": the month's rows, oldest first, as they stand in the "items" of `history --json`}

``text`` is JSON (the items of the envelope, indented as `history --json` prints them, joined
by ",\\n"), so it is read back with any JSON parser; ``exact`` says orjson and the stdlib's json
write every value of it alike (a float under 1e-4 or from 1e16 on, an int beyond 64 bits: they
do not), so the text is the very bytes either would print.

:func:`printed` is `history --json` over everyone with no filter (issue 13): the index head,
each month file's seal and checksum checked against it, the stamps of every person file
checked as the index's own reader does; anything not as the head has it and it answers None,
and the command lists as before (:func:`careerkit.store.history_index.listing`). It imports
neither TinyDB nor the store's session: a reader only, it writes nothing.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from careerkit.errors import CareerkitError, StoreDamaged
from careerkit.store import files

INDEX_KIND, INDEX_SCHEMA = "history-index", 1
MONTH_KIND, MONTH_SCHEMA = "history-month", 2
ROWS = "rows"
NO_MONTH = "0000-00"  # the month of a taken_at that names none: its rows do not sort by the file's name


def index_dir(data_dir: Path) -> Path:
    return data_dir / "history"


def head_path(data_dir: Path) -> Path:
    return index_dir(data_dir) / "index.json"


def month_path(data_dir: Path, month: str) -> Path:
    return index_dir(data_dir) / f"{month}.json"


def people_folder(data_dir: Path) -> Path:
    return data_dir / "people"  # careerkit.store.people.people_dir, without importing the store's session


def folder_id(data_dir: Path) -> list[int] | None:
    """The people folder's inode and modification time: every rename into it changes them."""
    try:
        info = os.stat(people_folder(data_dir))
    except OSError:
        return None
    return [info.st_ino, info.st_mtime_ns]


def identity(path: Path | str) -> list[int] | None:
    """A file's inode, size, modification and change times: any write to it changes one of them."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


# ----------------------------------------------------------------------------- rendering


def item(entry: Mapping[str, Any]) -> dict[str, Any]:
    """What `history --json` prints of an index entry (the keys in its order)."""
    scores = entry["scores"]
    return {"id": entry["id"], "taken_at": entry["taken_at"], "person": entry["person"],
            "model": entry["model"], "role": entry.get("role"),
            "overall": scores["overall"], "readiness": scores["readiness"],
            "partial": scores.get("partial", False), "rated": scores.get("rated"),
            "indicators": scores.get("indicators")}


def row_entry(row: Mapping[str, Any], file: str) -> dict[str, Any]:
    """The index entry of a printed row (:func:`item` undone)."""
    return {"id": row["id"], "person": row["person"], "model": row["model"], "role": row["role"],
            "taken_at": row["taken_at"], "file": file,
            "scores": {"overall": row["overall"], "readiness": row["readiness"], "rated": row["rated"],
                       "indicators": row["indicators"], "partial": row["partial"]}}


def _alike(value: object) -> bool:
    """Whether orjson writes ``value`` as ``json.dumps`` does."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return True
    if isinstance(value, float):
        return value == 0 or 1e-4 <= abs(value) < 1e16
    if isinstance(value, int):
        return -(2**63) <= value < 2**64
    if isinstance(value, dict):
        return all(map(_alike, value.values()))
    if isinstance(value, list):
        return all(map(_alike, value))
    return False


def _dumps(many: bool) -> Any:
    """``json.dumps(value, ensure_ascii=False, indent=2)``: by orjson when it is loaded or there are
    many rows (its import costs more than a few rows save), the same text for every row :func:`_alike`."""
    orjson = sys.modules.get("orjson")
    if orjson is None and many:
        try:
            import orjson
        except ImportError:  # pragma: no cover - a dependency
            orjson = None
    if orjson is None:
        import json

        return lambda value: json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)
    option = orjson.OPT_INDENT_2
    return lambda value: orjson.dumps(value, option=option).decode("utf-8")


_MANY = 50  # rows


def month_doc(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``rows`` document of a month file holding ``entries`` (sorted oldest first)."""
    dumps = _dumps(len(entries) >= _MANY)
    texts, exact = [], True
    for found in entries:
        shown = item(found)
        if exact and not _alike(shown):
            exact = False
        try:
            text = dumps(shown)
        except (TypeError, ValueError):  # what orjson does not write: the stdlib does, or says why
            import json

            text, exact = json.dumps(shown, ensure_ascii=False, indent=2, allow_nan=False), False
        texts.append("    " + text.replace("\n", "\n    "))  # as it stands in the envelope's "items"
    return {"count": len(entries), "files": [e["file"] for e in entries], "exact": exact, "text": ",\n".join(texts)}


def _loads(text: str | bytes) -> Any:
    """JSON's value of ``text``: by orjson when it is loaded or the text is long (a month of
    a thousand rows: orjson's import costs less than it saves)."""
    orjson = sys.modules.get("orjson")
    if orjson is None and len(text) >= files.BIG // 4:
        try:
            import orjson
        except ImportError:  # pragma: no cover - a dependency
            orjson = None
    if orjson is None:
        import json

        return json.loads(text)
    return orjson.loads(text)


def month_entries(data: Mapping[str, Any], path: Path) -> list[dict[str, Any]]:
    """The index entries of a month file's document (schema 2), oldest first."""
    rows = data.get(ROWS, {}).get("1")
    if rows is None:
        return []
    try:
        names = rows["files"]
        shown = _loads("[" + rows["text"] + "]") if rows["text"] else []
        if not isinstance(shown, list) or len(shown) != len(names) or rows["count"] != len(names):
            raise ValueError
        return [row_entry(row, name) for row, name in zip(shown, names, strict=True)]
    except (KeyError, TypeError, ValueError):
        raise StoreDamaged("store.wrong_shape", path=str(path), detail="rows of the history index") from None


# ----------------------------------------------------------------------------- reading


def _document(path: Path, kind: str) -> tuple[dict[str, Any], str, int] | None:
    """A sealed store file of ``kind``: its document, checksum and schema; None if it is not one."""
    found = files.read_sealed_checksummed(path)
    if found is None or not isinstance(found[0], dict):
        return None
    meta = found[0].get("_meta", {}).get("1")
    if not isinstance(meta, dict) or meta.get("kind") != kind or type(meta.get("schema")) is not int:
        return None
    return found[0], found[1], meta["schema"]


def printed(home: Path) -> tuple[int, list[bytes]] | None:
    """Everyone's assessments as `history --json` prints its "items": how many, and the UTF-8
    text of each month's (to be joined by ",\\n"), straight from the index; None when the index
    is not there, not whole or not as the person files now stand (the caller then lists them as
    before)."""
    files.settle(home)  # an interrupted commit is finished before anything is read, as a session does
    data_dir = home / "data"
    try:
        return _printed(data_dir)
    except (CareerkitError, KeyError, TypeError, AttributeError, ValueError):
        return None  # the index's own reader decides what to say and where to read


def _printed(data_dir: Path) -> tuple[int, list[bytes]] | None:
    found = _document(head_path(data_dir), INDEX_KIND)
    if found is None or found[2] != INDEX_SCHEMA:
        return None
    head = found[0]
    state = head.get("state", {}).get("1")
    if not isinstance(state, dict) or state.get("people_dir") != folder_id(data_dir):
        return None  # a person file came or went since the index was saved
    folder = os.fspath(people_folder(data_dir))
    for name, stamp in state["files"].items():
        if identity(os.path.join(folder, name)) != stamp:
            return None  # changed since: the index's reader lists it from the file itself
    months = sorted((doc for doc in head.get("months", {}).values() if doc["count"]), key=lambda d: d["month"])
    if sum(doc["count"] for doc in months) != state["count"] or not months \
            or any(doc["month"] == NO_MONTH for doc in months):
        return None
    files.expect_much_json()  # every month file: orjson, and OpenSSL's sha256 for the seals
    texts = []
    for doc in months:
        month = _month_text(month_path(data_dir, doc["month"]), doc)
        if month is None or month[0]["exact"] is not True:
            return None  # or rows orjson and json would print apart
        texts.append(month[1])
    return state["count"], texts


_BETWEEN = b"\n    },\n"  # a row's end and the comma before the next: nowhere inside a row (its lines sit deeper)


def month_rows(path: Path, doc: Mapping[str, Any], newest: int | None = None) -> list[dict[str, Any]] | None:
    """The index entries of the month file the head's ``doc`` names, oldest first (only the
    ``newest`` ones, if given), read as :func:`printed` reads it (one parse, of those rows alone);
    None where it would not take it."""
    found = _month_text(path, doc)
    if found is None:
        return None
    rows, text = found
    names = rows["files"]
    if newest is not None and newest < len(names):
        text = _BETWEEN.join(text.rsplit(_BETWEEN, newest)[1:])  # the last rows' text, each whole
        names = names[len(names) - newest:]
    shown = _loads(b"[" + text + b"]")
    if not isinstance(shown, list) or len(shown) != len(names):
        return None
    return [row_entry(row, name) for row, name in zip(shown, names, strict=True)]


_TEXT = b',"text":"'  # the last member of the last document: a month file ends with its rows' text


def _month_text(path: Path, doc: Mapping[str, Any]) -> tuple[dict[str, Any], bytes] | None:
    """The rows document (but its text) of the month file the head's ``doc`` names, and the text
    as UTF-8, taken from the file's bytes as they are (its seal verified, its checksum the head's);
    None if it is not that file or not of schema 2."""
    found = files.read_sealed_bytes(path)
    if found is None or found[1] != doc["checksum"]:
        return None  # not the file the head names
    raw = found[0]
    at = raw.find(_TEXT)
    if at < 0 or not raw.endswith(b'"}}'):
        return None
    data = _loads(raw[:at] + b"}}}")  # all but the text: {"_meta", "rows": {"1": {count, files, exact}}}
    meta, rows = data["_meta"]["1"], data[ROWS]["1"]
    if meta["kind"] != MONTH_KIND or meta["schema"] != MONTH_SCHEMA or list(data) != ["_meta", ROWS] \
            or list(rows) != ["count", "files", "exact"] or rows["count"] != doc["count"]:
        return None  # one of version 1: read as before
    # a JSON string's body; its escapes are \\n, \\" and \\\\ only (the text holds no control character
    # but its newlines: each row's own escapes are backslashes, escaped once more), which
    # escape_decode, one pass in C, turns back as JSON does
    return rows, codecs.escape_decode(raw[at + len(_TEXT):-3])[0]
