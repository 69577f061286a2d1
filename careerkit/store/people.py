"""One store file per person: their assessments, drafts, reviews and plans.

``<home>/data/people/<key>.json`` where ``key`` is derived from the name (names can be
anything, Chinese included, and never become path components). Sharding by person
keeps every save small: recording an assessment costs the same with one record or
ten thousand in the store.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.store.database import StoreKind

if TYPE_CHECKING:
    from careerkit.store.database import Session



def _index(work: Session, paths: list[Path]) -> None:
    from careerkit.store import history_index

    history_index.person_files_committed(work, paths)


PERSON = StoreKind("person", 1, on_commit=_index)  # the history index is saved in the same commit


def normalize(name: str) -> str:
    return unicodedata.normalize("NFC", name.strip())


def people_dir(data_dir: Path) -> Path:
    return data_dir / "people"


def person_file(data_dir: Path, person: str) -> Path:
    key = hashlib.sha256(normalize(person).encode("utf-8")).hexdigest()[:20]
    return people_dir(data_dir) / f"{key}.json"


def person_files(data_dir: Path) -> Iterator[Path]:
    folder = people_dir(data_dir)
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except FileNotFoundError:
        return
    # a store file that vanished while its backups remain is still listed: reading it
    # then refuses loudly instead of silently showing less history
    bases = sorted({name.partition(".json")[0] + ".json" for name in names
                    if not name.startswith(".") and (name.endswith(".json") or ".json.bak" in name)})
    for name in bases:
        yield folder / name


def table_records(session: Session, table: str, person: str | None,
                  key: Callable[[dict[str, Any]], Any]) -> list[dict[str, Any]]:
    """Every record of ``table`` in one person's file (or everyone's), sorted by ``key``."""
    data_dir = session.home / "data"
    paths = [person_file(data_dir, person)] if person else list(person_files(data_dir))
    out: list[dict[str, Any]] = []
    for path in paths:
        if session.exists(path):
            out.extend(dict(doc) for doc in session.db(path, PERSON).table(table).all())
    out.sort(key=key)
    return out
