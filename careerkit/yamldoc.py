"""Read a YAML (or JSON) file into plain data, keeping the line and column of every node.

careerkit reads user-written files (competency models, answers files) through here,
never through ``yaml.load``. It walks the parser's events itself, so:

- nothing but plain data is built: a tag (``!!python/object`` ...) is refused, and so are
  anchors and aliases, before anything expands them (no alias bombs);
- a duplicate key is reported with both lines (PyYAML would keep the last one silently);
- scalars follow YAML 1.2's core schema: only ``true``/``false`` are booleans, so
  ``yes``/``no``/``on``/``off`` stay text and a typo cannot turn into a boolean;
- size, nesting depth and node count are capped, so a huge or absurdly nested file is
  refused with a message instead of exhausting memory or the stack.

Problems are reported as :class:`Problem` values carrying file, line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careerkit.core.message import Message
from careerkit.i18n import say, t

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 250_000

Path_ = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_SPECIAL_FLOATS = {
    ".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"),
    ".Inf": float("inf"), "+.Inf": float("inf"), "-.Inf": float("-inf"),
    ".INF": float("inf"), "+.INF": float("inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where it is, and what: a :class:`~careerkit.core.message.Message`
    (core's checks) or text already in words; ``str()`` says it in the current language."""

    file: str
    line: int
    column: int
    path: str
    message: Message | str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = say(self.message)
        return f"{where}: {self.path}: {text}" if self.path else f"{where}: {text}"


@dataclass
class Document:
    """Plain data read from a file, with the 1-based (line, column) of each value and key."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Where ``path`` is, or its nearest ancestor that exists (a missing field: its parent)."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def problem(self, path: Path_, message: Message | str, *, key: bool = False) -> Problem:
        line, column = self.position(path, key=key)
        return Problem(self.file, line, column, dotted(path), message)


class YamlProblems(Exception):
    """The file could not be read into data at all; ``problems`` says where and why.

    ``document`` is set when the only problems are duplicate keys: the data is then
    complete (the first of each duplicate kept), so a caller may go on checking it and
    report every problem at once. A caller that ignores it refuses the file as before.
    """

    def __init__(self, problems: list[Problem], document: Document | None = None) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems
        self.document = document


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _resolve_plain(value: str) -> Any:
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    if value in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value]
    return value


def _t(key: str, /, **params: Any) -> str:
    return t(key, **params)


def read(path: Path | str, *, label: str | None = None) -> Document:
    """Read a file from disk; see :func:`parse`. ``label`` names it in messages."""
    name = label or str(path)
    from careerkit.store.files import read_file

    try:  # a named pipe or a device is refused, not waited on or read without end
        raw = read_file(path, MAX_BYTES + 1, head=True)
    except FileNotFoundError:
        raise YamlProblems([Problem(name, 1, 1, "", _t("yaml.not_found"))]) from None
    except IsADirectoryError:
        raise YamlProblems([Problem(name, 1, 1, "", _t("yaml.is_dir"))]) from None
    except OSError as exc:
        raise YamlProblems([Problem(name, 1, 1, "", exc.strerror or str(exc))]) from None
    return parse(raw, name)


def head_of(path: Path | str, limit: int) -> bytes:
    """The first ``limit`` bytes of a file, read the safe way (:func:`careerkit.store.files.read_file`:
    a named pipe or a device is refused, not waited on); OSError if it cannot be read."""
    from careerkit.store.files import read_file

    return read_file(path, limit, head=True)


def parse(raw: bytes, name: str) -> Document:
    """Turn the bytes of a YAML/JSON file into a :class:`Document`, or raise :class:`YamlProblems`."""
    if len(raw) > MAX_BYTES:
        raise YamlProblems([Problem(name, 1, 1, "", _t("yaml.too_big", limit=MAX_BYTES // (1024 * 1024)))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblems([Problem(name, line, column, "", _t("yaml.not_utf8"))]) from None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise YamlProblems([Problem(name, 1, 1, "", _t("yaml.empty"))])
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise YamlProblems([Problem(name, line, 1, "", _t("yaml.nul"))])
    return _Composer(name).compose(text)


class _Composer:
    """Builds plain data from parser events, iteratively (no recursion, no expansion)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.doc = Document(name, None)
        self.problems: list[Problem] = []

    def _fail(self, mark: Any, key: str, **params: object) -> YamlProblems:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return YamlProblems([Problem(self.name, line, column, "", _t(key, **params))])

    def compose(self, text: str) -> Document:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            self._walk(yaml.parse(text, Loader=loader))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "syntax error"
            raise self._fail(mark, "yaml.syntax", problem=problem) from None
        except yaml.YAMLError as exc:
            raise self._fail(None, "yaml.syntax", problem=str(exc).splitlines()[0]) from None
        if self.problems:  # duplicate keys only: the document itself is whole
            raise YamlProblems(self.problems, self.doc)
        return self.doc

    def _walk(self, events: Any) -> None:
        import yaml

        # Each open container: [kind, value, path, pending_key, key_mark, seen_keys]
        stack: list[list[Any]] = []
        documents = 0
        nodes = 0

        def place(value: Any, mark: Any) -> Path_ | None:
            """Attach a finished node to its parent; returns the node's path."""
            position = (mark.line + 1, mark.column + 1)
            if not stack:
                self.doc.data = value
                self.doc.values[()] = position
                return ()
            top = stack[-1]
            if top[0] == "seq":
                path = (*top[2], len(top[1]))
                top[1].append(value)
            elif top[3] is _NO_KEY:
                # a value in key position
                if isinstance(value, (dict, list)):
                    raise self._fail(mark, "yaml.complex_key")
                if value in top[5]:
                    first = top[5][value]
                    self.problems.append(
                        Problem(self.name, position[0], position[1], dotted((*top[2], value)),
                                _t("yaml.duplicate_key", key=value, first=first))
                    )
                    top[3] = _DUPLICATE
                else:
                    top[5][value] = position[0]
                    top[3] = value
                    top[4] = position
                return None
            else:
                key = top[3]
                if key is _DUPLICATE:
                    top[3] = _NO_KEY
                    return None
                path = (*top[2], key)
                top[1][key] = value
                self.doc.keys[path] = top[4]
                top[3] = _NO_KEY
            self.doc.values[path] = position
            return path

        def child_path() -> Path_:
            if not stack:
                return ()
            top = stack[-1]
            if top[0] == "seq":
                return (*top[2], len(top[1]))
            key = top[3]
            return (*top[2], key if key not in (_NO_KEY, _DUPLICATE) else "?")

        for event in events:
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self._fail(event.start_mark, "yaml.many_documents")
                continue
            if isinstance(event, yaml.AliasEvent):
                raise self._fail(event.start_mark, "yaml.alias")
            if getattr(event, "anchor", None) is not None:
                raise self._fail(event.start_mark, "yaml.anchor", anchor=event.anchor)
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                raise self._fail(event.start_mark, "yaml.tag", tag=tag)
            nodes += 1
            if nodes > MAX_NODES:
                raise self._fail(event.start_mark, "yaml.too_many_nodes", limit=MAX_NODES)
            if isinstance(event, yaml.ScalarEvent):
                value = _resolve_plain(event.value) if not event.style and tag is None else event.value
                place(value, event.start_mark)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise self._fail(event.start_mark, "yaml.too_deep", limit=MAX_DEPTH)
                is_map = isinstance(event, yaml.MappingStartEvent)
                if stack and stack[-1][0] == "map" and stack[-1][3] is _NO_KEY:
                    raise self._fail(event.start_mark, "yaml.complex_key")
                stack.append(["map" if is_map else "seq", {} if is_map else [], child_path(),
                              _NO_KEY, None, {}, event.start_mark])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = stack.pop()
                place(done[1], done[6])


_NO_KEY = object()
_DUPLICATE = object()
