"""Answers files (`assess --answers`, `review --answers`): read, checked against the model, every problem at once."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from careerkit.cli.lookup import check_role
from careerkit.errors import NotFoundError, ValidationFailed
from careerkit.i18n import t

if TYPE_CHECKING:
    from careerkit.cli.app import App
    from careerkit.core.answers import Answers
    from careerkit.core.assessment import AssessmentRecord
    from careerkit.model.loader import LoadedModel
    from careerkit.yamldoc import Document, Problem


def read_answers(app: App, source: str, *, model_opt: str | None, person_opt: str | None,
                 role_opt: str | None, now: datetime, person_key: str = "person",
                 for_assessment: AssessmentRecord | None = None) -> tuple[LoadedModel, str | None, Answers]:
    """Read and check an answers file (``-`` = stdin); every problem at once, with lines.

    ``for_assessment`` is the assessment a mentor's review file answers: its model is the
    one the file must be for, and a ``person:`` in the file must be that assessment's.
    """
    from careerkit.core import answers

    label = "<stdin>" if source == "-" else source
    doc, problems = _read_document(source, label)
    keys = answers.KEYS if person_key != "person" else tuple(k for k in answers.KEYS if k != "mentor")
    data, more = answers.header(doc, keys)
    problems += more
    if not isinstance(doc.data, dict):  # nothing else can be checked in a file of the wrong shape
        raise _refused(label, problems)
    loaded = _answers_model(app, doc, model_opt, problems, label, for_assessment)
    if for_assessment is not None:
        file_person = data.get("person")
        if isinstance(file_person, str) and file_person.strip() != for_assessment["person"]:
            problems.append(doc.problem(("person",), t("answers.other_person", file_person=file_person,
                                                       person=for_assessment["person"])))
    role_opt = check_role(loaded.model, role_opt)  # an option, not a line of the file: refused on its own
    person = person_opt or (data.get(person_key) if isinstance(data.get(person_key), str) else None)
    if person_key == "person":
        person = person or app.config.person
        if not person or not str(person).strip():
            problems.append(doc.problem((), t("answers.no_person")))
    if person:
        from careerkit.core import person_names as names

        reason = names.problem(person)
        if reason:
            problems.append(doc.problem((person_key,) if person_key in data and not person_opt else (),
                                        t(reason, name=repr(person)[:60], limit=names.MAX_LENGTH)))
    result, more = answers.check(doc, loaded.model, now=now, role=role_opt)
    problems += more
    if problems:
        raise _refused(label, sorted(problems, key=lambda p: (p.line, p.column)))
    if person:
        from careerkit.core.person_names import clean

        person = clean(person)
    return loaded, person or None, result


def _refused(label: str, problems: list[Problem]) -> ValidationFailed:
    return ValidationFailed("answers.invalid", path=label, count=len(problems), details=[str(p) for p in problems])


def _answers_model(app: App, doc: Document, model_opt: str | None, problems: list[Problem],
                   label: str, for_assessment: AssessmentRecord | None = None) -> LoadedModel:
    """The model the answers are for: ``--model``, the file's ``model:``, else the profile's."""
    data = doc.data
    file_model = data.get("model") if isinstance(data.get("model"), str) else None
    if model_opt and file_model and model_opt != file_model:
        app.model(model_opt)  # an unknown --model is the first thing to fix
        # checking the ratings against the other model would only add a line per indicator
        if for_assessment is not None:
            message = t("answers.review_model_mismatch", file_model=file_model, option=model_opt,
                        assessment=for_assessment["id"])
        else:
            message = t("answers.model_mismatch", file_model=file_model, option=model_opt)
        problems.append(doc.problem(("model",), message))
        raise _refused(label, problems)
    ref = model_opt or file_model or app.config.model
    if not ref:
        problems.append(doc.problem((), t("answers.no_model")))
        raise _refused(label, problems)
    try:
        return app.model(ref)
    except NotFoundError:
        if model_opt:
            raise
        from careerkit.model.catalog import did_you_mean

        known = app.catalog.ids()
        problems.append(doc.problem(("model",), t("answers.unknown_model", id=ref, hint=did_you_mean(ref, known),
                                                  known=", ".join(known) or "-")))
        raise _refused(label, problems) from None


def _read_document(source: str, label: str) -> tuple[Document, list[Problem]]:
    """The answers file as a document, and the problems found while reading it.

    Duplicate keys do not stop the checks: they are reported together with everything
    else that is wrong (the first of the duplicates is the one checked).
    """
    from careerkit import yamldoc

    try:
        if source == "-":
            return yamldoc.parse(sys.stdin.buffer.read(yamldoc.MAX_BYTES + 1), label), []  # capped like a file
        return yamldoc.read(Path(source), label=label), []
    except yamldoc.YamlProblems as exc:
        if exc.document is None:
            raise ValidationFailed("answers.invalid", path=label, count=len(exc.problems),
                                   details=[str(p) for p in exc.problems]) from None
        return exc.document, list(exc.problems)
