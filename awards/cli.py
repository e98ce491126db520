"""Flask commands: each calls services, then commits once."""

import click
from flask import Flask, current_app
from sqlalchemy import func, select

from awards.demo import DEMO_ACCOUNTS, DEMO_SLUG, load_demo
from awards.extensions import db
from awards.programs.models import Program


def register(app: Flask) -> None:
    app.cli.add_command(demo_command)


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
