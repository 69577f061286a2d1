"""The model's suggested habits for a person's weakest competencies (or a plan's focus areas)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from careerkit.core.habits.names import name_key
from careerkit.core.habits.schedules import Kind, Schedule


def infer_schedule(text: str) -> Schedule:
    """A sensible schedule for a suggested habit from its wording (monthly, weekly, daily, else weekdays)."""
    lowered = text.lower()
    if any(w in lowered for w in ("month", "每月")):
        return Schedule(Kind.MONTHLY, per_month=1)
    if any(w in lowered for w in ("week", "每周", "每星期")):
        return Schedule(Kind.WEEKLY, 1)
    if any(w in lowered for w in ("daily", "each day", "every day", "每日", "每天")):
        return Schedule(Kind.DAILY)
    return Schedule(Kind.WEEKDAYS, 5)


def weakest(scores: Mapping[str, object], eligible: Iterable[str], n: int = 3) -> list[str]:
    """The ``n`` lowest-scored competencies among ``eligible`` (ties keep the order of ``scores``).

    ``scores`` is a record's ``scores.competencies``: id → {"score": number | None, ...}.
    """
    allowed = set(eligible)
    scored = []
    for i, (cid, entry) in enumerate(scores.items()):
        value = entry.get("score") if isinstance(entry, Mapping) else None
        if cid in allowed and isinstance(value, (int, float)) and not isinstance(value, bool):
            scored.append((value, i, cid))
    return [cid for _, _, cid in sorted(scored)[:n]]


def suggest(competencies: Iterable[str], offered: Mapping[str, tuple[str, list[tuple[str, str | None]]]],
            tracked: Iterable[str]) -> list[dict[str, object]]:
    """The model's habits for ``competencies``, each with its stated schedule, else one read from its wording.

    ``offered`` maps competency id → (name, [(habit text, schedule or None)]); a habit whose
    name is already tracked (case and spacing ignored) is marked ``tracked``.
    """
    have = {name_key(n) for n in tracked}
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for cid in competencies:
        comp_name, texts = offered.get(cid, (cid, []))
        for text, every in texts:
            if name_key(text) in seen:
                continue
            seen.add(name_key(text))
            schedule = Schedule.parse(every) if every else infer_schedule(text)
            rows.append({"competency": cid, "competency_name": comp_name, "name": " ".join(text.split()),
                         "every": str(schedule), "tracked": name_key(text) in have})
    return rows
