"""Item analysis of situational-judgement scenarios across a team, for the training department.

Each person counts once, with their latest quiz on the model (by ``taken_at``, then id);
scores are recomputed from the choices on the pinned model version, never taken from a
bundle. The summary covers the model version most people's latest quiz is on, as team
summaries do. Per scenario, exactly:

- ``answered``: people who chose an option (skips left out); ``counts``: how many chose each
  option; ``mean_credit``: the mean credit of their choices (2 decimals);
- discrimination (corrected item–rest): each person's *rest score* is the mean credit of their
  other answered scenarios. People at or above the median rest score form the high group, the
  others the low group. A scenario is flagged ``no-discrimination`` when both groups have at
  least ``min_group`` people and the high group chooses a low-credit option (credit < 0.5) at
  least as often as the low group: people who judge well elsewhere are not judging better here,
  so the item needs fixing or retiring. It is flagged ``everyone-best`` when everyone who
  answered chose a best option (it tells the team nothing);
- a scenario answered by fewer than ``min_group`` people shows no figures (``withheld``).
"""

from __future__ import annotations

import statistics
from typing import Any

from careerkit.core import quiz

LOW_CREDIT = 0.5


def _rest(choices_by_person: dict[str, dict[str, float]], person: str, scenario: str) -> float | None:
    others = [c for sid, c in choices_by_person[person].items() if sid != scenario]
    return sum(others) / len(others) if others else None


def analyse(model: Any, entries: list[tuple[str, dict[str, Any]]], *, min_group: int = 3) -> list[dict[str, Any]]:
    """Per scenario of ``model``: counts, mean credit and flags (see the module's rules)."""
    credits: dict[str, dict[str, float]] = {}
    picked: dict[str, dict[str, str]] = {}
    for name, record in entries:
        scores = quiz.score(model, record.get("choices") or {})
        credits[name] = scores["scenarios"]
        picked[name] = {sid: oid for sid, oid in (record.get("choices") or {}).items()
                        if oid is not None and sid in scores["scenarios"]}
    out = []
    for scenario in model.scenarios:
        who = [n for n in credits if scenario.id in credits[n]]
        row: dict[str, Any] = {"id": scenario.id, "situation": scenario.situation, "answered": len(who),
                               "best": [o.id for o in scenario.options if o.credit >= 1],
                               "counts": None, "mean_credit": None, "flags": [], "withheld": len(who) < min_group}
        if row["withheld"]:
            out.append(row)
            continue
        row["counts"] = {o.id: sum(1 for n in who if picked[n][scenario.id] == o.id) for o in scenario.options}
        values = [credits[n][scenario.id] for n in who]
        row["mean_credit"] = round(statistics.fmean(values), 2)
        if all(v >= 1 for v in values):
            row["flags"].append("everyone-best")
        rests = {n: r for n in who if (r := _rest(credits, n, scenario.id)) is not None}
        if rests:
            median = statistics.median(rests.values())
            high = [n for n, r in rests.items() if r >= median]
            low = [n for n, r in rests.items() if r < median]
            if len(high) >= min_group and len(low) >= min_group:
                share_high = sum(credits[n][scenario.id] < LOW_CREDIT for n in high) / len(high)
                share_low = sum(credits[n][scenario.id] < LOW_CREDIT for n in low) / len(low)
                row["low_credit_share"] = {"high": round(100 * share_high, 2), "low": round(100 * share_low, 2)}
                if share_high >= share_low:
                    row["flags"].append("no-discrimination")
        out.append(row)
    return out
