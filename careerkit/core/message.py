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


class _Value:
    """A read-only value of a few fields, equal and hashed by them. Hand-written rather than a
    frozen dataclass: every command loads this module, and importing dataclasses and generating
    the methods cost more than the rest of it (issue 13)."""

    __slots__: tuple[str, ...] = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Value) and type(other) is type(self) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class Listing(_Value):
    """Items to be listed in the reader's language; ``empty`` stands in for none."""

    __slots__ = ("empty", "items")
    items: tuple[object, ...]
    empty: str

    def __init__(self, items: tuple[object, ...], empty: str = "") -> None:
        object.__setattr__(self, "items", items)
        object.__setattr__(self, "empty", empty)

    @classmethod
    def of(cls, items: Iterable[object], empty: str = "") -> Listing:
        return cls(tuple(items), empty)


class Localized(_Value):
    """A model's text: one string, or one per language code; the edge picks the reader's
    language, then ``fallback`` (the model's language), then en, then any (as a model does)."""

    __slots__ = ("fallback", "value")
    value: str | Mapping[str, str] | None
    fallback: str

    def __init__(self, value: str | Mapping[str, str] | None, fallback: str = "en") -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "fallback", fallback)

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
