"""`careerkit assess`: the main job — rate yourself against a competency model."""

from __future__ import annotations

import click

from careerkit.cli.app import App, pass_app
from careerkit.i18n import t


@click.command(help=t("assess.help"))
@click.option("--model", "model_ref", metavar="ID", help=t("assess.help.model"))
@click.option("--role", metavar="ID", help=t("assess.help.role"))
@click.option("--person", metavar="NAME", help=t("assess.help.person"))
@click.option("--answers", metavar="FILE|-", help=t("assess.help.answers"))
@click.option("--resume", is_flag=True, help=t("assess.help.resume"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def assess(app: App, model_ref: str | None, role: str | None, person: str | None, answers: str | None,
           resume: bool, as_json: bool) -> None:
    from careerkit.cli.answers_file import read_answers
    from careerkit.core.assessment import new_record, now
    from careerkit.store import assessments, snapshots
    from careerkit.store.database import session

    if answers is not None:
        if resume:
            raise click.UsageError(t("assess.resume_with_answers"))
        taken = now()
        loaded, who, given = read_answers(app, answers, model_opt=model_ref, person_opt=person,
                                          role_opt=role, now=taken)
        role_id = given.role or (app.config.role if app.config.role and loaded.model.role(app.config.role)
                                 else None)
        record = new_record(loaded.model, loaded.digest, person=who or "", role=role_id,
                            ratings=given.ratings, notes=given.notes, taken_at=given.taken_at or taken)
        with session(app.home.root, write=True) as work:
            snapshots.save(app.home.snapshots_dir, loaded)
            assessments.add(work, record)
    else:
        from careerkit.cli.assess_prompt import run_interactive

        outcome = run_interactive(app, model_ref=model_ref, role=role, person=person, resume=resume)
        if outcome is None:
            return
        loaded, record = outcome
    if as_json:
        app.echo_json(record, "assessment")
        return
    from careerkit.render.assessment_view import print_result

    print_result(app.console, loaded.model, record, app.lang)
    unrated = sum(1 for v in record["ratings"].values() if v is None)
    if answers is not None and unrated:  # indicators left out of a file: say so (--json shows them as null)
        app.console.print(t("answers.unrated", count=unrated, total=len(record["ratings"])), style="yellow")
    app.console.print(t("assess.saved", id=record["id"]), style="dim")
