"""Where models come from, which one wins, and how to find one by id.

Sources, highest priority first: ``--models-dir`` folders (repeatable), then the
folders of ``CAREERKIT_MODELS`` (a path list), then ``<home>/competencies/``, then the
built-in folder shipped inside the package. When two sources hold the same id, the
higher one wins and the lower one is listed as shadowed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from careerkit.core.message import Message
from careerkit.errors import NotFoundError, ValidationFailed
from careerkit.model.loader import LoadedModel, ModelCache, load_cached, load_file
from careerkit.yamldoc import Problem

_PEEK_ID = re.compile(r"^id:[ \t]*['\"]?([a-z0-9-]+)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


def builtin_dir() -> Path:
    """The built-in models: inside the installed package, or at the top of a checkout."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "competencies"
    return inside if inside.is_dir() else package.parent / "competencies"


@dataclass(frozen=True)
class Source:
    label: str  # "option", "env", "home", "builtin"
    folder: Path


@dataclass
class Entry:
    """One model file found in a source; ``model`` is None when the file is invalid."""

    path: Path
    source: Source
    model_id: str | None
    loaded: LoadedModel | None = None
    problems: list[Problem] = field(default_factory=list)
    shadowed_by: Path | None = None


def sources(home_models: Path | None, extra_dirs: tuple[Path, ...] | list[Path] = ()) -> list[Source]:
    found = [Source("option", Path(d)) for d in extra_dirs]
    env = os.environ.get("CAREERKIT_MODELS", "")
    found += [Source("env", Path(p)) for p in env.split(os.pathsep) if p]
    if home_models is not None:
        found.append(Source("home", home_models))
    found.append(Source("builtin", builtin_dir()))
    return found


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    except OSError:
        return []


def _peek_id(path: Path) -> str | None:
    """The model id from the file's top-level ``id:`` line, without parsing the whole file."""
    from careerkit.yamldoc import head_of

    try:
        head = head_of(path, 64 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return None
    match = _PEEK_ID.search(head)
    return match.group(1) if match else None


class Catalog:
    """The models visible from the given sources."""

    def __init__(self, source_list: list[Source], cache: ModelCache | None = None) -> None:
        self.sources = source_list
        self.cache = cache  # models validated before, by their file's sha256: no pydantic for them

    def entries(self, *, load: bool = True) -> list[Entry]:
        """Every model file in every source, with shadowing resolved (higher source wins)."""
        entries: list[Entry] = []
        for source in self.sources:
            for path in _files(source.folder):
                entry = Entry(path, source, _peek_id(path))
                if load:
                    entry.loaded, entry.problems = load_cached(path, self.cache, source=source.label)
                    if entry.loaded is not None:
                        entry.model_id = entry.loaded.model.id
                entries.append(entry)
        winner: dict[str, Entry] = {}
        for entry in entries:
            if entry.model_id is None:
                continue
            first = winner.setdefault(entry.model_id, entry)
            if first is not entry:
                entry.shadowed_by = first.path
                if first.loaded is not None:
                    first.loaded.shadows.append(str(entry.path))
        return entries

    def ids(self) -> list[str]:
        return sorted({e.model_id for e in self.entries(load=False) if e.model_id})

    def find(self, model_id: str) -> LoadedModel:
        """The winning model of that id, validated; a clear error when absent or invalid."""
        for source in self.sources:
            candidates = [p for p in _files(source.folder) if _peek_id(p) == model_id]
            if not candidates:
                candidates = [p for p in _files(source.folder) if p.stem == model_id]
            for path in candidates:
                loaded = load_file(path, source=source.label, cache=self.cache)
                if loaded.model.id == model_id:
                    return loaded
        known = self.ids()
        raise NotFoundError("models.unknown", id=model_id, known=", ".join(known) or "-",
                            hint=did_you_mean(model_id, known))


def did_you_mean(value: str, known: list[str]) -> Message | str:
    """`` (did you mean 'x'?)`` for the closest known id, or an empty string."""
    import difflib

    starts = [k for k in known if k.startswith(value)] if value else []
    close = starts if len(starts) == 1 else difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return Message("model.err.did_you_mean", key=close[0]) if close else ""


def find_or_load(catalog: Catalog, ref: str) -> LoadedModel:
    """A model by id, or by path when ``ref`` names a YAML file."""
    if ref.endswith((".yaml", ".yml")) or os.sep in ref:
        path = Path(ref)
        if not path.exists():
            raise NotFoundError("models.no_file", path=ref)
        return load_file(path, cache=catalog.cache)
    return catalog.find(ref)


__all__ = ["Catalog", "Entry", "Source", "ValidationFailed", "builtin_dir", "find_or_load", "sources"]
