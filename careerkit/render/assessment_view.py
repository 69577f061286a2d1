"""Terminal views of assessments: the result screen, one record, history, compare, progress."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careerkit.i18n import labelled, listing, paren, t
from careerkit.render.terminal import Wrapped, bar, fmt_pct, fmt_score, level_style, sparkline

if TYPE_CHECKING:
    from rich.console import Console

    from careerkit.model.schema import CompetencyModel


def _esc(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def header(console: Console, model: CompetencyModel, record: dict[str, Any], lang: str) -> None:
    role = model.role(record["role"]) if record.get("role") else None
    role_text = f"{_esc(model.text(role.title, lang))}{paren(role.id)}" if role else t("assess.no_role")
    console.print(f"[bold]{_esc(record['person'])}[/] · {_esc(model.text(model.title, lang))} "
                  f"[dim]{model.id} {_esc(model.version)}[/]")
    console.print(f"{labelled(t('assess.role'), role_text)} · {labelled(t('assess.date'), record['taken_at'][:10])} · "
                  f"[dim]{record['id']}[/]")


def scores_table(model: CompetencyModel, record: dict[str, Any], lang: str):  # type: ignore[no-untyped-def]
    from rich.table import Table

    scores = record["scores"]["competencies"]
    has_role = bool(record.get("role"))
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("assess.col.competency"), overflow="fold")
    table.add_column(t("assess.col.score"), justify="right")
    if has_role:
        table.add_column(t("assess.col.target"), justify="right")
        table.add_column(t("assess.col.gap"), justify="right")
        table.add_column(t("assess.col.met"), justify="center")
    table.add_column("", no_wrap=True)
    lo, hi = model.min_level, model.max_level
    for comp in model.competencies:
        entry = scores.get(comp.id, {})
        value = entry.get("score")
        style = level_style(value, lo, hi)
        cells = [_esc(model.text(comp.name, lang)), f"[{style}]{fmt_score(value)}[/]"]
        if has_role:
            target = entry.get("target")
            met = entry.get("met")
            cells += [
                "·" if target is None else str(target),
                "" if entry.get("gap") is None or entry["gap"] <= 0 else f"{entry['gap']:.2f}",
                "" if met is None else ("[green]✓[/]" if met else "[red]✗[/]"),
            ]
        cells.append(f"[{style}]{bar(value, hi, minimum=lo, width=16, target=entry.get('target'))}[/]")
        table.add_row(*cells)
    return table


def print_result(console: Console, model: CompetencyModel, record: dict[str, Any], lang: str) -> None:
    """The result screen after an assessment."""
    from careerkit.core.scoring import strongest_weakest_json

    header(console, model, record, lang)
    console.print(scores_table(model, record, lang))
    scores = record["scores"]
    line = f"{labelled(t('assess.overall'))}[bold]{fmt_score(scores['overall'])}[/] / {model.max_level}"
    if record.get("role"):
        line += f" · {labelled(t('assess.readiness'))}[bold]{fmt_pct(scores['readiness'])}[/]"
    console.print(line)
    strong, weak = strongest_weakest_json(scores["competencies"])
    names = {c.id: model.text(c.name, lang) for c in model.competencies}
    if strong:
        console.print(labelled(t("assess.strongest"), listing(_esc(names[c]) for c in strong)))
    if weak:  # one scored competency is a strength and nothing else: no empty "Weakest:" line
        console.print(labelled(t("assess.weakest"), listing(_esc(names[c]) for c in weak)))
    for role_id, value in scores.get("next_roles", {}).items():
        role = model.role(role_id)
        title = model.text(role.title, lang) if role else role_id
        console.print(f"{labelled(t('assess.next_readiness', role=_esc(title)))}[bold]{fmt_pct(value)}[/]")


def print_record(console: Console, model: CompetencyModel, record: dict[str, Any], lang: str) -> None:
    """One record in full: the result screen, then every indicator's rating and note.

    Long indicator texts and notes wrap inside their column, indented under their
    competency, and are never cut short (Chinese has no spaces to wrap at: fold).
    """
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    print_result(console, model, record, lang)
    notes = record.get("notes", {})
    table = Table(show_edge=False, pad_edge=False, title=t("assess.ratings"), title_justify="left")
    table.add_column(t("assess.col.indicator"), overflow="fold", ratio=3)
    table.add_column(t("assess.col.level"), justify="right", no_wrap=True)
    if notes:
        table.add_column(t("assess.col.note"), overflow="fold", ratio=2)
    for comp in model.competencies:
        table.add_row(Text(model.text(comp.name, lang), style="bold"), "", *([""] if notes else []))
        for ind in comp.indicators:
            iid = f"{comp.id}.{ind.id}"
            value = record["ratings"].get(iid)
            cells = [Padding(Wrapped(Text(model.text(ind.text, lang))), (0, 0, 0, 2)),
                     t("assess.skipped") if value is None else str(value)]
            if notes:
                cells.append(Wrapped(Text(notes.get(iid, ""))))
            table.add_row(*cells)
    console.print(table)


def print_history(console: Console, rows: list[dict[str, Any]], total: int,
                  role_titles: dict[str, str] | None = None) -> None:
    """The history table; one model (and version) shared by every row is named once above it.

    Dropping a column that says the same thing on every line keeps the table inside an
    80-column terminal; the version shows only where one model id comes in several.
    """
    from rich.table import Table

    models = {(row["model"]["id"], row["model"]["version"]) for row in rows}
    by_id: dict[str, set[str]] = {}
    for model_id, version in models:
        by_id.setdefault(model_id, set()).add(version)
    keys = ["id", "date", "person", "model", "role", "overall", "readiness"]
    if len(models) == 1:
        model_id, version = next(iter(models))
        console.print(labelled(t("history.col.model"), f"{model_id} {_esc(version)}"), style="dim")
        keys.remove("model")
    table = Table(show_edge=False, pad_edge=False)
    for key in keys:
        table.add_column(t(f"history.col.{key}"), justify="right" if key in ("overall", "readiness") else "left",
                         no_wrap=key not in ("person", "role"), overflow="fold")
    for row in rows:
        model_id = row["model"]["id"]
        cells = {"id": row["id"], "date": row["taken_at"][:10], "person": _esc(row["person"]),
                 "model": f"{model_id} {_esc(row['model']['version'])}" if len(by_id[model_id]) > 1 else model_id,
                 "role": _esc((role_titles or {}).get(row["id"]) or row.get("role") or "—"),
                 "overall": fmt_score(row["scores"]["overall"]),
                 "readiness": fmt_pct(row["scores"]["readiness"])}
        table.add_row(*(cells[key] for key in keys))
    console.print(table)
    if total > len(rows):
        console.print(t("history.more", shown=len(rows), total=total), style="dim")


def print_compare(console: Console, model: CompetencyModel, result: dict[str, Any], lang: str) -> None:
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("assess.col.competency"), overflow="fold")
    table.add_column(result["a"]["taken_at"][:10] + "\n" + result["a"]["id"], justify="right")
    table.add_column(result["b"]["taken_at"][:10] + "\n" + result["b"]["id"], justify="right")
    table.add_column(t("compare.delta"), justify="right")
    table.add_column("")
    marks = {"improved": "[green]▲ {}[/]", "declined": "[red]▼ {}[/]", "unchanged": "[dim]= {}[/]",
             "unknown": "[dim]{}[/]"}
    for row in result["competencies"]:
        comp = model.competency(row["competency"])
        name = model.text(comp.name, lang) if comp else row["competency"]
        delta = row["delta"]
        table.add_row(_esc(name), fmt_score(row["a"]), fmt_score(row["b"]),
                      "" if delta is None else f"{delta:+.2f}",
                      marks[row["status"]].format(t(f"compare.{row['status']}")))
    console.print(table)
    o = result["overall"]
    delta = "" if o["delta"] is None else paren(f"{o['delta']:+.2f}")
    console.print(f"{labelled(t('assess.overall'))}{fmt_score(o['a'])} → {fmt_score(o['b'])}{delta}")


def print_progress(console: Console, model: CompetencyModel, result: dict[str, Any], lang: str) -> None:
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("assess.col.competency"), overflow="fold")
    table.add_column(t("progress.trend"), no_wrap=True)
    table.add_column(t("progress.first"), justify="right")
    table.add_column(t("progress.latest"), justify="right")
    table.add_column(t("progress.change"), justify="right")
    rows = result["competencies"]
    for index, row in enumerate(rows):
        comp = model.competency(row["competency"])
        name = model.text(comp.name, lang) if comp else row["competency"]
        change = row["change"]
        style = "green" if change and change > 0 else "red" if change and change < 0 else "dim"
        table.add_row(_esc(name), sparkline(row["trend"], model.min_level, model.max_level),
                      fmt_score(row["first"]), fmt_score(row["latest"]),
                      f"[{style}]{'' if change is None else f'{change:+.2f}'}[/]", end_section=index == len(rows) - 1)
    overall = [v for v in result["overall"] if v is not None]
    if overall:  # the whole picture last, set apart from the competencies
        change = round(overall[-1] - overall[0], 2)
        style = "green" if change > 0 else "red" if change < 0 else "dim"
        table.add_row(f"[bold]{t('assess.overall')}[/]",
                      sparkline(result["overall"], model.min_level, model.max_level),
                      fmt_score(overall[0]), fmt_score(overall[-1]), f"[{style}]{change:+.2f}[/]")
    console.print(f"[bold]{_esc(result['person'])}[/] · {model.id} · "
                  + t("progress.count", count=result["assessments"], first=result["from"][:10],
                      last=result["to"][:10]))
    console.print(table)
