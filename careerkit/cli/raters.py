"""`careerkit review request|collect|status|close|report`: multi-rater (360°) reviews with packets.

The coordinator runs these in their own home. Packets go out as files, answers come
back as files, and stay in the coordinator's store (:mod:`careerkit.store.raters`);
the report shows groups, never a rater's name but the manager's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from careerkit.cli.app import App, pass_app
from careerkit.errors import CareerkitError, InputError, ValidationFailed
from careerkit.i18n import t

if TYPE_CHECKING:
    from datetime import datetime

    from careerkit.model.schema import CompetencyModel

FORMATS = ("md", "html", "txt")
PACKET_KEYS = ("request", "packet", "rater", "group", "model", "person", "ratings", "notes", "comment")


@click.command("request", help=t("raters.help.request"))
@click.argument("record_id", metavar="ASSESSMENT")
@click.option("--rater", "specs", multiple=True, metavar="NAME:GROUP", help=t("raters.help.rater"))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              metavar="DIR", help=t("raters.help.out_dir"))
@click.option("--due", metavar="DATE", help=t("raters.help.due"))
@click.option("--force", is_flag=True, help=t("raters.help.force"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def request(app: App, record_id: str, specs: tuple[str, ...], out_dir: Path, due: str | None, force: bool,
            as_json: bool) -> None:
    from careerkit.cli.lookup import model_of
    from careerkit.core import raters
    from careerkit.core.assessment import now
    from careerkit.core.bundle import safe_file_stem
    from careerkit.render.rater_packet import packet_context, packet_yaml
    from careerkit.render.templates import render
    from careerkit.store import assessments
    from careerkit.store import raters as store
    from careerkit.store.database import session
    from careerkit.store.files import check_output, write_output

    parsed = [raters.parse_spec(spec) for spec in specs]
    taken = now()
    due_at = _due(due, taken)
    with session(app.home.root) as work:
        record = assessments.find(work, record_id)
    model = model_of(app, record)
    made = raters.new_request(model, record["model"]["digest"], record, parsed, taken)
    if due_at is not None:
        made["due"] = due_at.isoformat()
    if not out_dir.is_dir():
        if out_dir.exists() or not out_dir.parent.is_dir():
            raise InputError("raters.no_dir", path=str(out_dir))
        out_dir.mkdir()
    stems: set[str] = set()
    outputs: list[tuple[Path, bytes]] = []
    for rater in made["raters"]:
        stem = safe_file_stem(rater["name"], fallback="rater")
        if stem.casefold() in stems:
            stem = f"{stem}-{rater['packet'][:6]}"
        stems.add(stem.casefold())
        yaml_text = packet_yaml(model, made, rater, record, app.lang)
        html = render("rater-packet.html.j2", packet_context(model, made, rater, record, app.lang,
                                                             f"{stem}.answers.yaml"), html=True)
        rater["files"] = [f"{stem}.answers.yaml", f"{stem}.html"]
        outputs += [(out_dir / f"{stem}.answers.yaml", yaml_text.encode("utf-8")),
                    (out_dir / f"{stem}.html", html.encode("utf-8"))]
    for path, _data in outputs:  # every packet can be written, or none is
        check_output(path, force=force)
    with session(app.home.root, write=True) as work:
        store.add(work, made)
        for path, data in outputs:
            write_output(path, data, force=force)
    if as_json:
        app.echo_json({"request": made["id"], "assessment": record["id"], "due": made.get("due"),
                       "raters": [{"name": r["name"], "group": r["group"], "files": r["files"]}
                                  for r in made["raters"]]}, "review-request")
        return
    from rich.markup import escape

    app.console.print(t("raters.requested", id=made["id"], count=len(made["raters"]), dir=escape(str(out_dir))))
    for rater in made["raters"]:
        app.console.print(f"  {escape(rater['name'])} ({rater['group']}): {escape(', '.join(rater['files']))}")
    app.console.print(t("raters.requested_next", id=made["id"]), style="dim")


def _due(value: str | None, taken: datetime) -> datetime | None:
    if value is None:
        return None
    from datetime import timedelta

    from careerkit.core.answers import parse_date

    try:
        found = parse_date(value, taken)
    except ValueError:
        raise InputError("raters.bad_due", value=value) from None
    if len(value) == 10:
        found += timedelta(days=1)  # a date: the whole of that day
    if found < taken:
        raise InputError("raters.due_past", value=value)
    return found


@click.command("collect", help=t("raters.help.collect"))
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path), metavar="FILE...")
@click.option("--replace", is_flag=True, help=t("raters.help.replace"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def collect(app: App, files: tuple[Path, ...], replace: bool, as_json: bool) -> None:
    from careerkit.core.assessment import now
    from careerkit.store import raters as store
    from careerkit.store.database import session

    taken_at = now()
    taken: list[dict[str, Any]] = []
    unchanged: list[dict[str, Any]] = []
    refused: list[dict[str, Any]] = []
    with session(app.home.root, write=True) as work:
        requests = store.records(work)
        changed: dict[str, dict[str, Any]] = {}
        for path in files:
            try:
                outcome, request, rater = _take(app, path, requests, taken_at, replace)
            except CareerkitError as exc:
                refused.append({"file": str(path), "reason": exc.message(), "details": exc.details})
                continue
            row = {"file": str(path), "request": request["id"], "rater": rater["name"], "group": rater["group"]}
            (taken if outcome else unchanged).append(row)
            if outcome:
                changed[request["id"]] = request
        for request in changed.values():
            store.replace(work, request)
    if as_json:
        app.echo_json({"taken": taken, "unchanged": unchanged, "refused": refused}, "review-collect")
    else:
        from rich.markup import escape

        for row in taken:
            app.console.print(t("raters.taken", file=escape(row["file"]), name=escape(row["rater"]),
                                group=row["group"], request=row["request"]))
        for row in unchanged:
            app.console.print(t("raters.unchanged", file=escape(row["file"]), name=escape(row["rater"])),
                              style="dim")
    if refused:
        details = []
        for row in refused:
            details.append(t("raters.refused_file", file=row["file"], reason=row["reason"]))
            details += [f"  {line}" for line in row["details"]]
        raise InputError("raters.some_refused", count=len(refused), total=len(files), details=details)


def _take(app: App, path: Path, requests: list[dict[str, Any]], taken_at: datetime, replace: bool,
          ) -> tuple[bool, dict[str, Any], dict[str, Any]]:
    """Check one returned packet and put its answer into its request (in memory); whether it changed."""
    from careerkit import yamldoc
    from careerkit.core import answers, raters

    label = str(path)
    if not path.is_file():
        raise InputError("raters.no_file")
    try:
        doc = yamldoc.read(path, label=label)
        problems: list[yamldoc.Problem] = []
    except yamldoc.YamlProblems as exc:
        if exc.document is None:
            raise ValidationFailed("raters.invalid", count=len(exc.problems),
                                   details=[str(p) for p in exc.problems]) from None
        doc, problems = exc.document, list(exc.problems)
    data, more = answers.header(doc, PACKET_KEYS)
    problems += more
    if not isinstance(doc.data, dict):
        raise ValidationFailed("raters.invalid", count=len(problems), details=[str(p) for p in problems])
    packet = data.get("packet")
    if not isinstance(packet, str) or not packet.strip():
        raise InputError("raters.no_packet", details=[str(doc.problem(("packet",), t("raters.no_packet")))])
    found = next(((req, r) for req in requests for r in req["raters"] if r["packet"] == packet.strip()), None)
    if found is None:
        raise InputError("raters.foreign")
    request, rater = found
    expected = {"request": request["id"], "rater": rater["name"], "group": rater["group"],
                "model": request["model"]["id"], "person": request["person"]}
    for key, value in expected.items():
        if key in data and data[key] != value:
            raise InputError("raters.tampered", details=[str(doc.problem(
                (key,), t("raters.tampered_key", key=key, got=str(data[key])[:60], expected=value)))])
    if request.get("status") == "closed":
        raise InputError("raters.late_closed", request=request["id"])
    if request.get("due") and taken_at.isoformat() > request["due"]:
        raise InputError("raters.late_due", request=request["id"], due=request["due"][:16])
    comment = data.get("comment")
    if comment is not None and not isinstance(comment, str):
        problems.append(doc.problem(("comment",), t("answers.not_text", got=type(comment).__name__)))
    model = _model(app, request)
    given, more = answers.check(doc, model, now=taken_at, role=None)
    problems += more
    if problems:
        raise ValidationFailed("raters.invalid", count=len(problems),
                               details=[str(p) for p in sorted(problems, key=lambda p: (p.line, p.column))])
    answer = raters.new_answer(model, given.ratings, given.notes, comment if isinstance(comment, str) else None,
                               taken_at)
    earlier = rater.get("answer")
    if earlier and earlier["digest"] == answer["digest"]:
        return False, request, rater
    if earlier and not replace:
        raise InputError("raters.answered_differently", date=earlier["received_at"][:16])
    rater["answer"] = answer
    rater["status"] = "answered"
    return True, request, rater


def _model(app: App, request: dict[str, Any]) -> CompetencyModel:
    from careerkit.cli.lookup import model_of

    return model_of(app, {"id": request["assessment"], "model": request["model"]})


@click.command("status", help=t("raters.help.status"))
@click.argument("request_id", metavar="[REQUEST]", required=False)
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def status(app: App, request_id: str | None, as_json: bool) -> None:
    from careerkit.core.raters import status_rows
    from careerkit.store import raters as store
    from careerkit.store.database import session

    with session(app.home.root) as work:
        found = [store.find(work, request_id)] if request_id else store.records(work)
    items = [{"request": r["id"], "assessment": r["assessment"], "person": r["person"], "status": r["status"],
              "created_at": r["created_at"], "due": r.get("due"), "raters": status_rows(r)} for r in found]
    if as_json:
        app.echo_json(items if request_id is None else items[0], "review-status")
        return
    from careerkit.render.raters_view import print_status

    print_status(app.console, items)


@click.command("close", help=t("raters.help.close"))
@click.argument("request_id", metavar="REQUEST")
@pass_app
def close(app: App, request_id: str) -> None:
    from careerkit.store import raters as store
    from careerkit.store.database import session

    with session(app.home.root, write=True) as work:
        found = store.find(work, request_id)
        found["status"] = "closed"
        store.replace(work, found)
        dropped = store.drop_request_drafts(work, found)
    app.console.print(t("raters.closed", id=found["id"]))
    if dropped:
        app.console.print(t("raters.closed_drafts", n=dropped))


@click.command("report", help=t("raters.help.report"))
@click.argument("record_id", metavar="ASSESSMENT")
@click.option("--min-raters", type=click.IntRange(min=1), default=3, show_default=True,
              help=t("raters.help.min_raters"))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help=t("raters.help.format"))
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="FILE", help=t("raters.help.output"))
@click.option("--force", is_flag=True, help=t("raters.help.force"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def report(app: App, record_id: str, min_raters: int, fmt: str | None, output: Path | None, force: bool,
           as_json: bool) -> None:
    from careerkit.core import raters as core
    from careerkit.store.files import check_output, write_output

    if output is not None:
        check_output(output, force=force)
    model, record, result = report_for(app, record_id, min_raters)
    if as_json:
        app.echo_json(core.report_json(result), "review-report")
        return
    if fmt is None and output is None:
        from careerkit.render.raters_view import print_report

        print_report(app.console, model, result, app.lang)
        return
    from careerkit.core.assessment import now
    from careerkit.render.raters_view import report_context
    from careerkit.render.templates import render

    fmt = fmt or (output.suffix.lstrip(".").lower() if output and output.suffix.lstrip(".").lower() in FORMATS
                  else "md")
    text = render(f"review-report.{fmt}.j2", report_context(model, record, result, app.lang, now().isoformat()),
                  user_dir=app.home.templates_dir, html=fmt == "html")
    if output is None:
        click.echo(text, nl=False)
        return
    write_output(output, text.encode("utf-8"), force=force)
    click.echo(t("raters.written", path=str(output)), err=True)


def report_for(app: App, record_id: str, min_raters: int = 3,
               ) -> tuple[CompetencyModel, Any, dict[str, Any]]:
    """The multi-rater report of one assessment: every answer of every request, and its latest mentor review."""
    from careerkit.cli.lookup import model_of
    from careerkit.core import raters as core
    from careerkit.core.observations import evidence
    from careerkit.store import assessments, observations, reviews
    from careerkit.store import raters as store
    from careerkit.store.database import session

    with session(app.home.root) as work:
        record = assessments.find(work, record_id)
        requests = store.for_assessment(work, record["id"])
        mentor = reviews.latest_for(work, record)
        observed = observations.records(work, record["person"])
    model = model_of(app, record)
    latest: dict[str, core.Rating] = {}
    for rating in core.answered(requests):  # a rater asked twice counts once: their latest answer
        latest[rating.name.casefold()] = rating
    result = core.report(model, record, list(latest.values()), min_raters=min_raters, mentor=mentor)
    result["observations"] = evidence(model, observed)
    return model, record, result


def in_person(app: App, record_id: str, name: str, group: str, answers: str | None, note: str | None,
              as_json: bool, resume: bool = False) -> None:
    """``review ID --rater NAME:GROUP``: a rater of an open request answers at the coordinator's terminal,
    through the assess questionnaire; the answer goes into the request as a returned packet would."""
    from careerkit.cli.review import _from_file
    from careerkit.core import raters
    from careerkit.core.assessment import now
    from careerkit.store import assessments
    from careerkit.store import raters as store
    from careerkit.store.database import session

    with session(app.home.root) as work:
        record = assessments.find(work, record_id)
        found = [(req, r) for req in store.for_assessment(work, record["id"]) if req["status"] == "open"
                 for r in req["raters"] if r["name"].casefold() == name.casefold() and r["group"] == group]
    if not found:
        raise InputError("raters.not_in_request", name=name, group=group, assessment=record["id"])
    request_id, packet = found[-1][0]["id"], found[-1][1]["packet"]
    name = found[-1][1]["name"]  # as the request spells it
    model = _model(app, found[-1][0])

    def put(work: Any, answer: dict[str, Any]) -> None:
        request = store.find(work, request_id)
        rater = next(r for r in request["raters"] if r["packet"] == packet)
        if rater.get("answer") and rater["answer"]["digest"] != answer["digest"]:
            raise InputError("raters.answered_differently", date=rater["answer"]["received_at"][:16])
        rater["answer"], rater["status"] = answer, "answered"
        store.replace(work, request)

    if answers is not None:
        ratings, notes, _who, _when = _from_file(app, model, record, answers, name, now())
        with session(app.home.root, write=True) as work:
            put(work, raters.new_answer(model, ratings, notes, note, now()))
    else:
        earlier = found[-1][1].get("answer")
        if earlier:  # said before the questions, not after them: nothing typed is lost
            raise InputError("raters.answered_already", name=name, group=group, request=request_id,
                             date=earlier["received_at"][:16])
        from careerkit.cli.review_prompt import Given, run_review

        def finish(work: Any, given: Given) -> bool:
            put(work, raters.new_answer(model, given.ratings, given.notes, given.comment, now()))
            return True

        if run_review(app, model, record, rater=name, group=group, intro="raters.in_person_intro", comment=note,
                      resume=resume, preview=lambda _given: None, finish=finish, rater_option="--rater") is None:
            return
    if as_json:
        app.echo_json({"request": request_id, "rater": name, "group": group, "status": "answered"}, "review-collect")
        return
    from rich.markup import escape

    app.console.print(t("raters.taken_in_person", name=escape(name), group=group, request=request_id))
