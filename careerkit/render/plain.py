"""Plain-text output that is byte for byte what rich prints when rich would add no style.

Writing to a file or a pipe, rich styles nothing, yet importing it and laying a table out
through its full engine costs more than the rest of `careerkit history` (issue 13). When
the output is not a terminal (by rich's own rules) and everything fits the width rich would
use, these functions give the same text; otherwise they return None and the caller uses rich.
"""

from __future__ import annotations

import os
import sys


def plain_width() -> int | None:
    """The width rich would lay out for on stdout when it styles nothing; None when it would style.

    The same rules as ``rich.console.Console``: ``TTY_COMPATIBLE``, then ``FORCE_COLOR``, then
    ``isatty``; the width from ``COLUMNS``, else the first terminal among stdin, stdout and
    stderr, else 80.
    """
    env = os.environ
    tty = env.get("TTY_COMPATIBLE", "")
    if tty == "1":
        return None
    if tty != "0":
        force = env.get("FORCE_COLOR")
        if force is not None:
            if force != "":
                return None
        else:
            try:
                if sys.stdout.isatty():
                    return None
            except (AttributeError, ValueError):
                return None
    columns = env.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    width = 0
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd)[0]
        except (AttributeError, ValueError, OSError):
            continue
        break
    return width or 80


def _safe(text: str) -> bool:
    """Text rich prints as it is: no markup, no control characters, one line."""
    return "[" not in text and "\\" not in text and text.isprintable()


def line(text: str, width: int) -> str | None:
    """A line as ``console.print(text)`` prints it, if it fits and holds no markup."""
    from rich.cells import cell_len

    return text if _safe(text) and cell_len(text) <= width else None


def table(headers: list[str], rows: list[list[str]], right: set[int], width: int) -> list[str] | None:
    """The lines of ``rich.table.Table(show_edge=False, pad_edge=False)`` (heavy head) of these
    cells, each column as wide as its widest cell, if that fits ``width``; cells are plain text."""
    from rich.cells import cell_len

    if not rows or not all(_safe(cell) for row in [headers, *rows] for cell in row):
        return None
    widths = [max(cell_len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    if sum(widths) + 3 * (len(widths) - 1) > width:
        return None
    last = len(widths) - 1

    def fmt(cells: list[str], bar: str) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - cell_len(cell))
            text = pad + cell if i in right else cell + pad
            out.append(text if i == last else text + " ")
            if i != last:
                out.append(bar + " ")
        return "".join(out)

    rule = "╇".join("━" * (w + (i > 0) + (i < last)) for i, w in enumerate(widths))
    return [fmt(headers, "┃"), rule, *(fmt(row, "│") for row in rows)]
