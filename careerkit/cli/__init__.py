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

from careerkit import click_translation
from careerkit.cli.app import App, LazyGroup, stdin_is_terminal
from careerkit.errors import CareerkitError, ExitCode
from careerkit.home import Home
from careerkit.i18n import LANGUAGES, language, language_from_locale, retranslate, set_language, set_program, t

# click's words go through careerkit's catalog in either language, from before the first option below
# is made: click's own gettext looks for a system catalog on every call (and loads locale to do so)
click_translation.install()

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
        command = getattr(importlib.import_module(module_name), attribute)
        if os.environ.get("_CAREERKIT_COMPLETE"):  # the shell asks for completions: ids, names, titles
            from careerkit.cli.complete import attach

            attach(command, ctx)
        return command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, self._globals_first(ctx, args))

    def _globals_first(self, ctx: click.Context, args: list[str]) -> list[str]:
        """``careerkit init --home X`` means ``careerkit --home X init``: a global option written
        after the command name moves before it, unless that command has an option of that name
        (``init --lang`` is the profile's language)."""
        values = {o for p in self.params if isinstance(p, click.Option) and not p.is_flag for o in p.opts}
        names = {o for p in self.params if isinstance(p, click.Option) for o in p.opts} - {"--version", "-h", "--help"}
        at = 0
        while at < len(args) and args[at].startswith("-") and args[at] != "--":  # the root's own options
            at += 2 if args[at] in values else 1
        if at >= len(args) or not any(a.partition("=")[0] in names for a in args[at + 1:]):
            return args
        command = self.get_command(ctx, args[at])
        if command is None:
            return args
        own = _option_names(ctx, command)
        moved: list[str] = []
        rest: list[str] = []
        tail = args[at + 1:]
        i = 0
        while i < len(tail):
            arg = tail[i]
            name = arg.partition("=")[0]
            if arg == "--":
                rest += tail[i:]
                break
            if name in names and name not in own:
                takes = name in values and "=" not in arg
                moved += tail[i:i + 2] if takes else [arg]
                i += 2 if takes else 1
                continue
            rest.append(arg)
            i += 1
        return [*args[:at], *moved, args[at], *rest]

    def invoke(self, ctx: click.Context) -> Any:
        return _handled(ctx, lambda: super(RootGroup, self).invoke(ctx))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, t(COMMANDS[name][1])) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section(t("help.commands")):
                formatter.write_dl(rows)


def localize_help(command: click.Command) -> None:
    """Put a command's help texts (its own, its options', its epilog) in the current language.

    Decorators run once, when a module is first imported, in that run's language; every help
    text is a catalog entry, so it is resolved again each time it is shown (one rule for every
    command, the root included)."""
    for attr in ("help", "short_help", "epilog"):
        value = getattr(command, attr, None)
        if isinstance(value, str) and value:
            setattr(command, attr, retranslate(value))
    for param in command.params:
        value = getattr(param, "help", None)
        if isinstance(value, str) and value:
            param.help = click_translation.retranslate(retranslate(value))
    helper = getattr(command, "_help_option", None)  # click makes --help once, in that run's language
    if helper is not None and isinstance(helper.help, str):
        helper.help = click_translation.retranslate(helper.help)
    for sub in getattr(command, "commands", {}).values():  # a group's help lists (or shows) its subcommands'
        if sub is not command:
            localize_help(sub)


def _localized(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        localize_help(self)
        return method(self, *args, **kwargs)

    return wrapper


# click's help in the language of this run (localize_help), patched on purpose
click.Command.get_help = _localized(click.Command.get_help)  # type: ignore[method-assign]  # see above
click.Command.get_short_help_str = _localized(click.Command.get_short_help_str)  # type: ignore[method-assign]  # see above


def _option_names(ctx: click.Context, command: click.Command) -> set[str]:
    """Every option name of ``command`` and, for a group, of its subcommands."""
    out = {o for p in command.params if isinstance(p, click.Option) for o in (*p.opts, *p.secondary_opts)}
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and sub is not command:
                out |= _option_names(ctx, sub)
    return out


def _use_language(lang: str) -> None:
    set_language(lang)


def _lang_now(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """--lang takes effect as soon as it is read: `--lang en --help` is English in any process."""
    if value:
        _use_language(value)
    return value


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


@click.group(cls=RootGroup, help=t("help.root"),
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--home", "home", type=click.Path(file_okay=False), envvar="CAREERKIT_HOME",
              help=t("help.opt.home"))
@click.option("--lang", type=click.Choice(LANGUAGES), envvar="CAREERKIT_LANG", is_eager=True, callback=_lang_now,
              help=t("help.opt.lang"))
@click.option("--no-color", is_flag=True, help=t("help.opt.no_color"))
@click.option("--models-dir", "models_dirs", multiple=True, type=click.Path(file_okay=False),
              help=t("help.opt.models_dirs"))
@click.option("--debug", is_flag=True, hidden=True, help="Show a traceback on internal errors.")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help=t("help.opt.version"))
@click.pass_context
def cli(ctx: click.Context, home: str | None, lang: str | None, no_color: bool,
        models_dirs: tuple[str, ...], debug: bool) -> None:
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
        if isinstance(ctx.obj, App):
            ctx.obj.done()
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
    encoding = getattr(old, "encoding", None)
    if not encoding:
        import locale  # only for a standard output without an encoding

        encoding = locale.getpreferredencoding(False)
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


def _program_name(argv0: str) -> str:
    """What the user can type to run careerkit again: ``careerkit`` when that is what PATH finds,
    else the path they ran (``.venv/bin/careerkit``), or ``python3 -m careerkit``."""
    import shlex
    import shutil

    if os.path.basename(argv0) in ("__main__.py", "-m", "-c") or not argv0:
        return f"{os.path.basename(sys.executable) or 'python3'} -m careerkit"
    on_path = shutil.which("careerkit")
    ran = argv0 if os.sep in argv0 else shutil.which(argv0) or argv0
    if on_path and os.path.realpath(on_path) == os.path.realpath(ran):
        return "careerkit"
    return shlex.quote(argv0)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``careerkit`` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if argv is None:
        set_program(functools.partial(_program_name, sys.argv[0]))  # asked when a hint needs it
    _guard_stdout()
    _use_language(_early_language(args))
    cli.main(args=args, prog_name="careerkit")
