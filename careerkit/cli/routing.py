"""A command group whose bare form takes an argument: ``careerkit plan [ID]``, ``careerkit review ID``.

click cannot mix an argument and subcommands in one group (``plan show`` would read "show" as
the id). :class:`RoutingGroup` sends the name of one of its subcommands to it and everything
else to a hidden default command, a :class:`BareCommand`: ``careerkit review 3f2a`` runs
``review mentor 3f2a``, and ``review --help`` shows that command's options under the group's.
"""

from __future__ import annotations

from typing import Any

import click

from careerkit.i18n import language


class RoutingGroup(click.Group):
    """``GROUP ARGS...`` runs the hidden command ``default``; ``GROUP COMMAND ...`` runs that subcommand.

    ``usage`` is the bare form's usage after the group's name (``"[ID] [OPTIONS]"``)."""

    def __init__(self, *args: Any, default: str, usage: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default = default
        self.bare_usage = usage

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = [self.default, *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        indent = 6 if language() == "zh" else 7  # under the program name, after "用法：" or "Usage: "
        formatter.write_usage(ctx.command_path,
                              f"{self.bare_usage}\n" + " " * indent + f"{ctx.command_path} COMMAND ...")

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.format_usage(ctx, formatter)
        self.format_help_text(ctx, formatter)
        bare = self.commands[self.default]
        with click.Context(bare, info_name=ctx.info_name, parent=ctx.parent) as sub:
            bare.format_options(sub, formatter)
        self.format_commands(ctx, formatter)


class _BareContext(click.Context):
    """The hidden default command answers to the group's name: usage lines and "Try ... --help"
    hints name the command the user typed (``careerkit plan``), never ``plan create``."""

    @property
    def command_path(self) -> str:
        return self.parent.command_path if self.parent is not None else super().command_path


class BareCommand(click.Command):
    """The hidden default command of a :class:`RoutingGroup`."""

    context_class = _BareContext
