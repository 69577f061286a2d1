"""Terminal and JSON views of competency models (``careerkit models``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from careerkit.i18n import t

if TYPE_CHECKING:
    from rich.console import Console

    from careerkit.model.catalog import Entry
    from careerkit.model.loader import LoadedModel


def _counts(loaded: LoadedModel) -> dict[str, int]:
    model = loaded.model
    return {
        "competencies": len(model.competencies),
        "indicators": sum(len(c.indicators) for c in model.competencies),
        "roles": len(model.roles),
    }


def entry_json(entry: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": entry.model_id,
        "path": str(entry.path),
        "source": entry.source.label,
        "valid": entry.loaded is not None,
        "shadowed_by": str(entry.shadowed_by) if entry.shadowed_by else None,
    }
    if entry.loaded is not None:
        model = entry.loaded.model
        out.update(version=model.version, title=model.title, language=model.language,
                   digest=entry.loaded.digest, **_counts(entry.loaded))
    else:
        out["problems"] = len(entry.problems)
    return out


def print_list(console: Console, entries: list[Entry], lang: str) -> None:
    from rich.table import Table

    table = Table(title=t("models.list_title"), title_justify="left", show_edge=False, pad_edge=False)
    table.add_column(t("models.col.id"), no_wrap=True)
    table.add_column(t("models.col.version"), no_wrap=True)
    table.add_column(t("models.col.title"), ratio=1)
    for column in ("competencies", "indicators", "roles"):
        table.add_column(t(f"models.col.{column}"), justify="right", no_wrap=True)
    table.add_column(t("models.col.source"), no_wrap=True)
    notes: list[str] = []
    for entry in entries:
        source = t("models.source." + entry.source.label)
        if entry.source.label != "builtin":
            source += f" {entry.path.name}"
        if entry.loaded is None:
            table.add_row(entry.model_id or entry.path.stem, "", f"[red]{t('models.invalid')}[/]",
                          "", "", "", source)
            notes.append(t("models.invalid_hint", path=str(entry.path), count=len(entry.problems)))
            continue
        model = entry.loaded.model
        counts = _counts(entry.loaded)
        style = "dim" if entry.shadowed_by else ""
        table.add_row(model.id, model.version, model.text(model.title, lang), str(counts["competencies"]),
                      str(counts["indicators"]), str(counts["roles"]), source, style=style)
        if entry.shadowed_by:
            notes.append(t("models.shadowed", path=str(entry.path), by=str(entry.shadowed_by)))
    console.print(table)
    for note in notes:
        console.print(note, style="yellow", markup=False)


def model_json(loaded: LoadedModel) -> dict[str, Any]:
    from careerkit.model.loader import canonical_json

    return {
        "digest": loaded.digest,
        "path": str(loaded.path) if loaded.path else None,
        "source": loaded.source,
        "model": json.loads(canonical_json(loaded.model)),
    }


def print_model(console: Console, loaded: LoadedModel, lang: str) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.tree import Tree

    model = loaded.model

    def tx(value: Any) -> str:
        return escape(model.text(value, lang))

    console.print(f"[bold]{tx(model.title)}[/]  [dim]{model.id} {escape(model.version)}[/]")
    if model.description:
        console.print(tx(model.description))
    console.print(f"{t('models.digest')}: {loaded.digest}", style="dim")
    if loaded.path:
        console.print(f"{t('models.file')}: {loaded.path}", style="dim", markup=False)

    scale = Table(title=t("models.scale"), title_justify="left", show_header=False, box=None)
    for level in model.scale:
        scale.add_row(f"[bold]{level.level}[/]", tx(level.label), tx(level.description))
    console.print(scale)

    tree = Tree(f"[bold]{t('models.competencies')}[/]")
    groups = {g.id: g for g in model.groups}
    branches: dict[str | None, Any] = {}
    for comp in model.competencies:
        parent = tree
        if comp.group:
            if comp.group not in branches:
                branches[comp.group] = tree.add(f"[bold magenta]{tx(groups[comp.group].name)}[/]")
            parent = branches[comp.group]
        weight = f" ×{comp.weight:g}" if comp.weight != 1 else ""
        node = parent.add(f"[bold cyan]{tx(comp.name)}[/] [dim]{comp.id}{weight}[/]")
        for ind in comp.indicators:
            leaf = node.add(f"{tx(ind.text)} [dim]{comp.id}.{ind.id}[/]")
            for level, text in sorted(ind.anchors.items()):
                leaf.add(f"[green]{level}[/] {tx(text)}")
    console.print(tree)

    if model.roles:
        roles = Table(title=t("models.roles"), title_justify="left")
        roles.add_column(t("models.col.role"))
        roles.add_column(t("models.col.next"))
        for comp in model.competencies:
            roles.add_column(comp.id, justify="center")
        for role in model.roles:
            nexts = ", ".join(role.next) or "—"
            cells = [str(role.targets[c.id]) if c.id in role.targets else "·" for c in model.competencies]
            roles.add_row(f"{tx(role.title)} [dim]{role.id}[/]", nexts, *cells)
        console.print(roles)
