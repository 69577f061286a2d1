"""`careerkit models show` on a console that styles nothing: rich's lines, without rich's layout engine.

Writing to a file or a pipe, rich adds no style, yet laying a model's hundreds of texts out
through its full engine (a tree of wrapped texts, a table per anchor) was most of the time of
the command (issue 13). :func:`screen` gives the very lines :func:`careerkit.render.model_view.print_model`
prints there, by the same rules: each text wrapped as ``rich.text.Text.wrap`` wraps it (the
break points of :func:`careerkit.render.terminal.divide_line`, which rich uses too), the tree
guides of ``rich.tree.Tree``, the column widths of ``rich.table.Table``. Where a case would need
more of rich than this (markup-like or control characters in a text, a table that cannot be
narrowed the simple way, a terminal too narrow), it returns None and rich prints the screen.
tests/test_models_show_golden.py compares both ways, plain and in colour, in both languages.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from careerkit.i18n import labelled, listing, t

if TYPE_CHECKING:
    from careerkit.model.loader import LoadedModel
    from careerkit.model.schema import CompetencyModel

_TRAILING_SPACE = re.compile(r"\s+$")
_GUIDES = {"space": "    ", "continue": "│   ", "fork": "├── ", "end": "└── "}


class NeedsRich(Exception):
    """This screen needs rich's own layout."""


def safe(text: str) -> str:
    """Text rich prints as it is (no markup to read, nothing :func:`printable` would change)."""
    if "[" in text or "\\" in text or not all(part.isprintable() for part in text.split("\n")):
        raise NeedsRich
    return text


def wrap(text: str, width: int) -> list[str]:
    """The lines of ``Text(text).wrap(width)`` (overflow fold, no justification): rich's own steps."""
    from rich.cells import cell_len, set_cell_size

    from careerkit.render.terminal import divide_line

    if width < 1:
        if not text:
            return [""]  # an empty cell of no width: rich renders it as nothing
        raise NeedsRich
    lines = []
    for part in text.split("\n"):
        offsets = divide_line(part, width, fold=True)
        for start, end in zip([0, *offsets], [*offsets, len(part)], strict=True):
            piece = part[start:end]
            if len(piece) > width and (space := _TRAILING_SPACE.search(piece)):  # Text.rstrip_end
                piece = piece[:len(piece) - min(len(space.group(0)), len(piece) - width)]
            if cell_len(piece) > width:  # Text.truncate
                piece = set_cell_size(piece, width)
            lines.append(piece)
    return lines


def _padded(lines: list[str], width: int, justify: str = "left") -> list[str]:
    from rich.cells import cell_len, set_cell_size

    if justify in ("center", "right"):  # rich.containers.Lines.justify
        out = []
        for line in lines:
            line = line.rstrip()
            if cell_len(line) > width:
                line = set_cell_size(line, width)
            left = width - cell_len(line) if justify == "right" else (width - cell_len(line)) // 2
            out.append(" " * left + line + " " * (width - left - cell_len(line)))
        return out
    return [set_cell_size(line, width) for line in lines]


def _measure(text: str) -> tuple[int, int]:
    """``rich.text.Text``'s measurement: the widest word and the widest line."""
    from rich.cells import cell_len

    lines = text.split("\n")
    words = [word for line in lines for word in line.split()]
    return max((cell_len(w) for w in words), default=0), max((cell_len(line) for line in lines), default=0)


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """``rich._ratio.ratio_reduce``, step for step."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining, result = total, []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            distributed = min(most, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """``rich.table.Table._collapse_widths``, step for step."""
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, ok in zip(widths, wrapable, strict=True) if ok)
            second = max(w if ok and w != widest else 0 for w, ok in zip(widths, wrapable, strict=True))
            ratios = [1 if (w == widest and ok) else 0 for w, ok in zip(widths, wrapable, strict=True)]
            if not any(ratios) or not widest - second:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


def table_lines(rows: list[list[str]], pads: list[tuple[int, int]], wrapable: list[bool], justify: list[str],
           max_width: int, dividers: tuple[str, str] | None = None) -> tuple[list[int], list[list[str]]]:
    """A rich table's column widths (padding included) and each row's lines; ``dividers``
    (header, body) between columns, or none (``box=None``). The first row is the header when
    there are dividers."""
    extra = len(pads) - 1 if dividers else 0
    room = max_width - extra
    minimum_maximum = [[_measure(row[i]) for row in rows] for i in range(len(pads))]
    widths = []
    for i, (left, right) in enumerate(pads):
        most = max(m[1] for m in minimum_maximum[i]) + left + right
        widths.append(min(most, room) or 1)
    if sum(widths) > room:
        widths = _collapse(widths, wrapable, room)
        if sum(widths) > room or any(w - left - right < 1 for w, (left, right) in zip(widths, pads, strict=True)):
            raise NeedsRich  # rich's last resort (every column narrowed evenly) is not done here
        natural = [max(m[1] for m in minimum_maximum[i]) + left + right for i, (left, right) in enumerate(pads)]
        widths = [min(w, n) for w, n in zip(widths, natural, strict=True)]
    out = []
    for r, row in enumerate(rows):
        cells = []
        for i, ((left, right), text) in enumerate(zip(pads, row, strict=True)):
            inner = widths[i] - left - right
            if wrapable[i]:
                lines = _padded(wrap(text, inner), inner, justify[i])
            elif max(_measure(text)[1], 0) > inner:
                raise NeedsRich  # a no-wrap cell rich would cut with an ellipsis
            else:
                lines = _padded(text.split("\n"), inner, justify[i])
            cells.append([" " * left + line + " " * right for line in lines])
        height = max(len(c) for c in cells)
        if r == 0 and dividers:  # a header's cells stand on its last line
            cells = [[" " * widths[i]] * (height - len(c)) + c for i, c in enumerate(cells)]
        lines = []
        for n in range(height):
            parts = [c[n] if n < len(c) else " " * widths[i] for i, c in enumerate(cells)]
            bar = (dividers[0] if r == 0 else dividers[1]) if dividers else ""
            lines.append(bar.join(parts))
        out.append(lines)
    return widths, out


class _Node:
    def __init__(self, render: Callable[[int], list[str]]) -> None:
        self.render = render
        self.children: list[_Node] = []

    def add(self, render: Callable[[int], list[str]]) -> _Node:
        child = _Node(render)
        self.children.append(child)
        return child


def _tree(root: _Node, width: int) -> list[str]:
    """The lines of a ``rich.tree.Tree`` (unicode guides, no style): each label at the width its guides leave."""
    out: list[str] = []
    stack: list[tuple[_Node, list[str], bool, bool]] = [(root, [], True, True)]
    while stack:
        node, guides, is_root, last = stack.pop()
        for n, line in enumerate(node.render(width - 4 * len(guides) - (0 if is_root else 4))):
            if is_root:
                out.append(line)
            else:
                mark = (_GUIDES["end"] if last else _GUIDES["fork"]) if n == 0 else \
                    (_GUIDES["space"] if last else _GUIDES["continue"])
                out.append("".join(guides) + mark + line)
        below = guides if is_root else [*guides, _GUIDES["space"] if last else _GUIDES["continue"]]
        count = len(node.children)
        stack.extend((child, below, False, i == count - 1) for i, child in reversed(list(enumerate(node.children))))
    return out


def _wrapped(text: str) -> Callable[[int], list[str]]:
    """A tree label's lines at a width."""
    return lambda width: wrap(text, width)


def _hanging(label: str, text: str) -> Callable[[int], list[str]]:
    """:class:`careerkit.render.model_view.Hanging`'s lines at a width."""
    from rich.cells import cell_len

    def render(width: int) -> list[str]:
        label_width = cell_len(label)
        room = width - label_width - 1
        if room < 1:
            raise NeedsRich
        inner = min(min(_measure(text)[1], width) or 1, room)
        lines = _padded(wrap(text, inner), inner)
        return [(label + " " if n == 0 else " " * (label_width + 1)) + line for n, line in enumerate(lines)]

    return render


def screen(loaded: LoadedModel, lang: str, width: int) -> list[str] | None:
    """The lines :func:`careerkit.render.model_view.print_model` prints at ``width`` when nothing is
    styled; None when rich must lay this one out."""
    if not (getattr(sys.stdout, "encoding", "") or "").lower().startswith("utf"):
        return None  # rich would draw with ASCII guides and boxes
    try:
        return _screen(loaded, lang, width)
    except NeedsRich:
        return None


def _screen(loaded: LoadedModel, lang: str, width: int) -> list[str]:
    from rich.cells import cell_len

    model = loaded.model

    def tx(value: str | dict[str, str] | None) -> str:
        return safe(model.text(value, lang))

    out = wrap(f"{tx(model.title)}  {safe(model.id)} {tx(model.version)}", width)
    if model.description:
        out += wrap(tx(model.description), width)
    out += wrap(safe(labelled(t("models.digest"), loaded.digest)), width)
    if loaded.path:
        out += wrap(safe(labelled(t("models.file"), loaded.path)), width)

    rows = [[str(level.level), tx(level.label), tx(level.description)] for level in model.scale]
    widths, lines = table_lines(rows, [(1, 1)] * 3, [False, False, True], ["right", "left", "left"], width)
    out += _padded(wrap(safe(t("models.scale")), sum(widths)), sum(widths))
    out += [line for row in lines for line in row]

    root = _Node(_wrapped(safe(t("models.competencies"))))
    groups = {g.id: g for g in model.groups}
    branches: dict[str, _Node] = {}
    for comp in model.competencies:
        parent = root
        if comp.group:
            if comp.group not in branches:
                branches[comp.group] = root.add(_wrapped(tx(groups[comp.group].name)))
            parent = branches[comp.group]
        weight = f" ×{comp.weight:g}" if comp.weight != 1 else ""
        node = parent.add(_wrapped(f"{tx(comp.name)} {safe(comp.id)}{weight}"))
        for ind in comp.indicators:
            leaf = node.add(_wrapped(f"{tx(ind.text)} {safe(comp.id)}.{safe(ind.id)}"))
            for anchor_level, text in sorted(ind.anchors.items()):
                leaf.add(_hanging(str(anchor_level), tx(text)))
    out += _tree(root, width)
    if model.roles:
        out += _roles(model, lang, width, tx, cell_len)
    if model.migrations:
        from careerkit.render.model_view import migrations_json

        out += wrap(safe(t("models.migrations")), width)
        for entry in migrations_json(model):
            out += wrap(safe(t("models.migration_line", source=entry["from"], version=model.version,
                                renamed=entry["renamed"], dropped=entry["dropped"])), width)
    return out


def _roles(model: CompetencyModel, lang: str, width: int, tx: Callable[[str | dict[str, str] | None], str],
           cell_len: Callable[[str], int]) -> list[str]:
    """:func:`careerkit.render.model_view.print_roles`'s lines: the ladder, then the targets."""
    out = wrap(safe(t("models.roles")), width)
    titles = {role.id: tx(role.title) for role in model.roles}
    numbered = sum(cell_len(model.text(r.title, lang)) + 3 for r in model.roles) + 24 > width
    for n, role in enumerate(model.roles, 1):
        nexts = listing(titles.get(n, safe(n)) for n in role.next) or "—"
        out += wrap(f"  {f'{n} ' if numbered else ''}{titles[role.id]} {safe(role.id)} → {nexts}", width)
    header = [safe(t("models.col.competency")), *(str(n) if numbered else titles[role.id]
                                                  for n, role in enumerate(model.roles, 1))]
    rows = [header]
    for comp in model.competencies:
        rows.append([f"{tx(comp.name)} {safe(comp.id)}",
                     *(str(role.targets[comp.id]) if comp.id in role.targets else "·" for role in model.roles)])
    count = len(header)
    pads = [(0 if i == 0 else 1, 0 if i == count - 1 else 1) for i in range(count)]
    widths, lines = table_lines(rows, pads, [True] * count, ["left", *["center"] * (count - 1)], width, ("┃", "│"))
    rule = "╇".join("━" * w for w in widths)
    return [*out, *lines[0], rule, *(line for row in lines[1:] for line in row)]
