"""Chart geometry for the HTML plan: a radar of self, mentor and target, and a bar per focus area.

Templates see plain data only, so the charts are handed over as numbers and
number strings (``"x,y x,y ..."`` for ``<polygon points>``); the template draws the
``<svg>`` itself and Jinja2's autoescape covers every label. Nothing here builds markup.

Radar: axis i points at ``-90° + 360°·i/n`` (the first at the top, clockwise). A value v
on the scale [lo, hi] sits at ``radius × (0.1 + 0.9 × (v − lo)/(hi − lo))`` from the centre,
so the lowest level is a small ring rather than the centre point; a missing value sits
at the centre.
"""

from __future__ import annotations

import math
from typing import Any

RADAR_WIDTH = 600  # room at the sides for labels of two lines
RADAR_HEIGHT = 430
RADAR_RADIUS = 135
BAR_WIDTH = 320
BAR_PAD = 10
INNER = 0.1
LABEL_LINE = 14  # an axis label's line height: two-line labels (职业规划与 / 工作习惯) get room


def fraction(value: float | None, lo: float, hi: float) -> float:
    """Where ``value`` sits between the centre (0) and the rim (1)."""
    if value is None:
        return 0.0
    span = (hi - lo) or 1.0
    clamped = min(max(value, lo), hi)
    return INNER + (1 - INNER) * (clamped - lo) / span


def _point(cx: float, cy: float, radius: float, angle: float) -> tuple[float, float]:
    return round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1)


def _points(pairs: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in pairs)


def wrap(label: str, width: int = 24, cjk_width: int = 7, lines: int = 4) -> list[str]:
    """Break an axis label into short, even lines (by words, or by characters for CJK text).

    CJK text breaks after its most central 与, 和, 及 or 、 (``适当性管理与`` / ``销售合规``), else into
    equal parts, never seven characters and two; Latin text into two lines as even as its spaces
    allow when it is longer than ``width``; an ellipsis ends the last line only beyond ``lines`` lines.
    """
    text = label.strip()
    cjk = any(ord(ch) > 0x2E80 for ch in text)
    if " " not in text and cjk and len(text) > cjk_width and _joint(text, cjk_width):
        out = _joint(text, cjk_width)
    elif " " not in text:
        step = cjk_width if cjk else width
        parts = max(1, math.ceil(len(text) / step))
        step = max(1, math.ceil(len(text) / parts))
        out = [text[i:i + step] for i in range(0, len(text), step)]
    elif len(text) > width and _halves(text, width):
        out = _halves(text, width)
    else:
        out, line = [], ""
        for word in text.split():
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        out.append(line)
    if len(out) > lines:
        out = [*out[:lines - 1], out[lines - 1].rstrip() + "…"]
    return out


_JOINTS = "与和及、"  # a Chinese name breaks after these (职业规划与/工作习惯), never inside a word


def _joint(text: str, width: int) -> list[str]:
    """Two lines of a CJK label broken after its most central 与, 和, 及 or 、; [] when none fits ``width + 1``."""
    cuts = [i + 1 for i, ch in enumerate(text[:-1]) if ch in _JOINTS]
    fits = [i for i in cuts if max(i, len(text) - i) <= width + 1]
    if not fits:
        return []
    cut = min(fits, key=lambda i: (abs(len(text) - 2 * i), -i))
    return [text[:cut], text[cut:]]


def _halves(text: str, width: int) -> list[str]:
    """Two lines as even as the spaces allow (``Career planning`` / ``and work habits``); [] if none fits."""
    words = text.split()
    splits = [[" ".join(words[:k]), " ".join(words[k:])] for k in range(1, len(words))]
    fits = [pair for pair in splits if max(map(len, pair)) <= width]
    return min(fits, key=lambda pair: max(map(len, pair))) if fits else []


def radar(labels: list[str], series: list[dict[str, Any]], lo: int, hi: int, levels: list[int]) -> dict[str, Any]:
    """Geometry of a radar chart: rings per level, axes with labels, one polygon per series.

    ``series``: ``[{"key": str, "label": str, "values": [float | None, ...]}]`` (one value
    per label). Returns plain data (see docs/templates.md, ``chart.radar``).
    """
    n = len(labels)
    cx, cy, r = RADAR_WIDTH / 2, RADAR_HEIGHT / 2, RADAR_RADIUS
    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)] if n else []
    rings = [{"level": lv, "points": _points([_point(cx, cy, r * fraction(lv, lo, hi), a) for a in angles]),
              "x": round(cx + 3, 1), "y": round(cy - r * fraction(lv, lo, hi) + 11, 1)} for lv in levels]
    axes = []
    for label, angle in zip(labels, angles, strict=True):
        x, y = _point(cx, cy, r, angle)
        lx, ly = _point(cx, cy, r + 16, angle)
        cos = math.cos(angle)
        middle = abs(cos) < 0.2
        anchor = "middle" if middle else ("start" if cos > 0 else "end")
        lines = wrap(label, width=14) if middle else wrap(label)  # over or under the chart: narrow
        step = LABEL_LINE
        if not middle:  # at the side: a label below the centre hangs down, one above it stands up
            top = ly - step * (len(lines) - 1) * (1 - math.sin(angle)) / 2
        else:
            top = ly - step * (len(lines) - 1) if ly < cy else ly + 8
        axes.append({"x": x, "y": y, "label": label, "anchor": anchor,
                     "lines": [{"text": text, "x": lx, "y": round(top + step * k + 4, 1)}
                               for k, text in enumerate(lines)]})
    drawn = []
    for s in series:
        pairs = [_point(cx, cy, r * fraction(v, lo, hi), a) for v, a in zip(s["values"], angles, strict=True)]
        drawn.append({"key": s["key"], "label": s["label"], "points": _points(pairs),
                      "dots": [{"x": x, "y": y} for (x, y), v in zip(pairs, s["values"], strict=True)
                               if v is not None]})
    return {"width": RADAR_WIDTH, "height": RADAR_HEIGHT, "cx": cx, "cy": cy, "radius": r,
            "rings": rings, "axes": axes, "series": drawn}


def bar_x(value: float | None, lo: int, hi: int) -> float | None:
    if value is None:
        return None
    span = (hi - lo) or 1
    clamped = min(max(value, lo), hi)
    return round(BAR_PAD + (BAR_WIDTH - 2 * BAR_PAD) * (clamped - lo) / span, 1)


def bar(current: float | None, target: float | None, lo: int, hi: int, *, mentor: float | None = None,
        self_score: float | None = None, now: float | None = None) -> dict[str, Any]:
    """Geometry of one focus-area bar on the scale: where now, target and each view sit."""
    start = bar_x(lo, lo, hi)
    current_x = bar_x(current, lo, hi)
    return {
        "width": BAR_WIDTH, "height": 34, "start": start, "end": bar_x(hi, lo, hi),
        "ticks": [{"level": lv, "x": bar_x(lv, lo, hi)} for lv in range(lo, hi + 1)],
        "current": current_x,
        "fill": round((current_x or start) - start, 1),  # type: ignore[operator]  # bar_x of lo is never None
        "target": bar_x(target, lo, hi),
        "mentor": bar_x(mentor, lo, hi), "self": bar_x(self_score, lo, hi), "now": bar_x(now, lo, hi),
    }
