"""The message catalog: every user-facing string of the CLI, in English and Chinese.

Messages live in small modules under :mod:`careerkit.messages`, one per area
(``models``, ``assess``, ``habits`` ...). A key is ``"area.name"``; its module is
imported the first time a key of that area is used, so a command pays only for
the messages it shows.

Each module defines ``MESSAGES: dict[str, tuple[str, str]]`` mapping the key to its
English and Chinese text, with ``str.format`` placeholders. Chinese entries are written
as Chinese is written, full-width punctuation included (``，：；（）？！``): what the
catalog says is what users see, and tests/test_messages.py refuses a half-width mark
next to Chinese text.
"""

from __future__ import annotations

import importlib
import os

LANGUAGES = ("en", "zh")

_current = "en"
_areas: dict[str, dict[str, tuple[str, str]]] = {}
# Areas whose module is not named after them: ``model.*`` (problems in a model file)
# lives in messages/model_format.py, beside messages/models.py (the `models` command).
AREA_MODULES = {"model": "model_format"}


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
            module = importlib.import_module(f"careerkit.messages.{AREA_MODULES.get(area, area)}")
        except ModuleNotFoundError:
            table = {}
        else:
            table = module.MESSAGES
        _areas[area] = table
    return table


def has(key: str) -> bool:
    area, _, _ = key.partition(".")
    return key in _area(area)


def t(key: str, /, lang: str | None = None, **params: object) -> str:
    """The message ``key`` in ``lang`` (default: the current language), filled with ``params``.

    An unknown key returns the key itself, so a missing message is visible rather
    than fatal; a test checks that every key used in the code exists in both languages.
    """
    area, _, _ = key.partition(".")
    entry = _area(area).get(key)
    if entry is None:
        return key
    text = entry[1] if (lang or _current) == "zh" else entry[0]
    if params:
        try:
            return text.format_map(params)
        except (KeyError, IndexError, ValueError):
            return text
    return text
