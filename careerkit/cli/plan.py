"""`careerkit plan`, `plan show`, `plan goal` and `careerkit plans`: personal development plans.

``plan`` takes an optional assessment id *and* has subcommands, which click cannot mix
directly (``plan show`` would read "show" as the id). :class:`~careerkit.cli.routing.RoutingGroup` routes
``plan show …`` and ``plan goal …`` to their subcommands and everything else to the
hidden ``create`` command, whose options ``plan --help`` shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from careerkit.cli.app import App, pass_app
from careerkit.cli.routing import BareCommand, RoutingGroup
from careerkit.errors import CareerkitError, InputError
from careerkit.i18n import t

if TYPE_CHECKING:
    from collections.abc import Mapping

    from careerkit.core.planning import PlanRecord
    from careerkit.model.schema import CompetencyModel

CREATE = "create"
BASES = ("others", "manager", "self", "mentor")  # mentor: the manager basis, as earlier versions named it
FORMATS = ("md", "html", "txt")


SUFFIXES = {"md": "md", "markdown": "md", "html": "html", "htm": "html", "txt": "txt", "text": "txt",
            "pdf": "pdf"}  # a PDF is the HTML page printed by Chromium (careerkit/render/pdf.py)


def format_for(fmt: str | None, output: Path | None) -> str:
    """--format, else what -o FILE's extension names (plan.html → html), else Markdown.

    An extension careerkit cannot write (plan.pdf, plan.docx) is refused with the list it can,
    before anything is saved: a file must hold what its name says."""
    if fmt:
        return fmt
    if output is None or not output.suffix:
        return "md"
    found = SUFFIXES.get(output.suffix.lower().lstrip("."))
    if found == "pdf" and fmt is None:
        from careerkit.render.pdf import browser

        if browser() is None:  # no browser to print with: say so, never HTML under a PDF name
            raise InputError("plan.no_browser", path=str(output))
    if found is None:
        raise InputError("plan.unknown_suffix", path=str(output), suffix=output.suffix,
                         formats=", ".join(f".{s}" for s in SUFFIXES))
    return found


def _output_options(func: Any) -> Any:
    for option in reversed([
        click.option("--format", "fmt", type=click.Choice(FORMATS), help=t("plan.help.format")),
        click.option("--template", "template_file", type=click.Path(dir_okay=False, path_type=Path),
                     metavar="FILE", help=t("plan.help.template")),
        click.option("-o", "--output", type=click.Path(path_type=str), metavar="FILE", help=t("plan.help.output")),
        click.option("--force", is_flag=True, help=t("plan.help.force")),
    ]):
        func = option(func)
    return func


@click.group(cls=RoutingGroup, default=CREATE, usage="[ID] [OPTIONS]", help=t("plan.help"))
def plan() -> None:
    pass


@plan.command(CREATE, cls=BareCommand, hidden=True, help=t("plan.help"))
@click.argument("record_id", metavar="[ID]", required=False)
@click.option("--person", metavar="NAME", help=t("plan.help.person"))
@click.option("--target-role", metavar="ROLE", help=t("plan.help.target_role"))
@click.option("--basis", type=click.Choice(BASES), help=t("plan.help.basis"))
@click.option("--min-raters", type=click.IntRange(min=1), default=3, show_default=True,
              help=t("plan.help.min_raters"))
@click.option("--horizon", type=click.IntRange(7, 730), default=90, show_default=True, metavar="DAYS",
              help=t("plan.help.horizon"))
@click.option("--focus", type=click.IntRange(1, 10), default=3, show_default=True, metavar="N",
              help=t("plan.help.focus"))
@_output_options
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def create(app: App, record_id: str | None, person: str | None, target_role: str | None, basis: str | None,
           min_raters: int, horizon: int, focus: int, fmt: str | None, template_file: Path | None, output: str | None,
           force: bool, as_json: bool) -> None:
    from careerkit.cli.lookup import model_of, say_skipped
    from careerkit.core.assessment import now
    from careerkit.core.planning import build_plan, same_plan
    from careerkit.store import assessments, plans, reviews
    from careerkit.store.database import session

    fmt = format_for(fmt, _file_named(output))
    with session(app.home.root) as work:
        if record_id:
            record = assessments.find(work, record_id)
            if record["scores"].get("partial"):  # asked for by id: planned on, and said to be partial
                app.err_console.print(t("scores.plan_on_partial", id=record["id"], rated=record["scores"]["rated"],
                                        total=record["scores"]["indicators"]), style="yellow")
        else:
            who = app.person(person)
            latest, skipped = assessments.latest_complete(work, who)
            if latest is None:
                raise InputError("plan.no_history", person=who)
            say_skipped(app, latest, skipped)
            record = latest
        review = _manager(work, record, reviews.latest_for(work, record))
        earlier = plans.records(work, record["person"])
        from careerkit.store import quizzes

        quiz = quizzes.latest(work, record["person"], record["model"]["id"])
    model = model_of(app, record)
    target = _target_role(model, record, target_role)
    pooled = _pooled(app, record, min_raters)
    basis = "manager" if basis == "mentor" else basis
    basis = basis or ("others" if pooled else "manager" if review else "self")
    if basis == "manager" and review is None:
        raise InputError("plan.no_review", id=record["id"])
    if basis == "others" and pooled is None:
        raise InputError("plan.no_others", id=record["id"], min=min_raters)
    created = now()
    built = build_plan(model, record, review=review, basis=basis, target_role=target, horizon=horizon,
                       focus=focus, start=created.date(), created_at=created, quiz=quiz, pooled=pooled)
    built["min_raters"] = min_raters  # with the basis: what the 360° report it was chosen on required
    # the same choices on the same day make the same plan: show that one (goals tracked and all)
    # rather than a duplicate, so `plan` then `plan --format html -o FILE` is one plan, one id
    existing = next((p for p in reversed(earlier) if same_plan(p, built)), None)
    stored = existing or built
    if as_json:
        if existing is None:
            with session(app.home.root, write=True) as work:
                plans.add(work, stored)
        app.echo_json(plan_json(stored, None), "plan")
        return
    text = _render(app, model, stored, fmt, template_file, progress=None)
    out_file = _output_file(output, stored, fmt)
    data = _file_bytes(text, fmt, out_file)  # a PDF that cannot be printed stops here: nothing saved
    if existing is None or out_file is not None:
        with session(app.home.root, write=True) as work:
            if existing is None:
                plans.add(work, stored)
            if out_file is not None:  # with the plan's commit: both saved or neither
                work.write_output(out_file, data, force=force)
    _deliver(app, text, fmt, out_file)
    click.echo(t("plan.same_as" if existing else "plan.saved", id=stored["id"]), err=True)


def _manager(work: Any, record: Mapping[str, Any], review: Any) -> Any:
    """The one named rater of the manager basis, as the 360° report takes it: the manager's
    latest answer to a review request of ``record``, else its latest mentor ``review``."""
    from careerkit.core.raters import MANAGER, answered
    from careerkit.store import raters

    managers = [a for a in answered(raters.for_assessment(work, record["id"])) if a.group == MANAGER]
    if not managers:
        return review
    found = managers[-1]
    return {"id": None, "mentor": found.name, "ratings": dict(found.ratings), "comment": found.comment,
            "notes": dict(found.notes)}


def _pooled(app: App, record: Mapping[str, Any], min_raters: int) -> dict[str, Any] | None:
    """The report's pooled *others* of ``record`` at ``min_raters``, or None when it is withheld."""
    from careerkit.cli.raters import report_for

    return report_for(app, record["id"], min_raters)[2]["others"]


def _target_role(model: CompetencyModel, record: Mapping[str, Any], option: str | None) -> str | None:
    """--target-role, else the first of the current role's next, else the current role, else none."""
    if option:
        from careerkit.core.planning import resolve_role

        return resolve_role(model, option, "plan.unknown_role")
    current = model.role(record["role"]) if record.get("role") else None
    if current is None:
        return None
    return next((n for n in current.next if model.role(n) is not None), current.id)


def _render(app: App, model: CompetencyModel, stored: PlanRecord, fmt: str, template_file: Path | None,
            progress: dict[str, Any] | None) -> str:
    from careerkit.core.assessment import now
    from careerkit.render.plan_view import plan_context
    from careerkit.render.templates import render

    fmt = "html" if fmt == "pdf" else fmt  # a PDF is the HTML page, printed
    context = plan_context(model, stored, app.lang, progress=progress, generated=now().isoformat())
    return render(f"plan.{fmt}.j2", context, user_dir=app.home.templates_dir, template_file=template_file,
                  html=fmt == "html")


def _file_named(output: str | None) -> Path | None:
    """The file an ``-o`` names, for its extension; None when it names none or a folder
    (``-o DIR/``, made if need be: see :func:`_output_file`)."""
    from careerkit.store.files import output_folder

    return None if output is None or output_folder(output) is not None else Path(output)


def _output_file(output: str | None, stored: PlanRecord, fmt: str) -> Path | None:
    """Where ``-o`` writes the plan: the file named, or in a folder a file named after the person and plan."""
    from careerkit.store.files import output_target

    return None if output is None else output_target(output, f"{stored['person']}-plan-{stored['id']}", f".{fmt}")


def _file_bytes(text: str, fmt: str, output: Path | None) -> bytes:
    if fmt != "pdf":
        return text.encode("utf-8")
    from careerkit.render.pdf import html_to_pdf

    return html_to_pdf(text, name=str(output))


def _deliver(app: App, text: str, fmt: str, output: Path | None) -> None:
    if output is not None:
        click.echo(t("plan.written", path=str(output)), err=True)
        return
    from careerkit.render.plan_view import print_document

    print_document(app.console, text, fmt)


@plan.command("show", help=t("plan.help.show"), short_help=t("plan.help.show_short"))
@click.argument("plan_id", metavar="PLAN_ID")
@_output_options
@pass_app
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
def show(app: App, plan_id: str, fmt: str | None, template_file: Path | None, output: str | None, force: bool,
         as_json: bool) -> None:
    from careerkit.cli.lookup import model_of
    from careerkit.store import plans
    from careerkit.store.database import session
    from careerkit.store.files import write_output

    fmt = format_for(fmt, _file_named(output))
    with session(app.home.root) as work:
        stored = plans.find(work, plan_id)
        model = model_of(app, stored)
        progress = _progress(app, work, stored, model)
    if progress is not None and "unavailable" in progress:
        key = "plan.no_others_for_progress" if stored["basis"] == "others" else "plan.no_review_for_progress"
        app.err_console.print(t(key, id=progress["unavailable"]), style="yellow")
        progress = None
    if as_json:
        app.echo_json(plan_json(stored, progress), "plan")
        return
    text = _render(app, model, stored, fmt, template_file, progress)
    target = _output_file(output, stored, fmt)
    if target is not None:
        write_output(target, _file_bytes(text, fmt, target), force=force)
    _deliver(app, text, fmt, target)


def _progress(app: App, work: Any, stored: PlanRecord, model: CompetencyModel) -> dict[str, Any] | None:
    """Progress toward each target shown by the person's newest later assessment on the same model,
    on the plan's basis: for *others*, that assessment's 360° report's pooled figures."""
    from careerkit.core.planning import progress
    from careerkit.store import assessments, reviews

    found = assessments.records(work, stored["person"], stored["model"]["id"])
    later = [r for r in found if r["taken_at"] > stored["assessment_taken_at"] and r["id"] != stored["assessment"]]
    if not later:
        return None
    newest = later[-1]
    scores = {cid: v["score"] for cid, v in newest["scores"]["competencies"].items()}
    if stored["basis"] == "others":
        # the newest later assessment whose 360° report shows pooled others figures
        least = stored.get("min_raters", 3)  # plans made before --min-raters: the default then
        reported = next(((r, p) for r in reversed(later) if (p := _pooled(app, r, least)) is not None), None)
        if reported is None:
            return {"unavailable": newest["id"]}
        from careerkit.core.planning import pooled_basis

        newest, scores = reported[0], pooled_basis(model, reported[1])[1]
    elif stored["basis"] in ("manager", "mentor"):
        # every figure on the plan's one basis: the mentor's view now, against the mentor's view then
        review = _manager(work, newest, reviews.latest_for(work, newest))
        if review is None:
            return {"unavailable": newest["id"]}
        from careerkit.core.planning import basis_ratings
        from careerkit.core.scoring import competency_scores

        scores = competency_scores(model, basis_ratings(model, newest["ratings"], review["ratings"]))
    return {**progress(stored, newest, scores), "basis": stored["basis"]}


def plan_json(stored: Mapping[str, Any], progress: dict[str, Any] | None) -> dict[str, Any]:
    """The saved plan as `plan --json` gives it: each goal with ``role_target`` (plans saved before
    interim targets: the target itself), and the progress on the plan's basis when known."""
    focus = [{**area, "role_target": area.get("role_target", area["target"])} for area in stored["focus"]]
    return {**stored, "focus": focus, "progress": progress}


@plan.command("goal", help=t("plan.help.goal"), short_help=t("plan.help.goal_short"))
@click.argument("plan_id", metavar="PLAN_ID")
@click.argument("goal", metavar="GOAL")
@click.argument("status", type=click.Choice(("done", "active", "dropped")))
@pass_app
def goal(app: App, plan_id: str, goal: str, status: str) -> None:
    from careerkit.core.assessment import now
    from careerkit.core.planning import goal_index, with_goal_status
    from careerkit.store import plans
    from careerkit.store.database import session

    with session(app.home.root) as work:
        stored = plans.find(work, plan_id)
    names = _competency_names(app, stored)
    with session(app.home.root, write=True) as work:
        stored = plans.find(work, plan_id)
        updated = with_goal_status(stored, goal, status, now(), names)
        plans.save(work, updated)
    index = goal_index(updated, goal, names)
    competency = updated["focus"][index]["competency"]
    click.echo(t("plan.goal_set", number=index + 1, competency=names.get(competency, competency),
                 plan=updated["id"], status=t(f"plan.status.{status}")))


def _competency_names(app: App, stored: Mapping[str, Any]) -> dict[str, str]:
    """Competency id → name in the user's language; ids only when the plan's model is gone."""
    from careerkit.cli.lookup import model_of

    try:
        model = model_of(app, stored)
    except CareerkitError:
        return {}
    return {c.id: model.text(c.name, app.lang) for c in model.competencies}


@click.command(help=t("help.plans"))
@click.option("--person", metavar="NAME", help=t("plan.help.person_filter"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def plans(app: App, person: str | None, as_json: bool) -> None:
    from careerkit.cli.lookup import model_of
    from careerkit.render.plan_view import plan_summary, print_plans
    from careerkit.store import plans as plan_store
    from careerkit.store.database import session

    with session(app.home.root) as work:
        found = plan_store.records(work, person.strip() if person else None)
    if not found and not as_json:
        click.echo(t("plan.none"))
        return
    models: dict[str, CompetencyModel | None] = {}
    rows = []
    for stored in found:
        digest = stored["model"]["digest"]
        if digest not in models:
            try:
                models[digest] = model_of(app, stored)
            except CareerkitError:
                models[digest] = None  # the list still shows the ids
        rows.append(plan_summary(stored, models[digest], app.lang))
    if as_json:
        app.echo_json(rows, "plans")  # oldest first, as `history --json`
        return
    print_plans(app.console, rows[::-1])
