"""A rater's packet: the answers file (YAML with the questions in comments) and its HTML page.

Both are written for a rater who has no careerkit: every question is there in the
rater's language with its anchors, and the file keeps the layout of an assess answers
file so that ``careerkit review collect`` reads it back with the same checks.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from careerkit.i18n import t
from careerkit.model.schema import CompetencyModel


def group_label(model: CompetencyModel, group: str, lang: str) -> str:
    """A rater group's display name: the model's name for it, else the catalog's."""
    named = model.rater_groups.get(group)
    return model.text(named, lang) if named else t(f"raters.group.{group}", lang=lang)


def questions(model: CompetencyModel, lang: str) -> list[dict[str, Any]]:
    """Per competency, its indicators as a rater sees them: the observer text, else the
    employee's own statement, labelled as such; and the anchors."""
    out = []
    for comp in model.competencies:
        items = []
        for ind in comp.indicators:
            own = ind.observer is None
            text = model.text(ind.text if own else ind.observer, lang)
            items.append({
                "id": f"{comp.id}.{ind.id}",
                "text": text,
                "own_statement": own,
                "anchors": [{"level": level, "text": model.text(a, lang)} for level, a in sorted(ind.anchors.items())],
            })
        out.append({"id": comp.id, "name": model.text(comp.name, lang), "indicators": items})
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def packet_yaml(model: CompetencyModel, request: Mapping[str, Any], rater: Mapping[str, Any],
                assessment: Mapping[str, Any], lang: str) -> str:
    """The ``<rater>.answers.yaml`` of one rater."""
    levels = model.levels
    lines = [
        "# " + _one_line(t("raters.packet.title", lang=lang, person=assessment["person"],
                            date=assessment["taken_at"][:10], model=model.text(model.title, lang))),
        "# " + _one_line(t("raters.packet.for", lang=lang, name=rater["name"],
                            group=group_label(model, rater["group"], lang))),
        "# " + _one_line(t("raters.packet.how", lang=lang, lo=levels[0], hi=levels[-1])),
        "# " + _one_line(t("raters.packet.return", lang=lang)),
        "# " + _one_line(t("raters.packet.levels", lang=lang)),
    ]
    for level in model.scale:
        desc = model.text(level.description, lang)
        lines.append(f"#   {level.level}: " + _one_line(model.text(level.label, lang) + (f" — {desc}" if desc else "")))
    lines += [
        f"request: {_scalar(request['id'])}",
        f"packet: {_scalar(rater['packet'])}",
        f"rater: {_scalar(rater['name'])}",
        f"group: {rater['group']}",
        f"model: {_scalar(model.id)}",
        f"person: {_scalar(assessment['person'])}",
        "ratings:",
    ]
    own = t("raters.packet.own_statement", lang=lang)
    for comp in questions(model, lang):
        lines.append(f"  # ── {_one_line(comp['name'])} ──")
        for item in comp["indicators"]:
            text = _one_line(item["text"])
            lines.append(f"  # {own} {text}" if item["own_statement"] else f"  # {text}")
            for anchor in item["anchors"]:
                lines.append(f"  #   {anchor['level']}: {_one_line(anchor['text'])}")
            lines.append(f"  {item['id']}: null")
    lines += [
        "# " + _one_line(t("raters.packet.notes", lang=lang)),
        "notes: {}",
        "# " + _one_line(t("raters.packet.comment", lang=lang)),
        "comment: null",
    ]
    return "\n".join(lines) + "\n"


def packet_context(model: CompetencyModel, request: Mapping[str, Any], rater: Mapping[str, Any],
                   assessment: Mapping[str, Any], lang: str, file_name: str) -> dict[str, Any]:
    """What ``rater-packet.html.j2`` sees (plain data)."""
    keys = ("title", "intro", "return", "rate", "skip", "skipped", "note", "comment", "save", "saved",
            "own_statement", "levels", "answered", "preview", "model", "assessed", "rater")
    return {
        "lang": lang,
        "file_name": file_name,
        "person": assessment["person"],
        "date": assessment["taken_at"][:10],
        "model_title": model.text(model.title, lang),
        "rater": rater["name"],
        "group": group_label(model, rater["group"], lang),
        "scale": [{"level": lv.level, "label": model.text(lv.label, lang),
                   "description": model.text(lv.description, lang)} for lv in model.scale],
        "competencies": questions(model, lang),
        "fixed": {"request": request["id"], "packet": rater["packet"], "rater": rater["name"],
                  "group": rater["group"], "model": model.id, "person": assessment["person"]},
        "labels": {k: t(f"raters.html.{k}", lang=lang, person=assessment["person"]) for k in keys},
    }
