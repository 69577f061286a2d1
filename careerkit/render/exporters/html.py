"""HTML: one self-contained page (inline CSS and SVG, no script, no network) through
``templates/team-summary.html.j2``, with the people × competencies heatmap on a colour scale.

Template context (plain data; a user override in ``<home>/templates/`` sees the same):
``s`` the summary (see docs/team-export.md), ``heat`` one row per person with
``cells`` [{competency, name, score, target, below, bg, fg}] and ``next`` [{role, title,
readiness}] (the next roles, by title), ``generated`` the date and time made (YYYY-MM-DD
HH:MM), ``stats`` per competency with
``bg``/``fg`` of its mean, ``levels`` [{level, label, bg, fg}] the legend (the shade of each
level of the scale, exactly as a cell of that score is drawn), ``legend`` [{offset, color}] and
``ticks`` [{x, level}] of the colour scale as a gradient, ``labels`` headings in the summary's
language, ``notes`` sentences, ``bench_note`` what the bench's columns count.

The scale is one hue that darkens with the level, not red to green: in Chinese finance red
means up, so colour alone must not say good or bad. Below target is a mark (a frame and ▼).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

from careerkit.i18n import t

NAME = "html"
EXTENSION = ".html"
TEMPLATE = "team-summary.html.j2"

# light to dark teal (careerkit's brand hue): a level reads as a shade, never as red or green
STOPS = ((0.0, (238, 246, 247)), (0.5, (120, 188, 196)), (1.0, (15, 92, 110)))
EMPTY = ("#f2f2f2", "#666666")


def color(value: float | None, low: float, high: float) -> tuple[str, str]:
    """Background and text colour of a score on the scale [low, high]."""
    if value is None:
        return EMPTY
    ratio = min(1.0, max(0.0, (value - low) / ((high - low) or 1.0)))
    rgb: tuple[int, ...] = STOPS[-1][1]
    for (a, ca), (b, cb) in pairwise(STOPS):
        if ratio <= b:
            f = (ratio - a) / (b - a)
            rgb = tuple(round(x + (y - x) * f) for x, y in zip(ca, cb, strict=True))
            break
    luminance = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]
    return "#{:02x}{:02x}{:02x}".format(*rgb), ("#111111" if luminance > 140 else "#ffffff")


def context(summary: dict[str, Any]) -> dict[str, Any]:
    from careerkit.render.exporters import labels, notes

    low, high = summary["scale"]["min"], summary["scale"]["max"]
    titles = {r["id"]: r["title"] for r in summary.get("roles", [])}
    heat = []
    for person in summary["people"]:
        cells = []
        for comp in summary["competencies"]:
            entry = person["scores"][comp["id"]]
            bg, fg = color(entry["score"], low, high)
            cells.append({"competency": comp["id"], "name": comp["name"], "score": entry["score"],
                          "target": entry["target"],
                          "below": entry["met"] is False and entry["score"] is not None, "bg": bg, "fg": fg})
        nexts = [{"role": rid, "title": titles.get(rid, rid), "readiness": value}
                 for rid, value in person["next_roles"].items()]
        heat.append({**person, "cells": cells, "next": nexts})
    stats = []
    for row in summary["stats"]:
        bg, fg = color(row["mean"], low, high)
        stats.append({**row, "bg": bg, "fg": fg})
    span = (high - low) or 1
    return {
        "s": summary, "heat": heat, "stats": stats, "labels": labels(), "notes": notes(summary),
        "generated": summary["generated_at"][:16].replace("T", " "),
        "legend": [{"offset": round(o * 100), "color": "#{:02x}{:02x}{:02x}".format(*c)} for o, c in STOPS],
        "levels": [{"level": lv["level"], "label": lv["label"],
                    **dict(zip(("bg", "fg"), color(lv["level"], low, high), strict=True))}
                   for lv in summary["scale"]["levels"]],
        "bench_note": t("team.bench_note", ready=f"{summary['thresholds']['ready']:g}",
                        close=f"{summary['thresholds']['close']:g}"),
        "ticks": [{"x": round(10 + 280 * (lv["level"] - low) / span, 1), "level": lv["level"],
                   "label": lv["label"]} for lv in summary["scale"]["levels"]],
    }


def render(summary: dict[str, Any], *, user_dir: Path | None = None) -> bytes:
    from careerkit.render.templates import render as render_template

    return render_template(TEMPLATE, context(summary), user_dir=user_dir, html=True).encode("utf-8")
