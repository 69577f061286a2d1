"""CSV for spreadsheets: the people × competencies matrix, then the team's figures.

- UTF-8 with a byte-order mark, so spreadsheet programs show Chinese names correctly;
- RFC 4180: comma separated, CRLF line ends, a field holding a comma, quote, CR or LF is
  quoted and its quotes doubled;
- a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
  prefixed with ``'`` so no spreadsheet runs it as a formula; numbers are written as
  numbers (``-1.5`` stays a number); NUL characters become U+FFFD;
- the first column says what a row is: ``person``, or a team figure (``mean``, ``median``,
  ``min``, ``max``, ``targeted``, ``below_target``), in the summary's language like the
  headings (人员, 平均 … in Chinese); a withheld figure is an empty cell;
- a person's role is its title, and the date is the assessment's day (``YYYY-MM-DD``,
  ``YYYY-MM`` when anonymised), so a spreadsheet reads it as a date.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from careerkit.i18n import t

NAME = "csv"
EXTENSION = ".csv"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
STAT_ROWS = ("mean", "median", "min", "max", "targeted", "below")


def cell(value: Any) -> str | int | float:
    """One value as a safe CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    text = str(value).replace("\x00", "\ufffd")
    return "'" + text if text.startswith(FORMULA_START) else text


def render(summary: dict[str, Any], *, user_dir: Path | None = None) -> bytes:
    comps = summary["competencies"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    header = [t("team.csv.row"), t("team.label.person"), t("team.label.role"), t("team.label.date"),
              t("team.label.overall"), t("team.label.readiness"), *(c["name"] for c in comps)]
    writer.writerow([cell(h) for h in header])
    kind = t("team.csv.person")
    for person in summary["people"]:
        role = person.get("role_title") or person["role"]
        writer.writerow([cell(v) for v in (
            kind, person["name"], role, person["taken_at"][:10], person["overall"],
            person["readiness"], *(person["scores"][c["id"]]["score"] for c in comps))])
    stats = {row["competency"]: row for row in summary["stats"]}
    for key in STAT_ROWS:
        overall = summary["team_overall"]["mean"] if key == "mean" else None
        label = t("team.csv.below_target" if key == "below" else f"team.csv.{key}")
        writer.writerow([cell(v) for v in (label, "", "", "", overall, "",
                                           *(stats[c["id"]][key] for c in comps))])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
