"""People's names: any script, but never blank, control, invisible or direction characters.

A name travels into store records, terminal tables, spreadsheets, HTML and file names;
a newline, NUL, escape sequence or right-to-left override in it would break a row or
disguise what is shown, and nobody's name needs one.
"""

from __future__ import annotations

import re
import unicodedata

from careerkit.errors import InputError

MAX_LENGTH = 100
# controls, line separators, direction marks/embeddings/overrides/isolates, and the
# invisible ones (zero-width space, joiners, word joiner, invisible operators, BOM): a
# name with one looks like another person's name
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
                        r"\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")


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


# Cyrillic and Greek letters drawn like Latin ones (the homoglyphs of Unicode's
# confusables list for these scripts), folded onto the Latin letter they imitate
_HOMOGLYPHS = str.maketrans({
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M", "О": "O",
    "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y", "Ү": "Y", "Ԁ": "d", "Ԍ": "G", "Ԛ": "Q", "Ԝ": "W",
    "а": "a", "е": "e", "һ": "h", "і": "i", "ј": "j", "о": "o", "ӏ": "l", "р": "p", "с": "c", "ѕ": "s",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "х": "x", "у": "y", "ү": "y", "ь": "b", "ѵ": "v", "Ѵ": "V",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "α": "a", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ϲ": "c", "ϳ": "j",
})


def lookalike_key(name: str) -> str:
    """What ``name`` looks like: two names with the same key are told apart by the eye only with difficulty.

    NFKC (full-width and compatibility forms become plain ones), invisible and format
    characters removed, Cyrillic and Greek homoglyphs folded onto Latin letters.
    """
    text = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Cc") or c.isspace())
    return " ".join(text.translate(_HOMOGLYPHS).split())


def spelled(name: str) -> str:
    """``name`` with each character outside ASCII that a look-alike could hide named by its code point."""
    hidden = [char for char in dict.fromkeys(name)
              if unicodedata.category(char) in ("Cf", "Cc") or char.translate(_HOMOGLYPHS) != char
              or unicodedata.normalize("NFKC", char) != char]
    if not hidden:
        return name
    named = ", ".join(f"{char if char.isprintable() else ''}=U+{ord(char):04X} {unicodedata.name(char, '?')}"
                      for char in hidden)
    return f"{name} ({named})"
