"""Terminal views of the interactive self-assessment: intro, questions, help and summary.

Role targets never appear here: the person rates what they do, not what is expected;
targets show only in the result screen after saving.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careerkit.i18n import labelled, listing, t
from careerkit.render.terminal import Wrapped, bar, fmt_score, level_style

if TYPE_CHECKING:
    from rich.console import Console

    from careerkit.core.questionnaire import Progress, Questionnaire
    from careerkit.model.schema import Competency, CompetencyModel, Indicator, Role


def _esc(text: str) -> str:
    from careerkit.render.terminal import escape

    return escape(text)


def levels_text(model: CompetencyModel) -> str:
    levels = model.levels
    if levels == list(range(levels[0], levels[-1] + 1)):
        return f"{levels[0]}–{levels[-1]}"
    return "/".join(map(str, levels))


def keys_line(model: CompetencyModel) -> str:
    return t("prompt.keys", levels=levels_text(model))


def legend(console: Console, model: CompetencyModel, lang: str) -> None:
    """The scale: each level, its label and what it means."""
    from rich.table import Table

    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold")
    table.add_column(no_wrap=True)
    table.add_column(style="dim", overflow="fold")  # fold: Chinese has no spaces to wrap at
    for level in model.scale:
        table.add_row(str(level.level), _esc(model.text(level.label, lang)),
                      _esc(model.text(level.description, lang)))
    console.print(f"[bold]{t('prompt.scale')}[/]")
    console.print(table)


def intro(console: Console, model: CompetencyModel, role: Role | None, lang: str) -> None:
    """What the person sees first: the model, its scale, the keys, and that targets stay hidden."""
    console.print()
    console.print(f"[bold]{_esc(model.text(model.title, lang))}[/]  [dim]{model.id} {_esc(model.version)}[/]")
    if model.description:
        console.print(_esc(model.text(model.description, lang)), style="dim")
    console.print()
    legend(console, model, lang)
    console.print()
    count = len(model.indicator_ids())
    console.print(t("prompt.size", indicators=count, competencies=len(model.competencies)))
    if role is not None:
        console.print(t("prompt.role_hidden", role=_esc(model.text(role.title, lang))))
    console.print(t("prompt.rate_honestly"), style="dim")
    console.print(keys_line(model), style="dim")


def competency_header(console: Console, model: CompetencyModel, comp: Competency, progress: Progress,
                      lang: str) -> None:
    console.print()
    title = f"{progress.competency}/{progress.competencies} · {model.text(comp.name, lang)}"
    console.rule(f"[bold]{_esc(title)}[/]", align="left")
    if comp.description:
        console.print(_esc(model.text(comp.description, lang)), style="dim")


def progress_line(progress: Progress) -> str:
    text = t("prompt.progress", competency=progress.competency, competencies=progress.competencies,
             indicator=progress.indicator, indicators=progress.indicators, answered=progress.answered,
             total=progress.total)
    if progress.skipped:
        text += " · " + t("prompt.progress_skipped", skipped=progress.skipped)
    return text


def indicator(console: Console, model: CompetencyModel, ind: Indicator, progress: Progress, *,
              given: tuple[bool, int | None], note: str | None, lang: str, observer: bool = False) -> None:
    """One question: the progress line, the indicator's text and every level with its anchor.

    ``observer``: for a rater other than the person: the indicator's observer text (third
    person), else its own text labelled as the employee's own statement."""
    from rich.table import Table

    console.print()
    console.print(f"[cyan]{_esc(progress_line(progress))}[/]")
    if observer and ind.observer is not None:
        console.print(f"[bold]{_esc(model.text(ind.observer, lang))}[/]")
    elif observer:
        console.print(f"[dim]{_esc(t('raters.packet.own_statement'))}[/] [bold]{_esc(model.text(ind.text, lang))}[/]")
    else:
        console.print(f"[bold]{_esc(model.text(ind.text, lang))}[/]")
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", width=4)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")  # an anchor is never cut short, in any script
    from careerkit.core.planning import level_anchors

    visited, level = given
    for lv in model.scale:
        anchor = ind.anchors.get(lv.level)
        mark = "▸ " if visited and level == lv.level else ""
        if anchor:
            text: Wrapped | str = Wrapped(_esc(model.text(anchor, lang)))
        elif not ind.anchors:  # said once below, not as a blank line per level
            text = ""
        else:
            found = level_anchors(ind, lv.level)
            text = t("scores.level_missing") if found["below"] is None or found["above"] is None else \
                t("scores.level_between_short", below=found["below"], above=found["above"])
        table.add_row(f"{mark}{lv.level}", _esc(model.text(lv.label, lang)), text, style=None if anchor else "dim")
    console.print(table)
    if not ind.anchors:
        console.print(t("scores.level_none"), style="dim")
    if visited:
        answer = t("prompt.skipped") if level is None else str(level)
        console.print(t("prompt.current_answer", answer=answer), style="yellow")
    if note:
        console.print(labelled(t("prompt.note_label"), _esc(note)), style="yellow")


def help_screen(console: Console, model: CompetencyModel, lang: str) -> None:
    from rich.table import Table

    console.print()
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    table.add_row(levels_text(model), t("prompt.help.level"))
    rows = ((t("prompt.key_enter"), "prompt.help.enter"), ("s", "prompt.help.s"), ("b", "prompt.help.b"),
            ("n", "prompt.help.n"), ("q", "prompt.help.q"), ("Ctrl-C", "prompt.help.ctrl_c"),
            ("?", "prompt.help.?"))
    for label, key in rows:
        table.add_row(label, t(key))
    console.print(table)
    console.print()
    legend(console, model, lang)


def summary(console: Console, q: Questionnaire, lang: str, role: Role | None = None) -> bool:
    """Counts and a per-competency score preview, without targets; whether the assessment is partial
    (then it says so, and which of the role's competencies have no rating)."""
    from rich.table import Table

    from careerkit.core.scoring import coverage, is_partial

    model = q.model
    console.print()
    console.rule(f"[bold]{t('prompt.summary')}[/]", align="left")
    console.print(t("prompt.counts", answered=q.answered, skipped=q.skipped, total=q.total))
    table = Table(show_edge=False, pad_edge=False, box=None)
    table.add_column(t("assess.col.competency"), overflow="fold")
    table.add_column(t("prompt.col.rated"), justify="right")
    table.add_column(t("assess.col.score"), justify="right")
    table.add_column("", no_wrap=True)
    lo, hi = model.min_level, model.max_level
    preview = q.preview()
    for comp in model.competencies:
        result = preview[comp.id]
        style = level_style(result.score, lo, hi)
        table.add_row(_esc(model.text(comp.name, lang)), f"{result.rated}/{result.indicators}",
                      f"[{style}]{fmt_score(result.score)}[/]",
                      f"[{style}]{bar(result.score, hi, minimum=lo, width=16)}[/]")
    console.print(table)
    if q.notes:
        console.print(t("prompt.notes_count", count=len(q.notes)), style="dim")
    if not q.answered:
        console.print(t("prompt.nothing_rated"), style="yellow")
    rated, total, missing = coverage(model, q.final_ratings(), role)
    partial = is_partial(rated, total, missing)
    if partial:
        console.print(t("scores.partial", rated=rated, total=total), style="yellow")
        if missing:
            names = listing(_esc(model.text(model.competency(c).name, lang))  # type: ignore[union-attr]
                            for c in missing)
            console.print(t("scores.partial_missing", names=names), style="yellow")
    console.print(t("prompt.targets_after"), style="dim")
    return partial
