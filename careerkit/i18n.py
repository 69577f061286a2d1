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
from collections.abc import Callable, Iterable, Mapping

from careerkit.core.message import Listing, Localized, Message

LANGUAGES = ("en", "zh")

_current = "en"
_areas: dict[str, dict[str, tuple[str, str]]] = {}
_program: str | Callable[[], str] = "careerkit"


def set_program(name: str | Callable[[], str]) -> None:
    """How the user runs careerkit (``.venv/bin/careerkit`` when that is what they typed and
    ``careerkit`` is not on PATH): every hint's command (`careerkit assess --resume`) uses it.
    A callable is asked once, the first time a hint needs it (finding it searches PATH)."""
    global _program
    _program = name or "careerkit"


def program() -> str:
    global _program
    if not isinstance(_program, str):
        _program = _program() or "careerkit"
    return _program
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
    return _fill(key, lang, params)


def _fill(key: str, lang: str | None, params: Mapping[str, object]) -> str:
    """``t`` with its parameters as a mapping: a message may have a placeholder named ``lang``."""
    area, _, _ = key.partition(".")
    entry = _area(area).get(key)
    if entry is None:
        return key
    text = entry[1] if (lang or _current) == "zh" else entry[0]
    if _program != "careerkit" and "`careerkit " in text and program() != "careerkit":
        text = text.replace("`careerkit ", f"`{program()} ")
    if params:
        try:
            return text.format_map({name: _word(value, lang) for name, value in params.items()})
        except (KeyError, IndexError, ValueError):
            return text
    return text


def say(message: Message | str, /, lang: str | None = None) -> str:
    """What core said (:mod:`careerkit.core.message`), in ``lang`` (default: the current language).

    Text is returned as it is: a problem made at the edge may carry words already."""
    return message if isinstance(message, str) else _fill(message.key, lang, message.params)


def _word(value: object, lang: str | None) -> object:
    """A parameter in words: a Message translated, a Listing listed, a Localized text picked."""
    if isinstance(value, Message):
        return say(value, lang)
    if isinstance(value, Listing):
        return listing((_word(item, lang) for item in value.items), lang) or value.empty
    if isinstance(value, Localized):
        return value.pick(lang or _current)
    return value


_reverse: dict[str, str] = {}


def retranslate(text: str) -> str:
    """``text``, a catalog entry in either language, in the current language; other text unchanged.

    click keeps the help a command was declared with, in the language of the run that first
    imported it: :func:`careerkit.cli.localize_help` passes every help text through here when
    it is shown, so ``--lang en`` after a Chinese run in the same process prints English.
    """
    if not _reverse:
        import inspect
        import pkgutil

        from careerkit import messages

        for info in pkgutil.iter_modules(messages.__path__):
            for key, texts in _area(info.name).items():
                for value in texts:
                    _reverse.setdefault(value, key)
                    _reverse.setdefault(inspect.cleandoc(value), key)
    found = _reverse.get(text)
    return t(found) if found is not None else text


def plural(key: str, n: int, /, lang: str | None = None, **params: object) -> str:
    """``key.one`` when ``n`` is 1, else ``key.other``, filled with ``n`` and ``params``.

    The catalog holds both forms in both languages (Chinese writes them alike): no code
    trims or appends an "s" to a key."""
    return t(f"{key}.{'one' if n == 1 else 'other'}", lang=lang, n=n, **params)


# Punctuation composed in code (a label and its value, a list of names, a note in brackets)
# follows the language, so Chinese output reads 岗位：柜员（teller）and 专业知识、服务意识.
PUNCTUATION = {
    "en": {"colon": ": ", "open": " (", "close": ")", "semicolon": "; ", "comma": ", ", "list": ", "},
    "zh": {"colon": "：", "open": "（", "close": "）", "semicolon": "；", "comma": "，", "list": "、"},
}


def punctuation(lang: str | None = None) -> dict[str, str]:
    """The marks of ``lang`` (default: the current language), for code and templates."""
    return PUNCTUATION["zh" if (lang or _current) == "zh" else "en"]


def labelled(label: str, value: object = "", /, lang: str | None = None) -> str:
    """``label: value`` in English, ``label：value`` in Chinese."""
    return f"{label}{punctuation(lang)['colon']}{value}"


def paren(text: object, /, lang: str | None = None) -> str:
    """`` (text)`` after a word in English, ``（text）`` in Chinese."""
    marks = punctuation(lang)
    return f"{marks['open']}{text}{marks['close']}"


def listing(items: Iterable[object], /, lang: str | None = None) -> str:
    """Names in a list: ``a, b`` in English, ``a、b`` in Chinese."""
    return punctuation(lang)["list"].join(str(item) for item in items)
