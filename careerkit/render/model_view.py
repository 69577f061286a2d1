"""Terminal and JSON views of competency models (``careerkit models``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from careerkit.i18n import labelled, listing, paren, t


def escape(text: str) -> str:
    from careerkit.render.terminal import escape as rich_escape

    return rich_escape(text)

if TYPE_CHECKING:
    from rich.console import Console

    from careerkit.model.catalog import Entry
    from careerkit.model.loader import LoadedModel
    from careerkit.model.schema import CompetencyModel


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


def print_list(console: Console, entries: list[Entry], lang: str, missing: list[str] | None = None) -> None:
    """The catalog as a table: each model's id with its title under it, version, counts, source.

    The title shares the id's column and the source column holds only where a model comes
    from (the file is in ``--json`` and in the notes below the table), so that nothing is
    cut off in an 80-column terminal, in English or Chinese.
    """
    from rich.table import Table

    table = Table(title=t("models.list_title"), title_justify="left", show_edge=False, pad_edge=False)
    table.add_column(t("models.col.model"), ratio=1, overflow="fold")
    table.add_column(t("models.col.version"), no_wrap=True)
    for column in ("competencies", "indicators", "roles"):
        table.add_column(t(f"models.col.{column}"), justify="right", no_wrap=True)
    table.add_column(t("models.col.source"), no_wrap=True)
    notes: list[str] = []
    for entry in entries:
        source = t("models.source." + entry.source.label)
        if entry.loaded is None:
            name = escape(entry.model_id or entry.path.stem)
            table.add_row(f"[bold]{name}[/]\n[red]{t('models.invalid')}[/]", "", "", "", "", source)
            notes.append(t("models.invalid_hint", path=str(entry.path), count=len(entry.problems)))
            continue
        model = entry.loaded.model
        counts = _counts(entry.loaded)
        title = escape(model.text(model.title, lang))
        if entry.shadowed_by:
            title += f"[italic]{paren(t('models.shadowed_mark'))}[/]"
            notes.append(t("models.shadowed", path=str(entry.path), by=str(entry.shadowed_by)))
        table.add_row(f"[bold]{model.id}[/]\n{title}", escape(model.version), str(counts["competencies"]),
                      str(counts["indicators"]), str(counts["roles"]), source,
                      style="dim" if entry.shadowed_by else "")
    console.print(table)
    for note in notes:
        console.print(note, style="yellow", markup=False)
    for folder in missing or []:
        console.print(t("models.missing_folder", folder=folder), style="yellow", markup=False)


def model_json(loaded: LoadedModel) -> dict[str, Any]:
    from careerkit.model.loader import canonical_json

    return {
        "digest": loaded.digest,
        "path": str(loaded.path) if loaded.path else None,
        "source": loaded.source,
        "model": json.loads(canonical_json(loaded.model)),
        "migrations": migrations_json(loaded.model),
    }


def migrations_json(model: CompetencyModel) -> list[dict[str, Any]]:
    """Each map of an earlier version onto this one: from which version, how many ids renamed, dropped."""
    from careerkit.core.migration import map_counts

    return [{"from": m.from_, **map_counts(m)} for m in model.migrations]


def print_migrations(console: Console, model: CompetencyModel) -> None:
    if not model.migrations:
        return
    console.print(f"[bold]{t('models.migrations')}[/]")
    for entry in migrations_json(model):
        console.print(t("models.migration_line", source=entry["from"], version=model.version,
                        renamed=entry["renamed"], dropped=entry["dropped"]), markup=False)


def print_model(console: Console, loaded: LoadedModel, lang: str) -> None:
    """Title, digest, the scale, a tree of competencies and indicators with anchors, and the roles."""
    from rich.table import Table
    from rich.tree import Tree

    from careerkit.render.terminal import Wrapped

    model = loaded.model

    def tx(value: Any) -> str:
        return escape(model.text(value, lang))

    console.print(f"[bold]{tx(model.title)}[/]  [dim]{model.id} {escape(model.version)}[/]")
    if model.description:
        console.print(Wrapped(tx(model.description)))
    console.print(labelled(t("models.digest"), loaded.digest), style="dim")
    if loaded.path:
        console.print(labelled(t("models.file"), loaded.path), style="dim", markup=False)

    scale = Table(title=t("models.scale"), title_justify="left", show_header=False, box=None)
    scale.add_column(justify="right", no_wrap=True)
    scale.add_column(no_wrap=True)
    scale.add_column(overflow="fold")  # Chinese has no spaces to wrap at: fold, never cut
    for level in model.scale:
        scale.add_row(f"[bold]{level.level}[/]", tx(level.label), Wrapped(tx(level.description)))
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
            leaf = node.add(Wrapped(f"{tx(ind.text)} [dim]{comp.id}.{ind.id}[/]"))
            for anchor_level, text in sorted(ind.anchors.items()):
                leaf.add(Hanging(f"[green]{anchor_level}[/]", Wrapped(tx(text))))
    console.print(tree)
    if model.roles:
        print_roles(console, model, lang)
    print_migrations(console, model)


class Hanging:
    """A label and text beside it, the text's wrapped lines kept under the text: exactly the lines
    of a ``Table.grid(padding=(0, 1))`` of a no-wrap column and a fold column, without the table.

    A model has hundreds of anchors; a table each, measured and laid out by rich's full engine,
    was most of the time of `models show` (issue 13). This lays the two cells out directly, as
    that table does (the label's width and a space, the rest for the text, each line padded to the
    column); where the table would have to squeeze the label too, it is the table.
    """

    def __init__(self, label: str, text: Any) -> None:
        from rich.text import Text

        self.label = Text.from_markup(label)
        self.text = text

    def _grid(self) -> Any:
        from rich.table import Table

        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_row(self.label, self.text)
        return grid

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        return Measurement.get(console, options, self._grid())

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement
        from rich.segment import Segment

        label_width = self.label.cell_len
        room = options.max_width - label_width - 1
        if room < 1 or "\n" in self.label.plain:
            yield self._grid()
            return
        width = min(Measurement.get(console, options, self.text).maximum or 1, room)
        lines = console.render_lines(self.text, options.update(width=width, overflow="fold", no_wrap=False,
                                                               justify="left", height=None, highlight=False))
        label = console.render_lines(self.label, options.update(width=label_width, no_wrap=True, justify="left",
                                                                 height=None, highlight=False))[0]
        blank = Segment(" " * (label_width + 1))
        new_line = Segment.line()
        for n, line in enumerate(lines):
            if n == 0:
                yield from label
                yield Segment(" ")
            else:
                yield blank
            yield from line
            yield new_line


def print_roles(console: Console, model: CompetencyModel, lang: str) -> None:
    """The ladder, then the targets with a row per competency and a column per role.

    Roles are few and competencies many: this way round the table fits a terminal
    and every name can be read in full.
    """
    from rich.table import Table

    def tx(value: Any) -> str:
        return escape(model.text(value, lang))

    from rich.cells import cell_len

    console.print(f"[bold]{t('models.roles')}[/]")
    titles = {role.id: tx(role.title) for role in model.roles}
    # a column per role titled in full while the titles fit beside a readable competency column
    # (24 cells); a longer ladder numbers its columns, and the ladder above says which number is which
    numbered = sum(cell_len(model.text(r.title, lang)) + 3 for r in model.roles) + 24 > console.width
    for n, role in enumerate(model.roles, 1):
        nexts = listing(titles.get(n, escape(n)) for n in role.next) or "—"
        console.print(f"  {f'{n} ' if numbered else ''}{titles[role.id]} [dim]{role.id}[/] → {nexts}")
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("models.col.competency"), overflow="fold")
    for n, role in enumerate(model.roles, 1):
        table.add_column(str(n) if numbered else titles[role.id], justify="center", overflow="fold")
    for comp in model.competencies:
        cells = [str(role.targets[comp.id]) if comp.id in role.targets else "·" for role in model.roles]
        table.add_row(f"{tx(comp.name)} [dim]{comp.id}[/]", *cells)
    console.print(table)
