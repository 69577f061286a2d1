"""What a command looks up in a model for what the store holds: the exact model a record was
taken on, whether a role is in a model, and competency names for habits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careerkit.errors import CareerkitError, NotFoundError, ValidationFailed
from careerkit.i18n import t

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from careerkit.cli.app import App
    from careerkit.core.migration import Carry
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


def check_role(model: CompetencyModel, role: str | None) -> str | None:
    """The id of the role an option names (by id or title, in any language); unknown: exit 2."""
    if not role:
        return role
    from careerkit.core.planning import resolve_role

    return resolve_role(model, role, "answers.unknown_role")


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


def model_versions(app: App) -> Callable[[str, str], CompetencyModel | None]:
    """``lookup(model id, version)``: that version's model from a snapshot, else from the catalog.

    Used to chain migration maps through an intermediate version and to check a map's old ids.
    """
    from careerkit.core.migration import version_key
    from careerkit.store import snapshots

    cache: dict[tuple[str, tuple[tuple[int, str], ...]], CompetencyModel | None] = {}
    entries: list[Any] = []

    def find(model_id: str, version: str) -> CompetencyModel | None:
        found = snapshots.of_version(app.home.snapshots_dir, model_id, version)
        if found is None:
            if not entries:
                entries.append(app.catalog.entries())
            found = next((e.loaded.model for e in entries[0] if e.loaded is not None
                          and e.loaded.model.id == model_id
                          and version_key(e.loaded.model.version) == version_key(version)), None)
        return found

    def lookup(model_id: str, version: str) -> CompetencyModel | None:
        key = (model_id, version_key(version))
        if key not in cache:
            try:
                cache[key] = find(model_id, version)
            except CareerkitError:  # an unusable home or catalog: that version is simply not known
                cache[key] = None
        return cache[key]

    return lookup


def carry_into(app: App, record: dict[str, Any], model: CompetencyModel,
               lookup: Callable[[str, str], CompetencyModel | None] | None = None,
               ) -> tuple[dict[str, Any], Carry]:
    """``record`` scored on ``model`` (through the migration maps when it was taken on another version)."""
    from careerkit.model.loader import digest

    carried, plans = carry_all(app, [record], model, digest(model), lookup)
    return carried[0], plans[record["model"]["digest"]][1]


def carry_all(app: App, records: list[dict[str, Any]], model: CompetencyModel, model_digest: str,
              lookup: Callable[[str, str], CompetencyModel | None] | None = None,
              ) -> tuple[list[dict[str, Any]], dict[str, tuple[list[str], Carry]]]:
    """Every record scored on ``model``; and per model digest met, the ids of its records and how they carry.

    Records taken on ``model`` itself are returned as they are; the stored ones never change.
    """
    from careerkit.core import migration

    lookup = lookup or model_versions(app)
    plans: dict[str, tuple[list[str], Carry]] = {}
    out = []
    for record in records:
        ref = record["model"]
        if ref["digest"] not in plans:
            plans[ref["digest"]] = ([], migration.plan(list(record["ratings"]), ref["version"], model,
                                                       lambda version: lookup(model.id, version)))
        ids, carry = plans[ref["digest"]]
        ids.append(record["id"])
        out.append(record if ref["digest"] == model_digest else migration.carried_record(record, model, carry))
    return out, plans


def say_skipped(app: App, chosen: Mapping[str, Any] | None, skipped: Sequence[Mapping[str, Any]]) -> None:
    """On standard error: which partial assessments were passed over for ``chosen``, or that it is partial."""

    if chosen is None:
        return
    if skipped:
        app.err_console.print(t("scores.skipped_partial", count=len(skipped), ids=", ".join(r["id"] for r in skipped),
                                id=chosen["id"], date=chosen["taken_at"][:10]), style="yellow")
    elif chosen.get("scores", {}).get("partial"):
        app.err_console.print(t("scores.only_partial", id=chosen["id"], date=chosen["taken_at"][:10]), style="yellow")
