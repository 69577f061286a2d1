"""The result screen of `careerkit assess` on a console that styles nothing, without rich.

The same lines :func:`careerkit.render.assessment_view.print_result` prints to a file or a pipe,
laid out by :mod:`careerkit.render.model_plain`'s rules (rich's own, step for step); None when a
case needs rich (a text with markup-like or control characters, a table that must be narrowed
past its competency column), which then prints the screen. `assess` to a pipe so imports neither
rich nor its layout engine (issue 13). tests/test_models_show_golden.py compares both ways.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from careerkit.i18n import labelled, listing, paren, t
from careerkit.render.model_plain import NeedsRich, safe, table_lines, wrap
from careerkit.render.terminal import bar, fmt_pct, fmt_score

if TYPE_CHECKING:
    from careerkit.model.schema import CompetencyModel


def result_lines(model: CompetencyModel, record: Mapping[str, Any], lang: str, width: int) -> list[str] | None:
    """The result screen's lines at ``width``, or None when rich must lay it out."""
    try:
        return _lines(model, record, lang, width)
    except NeedsRich:
        return None


def said(text: str, width: int) -> list[str] | None:
    """The lines of ``console.print(text)`` (text with no markup), or None when rich must print it."""
    try:
        return wrap(safe(text), width)
    except NeedsRich:
        return None


def _scores_table(model: CompetencyModel, record: Mapping[str, Any], lang: str, width: int) -> list[str]:
    scores = record["scores"]["competencies"]
    has_role = bool(record.get("role"))
    header = [safe(t("assess.col.competency")), safe(t("assess.col.score"))]
    justify = ["left", "right"]
    if has_role:
        header += [safe(t("assess.col.target")), safe(t("assess.col.gap")), safe(t("assess.col.met"))]
        justify += ["right", "right", "center"]
    header.append("")
    justify.append("left")
    rows = [header]
    lo, hi = model.min_level, model.max_level
    for comp in model.competencies:
        entry = scores.get(comp.id, {})
        value = entry.get("score")
        name = safe(model.text(comp.name, lang))
        if comp.gate:
            name += f" · {safe(t('scores.gate_flag'))}"
        cells = [name, fmt_score(value)]
        if has_role:
            target, met = entry.get("target"), entry.get("met")
            cells += ["·" if target is None else str(target),
                      "" if entry.get("gap") is None or entry["gap"] <= 0 else f"{entry['gap']:.2f}",
                      "" if met is None else ("✓" if met else "✗")]
        cells.append(bar(value, hi, minimum=lo, width=16, target=entry.get("target")))
        rows.append(cells)
    count = len(header)
    pads = [(0 if i == 0 else 1, 0 if i == count - 1 else 1) for i in range(count)]
    wrapable = [True] * (count - 1) + [False]  # the bar column is no_wrap
    widths, lines = table_lines(rows, pads, wrapable, justify, width, ("┃", "│"))
    from rich.cells import cell_len

    natural = [max(cell_len(row[i]) for row in rows) + sum(pads[i]) for i in range(count)]
    if widths[1:] != natural[1:]:
        raise NeedsRich  # a number column narrowed: rich would cut it with an ellipsis
    rule = "╇".join("━" * w for w in widths)
    return [*lines[0], rule, *(line for row in lines[1:] for line in row)]


def _lines(model: CompetencyModel, record: Mapping[str, Any], lang: str, width: int) -> list[str]:
    def say(text: str) -> list[str]:
        return wrap(safe(text), width)

    def tx(value: str | dict[str, str] | None) -> str:
        return safe(model.text(value, lang))

    role = model.role(record["role"]) if record.get("role") else None
    role_text = f"{tx(role.title)}{paren(safe(role.id))}" if role else t("assess.no_role")
    out = say(f"{safe(record['person'])} · {tx(model.title)} {safe(model.id)} {tx(model.version)}")
    out += say(f"{labelled(t('assess.role'), role_text)} · {labelled(t('assess.date'), record['taken_at'][:10])} · "
               f"{record['id']}")
    out += _scores_table(model, record, lang, width)
    scores = record["scores"]
    line = f"{labelled(t('assess.overall'))}{fmt_score(scores['overall'])} / {model.max_level}"
    if record.get("role"):
        line += f" · {labelled(t('assess.readiness'))}{fmt_pct(scores['readiness'])}"
    out += say(line)
    names = {c.id: tx(c.name) for c in model.competencies}
    if scores.get("partial"):
        out += say(t("scores.partial", rated=scores["rated"], total=scores["indicators"]))
    comps = scores["competencies"]
    thin = [cid for cid, v in comps.items() if 2 * v.get("rated", 0) < v.get("indicators", 0) or not v.get("rated")]
    if thin:
        out += say(t("scores.not_enough", names=listing(names.get(c, c) for c in thin)))
    targeted = bool(role and role.targets)
    strong, develop = scores.get("strengths", []), scores.get("development", [])
    strong_key, develop_key = ("scores.strengths", "scores.development") if targeted else \
        ("assess.strongest", "assess.weakest")
    if strong:
        out += say(labelled(t(strong_key), listing(names.get(c, c) for c in strong)))
    if develop:
        out += say(labelled(t(develop_key), listing(names.get(c, c) for c in develop)))
    if targeted and len(develop) < 3:
        unmet = [cid for cid, v in comps.items() if v.get("target") is not None and not v.get("met")]
        if len(unmet) <= len(develop):
            out += say(t("scores.others_met" if develop else "scores.all_met"))
            out += _next_gaps(model, record, lang, say, tx)
    if role is not None:
        out += _readiness(model, None, scores.get("blocked_by", []), role.targets, say, names)
    for role_id, value in scores.get("next_roles", {}).items():
        nxt = model.role(role_id)
        title = tx(nxt.title) if nxt else safe(role_id)
        info = value if isinstance(value, dict) else {"readiness": value}
        out += say(f"{labelled(t('assess.next_readiness', role=title))}{fmt_pct(info.get('readiness'))}")
        if info.get("blocked_by"):
            out += _readiness(model, title, info["blocked_by"], nxt.targets if nxt else {}, say, names)
    return out


def _readiness(model: CompetencyModel, title: str | None, blocked: list[str], targets: Any,
               say: Any, names: dict[str, str]) -> list[str]:
    if not blocked:
        return []
    reasons = listing(t("scores.blocked_by", name=names.get(cid, cid), target=targets.get(cid, "?")) for cid in blocked)
    shown = labelled(t("scores.not_ready"), reasons)
    lines: list[str] = say(f"  {labelled(title, shown)}" if title else shown)
    return lines


def _next_gaps(model: CompetencyModel, record: Mapping[str, Any], lang: str, say: Any, tx: Any) -> list[str]:
    return [line for sentence in next_gap_sentences(model, record, tx) for line in say(sentence)]


def next_gap_sentences(model: CompetencyModel, record: Mapping[str, Any], tx: Any) -> list[str]:
    """With few targets left for this role, the biggest gaps for each next role, a sentence each;
    ``tx`` turns a model text into the screen's text (picked language, escaped for rich or not)."""
    from careerkit.core.scoring import score

    out: list[str] = []
    role = model.role(record["role"]) if record.get("role") else None
    for next_id in role.next if role else []:
        nxt = model.role(next_id)
        if nxt is None:
            continue
        ahead = score(model, record["ratings"], next_id)
        if ahead.development:
            gaps = listing(f"{tx(model.competency(c).name)} "  # type: ignore[union-attr]  # development lists only the model's own ids
                           f"{fmt_score(ahead.competencies[c].score)}→{ahead.competencies[c].target}"
                           for c in ahead.development)
            out.append(t("scores.next_gaps", role=tx(nxt.title), gaps=gaps))
    return out
