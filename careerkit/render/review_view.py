"""Terminal views of a mentor review: self and mentor side by side, never averaged."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careerkit.i18n import labelled, listing, paren, t
from careerkit.render.terminal import Wrapped, fmt_pct, fmt_score

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import Console

    from careerkit.core.assessment import AssessmentRecord
    from careerkit.core.review import ReviewRecord
    from careerkit.model.schema import CompetencyModel

STYLES = {"agree": "dim", "word": "yellow", "disconnect": "bold red"}


def _esc(text: str) -> str:
    from careerkit.render.terminal import escape

    return escape(text)


def verdict(row: dict[str, Any]) -> str:
    """``worth a quick word``, ``serious disconnect`` or ``agree``, with its colour (rich markup)."""
    if row["size"] is None:
        return ""
    text = t("review.size." + row["size"])
    return f"[{STYLES[row['size']]}]{_esc(text)}[/]"


def which_way(row: dict[str, Any]) -> str:
    """``blind spot`` (self higher) or ``hidden strength`` (mentor higher), for a real difference."""
    return t(f"review.dir.{row['direction']}") if row["direction"] else ""


def _diff(value: float | None) -> str:
    return "" if value is None else f"{value:+.2f}"


def print_review(console: Console, model: CompetencyModel, record: Mapping[str, Any], review: Mapping[str, Any],
                 comparison: dict[str, Any], lang: str) -> None:
    """One review of one assessment: the table, the agreement figure, what to discuss, the notes."""
    from rich.table import Table

    console.print(t("review.heading", mentor=_esc(review["mentor"]), date=review["taken_at"][:10],
                    person=_esc(record["person"]), assessment=record["id"]), style="bold")
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("review.col.competency"), ratio=3, min_width=12)
    table.add_column(t("review.col.self"), justify="right", no_wrap=True)
    table.add_column(t("review.col.mentor"), justify="right", no_wrap=True)
    table.add_column(t("review.col.diff"), justify="right", no_wrap=True)
    table.add_column("", ratio=2)
    table.add_column("", ratio=2)
    for row in comparison["competencies"]:
        comp = model.competency(row["competency"])
        name = model.text(comp.name, lang) if comp else row["competency"]
        flag = f" [bold red]⚑ {t('scores.gate_flag')}[/]" if row.get("gate_flags") else ""
        table.add_row(_esc(name), fmt_score(row["self"]), fmt_score(row["mentor"]), _diff(row["diff"]),
                      verdict(row) + flag, which_way(row))
    console.print(table)
    print_agreement(console, comparison)
    _print_discuss(console, model, comparison, lang)
    _print_notes(console, model, review, lang)


def print_agreement(console: Console, comparison: dict[str, Any]) -> None:
    counts = comparison["counts"]
    if comparison["agreement"] is None:
        console.print(t("review.no_overlap"))
        return
    console.print(t("review.agreement", agreement=fmt_pct(comparison["agreement"]),
                    within=fmt_pct(comparison["within_one"]), count=comparison["rated_by_both"]))
    console.print(t("review.counts", disconnect=counts["disconnect"], word=counts["word"],
                    blind=counts["blind-spot"], hidden=counts["hidden-strength"]))


def bullets(console: Console, items: list[str], indent: int = 2) -> None:
    """A bulleted list whose wrapped lines stay under their bullet (rich markup in ``items``)."""
    from rich.padding import Padding
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row("•", Wrapped(item))
    console.print(Padding(grid, (0, 0, 0, indent)))


def _indicator_texts(model: CompetencyModel, lang: str) -> dict[str, str]:
    """Full indicator id → its text in ``lang``."""
    return {f"{c.id}.{i.id}": model.text(i.text, lang) for c in model.competencies for i in c.indicators}


def _print_gates(console: Console, model: CompetencyModel, comparison: dict[str, Any], lang: str) -> None:
    """Gate indicators either side rated below the target, each with both ratings."""
    flagged = [r for r in comparison["indicators"] if r.get("gate")]
    if not flagged:
        return
    texts = _indicator_texts(model, lang)
    console.print(t("scores.gate_flags", target=flagged[0]["target"]), style="bold red")
    def ratings(row: dict[str, Any]) -> str:
        return (f"{t('review.col.self')} {fmt_score(row['self'], 0)} · "
                f"{t('review.col.mentor')} {fmt_score(row['mentor'], 0)}")

    bullets(console, [f"{_esc(texts.get(r['indicator'], r['indicator']))}[dim]{paren(ratings(r))}[/]"
                      for r in flagged])


def _print_discuss(console: Console, model: CompetencyModel, comparison: dict[str, Any], lang: str) -> None:
    _print_gates(console, model, comparison, lang)
    serious = [r for r in comparison["indicators"] if r["size"] == "disconnect"]
    if not serious:
        return
    console.print(t("review.to_discuss"), style="bold")
    texts = _indicator_texts(model, lang)
    def detail(row: dict[str, Any]) -> str:
        return (f"{t('review.col.self')} {row['self']:.0f} · {t('review.col.mentor')} {row['mentor']:.0f} · "
                f"{t('review.dir.' + row['direction'])}")

    bullets(console, [f"{_esc(texts.get(row['indicator'], row['indicator']))}[dim]{paren(detail(row))}[/]"
                      for row in serious])


def _print_notes(console: Console, model: CompetencyModel, review: Mapping[str, Any], lang: str) -> None:
    notes = review.get("notes") or {}
    if not notes and not review.get("comment"):
        return
    console.print(t("review.notes", mentor=_esc(review["mentor"])), style="bold")
    if review.get("comment"):
        from rich.padding import Padding
        from rich.text import Text

        console.print(Padding(Wrapped(Text(review["comment"])), (0, 0, 0, 2)))
    texts = _indicator_texts(model, lang)
    bullets(console, [f"[dim]{_esc(texts.get(iid, iid))}[/]\n{_esc(note)}" for iid, note in notes.items()])


def print_show_reviews(console: Console, model: CompetencyModel, record: AssessmentRecord,
                       reviews: list[ReviewRecord], lang: str) -> None:
    """For `careerkit show ID`: the latest review side by side, and the ids of earlier ones."""
    from careerkit.core.review import review_comparison

    if not reviews:
        return
    latest = reviews[-1]
    console.print()
    print_review(console, model, record, latest, review_comparison(model, record, latest), lang)
    if len(reviews) > 1:
        console.print(t("review.earlier", ids=listing(r["id"] for r in reviews[:-1])), style="dim")


def _mentor_cell(row: dict[str, Any] | None) -> str:
    """The mentor's score, coloured by how much it differs, with ↑ (mentor higher) or ↓ (lower)."""
    if row is None or row["mentor"] is None:
        return "—"
    mark = {"hidden-strength": " ↑", "blind-spot": " ↓"}.get(row["direction"] or "", "")
    if row["size"] == "disconnect":
        mark += mark.strip()  # ↑↑ / ↓↓: readable without colour too
    return f"[{STYLES.get(row['size'] or 'agree', 'dim')}]{fmt_score(row['mentor'])}{mark}[/]"


def print_compare_reviews(console: Console, model: CompetencyModel, a: AssessmentRecord, b: AssessmentRecord,
                          reviews_a: list[ReviewRecord], reviews_b: list[ReviewRecord], lang: str) -> None:
    """For `careerkit compare A B`: self and mentor of both assessments, side by side, never averaged."""
    from rich.table import Table

    from careerkit.core.review import review_comparison

    if not reviews_a and not reviews_b:
        return
    ca = review_comparison(model, a, reviews_a[-1]) if reviews_a else None
    cb = review_comparison(model, b, reviews_b[-1]) if reviews_b else None
    table = Table(show_edge=False, pad_edge=False, title=t("review.side_by_side"), title_justify="left")
    table.add_column(t("review.col.competency"))
    for record in (a, b):
        day = record["taken_at"][:10]
        table.add_column(f"{day}\n{t('review.col.self')}", justify="right", no_wrap=True)
        table.add_column(f"{day}\n{t('review.col.mentor')}", justify="right", no_wrap=True)
    rows_a = {r["competency"]: r for r in ca["competencies"]} if ca else {}
    rows_b = {r["competency"]: r for r in cb["competencies"]} if cb else {}
    for competency in model.competencies:
        cells = [_esc(model.text(competency.name, lang))]
        for record, rows in ((a, rows_a), (b, rows_b)):
            own = record["scores"]["competencies"].get(competency.id, {}).get("score")  # type: ignore[call-overload]  # {}: no such competency
            cells += [fmt_score(own), _mentor_cell(rows.get(competency.id))]
        table.add_row(*cells)
    console.print()
    console.print(table)
    console.print(t("review.compare_legend"), style="dim")
    for record, comp in ((a, ca), (b, cb)):
        if comp is not None:
            console.print(labelled(record["id"]) + t("review.agreement_short", agreement=fmt_pct(comp["agreement"]),
                                                  mentor=_esc(comp["mentor"])))
