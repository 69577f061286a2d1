"""The contract of machine output: every ``--json`` names its schema and version.

One rule, so scripts need no guessing (docs/json.md lists every schema and its keys):
an object gains a top-level ``schema`` member beside its own fields
(``{"schema": "careerkit/assessment/v1", "id": ..., "scores": ...}``), and a list
becomes ``{"schema": "careerkit/history/v1", "items": [...]}``. A schema's version
changes only when a key is removed or changes meaning; new keys may appear.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

PREFIX = "careerkit/"
VERSION = "v1"


def schema_id(name: str) -> str:
    """``careerkit/NAME/v1`` for a short name; a full id is kept as it is."""
    return name if name.startswith(PREFIX) else f"{PREFIX}{name}/{VERSION}"


def envelope(name: str, data: Mapping[str, Any] | Sequence[Any]) -> dict[str, Any]:
    """``data`` with its schema named (see the module's rule)."""
    schema = schema_id(name)
    if isinstance(data, Mapping):
        return {"schema": schema, **{k: v for k, v in data.items() if k != "schema"}}
    return {"schema": schema, "items": list(data)}
