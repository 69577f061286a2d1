"""Line-based questions that work the same in a terminal, a pipe and click's CliRunner.

Questions and their prompts go to standard error, so that standard output carries only
the result (``careerkit assess --json > record.json`` still asks its questions).
Answers are whole lines, never single key presses: scripted input and a real terminal
behave alike. In a terminal the line can be edited (readline, when Python has it).

End of input (Ctrl-D, or the end of a pipe) raises :class:`EndOfInput`; Ctrl-C
raises ``KeyboardInterrupt`` as usual. Callers decide what either means.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from careerkit.cli.app import stdin_is_terminal
from careerkit.errors import NotFoundError
from careerkit.i18n import labelled, t

if TYPE_CHECKING:
    from careerkit.cli.app import App
    from careerkit.model.schema import CompetencyModel


class EndOfInput(Exception):
    """Standard input is closed: no more answers will come."""


_readline_ready = False


def _interactive() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def read_line(prompt: str) -> str:
    """One line of input without its newline, after showing ``prompt`` (plain text, no colour)."""
    global _readline_ready
    if _interactive():
        if not _readline_ready:
            with contextlib.suppress(ImportError):  # not on every platform; plain input() then
                import readline  # noqa: F401  (importing it gives input() line editing)
            _readline_ready = True
        sys.stderr.flush()
        try:
            return input(prompt)
        except EOFError:
            click.echo(err=True)
            raise EndOfInput from None
    click.echo(prompt, nl=False, err=True)
    line = sys.stdin.readline()
    if not line:
        click.echo(err=True)
        raise EndOfInput
    line = line.rstrip("\r\n")
    if not stdin_is_terminal():
        click.echo(line, err=True)  # a transcript of piped answers reads like a terminal session
    return line


def say(text: str = "", *, dim: bool = False) -> None:
    click.echo(click.style(text, dim=True) if dim else text, err=True)


def answer_words(key: str) -> frozenset[str]:
    """The words that give one answer (``prompt.yes_words`` ...), English and Chinese both:
    a Chinese user may type ``y`` and an English one ``是``."""
    return frozenset(t(key, lang="en").split() + t(key, lang="zh").split())


def ask_text(prompt: str, *, default: str | None = None) -> str:
    """A non-empty line; Enter takes ``default`` when there is one."""
    shown = labelled(f"{prompt} [{default}]" if default else prompt)
    while True:
        value = read_line(shown).strip()
        if value:
            return value
        if default:
            return default
        say(t("prompt.required"))


def confirm(prompt: str, *, default: bool) -> bool:
    """Yes or no; Enter takes ``default``; anything else asks again."""
    hint = "[Y/n]" if default else "[y/N]"
    while True:
        value = read_line(f"{prompt} {hint} ").strip().lower()
        if not value:
            return default
        if value in answer_words("prompt.yes_words"):
            return True
        if value in answer_words("prompt.no_words"):
            return False
        say(t("prompt.yes_no"))


def save_keep_or_back(prompt: str) -> str:
    """The end of a questionnaire: "save" (Enter too), "keep" (a draft, or nothing saved) or
    "back" (to the questions); anything else shows the keys and asks again."""
    while True:
        value = read_line(prompt).strip().lower()
        if not value or value in answer_words("prompt.save_words"):
            return "save"
        if value in answer_words("prompt.keep_words"):
            return "keep"
        if value in answer_words("prompt.back_words"):
            return "back"
        say(t("prompt.confirm_keys"))


def choose(prompt: str, options: Sequence[tuple[str, str]], *, default: str | None = None,
           optional: bool = False, aliases: dict[str, str] | None = None) -> str | None:
    """Pick one of ``options`` (id, label) by number or id.

    Enter takes ``default``; with ``optional``, ``-`` means none (and so does Enter without a default).
    """
    width = max((len(key) for key, _ in options), default=0)
    for number, (key, label) in enumerate(options, 1):
        say(f"  {number:>2}  {key:<{width}}" + (f"  {label}" if label and label != key else ""))
    ids = [key for key, _ in options]
    if default and optional:
        hint = f" [{t('prompt.default_or_none', default=default)}]"
    elif default:
        hint = f" [{default}]"
    elif optional:
        hint = f" [{t('prompt.none')}]"
    else:
        hint = ""
    while True:
        value = read_line(labelled(f"{prompt}{hint}")).strip()
        if not value:
            if default or optional:
                return default
            say(t("prompt.required"))
            continue
        if optional and value in ("-", "none"):
            return None
        if value.isdigit() and 1 <= int(value) <= len(options):
            return ids[int(value) - 1]
        if value in ids:
            return value
        by_label = {key for key, label in options if label and label.casefold() == value.casefold()}
        by_label |= {key for alias, key in (aliases or {}).items() if alias.casefold() == value.casefold()}
        if len(by_label) == 1:  # what the list shows (柜员, Senior teller), or another of its names
            return by_label.pop()
        say(t("prompt.bad_choice", value=value, count=len(options)))


def model_options(app: App, lang: str) -> list[tuple[str, str]]:
    """The catalog's usable models as (id, title), for :func:`choose`."""
    options = [
        (entry.model_id, entry.loaded.model.text(entry.loaded.model.title, lang))
        for entry in app.catalog.entries()
        if entry.loaded is not None and entry.shadowed_by is None and entry.model_id
    ]
    if not options:
        raise NotFoundError("prompt.no_models")
    return sorted(options)


def role_options(model: CompetencyModel, lang: str) -> list[tuple[str, str]]:
    return [(role.id, model.text(role.title, lang)) for role in model.roles]


def role_aliases(model: CompetencyModel) -> dict[str, str]:
    """Every title of every role, in each language the model gives (柜员 and Teller) → its id."""
    out = {}
    for role in model.roles:
        for title in [role.title] if isinstance(role.title, str) else role.title.values():
            out[" ".join(title.split())] = role.id
    return out
