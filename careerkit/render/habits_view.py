"""Terminal views of habits: status with warnings and streaks, 12-week calendars, lists, suggestions.

Calendars are GitHub-style: one column per ISO week (oldest left), one row per weekday.
Every state has its own symbol, so the views read the same without colour
(``NO_COLOR`` / ``--no-color``)::

    ■ done   □ missed   – skipped   · open (today, or no check-in yet for an N/week or N/month habit)
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from careerkit.i18n import paren, t
from careerkit.messages.habits import flames, unit_text
from careerkit.render.terminal import fmt_pct

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from careerkit.core.habits.record import HabitRecord

__all__ = ["flames", "print_list", "print_status", "print_suggestions", "unit_text"]

# cell state → (symbol, style)
CELLS = {
    "done": ("■", "green"),
    "skip": ("–", "cyan"),
    "missed": ("□", "red"),
    "open": ("·", "dim"),
    "off": (" ", ""),
    "holiday": ("○", "dim"),  # a holiday or a day off duty of a workdays habit: not due, like a skip
    "before": (" ", ""),
    "future": (" ", ""),
}
BLOCK_WIDTH = 28


def _esc(text: str) -> str:
    from careerkit.render.terminal import escape

    return escape(text)


def every_text(every: str) -> str:
    if every in ("daily", "weekdays", "workdays"):
        return t(f"habits.every.{every}")
    if every == "1/month":
        return t("habits.every.monthly")
    if every.endswith("/month"):
        return t("habits.every.per_month", n=every.split("/")[0])
    if every.endswith("d"):
        return t("habits.every.interval", n=every[:-1])
    return t("habits.every.weekly", n=every.split("/")[0])


def period_text(period: dict[str, Any]) -> str:
    if period["kind"] == "weekend":
        return t("habits.period.weekend")
    if period["kind"] in ("not_due", "holiday", "off_duty"):
        return t(f"habits.period.{period['kind']}")
    if period["kind"] in ("week", "month"):
        return t(f"habits.period.{period['kind']}", count=period["count"], target=period["target"])
    if period["target"] == 0:
        return t("habits.period.skipped")
    return t("habits.period.today", count=period["count"], target=period["target"])


# ----------------------------------------------------------------------------- status


def print_status(console: Console, rows: list[dict[str, Any]], now: date, names: dict[str, str]) -> None:
    """Warnings first, then the table of streaks and rates, then each habit's 12-week calendar."""
    if not rows:
        console.print(t("habits.status_empty"))
        return
    for row in rows:
        if row["at_risk"]:
            console.print("[yellow bold]⚠[/] " + t("habits.warn", name=_esc(row["name"]),
                                                      streak=unit_text(row["streak"], row["unit"])))
    if any(row["at_risk"] for row in rows):
        console.print()
    console.print(fitting_status_table(console, rows, names))
    console.print()
    from rich.columns import Columns

    console.print(Columns([calendar_block(row, now) for row in rows], padding=(1, 3)))
    holiday = any(c["cell"] == "holiday" for row in rows for week in row["calendar"] for c in week)
    console.print(legend(holiday), style="dim")


# Columns of the status table, and which to leave out, in turn, when the terminal is narrow:
# a row never loses its name, its streak or its rate, and no cell is cut off.
STATUS_COLUMNS = ("habit", "every", "streak", "best", "now", "rate30")
_DROPPED_WHEN_NARROW = ((), ("best",), ("best", "every"), ("best", "every", "now"))
HABIT_MIN_WIDTH = 12


def fitting_status_table(console: Console, rows: list[dict[str, Any]], names: dict[str, str]) -> Table:
    """The status table with as many columns as the console's width holds."""
    from rich.cells import cell_len
    from rich.text import Text

    cells = [_status_cells(row, names) for row in rows]
    widths = {column: max(cell_len(Text.from_markup(c[column]).plain) for c in cells) for column in STATUS_COLUMNS}
    for column in STATUS_COLUMNS:
        widths[column] = max(widths[column], cell_len(t(f"habits.col.{column}")))
    widths["habit"] = HABIT_MIN_WIDTH  # the name folds onto more lines instead
    for dropped in _DROPPED_WHEN_NARROW:
        kept = [c for c in STATUS_COLUMNS if c not in dropped]
        if sum(widths[c] for c in kept) + 3 * (len(kept) - 1) <= console.width:
            break
    return status_table(rows, names, kept)


def status_table(rows: list[dict[str, Any]], names: dict[str, str],
                 columns: list[str] | tuple[str, ...] = STATUS_COLUMNS) -> Table:
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for column in columns:
        if column == "habit":
            table.add_column(t("habits.col.habit"), ratio=1, min_width=HABIT_MIN_WIDTH, overflow="fold")
        else:
            table.add_column(t(f"habits.col.{column}"), no_wrap=True,
                             justify="left" if column in ("every", "now") else "right")
    for row in rows:
        cells = _status_cells(row, names)
        table.add_row(*(cells[column] for column in columns))
    return table


def _status_cells(row: dict[str, Any], names: dict[str, str]) -> dict[str, str]:
    streak = unit_text(row["streak"], row["unit"])
    fire = flames(row["streak"], row["unit"])
    period = row["period"]
    met = period["target"] > 0 and period["count"] >= period["target"]
    name = ("[yellow]⚠[/] " if row["at_risk"] else "") + _esc(row["name"])
    if row["competency"]:
        name += f"\n[dim]{_esc(names.get(row['competency'], row['competency']))}[/]"
    last = row.get("last_note")
    if last:
        name += "\n[dim]" + _esc(check_in_text(last)) + "[/]"
    return {
        "habit": name,
        "every": every_text(row["every"]),
        "streak": f"[bold yellow]{streak}[/] {fire}" if fire else streak,
        "best": str(row["best"]),
        "now": f"[green]{period_text(period)}[/]" if met else period_text(period),
        "rate30": _rate_markup(row["rate"]),
    }


def check_in_text(entry: dict[str, Any]) -> str:
    """``2026-11-30 ×3 counted the boxes``: a check-in's day, quantity and note."""
    parts = [entry["date"]]
    if entry.get("count") is not None:
        parts.append(f"×{entry['count']}")
    if entry.get("note"):
        parts.append(entry["note"])
    return "✎ " + " ".join(parts)


def _rate_markup(rate: float | None) -> str:
    if rate is None:
        return "[dim]—[/]"
    style = "green" if rate >= 80 else "yellow" if rate >= 50 else "red"
    return f"[{style}]{fmt_pct(rate)}[/]"


def calendar_block(row: dict[str, Any], now: date) -> Text:
    """One habit's last 12 weeks: weeks as columns, Monday to Sunday as rows."""
    from rich.cells import cell_len
    from rich.text import Text

    weeks = row["calendar"]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(_fit(row["name"], BLOCK_WIDTH) + "\n", style="bold")
    text.append(_month_line(weeks) + "\n", style="dim")
    labels = t("habits.weekdays_short").split()
    today = now.isoformat()
    for weekday in range(7):
        label = _fit(labels[weekday], 2, ellipsis=False)
        text.append(label + " " * (3 - cell_len(label)), style="dim")
        for week in weeks:
            cell = week[weekday]
            symbol, style = CELLS.get(cell["cell"], ("?", ""))
            if cell["date"] == today:
                style = f"{style} underline".strip()
            text.append(symbol, style=style)
            text.append(" ")
        if weekday < 6:
            text.append("\n")
    return text


def _fit(text: str, width: int, *, ellipsis: bool = True) -> str:
    """``text`` cut to ``width`` terminal cells (Chinese characters take two)."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    out = ""
    room = width - 1 if ellipsis else width
    for char in text:
        if cell_len(out + char) > room:
            break
        out += char
    return out + ("…" if ellipsis else "")


def _month_line(weeks: list[list[dict[str, Any]]]) -> str:
    """Month names above the week in which each month begins (in terminal cells)."""
    from rich.cells import cell_len

    months = t("habits.months_short").split()
    slots: list[str] = [" "] * (3 + 2 * len(weeks) + 6)
    free_from = 0
    for col, week in enumerate(weeks):
        starts = [c for c in week if c["date"].endswith("-01")] or ([week[0]] if col == 0 else [])
        pos = 3 + 2 * col
        if not starts or pos < free_from:
            continue
        for char in months[int(starts[0]["date"][5:7]) - 1]:
            if pos >= len(slots):
                break
            slots[pos] = char
            if cell_len(char) == 2 and pos + 1 < len(slots):
                slots[pos + 1] = ""
            pos += cell_len(char)
        free_from = pos + 1
    return "".join(slots).rstrip()


def legend(holiday: bool = False) -> str:
    """The symbols' meanings; the holiday one only when a calendar shows one."""
    kinds = ("done", "missed", "skip", "open", *(("holiday",) if holiday else ()))
    return "  ".join(f"{CELLS[k][0]} {t('habits.legend.' + k)}" for k in kinds)


# ----------------------------------------------------------------------------- lists and suggestions


def print_list(console: Console, habits: list[HabitRecord], names: dict[str, str]) -> None:
    if not habits:
        console.print(t("habits.list_empty"))
        return
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column(t("habits.col.habit"), overflow="fold")
    table.add_column(t("habits.col.every"), no_wrap=True)
    table.add_column(t("habits.col.competency"), overflow="fold")
    table.add_column(t("habits.col.since"), no_wrap=True)
    table.add_column(t("habits.col.note"), overflow="fold")
    for habit in habits:
        name = _esc(habit["name"])
        if habit.get("archived"):
            name = f"[dim]{name}{paren(t('habits.archived_on', date=habit['archived']))}[/]"
        comp = habit.get("competency")
        table.add_row(name, every_text(habit["every"]), _esc(names.get(comp, comp)) if comp else "",
                      habit["created"], _esc(habit.get("note") or ""))
    console.print(table)


def print_suggestions(console: Console, found: dict[str, Any]) -> None:
    key = "habits.suggest_from_plan" if found["source"] == "plan" else "habits.suggest_from_assessment"
    console.print(t(key, person=_esc(found["person"]), model=found["model"]))
    if not found["habits"]:
        console.print(t("habits.suggest_none"))
        return
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column(t("habits.col.competency"), overflow="fold")
    table.add_column(t("habits.col.habit"), overflow="fold")
    table.add_column(t("habits.col.every"), no_wrap=True)
    any_tracked = any(row["tracked"] for row in found["habits"])
    if any_tracked:
        table.add_column("", no_wrap=True)
    for row in found["habits"]:
        cells = [_esc(row["competency_name"]), _esc(row["name"]), every_text(row["every"])]
        if any_tracked:
            cells.append(f"[green]✓ {t('habits.tracked')}[/]" if row["tracked"] else "")
        table.add_row(*cells)
    console.print(table)
