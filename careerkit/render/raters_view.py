"""Multi-rater reviews in the terminal and the template context of the report files.

The report shows what :func:`careerkit.core.raters.report` gives and nothing else: group
figures, the manager's name, comments without names. Rater names appear only in
:func:`print_status`, which is the coordinator's own view.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from careerkit.core.raters import MANAGER, OTHERS
from careerkit.i18n import labelled, listing, paren, t
from careerkit.model.schema import CompetencyModel
from careerkit.render.rater_packet import group_label


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _counts(counts: Mapping[str, int]) -> str:
    return " ".join(f"{level}:{n}" for level, n in counts.items())


def columns(model: CompetencyModel, result: Mapping[str, Any], lang: str) -> list[dict[str, Any]]:
    """The shown views, in order: manager (named), each shown group, others; with their figures."""
    out = []
    for group, data in result["groups"].items():
        label = group_label(model, group, lang)
        if group == MANAGER:
            label = f"{label} · {data['name']}"
        out.append({"group": group, "label": label, "raters": data["raters"], "data": data})
    if result["others"] is not None:
        out.append({"group": OTHERS, "label": t("raters.group.others", lang=lang),
                    "raters": result["others"]["raters"], "data": result["others"]})
    return out


def print_report(console: Console, model: CompetencyModel, result: Mapping[str, Any], lang: str) -> None:
    console.print(t("raters.report.heading", person=escape(result["person"]), assessment=result["assessment"],
                    min=result["min_raters"]), style="bold")
    print_figures(console, model, result, lang)
    if result["manager_comments"]:
        console.print(t("raters.report.manager_comments"), style="bold")
        for comment in result["manager_comments"]:
            where = f"[dim]{comment['indicator']}:[/] " if comment["indicator"] else ""
            console.print(f"  {where}{escape(comment['text'])}")
    if result["comments"]:
        console.print(t("raters.report.comments"), style="bold")
        for comment in result["comments"]:
            label = t("raters.group.others", lang=lang) if comment["group"] == OTHERS else group_label(
                model, comment["group"], lang)
            console.print(f"  [dim]{escape(label)}:[/] {escape(comment['text'])}")
    print_evidence(console, result.get("observations") or [])


def print_figures(console: Console, model: CompetencyModel, result: Mapping[str, Any], lang: str) -> None:
    """Per competency: self, each shown view's mean (with its raters), spread, blind spots and hidden
    strengths; each group's distribution; the withheld groups by name only; gate flags."""
    views = columns(model, result, lang)
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("review.col.competency"))
    table.add_column(t("review.col.self"), justify="right")
    for view in views:
        table.add_column(escape(view["label"]) + paren(f"n={view['raters']}", lang=lang), justify="right")
    if result["others"] is not None:
        table.add_column(t("raters.col.spread"), justify="right")
    table.add_column("")
    for comp in model.competencies:
        flag = ("⚠ " + t("raters.blind_spot")) if comp.id in result["blind_spots"] else (
            ("★ " + t("raters.hidden_strength")) if comp.id in result["hidden_strengths"] else "")
        row = [escape(model.text(comp.name, lang)), _num(result["self"][comp.id])]
        row += [_num(v["data"]["competencies"][comp.id]["mean"]) for v in views]
        if result["others"] is not None:
            row.append(_num(result["others"]["spread"][comp.id]))
        row.append(flag)
        table.add_row(*row)
    console.print(table)
    for view in views:
        if view["group"] == MANAGER:
            continue
        console.print(t("raters.report.distribution", group=escape(view["label"]), n=view["raters"]), style="bold")
        for comp in model.competencies:
            console.print("  " + labelled(escape(model.text(comp.name, lang)),
                                          _counts(view["data"]["competencies"][comp.id]["counts"]), lang=lang))
    if result["withheld"]:
        names = listing((t("raters.group.others", lang=lang) if g == OTHERS else group_label(model, g, lang)
                         for g in result["withheld"]), lang=lang)
        console.print(t("raters.report.withheld", groups=escape(names), min=result["min_raters"]), style="yellow")
    for gate in result["gates"]:
        console.print(t("raters.report.gate", indicator=gate["indicator"], target=gate["target"],
                        groups=", ".join(gate["groups"])), style="red")


def print_evidence(console: Console, items: list[dict[str, Any]]) -> None:
    """Per indicator, the share of checklist items met in its latest observation, with date and observer."""
    if not items:
        return
    console.print(t("observe.evidence"), style="bold")
    for item in items:
        console.print("  " + t("observe.evidence_line", indicator=item["indicator"], met=item["met"],
                               items=item["items"], share=f"{item['share']:.0f}%", date=item["date"][:10],
                               observer=escape(item["observer"] or "—")))


def report_context(model: CompetencyModel, record: Mapping[str, Any], result: Mapping[str, Any], lang: str,
                   generated: str) -> dict[str, Any]:
    """What the review-report templates see (plain data, no rater name but the manager's)."""
    views = columns(model, result, lang)
    competencies = []
    for comp in model.competencies:
        cells = [{"mean": v["data"]["competencies"][comp.id]["mean"],
                  "counts": v["data"]["competencies"][comp.id]["counts"]} for v in views]
        indicators = []
        for ind in comp.indicators:
            iid = f"{comp.id}.{ind.id}"
            indicators.append({
                "id": iid, "text": model.text(ind.text, lang), "self": result["self_indicators"].get(iid),
                "cells": [{"mean": v["data"]["indicators"][iid]["mean"],
                           "counts": v["data"]["indicators"][iid]["counts"]} for v in views],
                "gate": next((g for g in result["gates"] if g["indicator"] == iid), None),
                "observed": next((o for o in result.get("observations") or [] if o["indicator"] == iid), None),
            })
        competencies.append({
            "id": comp.id, "name": model.text(comp.name, lang), "self": result["self"][comp.id],
            "cells": cells, "indicators": indicators,
            "spread": result["others"]["spread"][comp.id] if result["others"] else None,
            "blind_spot": comp.id in result["blind_spots"], "hidden_strength": comp.id in result["hidden_strengths"],
        })
    keys = ("title", "self", "spread", "blind_spot", "hidden_strength", "withheld", "comments", "distribution",
            "gate", "observed", "competency", "indicator", "generated", "manager_comments", "none", "model",
            "assessed", "raters", "counts_key")
    return {
        "lang": lang,
        "generated": generated,
        "person": record["person"],
        "assessment": record["id"],
        "date": record["taken_at"][:10],
        "model_title": model.text(model.title, lang),
        "min_raters": result["min_raters"],
        "views": [{"group": v["group"], "label": v["label"], "raters": v["raters"]} for v in views],
        "competencies": competencies,
        "withheld": [t("raters.group.others", lang=lang) if g == OTHERS else group_label(model, g, lang)
                     for g in result["withheld"]],
        "comments": [{"group": t("raters.group.others", lang=lang) if c["group"] == OTHERS
                      else group_label(model, c["group"], lang), "text": c["text"]} for c in result["comments"]],
        "manager_comments": result["manager_comments"],
        "has_others": result["others"] is not None,
        "labels": {k: t(f"raters.tpl.{k}", lang=lang, min=result["min_raters"]) for k in keys},
    }


def print_status(console: Console, items: list[dict[str, Any]]) -> None:
    if not items:
        console.print(t("raters.status.none"))
        return
    for item in items:
        answered = sum(1 for r in item["raters"] if r["status"] == "answered")
        console.print(t("raters.status.heading", id=item["request"], person=escape(item["person"]),
                        assessment=item["assessment"], status=t(f"raters.state.{item['status']}"),
                        answered=answered, total=len(item["raters"])), style="bold")
        if item.get("due"):
            console.print(t("raters.status.due", due=item["due"][:16]), style="dim")
        table = Table(show_edge=False, pad_edge=False, show_header=False)
        for _ in range(3):
            table.add_column()
        for rater in item["raters"]:
            state = t(f"raters.state.{rater['status']}")
            when = (rater["received_at"] or "")[:16]
            table.add_row(escape(rater["name"]), rater["group"], f"{state} {when}".strip())
        console.print(table)


def print_requests_line(console: Console, assessment: str, requests: list[dict[str, Any]]) -> None:
    """One line under ``show``: how many raters of the 360° requests answered, and the report command."""
    answered = sum(1 for req in requests for r in req["raters"] if r["status"] == "answered")
    total = sum(len(req["raters"]) for req in requests)
    console.print(t("raters.show_line", answered=answered, total=total, assessment=assessment), style="dim")
