"""`careerkit review ID`: a mentor rates the same indicators as the assessment (180° review).

``review`` also has subcommands for multi-rater reviews (``review request|collect|status|
close|report``, :mod:`careerkit.cli.raters`). :class:`~careerkit.cli.routing.RoutingGroup` routes those to their
commands and everything else to the hidden ``mentor`` command, as ``careerkit review ID``
always worked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from careerkit.cli.app import App, pass_app
from careerkit.cli.routing import BareCommand, RoutingGroup
from careerkit.errors import InputError
from careerkit.i18n import labelled, t

if TYPE_CHECKING:
    from careerkit.core.assessment import AssessmentRecord
    from careerkit.model.schema import CompetencyModel


MENTOR = "mentor"


@click.group(cls=RoutingGroup, default=MENTOR, usage="ID [OPTIONS]", help=t("review.help"))
def review() -> None:
    pass


@review.command(MENTOR, cls=BareCommand, hidden=True, help=t("review.help"))
@click.argument("record_id", metavar="ID")
@click.option("--mentor", metavar="NAME", help=t("review.help.mentor"))
@click.option("--answers", metavar="FILE|-", help=t("review.help.answers"))
@click.option("--note", metavar="TEXT", help=t("review.help.note"))
@click.option("--rater", metavar="NAME:GROUP", help=t("raters.help.in_person"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def mentor_review(app: App, record_id: str, mentor: str | None, answers: str | None, note: str | None,
                  rater: str | None, as_json: bool) -> None:
    if rater is not None:
        from careerkit.core.raters import MANAGER, parse_spec

        name, group = parse_spec(rater)
        if group != MANAGER:  # a peer, report, customer or other at the coordinator's terminal
            from careerkit.cli.raters import in_person

            in_person(app, record_id, name, group, answers, note, as_json)
            return
        mentor = mentor or name
    from careerkit.cli.lookup import model_of
    from careerkit.core.assessment import now
    from careerkit.core.review import new_review, review_comparison
    from careerkit.store import assessments, reviews
    from careerkit.store.database import session

    with session(app.home.root) as work:
        record = assessments.find(work, record_id)
    model = model_of(app, record)
    taken = now()
    if answers is not None:
        ratings, notes, mentor, taken_at = _from_file(app, model, record, answers, mentor, taken)
    else:
        outcome = _interactive(app, model, record, mentor)
        if outcome is None:
            click.echo(t("review.not_saved"), err=True)
            return
        ratings, notes, mentor = outcome
        taken_at = taken
        if note is None:
            note = click.prompt(t("review.comment_prompt"), default="", show_default=False, err=True)
    from careerkit.core.person_names import clean

    saved = new_review(model, record["model"]["digest"], record, mentor=clean(mentor), ratings=ratings, notes=notes,
                       comment=note, taken_at=taken_at)
    comparison = review_comparison(model, record, saved)
    if answers is None and not as_json:
        from careerkit.render.review_view import print_review

        print_review(app.console, model, record, saved, comparison, app.lang)
        if not click.confirm(t("review.confirm"), default=True, err=True):
            click.echo(t("review.not_saved"), err=True)
            return
    with session(app.home.root, write=True) as work:
        reviews.add(work, saved)
    if as_json:
        app.echo_json({**saved, "comparison": comparison}, "review")
        return
    if answers is not None:
        from careerkit.render.review_view import print_review

        print_review(app.console, model, record, saved, comparison, app.lang)
    app.console.print(t("review.saved", id=saved["id"], assessment=record["id"]), style="dim")


def _from_file(app: App, model: CompetencyModel, record: AssessmentRecord, source: str, mentor: str | None,
               taken: Any) -> tuple[dict[str, int | None], dict[str, str], str, Any]:
    """Ratings of an answers file, checked against the exact model version of the assessment."""
    from careerkit.cli.answers_file import read_answers

    _loaded, who, given = read_answers(app, source, model_opt=record["model"]["id"], person_opt=mentor,
                                       role_opt=None, now=taken, person_key="mentor", for_assessment=record)
    known = set(model.indicator_ids())
    extra = sorted(k for k, v in given.ratings.items() if k not in known and v is not None)
    extra += sorted(k for k in given.notes if k not in known)
    if extra:
        raise InputError("review.not_in_version", ids=", ".join(extra[:10]), version=record["model"]["version"])
    if not who:
        raise InputError("review.no_mentor")
    ratings = {iid: given.ratings.get(iid) for iid in model.indicator_ids()}
    return ratings, dict(given.notes), who, given.taken_at or taken


def _interactive(app: App, model: CompetencyModel, record: AssessmentRecord, mentor: str | None,
                 intro: str = "review.intro") -> tuple[dict[str, int | None], dict[str, str], str] | None:
    """Ask for each indicator in turn: a level, s skip, b back, n note, ? help, q quit (nothing saved).

    The person's own ratings stay hidden until the end, so the mentor rates what they see.
    """
    from careerkit.render.terminal import escape

    console = app.console
    console.print(t(intro, person=escape(record["person"]), date=record["taken_at"][:10],
                    model=escape(model.text(model.title, app.lang))))
    for level in model.scale:
        console.print(f"  [bold]{level.level}[/] {escape(model.text(level.label, app.lang))}"
                      f" [dim]{escape(model.text(level.description, app.lang))}[/]")
    while not mentor or not mentor.strip():
        mentor = click.prompt(t("review.mentor_prompt"), default="", show_default=False, err=True)
    items = [(comp, ind) for comp in model.competencies for ind in comp.indicators]
    ratings: dict[str, int | None] = {}
    notes: dict[str, str] = {}
    index = 0
    while index < len(items):
        comp, ind = items[index]
        iid = f"{comp.id}.{ind.id}"
        console.print(f"\n[dim]{t('review.progress', i=index + 1, total=len(items))}[/] "
                      f"[bold]{escape(model.text(comp.name, app.lang))}[/]")
        if ind.observer is not None:  # the behaviour as others see it, in the third person
            console.print(escape(model.text(ind.observer, app.lang)))
        else:
            console.print(f"[dim]{t('raters.packet.own_statement')}[/] {escape(model.text(ind.text, app.lang))}")
        for anchor_level, text in sorted(ind.anchors.items()):
            console.print(f"  [dim]{labelled(str(anchor_level), escape(model.text(text, app.lang)))}[/]")
        answer = click.prompt(t("review.prompt", lo=model.min_level, hi=model.max_level), default="",
                              show_default=False, err=True).strip().lower()
        if answer.lstrip("-").isdigit() and int(answer) in model.levels:
            ratings[iid] = int(answer)
            index += 1
        elif answer == "s":
            ratings[iid] = None
            index += 1
        elif answer == "b":
            index = max(0, index - 1)
        elif answer == "n":
            text = click.prompt(t("review.note_prompt"), default="", show_default=False, err=True).strip()
            if text:
                notes[iid] = text
        elif answer == "q":
            return None
        elif answer == "?":
            console.print(t("review.keys", lo=model.min_level, hi=model.max_level))
        else:
            console.print(t("review.bad_answer", lo=model.min_level, hi=model.max_level), style="yellow")
    return ratings, notes, mentor.strip()


def _subcommands() -> None:
    from careerkit.cli import raters

    for command in (raters.request, raters.collect, raters.status, raters.close, raters.report):
        review.add_command(command)


_subcommands()
