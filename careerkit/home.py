"""The home folder: where all of a user's data and configuration live.

Chosen by ``--home DIR``, else ``CAREERKIT_HOME``, else the platform's per-user data
folder (``$XDG_DATA_HOME/careerkit`` or ``~/.local/share/careerkit`` on Linux,
``~/Library/Application Support/careerkit`` on macOS, ``%LOCALAPPDATA%\\careerkit`` on
Windows). Data and configuration share one folder so that one backup holds everything.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pathlib is imported on first use: `--help` and `--version` never need it
    from pathlib import Path


def default_root() -> Path:
    from pathlib import Path

    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "careerkit"
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "careerkit"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "careerkit"


class Home:
    __slots__ = ("root",)

    def __init__(self, root: Path) -> None:
        self.root = root

    def __repr__(self) -> str:
        return f"Home({str(self.root)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Home) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    @classmethod
    def resolve(cls, option: str | os.PathLike[str] | None = None) -> Home:
        from pathlib import Path

        value = option or os.environ.get("CAREERKIT_HOME")
        root = Path(value).expanduser() if value else default_root()
        return cls(root.absolute())

    @staticmethod
    def config_file_of(option: str | None) -> str:
        """The profile's path without building a Home (start-up path of every command)."""
        value = option or os.environ.get("CAREERKIT_HOME")
        if value:
            return os.path.join(os.path.abspath(os.path.expanduser(value)), "config.toml")
        return os.path.join(str(default_root()), "config.toml")

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
