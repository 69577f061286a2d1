"""Team-summary exporters: one small module per file format.

Each module declares ``NAME`` (the ``--format`` value), ``EXTENSION`` (with its dot) and
``render(summary, *, user_dir=None) -> bytes``; :func:`get` loads only the one asked
for. A new format is one new module plus its name in :data:`FORMATS`. ``json`` is the
summary itself and needs no module.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from careerkit.i18n import t

FORMATS = ("csv", "json", "jsonl", "md", "html")


class Render(Protocol):
    def __call__(self, summary: dict[str, Any], *, user_dir: Path | None = None) -> bytes: ...


@dataclass(frozen=True)
class Exporter:
    name: str
    extension: str
    render: Render


def _json(summary: dict[str, Any], *, user_dir: Path | None = None) -> bytes:
    return (json.dumps(summary, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def get(name: str) -> Exporter:
    """The exporter of format ``name`` (one of :data:`FORMATS`)."""
    if name not in FORMATS:
        raise ValueError(name)
    if name == "json":
        return Exporter("json", ".json", _json)
    module = importlib.import_module(f"careerkit.render.exporters.{name}")
    return Exporter(module.NAME, module.EXTENSION, module.render)


def labels() -> dict[str, str]:
    """The headings and column names templates use, in the current language."""
    keys = ("title", "model", "generated", "people", "anonymized", "heatmap", "person", "role", "date",
            "overall", "readiness", "next_roles", "stats", "competency", "n", "mean", "median", "min", "max",
            "below", "targeted", "mean_gap", "bench", "ready", "close", "candidates", "priorities", "education",
            "social", "other_versions", "not_assessed", "suppressed", "none", "legend", "no_priorities",
            "weight", "share_below", "team", "version", "withheld", "readiness_title")
    return {key: t(f"team.label.{key}") for key in keys}


def notes(summary: dict[str, Any]) -> list[str]:
    """The summary's notes as sentences in the current language."""
    out = []
    for note in summary.get("notes", []):
        params = {k: v for k, v in note.items() if k != "code"}
        out.append(t(f"team.note.{note['code']}", **params))
    return out
