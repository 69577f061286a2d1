"""`restore --list` in the terminal: each rotating backup by whose data it holds, when it was
saved and what restoring it would change, in aligned columns (wide characters counted as two)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from careerkit.i18n import listing, t
from careerkit.render.terminal import printable

if TYPE_CHECKING:
    from careerkit.store.archive import RotatingCopy

_SHOWN_KINDS = ("assessments", "reviews", "plans", "drafts", "quizzes", "habits", "marks", "people", "models",
                "requests")


def what(item: RotatingCopy) -> str:
    """Whose data a copy holds, in the user's words (names made printable)."""
    name = printable(item["name"]) if item["name"] is not None else None
    kind = item["what"]
    if kind == "person":
        return t("backup.what.person", name=name) if name else t("backup.what.someone")
    if kind == "habit-log":
        return t("backup.what.habit_log", name=name or "?", year=item["year"] or "?")
    if kind == "habit-summary":
        return t("backup.what.habit_summary", name=name or "?")
    if kind in ("team", "team-records", "history"):
        return t(f"backup.what.{kind.replace('-', '_')}", name=name or "?")
    if kind in ("habits", "raters"):
        return t(f"backup.what.{kind}")
    return t("backup.what.other", file=printable(item["store"]))


def saved(item: RotatingCopy) -> str:
    """When the copy's version was saved: ``2026-12-01 11:02``."""
    return item["saved_at"][:16].replace("T", " ")


def _kind(kind: str) -> str:
    return t(f"backup.kind.{kind}") if kind in _SHOWN_KINDS else t("backup.kind.other")


def _counted(counts: dict[str, int]) -> str:
    return listing(f"{_kind(k)} {n}" for k, n in sorted(counts.items()) if k != "team") or t("backup.change.empty")


def change(item: RotatingCopy) -> str:
    """What restoring the copy would change: the records of each kind now and then."""
    now, then = item["records_now"], item["records_then"]
    if then is None:
        return t("backup.change.damaged")
    if item["same"]:
        return t("backup.change.nothing")
    if now is None:
        return t("backup.change.missing" if item["current"] == "missing" else "backup.change.unreadable",
                 then=_counted(then))
    differ = [t("backup.change.counts", kind=_kind(k), now=now.get(k, 0), then=then.get(k, 0))
              for k in sorted(set(now) | set(then)) if k != "team" and now.get(k, 0) != then.get(k, 0)]
    return listing(differ) if differ else t("backup.change.content")


def lines(items: list[RotatingCopy]) -> list[str]:
    """The table as text lines, a header first."""
    from rich.cells import cell_len

    header = [t("backup.col.number"), t("backup.col.what"), t("backup.col.saved"), t("backup.col.change")]
    rows = [[str(i["number"]), what(i), saved(i), change(i)] for i in items]
    widths = [max(cell_len(row[c]) for row in [header, *rows]) for c in range(3)]

    def line(row: list[str]) -> str:
        first = " " * (widths[0] - cell_len(row[0])) + row[0]  # numbers to the right
        cells = [first, *(cell + " " * (widths[c] - cell_len(cell)) for c, cell in enumerate(row[1:3], 1))]
        return "  ".join([*cells, row[3]]).rstrip()

    return [line(header), *(line(row) for row in rows)]

