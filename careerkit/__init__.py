"""careerkit: career planning and competency assessment in the terminal."""

from __future__ import annotations


def version() -> str:
    """The installed version, read from the package metadata (its one source)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as _version

    try:
        return _version("careerkit")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"
