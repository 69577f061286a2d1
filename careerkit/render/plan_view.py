"""Plans for people: the template context of a stored plan, and the terminal views.

:func:`plan_context` turns a stored plan (ids and numbers) into the plain data every
plan template receives, with texts in the reader's language from the pinned model
version. Every key is documented in docs/templates.md; keep the two in step.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from careerkit.core.planning import level_anchors, level_text
from careerkit.i18n import labelled, listing, paren, say, t
from careerkit.model.schema import habit_parts
from careerkit.render import charts

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import Console

    from careerkit.model.schema import CompetencyModel

LABELS = (
    "title", "subtitle", "person", "current_role", "target_role", "no_role", "model", "assessment", "review",
    "mentor", "basis", "period", "days", "created", "review_date", "overall", "readiness", "snapshot",
    "competency", "self", "score", "target", "gap", "met", "not_met", "focus", "focus_areas", "goal",
    "current_level", "target_level", "actions", "kind", "due", "share", "habits", "evidence", "milestones",
    "expected", "strengths", "mentor_notes", "comment", "signatures", "employee", "signature", "date",
    "progress", "now", "reached", "status", "mix", "chart", "no_focus", "no_actions", "no_strengths",
    "stretch", "basis_self", "basis_mentor", "basis_manager", "basis_others", "not_rated", "level", "generated",
    "anchor", "priority",
    "role_target", "more_than_one_plan", "toward_target", "lessons",
)
KINDS = ("experience", "social", "education")


def _level(model: CompetencyModel, value: float | None, lang: str) -> dict[str, Any] | None:
    if value is None:
        return None
    whole = min(max(math.floor(value + 1e-9), model.min_level), model.max_level)
    level = model.level(whole)
    if level is None:
        return {"level": whole, "label": str(whole), "description": ""}
    return {"level": whole, "label": model.text(level.label, lang), "description": model.text(level.description, lang)}


def _role(model: CompetencyModel, role_id: str | None, lang: str) -> dict[str, Any] | None:
    role = model.role(role_id) if role_id else None
    if role is None:
        return None
    return {"id": role.id, "title": model.text(role.title, lang), "description": model.text(role.description, lang)}


def _name(model: CompetencyModel, cid: str, lang: str) -> str:
    comp = model.competency(cid)
    return model.text(comp.name, lang) if comp else cid


def _indicator(model: CompetencyModel, iid: str) -> Any:
    cid, _, ind_id = iid.partition(".")
    comp = model.competency(cid)
    return next((i for i in comp.indicators if i.id == ind_id), None) if comp else None


def _actions(model: CompetencyModel, area: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    comp = model.competency(area["competency"])
    out = []
    for act in area["actions"]:
        activity = comp.activities[act["activity"]] if comp and act["activity"] < len(comp.activities) else None
        out.append({"kind": act["kind"], "kind_label": t(f"plan.kind.{act['kind']}", lang=lang),
                    "text": model.text(activity.text, lang) if activity else "", "due": act["due"],
                    "share": int(act["share"]) if float(act["share"]).is_integer() else act["share"]})
    return sorted(out, key=lambda a: a["due"])


def _evidence(model: CompetencyModel, area: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    out = []
    for item in area["evidence"]:
        ind = _indicator(model, item["indicator"])
        level = area["target"]  # described at the goal's level, never at a higher anchor's
        found = level_anchors(ind, level) if ind else {"exact": None, "below": None, "above": None}
        exact = found["exact"]
        out.append({"indicator": item["indicator"], "text": model.text(ind.text, lang) if ind else item["indicator"],
                    "rated": item.get("rated"), "level": level,
                    "anchor": model.text(ind.anchors[exact], lang) if ind and exact is not None else "",
                    "exact": exact is not None,
                    "description": say(level_text(model, ind, level), lang) if ind else ""})
    return out


def _lessons(model: CompetencyModel, area: Mapping[str, Any], lang: str) -> list[dict[str, str]]:
    """The missed scenarios of a goal: the situation and the explanation that teaches."""
    out = []
    for sid in area.get("lessons") or []:
        scenario = model.scenario(sid)
        if scenario is not None:
            out.append({"id": sid, "situation": model.text(scenario.situation, lang),
                        "explanation": model.text(scenario.explanation, lang)})
    return out


def _focus(model: CompetencyModel, plan: Mapping[str, Any], lang: str, progress: dict[str, Any] | None,
           target_title: str | None) -> list[dict[str, Any]]:
    snap = {row["competency"]: row for row in plan["snapshot"]}
    later = {a["competency"]: a for a in progress["areas"]} if progress else {}
    out = []
    for number, area in enumerate(plan["focus"], start=1):
        cid = area["competency"]
        comp = model.competency(cid)
        target_level = _level(model, area["target"], lang)
        sentence_role = target_title if area["mode"] == "role" else None
        now = later.get(cid)
        role_target = area.get("role_target", area["target"])
        done = area["status"] == "done"
        out.append({
            "number": number, "competency": cid, "name": _name(model, cid, lang),
            "description": model.text(comp.description, lang) if comp else "", "weight": area["weight"],
            "mode": area["mode"], "current": area["current"], "target": area["target"], "gap": area["gap"],
            "priority": area["priority"], "role_target": role_target, "interim": role_target != area["target"],
            "actions_done": done,
            "actions_note": t("plan.label.actions_done", lang=lang, date=(area.get("status_at") or "")[:10])
            if done else "",
            "current_level": _level(model, area["current"], lang), "target_level": target_level,
            "goal": {"sentence": _sentence(model, area, plan["end"], target_level, sentence_role, lang),
                     "due": plan["end"], "status": area["status"],
                     "status_label": t(f"plan.status.{area['status']}", lang=lang),
                     "status_at": (area.get("status_at") or "")[:10] or None},
            "actions": [{**a, "done": done} for a in _actions(model, area, lang)],
            "habits": [model.text(habit_parts(h)[0], lang) for h in comp.habits] if comp else [],
            "lessons": _lessons(model, area, lang),
            "evidence": _evidence(model, area, lang),
            "progress": now,
            "bar": charts.bar(area["current"], area["target"], model.min_level, model.max_level,
                              mentor=snap.get(cid, {}).get("mentor"), self_score=snap.get(cid, {}).get("self"),
                              now=now["now"] if now else None),
        })
    return out


def _sentence(model: CompetencyModel, area: dict[str, Any], due: str, level: dict[str, Any] | None,
              role_title: str | None, lang: str) -> str:
    from careerkit.core.planning import goal_sentence

    return say(goal_sentence(name=_name(model, area["competency"], lang), current=area["current"],
                             target=area["target"], label=level["label"] if level else "", due=due,
                             role_title=role_title, role_target=area.get("role_target")), lang)


def _milestones(model: CompetencyModel, plan: Mapping[str, Any], lang: str) -> list[dict[str, Any]]:
    out = []
    for stone in plan["milestones"]:
        number = stone["number"]
        actions = []
        for area_index, action_index in stone["actions"]:
            area = plan["focus"][area_index]
            act = area["actions"][action_index]
            comp = model.competency(area["competency"])
            activity = comp.activities[act["activity"]] if comp else None
            actions.append({"focus": area_index + 1, "name": _name(model, area["competency"], lang),
                            "done": area["status"] == "done",
                            "text": model.text(activity.text, lang) if activity else "",
                            "kind_label": t(f"plan.kind.{act['kind']}", lang=lang), "due": act["due"]})
        out.append({"number": number, "date": stone["date"], "title": t(f"plan.milestone.{number}", lang=lang),
                    "description": t(f"plan.milestone.{number}.text", lang=lang),
                    "actions": sorted(actions, key=lambda a: a["due"]),
                    "expect": [{"competency": e["competency"], "name": _name(model, e["competency"], lang),
                                "level": e["level"]} for e in stone["expect"]]})
    return out


def _mix(plan: Mapping[str, Any]) -> dict[str, int]:
    totals = dict.fromkeys(KINDS, 0.0)
    areas = [a for a in plan["focus"] if a["actions"]]
    for area in areas:
        for act in area["actions"]:
            totals[act["kind"]] += act["share"]
    return {k: round(v / len(areas)) if areas else 0 for k, v in totals.items()}


def _chart(model: CompetencyModel, plan: Mapping[str, Any], lang: str, progress: dict[str, Any] | None
           ) -> dict[str, Any]:
    rows = plan["snapshot"]
    series = [{"key": "self", "label": t("plan.label.self", lang=lang), "values": [r["self"] for r in rows]}]
    if any(r["mentor"] is not None for r in rows):
        series.append({"key": "mentor", "label": t("plan.label.mentor", lang=lang),
                       "values": [r["mentor"] for r in rows]})
    if plan.get("basis") == "others":  # the plan's basis, drawn and labelled as such
        series.append({"key": "others", "label": t("plan.label.basis_others", lang=lang),
                       "values": [r["score"] for r in rows]})
    if any(r["target"] is not None for r in rows):
        series.append({"key": "target", "label": t("plan.label.target", lang=lang),
                       "values": [r["target"] for r in rows]})
    if progress:
        series.append({"key": "now", "label": t("plan.label.now", lang=lang),
                       "values": [progress["scores"].get(r["competency"]) for r in rows]})
    return charts.radar([_name(model, r["competency"], lang) for r in rows], series,
                        model.min_level, model.max_level, model.levels)


def _notes(model: CompetencyModel, plan: Mapping[str, Any], lang: str) -> dict[str, Any]:
    notes = plan.get("mentor_notes") or {}
    items = []
    for iid, text in (notes.get("indicators") or {}).items():
        ind = _indicator(model, iid)
        cid = iid.partition(".")[0]
        items.append({"competency": cid, "name": _name(model, cid, lang), "indicator": iid,
                      "text": model.text(ind.text, lang) if ind else iid, "note": text})
    return {"comment": notes.get("comment"), "indicators": items}


def _progress_info(progress: dict[str, Any], lang: str) -> dict[str, Any]:
    basis = progress.get("basis", "self")
    label = t(f"plan.label.basis_{basis}", lang=lang)
    date = progress["taken_at"][:10]
    return {"assessment": progress["assessment"], "date": date, "basis": basis, "basis_label": label,
            "summary": t("plan.progress_summary", lang=lang, date=date, id=progress["assessment"], basis=label)}


def plan_context(model: CompetencyModel, plan: Mapping[str, Any], lang: str, *, progress: dict[str, Any] | None,
                 generated: str) -> dict[str, Any]:
    """Everything a plan template receives (documented key by key in docs/templates.md)."""
    target = _role(model, plan.get("target_role"), lang)
    focus_ids = {a["competency"] for a in plan["focus"]}
    later = progress["scores"] if progress else {}
    from rich.cells import cell_len

    snapshot = []
    for row in plan["snapshot"]:
        name = _name(model, row["competency"], lang)
        snapshot.append({**row, "name": name, "width": cell_len(name), "focus": row["competency"] in focus_ids,
                         "now": later.get(row["competency"]) if progress else None})
    by_id = {row["competency"]: row for row in plan["snapshot"]}
    counts = {s: sum(1 for a in plan["focus"] if a["status"] == s) for s in ("active", "done", "dropped")}
    return {
        "lang": lang,
        "generated": generated,
        "labels": {key: t(f"plan.label.{key}", lang=lang) for key in LABELS},
        "kinds": {k: t(f"plan.kind.{k}", lang=lang) for k in KINDS},
        "person": plan["person"],
        "mentor": plan.get("mentor"),
        "model": {"id": model.id, "version": model.version, "title": model.text(model.title, lang)},
        "scale": {"min": model.min_level, "max": model.max_level,
                  "levels": [{"level": lv.level, "label": model.text(lv.label, lang),
                              "description": model.text(lv.description, lang)} for lv in model.scale]},
        "role": _role(model, plan.get("role"), lang),
        "target_role": target,
        "plan": {"id": plan["id"], "created": plan["created_at"][:10], "start": plan["start"], "end": plan["end"],
                 "horizon": plan["horizon"], "review_date": plan["review_date"], "basis": plan["basis"],
                 "basis_label": _basis_label(plan, lang),
                 "basis_note": t("plan.label.basis_note", lang=lang, basis=_basis_label(plan, lang)),
                 "assessment": {"id": plan["assessment"], "date": plan["assessment_taken_at"][:10]},
                 "review": plan.get("review"), "overall": plan.get("overall"), "readiness": plan.get("readiness"),
                 "goals": counts},
        "focus": _focus(model, plan, lang, progress, target["title"] if target else None),
        "snapshot": snapshot,
        "strengths": [{"competency": cid, "name": _name(model, cid, lang), "score": by_id[cid]["score"],
                       "target": by_id[cid]["target"]} for cid in plan["strengths"] if cid in by_id],
        "milestones": _milestones(model, plan, lang),
        "mix": _mix(plan),
        "mentor_notes": _notes(model, plan, lang),
        "progress": _progress_info(progress, lang) if progress else None,
        "chart": {"radar": _chart(model, plan, lang, progress)},
        "signatures": [{"role": t("plan.label.employee", lang=lang), "name": plan["person"]},
                       {"role": t("plan.label.mentor", lang=lang), "name": plan.get("mentor") or ""}],
    }


# ----------------------------------------------------------------------------- terminal


def print_document(console: Console, text: str, fmt: str) -> None:
    """A rendered plan on the terminal: Markdown through rich, text as it is.

    When standard output is not a terminal (a pipe, a file) the text goes out unchanged,
    so ``careerkit plan > plan.md`` keeps the Markdown source.
    """
    import sys

    if fmt == "md" and console.is_terminal:
        from rich.markdown import Markdown

        console.print(Markdown(text))
        return
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def plan_summary(plan: Mapping[str, Any], model: CompetencyModel | None = None, lang: str = "en") -> dict[str, Any]:
    """One row of `careerkit plans` (also its --json), with names from the plan's model when known."""
    role = model.role(plan["target_role"]) if model and plan.get("target_role") else None
    return {"id": plan["id"], "created_at": plan["created_at"], "person": plan["person"],
            "model": plan["model"], "assessment": plan["assessment"], "target_role": plan.get("target_role"),
            "target_role_title": model.text(role.title, lang) if model and role else plan.get("target_role"),
            "basis": plan["basis"], "start": plan["start"], "end": plan["end"],
            "focus": [{"competency": a["competency"],
                       "name": _name(model, a["competency"], lang) if model else a["competency"],
                       "status": a["status"]} for a in plan["focus"]]}


def print_plans(console: Console, rows: list[dict[str, Any]]) -> None:
    """Saved plans, newest first, in 80 columns: each focus area on its own line, the goals done
    under the id, and the person only when the list holds more than one."""
    from rich.table import Table

    from careerkit.render.terminal import escape

    several = len({row["person"] for row in rows}) > 1
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("plan.col.id"), no_wrap=True)
    table.add_column(t("plan.col.period"), no_wrap=True)
    if several:
        table.add_column(t("plan.col.person"), max_width=14)
    table.add_column(t("plan.col.target_role"), max_width=16)
    table.add_column(t("plan.col.focus"), ratio=1, min_width=16)
    marks = {"active": "·", "done": "✓", "dropped": "✗"}
    for row in rows:
        focus = "\n".join(f"{marks[a['status']]} {escape(a['name'])}" for a in row["focus"]) or "—"
        done = sum(1 for a in row["focus"] if a["status"] == "done")
        goals = t("plan.goals_done", done=done, total=len(row["focus"]))
        cells = [f"{row['id']}\n[dim]{goals}[/]", f"{row['start']}\n→ {row['end']}"]
        if several:
            cells.append(escape(row["person"]))
        cells += [escape(row.get("target_role_title") or "—"), focus]
        table.add_row(*cells, end_section=True)
    console.print(table)


# ----------------------------------------------------------------------------- career paths


def _targets_line(model: CompetencyModel, targets: dict[str, int], lang: str) -> str:
    from careerkit.render.terminal import escape

    return " · ".join(f"{escape(_name(model, cid, lang))} {level}" for cid, level in targets.items())


def print_ladder(console: Console, model: CompetencyModel, data: dict[str, Any], lang: str,
                 asked: str | None = None) -> None:
    """The role ladder as a tree; with an assessment, readiness and the gaps for every role.

    ``asked``: whose readiness was wanted (``--person`` or the profile), to say why it is missing."""
    from rich.tree import Tree

    from careerkit.render.terminal import escape, fmt_pct, fmt_score

    rows = {r["id"]: r for r in data["roles"]}
    title = f"[bold]{escape(model.text(model.title, lang))}[/] [dim]{model.id} {escape(model.version)}[/]"
    if data["person"]:
        title += " · " + t("roles.for_person", person=escape(data["person"]), id=data["assessment"])
    tree = Tree(title)

    def add(parent: Any, role_id: str, path: tuple[str, ...]) -> None:
        row, role = rows[role_id], model.role(role_id)
        label = f"[bold]{escape(model.text(role.title, lang))}[/][dim]{paren(role_id)}[/]" if role else role_id
        if role_id == data["current"]:
            label += f" [cyan]◀ {t('roles.you_are_here')}[/]"
        if row["readiness"] is not None:
            style = "green" if row["readiness"] >= 80 else "yellow" if row["readiness"] >= 50 else "red"
            label += f"  {t('roles.readiness')} [{style}]{fmt_pct(row['readiness'])}[/]"
        node = parent.add(label)
        node.add(f"[dim]{labelled(t('roles.targets'), _targets_line(model, row['targets'], lang))}[/]")
        if row["gaps"]:
            gaps = listing(f"{escape(_name(model, g['competency'], lang))} "
                             f"{fmt_score(g['score'])}→{g['target']}" for g in row["gaps"])
            node.add(f"[yellow]{labelled(t('roles.between'), gaps)}[/]")
        elif row["readiness"] is not None:
            node.add(f"[green]{t('roles.all_met')}[/]")
        if row.get("blocked_by"):
            reasons = listing(
                t("scores.blocked_by", name=escape(_name(model, c, lang)), target=row["targets"].get(c, "?"))
                for c in row["blocked_by"])
            node.add(labelled(f"[red]{t('scores.not_ready')}[/]", reasons))
        for next_id in row["next"]:
            if next_id in rows and next_id not in path:
                add(node, next_id, (*path, next_id))

    for root in data["roots"]:
        add(tree, root, (root,))
    console.print(tree)
    if not data["person"]:
        if asked:
            console.print(t("roles.no_assessment_for", person=escape(asked), model=model.id), style="dim")
        else:
            console.print(t("roles.no_assessment"), style="dim")


def print_role_diff(console: Console, model: CompetencyModel, a: str, b: str, rows: list[dict[str, Any]],
                    lang: str) -> None:
    """Targets of two roles side by side, the scale's descriptors of both levels (once per kind of
    step, as every competency shares the scale), and what to show for each rise."""
    from rich.table import Table

    from careerkit.render.review_view import bullets
    from careerkit.render.terminal import escape

    role_a, role_b = model.role(a), model.role(b)
    title_a = model.text(role_a.title, lang) if role_a else a
    title_b = model.text(role_b.title, lang) if role_b else b
    console.print(t("roles.diff_title", a=escape(title_a), b=escape(title_b)), style="bold")
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("roles.col.competency"), ratio=2, overflow="fold")
    table.add_column(escape(title_a), ratio=1, overflow="fold")
    table.add_column(escape(title_b), ratio=1, overflow="fold")
    table.add_column(t("roles.col.change"), justify="right", no_wrap=True)

    def cell(level: int | None, style: str) -> str:
        info = _level(model, level, lang)
        return "[dim]—[/]" if info is None else f"[{style}]{level} {escape(info['label'])}[/]"

    steps: list[tuple[int | None, int]] = []
    for row in rows:
        change = row["change"]
        mark = "" if change is None else (f"[green]+{change}[/]" if change > 0 else
                                          f"[red]{change}[/]" if change < 0 else f"[dim]{t('roles.same')}[/]")
        style = "bold" if change else "dim"
        name = escape(_name(model, row["competency"], lang))
        table.add_row(name if change else f"[dim]{name}[/]", cell(row["a"], style), cell(row["b"], style), mark)
        if change != 0 and row["b"] is not None and (row["a"], row["b"]) not in steps:
            steps.append((row["a"], row["b"]))
    console.print(table)
    _print_steps(console, model, steps, title_a, title_b, lang)
    rises = [r for r in rows if r["anchors"]]
    if rises:
        console.print(t("roles.what_to_show", b=escape(title_b)), style="bold")
    for row in rises:
        console.print(f"[bold]{escape(_name(model, row['competency'], lang))}[/] → {row['b']}")
        items = []
        for item in row["anchors"]:
            ind = _indicator(model, item["indicator"])
            if ind is not None:
                described = say(level_text(model, ind, item["level"]), lang)
                style = "" if item["exact"] is not None else "dim"
                items.append(f"{escape(model.text(ind.text, lang))}\n[{style or 'default'}]{escape(described)}[/]")
        bullets(console, items)


def _print_steps(console: Console, model: CompetencyModel, steps: list[tuple[int | None, int]], title_a: str,
                 title_b: str, lang: str) -> None:
    """The scale's descriptors of both levels, side by side, once for each step the roles take."""
    from rich.table import Table

    from careerkit.render.terminal import Wrapped, escape

    if not steps:
        return
    table = Table(show_edge=False, pad_edge=False, show_lines=True, title=t("roles.levels_title"),
                  title_justify="left", title_style="bold")
    table.add_column(escape(title_a), ratio=1, overflow="fold")
    table.add_column(escape(title_b), ratio=1, overflow="fold")
    for before, after in sorted(steps, key=lambda s: (s[0] is None, s[0] or 0, s[1])):
        cells = []
        for level in (before, after):
            info = _level(model, level, lang)
            cells.append("[dim]—[/]" if info is None else
                         Wrapped(f"[bold]{level} {escape(info['label'])}[/]\n[dim]{escape(info['description'])}[/]"))
        table.add_row(*cells)
    console.print(table)


def _basis_label(plan: Mapping[str, Any], lang: str) -> str:
    """The plan's basis; for *others*, with the minimum of raters per group it was made with."""
    if plan["basis"] == "others" and plan.get("min_raters"):
        return t("plan.label.basis_others_min", lang=lang, min=plan["min_raters"])
    return t(f"plan.label.basis_{plan['basis']}", lang=lang)
