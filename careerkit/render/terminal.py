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
# and the line/paragraph separators (a terminal would break the line there). Every one of them is
# a Unicode "Other" or "Separator", which str.isprintable() refuses: text that passes it is shown
# as it is, and the pattern is compiled (about 1 ms, in every command) only for text that does not.
_UNSAFE_CHARS = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"


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
    if value.isprintable():
        return value
    unsafe = re.compile(_UNSAFE_CHARS)  # re keeps it compiled after the first time
    return unsafe.sub(_shown, value) if unsafe.search(value) else value


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

    install_line_breaking()
    return _Console(no_color=not color, stderr=stderr, highlight=False, emoji=False)


def install_line_breaking() -> None:
    """Make rich break every line that holds Chinese by the 避头尾 rules of :func:`wrap_offsets`.

    rich wraps text (printed strings, table cells, tree labels, markdown) through
    ``rich.text.divide_line``; it treats a run of Chinese as one word, so a line can start
    with ，or 。. Text with Chinese (any non-ASCII character) goes through :func:`wrap_offsets`
    instead; ASCII text keeps rich's own breaking, unchanged."""
    import rich.text

    if getattr(rich.text.divide_line, "kinsoku", False):
        return
    rich.text.divide_line = divide_line


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Where rich breaks a line of text (the offsets of the lines after the first): rich's own
    rule for ASCII text, :func:`wrap_offsets` for text with Chinese; ``fold`` cuts a word wider
    than the line. rich uses it once :func:`install_line_breaking` ran; plain views call it."""
    if text.isascii():
        from rich._wrap import divide_line as ascii_divide_line

        return ascii_divide_line(text, width, fold=fold)
    from rich.cells import cell_len, chop_cells

    starts: list[int] = []
    for start, end in wrap_offsets(text, width):
        if start:
            starts.append(start)
        if fold and cell_len(text[start:end]) > width:  # one word wider than the line: fold it
            at = start
            for piece in chop_cells(text[start:end], width)[:-1]:
                at += len(piece)
                starts.append(at)
    return starts


divide_line.kinsoku = True  # type: ignore[attr-defined]  # our mark: rich's line breaking is patched once


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


# 避头尾: marks that may not start a line (closing and pausing punctuation) or end one (opening brackets).
NO_LINE_START = frozenset("。，、；：？！）」』】〕〉》”’…‥·,.;:?!)]}%")
NO_LINE_END = frozenset("（「『【〔〈《“‘([{")


def _tokens(plain: str) -> list[tuple[int, int]]:
    """Spans that are never broken inside: one wide (CJK) character, a run of spaces, or a word.

    Found by one regular expression made of the text's own characters (a bench line of thousands of
    names holds a few dozen distinct ones: issue 13); :func:`_tokens_by_char` is the rule, one at a time."""
    from rich.cells import cell_len

    chars = set(plain)
    spaces = "".join(re.escape(c) for c in sorted(chars) if c.isspace())
    wide = "".join(re.escape(c) for c in sorted(chars) if not c.isspace() and cell_len(c) == 2)
    parts = [f"[{spaces}]+"] if spaces else []
    parts += [f"[{wide}]"] if wide else []
    parts.append(f"[^{spaces}{wide}]+" if spaces or wide else ".+")
    return [m.span() for m in re.finditer("|".join(parts), plain, re.DOTALL)]


def _tokens_by_char(plain: str) -> list[tuple[int, int]]:
    """:func:`_tokens`, a character at a time (the rule it keeps: tests hold the two equal)."""
    from rich.cells import cell_len

    spans: list[tuple[int, int]] = []
    start = None
    measured: dict[str, bool] = {}  # a long line of names holds the same few characters thousands of times
    for i, char in enumerate(plain):
        wide = measured.get(char)
        if wide is None:
            wide = measured[char] = cell_len(char) == 2
        if wide or char.isspace():
            if start is not None:
                spans.append((start, i))
                start = None
            if char.isspace() and spans and plain[spans[-1][0]].isspace() and spans[-1][1] == i:
                spans[-1] = (spans[-1][0], i + 1)
            else:
                spans.append((i, i + 1))
        elif start is None:
            start = i
    if start is not None:
        spans.append((start, len(plain)))
    return spans


def wrap_offsets(plain: str, width: int) -> list[tuple[int, int]]:
    """Where a line of text breaks at ``width`` cells: (start, end) of each line, trailing spaces
    excluded. Breaks between wide characters and at spaces; never puts a closing mark
    (。，、；：？！）」』) at the start of a line or an opening one (（「『) at its end, carrying the
    character before it down to the next line instead (so no line grows past ``width``)."""
    from rich.cells import cell_len

    toks = _tokens(plain)
    measured: dict[str, int] = {}  # a long line repeats its words and characters
    widths = []
    for s, e in toks:
        token = plain[s:e]
        cells = measured.get(token)
        if cells is None:
            cells = measured[token] = cell_len(token)
        widths.append(cells)
    lines: list[tuple[int, int]] = []
    first, used, i = 0, 0, 0
    while i < len(toks):
        space = plain[toks[i][0]].isspace()
        # （ alone stays with what follows (asked only when the rest does not decide: a long line has many
        # tokens; by index, as islice would walk every token before ``first`` again for each of its lines)
        if (used == 0 or space or used + widths[i] <= width
                or all(plain[slice(*toks[k])] in NO_LINE_END for k in range(first, i))):
            used += widths[i]
            i += 1
            continue
        brk = i
        while brk - 1 > first and (plain[toks[brk][0]] in NO_LINE_START or plain[toks[brk - 1][1] - 1] in NO_LINE_END
                                   or plain[toks[brk][0]].isspace()):
            brk -= 1
        if all(plain[s:e] in NO_LINE_END for s, e in toks[first:brk]) and plain[toks[i][0]] in NO_LINE_START:
            brk = i + 1  # （word） wider than the line: keep it whole (it folds) rather than strand the （
        lines.append((first, brk))
        first = brk
        while first < len(toks) and plain[toks[first][0]].isspace():
            first += 1
        i, used = first, 0
    if first < len(toks) or not lines:
        lines.append((first, len(toks)))
    out = []
    for a, b in lines:
        while b > a and plain[toks[b - 1][0]].isspace():
            b -= 1
        out.append((toks[a][0], toks[b - 1][1]) if b > a else (0, 0))
    return out


class Wrapped:
    """Text that wraps the way Chinese is set: at the width rich gives it (a table cell, a
    padded block, the terminal), breaking between characters and at spaces, by the 避头尾
    rules of :func:`wrap_offsets`. A drop-in for ``Text(..., overflow="fold")``.

    ``text``: console markup (escape what comes from files) or a rich ``Text``.
    """

    def __init__(self, text: object, style: str = "") -> None:
        from rich.text import Text

        self.text = text if isinstance(text, Text) else Text.from_markup(str(text))
        if style:
            self.text.stylize(style)

    def __rich_measure__(self, console, options):
        from rich.cells import cell_len
        from rich.measure import Measurement

        plain = self.text.plain
        lines = plain.split("\n")
        longest = max((cell_len(line) for line in lines), default=0)
        unit = max((cell_len(plain[s:e]) for s, e in _tokens(plain) if not plain[s].isspace()), default=0)
        return Measurement(min(longest, unit + 2), longest).clamp(max_width=options.max_width)

    def __rich_console__(self, console, options):
        install_line_breaking()  # rich's wrapping, by the 避头尾 rules
        result = self.text.copy()
        result.no_wrap = False
        result.overflow = "fold"  # a single word wider than the cell still shows in full
        yield result
