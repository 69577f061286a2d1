"""Rich building blocks shared by the terminal views: the console, bars, sparklines, colours."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

SPARK = "▁▂▃▄▅▆▇█"


def make_console(*, color: bool = True, stderr: bool = False) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # `careerkit show X | head`: not an error
            self.quiet = True
            raise BrokenPipeError  # the root command silences stdout and exits 0

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
