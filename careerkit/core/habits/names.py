"""Habit names and notes: how they are cleaned, compared and matched from a typed part of the name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from careerkit.errors import InputError

NAME_LIMIT = 120
NOTE_LIMIT = 500
# Control characters, line separators and text-direction overrides: a name or a note is shown
# in terminal tables and HTML sheets, where an escape sequence or a right-to-left override
# would repaint the screen or disguise the text. Nobody's habit needs one.
_SPACES = str.maketrans("\t\n\r", "   ")
# (a pattern string: `re` compiles it on first use, not when `habits done` imports this module)
_FORBIDDEN = r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"


def _has_forbidden(text: str) -> bool:
    """Control characters other than the tab and line breaks that ``split()`` folds into a space."""
    return re.search(_FORBIDDEN, text.translate(_SPACES)) is not None


def clean_name(name: str) -> str:
    """The name as stored: NFC, spaces collapsed; refused when blank, too long or with control characters."""
    if _has_forbidden(name):
        raise InputError("habits.control_chars", what=repr(name)[:60])
    clean = unicodedata.normalize("NFC", " ".join(name.split()))
    if not clean:
        raise InputError("habits.empty_name")
    if len(clean) > NAME_LIMIT:
        raise InputError("habits.name_too_long", limit=NAME_LIMIT)
    return clean


def clean_note(note: str | None) -> str | None:
    """The note as stored, on one line (None when blank); refused when too long or with control characters."""
    if _has_forbidden(note or ""):
        raise InputError("habits.control_chars", what=repr(note)[:60])
    text = unicodedata.normalize("NFC", " ".join((note or "").split()))
    if len(text) > NOTE_LIMIT:
        raise InputError("habits.note_too_long", limit=NOTE_LIMIT, length=len(text))
    return text or None


def name_key(name: str) -> str:
    """How names compare: NFC-normalised, trimmed, case-folded (Chinese included)."""
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


def _folded(name: str) -> str:
    """How a typed name is matched: width-folded (ＡＢＣ, full-width digits and spaces), case-folded."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def match_name(query: str, names: Mapping[str, str]) -> list[str]:
    """Ids of ``names`` (id → name) matching ``query``: an exact match wins, then the names that
    begin with it, then those that contain it anywhere (锁屏 finds 离开柜台时锁屏)."""
    key = _folded(query)
    if not key:
        return []
    folded = {hid: _folded(name) for hid, name in names.items()}
    for test in (str.__eq__, str.startswith, str.__contains__):
        found = [hid for hid, name in folded.items() if test(name, key)]
        if found:
            return found
    letters = key.replace(" ", "")
    if letters.isascii() and letters.isalpha() and any(not name.isascii() for name in names.values()):
        return _by_initials(letters, names)
    return []


def _by_initials(letters: str, names: Mapping[str, str]) -> list[str]:
    """Ids of the names whose pinyin initials begin with ``letters`` (ypq for 营业前…), else contain them.

    pypinyin is imported here only: when a typed name is plain letters and matches no name
    otherwise (it takes half a second to load). A character read two ways (行: xíng, háng)
    matches either initial.
    """
    try:
        from pypinyin import Style, pinyin
    except ImportError:  # pragma: no cover - a dependency; without it, no pinyin matching
        return []
    spelled: dict[str, list[frozenset[str]]] = {}
    for hid, name in names.items():
        slots: list[frozenset[str]] = []
        for options in pinyin(unicodedata.normalize("NFKC", name), style=Style.FIRST_LETTER, heteronym=True,
                              errors="default"):
            if (len(options) == 1 and not options[0].isalpha()) or (options[0].isascii() and len(options[0]) > 1):
                slots.extend(frozenset(c) for c in options[0].casefold() if c.isalnum())  # ATM, 3, a word
            else:
                slots.append(frozenset(o[:1].casefold() for o in options if o))
        spelled[hid] = slots

    def at(slots: list[frozenset[str]], i: int) -> bool:
        return len(slots) - i >= len(letters) and all(c in slots[i + j] for j, c in enumerate(letters))

    begins = [hid for hid, slots in spelled.items() if at(slots, 0)]
    return begins or [hid for hid, slots in spelled.items() if any(at(slots, i) for i in range(len(slots)))]


COUNT_LIMIT = 9999


def clean_count(text: str) -> int:
    """A check-in's quantity (``--count``): a whole number from 1 to COUNT_LIMIT (full-width digits too)."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    if not (value.isascii() and value.isdigit() and len(value) <= 4) or not 1 <= int(value) <= COUNT_LIMIT:
        raise InputError("habits.bad_count", value=str(text)[:20], limit=COUNT_LIMIT)
    return int(value)
