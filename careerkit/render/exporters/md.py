"""Markdown through ``templates/team-summary.md.j2``.

The context is the HTML one (see :mod:`careerkit.render.exporters.html`) with every
text value escaped for Markdown table cells: ``\\ ` * _ [ ] < > |`` get a backslash and
line breaks become spaces, so a name can neither break the table nor inject markup.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

NAME = "md"
EXTENSION = ".md"
TEMPLATE = "team-summary.md.j2"

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", text.replace("\x00", "\ufffd")))


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value


def render(summary: dict[str, Any], *, user_dir: Path | None = None) -> bytes:
    from careerkit.render.exporters.html import context
    from careerkit.render.templates import render as render_template

    data = _escaped(context(summary))
    return render_template(TEMPLATE, data, user_dir=user_dir, html=False).encode("utf-8")
