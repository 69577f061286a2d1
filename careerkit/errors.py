"""careerkit's error root and its exit codes.

Every failure a user can cause or meet is a :class:`CareerkitError`. It carries a
message key from the catalog (:mod:`careerkit.i18n`) and its parameters, so the text
is produced in the user's language at the one place that reports errors: the root
command in :mod:`careerkit.cli`. Nothing else prints errors or picks exit codes.

Exit codes (documented in the README):

====  =========================================================================
0     success
1     internal error: a bug in careerkit (a traceback is shown only with --debug)
2     bad input: an invalid file, unknown id, wrong option, damaged store
3     environment: the disk, a permission, or a lock held by another process
130   interrupted (Ctrl-C)
====  =========================================================================
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from careerkit.i18n import t


class ExitCode(IntEnum):
    OK = 0
    INTERNAL = 1
    BAD_INPUT = 2
    ENVIRONMENT = 3
    INTERRUPTED = 130


class CareerkitError(Exception):
    """An expected failure with a translatable message.

    ``key`` names a message of the catalog; ``params`` fill its placeholders.
    ``details`` are extra lines (already formatted, e.g. ``FILE:LINE:COL: ...``
    problem lines) printed under the message.
    """

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, key: str, /, *, details: list[str] | None = None, **params: Any) -> None:
        self.key = key
        self.params = params
        self.details = list(details or [])
        super().__init__(key)

    def message(self) -> str:
        return t(self.key, **self.params)

    def __str__(self) -> str:
        lines = [self.message(), *self.details]
        return "\n".join(lines)


class InputError(CareerkitError):
    """The user gave something careerkit cannot accept (exit 2)."""


class NotFoundError(InputError):
    """An id, name or file that does not exist (exit 2)."""


class ValidationFailed(InputError):
    """A file with problems; ``details`` holds one ``FILE:LINE:COL: path: message`` line each."""


class StoreDamaged(InputError):
    """A data file that does not parse or is missing while backups exist (exit 2).

    careerkit never repairs or re-initialises such a file on its own.
    """


class EnvironmentFailure(CareerkitError):
    """The machine refused: disk full, I/O error, permission, read-only (exit 3)."""

    exit_code = ExitCode.ENVIRONMENT


class LockBusy(EnvironmentFailure):
    """Another careerkit process holds the lock longer than we wait (exit 3)."""
