"""Rich building blocks shared by the terminal views: the console, bars, sparklines, colours.

Text that comes from a file (names, notes, model texts, bundle fields, dates and ids read
from a store) reaches the terminal only through :func:`escape` (in rich markup) or
:func:`printable` (plain text: rich ``Text``, click messages). Both show every control
character instead of sending it: C0 controls as their Unicode pictures (ESC as ``␛``, so
``ESC ] 0 ; title BEL``, OSC 8 links and OSC 52 clipboard writes arrive as harmless
visible text), DEL as ``␡``, C1 controls and direction overrides as ``<U+202E>``. Tab
and newline stay. :func:`escape` then escapes rich markup, so ``[/]`` is text too. The
console :func:`make_console` builds applies :func:`printable` once more to everything it
writes, as a last line of defence for text that reached it some other way.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

SPARK = "▁▂▃▄▅▆▇█"

# C0 (but tab and newline), DEL, C1, the bidi embeddings, overrides, isolates and marks,
# and the line/paragraph separators (a terminal would break the line there)
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟: ESC is ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def printable(text: object) -> str:
    """``text`` with every control, escape-sequence and direction character shown instead of sent."""
    value = text if isinstance(text, str) else str(text)
    return _UNSAFE.sub(_shown, value) if _UNSAFE.search(value) else value


def escape(text: object) -> str:
    """Text from a file, ready for rich markup: :func:`printable`, with ``[markup]`` escaped.

    The one function every view uses for text it did not write itself.
    """
    from rich.markup import escape as markup_escape

    return markup_escape(printable(text))


def make_console(*, color: bool = True, stderr: bool = False) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # `careerkit show X | head`: not an error
            self.quiet = True
            raise BrokenPipeError  # the root command silences stdout and exits 0

        def _render_buffer(self, buffer: Any) -> str:  # the last line of defence: see the module's doc
            from rich.segment import Segment

            return super()._render_buffer(
                segment if segment.control else Segment(printable(segment.text), segment.style)
                for segment in buffer)

    return _Console(no_color=not color, stderr=stderr, highlight=False, emoji=False)


def bar(value: float | None, maximum: float, *, width: int = 20, minimum: float = 0.0,
        target: float | None = None) -> str:
    """A text bar of ``value`` on [minimum, maximum]; ``target`` is marked with '│'."""
    span = (maximum - minimum) or 1.0
    cells = [" "] * width
    if value is not None:
        filled = round((min(max(value, minimum), maximum) - minimum) / span * width)
        for i in range(filled):
            cells[i] = "█"
        for i in range(filled, width):
            cells[i] = "·"
    else:
        cells = ["·"] * width
    if target is not None:
        pos = min(width - 1, max(0, round((target - minimum) / span * width) - 1))
        cells[pos] = "│" if cells[pos] != "█" else "┃"
    return "".join(cells)


def sparkline(values: list[float | None], minimum: float, maximum: float) -> str:
    span = (maximum - minimum) or 1.0
    out = []
    for value in values:
        if value is None:
            out.append(" ")
        else:
            index = round((min(max(value, minimum), maximum) - minimum) / span * (len(SPARK) - 1))
            out.append(SPARK[index])
    return "".join(out)


def fmt_score(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def fmt_pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def level_style(value: float | None, minimum: float, maximum: float) -> str:
    """A colour for a score on the scale: red low, yellow middle, green high."""
    if value is None:
        return "dim"
    ratio = (value - minimum) / ((maximum - minimum) or 1.0)
    if ratio < 0.34:
        return "red"
    if ratio < 0.67:
        return "yellow"
    return "green"
