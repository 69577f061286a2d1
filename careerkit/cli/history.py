"""`careerkit history`, `show`, `compare`, `progress`, `delete`: the record of growth."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import click

from careerkit.cli.app import App, pass_app
from careerkit.errors import CareerkitError, InputError, NotFoundError
from careerkit.i18n import listing, t

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from careerkit.core.questionnaire import DraftRecord

DEFAULT_LIMIT = 50


@click.command(help=t("help.history"))
@click.option("--person", metavar="NAME", help=t("history.help.person"))
@click.option("--model", "model_id", metavar="ID", help=t("history.help.model"))
@click.option("--limit", type=click.IntRange(min=1), default=DEFAULT_LIMIT, show_default=True,
              help=t("history.help.limit"))
@click.option("--all", "show_all", is_flag=True, help=t("history.help.all"))
@click.option("--kind", type=click.Choice(("assessment", "quiz")), default="assessment", show_default=True,
              help=t("history.help.kind"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def history(app: App, person: str | None, model_id: str | None, limit: int, show_all: bool, kind: str,
            as_json: bool) -> None:
    person = _clean_person(person)
    if kind == "quiz":
        _quiz_history(app, person, model_id, None if show_all else limit, as_json)
        return
    if as_json and not person and not model_id and _print_indexed(app):
        return
    from careerkit.store import assessments
    from careerkit.store.database import session

    with session(app.home.root) as work:
        newest_first: list[Any]
        if person:  # one person's file
            newest_first = assessments.records(work, person, model_id)[::-1]
            total = len(newest_first)
        else:  # everyone: from the history index, which costs the same at any size
            from careerkit.store.history_index import listing as indexed

            newest_first, total = indexed(work, limit=None if show_all or as_json else limit, model_id=model_id)
        found = bool(newest_first)
        everyone = assessments.people(work) if not found and (person or model_id) else []
        draft = _draft_of(app, work, person) if not found and not as_json else None
    if as_json:
        app.echo_json(_summaries(newest_first[::-1]), "history", plain=True)
        return
    if not found:
        if everyone:  # a filter that matches nothing is not an empty history
            from careerkit.cli.assess_prompt import shell_quote

            given = " ".join(f"{opt} {shell_quote(value)}"
                             for opt, value in (("--person", person), ("--model", model_id)) if value)
            click.echo(t("history.none_match", filters=given, people=listing(everyone[:10])))
        else:
            click.echo(t("history.empty"))
        if draft is not None:
            from careerkit.cli.assess_prompt import resume_command

            click.echo(t("history.draft_waiting", person=draft["person"], model=draft["model"]["id"],
                         command=resume_command(app, draft["person"])))
        return
    from careerkit.render.assessment_view import history_lines, print_history
    from careerkit.render.plain import plain_width

    shown = newest_first if show_all else newest_first[:limit]
    titles = _role_titles(app, shown)
    width = plain_width()
    lines = history_lines(shown, total, width, titles) if width is not None else None
    if lines is None:
        print_history(app.console, shown, total, titles)
    else:  # what rich would print, without rich: a file or a pipe, through stdout's encoding as rich writes
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()


def _role_titles(app: App, rows: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Record id → its role's title in the user's language (the id where the model is gone)."""
    from careerkit.cli.lookup import model_of
    from careerkit.store import snapshots

    models: dict[str, Any] = {}
    titles: dict[str, dict[str, str] | None] = {}
    out = {}
    for row in rows:
        if not row.get("role"):
            continue
        digest = row["model"]["digest"]
        if digest not in titles:  # the snapshot's JSON first: no model built (history to a pipe stays light)
            titles[digest] = snapshots.role_titles(app.home.snapshots_dir, digest, app.lang)
        known = titles[digest]
        if known is None:
            if digest not in models:
                try:
                    models[digest] = model_of(app, row)
                except CareerkitError:
                    models[digest] = None
            role = models[digest].role(row["role"]) if models[digest] is not None else None
            if role is not None:
                out[row["id"]] = models[digest].text(role.title, app.lang)
        elif row["role"] in known:
            out[row["id"]] = known[row["role"]]
    return out


def _quiz_history(app: App, person: str | None, model_id: str | None, limit: int | None, as_json: bool) -> None:
    """`history --kind quiz`: saved situational-judgement quizzes, newest first."""
    from careerkit.store import quizzes
    from careerkit.store.database import session

    with session(app.home.root) as work:
        found = quizzes.records(work, person, model_id)
    if as_json:
        app.echo_json(found, "quiz-history")
        return
    if not found:
        click.echo(t("history.no_quizzes"))
        return
    from careerkit.render.quiz_view import print_quiz_history

    newest_first = found[::-1]
    print_quiz_history(app.console, newest_first[:limit] if limit else newest_first)
    if limit and len(found) > limit:
        app.console.print(t("history.more", shown=limit, total=len(found)), style="dim")


def _clean_person(person: str | None) -> str | None:
    """A --person filter as names are stored (stripped, NFC); a bad name is refused (exit 2)."""
    if person is None:
        return None
    from careerkit.core.person_names import clean

    return clean(person)


def _draft_of(app: App, work: Any, person: str | None) -> DraftRecord | None:
    """The unfinished assessment of ``person`` (else the profile's person): drafts never show in history."""
    from careerkit.store import assessments

    if person is None:
        try:
            person = (app.config.person or "").strip()
        except CareerkitError:
            return None
    return assessments.get_draft(work, person) if person else None


def _summaries(records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """What `history --json` prints of each record, in order."""
    from careerkit.store.history_rows import item

    return [item(record) for record in records]


def _print_indexed(app: App) -> bool:
    """`history --json` of everyone, printed from the history index's rows as they are stored (no
    record built, no TinyDB: issue 13), the same bytes :meth:`App.echo_json` would print; False
    when the index cannot say it (then the records are listed as ever)."""
    from careerkit.store.history_rows import printed

    found = printed(app.home.root)
    if found is None:
        return False
    app.echo_json_items("history", *found)
    return True


def _min_raters_option(func: Any) -> Any:
    return click.option("--min-raters", type=click.IntRange(min=1), default=3, show_default=True,
                        help=t("raters.help.min_raters"))(func)


def _multi_rater(app: App, record: Mapping[str, Any], min_raters: int) -> tuple[Any, dict[str, Any]] | None:
    """The 360° report of ``record`` (its own model version) when it has review requests, else None."""
    from careerkit.cli.raters import report_for
    from careerkit.store import raters
    from careerkit.store.database import session

    with session(app.home.root) as work:
        if not raters.for_assessment(work, record["id"]):
            return None
    model, _record, result = report_for(app, record["id"], min_raters)
    return model, result


def _multi_rater_json(found: tuple[Any, dict[str, Any]] | None) -> dict[str, Any] | None:
    from careerkit.core.raters import report_json

    return None if found is None else report_json(found[1])


def _print_multi_rater(app: App, found: tuple[Any, dict[str, Any]] | None) -> None:
    if found is None:
        return
    from careerkit.render.raters_view import print_figures
    from careerkit.render.terminal import escape

    model, result = found
    if not result["groups"] and result["others"] is None and not result["withheld"]:
        return  # nobody answered yet: the requests line says so
    app.console.print()
    app.console.print(t("raters.report.heading", person=escape(result["person"]), assessment=result["assessment"],
                        min=result["min_raters"]), style="bold")
    print_figures(app.console, model, result, app.lang)


@click.command(help=t("help.show"))
@click.argument("record_id", metavar="ID")
@_min_raters_option
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def show(app: App, record_id: str, min_raters: int, as_json: bool) -> None:
    from careerkit.cli.lookup import model_of
    from careerkit.store import assessments, observations, raters, reviews
    from careerkit.store.database import session

    with session(app.home.root) as work:
        try:
            record = assessments.find(work, record_id)
        except NotFoundError:
            quiz_record = _find_quiz(work, record_id)
            if quiz_record is None:
                raise
            _show_quiz(app, quiz_record, as_json)
            return
        found = reviews.for_assessment(work, record["id"], person=record["person"])
        observed = observations.records(work, record["person"])
        requests = raters.for_assessment(work, record["id"])
    multi = _multi_rater(app, record, min_raters) if requests else None
    if as_json:
        extra: dict[str, Any] = {"raters": _multi_rater_json(multi)}
        if observed:
            from careerkit.core.observations import evidence

            extra["observations"] = evidence(model_of(app, record), observed)
        app.echo_json({**record, "reviews": found, **extra}, "assessment")
        return
    from careerkit.render.assessment_view import print_record
    from careerkit.render.review_view import print_show_reviews

    model = model_of(app, record)
    print_record(app.console, model, record, app.lang)
    print_show_reviews(app.console, model, record, found, app.lang)
    if observed:
        from careerkit.core.observations import evidence
        from careerkit.render.raters_view import print_evidence

        print_evidence(app.console, evidence(model, observed))
    if requests:
        from careerkit.render.raters_view import print_requests_line

        _print_multi_rater(app, multi)
        print_requests_line(app.console, record["id"], requests)
    from careerkit.cli.quiz import beside_latest

    beside_latest(app, model, record)


def _find_quiz(work: Any, record_id: str) -> dict[str, Any] | None:
    """The quiz an id names, when no assessment does (ids are unique across both)."""
    from careerkit.store import quizzes

    try:
        return quizzes.find(work, record_id)
    except NotFoundError:
        return None


def _show_quiz(app: App, record: dict[str, Any], as_json: bool) -> None:
    from careerkit.cli.lookup import model_of

    if as_json:
        app.echo_json(record, "quiz")
        return
    from careerkit.render.quiz_view import print_quiz

    print_quiz(app.console, model_of(app, record), record, app.lang)


@click.command(help=t("help.compare"))
@click.argument("id_a", metavar="ID_A")
@click.argument("id_b", metavar="ID_B")
@_min_raters_option
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def compare(app: App, id_a: str, id_b: str, min_raters: int, as_json: bool) -> None:
    from careerkit.core.history import compare as compare_records
    from careerkit.core.migration import summary_json
    from careerkit.store import assessments, reviews
    from careerkit.store.database import session

    with session(app.home.root) as work:
        a = assessments.find(work, id_a)
        b = assessments.find(work, id_b)
        reviews_a = reviews.for_assessment(work, a["id"], person=a["person"])
        reviews_b = reviews.for_assessment(work, b["id"], person=b["person"])
    if a["id"] == b["id"]:
        raise InputError("compare.same_record", id=a["id"])
    if a["model"]["id"] != b["model"]["id"]:
        raise InputError("compare.different_models", a=a["model"]["id"], b=b["model"]["id"])
    multi = {"a": _multi_rater(app, a, min_raters), "b": _multi_rater(app, b, min_raters)}  # each on its own version
    a, b, model, carry, reviews_a, reviews_b = _carried_pair(app, a, b, reviews_a, reviews_b)
    result = {**compare_records(a, b, [c.id for c in model.competencies]), **summary_json(carry)}
    if as_json:
        app.echo_json({**result, "raters": {side: _multi_rater_json(found) for side, found in multi.items()}},
                      "comparison")
        return
    from careerkit.render.assessment_view import print_compare

    if not result["same_model_version"]:
        app.console.print(carry_line(carry), style="yellow", markup=False)
    print_compare(app.console, model, result, app.lang)
    from careerkit.render.review_view import print_compare_reviews

    print_compare_reviews(app.console, model, a, b, reviews_a, reviews_b, app.lang)
    for found in multi.values():
        _print_multi_rater(app, found)


def _carried_pair(app: App, a: Any, b: Any, reviews_a: list[Any], reviews_b: list[Any]) -> tuple[Any, ...]:
    """The older of two records (by model version; else ``a``) carried into the newer one's model.

    Its mentor reviews are carried the same way; the stored records and reviews are untouched.
    """
    from careerkit.cli.lookup import carry_into, model_of
    from careerkit.core.migration import carried_review, is_earlier

    b_older = is_earlier(b["model"]["version"], a["model"]["version"])
    older, newer = (b, a) if b_older else (a, b)
    model = model_of(app, newer)
    moved, carry = carry_into(app, older, model)
    if moved is not older:
        moved_reviews = [carried_review(r, carry) for r in (reviews_b if b_older else reviews_a)]
        if b_older:
            b, reviews_b = moved, moved_reviews
        else:
            a, reviews_a = moved, moved_reviews
    return a, b, model, carry, reviews_a, reviews_b


def carry_line(carry: Any) -> str:
    """How an earlier version's ratings were carried: "... compared on N shared indicators; M dropped, K new"."""
    from careerkit.core.migration import IDENTICAL, MAP

    counts = t("compare.carry_counts", shared=len(carry.shared_ids), dropped=len(carry.dropped_ids),
               new=len(carry.new_ids))
    if carry.kind == MAP:
        via = t("compare.carry_via", versions=", ".join(carry.via)) if carry.via else ""
        return t("compare.carry_map", old=carry.from_version, new=carry.to_version, via=via, counts=counts)
    if carry.kind == IDENTICAL:
        return t("compare.carry_no_map", old=carry.from_version, new=carry.to_version, counts=counts)
    return t("compare.carry_same_version", version=carry.to_version, counts=counts)


@click.command(help=t("help.progress"))
@click.option("--person", metavar="NAME", help=t("history.help.person"))
@click.option("--model", "model_id", metavar="ID", help=t("history.help.model"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def progress(app: App, person: str | None, model_id: str | None, as_json: bool) -> None:
    from careerkit.core.history import progress as trend
    from careerkit.store import assessments
    from careerkit.store.database import session

    person = _clean_person(person) or app.config.person
    with session(app.home.root) as work:
        found = assessments.records(work, person, model_id or None)
    if not found:
        if not person and not model_id:
            raise InputError("history.none_yet")
        raise InputError("history.none_for", person=person or "-", model=model_id or "-")
    people = sorted({r["person"] for r in found})
    if len(people) > 1:
        raise InputError("progress.many_people", people=", ".join(people[:10]))
    models = sorted({r["model"]["id"] for r in found})
    if len(models) > 1:
        raise InputError("progress.many_models", models=", ".join(models))
    model, found, carried = _carried_records(app, found)
    result = trend(found, [c.id for c in model.competencies])
    result["carried"] = _carried_json(carried)
    from careerkit.core.history import set_apart_partial

    result = set_apart_partial(result, found)
    if as_json:
        app.echo_json(result, "progress")
        return
    from careerkit.render.assessment_view import print_progress

    print_progress(app.console, model, result, app.lang)
    _print_carried(app, carried, len(found), model.version)


def _carried_records(app: App, found: list[Any]) -> tuple[Any, list[Any], list[Any]]:
    """Every record scored on the latest model version among them (through the migration maps),
    and per earlier version (or edit) met: the ids of the records that came from it and how."""
    from careerkit.cli.lookup import carry_all, model_of
    from careerkit.core.migration import version_key

    latest = found[-1]
    for record in found:  # the highest version; among records of it, the latest taken
        if version_key(record["model"]["version"]) >= version_key(latest["model"]["version"]):
            latest = record
    model = model_of(app, latest)
    records, plans = carry_all(app, found, model, latest["model"]["digest"])
    return model, records, [group for ref, group in plans.items() if ref != latest["model"]["digest"]]


def _carried_json(groups: list[Any]) -> list[dict[str, Any]]:
    from careerkit.core.migration import summary_json

    return [{"version": carry.from_version, "records": ids, **summary_json(carry)} for ids, carry in groups]


def _print_carried(app: App, groups: list[Any], total: int, version: str) -> None:
    if not groups:
        return
    count = sum(len(ids) for ids, _carry in groups)
    app.console.print(t("progress.carried_head", count=count, total=total, version=version), markup=False)
    for ids, carry in groups:
        app.console.print(t("progress.carried_group", count=len(ids), line=carry_line(carry)), markup=False)


@click.command(help=t("help.delete"))
@click.argument("record_id", metavar="ID")
@click.option("--yes", "-y", is_flag=True, help=t("history.help.yes"))
@pass_app
def delete(app: App, record_id: str, yes: bool) -> None:
    from careerkit.store import assessments, raters, reviews
    from careerkit.store.database import session

    with session(app.home.root) as work:
        record = assessments.find(work, record_id)
        requests = raters.for_assessment(work, record["id"])
    summary = f"{record['id']} · {record['person']} · {record['taken_at'][:10]} · {record['model']['id']}"
    if requests:
        answered = sum(1 for r in requests for rater in r["raters"] if rater.get("answer"))
        summary += "\n" + t("history.delete_requests", count=len(requests), answers=answered)
    if not yes and not _confirm_delete(summary):
        click.echo(t("history.kept"), err=True)
        return
    # the record, its reviews, its review requests with their answers and its review drafts: one commit
    with session(app.home.root, write=True) as work:
        target = assessments.find(work, record["id"])
        assessments.delete(work, target)
        reviews.delete_for_assessment(work, target)
        gone = raters.delete_for_assessment(work, target["id"])
    click.echo(t("history.deleted", id=record["id"]))
    if gone:
        click.echo(t("history.deleted_requests", count=gone))


def _confirm_delete(summary: str) -> bool:
    """Ask before deleting (y/n, 是/否); no answer from a script is an error, never a yes."""
    from careerkit.cli.ask import EndOfInput, confirm

    try:
        return confirm(t("history.confirm_delete", record=summary), default=False)
    except EndOfInput:
        raise InputError("history.delete_needs_yes") from None
