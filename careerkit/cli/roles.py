"""`careerkit roles`: the career ladder, readiness for each role, and what changes between two roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from careerkit.cli.app import App, pass_app
from careerkit.errors import InputError
from careerkit.i18n import t

if TYPE_CHECKING:
    from careerkit.core.assessment import AssessmentRecord


def _latest(app: App, person: str | None, model_id: str | None, *, say: bool = False) -> AssessmentRecord | None:
    """The person's latest complete assessment (on ``model_id`` when given); None without a person."""
    from careerkit.cli.lookup import say_skipped
    from careerkit.store import assessments
    from careerkit.store.database import session

    who = person or app.config.person
    if not who:
        return None
    with session(app.home.root) as work:
        chosen, skipped = assessments.latest_complete(work, who.strip(), model_id)
    if say:
        say_skipped(app, chosen, skipped)
    return chosen


@click.group(help=t("roles.help"), invoke_without_command=True)
@click.option("--model", "model_ref", metavar="ID", help=t("roles.help.model"))
@click.option("--person", metavar="NAME", help=t("roles.help.person"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@click.pass_context
def roles(ctx: click.Context, model_ref: str | None, person: str | None, as_json: bool) -> None:
    if ctx.invoked_subcommand is not None:
        ctx.meta["roles.model"] = model_ref
        return
    from careerkit.core.planning import ladder, ladder_roots

    app: App = ctx.ensure_object(App)
    latest = None
    if not model_ref and (person or not app.config.model):
        # someone's readiness: the model of their latest assessment (before the profile's)
        latest = _latest(app, person, None)
    loaded = app.model(model_ref or (latest["model"]["id"] if latest else None))
    model = loaded.model
    latest = _latest(app, person, model.id, say=True)
    scores = {cid: v["score"] for cid, v in latest["scores"]["competencies"].items()} if latest else None
    rows = ladder(model, scores, latest["ratings"] if latest else None)
    if not model.roles:
        raise InputError("roles.no_roles", model=model.id)
    data = {"model": {"id": model.id, "version": model.version, "digest": loaded.digest},
            "person": latest["person"] if latest else None, "assessment": latest["id"] if latest else None,
            "current": latest.get("role") if latest else None, "roots": ladder_roots(model), "roles": rows}
    if as_json:
        app.echo_json(data, "ladder")
        return
    from careerkit.render.plan_view import print_ladder

    print_ladder(app.console, model, data, app.lang, asked=(person or app.config.person or "").strip() or None)


@roles.command("diff", help=t("roles.help.diff"))
@click.argument("role_a", metavar="ROLE_A")
@click.argument("role_b", metavar="ROLE_B")
@click.option("--model", "model_ref", metavar="ID", help=t("roles.help.model"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
@click.pass_context
def diff(ctx: click.Context, app: App, role_a: str, role_b: str, model_ref: str | None, as_json: bool) -> None:
    from careerkit.core.planning import resolve_role, role_diff

    model = app.model(model_ref or ctx.meta.get("roles.model")).model
    role_a, role_b = resolve_role(model, role_a), resolve_role(model, role_b)  # ids, titles in any language
    rows = role_diff(model, role_a, role_b)
    if as_json:
        app.echo_json({"model": {"id": model.id, "version": model.version}, "from": role_a, "to": role_b,
                       "competencies": rows}, "role-diff")
        return
    from careerkit.render.plan_view import print_role_diff

    print_role_diff(app.console, model, role_a, role_b, rows, app.lang)
