"""The message catalog: every user-facing string of the CLI, in English and Chinese.

Messages live in small modules under :mod:`careerkit.messages`, one per area
(``models``, ``assess``, ``habits`` ...). A key is ``"area.name"``; its module is
imported the first time a key of that area is used, so a command pays only for
the messages it shows.

Each module defines ``MESSAGES: dict[str, tuple[str, str]]`` mapping the key to its
English and Chinese text, with ``str.format`` placeholders.
"""

from __future__ import annotations

import importlib
import os
import re
from functools import lru_cache

LANGUAGES = ("en", "zh")

_current = "en"
_areas: dict[str, dict[str, tuple[str, str]]] = {}


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def language() -> str:
    return _current


def language_from_locale(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """zh for a Chinese system locale (zh_CN.UTF-8, zh_TW ...), else en."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _area(area: str) -> dict[str, tuple[str, str]]:
    table = _areas.get(area)
    if table is None:
        try:
            module = importlib.import_module(f"careerkit.messages.{area}")
        except ModuleNotFoundError:
            table = {}
        else:
            table = module.MESSAGES
        _areas[area] = table
    return table


def has(key: str) -> bool:
    area, _, _ = key.partition(".")
    return key in _area(area)


_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d]")
_KEEP = re.compile(r"(`[^`]*`|\{[^{}]*\}|\{\{|\}\})")
_WIDE = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}


@lru_cache(maxsize=2048)
def zh_punctuation(text: str) -> str:
    """Full-width punctuation where it sits in Chinese text, as Chinese readers expect.

    The catalog may be typed with ASCII ``,:;()?!``; next to Chinese characters they
    become ``，：；（）？！``. Code in backticks and ``{placeholders}`` are left alone, and
    so is whatever fills the placeholders (paths, values), since this runs before formatting.
    """
    out: list[str] = []
    opened: list[bool] = []
    for index, part in enumerate(_KEEP.split(text)):
        if index % 2:
            out.append(part)
            continue
        chars = list(part)
        for j, ch in enumerate(part):
            if ch not in _WIDE:
                continue
            before = chars[j - 1] if j else ("".join(out)[-1:] or "")  # as converted so far
            after = part[j + 1] if j + 1 < len(part) else ""
            if ch == "(":
                end = part.find(")", j)
                wide = bool(_CJK.match(before) or _CJK.search(part[j + 1:end if end > 0 else None]))
                opened.append(wide)
            elif ch == ")":
                wide = opened.pop() if opened else False
            elif ch == ":":
                wide = bool(_CJK.match(before))
            else:
                wide = bool(_CJK.match(before) or (_CJK.match(after) and not before.isdigit()))
            if wide:
                chars[j] = _WIDE[ch]
                if ch in ",;:?!" and after == " ":  # a full-width mark carries its own space
                    chars[j + 1] = ""
        out.append("".join(chars))
    return "".join(out)


def t(key: str, /, lang: str | None = None, **params: object) -> str:
    """The message ``key`` in ``lang`` (default: the current language), filled with ``params``.

    An unknown key returns the key itself, so a missing message is visible rather
    than fatal; a test checks that every key used in the code exists in both languages.
    """
    area, _, _ = key.partition(".")
    entry = _area(area).get(key)
    if entry is None:
        return key
    text = zh_punctuation(entry[1]) if (lang or _current) == "zh" else entry[0]
    if params:
        try:
            return text.format_map(params)
        except (KeyError, IndexError, ValueError):
            return text
    return text
