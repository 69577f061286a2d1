"""Helpers shared by the commands that read and write assessment records."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.errors import InputError, NotFoundError, ValidationFailed
from careerkit.i18n import t

if TYPE_CHECKING:
    from careerkit.cli.app import App
    from careerkit.core.answers import Answers
    from careerkit.model.loader import LoadedModel
    from careerkit.model.schema import CompetencyModel


def model_of(app: App, record: dict[str, Any]) -> CompetencyModel:
    """The exact model version a record was taken on: its snapshot, else a catalog model of that digest."""
    from careerkit.store import snapshots

    digest = record["model"]["digest"]
    model = snapshots.load(app.home.snapshots_dir, digest)
    if model is not None:
        return model
    try:
        loaded = app.catalog.find(record["model"]["id"])
    except (NotFoundError, ValidationFailed):
        loaded = None
    if loaded is not None and loaded.digest == digest:
        return loaded.model
    raise NotFoundError("history.model_missing", id=record["id"], model=record["model"]["id"],
                        version=record["model"]["version"])


def read_answers(app: App, source: str, *, model_opt: str | None, person_opt: str | None,
                 role_opt: str | None, now: datetime, person_key: str = "person"
                 ) -> tuple[LoadedModel, str | None, Answers]:
    """Read and check an answers file (``-`` = stdin); every problem at once, with lines."""
    from careerkit import yamldoc
    from careerkit.core import answers

    label = "<stdin>" if source == "-" else source
    try:
        if source == "-":
            doc = yamldoc.parse(sys.stdin.buffer.read(), label)
        else:
            doc = yamldoc.read(Path(source), label=label)
    except yamldoc.YamlProblems as exc:
        raise ValidationFailed("answers.invalid", path=label, count=len(exc.problems),
                               details=[str(p) for p in exc.problems]) from None
    data, problems = answers.header(doc)
    file_model = data.get("model") if isinstance(data.get("model"), str) else None
    if model_opt and file_model and model_opt != file_model:
        problems.append(doc.problem(("model",), t("answers.model_mismatch", file_model=file_model,
                                                  option=model_opt)))
    ref = model_opt or file_model or app.config.model
    if not ref:
        problems.append(doc.problem((), t("answers.no_model")))
        raise ValidationFailed("answers.invalid", path=label, count=len(problems),
                               details=[str(p) for p in problems])
    try:
        loaded = app.model(ref)
    except NotFoundError:
        if model_opt:
            raise
        problems.append(doc.problem(("model",), t("answers.unknown_model", id=ref,
                                                  known=", ".join(app.catalog.ids()) or "-")))
        raise ValidationFailed("answers.invalid", path=label, count=len(problems),
                               details=[str(p) for p in problems]) from None
    person = person_opt or (data.get(person_key) if isinstance(data.get(person_key), str) else None)
    if person_key == "person":
        person = person or app.config.person
        if not person or not str(person).strip():
            problems.append(doc.problem((), t("answers.no_person")))
    if person:
        from careerkit.core import names

        reason = names.problem(person)
        if reason:
            problems.append(doc.problem((person_key,) if person_key in data and not person_opt else (),
                                        t(reason, name=repr(person)[:60], limit=names.MAX_LENGTH)))
    result, more = answers.check(doc, loaded.model, now=now, role=role_opt)
    problems += more
    if problems:
        problems.sort(key=lambda p: (p.line, p.column))
        raise ValidationFailed("answers.invalid", path=label, count=len(problems),
                               details=[str(p) for p in problems])
    if person:
        from careerkit.core.names import clean

        person = clean(person)
    return loaded, person or None, result


def check_role(model: CompetencyModel, role: str | None) -> None:
    if role and model.role(role) is None:
        raise InputError("answers.unknown_role", role=role, model=model.id,
                         known=", ".join(r.id for r in model.roles) or "-")
