"""`careerkit doctor`: what is wrong with the home folder, in plain words, and the fix.

Each check returns :class:`Finding` values; none of them changes anything. ``fix``
applies only the safe repairs (permissions, leftover temporary files), under the lock.
"""

from __future__ import annotations

import os
import stat
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from careerkit.errors import CareerkitError
from careerkit.i18n import program, t
from careerkit.store import files


@dataclass
class Finding:
    check: str            # permissions, config, stores, schema, leftovers, lock, backups, models, templates
    ok: bool
    message: str
    path: str | None = None
    fix: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _walk(root: Path) -> list[Path]:
    return sorted(root.rglob("*")) if root.is_dir() else []


def check_permissions(home: Path) -> list[Finding]:
    loose = []
    for path in [home, *_walk(home)]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            loose.append(path)
    if not loose:
        return [Finding("permissions", True, t("doctor.perm_ok"))]
    return [Finding("permissions", False, t("doctor.perm_loose", count=len(loose), first=str(loose[0])),
                    str(loose[0]), t("doctor.fix_perm", home=str(home)))]


def check_config(home: Path) -> list[Finding]:
    from careerkit import config

    path = home / "config.toml"
    if not path.exists():
        return [Finding("config", True, t("doctor.no_config"), str(path), f"{program()} init")]
    try:
        config.load(path)
    except CareerkitError as exc:
        return [Finding("config", False, exc.message(), str(path), f"{program()} init --force")]
    return [Finding("config", True, t("doctor.config_ok"), str(path))]


def _known_kinds() -> dict[str, Any]:
    import importlib

    for module in ("people", "history_index", "habits", "team", "plans", "reviews", "raters"):
        try:
            importlib.import_module(f"careerkit.store.{module}")
        except ImportError:
            continue
    from careerkit.store.database import KINDS

    return KINDS


def _restore_command(home: Path, store: Path) -> str:
    """The command that puts back the newest readable rotating backup of ``store`` (numbered as `restore --list`)."""
    from careerkit.store.archive import rotating

    for number, entry in enumerate(rotating(home), 1):
        if entry.store == store and entry.readable:
            return f"{program()} restore --pick {number}"
    return t("doctor.fix_from_archive")


def check_stores(home: Path) -> list[Finding]:
    from careerkit.store.archive import INCLUDED, walk
    from careerkit.store.database import inspect

    kinds = _known_kinds()
    out: list[Finding] = []
    count = 0
    unbacked: list[Path] = []
    # what a backup would hold, walked the same way (through linked folders): what it cannot
    # read, a backup would refuse, so it is a problem here too
    unreadable: list[tuple[Path, str]] = []
    walk(home, INCLUDED, unreadable)
    for path, error in unreadable:
        out.append(Finding("stores", False, t("files.read_failed", path=str(path), error=error), str(path),
                           t("doctor.fix_unreadable", path=str(path))))
    bases = {p.with_name(p.name.partition(".json")[0] + ".json") for p in walk(home, ("data",), [], every=True)
             if ".json" in p.name and files.TMP_MARK not in p.name and ".replaced-" not in p.name}
    for path in sorted(bases):
        count += 1
        try:
            kind_name, schema = inspect(path)
            kind = kinds.get(kind_name)
            if kind is None:
                out.append(Finding("stores", False, t("doctor.unknown_kind", path=str(path)), str(path),
                                   _restore_command(home, path)))
            elif schema > kind.schema:
                out.append(Finding("schema", False, t("doctor.too_new", path=str(path), found=schema,
                                                      supported=kind.schema), str(path),
                                   "pip install --upgrade careerkit"))
            elif not files.backups_of(path):
                unbacked.append(path)
        except CareerkitError as exc:
            out.append(Finding("stores", False, exc.message(), str(path), _restore_command(home, path)))
    if unbacked:  # normal for a file saved once: one line, not one per file
        out.append(Finding("backups", True, t("doctor.no_backup", count=len(unbacked), first=str(unbacked[0])),
                           str(unbacked[0])))
    for snapshot in sorted((home / "models").glob("*.json")) if (home / "models").is_dir() else []:
        try:
            from careerkit.model.loader import from_snapshot

            from_snapshot(files.read_file(snapshot, files.MAX_STORE))
        except (ValueError, OSError):
            out.append(Finding("stores", False, t("doctor.bad_snapshot", path=str(snapshot)), str(snapshot),
                               t("doctor.fix_from_archive")))
            continue
        from careerkit.store.snapshots import matches_digest

        if not matches_digest(snapshot):  # valid, but not the model version its name promises: edited
            out.append(Finding("stores", False, t("doctor.snapshot_digest", path=str(snapshot)), str(snapshot),
                               t("doctor.fix_from_archive")))
    if not any(not f.ok for f in out):
        out.insert(0, Finding("stores", True, t("doctor.stores_ok", count=count)))
    return out


def check_index(home: Path) -> list[Finding]:
    """Whether the history index says what the person files hold (derived data: rebuilt, never trusted)."""
    from careerkit.store import history_index
    from careerkit.store.database import session

    try:
        with session(home) as work:
            found = history_index.problems(work)
    except (CareerkitError, OSError):
        return []  # a damaged or unreadable person file or folder: check_stores names it
    path = history_index.head_path(home / "data")
    if not found:
        return [Finding("index", True, t("doctor.index_ok"), str(path))] if path.exists() else []
    return [Finding("index", False, t("doctor.index_stale", count=len(found), first=found[0]), str(path),
                    "careerkit doctor --fix")]


def check_habit_summaries(home: Path) -> list[Finding]:
    """Whether the habit summaries say what the year files hold (derived data: rebuilt, never trusted)."""
    from careerkit.store import habits

    try:
        count, found = habits.check_summaries(home)
    except (CareerkitError, OSError):
        return []  # a damaged or unreadable habit file: check_stores names it
    folder = home / "data" / "habits"
    if not found:
        return [Finding("index", True, t("habits.summaries_ok", count=count), str(folder))] if count else []
    return [Finding("index", False, t("habits.summaries_stale", count=len(found), first=found[0]),
                    str(folder / found[0]), f"{program()} doctor --fix")]


def check_team(home: Path) -> list[Finding]:
    """Whether each team's stored summary figures are what its records make (derived data: rebuilt, never trusted)."""
    from careerkit.store import team
    from careerkit.store.database import session

    try:
        with session(home) as work:
            names = team.team_names(work)
            found = team.figure_problems(work)
    except (CareerkitError, OSError):
        return []  # a damaged or unreadable team file: check_stores names it
    if not names:
        return []
    if not found:
        return [Finding("team", True, t("doctor.team_figures_ok", count=len(names)))]
    return [Finding("team", False, t("doctor.team_figures_stale", count=len(found), team=found[0][0],
                                     first=found[0][1]), None, f"{program()} doctor --fix")]


def leftovers(home: Path) -> list[Path]:
    return [p for p in _walk(home) if p.name.startswith(".") and files.TMP_MARK in p.name and p.is_file()]


def check_leftovers(home: Path) -> list[Finding]:
    found = leftovers(home)
    if not found:
        return [Finding("leftovers", True, t("doctor.no_leftovers"))]
    return [Finding("leftovers", False, t("doctor.leftovers", count=len(found), first=str(found[0])),
                    str(found[0]), f"{program()} doctor --fix")]


def check_lock(home: Path) -> list[Finding]:
    import fcntl
    import json

    path = home / files.LOCK_NAME
    if not path.exists():
        return []
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        return [Finding("lock", False, t("doctor.lock_unreadable", path=str(path), error=exc.strerror),
                        str(path), f"chmod 600 {path}")]
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return [Finding("lock", True, t("doctor.lock_free"))]
    except BlockingIOError:
        try:
            holder = json.loads(os.pread(fd, 4096, 0) or b"{}")
        except ValueError:
            holder = {}
        return [Finding("lock", True, t("doctor.lock_held", pid=holder.get("pid", "?"),
                                        command=holder.get("command", "?")), str(path))]
    finally:
        os.close(fd)


def check_models(catalog: Any) -> list[Finding]:
    out = []
    entries = catalog.entries()
    for entry in entries:
        if entry.loaded is None:
            out.append(Finding("models", False, t("doctor.bad_model", path=str(entry.path),
                                                  count=len(entry.problems)),
                               str(entry.path), f"{program()} models validate {entry.path}"))
    if not out:
        out.append(Finding("models", True, t("doctor.models_ok", count=len(entries))))
    return out


def check_templates(home: Path) -> list[Finding]:
    from careerkit.render.templates import check_folder

    count, problems = check_folder(home / "templates")
    out = [Finding("templates", False, message, str(path), t("doctor.fix_template", path=str(path)))
           for path, message in problems]
    if not out:
        out.append(Finding("templates", True, t("doctor.templates_ok", count=count) if count
                           else t("doctor.templates_none")))
    return out


def examine(home: Path, catalog: Any) -> list[Finding]:
    if not home.exists():
        return [Finding("home", True, t("doctor.no_home", path=str(home)), str(home), f"{program()} init")]
    files.settle(home)  # an interrupted commit is completed first: what is examined is what commands see
    findings = []
    for check in (check_permissions, check_config, check_stores, check_index, check_habit_summaries, check_team,
                  check_leftovers, check_lock, check_templates):
        findings += check(home)
    findings += check_models(catalog)
    return findings


def fix(home: Path) -> list[str]:
    """The safe repairs: owner-only permissions, leftover temporary files, a history index
    rebuilt from the person files, habit summaries from the year files (under the lock)."""
    from careerkit.store import history_index
    from careerkit.store.database import session

    done = []
    with files.locked(home):
        for path in leftovers(home):
            path.unlink(missing_ok=True)
            done.append(t("doctor.fixed_leftover", path=str(path)))
    index = check_index(home)
    if index and not index[0].ok:
        with session(home, write=True) as work:
            history_index.rebuild(work)
        done.append(t("doctor.fixed_index", path=str(history_index.head_path(home / "data"))))
    summaries = check_habit_summaries(home)
    if summaries and not summaries[0].ok:
        from careerkit.store import habits

        done.append(t("habits.summaries_fixed", count=habits.fix_summaries(home)))
    figures = check_team(home)
    if figures and not figures[0].ok:
        from careerkit.store import team

        with session(home, write=True) as work:
            done += [t("doctor.fixed_team_figures", team=name) for name in team.rebuild_figures(work)]
    with files.locked(home):
        for path in [home, *_walk(home)]:
            if path.is_symlink():
                continue
            mode = stat.S_IMODE(path.stat().st_mode)
            if mode & 0o077:
                os.chmod(path, mode & 0o700)
                done.append(t("doctor.fixed_perm", path=str(path)))
    return done
