"""What every command receives: the resolved global options and lazy access to the rest.

Nothing here is loaded before a command asks for it: the profile, the model catalog
and the rich console each cost time that ``--help`` and ``habits done`` do not pay.
"""

from __future__ import annotations

import sys
from functools import cached_property
from typing import TYPE_CHECKING, Any

import click

from careerkit.errors import InputError
from careerkit.i18n import t

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from careerkit.config import Config
    from careerkit.home import Home
    from careerkit.model.catalog import Catalog
    from careerkit.model.loader import LoadedModel


class App:
    """The resolved global options of one run."""

    def __init__(self, home: Home, lang: str, *, color: bool = True, debug: bool = False,
                 models_dirs: tuple[Path, ...] = ()) -> None:
        self.home = home
        self.lang = lang
        self.color = color
        self.debug = debug
        self.models_dirs = models_dirs

    @cached_property
    def config(self) -> Config:
        from careerkit import config

        return config.load(self.home.config_file)

    @cached_property
    def catalog(self) -> Catalog:
        from careerkit.model.catalog import Catalog, sources
        from careerkit.store.model_cache import ModelCache

        def notice(key: str, params: dict[str, Any]) -> None:
            click.echo(t(key, **params), err=True)

        return Catalog(sources(self.home.models_dir, self.models_dirs), ModelCache(self.home.root, notice))

    @cached_property
    def console(self) -> Console:
        from careerkit.render.terminal import make_console

        return make_console(color=self.color)

    @cached_property
    def err_console(self) -> Console:
        from careerkit.render.terminal import make_console

        return make_console(color=self.color, stderr=True)

    def done(self) -> None:
        """The command ended well: keep what it learnt that is worth keeping (the models it validated)."""
        catalog = self.__dict__.get("catalog")
        if catalog is not None and catalog.cache is not None:
            catalog.cache.flush()

    def model(self, ref: str | None) -> LoadedModel:
        """The model named by an option, else the profile's, else a clear error."""
        from careerkit.model.catalog import find_or_load

        ref = ref or self.config.model
        if not ref:
            raise InputError("common.no_model")
        return find_or_load(self.catalog, ref)

    def person(self, name: str | None) -> str:
        """The person named by an option, else the profile's, else the only person in the store."""
        from careerkit.core.person_names import clean

        person = name or self.config.person
        if person and person.strip():
            return clean(person)
        if name is not None:
            raise InputError("common.no_person")
        from careerkit.store import assessments
        from careerkit.store.database import session

        with session(self.home.root) as work:
            people = assessments.people(work)
        if len(people) == 1:
            return people[0]
        if people:
            raise InputError("common.which_person", people=", ".join(people[:10]))
        raise InputError("common.no_person")

    def echo_json(self, data: Any, schema: str, *, plain: bool = False) -> None:
        """Machine output: strict JSON on stdout, UTF-8, no colour, one trailing newline.

        Every output names its schema (:func:`careerkit.core.envelope.envelope`):
        an object gains a top-level ``schema`` member, a list becomes ``{"schema", "items"}``.
        ``plain``: the data holds JSON's own types only (dict, list, str, int, float, bool,
        None), so a long output may be written by orjson, which writes the same bytes faster.
        """
        from careerkit.core.envelope import envelope

        wrapped = envelope(schema, data)
        if plain and isinstance(data, list) and len(data) >= 1000:
            fast = _orjson_text(wrapped)
            if fast is not None:
                sys.stdout.buffer.write(fast)
                sys.stdout.flush()
                return
        import json

        text = json.dumps(wrapped, ensure_ascii=False, indent=2, allow_nan=False, default=str)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    def echo_json_items(self, schema: str, count: int, items: list[bytes]) -> None:
        """:meth:`echo_json` of a plain list of ``count`` (> 0) items that are written already: their
        UTF-8 text as ``json.dumps`` indents them inside the envelope, in parts to be joined by
        ",\\n". The same bytes, by the same rule: orjson's UTF-8 for a long list, else through
        stdout's encoding."""
        import json

        from careerkit.core.envelope import envelope

        head, _, tail = json.dumps(envelope(schema, [0]), ensure_ascii=False, indent=2).partition("    0")
        parts = [head.encode("utf-8")]
        for part in items:
            parts += (part, b",\n")
        parts[-1] = tail.encode("utf-8") + b"\n"
        if count >= 1000 and not any(_tiny_number(part) for part in parts):
            sys.stdout.buffer.writelines(parts)
        else:
            sys.stdout.write(b"".join(parts).decode("utf-8"))
        sys.stdout.flush()


def _tiny_number(data: bytes) -> bool:
    """A number under 1e-4 in JSON text: orjson writes 0.00001 where json writes 1e-05."""
    if b"0.0000" not in data:
        return False
    import re

    return re.search(rb"(?<![\w.])-?0\.0000\d", data) is not None


def _orjson_text(data: Any) -> bytes | None:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` and a newline, written by orjson; None where
    the two could differ: a number under 1e-4 (orjson writes 0.00001, json 1e-05), what orjson refuses."""
    try:
        import orjson

        out = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except (ImportError, TypeError):
        return None
    return None if _tiny_number(out) else out


pass_app = click.make_pass_decorator(App)


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when they run (the root, `habits`).

    click suggests a near name only among the commands it has loaded; these load lazily,
    so a mistyped name is matched against all of :meth:`list_commands`.
    """

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and not ctx.resilient_parsing and self.get_command(ctx, name) is None:
            raise click.exceptions.NoSuchCommand(name, possibilities=self.list_commands(ctx), ctx=ctx)
        return super().resolve_command(ctx, args)


def stdin_is_terminal() -> bool:
    """Whether a person (not a pipe or a test runner) is typing on standard input."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False
