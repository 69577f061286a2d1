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
from careerkit.i18n import t

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
@click.option("--resume", is_flag=True, help=t("review.help.resume"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def mentor_review(app: App, record_id: str, mentor: str | None, answers: str | None, note: str | None,
                  rater: str | None, resume: bool, as_json: bool) -> None:
    if resume and answers is not None:
        raise click.UsageError(t("review.resume_with_answers"))
    if rater is not None:
        from careerkit.core.raters import MANAGER, parse_spec

        name, group = parse_spec(rater)
        if group != MANAGER:  # a peer, report, customer or other at the coordinator's terminal
            from careerkit.cli.raters import in_person

            in_person(app, record_id, name, group, answers, note, as_json, resume)
            return
        mentor = mentor or name
    from careerkit.cli.lookup import model_of
    from careerkit.core.assessment import now
    from careerkit.store import assessments
    from careerkit.store.database import session

    with session(app.home.root) as work:
        record = assessments.find(work, record_id)
    model = model_of(app, record)
    if answers is None:
        _interactive(app, model, record, mentor, note, resume, as_json)
        return
    from careerkit.core.person_names import clean
    from careerkit.core.review import new_review, review_comparison
    from careerkit.store import reviews

    ratings, notes, mentor, taken_at = _from_file(app, model, record, answers, mentor, now())
    saved = new_review(model, record["model"]["digest"], record, mentor=clean(mentor), ratings=ratings, notes=notes,
                       comment=note, taken_at=taken_at)
    comparison = review_comparison(model, record, saved)
    with session(app.home.root, write=True) as work:
        reviews.add(work, saved)
    _done(app, model, record, saved, comparison, as_json)


def _done(app: App, model: CompetencyModel, record: AssessmentRecord, saved: Any, comparison: Any,
          as_json: bool, *, shown: bool = False) -> None:
    if as_json:
        app.echo_json({**saved, "comparison": comparison}, "review")
        return
    if not shown:
        from careerkit.render.review_view import print_review

        print_review(app.console, model, record, saved, comparison, app.lang)
    app.console.print(t("review.saved", id=saved["id"], assessment=record["id"]), style="dim")


def _interactive(app: App, model: CompetencyModel, record: AssessmentRecord, mentor: str | None,
                 note: str | None, resume: bool, as_json: bool) -> None:
    """The mentor rates through the assess questionnaire (see :mod:`careerkit.cli.review_prompt`);
    the person's own ratings stay hidden until the preview before saving."""
    from careerkit.cli.ask import EndOfInput
    from careerkit.cli.review_prompt import MENTOR as DRAFT_GROUP
    from careerkit.cli.review_prompt import Given, run_review
    from careerkit.core.assessment import now
    from careerkit.core.person_names import clean
    from careerkit.core.review import ReviewRecord, new_review, review_comparison
    from careerkit.store import reviews

    if mentor is None or not mentor.strip():
        from careerkit.cli.assess_prompt import _ask_nonempty

        try:
            mentor = _ask_nonempty(t("review.mentor_prompt"))
        except EndOfInput:
            raise InputError("review.no_mentor") from None
    name = clean(mentor)

    def review_of(given: Given) -> tuple[ReviewRecord, Any]:
        saved = new_review(model, record["model"]["digest"], record, mentor=name, ratings=given.ratings,
                           notes=given.notes, comment=given.comment, taken_at=now())
        return saved, review_comparison(model, record, saved)

    def preview(given: Given) -> None:
        if not as_json:
            from careerkit.render.review_view import print_review

            print_review(app.console, model, record, *review_of(given), app.lang)

    def finish(work: Any, given: Given) -> tuple[ReviewRecord, Any]:
        saved, comparison = review_of(given)
        reviews.add(work, saved)
        return saved, comparison

    outcome = run_review(app, model, record, rater=name, group=DRAFT_GROUP, intro="review.intro", comment=note,
                         resume=resume, preview=preview, finish=finish, rater_option="--mentor")
    if outcome is not None:
        saved, comparison = outcome
        _done(app, model, record, saved, comparison, as_json, shown=True)


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


def _subcommands() -> None:
    from careerkit.cli import raters

    for command in (raters.request, raters.collect, raters.status, raters.close, raters.report):
        review.add_command(command)


_subcommands()
