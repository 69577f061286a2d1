"""The root command: global options, lazily loaded subcommands, and the one place
where errors become messages and exit codes.

Flow of every run (:func:`main`):

1. guess the language from the command line, environment and profile, so that even
   a failure while parsing options is reported in the user's language;
2. let click parse the global options (:func:`cli`) and load only the subcommand asked for;
3. run it; a :class:`~careerkit.errors.CareerkitError` becomes a message on stderr and its
   exit code, Ctrl-C exits 130, anything else is an internal error (exit 1), with a
   traceback only under ``--debug``.
"""

from __future__ import annotations

import functools
import importlib
import io
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from careerkit.cli.app import App, LazyGroup, stdin_is_terminal
from careerkit.errors import CareerkitError, ExitCode
from careerkit.home import Home
from careerkit.i18n import LANGUAGES, has, language, language_from_locale, set_language, t

# name -> (module:attribute, catalog key of its one-line help). Modules are imported
# only when their command runs; a command whose module is absent is not listed.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("careerkit.cli.init:init", "help.init"),
    "models": ("careerkit.cli.models:models", "help.models"),
    "assess": ("careerkit.cli.assess:assess", "help.assess"),
    "history": ("careerkit.cli.history:history", "help.history"),
    "show": ("careerkit.cli.history:show", "help.show"),
    "compare": ("careerkit.cli.history:compare", "help.compare"),
    "progress": ("careerkit.cli.history:progress", "help.progress"),
    "delete": ("careerkit.cli.history:delete", "help.delete"),
    "review": ("careerkit.cli.review:review", "help.review"),
    "observe": ("careerkit.cli.observe:observe", "observe.help_short"),
    "quiz": ("careerkit.cli.quiz:quiz", "help.quiz"),
    "roles": ("careerkit.cli.roles:roles", "help.roles"),
    "plan": ("careerkit.cli.plan:plan", "help.plan"),
    "plans": ("careerkit.cli.plan:plans", "help.plans"),
    "habits": ("careerkit.cli.habits:habits", "help.habits"),
    "export": ("careerkit.cli.team:export", "help.export"),
    "team": ("careerkit.cli.team:team", "help.team"),
    "backup": ("careerkit.cli.backup:backup", "help.backup"),
    "restore": ("careerkit.cli.backup:restore", "help.restore"),
    "doctor": ("careerkit.cli.doctor:doctor", "help.doctor"),
}


_HERE = os.path.dirname(os.path.abspath(__file__))


def _available(name: str) -> bool:
    """Whether the command's module is present (a cheap file check, not an import)."""
    module = COMMANDS[name][0].partition(":")[0].rpartition(".")[2]
    return os.path.exists(os.path.join(_HERE, module + ".py"))


class RootGroup(LazyGroup):
    """Loads a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if _available(name)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None or not _available(cmd_name):
            return None
        module_name, _, attribute = entry[0].partition(":")
        return getattr(importlib.import_module(module_name), attribute)

    def invoke(self, ctx: click.Context) -> Any:
        return _handled(ctx, lambda: super(RootGroup, self).invoke(ctx))

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # This module's decorators ran before the language was known: translate at format time.
        self.help = t("help.root")
        for param in self.params:
            key = f"help.opt.{param.name}"
            if isinstance(param, click.Option) and has(key):
                param.help = t(key)
        super().format_help(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, t(COMMANDS[name][1])) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section(t("help.commands")):
                formatter.write_dl(rows)


def _use_language(lang: str) -> None:
    set_language(lang)
    if lang == "zh":
        from careerkit import click_translation

        click_translation.install()


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from careerkit import version

    click.echo(f"careerkit {version()}")
    ctx.exit(0)


def _early_language(argv: list[str]) -> str:
    """The language before click runs: --lang, CAREERKIT_LANG, the profile, the locale."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGUAGES:
            return value
    env = os.environ.get("CAREERKIT_LANG")
    if env in LANGUAGES:
        return env
    home_value = None
    for i, arg in enumerate(argv):
        if arg == "--home" and i + 1 < len(argv):
            home_value = argv[i + 1]
        elif arg.startswith("--home="):
            home_value = arg.partition("=")[2]
    return _profile_language(Home.config_file_of(home_value)) or language_from_locale()


@functools.cache
def _profile_language(config_file: str) -> str | None:
    """The profile's ``lang`` from its ``lang = "xx"`` line; the full TOML parse (and its
    errors) is for :attr:`App.config`, when a command needs the profile."""
    import stat

    try:  # as store.files.read_file does, without its import on every start: a pipe or device is not read
        fd = os.open(config_file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        try:
            raw = os.read(fd, 65536) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        finally:
            os.close(fd)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for line in text.splitlines():
        key, eq, value = line.partition("=")
        if eq and key.strip() == "lang":
            value = value.split("#", 1)[0].strip().strip("\"'")
            return value if value in LANGUAGES else None
    return None


@click.group(cls=RootGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--home", "home", type=click.Path(file_okay=False), envvar="CAREERKIT_HOME",
              help="Folder that holds all data and config (env CAREERKIT_HOME).")
@click.option("--lang", type=click.Choice(LANGUAGES), envvar="CAREERKIT_LANG",
              help="Language of messages: en or zh (env CAREERKIT_LANG; default: profile, then locale).")
@click.option("--no-color", is_flag=True, help="No colours (also when NO_COLOR is set).")
@click.option("--models-dir", "models_dirs", multiple=True, type=click.Path(file_okay=False),
              help="Extra folder of competency models, searched first (repeatable; env CAREERKIT_MODELS).")
@click.option("--debug", is_flag=True, hidden=True, help="Show a traceback on internal errors.")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version and exit.")
@click.pass_context
def cli(ctx: click.Context, home: str | None, lang: str | None, no_color: bool,
        models_dirs: tuple[str, ...], debug: bool) -> None:
    """careerkit: career planning and competency assessment in the terminal.

    Rate yourself against a competency model, keep a history, plan your development
    with a mentor, track the habits that build competence, and summarise a team.
    All data stays in local files.
    """
    from pathlib import Path

    resolved_home = Home.resolve(home)
    if lang is None:
        lang = _profile_language(str(resolved_home.config_file)) or language_from_locale()
    _use_language(lang)
    color = not no_color and not os.environ.get("NO_COLOR")
    ctx.obj = App(resolved_home, lang, color=color, debug=debug, models_dirs=tuple(Path(d) for d in models_dirs))


def _report(error: CareerkitError, color: bool) -> None:
    from careerkit.render.terminal import printable  # a message may quote a file's text

    prefix = click.style(t("common.error"), fg="red", bold=True) if color else t("common.error")
    click.echo(f"{prefix}{_gap()}{printable(error.message())}", err=True)
    for line in error.details:
        click.echo(f"  {printable(line)}", err=True)


def _handled(ctx: click.Context, run: Callable[[], Any]) -> Any:
    """Run the command; turn every failure into a message and its documented exit code."""
    try:
        result = run()
        sys.stdout.flush()  # here, where a failure is reported, not at exit
        return result
    except StdoutFailure as exc:
        _stdout_failed(ctx, exc)
    except click.exceptions.Exit:
        try:
            sys.stdout.flush()
        except StdoutFailure as exc:
            _stdout_failed(ctx, exc)
        raise
    except click.ClickException:
        raise
    except CareerkitError as error:
        _report(error, _color_of(ctx))
        ctx.exit(int(error.exit_code))
    except click.exceptions.Abort as exc:
        if not isinstance(exc.__context__, KeyboardInterrupt) and not stdin_is_terminal():
            # click turns end of input at a question into Abort: a script gave no answer
            click.echo(f"\n{t('common.error')}{_gap()}{t('common.no_answer')}", err=True)
            ctx.exit(int(ExitCode.BAD_INPUT))
        click.echo("\n" + t("common.interrupted"), err=True)
        ctx.exit(int(ExitCode.INTERRUPTED))
    except KeyboardInterrupt:
        click.echo("\n" + t("common.interrupted"), err=True)
        ctx.exit(int(ExitCode.INTERRUPTED))
    except BrokenPipeError:
        # the reader went away (`careerkit history | head`): nothing worth a message
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        ctx.exit(0)
    except Exception as exc:
        if isinstance(ctx.obj, App) and ctx.obj.debug:
            raise
        click.echo(t("common.internal_error", error=f"{type(exc).__name__}: {exc}"), err=True)
        ctx.exit(int(ExitCode.INTERNAL))


class StdoutFailure(OSError):
    """A write to standard output failed: the disk is full, the output was closed, an I/O error."""


class _StdoutRaw(io.RawIOBase):
    """Standard output's file descriptor, whose write errors are :class:`StdoutFailure`."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        try:
            return os.isatty(self._fd)
        except OSError:
            return False

    def write(self, data: Any) -> int:
        try:
            return os.write(self._fd, data)
        except (BrokenPipeError, BlockingIOError, InterruptedError):
            raise
        except OSError as exc:
            raise StdoutFailure(exc.errno, exc.strerror) from None


def _guard_stdout() -> None:
    """Standard output as careerkit writes it: a write failure is :class:`StdoutFailure` (exit 3,
    one plain line), and a character the encoding cannot show is escaped, not a crash.

    A closed standard output (``>&-``) gets a read-only descriptor in its place: writes then
    fail, and no file careerkit opens can take descriptor 1 and receive the output."""
    old = sys.stdout
    try:
        os.fstat(1)
    except OSError:
        null = os.open(os.devnull, os.O_RDONLY)
        if null != 1:
            os.dup2(null, 1)
            os.close(null)
    try:
        if old is not None:
            old.flush()
            if old.fileno() != 1:
                return  # already redirected in-process: leave it
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return
    import locale

    encoding = getattr(old, "encoding", None) or locale.getpreferredencoding(False)
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(_StdoutRaw(1)), encoding=encoding,
                                  errors="backslashreplace", line_buffering=bool(getattr(old, "line_buffering", False)))


def _stdout_failed(ctx: click.Context, exc: OSError) -> None:
    null = os.open(os.devnull, os.O_WRONLY)  # what is still buffered goes nowhere, quietly, at exit
    os.dup2(null, 1)
    os.close(null)
    click.echo(f"{t('common.error')}{_gap()}{t('common.stdout_failed', error=exc.strerror or exc)}", err=True)
    ctx.exit(int(ExitCode.ENVIRONMENT))


def _gap() -> str:
    """The space after "error:"; Chinese's full-width colon carries its own."""
    return "" if language() == "zh" else " "


def _color_of(ctx: click.Context) -> bool:
    return ctx.obj.color if isinstance(ctx.obj, App) else not os.environ.get("NO_COLOR")


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``careerkit`` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    _guard_stdout()
    _use_language(_early_language(args))
    cli.main(args=args, prog_name="careerkit")
