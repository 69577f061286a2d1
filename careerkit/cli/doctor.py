"""`careerkit doctor`: check the home folder and say how to fix what is wrong."""

from __future__ import annotations

import click

from careerkit.cli.app import App, pass_app
from careerkit.errors import ExitCode
from careerkit.i18n import labelled, t


@click.command(help=t("help.doctor"))
@click.option("--fix", "apply_fix", is_flag=True, help=t("doctor.help.fix"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def doctor(app: App, apply_fix: bool, as_json: bool) -> None:
    from careerkit.store.health import examine, fix

    if apply_fix and app.home.root.exists():
        for line in fix(app.home.root):
            click.echo(line)
    findings = examine(app.home.root, app.catalog)
    problems = [f for f in findings if not f.ok]
    if as_json:
        app.echo_json({"healthy": not problems, "home": str(app.home.root),
                       "findings": [f.as_dict() for f in findings]}, "doctor")
    else:
        click.echo(t("doctor.home", path=str(app.home.root)))
        for finding in findings:
            mark = click.style("✓", fg="green") if finding.ok else click.style("✗", fg="red")
            if not app.color:
                mark = "ok " if finding.ok else "!! "
            click.echo(f"{mark} {finding.message}")
            if not finding.ok and finding.fix:
                click.echo(f"    {labelled(t('doctor.fix'), finding.fix)}")
        click.echo(t("doctor.healthy") if not problems else t("doctor.unhealthy", count=len(problems)))
    if problems:
        raise click.exceptions.Exit(int(ExitCode.BAD_INPUT))
