"""Flask commands: each calls services, then commits once."""

import click
from flask import Flask, current_app
from sqlalchemy import func, select

from awards.accounts.services import find_user_by_email
from awards.demo import DEMO_ACCOUNTS, DEMO_SLUG, load_demo
from awards.errors import DomainError
from awards.extensions import db
from awards.judging import ballots
from awards.programs.models import Program
from awards.programs.permissions import can_manage_program
from awards.programs.services import first_organizer, get_program_by_slug


def register(app: Flask) -> None:
    app.cli.add_command(demo_command)
    app.cli.add_command(scores_group)


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Load only when the database has no programs.")
def demo_command(if_empty: bool) -> None:
    """Load the 2025 East Kazakhstan "Year of Working Professions" demo program."""
    password = current_app.config["DEMO_PASSWORD"]
    if if_empty and db.session.scalar(select(func.count()).select_from(Program)):
        click.echo("The database already has programs; the demo data was not loaded again.")
    else:
        load_demo(password=password)
        db.session.commit()
        click.echo(f"Loaded the demo program '{DEMO_SLUG}'.")
    if db.session.scalar(select(Program).where(Program.slug == DEMO_SLUG)):
        click.echo(f"Demo logins (password: {password}):")
        for email, role in DEMO_ACCOUNTS:
            click.echo(f"  {email:<20} {role}")


@click.group("scores")
def scores_group() -> None:
    """Scorecards from outside the web interface."""


@scores_group.command("import")
@click.argument("program_slug")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--actor", "actor_email", help="Organizer recorded as importing.")
@click.option("--override-reason", default="", help="Accept ballots outside the judging window.")
@click.option("--dry-run", is_flag=True, help="Check the rows and save nothing.")
def import_scores(program_slug, file, actor_email, override_reason, dry_run) -> None:
    """Import paper ballots (CSV or XLSX: judge_email, category, nominee, criterion, points)."""
    program = get_program_by_slug(program_slug)
    if program is None:
        raise click.ClickException(f"No program with the short name {program_slug!r}.")
    actor = find_user_by_email(actor_email) if actor_email else first_organizer(program)
    if actor is None or not can_manage_program(actor, program):
        raise click.ClickException("Unknown program, or the actor does not organize it.")
    with open(file, "rb") as handle:
        content = handle.read()
    try:
        if dry_run:
            check = ballots.check_ballots(program, content, override_reason=override_reason)
        else:
            check = ballots.import_ballots(
                program=program, content=content, actor=actor, override_reason=override_reason
            )
    except DomainError as error:
        raise click.ClickException(error.message) from error
    for row in check.invalid:
        click.echo(f"line {row.line}: {row.error}", err=True)
    if not dry_run:
        db.session.commit()
    verb = "would be saved" if dry_run else "saved"
    click.echo(f"{len(check.valid)} rows {verb}, {len(check.invalid)} refused.")
