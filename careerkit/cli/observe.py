"""`careerkit observe CHECKLIST --person P`: record one observation of a checklist (yes / no / n.a. per item)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from careerkit.cli.app import App, pass_app
from careerkit.errors import InputError, ValidationFailed
from careerkit.i18n import t

if TYPE_CHECKING:
    from datetime import datetime

    from rich.console import Console

    from careerkit.model.schema import Checklist, CompetencyModel


@click.command(help=t("observe.help"))
@click.argument("checklist_id", metavar="CHECKLIST")
@click.option("--person", metavar="NAME", help=t("observe.help.person"))
@click.option("--observer", metavar="NAME", help=t("observe.help.observer"))
@click.option("--date", "date_text", metavar="DATE", help=t("observe.help.date"))
@click.option("--answers", metavar="FILE|-", help=t("observe.help.answers"))
@click.option("--model", "model_ref", metavar="MODEL", help=t("observe.help.model"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def observe(app: App, checklist_id: str, person: str | None, observer: str | None, date_text: str | None,
            answers: str | None, model_ref: str | None, as_json: bool) -> None:
    from careerkit.core import observations as core
    from careerkit.core.assessment import now
    from careerkit.core.person_names import clean
    from careerkit.store import observations as store
    from careerkit.store.database import session

    loaded = app.model(model_ref)
    model = loaded.model
    checklist = model.checklist(checklist_id)
    if checklist is None:
        raise InputError("observe.unknown_checklist", checklist=checklist_id, model=model.id,
                         known=", ".join(c.id for c in model.checklists) or "-")
    taken = now()
    date = _date(date_text, taken) if date_text else None
    if answers is not None:
        found = _from_file(model, checklist, answers, taken)
        items = found["items"]
        person = person or found["person"]
        observer = observer or found["observer"]
        date = date or found["date"]
    else:
        items = _interactive(app, model, checklist, app.err_console if as_json else app.console)
    who = app.person(person)
    saved = core.new_observation(model, loaded.digest, checklist, person=who,
                                 observer=clean(observer) if observer and observer.strip() else None,
                                 date=date or taken, items=items, recorded_at=taken)
    with session(app.home.root, write=True) as work:
        store.add(work, saved)
    if as_json:
        app.echo_json({**saved, "counts": core.counts(saved)}, "observation")
        return
    from rich.markup import escape

    tally = core.counts(saved)
    app.console.print(t("observe.saved", id=saved["id"], checklist=escape(model.text(checklist.title, app.lang)),
                        person=escape(who), yes=tally["yes"], no=tally["no"], na=tally["na"]))


def _date(text: str, taken: datetime) -> datetime:
    from careerkit.core.answers import parse_date

    try:
        found = parse_date(text, taken)
    except ValueError:
        raise InputError("answers.bad_date", value=text) from None
    if found > taken:
        raise InputError("observe.future_date", value=text)
    return found


def _from_file(model: CompetencyModel, checklist: Checklist, source: str, taken: datetime) -> dict[str, Any]:
    import sys
    from pathlib import Path

    from careerkit import yamldoc
    from careerkit.core import observations as core

    label = "<stdin>" if source == "-" else source
    try:
        doc = yamldoc.parse(sys.stdin.buffer.read(), label) if source == "-" else yamldoc.read(Path(source),
                                                                                                label=label)
        problems: list[yamldoc.Problem] = []
    except yamldoc.YamlProblems as exc:
        if exc.document is None:
            raise ValidationFailed("answers.invalid", path=label, count=len(exc.problems),
                                   details=[str(p) for p in exc.problems]) from None
        doc, problems = exc.document, list(exc.problems)
    found, more = core.check_file(doc, model, checklist, now=taken)
    problems += more
    if problems:
        raise ValidationFailed("answers.invalid", path=label, count=len(problems),
                               details=[str(p) for p in sorted(problems, key=lambda p: (p.line, p.column))])
    return found


def _interactive(app: App, model: CompetencyModel, checklist: Checklist, console: Console,
                 ) -> dict[str, dict[str, Any]]:
    """Each item in turn: y yes, n no, a not applicable, each optionally followed by a note; b back, q quit."""
    from rich.markup import escape

    from careerkit.core.observations import answer_word

    console.print(t("observe.intro", checklist=escape(model.text(checklist.title, app.lang))))
    items: dict[str, dict[str, Any]] = {}
    index = 0
    while index < len(checklist.items):
        item = checklist.items[index]
        console.print(f"\n[dim][{index + 1}/{len(checklist.items)}][/] {escape(model.text(item.text, app.lang))}")
        raw = click.prompt(t("observe.prompt"), default="", show_default=False, err=True).strip()
        word, _, note = raw.partition(" ")
        if word.lower() == "q":
            raise InputError("observe.quit")
        if word.lower() == "b":
            index = max(0, index - 1)
            continue
        answer = answer_word(word)
        if answer is None:
            console.print(t("observe.bad_key"), style="yellow")
            continue
        items[item.id] = {"answer": answer, "note": note.strip() or None}
        index += 1
    return items
