"""The home folder: where all of a user's data and configuration live.

Chosen by ``--home DIR``, else ``CAREERKIT_HOME``, else the platform's per-user data
folder (``$XDG_DATA_HOME/careerkit`` or ``~/.local/share/careerkit`` on Linux,
``~/Library/Application Support/careerkit`` on macOS, ``%LOCALAPPDATA%\\careerkit`` on
Windows). Data and configuration share one folder so that one backup holds everything.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path


def default_root() -> Path:
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "careerkit"
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "careerkit"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "careerkit"


@dataclass(frozen=True)
class Home:
    root: Path

    @classmethod
    def resolve(cls, option: str | os.PathLike[str] | None = None) -> Home:
        value = option or os.environ.get("CAREERKIT_HOME")
        root = Path(value).expanduser() if value else default_root()
        return cls(root.absolute())

    @property
    def config_file(self) -> Path:
        return self.root / "config.toml"

    @property
    def models_dir(self) -> Path:
        """The user's own competency models (shadow the built-in ones of the same id)."""
        return self.root / "competencies"

    @property
    def templates_dir(self) -> Path:
        """The user's template overrides, by built-in template name."""
        return self.root / "templates"

    @property
    def snapshots_dir(self) -> Path:
        """A copy of every model version an assessment was taken on, by digest."""
        return self.root / "models"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"
