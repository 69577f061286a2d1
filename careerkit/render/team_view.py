"""Terminal views of a team: the people list and the summary with its heatmap.

The heatmap colours each cell by its score on the scale (red low, yellow middle, green
high); a score under the person's target also carries ``▼``, so the table reads the same
without colours (``--no-color`` / ``NO_COLOR``).
"""

from __future__ import annotations

import io
import re
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from careerkit.i18n import labelled, listing, paren, punctuation, t
from careerkit.render.terminal import fmt_pct, fmt_score, printable

if TYPE_CHECKING:
    from rich.console import Console

BELOW = "▼"


def _esc(text: object) -> str:
    from careerkit.render.terminal import escape

    return escape(str(text))


def heat_style(value: float | None, low: float, high: float) -> str:
    """A background colour for a score on [low, high]: five steps from red to green."""
    if value is None:
        return "dim"
    ratio = (value - low) / ((high - low) or 1.0)
    steps = ("white on red3", "black on dark_orange", "black on yellow3", "black on green3", "black on green4")
    return steps[min(4, max(0, int(ratio * 5)))]


def print_people(console: Console, team: str, rows: list[dict[str, Any]]) -> None:
    """The people of a team, in as few columns as tell them apart.

    The model goes in the title when everyone's latest assessment is on one model (and its
    version when that is one too); a count of reviews, plans or habits only when someone has any.
    """
    from rich.table import Table

    if not rows:
        console.print(t("team.list.empty", team=_esc(team)))
        return
    models = [(r["latest"] or {}).get("model") or {} for r in rows]
    ids = {m.get("id", "—") for m in models}
    versions = {m.get("version", "") for m in models}
    title = t("team.list.title", team=_esc(team), count=len(rows))
    if len(ids) == 1:
        title += " · " + _esc(" ".join([*ids, *(versions if len(versions) == 1 else ())]))
    column = None if len(ids) == 1 and len(versions) == 1 else "version" if len(ids) == 1 else "model"
    counts = [k for k in COUNTS if k == "assessments" or any(r["counts"][k] for r in rows)]
    console.print(title)  # not the table's title: that would wrap to the table's width
    table = Table(show_edge=False, pad_edge=False)
    for key in ("person", "date", *((column,) if column else ()), "role", *counts, "imported"):
        table.add_column(t(f"team.col.{key}"), justify="right" if key in COUNTS else "left",
                         no_wrap=key in ("date", "imported", "version"))
    for row, model in zip(rows, models, strict=True):
        latest = row["latest"] or {}
        cells = [_esc(row["name"]), _esc(latest.get("taken_at", "—")[:10])]
        if column:
            cells.append(_esc(model.get("version", "") if column == "version"
                              else f"{model.get('id', '—')} {model.get('version', '')}"))
        cells.append(_esc(latest.get("role_title") or latest.get("role") or "—"))
        table.add_row(*cells, *(str(row["counts"][k]) for k in counts), row["imported_at"][:10])
    console.print(table)


COUNTS = ("assessments", "reviews", "plans", "habits")


def print_summary(console: Console, summary: dict[str, Any]) -> None:
    """The whole summary: header, notes, heatmap with the team's figures, readiness, bench, priorities."""
    from careerkit.render.exporters import notes

    model = summary["model"]
    count = summary["people_count"]
    console.print(f"[bold]{_esc(t('team.label.title'))} · {_esc(summary['team'])}[/]")
    console.print(f"{_esc(model['title'])} [dim]{_esc(model['id'])} {_esc(model['version'])} "
                  f"{model['digest'][:12]}[/] · "
                  + (t("team.view.person_one") if count == 1 else t("team.view.people", count=count))
                  + (f" · [bold]{t('team.label.anonymized')}[/]" if summary["anonymized"] else ""))
    for note in notes(summary):
        _hanging(console, "", printable(note), style="yellow")
    console.print(f"[bold]{t('team.label.heatmap')}[/]")
    grid, key = _heatmap(summary, console.width, styled=bool(console.color_system))
    _show(console, grid)
    legend = [f"{BELOW} {t('team.label.below')}", *([t("team.label.suppressed")] if summary["anonymized"] else [])]
    console.print(" · ".join(legend), style="dim")
    if key:
        _hanging(console, "", "", style="dim", tokens=[f"{item} · " for item in key[:-1]] + key[-1:])
    _readiness(console, summary)
    _bench(console, summary)
    _priorities(console, summary)
    _others(console, summary)


Cell = tuple[str, str | None]  # text, rich style


class _Grid:
    """A grid's pieces of text and their styles: a rich Text only when colours are shown.

    Not ``styled`` (no colours: a file, a pipe), it keeps only the text, a row at a time:
    thousands of rows need no piece for each cell."""

    def __init__(self, styled: bool = True) -> None:
        self.styled = styled
        self.pieces: list[tuple[str, str | None]] = []
        self.chunks: list[str] = []  # not styled: the text of the pieces, in order

    def append(self, text: str, style: str | None = None) -> None:
        text = text if text == "\n" or text.isprintable() else _strip_controls(text)
        if self.styled:
            self.pieces.append((text, style))
        else:
            self.chunks.append(text)

    def extend(self, other: _Grid) -> None:
        self.pieces.extend(other.pieces)
        self.chunks.extend(other.chunks)

    @property
    def plain(self) -> str:
        if not self.styled:
            return "".join(self.chunks).rstrip()
        return "".join(text for text, _ in self.pieces).rstrip()

    def text(self) -> Any:
        from rich.text import Text

        out = Text()
        for text, style in self.pieces:
            out.append(text, style=style)
        out.rstrip()
        return out


def _strip_controls(text: str) -> str:
    from rich.control import strip_control_codes

    return strip_control_codes(text)


def _show(console: Console, grid: Any) -> None:
    """Print a grid; without colours (a file, a pipe) as the plain text rich would print for it,
    written directly: rich's layout of 5000 lines costs more than the whole summary (issue 13)."""
    if console.color_system:
        console.print(grid.text(), soft_wrap=True)
        return
    console.file.write(grid.plain + "\n")


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_WIDTHS: dict[str, int] = {}  # a heatmap of 5000 people measures the same few score texts 70,000 times
_FITTED: dict[tuple[str, int, bool], str] = {}


def _cells(text: str) -> int:
    """Terminal cells of ``text`` (rich's count; an ASCII string is as wide as it is long)."""
    found = _WIDTHS.get(text)
    if found is None:
        if text.isascii() and text.isprintable():
            found = len(text)
        elif "\u200d" in text or "\ufe0f" in text:  # joined emoji: rich measures the sequence
            from rich.cells import cell_len

            found = cell_len(text)
        elif text.isprintable():  # rich's sum of its characters' cells: each ASCII one is one cell, the
            wide = _NOT_ASCII.findall(text)  # others measured once (thousands of names, few characters)
            found = len(text) - len(wide) + sum(map(_char_cells, wide))
        else:
            found = sum(map(_char_cells, text))
        if len(_WIDTHS) > 100_000:
            _WIDTHS.clear()
        _WIDTHS[text] = found
    return found


def _char_cells(char: str) -> int:
    found = _WIDTHS.get(char)
    if found is None:
        from rich.cells import cell_len

        found = _WIDTHS[char] = cell_len(char)
    return found


def _fit(text: str, width: int, right: bool) -> str:
    key = (text, width, right)
    found = _FITTED.get(key)
    if found is None:
        cells = _cells(text)
        fitted = text
        if cells > width:
            from rich.cells import set_cell_size

            fitted = set_cell_size(text, width - 1) + "…"
            cells = _cells(fitted)
        pad = " " * (width - cells)
        found = pad + fitted if right else fitted + pad
        if len(_FITTED) > 100_000:
            _FITTED.clear()
        _FITTED[key] = found
    return found


def _wrap(text: str, width: int) -> list[str]:
    """Wrap a heading into lines of at most ``width`` cells.

    Text with spaces breaks at spaces (a word longer than the line is left whole, to be
    cut with "…" rather than split mid-word); text without spaces breaks between wide
    (CJK) characters into lines of even length, so 职业形象与礼仪 becomes 职业形象 / 与礼仪.
    """
    from rich.cells import cell_len

    if " " not in text:
        if cell_len(text) <= width or cell_len(text) == len(text):
            return [text]
        lines_needed = -(-cell_len(text) // width)
        per = -(-len(text) // lines_needed)
        return [text[i:i + per] for i in range(0, len(text), per)]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        joined = f"{current} {word}" if current else word
        if current and cell_len(joined) > width:
            lines.append(current)
            current = word
        else:
            current = joined
    return [*lines, current]


def _layout(headers: list[str], data: list[int], max_header: int | None) -> tuple[list[list[str]], list[int]]:
    """Each heading's lines and each column's width, given the widest cell of each column."""
    from rich.cells import cell_len

    widths = list(data)
    wrapped = []
    for i, header in enumerate(headers):
        if max_header is None or not i:
            wrapped.append([header])
            widths[i] = max(widths[i], cell_len(header))
        else:
            wrapped.append(_wrap(header, max(widths[i], max_header)))
            widths[i] = max(widths[i], *(min(cell_len(line), LONGEST_WORD) for line in wrapped[-1]))
    if widths:
        widths[0] = min(widths[0], 24)
    return wrapped, widths


def _data_widths(rows: list[list[Cell]], columns: int) -> list[int]:
    """The widest cell of each column."""
    if rows and all(len(row) == columns for row in rows):  # by column: each one's texts taken in one go
        text = itemgetter(0)
        return [max(map(_cells, set(map(text, column))), default=1) or 1 for column in zip(*rows, strict=True)]
    return [max(map(_cells, {row[i][0] for row in rows}), default=1) or 1 for i in range(columns)]


def _grid(headers: list[str], rows: list[list[Cell]], *, right: set[int], rule_before: int | None = None,
          max_header: int | None = 12, narrow: list[str] | None = None, width: int | None = None,
          data: list[int] | None = None, styled: bool = True) -> tuple[Any, bool]:
    """A table laid out by hand: rich's Table measures every cell and is too slow for 200 people.

    A heading wraps to ``max_header`` cells (None: never), but a column is never narrower
    than the heading's longest word, up to :data:`LONGEST_WORD` cells. When the table would
    be wider than ``width`` cells, the ``narrow`` headings are used instead. Returns the
    table and whether the narrow headings were used. ``data``: the widest cell of each
    column, when the caller measured them already; ``styled``: see :class:`_Grid`.
    """
    if data is None:
        data = _data_widths(rows, len(headers))
    wrapped, widths = _layout(headers, data, max_header)
    used_narrow = narrow is not None and width is not None and sum(widths) + len(widths) > width
    if used_narrow:
        wrapped, widths = _layout(narrow, data, max_header)  # type: ignore[arg-type]  # not None when used_narrow
    return _build(wrapped, widths, rows, right, rule_before, styled), used_narrow


def _build(wrapped: list[list[str]], widths: list[int], rows: list[list[Cell]], right: set[int],
           rule_before: int | None, styled: bool = True) -> _Grid:
    """The grid's pieces: headings (bold), a rule (dim) before row ``rule_before``, the rows."""
    height = max(len(w) for w in wrapped)
    out = _Grid(styled)
    append = out.append
    for line in range(height):
        for i, parts in enumerate(wrapped):
            text = parts[line - (height - len(parts))] if line >= height - len(parts) else ""
            append(_fit(text, widths[i], i in right) + " ", style="bold")
        append("\n")
    aligned = [(w, i in right) for i, w in enumerate(widths)]
    if not styled and rows and all(len(row) == len(widths) for row in rows):
        _plain_rows(out, rows, aligned, rule_before, sum(widths) + len(widths))
        return out
    if not styled:
        chunks = out.chunks
        for n, row in enumerate(rows):
            if n == rule_before:
                append("─" * (sum(widths) + len(widths)) + "\n", style="dim")
            joined = " ".join([_fit(text, w, r) for (text, _), (w, r) in zip(row, aligned, strict=False)])
            # the pieces of a row, each cell followed by a space, and its newline
            chunks.append((joined if joined.isprintable() else _strip_controls(joined)) + " \n")
        return out
    pieces = out.pieces
    for n, row in enumerate(rows):
        if n == rule_before:
            append("─" * (sum(widths) + len(widths)) + "\n", style="dim")
        for (text, style), (w, r) in zip(row, aligned, strict=False):
            fitted = _fit(text, w, r)
            if fitted.isprintable():  # what append checks, without the call for each of thousands of cells
                pieces.append((fitted, style))
            else:
                append(fitted, style)
            pieces.append(_SPACE)
        pieces.append(_NEWLINE)
    return out


def _plain_rows(out: _Grid, rows: list[list[Cell]], aligned: list[tuple[int, bool]], rule_before: int | None,
                rule: int) -> None:
    """The rows of a grid without colours, as :func:`_build` writes them, a column at a time: each
    distinct text of a column fitted once, the lines joined without a step for each of their cells."""
    text = itemgetter(0)
    columns = []
    for column, (w, r) in zip(zip(*rows, strict=True), aligned, strict=True):
        texts = list(map(text, column))
        fitted = {t: _fit(t, w, r) for t in set(texts)}
        columns.append(map(fitted.__getitem__, texts))
    chunks = out.chunks
    for n, joined in enumerate(map(" ".join, zip(*columns, strict=True))):
        if n == rule_before:
            chunks.append("─" * rule + "\n")
        # the pieces of a row, each cell followed by a space, and its newline
        chunks.append((joined if joined.isprintable() else _strip_controls(joined)) + " \n")


_SPACE: tuple[str, str | None] = (" ", None)
_NEWLINE: tuple[str, str | None] = ("\n", None)


LONGEST_WORD = 14  # cells: "Communication" fits; a longer word is cut with "…"


def _heatmap(summary: dict[str, Any], width: int | None = None, styled: bool = True) -> tuple[Any, list[str]]:
    """The heatmap grid, and a key of the competencies when they are numbered to fit ``width`` cells."""
    low, high = summary["scale"]["min"], summary["scale"]["max"]
    names = [printable(c["name"]) for c in summary["competencies"]]
    numbers = [str(i) for i in range(1, len(names) + 1)]
    ids = [c["id"] for c in summary["competencies"]]
    made: dict[tuple[float | None, bool], Cell] = {}  # a few dozen distinct cells among thousands
    shown: dict[int, Cell] = {}  # by the summary's cell: rows made from stored figures share them (core.team)
    hits = misses = 0  # rows scored from the ratings share no cells: not looked up by cell after a hundred
    rows: list[list[Cell]] = []
    for person in summary["people"]:
        cells: list[Cell] = [(printable(person["name"]), None)]
        scores = person["scores"]
        trying = misses <= 100 or hits >= misses
        try:
            if not trying or list(scores) != ids:
                raise KeyError
            cells += map(shown.__getitem__, map(id, scores.values()))
        except KeyError:
            misses += 1
            del cells[1:]
            for cid in ids:
                entry = scores[cid]
                seen = (entry["score"], entry["met"] is False)
                cell = made.get(seen)
                if cell is None:
                    mark = BELOW if seen[1] and seen[0] is not None else " "
                    cell = made[seen] = (f"{fmt_score(seen[0], 1)}{mark}", heat_style(seen[0], low, high))
                if trying:
                    shown[id(entry)] = cell
                cells.append(cell)
        else:
            hits += 1
        cells.append((fmt_score(person["overall"]), None))
        rows.append(cells)
    stats = summary["stats"]
    first_stat = len(rows)
    for key in ("mean", "median", "min", "max"):
        overall = fmt_score(summary["team_overall"]["mean"]) if key == "mean" else ""
        rows.append([(t(f"team.label.{key}"), "bold"), *((fmt_score(s[key]) + " ", None) for s in stats),
                     (overall, None)])
    rows.append([(t("team.label.below"), "bold"),
                 *(("— " if s["below"] is None else f"{s['below']}/{s['targeted']} ", None) for s in stats),
                 ("", None)])
    person, overall = t("team.label.person"), t("team.label.overall")
    headers, narrow = [person, *names, overall], [person, *numbers, overall]
    right = set(range(1, len(names) + 2))
    data = _data_widths(rows, len(headers))
    wrapped, widths = _layout(headers, data, 12)
    numbered = width is not None and sum(widths) + len(widths) > width
    if numbered:
        wrapped, widths = _layout(narrow, data, 12)
    # every line of a grid is as wide as its columns and the spaces after them (cut or padded to fit)
    if numbered and width is not None and sum(widths) + len(widths) > width:
        grid = _split_heatmap(rows, narrow, first_stat, width, data, styled)
    else:
        grid = _build(wrapped, widths, rows, right, first_stat, styled)
    return grid, [f"{n} {name}" for n, name in zip(numbers, names, strict=True)] if numbered else []


def _split_heatmap(rows: list[list[Cell]], headers: list[str], rule_before: int, width: int,
                   data: list[int], styled: bool = True) -> Any:
    """Numbered columns still too wide (many competencies, a narrow terminal): the grid in blocks of
    columns that fit, each led by the person column; the overall column closes the last block."""
    cols = len(headers) - 2  # the competencies, between the person and the overall column
    _, widths = _layout(headers, data, 12)
    blocks: list[list[int]] = [[]]
    used = widths[0] + 1
    for i in range(1, cols + 1):
        if blocks[-1] and used + widths[i] + 1 > width:
            blocks.append([])
            used = widths[0] + 1
        blocks[-1].append(i)
        used += widths[i] + 1
    if used + widths[-1] + 1 > width:
        blocks.append([])
    blocks[-1].append(len(headers) - 1)
    out = _Grid(styled)
    for n, block in enumerate(blocks):
        keep = [0, *block]
        grid, _ = _grid([headers[i] for i in keep], list(map(itemgetter(*keep), rows)),
                        right=set(range(1, len(keep))), rule_before=rule_before, data=[data[i] for i in keep],
                        styled=styled)
        if n:
            out.append("\n")
            out.append("\n")
        out.extend(grid)
    return out


def role_titles(summary: dict[str, Any]) -> dict[str, str]:
    """Role id → title in the summary's language (a summary without ``roles`` falls back to ids)."""
    return {r["id"]: r["title"] for r in summary.get("roles", [])}


def _readiness(console: Console, summary: dict[str, Any]) -> None:
    if not summary["people"]:
        return
    ready, close = summary["thresholds"]["ready"], summary["thresholds"]["close"]
    from rich.cells import cell_len

    titles = role_titles(summary)
    rows: list[list[Cell]] = []
    headers = [t(f"team.label.{k}") for k in ("person", "role", "readiness", "next_roles")]
    lead = sum(min(24, max(cell_len(h), *(_cells(c or "—") for c in column))) + 1 for h, column in zip(
        headers, ([p["name"] for p in summary["people"]], [p["role_title"] for p in summary["people"]],
                  ["100%"]), strict=False))
    room = console.width
    mark = punctuation()["list"].rstrip()
    laid: dict[Any, list[str]] = {}  # by next roles and readiness: thousands of people, a few hundred of them
    marked: dict[Any, Cell] = {}
    for person in summary["people"]:
        value = person["readiness"]
        shown = marked.get(value)
        if shown is None:
            style = "dim" if value is None else "green" if value >= ready else "yellow" if value >= close else "red"
            shown = marked[value] = (fmt_pct(value), style)
        key = tuple(person["next_roles"].items())
        lines = laid.get(key)
        if lines is None:
            each = [f"{printable(titles.get(rid, rid))} {fmt_pct(v)}" for rid, v in key] or ["—"]
            nexts = listing(each)
            # a role with several next roles (a branching ladder) lists one a line when they do not fit
            lines = laid[key] = [nexts] if lead + _cells(nexts) <= room else [*(e + mark for e in each[:-1]), each[-1]]
        rows.append([(printable(person["name"]), None), (printable(person["role_title"] or "—"), None),
                     shown, (lines[0], None)])
        rows += [[("", None), ("", None), ("", None), (line, None)] for line in lines[1:]]
    console.print(f"[bold]{t('team.label.readiness_title')}[/]")
    _show(console, _grid(headers, rows, right={2}, max_header=None, styled=bool(console.color_system))[0])


def _bench(console: Console, summary: dict[str, Any]) -> None:
    thresholds = paren(t("team.view.thresholds", **summary["thresholds"]))
    console.print(f"[bold]{t('team.label.bench')}[/][dim]{thresholds}[/]")
    shown = 0
    for bench in summary["bench"]:
        if not bench["candidates"]:
            continue
        shown += 1
        ready = listing(f"{_esc(e['name'])} {fmt_pct(e['readiness'])}" for e in bench["ready"]) or "—"
        close = listing(f"{_esc(e['name'])} {fmt_pct(e['readiness'])}" for e in bench["close"]) or "—"
        console.print(f"  {labelled(_esc(bench['title']))}[green]{t('team.label.ready')}[/] {ready} · "
                      f"[yellow]{t('team.label.close')}[/] {close}")
    if not shown:
        console.print("  —", style="dim")


def _hanging(console: Console, prefix: str, text: str, style: str | None = None,
             tokens: list[str] | None = None) -> None:
    """``prefix`` then ``text``, wrapped to the console with continuation lines indented under the text.

    Wraps at spaces and between wide (CJK) characters, which have no spaces to break at:
    rich would move a whole Chinese sentence to a line of its own, or cut it with "…".
    ``tokens`` (instead of ``text``) are pieces never broken inside.
    """
    from rich.cells import cell_len
    from rich.text import Text

    room = max(20, console.width - cell_len(prefix))
    if tokens is None:  # by the 避头尾 rules: no line starts with ，or 。
        from careerkit.render.terminal import wrap_offsets

        lines = [text[a:b] for a, b in wrap_offsets(text, room)]
        tokens = []
    else:
        lines = [""]
    for token in tokens:
        if lines[-1] and cell_len(lines[-1] + token.rstrip()) > room:
            lines.append("")
        lines[-1] += token if lines[-1] or not token.isspace() else ""
    indent = " " * cell_len(prefix)
    for n, line in enumerate(lines):
        console.print(Text((prefix if n == 0 else indent) + line.rstrip(), style=style or ""), soft_wrap=True)


def _priorities(console: Console, summary: dict[str, Any]) -> None:
    console.print(f"[bold]{t('team.label.priorities')}[/]")
    if not summary["priorities"]:
        withheld = any(n["code"] == "priorities_withheld" for n in summary.get("notes", []))
        console.print("  " + t("team.label.priorities_withheld" if withheld else "team.label.no_priorities"),
                      style="dim")
    for i, p in enumerate(summary["priorities"], 1):
        console.print(f"  {i}. [bold]{_esc(p['name'])}[/] — {t('team.label.below')} {p['below']}/{p['targeted']}"
                      f"{paren(fmt_pct(p['share_below']))}{punctuation()['comma']}"
                      f"{t('team.label.mean_gap')} {fmt_score(p['mean_gap'])}")
        for kind in ("education", "social"):
            for text in p[kind]:
                _hanging(console, "     · ", labelled(t(f"team.label.{kind}"), printable(text)))


def _others(console: Console, summary: dict[str, Any]) -> None:
    for version in summary["other_versions"]:
        names = listing(_esc(p["name"]) for p in version["people"])
        console.print(f"[yellow]{t('team.label.version')} {_esc(version['version'])}[/] "
                      f"[dim]{version['digest'][:12]}[/]{labelled('', names)}")
    if summary["not_assessed"]:
        console.print(labelled(t("team.label.not_assessed"), listing(_esc(n) for n in summary["not_assessed"])),
                      style="dim")


def summary_text(summary: dict[str, Any], width: int = 160) -> str:
    """The terminal summary as plain text (``--format table -o FILE``)."""
    from rich.console import Console

    buffer = io.StringIO()
    print_summary(Console(file=buffer, width=width, color_system=None, no_color=True, highlight=False,
                          emoji=False), summary)
    return buffer.getvalue()


def print_scenarios(console: Console, model: Any, data: dict[str, Any], lang: str) -> None:
    """`team scenarios`: per scenario how many chose each option, the mean credit, and the items to fix."""
    from rich.table import Table

    console.print(t("team.scenarios.title", team=_esc(data["team"]), model=data["model"]["id"],
                    version=_esc(data["model"]["version"]), people=data["people"]), style="bold")
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("team.scenarios.col.scenario"), ratio=3, overflow="fold")
    table.add_column(t("team.scenarios.col.answered"), justify="right", no_wrap=True)
    table.add_column(t("team.scenarios.col.choices"), overflow="fold")
    table.add_column(t("team.scenarios.col.mean"), justify="right", no_wrap=True)
    table.add_column(t("team.scenarios.col.flags"), overflow="fold")
    for row in data["scenarios"]:
        question = _esc(model.text(row["situation"], lang))
        if row["withheld"]:
            table.add_row(f"{question}\n[dim]{row['id']}[/]", str(row["answered"]),
                          f"[dim]{t('team.scenarios.withheld', n=data['min_group'])}[/]", "", "")
            continue
        choices = " ".join(f"{'[bold]' if oid in row['best'] else ''}{oid}:{n}{'[/]' if oid in row['best'] else ''}"
                           for oid, n in row["counts"].items())
        flags = listing(t(f"team.scenarios.flag.{f}") for f in row["flags"])
        table.add_row(f"{question}\n[dim]{row['id']}[/]", str(row["answered"]), choices,
                      f"{round(100 * row['mean_credit'])}%", f"[yellow]{flags}[/]" if flags else "")
    console.print(table)
    console.print(t("team.scenarios.legend"), style="dim")
