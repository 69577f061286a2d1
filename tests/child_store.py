"""A child process for fault-injection tests: one store save of a given kind.

    python tests/child_store.py HOME insert|update|delete|seed

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


def main() -> int:
    home, op = Path(sys.argv[1]), sys.argv[2]
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
