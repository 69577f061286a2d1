"""Terminal views of assessments: the result screen, one record, history, compare, progress."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careerkit.i18n import labelled, listing, paren, t
from careerkit.render.terminal import Wrapped, bar, fmt_pct, fmt_score, level_style, sparkline

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from rich.console import Console
    from rich.table import Table

    from careerkit.model.schema import CompetencyModel


def _esc(text: str) -> str:
    from careerkit.render.terminal import escape

    return escape(text)


def header(console: Console, model: CompetencyModel, record: Mapping[str, Any], lang: str) -> None:
    role = model.role(record["role"]) if record.get("role") else None
    role_text = f"{_esc(model.text(role.title, lang))}{paren(role.id)}" if role else t("assess.no_role")
    console.print(f"[bold]{_esc(record['person'])}[/] · {_esc(model.text(model.title, lang))} "
                  f"[dim]{model.id} {_esc(model.version)}[/]")
    console.print(f"{labelled(t('assess.role'), role_text)} · {labelled(t('assess.date'), record['taken_at'][:10])} · "
                  f"[dim]{record['id']}[/]")


def scores_table(model: CompetencyModel, record: Mapping[str, Any], lang: str) -> Table:
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
        name = _esc(model.text(comp.name, lang))
        if getattr(comp, "gate", False):
            name += f" [dim]· {t('scores.gate_flag')}[/]"
        cells = [name, f"[{style}]{fmt_score(value)}[/]"]
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


def print_result(console: Console, model: CompetencyModel, record: Mapping[str, Any], lang: str) -> None:
    """The result screen after an assessment: the table, coverage, the two lists, readiness and gates."""
    header(console, model, record, lang)
    console.print(scores_table(model, record, lang))
    scores = record["scores"]
    line = f"{labelled(t('assess.overall'))}[bold]{fmt_score(scores['overall'])}[/] / {model.max_level}"
    if record.get("role"):
        line += f" · {labelled(t('assess.readiness'))}[bold]{fmt_pct(scores['readiness'])}[/]"
    console.print(line)
    names = {c.id: model.text(c.name, lang) for c in model.competencies}
    if scores.get("partial"):
        console.print(t("scores.partial", rated=scores["rated"], total=scores["indicators"]), style="yellow")
    comps = scores["competencies"]
    thin = [cid for cid, v in comps.items() if 2 * v.get("rated", 0) < v.get("indicators", 0) or not v.get("rated")]
    if thin:
        console.print(t("scores.not_enough", names=listing(_esc(names.get(c, c)) for c in thin)), style="dim")
    role = model.role(record["role"]) if record.get("role") else None
    targeted = bool(role and role.targets)
    strong, develop = scores.get("strengths", []), scores.get("development", [])
    strong_key, develop_key = ("scores.strengths", "scores.development") if targeted else \
        ("assess.strongest", "assess.weakest")
    if strong:
        console.print(labelled(t(strong_key), listing(_esc(names.get(c, c)) for c in strong)))
    if develop:  # one scored competency is a strength and nothing else: no empty line
        console.print(labelled(t(develop_key), listing(_esc(names.get(c, c)) for c in develop)))
    if targeted and len(develop) < 3:
        unmet = [cid for cid, v in comps.items() if v.get("target") is not None and not v.get("met")]
        if len(unmet) <= len(develop):
            console.print(t("scores.others_met" if develop else "scores.all_met"), style="green")
            _next_gaps(console, model, record, lang)
    if role is not None:
        _readiness_line(console, model, None, scores.get("ready"), scores.get("blocked_by", []), role.targets, lang)
    for role_id, value in scores.get("next_roles", {}).items():
        nxt = model.role(role_id)
        title = model.text(nxt.title, lang) if nxt else role_id
        info = value if isinstance(value, dict) else {"readiness": value}
        label = labelled(t("assess.next_readiness", role=_esc(title)))
        console.print(f"{label}[bold]{fmt_pct(info.get('readiness'))}[/]")
        if info.get("blocked_by"):
            _readiness_line(console, model, title, False, info["blocked_by"], nxt.targets if nxt else {}, lang)


def _readiness_line(console: Console, model: CompetencyModel, title: str | None, ready: bool | None,
                    blocked: list[str], targets: Any, lang: str) -> None:
    """``not ready: blocked by 风险防控与合规 — every indicator must reach 3`` (a gate not met)."""
    if not blocked:
        return
    names = {c.id: model.text(c.name, lang) for c in model.competencies}
    reasons = listing(
        t("scores.blocked_by", name=_esc(names.get(cid, cid)), target=targets.get(cid, "?")) for cid in blocked)
    shown = labelled(f"[red]{t('scores.not_ready')}[/]", reasons)
    console.print(f"  {labelled(_esc(title), shown)}" if title else shown)


def _next_gaps(console: Console, model: CompetencyModel, record: Mapping[str, Any], lang: str) -> None:
    """With few targets left for this role, the biggest gaps for the next role instead."""
    from careerkit.render.result_plain import next_gap_sentences

    for sentence in next_gap_sentences(model, record, lambda text: _esc(model.text(text, lang))):
        console.print(sentence)


def print_record(console: Console, model: CompetencyModel, record: Mapping[str, Any], lang: str) -> None:
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
            cells: list[Any] = [Padding(Wrapped(Text(model.text(ind.text, lang))), (0, 0, 0, 2)),
                     t("assess.skipped") if value is None else str(value)]
            if notes:
                cells.append(Wrapped(Text(notes.get(iid, ""))))
            table.add_row(*cells)
    console.print(table)


def history_lines(rows: Sequence[Mapping[str, Any]], total: int, width: int,
                  role_titles: dict[str, str] | None = None) -> list[str] | None:
    """What :func:`print_history` prints on a console that styles nothing, without rich (None:
    something does not fit ``width`` or needs rich, which then prints it)."""
    from careerkit.render import plain

    keys, cells, model_line = _history_cells(rows, str, role_titles, plain=True)
    lines: list[str | list[str] | None] = [] if model_line is None else [plain.line(model_line, width)]
    headers = [t("scores.col_coverage") if key == "coverage" else t(f"history.col.{key}") for key in keys]
    lines.append(plain.table(headers, [[c[k] for k in keys] for c in cells],
                             {keys.index("overall"), keys.index("readiness"), keys.index("coverage")}, width))
    if total > len(rows):
        lines.append(plain.line(t("history.more", shown=len(rows), total=total), width))
    if any(item is None for item in lines):
        return None
    return [text for item in lines if item is not None for text in (item if isinstance(item, list) else [item])]


def _history_cells(rows: Sequence[Mapping[str, Any]], esc: Any, role_titles: dict[str, str] | None = None,
                   *, plain: bool = False) -> tuple[list[str], list[dict[str, str]], str | None]:
    models = {(row["model"]["id"], row["model"]["version"]) for row in rows}
    by_id: dict[str, set[str]] = {}
    for model_id, version in models:
        by_id.setdefault(model_id, set()).add(version)
    keys = ["id", "date", "person", "model", "role", "coverage", "overall", "readiness"]
    model_line = None
    if len(models) == 1:
        model_id, version = next(iter(models))
        model_line = labelled(t("history.col.model"), f"{model_id} {esc(version)}")
        keys.remove("model")
    cells = []
    for row in rows:
        model_id = row["model"]["id"]
        cells.append({"id": row["id"], "date": row["taken_at"][:10], "person": esc(row["person"]),
                      "model": f"{model_id} {esc(row['model']['version'])}" if len(by_id[model_id]) > 1 else model_id,
                      "role": esc((role_titles or {}).get(row["id"]) or row.get("role") or "—"),
                      "overall": fmt_score(row["scores"]["overall"]),
                      "readiness": fmt_pct(row["scores"]["readiness"]), "coverage": _coverage(row["scores"], plain)})
    return keys, cells, model_line


def print_history(console: Console, rows: Sequence[Mapping[str, Any]], total: int,
                  role_titles: dict[str, str] | None = None) -> None:
    """The history table; one model (and version) shared by every row is named once above it.

    Dropping a column that says the same thing on every line keeps the table inside an
    80-column terminal; the version shows only where one model id comes in several.
    """
    from rich.table import Table

    keys, cells, model_line = _history_cells(rows, _esc, role_titles)
    if model_line is not None:
        console.print(model_line, style="dim")
    table = Table(show_edge=False, pad_edge=False)
    for key in keys:
        table.add_column(t("scores.col_coverage") if key == "coverage" else t(f"history.col.{key}"),
                         justify="right" if key in ("overall", "readiness", "coverage") else "left",
                         no_wrap=key not in ("person", "role"), overflow="fold")
    for row in cells:
        table.add_row(*(row[key] for key in keys))
    console.print(table)
    if total > len(rows):
        console.print(t("history.more", shown=len(rows), total=total), style="dim")


def _coverage(scores: dict[str, Any], plain: bool = False) -> str:
    """``35/37``; a partial record is marked (``1/37 partial``, yellow unless ``plain``: the text
    rich prints of it where it styles nothing)."""
    text = f"{scores.get('rated', '?')}/{scores.get('indicators', '?')}"
    if not scores.get("partial"):
        return text
    marked = f"{text} {t('scores.partial_mark')}"
    return marked if plain else f"[yellow]{marked}[/]"


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
    partial = result.get("partial") or [False] * result["assessments"]

    def spark(values: list[float | None]) -> str:  # a partial point is drawn as ○, apart from the trend
        return "".join("○" if p and v is not None else sparkline([v], model.min_level, model.max_level)
                       for v, p in zip(values, partial, strict=False))

    for index, row in enumerate(rows):
        comp = model.competency(row["competency"])
        name = model.text(comp.name, lang) if comp else row["competency"]
        change = row["change"]
        style = "green" if change and change > 0 else "red" if change and change < 0 else "dim"
        table.add_row(_esc(name), spark(row["trend"]),
                      fmt_score(row["first"]), fmt_score(row["latest"]),
                      f"[{style}]{'' if change is None else f'{change:+.2f}'}[/]", end_section=index == len(rows) - 1)
    overall = [v for v, p in zip(result["overall"], partial, strict=False) if v is not None and not p]
    if overall:  # the whole picture last, set apart from the competencies
        change = round(overall[-1] - overall[0], 2)
        style = "green" if change > 0 else "red" if change < 0 else "dim"
        table.add_row(f"[bold]{t('assess.overall')}[/]",
                      spark(result["overall"]),
                      fmt_score(overall[0]), fmt_score(overall[-1]), f"[{style}]{change:+.2f}[/]")
    console.print(f"[bold]{_esc(result['person'])}[/] · {model.id} · "
                  + t("progress.count", count=result["assessments"], first=result["from"][:10],
                      last=result["to"][:10]))
    console.print(table)
    if any(partial):
        console.print(t("scores.progress_partial"), style="dim")
