"""`careerkit init`: write the profile whose values every command takes as defaults."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from careerkit.cli.app import App, pass_app
from careerkit.errors import InputError
from careerkit.i18n import LANGUAGES, language, paren, set_language, t

if TYPE_CHECKING:
    from careerkit.config import Config
    from careerkit.model.loader import LoadedModel
    from careerkit.model.schema import CompetencyModel


@click.command(help=t("help.init"))
@click.option("--person", metavar="NAME", help=t("init.help.person"))
@click.option("--model", "model_ref", metavar="ID", help=t("init.help.model"))
@click.option("--role", metavar="ID", help=t("init.help.role"))
@click.option("--lang", "profile_lang", type=click.Choice(LANGUAGES), help=t("init.help.lang"))
@click.option("--force", "--yes", "-y", "force", is_flag=True, help=t("init.help.force"))
@pass_app
def init(app: App, person: str | None, model_ref: str | None, role: str | None, profile_lang: str | None,
         force: bool) -> None:
    """Ask for what is not given, check it all, then write ``<home>/config.toml`` atomically.

    Unknown models and roles are refused (exit 2) before anything is written; an
    existing profile is shown and replaced only after a yes (or with ``--force``).
    """
    from careerkit import config
    from careerkit.cli.ask import EndOfInput
    from careerkit.cli.lookup import check_role
    from careerkit.store import files

    if profile_lang:
        set_language(profile_lang)  # the language just chosen is the one to be asked in
    if person is not None and not person.strip():
        raise InputError("init.empty_person")
    loaded = app.model(model_ref) if model_ref else None  # unknown model: exit 2 before any question
    if loaded is not None and role:
        role = check_role(loaded.model, role)
    current, broken = _current_profile(app)
    if (current is not None or broken) and not force and not _replace_ok(app, current):
        click.echo(t("init.unchanged"))
        return
    base = current or config.Config()
    try:
        from careerkit.core.person_names import clean

        who = clean(person if person else _ask_person(base.person))
        if loaded is None:
            loaded = app.model(_ask_model(app, base.model))
        model = loaded.model
        if role:
            role = check_role(model, role)
        role_id = role or _ask_role(app, model, base.role)
        lang = profile_lang or _ask_lang(base.lang or app.lang)
    except EndOfInput:
        raise InputError("init.incomplete") from None
    set_language(lang)  # the rest is said in the language just chosen
    profile = config.Config(person=who, model=_model_ref(loaded), role=role_id, lang=lang, region=base.region)
    files.ensure_dir(app.home.root)
    files.atomic_write(app.home.config_file, config.dumps(profile).encode("utf-8"))
    role_obj = model.role(role_id) if role_id else None
    role_text = f"{model.text(role_obj.title, language())}{paren(role_id)}" if role_obj else None
    _print_profile(profile, t("init.saved", path=str(app.home.config_file)), role_text)
    if loaded.source in ("option", "env"):
        click.echo(t("init.model_outside", model=model.id, folder=str(loaded.path.parent if loaded.path else "")))
    click.echo(t("init.next"))


def _current_profile(app: App) -> tuple[Config | None, bool]:
    """The profile on disk, and whether a file is there that does not read as one.

    A broken profile is reported, not fatal: ``careerkit init`` is how it gets repaired.
    """
    from careerkit import config

    path = app.home.config_file
    if not path.exists():
        return None, False
    try:
        return config.load(path), False
    except InputError as error:
        click.echo(t("init.broken", error=error.message()), err=True)
        return None, True


def _model_ref(loaded: LoadedModel) -> str:
    """What the profile keeps: the model id, or the absolute path of a model given as a file."""
    if loaded.source == "file" and loaded.path is not None:
        return str(loaded.path.resolve())
    return loaded.model.id


def _print_profile(profile: Config, title: str, role_text: str | None = None) -> None:
    """The profile as the user reads it: the role by its title (柜员（teller）) where known."""
    from rich.cells import cell_len  # Chinese labels are two cells wide per character

    click.echo(title)
    rows = ((t("init.key.person"), profile.person), (t("init.key.model"), profile.model),
            (t("init.key.role"), role_text or profile.role), (t("init.key.lang"), profile.lang))
    width = max(cell_len(label) for label, _ in rows)
    for label, value in rows:
        click.echo(f"  {label}{' ' * (width - cell_len(label))}  {value or '—'}")


def _replace_ok(app: App, current: Config | None) -> bool:
    from careerkit.cli.ask import EndOfInput, confirm

    if current is not None:
        _print_profile(current, t("init.exists", path=str(app.home.config_file)))
    try:
        return confirm(t("init.replace"), default=False)
    except EndOfInput:
        raise InputError("init.exists_use_force", path=str(app.home.config_file)) from None


def _ask_person(default: str | None) -> str:
    from careerkit.cli.ask import EndOfInput, ask_text

    try:
        return ask_text(t("init.ask_person"), default=default)
    except EndOfInput:
        if default:
            return default
        raise


def _ask_model(app: App, default: str | None) -> str:
    from careerkit.cli.ask import EndOfInput, choose, model_options

    options = model_options(app, app.lang)
    known = {key for key, _ in options}
    default = default if default in known else None
    try:
        picked = choose(t("init.ask_model"), options, default=default)
    except EndOfInput:
        if default:
            return default
        raise
    if picked is None:  # not optional and no default: choose asks until it gets one
        raise RuntimeError("choose returned no model")
    return picked


def _ask_role(app: App, model: CompetencyModel, default: str | None) -> str | None:
    from careerkit.cli.ask import EndOfInput, choose, role_aliases, role_options

    if not model.roles:
        return None
    try:
        return choose(t("init.ask_role"), role_options(model, language()), aliases=role_aliases(model),
                      default=default if default and model.role(default) else None, optional=True)
    except EndOfInput:
        return default if default and model.role(default) else None


def _ask_lang(default: str) -> str:
    from careerkit.cli.ask import EndOfInput, read_line, say

    while True:
        try:
            value = read_line(t("init.ask_lang", default=default)).strip().lower()
        except EndOfInput:
            return default
        if not value:
            return default
        if value in LANGUAGES:
            return value
        say(t("init.bad_lang"))
