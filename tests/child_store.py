"""A child process for fault-injection tests: one store save of a given kind.

    python tests/child_store.py HOME insert|update|delete|seed
    python tests/child_store.py HOME loop TAG COUNT      # insert, then ACK TAG-i on stderr
    python tests/child_store.py HOME incr COUNT          # read-modify-write of one counter
    python tests/child_store.py HOME plain-loop TAG N    # the same loop on plain TinyDB JSONStorage

``seed`` builds a store of 20 records (and its backups); ``insert`` adds a large record
(the file grows), ``update`` replaces the large record 3 with a tiny one (it shrinks),
``delete`` removes record 5. The fault switches (CAREERKIT_CRASH_AT, CAREERKIT_IO_FAULT)
come from the environment, exactly as for the real command.
"""

from __future__ import annotations

import sys
from pathlib import Path

from careerkit.errors import CareerkitError
from careerkit.store.database import StoreKind, session

KIND = StoreKind("test", 1)


def store(home: Path) -> Path:
    return home / "data" / "t.json"


def loop(home: Path, tag: str, count: int) -> None:
    for i in range(count):
        with session(home, write=True) as work:
            work.db(store(home), KIND).table("records").insert({"tag": f"{tag}-{i}", "text": "y" * (i % 7 * 300)})
        sys.stderr.write(f"ACK {tag}-{i}\n")
        sys.stderr.flush()


def incr(home: Path, count: int) -> None:
    for _ in range(count):
        with session(home, write=True) as work:
            table = work.db(store(home), KIND).table("counter")
            doc = table.get(doc_id=1)
            if doc is None:
                table.insert({"n": 1})
            else:
                table.update({"n": doc["n"] + 1}, doc_ids=[1])


def plain_loop(home: Path, tag: str, count: int) -> None:
    """What careerkit must be better than: TinyDB's JSONStorage rewrites the file in place."""
    from tinydb import TinyDB

    home.mkdir(parents=True, exist_ok=True)
    db = TinyDB(home / "plain.json")
    for i in range(count):
        table = db.table("records")
        if i % 2:
            table.truncate()  # shrink: in-place rewrite, then truncate
        table.insert({"tag": f"{tag}-{i}", "text": "z" * 200_000})
        sys.stderr.write(f"ACK {tag}-{i}\n")
        sys.stderr.flush()


def main() -> int:
    home, op = Path(sys.argv[1]), sys.argv[2]
    if op == "loop":
        loop(home, sys.argv[3], int(sys.argv[4]))
        return 0
    if op == "incr":
        incr(home, int(sys.argv[3]))
        return 0
    if op == "plain-loop":
        plain_loop(home, sys.argv[3], int(sys.argv[4]))
        return 0
    try:
        with session(home, write=True) as work:
            table = work.db(store(home), KIND).table("records")
            if op == "seed":
                for i in range(20):
                    table.insert({"n": i, "text": "x" * 2000})
            elif op == "insert":
                table.insert({"n": 99, "text": "新" * 5000})
            elif op == "update":
                table.update({"text": "tiny"}, doc_ids=[3])
            elif op == "delete":
                table.remove(doc_ids=[5])
    except CareerkitError as exc:
        sys.stderr.write(str(exc) + "\n")
        return int(exc.exit_code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
