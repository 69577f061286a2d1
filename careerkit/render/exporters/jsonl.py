"""JSON Lines: one row per person × competency, strict JSON, for SQL engines and notebooks.

Columns (every row has all of them; docs/team-export.md gives types and meaning):
:data:`careerkit.core.team.JSONL_COLUMNS`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NAME = "jsonl"
EXTENSION = ".jsonl"


def render(summary: dict[str, Any], *, user_dir: Path | None = None) -> bytes:
    from careerkit.core.team import rows

    lines = [json.dumps(row, ensure_ascii=False, allow_nan=False, separators=(",", ":")) for row in rows(summary)]
    return "".join(line + "\n" for line in lines).encode("utf-8")
