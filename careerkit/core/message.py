"""Words as data: what core says, as a catalog key and its parameters, put into words at the edge.

Core knows nothing of the user's language. Where it has something to tell (a problem in an
answers file, a goal sentence, the roles an error lists), it returns a :class:`Message`; the
CLI and the renderers turn it into text with :func:`careerkit.i18n.say` (and ``t`` does the
same for a parameter that is a Message, so ``InputError(key, known=Listing(...))`` works).

A parameter may be plain (text, a number), or:

- a :class:`Message`, put into words in the same language (a hint inside a problem);
- a :class:`Listing`, items joined as the language lists them (``a, b`` / ``a、b``);
- a :class:`Localized`, a model's text (one string, or one per language), in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Listing", "Localized", "Message", "kind_of", "one_of"]


class Message:
    """A catalog key (``"answers.not_level"``) and the values of its placeholders."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params: Mapping[str, object] = params

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, dict(self.params)) == (other.key, dict(other.params))

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"Message({self.key!r}{args})"


@dataclass(frozen=True)
class Listing:
    """Items to be listed in the reader's language; ``empty`` stands in for none."""

    items: tuple[object, ...]
    empty: str = ""

    @classmethod
    def of(cls, items: Iterable[object], empty: str = "") -> Listing:
        return cls(tuple(items), empty)


@dataclass(frozen=True)
class Localized:
    """A model's text: one string, or one per language code; the edge picks the reader's
    language, then ``fallback`` (the model's language), then en, then any (as a model does)."""

    value: str | Mapping[str, str] | None
    fallback: str = "en"

    def pick(self, lang: str) -> str:
        value = self.value
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        for candidate in (lang, self.fallback, "en"):
            if candidate in value:
                return value[candidate]
        return next(iter(value.values()), "")


_KINDS = {bool: "boolean", int: "number", float: "number", str: "text", list: "list",
          dict: "mapping", type(None): "nothing"}


def kind_of(value: Any) -> Message | str:
    """What a value is ("text", "文本"): it fills the ``got`` of a problem."""
    kind = _KINDS.get(type(value))
    return Message(f"common.type.{kind}") if kind else type(value).__name__


def one_of(key: str, known: Iterable[str]) -> Message | str:
    """``did you mean X?`` for the one of ``known`` closest to ``key``, else nothing."""
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return Message("model.err.did_you_mean", key=close[0]) if close else ""
