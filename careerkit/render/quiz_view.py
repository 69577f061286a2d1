"""Terminal views of situational-judgement quizzes: the questions, the feedback and the result."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from careerkit.i18n import t
from careerkit.render.terminal import fmt_pct

if TYPE_CHECKING:
    from rich.console import Console

    from careerkit.model.schema import CompetencyModel, Option, Scenario


def _esc(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def credit_text(credit: float) -> str:
    """How good a response was, in words and with a mark that reads without colour."""
    if credit >= 1:
        return t("quiz.credit.best")
    if credit <= 0:
        return t("quiz.credit.harmful")
    return t("quiz.credit.partial", pct=f"{round(credit * 100):d}%")


def intro(console: Console, model: CompetencyModel, count: int, lang: str) -> None:
    console.print()
    console.print(f"[bold]{_esc(model.text(model.title, lang))}[/]  [dim]{model.id} {_esc(model.version)}[/]")
    console.print(t("quiz.intro", count=count))
    console.print(t("quiz.keys"), style="dim")


def question(console: Console, model: CompetencyModel, scenario: Scenario, options: list[Option],
             number: int, total: int, *, given: str | None, lang: str) -> None:
    from rich.table import Table

    console.print()
    console.rule(f"[bold]{_esc(t('quiz.progress', number=number, total=total))}[/]", align="left")
    console.print(_esc(model.text(scenario.situation, lang)))
    console.print(f"[bold]{_esc(model.text(scenario.question, lang))}[/]")
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", width=4)
    table.add_column(overflow="fold")
    for index, option in enumerate(options, 1):
        mark = "▸ " if given == option.id else ""
        table.add_row(f"{mark}{index}", _esc(model.text(option.text, lang)))
    console.print(table)


def feedback(console: Console, model: CompetencyModel, scenario: Scenario, chosen: Option, lang: str) -> None:
    style = "green" if chosen.credit >= 1 else "yellow" if chosen.credit > 0 else "red"
    console.print(f"[{style}]{_esc(credit_text(chosen.credit))}[/]")
    console.print(_esc(model.text(scenario.explanation, lang)), style="dim")


def help_screen(console: Console, options: int) -> None:
    console.print(t("quiz.help_text", last=options))


def print_quiz(console: Console, model: CompetencyModel, record: Mapping[str, Any], lang: str) -> None:
    """A saved quiz: the overall share, each competency measured, and what to learn from the misses."""
    from rich.table import Table

    scores = record["scores"]
    console.print(f"[bold]{_esc(record['person'])}[/] · {_esc(model.text(model.title, lang))} "
                  f"[dim]{model.id} {_esc(model.version)}[/]")
    console.print(t("quiz.header", date=record["taken_at"][:10], id=record["id"], answered=scores["answered"],
                    total=scores["total"]))
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("assess.col.competency"), overflow="fold")
    table.add_column(t("quiz.col.score"), justify="right")
    table.add_column(t("quiz.col.answered"), justify="right")
    for comp in model.competencies:
        entry = scores["competencies"].get(comp.id)
        if entry is not None:
            table.add_row(_esc(model.text(comp.name, lang)), fmt_pct(entry["score"]), str(entry["answered"]))
    console.print(table)
    console.print(t("quiz.overall", pct=fmt_pct(scores["overall"])))
    from careerkit.core.quiz import missed

    lessons = missed(model, record)
    if lessons:
        from careerkit.render.review_view import bullets

        console.print(t("quiz.to_learn"), style="bold")
        items = []
        for scenario in lessons:
            credit = t("quiz.lesson_credit", credit=credit_text(scores["scenarios"][scenario.id]))
            items.append(f"{_esc(model.text(scenario.situation, lang))}[dim]{_esc(credit)}[/]\n"
                         f"[dim]{_esc(model.text(scenario.explanation, lang))}[/]")
        bullets(console, items)


def print_quiz_history(console: Console, rows: list[dict[str, Any]]) -> None:
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    for key in ("id", "date", "person", "model", "answered", "overall"):
        table.add_column(t(f"quiz.hcol.{key}"), justify="right" if key in ("answered", "overall") else "left")
    for row in rows:
        scores = row["scores"]
        table.add_row(row["id"], row["taken_at"][:10], _esc(row["person"]), row["model"]["id"],
                      f"{scores['answered']}/{scores['total']}", fmt_pct(scores["overall"]))
    console.print(table)


def print_beside(console: Console, model: CompetencyModel, assessment: Mapping[str, Any],
                 record: Mapping[str, Any] | None,
                 lang: str) -> None:
    """After a result screen: the latest quiz beside the self-rating, with the mismatches named."""
    from rich.table import Table

    from careerkit.core.quiz import beside
    from careerkit.render.terminal import fmt_score

    if record is None:
        return
    rows = beside(model, assessment["scores"]["competencies"], record)
    if not rows:
        return
    table = Table(show_edge=False, pad_edge=False, title=t("quiz.beside_title", date=record["taken_at"][:10],
                                                            id=record["id"]), title_justify="left")
    table.add_column(t("assess.col.competency"), overflow="fold")
    table.add_column(t("quiz.col.self"), justify="right")
    table.add_column(t("quiz.col.score"), justify="right")
    table.add_column("", overflow="fold")
    for row in rows:
        comp = model.competency(row["competency"])
        flag = t(f"quiz.flag.{row['flag']}") if row["flag"] else ""
        style = "yellow" if row["flag"] == "overrated" else "cyan"
        table.add_row(_esc(model.text(comp.name, lang)) if comp else row["competency"], fmt_score(row["self"]),
                      f"{fmt_pct(row['quiz'])} ({row['answered']})", f"[{style}]{flag}[/]" if flag else "")
    console.print()
    console.print(table)
