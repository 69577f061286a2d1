"""careerkit: career planning and competency assessment in the terminal."""

from __future__ import annotations

# The one place the version is written: the build reads it from here into the package
# metadata (pyproject.toml: [tool.hatch.version]), so the two can never drift.
__version__ = "0.1.0"


def version() -> str:
    return __version__
