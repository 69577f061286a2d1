"""`careerkit history`, `show`, `compare`, `progress`, `delete`: the record of growth."""

from __future__ import annotations

from typing import Any

import click

from careerkit.cli.app import App, pass_app
from careerkit.errors import InputError
from careerkit.i18n import t

DEFAULT_LIMIT = 50


@click.command(help=t("help.history"))
@click.option("--person", metavar="NAME", help=t("history.help.person"))
@click.option("--model", "model_id", metavar="ID", help=t("history.help.model"))
@click.option("--limit", type=click.IntRange(min=1), default=DEFAULT_LIMIT, show_default=True,
              help=t("history.help.limit"))
@click.option("--all", "show_all", is_flag=True, help=t("history.help.all"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def history(app: App, person: str | None, model_id: str | None, limit: int, show_all: bool,
            as_json: bool) -> None:
    from careerkit.store import assessments
    from careerkit.store.database import session

    with session(app.home.root) as work:
        found = assessments.records(work, person, model_id)
    if as_json:
        app.echo_json([_summary(r) for r in found])
        return
    if not found:
        click.echo(t("history.empty"))
        return
    from careerkit.render.assessment_view import print_history

    newest_first = found[::-1]
    print_history(app.console, newest_first if show_all else newest_first[:limit], len(found))


def _summary(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": record["id"], "taken_at": record["taken_at"], "person": record["person"],
        "model": record["model"], "role": record.get("role"),
        "overall": record["scores"]["overall"], "readiness": record["scores"]["readiness"],
    }


@click.command(help=t("help.show"))
@click.argument("record_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def show(app: App, record_id: str, as_json: bool) -> None:
    from careerkit.cli.records import model_of
    from careerkit.store import assessments, reviews
    from careerkit.store.database import session

    with session(app.home.root) as work:
        record = assessments.find(work, record_id)
        found = reviews.for_assessment(work, record["id"], person=record["person"])
    if as_json:
        app.echo_json({**record, "reviews": found})
        return
    from careerkit.render.assessment_view import print_record
    from careerkit.render.review_view import print_show_reviews

    model = model_of(app, record)
    print_record(app.console, model, record, app.lang)
    print_show_reviews(app.console, model, record, found, app.lang)


@click.command(help=t("help.compare"))
@click.argument("id_a", metavar="ID_A")
@click.argument("id_b", metavar="ID_B")
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def compare(app: App, id_a: str, id_b: str, as_json: bool) -> None:
    from careerkit.cli.records import model_of
    from careerkit.core.history import compare as compare_records
    from careerkit.store import assessments, reviews
    from careerkit.store.database import session

    with session(app.home.root) as work:
        a = assessments.find(work, id_a)
        b = assessments.find(work, id_b)
        reviews_a = reviews.for_assessment(work, a["id"], person=a["person"])
        reviews_b = reviews.for_assessment(work, b["id"], person=b["person"])
    if a["model"]["id"] != b["model"]["id"]:
        raise InputError("compare.different_models", a=a["model"]["id"], b=b["model"]["id"])
    model = model_of(app, b)
    result = compare_records(a, b, [c.id for c in model.competencies])
    if as_json:
        app.echo_json(result)
        return
    from careerkit.render.assessment_view import print_compare

    if not result["same_model_version"]:
        app.console.print(t("compare.versions_differ", a=a["model"]["version"], b=b["model"]["version"]),
                          style="yellow")
    print_compare(app.console, model, result, app.lang)
    from careerkit.render.review_view import print_compare_reviews

    print_compare_reviews(app.console, model, a, b, reviews_a, reviews_b, app.lang)


@click.command(help=t("help.progress"))
@click.option("--person", metavar="NAME", help=t("history.help.person"))
@click.option("--model", "model_id", metavar="ID", help=t("history.help.model"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def progress(app: App, person: str | None, model_id: str | None, as_json: bool) -> None:
    from careerkit.cli.records import model_of
    from careerkit.core.history import progress as trend
    from careerkit.store import assessments
    from careerkit.store.database import session

    person = person or app.config.person
    with session(app.home.root) as work:
        found = assessments.records(work, person, model_id or None)
    if not found:
        raise InputError("history.none_for", person=person or "-", model=model_id or "-")
    people = sorted({r["person"] for r in found})
    if len(people) > 1:
        raise InputError("progress.many_people", people=", ".join(people[:10]))
    models = sorted({r["model"]["id"] for r in found})
    if len(models) > 1:
        raise InputError("progress.many_models", models=", ".join(models))
    model = model_of(app, found[-1])
    result = trend(found, [c.id for c in model.competencies])
    if as_json:
        app.echo_json(result)
        return
    from careerkit.render.assessment_view import print_progress

    print_progress(app.console, model, result, app.lang)


@click.command(help=t("help.delete"))
@click.argument("record_id", metavar="ID")
@click.option("--yes", "-y", is_flag=True, help=t("history.help.yes"))
@pass_app
def delete(app: App, record_id: str, yes: bool) -> None:
    from careerkit.store import assessments, reviews
    from careerkit.store.database import session

    with session(app.home.root) as work:
        record = assessments.find(work, record_id)
    summary = f"{record['id']} · {record['person']} · {record['taken_at'][:10]} · {record['model']['id']}"
    if not yes and not click.confirm(t("history.confirm_delete", record=summary), default=False, err=True):
        click.echo(t("history.kept"), err=True)
        return
    with session(app.home.root, write=True) as work:  # the record and its reviews: one commit
        target = assessments.find(work, record["id"])
        assessments.delete(work, target)
        reviews.delete_for_assessment(work, target)
    click.echo(t("history.deleted", id=record["id"]))
