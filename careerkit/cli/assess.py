"""`careerkit assess`: the main job — rate yourself against a competency model."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import click

from careerkit.cli.app import App, pass_app
from careerkit.errors import InputError
from careerkit.i18n import t


@click.command(help=t("assess.help"))
@click.option("--model", "model_ref", metavar="ID", help=t("assess.help.model"))
@click.option("--role", metavar="ID", help=t("assess.help.role"))
@click.option("--person", metavar="NAME", help=t("assess.help.person"))
@click.option("--answers", metavar="FILE|-", help=t("assess.help.answers"))
@click.option("--resume", is_flag=True, help=t("assess.help.resume"))
@click.option("--allow-partial", is_flag=True, help=t("scores.help_allow_partial"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def assess(app: App, model_ref: str | None, role: str | None, person: str | None, answers: str | None,
           resume: bool, allow_partial: bool, as_json: bool) -> None:
    from careerkit.cli.answers_file import read_answers
    from careerkit.core.assessment import new_record, now
    from careerkit.store import assessments, snapshots
    from careerkit.store.database import session

    if allow_partial and answers is None:
        raise click.UsageError(t("scores.allow_partial_alone"))
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
        if record["scores"]["partial"] and not allow_partial:
            _refuse_partial(loaded.model, record, app.lang)
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
    from careerkit.render.plain import plain_width

    width = plain_width()
    if width is not None:  # a file or a pipe: what rich would print, without rich
        from careerkit.render.result_plain import result_lines, said

        lines = result_lines(loaded.model, record, app.lang, width)
    if width is None or lines is None:
        from careerkit.render.assessment_view import print_result

        print_result(app.console, loaded.model, record, app.lang)
    else:
        click.echo("\n".join(lines))
    from careerkit.cli.quiz import beside_latest

    beside_latest(app, loaded.model, record)
    unrated = sum(1 for v in record["ratings"].values() if v is None)
    notes = [t("assess.saved", id=record["id"])]
    if answers is not None and unrated:  # indicators left out of a file: say so (--json shows them as null)
        notes.insert(0, t("answers.unrated", count=unrated, total=len(record["ratings"])))
    for note, style in zip(notes, ["yellow", "dim"][-len(notes):], strict=True):
        plain = said(note, width) if width is not None else None
        if plain is None:
            app.console.print(note, style=style)
        else:
            click.echo("\n".join(plain))


def _refuse_partial(model: Any, record: Mapping[str, Any], lang: str) -> None:
    """A partial assessment from an answers file: what is missing, exit 2, nothing saved."""
    from careerkit.core.scoring import coverage

    role = model.role(record["role"]) if record.get("role") else None
    rated, total, missing = coverage(model, record["ratings"], role)
    details = []
    if 2 * rated < total:
        details.append(t("scores.partial_refused_half", count=(total + 1) // 2 - rated))
    for cid in missing:  # missing competencies are a role's: role is set
        details.append(t("scores.partial_refused_missing", role=model.text(role.title if role else "", lang), id=cid,
                                name=model.text(model.competency(cid).name, lang)))
    for comp in model.competencies:
        unrated = [f"{comp.id}.{i.id}" for i in comp.indicators if record["ratings"].get(f"{comp.id}.{i.id}") is None]
        if unrated and comp.id not in missing:
            details.append(t("scores.partial_refused_unrated", name=model.text(comp.name, lang),
                                    ids=", ".join(unrated)))
    raise InputError("scores.partial_refused", rated=rated, total=total, details=details)
