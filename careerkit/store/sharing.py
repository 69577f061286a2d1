"""Bundle files in and out of the home folder: a person's own records for `careerkit export`,
and `careerkit team import` of bundle files (and folders of them) into a team store.

A refused file is reported with its reason and skipped; the rest of the import goes on, in
one session (one commit). See :mod:`careerkit.store.team` for how a bundle is merged.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerkit.core.bundle import KINDS
from careerkit.i18n import t
from careerkit.store import files
from careerkit.store.database import Session
from careerkit.store.team import Outcome, Team

MAX_BUNDLE = 256 * 2**20  # bytes; 50 assessments take about 170 kB


# ----------------------------------------------------------------------------- import


@dataclass
class FileResult:
    """What became of one file of an import: ``imported``, ``unchanged`` or ``refused``."""

    path: Path
    status: str
    person: str | None = None
    outcome: Outcome | None = None
    reason: str | None = None


def bundle_files(paths: list[Path]) -> list[tuple[Path, str | None]]:
    """The files to import, in order: each file given, and the ``*.json`` files under each folder.

    A path that does not exist, or a folder without any ``.json`` file, comes back with the
    key of its problem.
    """
    out: list[tuple[Path, str | None]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.json")
                           if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
            out.extend((p, None) for p in found)
            if not found:
                out.append((path, "team.refused.empty_folder"))
        elif path.exists():
            out.append((path, None))
        else:
            out.append((path, "team.refused.missing"))
    return out


def import_bundles(work: Session, team_name: str, paths: list[Path], *, now: str,
                   progress: Any = None) -> tuple[Team, list[FileResult]]:
    """Verify and merge every bundle file into the team, in this one session.

    A refused file is reported and skipped; the rest goes on. ``progress(done, total)``
    is called after each file when given.
    """
    from careerkit.core.bundle import BundleRefused, Verifier, instant, reason_params
    from careerkit.core.person_names import lookalike_key, spelled

    team = Team(work, team_name, create=True, now=now)
    verifier = Verifier(now=instant(now))
    known = {p["name"] for p in team.people()}
    looks: dict[str, str] = {}  # what a name looks like → the first name in the team that looks so
    for name in sorted(known):
        looks.setdefault(lookalike_key(name), name)
    items = bundle_files(paths)
    results: list[FileResult] = []
    for done, (path, problem) in enumerate(items, 1):
        try:
            if problem is not None:
                raise BundleRefused(problem)
            try:  # not blocking on a named pipe, nor reading a device without end
                raw = files.read_file(path, MAX_BUNDLE)
            except files.FileTooLarge:
                raise BundleRefused("team.refused.too_big", size=max(path.stat().st_size, MAX_BUNDLE + 1) // 2**20,
                                    limit=MAX_BUNDLE // 2**20) from None
            except OSError as exc:
                raise BundleRefused("team.refused.unreadable", error=exc.strerror or str(exc)) from None
            try:
                bundle = verifier.verify(raw)
            except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError,
                    RecursionError) as exc:  # a check that missed a shape: this bundle only, never the import
                raise BundleRefused("team.refused.unexpected", error=type(exc).__name__) from None
            twin = bundle.person if bundle.person in known else looks.setdefault(lookalike_key(bundle.person),
                                                                                 bundle.person)
            if twin != bundle.person:
                raise BundleRefused("team.refused.lookalike", person=spelled(bundle.person), existing=spelled(twin))
        except BundleRefused as exc:
            results.append(FileResult(path, "refused", reason=t(exc.key, **reason_params(exc, t))))
        else:
            outcome = team.merge(bundle, now=now)
            known.add(bundle.person)
            results.append(FileResult(path, "imported" if outcome.changed else "unchanged",
                                      person=bundle.person, outcome=outcome))
            del raw, bundle  # one bundle in memory at a time
        if progress is not None:
            progress(done, len(items))
    return team, results


# ----------------------------------------------------------------------------- export


def export_records(work: Session, person: str, include: set[str]) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """A person's own records for a bundle, and the kinds asked for that this version cannot export."""
    from careerkit.store import assessments

    out: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    out["assessments"] = [dict(r) for r in assessments.records(work, person)]
    missing: list[str] = []
    for kind in ("reviews", "plans", "quizzes"):
        if kind in include:
            try:
                module = importlib.import_module(f"careerkit.store.{kind}")
                out[kind] = [dict(r) for r in module.records(work, person)]
            except (ImportError, AttributeError):
                missing.append(kind)
    if "habits" in include:
        found = _habits(work)
        if found is None:
            missing.append("habits")
        else:
            out["habits"] = found
    return out, missing


def _habits(work: Session) -> list[dict[str, Any]] | None:
    """Habits with their check-ins, from whatever the habits store offers (None: nothing)."""
    try:
        from careerkit.store import habits
    except ImportError:
        return None
    if hasattr(habits, "export_all"):
        return [dict(h) for h in habits.export_all(work)]
    if not (hasattr(habits, "all_habits") and hasattr(habits, "history")):
        return None
    out = []
    for habit in habits.all_habits(work):
        marks = habits.history(work, habit["id"])
        checkins = [{"date": day.isoformat(), "mark": str(getattr(mark, "value", mark))}
                    for day, mark in sorted(marks.items())]
        out.append({**dict(habit), "checkins": checkins})
    return out
