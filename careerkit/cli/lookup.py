"""What a command looks up in a model for what the store holds: the exact model a record was
taken on, whether a role is in a model, and competency names for habits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careerkit.errors import CareerkitError, InputError, NotFoundError, ValidationFailed

if TYPE_CHECKING:
    from collections.abc import Mapping

    from careerkit.cli.app import App
    from careerkit.model.schema import CompetencyModel


def model_of(app: App, record: Mapping[str, Any]) -> CompetencyModel:
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


def check_role(model: CompetencyModel, role: str | None) -> None:
    if role and model.role(role) is None:
        raise InputError("answers.unknown_role", role=role, model=model.id,
                         known=", ".join(r.id for r in model.roles) or "-")


def competency_names(app: App, habits_or_rows: list[Any]) -> dict[str, str]:
    """Competency id → name in the user's language, from the habits' models (best effort)."""
    def get(item: Any, key: str) -> Any:
        return item.get(key) if isinstance(item, dict) else getattr(item, key, None)

    wanted = {get(h, "competency") for h in habits_or_rows} - {None}
    if not wanted:
        return {}
    names: dict[str, str] = {}
    for ref in [*sorted({get(h, "model") for h in habits_or_rows} - {None}), None]:
        try:
            model = app.model(ref).model
        except CareerkitError:
            continue
        for comp in model.competencies:
            names.setdefault(comp.id, model.text(comp.name, app.lang))
        if wanted <= set(names):
            break
    return names
