"""Shell completion for bash, zsh and fish, through click's own completion.

click completes command and option names by itself; this module completes the values a user
would otherwise look up: model ids, role ids and titles, habit names, assessment and plan ids,
people's names. :func:`attach` gives each parameter its completer by the parameter's name, once,
when its command is loaded, so the commands' modules need not know about completion.

Switch it on (README, "Shell completion")::

    eval "$(_CAREERKIT_COMPLETE=bash_source careerkit)"      # ~/.bashrc
    eval "$(_CAREERKIT_COMPLETE=zsh_source careerkit)"       # ~/.zshrc
    _CAREERKIT_COMPLETE=fish_source careerkit | source       # ~/.config/fish/completions/careerkit.fish

A completer never fails and never writes: on any problem (no home folder yet, a damaged
file) it offers nothing, and the shell falls back to file names where click would.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click
from click.shell_completion import CompletionItem

from careerkit.i18n import language

if TYPE_CHECKING:
    from careerkit.cli.app import App

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def _app(ctx: click.Context) -> App:
    """The global options as parsed so far (completion parses but never runs the root command)."""
    from pathlib import Path

    from careerkit.cli.app import App
    from careerkit.home import Home

    root = ctx.find_root()
    params = root.params
    lang = params.get("lang") or language()
    return App(Home.resolve(params.get("home")), lang, color=False,
               models_dirs=tuple(Path(d) for d in params.get("models_dirs") or ()))


Offer = Iterable[tuple[str, str | None]]  # values, each with its help text (zsh and fish show it)


def _models(app: App, _ctx: click.Context, _found: None) -> Offer:
    for entry in app.catalog.entries():
        if entry.loaded is not None and entry.model_id and entry.shadowed_by is None:
            yield entry.model_id, entry.loaded.model.text(entry.loaded.model.title, app.lang)


def _roles(app: App, ctx: click.Context, _found: None) -> Offer:
    """Role ids and titles (in every language a model gives) of the model named so far, else
    the profile's, else every model's."""
    ref = next((c.params.get("model_ref") or c.params.get("model_id") for c in _chain(ctx)
                if c.params.get("model_ref") or c.params.get("model_id")), None)
    try:
        ref = ref or app.config.model
    except Exception:
        ref = None
    loaded = [app.model(ref.partition("@")[0])] if ref else [
        e.loaded for e in app.catalog.entries() if e.loaded is not None and e.shadowed_by is None]
    for item in loaded:
        model = item.model
        for role in model.roles:
            title = model.text(role.title, app.lang)
            yield role.id, title
            titles = [role.title] if isinstance(role.title, str) else list(role.title.values())
            for text in titles:
                if " " not in text:  # a title with spaces would need quoting: its id completes instead
                    yield text, role.id


def _chain(ctx: click.Context) -> Iterator[click.Context]:
    current: click.Context | None = ctx
    while current is not None:
        yield current
        current = current.parent


def _habits(_app: App, ctx: click.Context, found: list[Any]) -> Offer:
    restoring = ctx.command.name == "archive" and bool(ctx.params.get("restore"))
    names = [h["name"] for h in found if bool(h.get("archived")) == restoring]  # --restore: archived ones
    bash = os.environ.get("_CAREERKIT_COMPLETE", "").startswith("bash")
    for name in names:
        if bash and " " in name:
            # bash splits a completion at spaces: offer the first word where it names this habit alone
            # (a unique prefix is enough for `habits done`)
            word = name.split()[0]
            if sum(n.startswith(word) for n in names) == 1:
                yield word, name
            continue
        yield name, None


@dataclass(frozen=True)
class Kind:
    """Where the values of one kind come from, and what each offers.

    ``store`` names a module of :mod:`careerkit.store` whose ``read`` gives the records in one
    read-only session (nothing is read when there is no data folder yet); without it the
    values come from the models (``found`` is then None)."""

    offer: Callable[[App, click.Context, Any], Offer]
    store: str | None = None
    read: Callable[[Any, Any], Any] = lambda store, work: store.records(work)


KINDS: dict[str, Kind] = {
    "models": Kind(_models),
    "roles": Kind(_roles),
    "assessments": Kind(lambda _app, _ctx, found: ((r["id"], f"{r['taken_at'][:10]} {r['person']}")
                                                   for r in reversed(found)), "assessments"),  # newest first
    "plans": Kind(lambda _app, _ctx, found: ((p["id"], f"{p['start']} {p['person']}") for p in reversed(found)),
                  "plans"),
    "people": Kind(lambda _app, _ctx, found: ((name, None) for name in found), "assessments",
                   lambda store, work: store.people(work)),
    "habits": Kind(_habits, "habits", lambda store, work: store.all_habits(work, archived=True)),
}


def provider(kind: Kind) -> Completer:
    """The completer of one kind: its values that start with what is typed (any case), each once.
    It never fails: on any problem it offers nothing."""

    def complete(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        try:
            app = _app(ctx)
            found = None
            if kind.store is not None:
                if not os.path.isdir(app.home.root):
                    return []
                from careerkit.store.database import session

                store = importlib.import_module(f"careerkit.store.{kind.store}")
                with session(app.home.root) as work:
                    found = kind.read(store, work)
            seen: set[str] = set()
            items = []
            for value, help_text in kind.offer(app, ctx, found):
                if value not in seen and value.casefold().startswith(incomplete.casefold()):
                    seen.add(value)
                    items.append(CompletionItem(value, help=help_text))
            return items
        except Exception:
            return []

    return complete


COMPLETERS: dict[str, Completer] = {name: provider(kind) for name, kind in KINDS.items()}

# parameter name → kind; `name` is a habit's name except in `habits add`, where it is new
BY_NAME: dict[str, str] = {
    "model_ref": "models", "model_id": "models",
    "role": "roles", "target_role": "roles", "role_a": "roles", "role_b": "roles",
    "record_id": "assessments", "id_a": "assessments", "id_b": "assessments",
    "plan_id": "plans",
    "person": "people",
}


def attach(command: click.Command, ctx: click.Context) -> click.Command:
    """Give ``command``'s parameters (and its subcommands', for a group) their completers.

    Called only while the shell asks for completions (the root group's ``get_command``), so
    loading a group's every subcommand costs ordinary runs nothing."""
    if getattr(command, "_careerkit_completion", False):
        return command
    command._careerkit_completion = True  # type: ignore[attr-defined]  # our mark on click's object: attached once
    for param in command.params:
        kind = BY_NAME.get(param.name or "")
        if param.name == "name" and command.name in ("done", "skip", "undo", "archive"):
            kind = "habits"
        completer = COMPLETERS.get(kind or "")
        if completer is not None and getattr(param, "_custom_shell_complete", None) is None:
            param._custom_shell_complete = completer
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and sub is not command:
                attach(sub, ctx)
    return command


def completing() -> bool:
    """Whether this run answers the shell's completion request (click's ``_CAREERKIT_COMPLETE``)."""
    return bool(os.environ.get("_CAREERKIT_COMPLETE"))
