"""`careerkit backup` and `careerkit restore`: everything under the home folder, in one file."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from careerkit.cli.app import App, pass_app
from careerkit.errors import InputError
from careerkit.i18n import t


@click.command(help=t("help.backup"))
@click.option("-o", "--output", type=click.Path(path_type=str), metavar="FILE", help=t("backup.help.output"))
@click.option("--force", is_flag=True, help=t("backup.help.force"))
@pass_app
def backup(app: App, output: str | None, force: bool) -> None:
    from careerkit.store import archive, files

    home = app.home.root
    if not home.exists():
        raise InputError("backup.no_home", path=str(home))
    default = f"careerkit-backup-{time.strftime('%Y%m%d-%H%M%S')}"
    with files.locked(home):
        data, manifest = archive.create(home)
    # `-o DIR/` is a folder, made if need be
    target = Path(f"{default}.tar.gz") if output is None else files.output_target(output, default, ".tar.gz")
    files.write_output(target, data, force=force)
    click.echo(t("backup.done", path=str(target), count=len(manifest["files"]), size=_size(len(data))))


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.0f} kB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


@click.command(help=t("help.restore"))
@click.argument("archive_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--list", "list_rotating", is_flag=True, help=t("backup.help.list"))
@click.option("--pick", type=click.IntRange(min=1), metavar="NUMBER", help=t("backup.help.pick"))
@click.option("--yes", "-y", is_flag=True, help=t("backup.help.yes"))
@click.option("--json", "as_json", is_flag=True, help=t("backup.help.json"))
@pass_app
def restore(app: App, archive_file: Path | None, list_rotating: bool, pick: int | None, yes: bool,
            as_json: bool) -> None:
    if list_rotating or pick is not None:
        if archive_file is not None:
            raise click.UsageError(t("backup.list_or_file"))
        _restore_rotating(app, pick, yes, as_json=as_json and pick is None)
        return
    if archive_file is None:
        raise click.UsageError(t("backup.need_file"))
    from careerkit.store import archive, files

    checked = archive.verify(archive_file)  # whole, before anything is touched
    manifest = checked.manifest
    click.echo(t("backup.about", path=str(archive_file), created=manifest.get("created_at", "?"),
                 count=len(checked.contents), home=str(app.home.root)))
    if not yes and not click.confirm(t("backup.confirm"), default=False, err=True):
        click.echo(t("backup.nothing"), err=True)
        return
    home = app.home.root
    files.ensure_dir(home)
    keep = _free(home / "backups" / f"before-restore-{time.strftime('%Y%m%d-%H%M%S')}.tar.gz")
    with files.locked(home):
        count = archive.restore(home, checked, keep)
    _index_restored(home)
    click.echo(t("backup.restored", count=count, kept=str(keep)))


def _index_restored(home: Path) -> None:
    """The history index is derived from the person files just put back: rebuilt from them."""
    from careerkit.store import history_index

    history_index.restored(home)


def _free(path: Path) -> Path:
    """``path``, or ``NAME-2.tar.gz``, ``-3`` ... if it is taken (two restores in one second keep both copies)."""
    stem = path.name.removesuffix(".tar.gz")
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{stem}-{n}.tar.gz")
    return candidate


def _restore_rotating(app: App, pick: int | None, yes: bool, *, as_json: bool) -> None:
    from careerkit.render import backup_view
    from careerkit.store import archive, files

    home = app.home.root
    files.settle(home)  # an interrupted commit is finished first: the list shows what is there
    entries = archive.rotating(home)
    items = [archive.describe(home, number, entry) for number, entry in enumerate(entries, 1)]
    if as_json:
        app.echo_json(items, "restore-list")
        return
    if not entries:
        click.echo(t("backup.no_rotating", path=str(app.home.data_dir)))
        return
    if pick is None:
        for line in backup_view.lines(items):
            click.echo(line)
        if not sys.stdin.isatty():
            click.echo(t("backup.pick_hint"))
            return
        pick = click.prompt(t("backup.which"), type=click.IntRange(0, len(entries)), default=0, err=True)
        if not pick:
            return
    if pick > len(entries):
        raise InputError("backup.no_such_entry", number=pick, count=len(entries))
    entry, item = entries[pick - 1], items[pick - 1]
    if not entry.readable:
        raise InputError("backup.entry_unreadable", path=str(entry.backup))
    words = {"what": backup_view.what(item), "saved": backup_view.saved(item)}
    if not yes and not click.confirm(t("backup.confirm_rotating", change=backup_view.change(item), **words),
                                     default=False, err=True):
        click.echo(t("backup.nothing"), err=True)
        return
    with files.locked(home):
        kept = archive.restore_rotating(home, entry)
    _index_restored(home)
    click.echo(t("backup.restored_rotating", kept=str(kept) if kept else "-", **words))
