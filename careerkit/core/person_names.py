"""People's names: any script, but never blank, control characters or direction overrides.

A name travels into store records, terminal tables, spreadsheets, HTML and file names;
a newline, NUL, escape sequence or right-to-left override in it would break a row or
disguise what is shown, and nobody's name needs one.
"""

from __future__ import annotations

import re
import unicodedata

from careerkit.errors import InputError

MAX_LENGTH = 100
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def problem(value: object) -> str | None:
    """Why ``value`` is not a usable name (a message key), or None when it is."""
    if not isinstance(value, str) or not value.strip():
        return "names.blank"
    if _FORBIDDEN.search(value.strip()):
        return "names.control"
    if len(value.strip()) > MAX_LENGTH:
        return "names.too_long"
    return None


def clean(value: object) -> str:
    """The name, NFC-normalised and stripped; :class:`InputError` when it is not usable."""
    key = problem(value)
    if key is not None:
        raise InputError(key, name=repr(value)[:60], limit=MAX_LENGTH)
    return unicodedata.normalize("NFC", str(value).strip())
