"""Terminal views of a team: the people list and the summary with its heatmap.

The heatmap colours each cell by its score on the scale (red low, yellow middle, green
high); a score under the person's target also carries ``▼``, so the table reads the same
without colours (``--no-color`` / ``NO_COLOR``).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from careerkit.i18n import t
from careerkit.render.terminal import fmt_pct, fmt_score

if TYPE_CHECKING:
    from rich.console import Console

BELOW = "▼"


def _esc(text: object) -> str:
    from rich.markup import escape

    return escape(str(text))


def heat_style(value: float | None, low: float, high: float) -> str:
    """A background colour for a score on [low, high]: five steps from red to green."""
    if value is None:
        return "dim"
    ratio = (value - low) / ((high - low) or 1.0)
    steps = ("white on red3", "black on dark_orange", "black on yellow3", "black on green3", "black on green4")
    return steps[min(4, max(0, int(ratio * 5)))]


def print_people(console: Console, team: str, rows: list[dict[str, Any]]) -> None:
    from rich.table import Table

    if not rows:
        console.print(t("team.list.empty", team=_esc(team)))
        return
    table = Table(show_edge=False, pad_edge=False, title=t("team.list.title", team=_esc(team), count=len(rows)),
                  title_justify="left")
    for key in ("person", "date", "model", "role", "assessments", "reviews", "plans", "habits", "imported"):
        table.add_column(t(f"team.col.{key}"), justify="right" if key in ("assessments", "reviews", "plans",
                                                                          "habits") else "left")
    for row in rows:
        latest = row["latest"] or {}
        model = latest.get("model") or {}
        counts = row["counts"]
        table.add_row(_esc(row["name"]), latest.get("taken_at", "—")[:10],
                      _esc(f"{model.get('id', '—')} {model.get('version', '')}"), _esc(latest.get("role") or "—"),
                      str(counts["assessments"]), str(counts["reviews"]), str(counts["plans"]),
                      str(counts["habits"]), row["imported_at"][:10])
    console.print(table)


def print_summary(console: Console, summary: dict[str, Any]) -> None:
    """The whole summary: header, notes, heatmap with the team's figures, readiness, bench, priorities."""
    from careerkit.render.exporters import notes

    model = summary["model"]
    console.print(f"[bold]{_esc(t('team.label.title'))} · {_esc(summary['team'])}[/]")
    console.print(f"{_esc(model['title'])} [dim]{model['id']} {_esc(model['version'])} {model['digest'][:12]}[/] · "
                  + t("team.view.people", count=summary["people_count"])
                  + (f" · [bold]{t('team.label.anonymized')}[/]" if summary["anonymized"] else ""))
    for note in notes(summary):
        console.print(_esc(note), style="yellow")
    console.print(f"[bold]{t('team.label.heatmap')}[/]")
    console.print(_heatmap(summary), soft_wrap=True)
    console.print(f"{BELOW} {t('team.label.below')}" + (f" · {t('team.label.suppressed')}" if summary["anonymized"]
                                                        else ""), style="dim")
    _readiness(console, summary)
    _bench(console, summary)
    _priorities(console, summary)
    _others(console, summary)


Cell = tuple[str, str | None]  # text, rich style


def _fit(text: str, width: int, right: bool) -> str:
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > width:
        text = set_cell_size(text, width - 1) + "…"
    pad = " " * (width - cell_len(text))
    return pad + text if right else text + pad


def _wrap(text: str, width: int) -> list[str]:
    """Greedy wrap by terminal cells: at spaces, or anywhere in text without them (CJK)."""
    from rich.cells import cell_len

    lines: list[str] = []
    current = ""
    for word in text.split(" ") if " " in text else list(text):
        joined = f"{current} {word}" if current and " " in text else current + word
        if current and cell_len(joined) > width:
            lines.append(current)
            current = word
        else:
            current = joined
    return [*lines, current]


def _grid(headers: list[str], rows: list[list[Cell]], *, right: set[int], rule_before: int | None = None,
          max_header: int | None = 12):  # type: ignore[no-untyped-def]
    """A table laid out by hand: rich's Table measures every cell and is too slow for 200 people."""
    from rich.cells import cell_len
    from rich.text import Text

    widths = [max([cell_len(row[i][0]) for row in rows] + [1]) for i in range(len(headers))]
    for i, header in enumerate(headers):
        if max_header is None or not i:
            widths[i] = max(widths[i], cell_len(header))
        else:
            widths[i] = max(widths[i], min(max_header, max(cell_len(w) for w in header.split(" "))))
    if widths:
        widths[0] = min(widths[0], 24)
    wrapped = [_wrap(h, widths[i]) for i, h in enumerate(headers)]
    height = max(len(w) for w in wrapped)
    out = Text()
    for line in range(height):
        for i, parts in enumerate(wrapped):
            text = parts[line - (height - len(parts))] if line >= height - len(parts) else ""
            out.append(_fit(text, widths[i], i in right) + " ", style="bold")
        out.append("\n")
    for n, row in enumerate(rows):
        if n == rule_before:
            out.append("─" * (sum(widths) + len(widths)) + "\n", style="dim")
        for i, (text, style) in enumerate(row):
            out.append(_fit(text, widths[i], i in right), style=style)
            out.append(" ")
        out.append("\n")
    out.rstrip()
    return out


def _heatmap(summary: dict[str, Any]):  # type: ignore[no-untyped-def]
    low, high = summary["scale"]["min"], summary["scale"]["max"]
    headers = [t("team.label.person"), *(c["name"] for c in summary["competencies"]), t("team.label.overall")]
    rows: list[list[Cell]] = []
    for person in summary["people"]:
        cells: list[Cell] = [(person["name"], None)]
        for comp in summary["competencies"]:
            entry = person["scores"][comp["id"]]
            mark = BELOW if entry["met"] is False and entry["score"] is not None else " "
            cells.append((f"{fmt_score(entry['score'], 1)}{mark}", heat_style(entry["score"], low, high)))
        rows.append([*cells, (fmt_score(person["overall"]), None)])
    stats = summary["stats"]
    first_stat = len(rows)
    for key in ("mean", "median", "min", "max"):
        overall = fmt_score(summary["team_overall"]["mean"]) if key == "mean" else ""
        rows.append([(t(f"team.label.{key}"), "bold"), *((fmt_score(s[key]) + " ", None) for s in stats),
                     (overall, None)])
    rows.append([(t("team.label.below"), "bold"),
                 *(("—" if s["below"] is None else f"{s['below']}/{s['targeted']} ", None) for s in stats), ("", None)])
    return _grid(headers, rows, right=set(range(1, len(headers))), rule_before=first_stat)


def _readiness(console: Console, summary: dict[str, Any]) -> None:
    if not summary["people"]:
        return
    ready, close = summary["thresholds"]["ready"], summary["thresholds"]["close"]
    rows: list[list[Cell]] = []
    for person in summary["people"]:
        value = person["readiness"]
        style = "dim" if value is None else "green" if value >= ready else "yellow" if value >= close else "red"
        nexts = ", ".join(f"{rid} {fmt_pct(v)}" for rid, v in person["next_roles"].items()) or "—"
        rows.append([(person["name"], None), (person["role_title"] or "—", None), (fmt_pct(value), style),
                     (nexts, None)])
    headers = [t(f"team.label.{k}") for k in ("person", "role", "readiness", "next_roles")]
    console.print(f"[bold]{t('team.label.readiness_title')}[/]")
    console.print(_grid(headers, rows, right={2}, max_header=None), soft_wrap=True)


def _bench(console: Console, summary: dict[str, Any]) -> None:
    console.print(f"[bold]{t('team.label.bench')}[/] [dim]({t('team.view.thresholds', **summary['thresholds'])})[/]")
    for bench in summary["bench"]:
        if not bench["candidates"]:
            continue
        ready = ", ".join(f"{_esc(e['name'])} {fmt_pct(e['readiness'])}" for e in bench["ready"]) or "—"
        close = ", ".join(f"{_esc(e['name'])} {fmt_pct(e['readiness'])}" for e in bench["close"]) or "—"
        console.print(f"  {_esc(bench['title'])}: [green]{t('team.label.ready')}[/] {ready} · "
                      f"[yellow]{t('team.label.close')}[/] {close}")


def _priorities(console: Console, summary: dict[str, Any]) -> None:
    console.print(f"[bold]{t('team.label.priorities')}[/]")
    if not summary["priorities"]:
        console.print("  " + t("team.label.no_priorities"), style="dim")
    for i, p in enumerate(summary["priorities"], 1):
        console.print(f"  {i}. [bold]{_esc(p['name'])}[/] — {t('team.label.below')} {p['below']}/{p['targeted']}"
                      f" ({fmt_pct(p['share_below'])}), {t('team.label.mean_gap')} {fmt_score(p['mean_gap'])}")
        for kind in ("education", "social"):
            for text in p[kind]:
                console.print(f"     · {t(f'team.label.{kind}')}: {_esc(text)}")


def _others(console: Console, summary: dict[str, Any]) -> None:
    for version in summary["other_versions"]:
        names = ", ".join(_esc(p["name"]) for p in version["people"])
        console.print(f"[yellow]{t('team.label.version')} {_esc(version['version'])}[/] "
                      f"[dim]{version['digest'][:12]}[/]: {names}")
    if summary["not_assessed"]:
        console.print(f"{t('team.label.not_assessed')}: " + ", ".join(_esc(n) for n in summary["not_assessed"]),
                      style="dim")


def summary_text(summary: dict[str, Any], width: int = 120) -> str:
    """The terminal summary as plain text (``--format table -o FILE``)."""
    from rich.console import Console

    buffer = io.StringIO()
    print_summary(Console(file=buffer, width=width, color_system=None, no_color=True, highlight=False,
                          emoji=False), summary)
    return buffer.getvalue()
