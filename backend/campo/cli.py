"""The ``campo`` command: serve, migrate, demo data, accounts."""

from __future__ import annotations

import getpass

import click
import sqlalchemy as sa
from alembic import command as alembic_command
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from campo.accounts.models import Role, User
from campo.accounts.services import create_user
from campo.db import Database, alembic_config
from campo.errors import CampoError
from campo.web import database


def _create_app() -> Flask:
    from campo.app import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False)
def cli() -> None:
    """Campo: field recruitment and eligibility for the Migrant Education Program."""


def _database() -> Database:
    return database()


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def serve(host: str, port: int) -> None:
    """Serve the API and the app (threaded development server)."""
    from werkzeug.serving import run_simple

    click.echo(f"Campo on http://{host}:{port}  (API docs: http://{host}:{port}/api/docs)")
    run_simple(host, port, current_app._get_current_object(), threaded=True, use_reloader=False)


@cli.group("db")
def db_group() -> None:
    """Database schema (Alembic migrations)."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Migrate the database to the latest schema."""
    _database().upgrade(revision)
    click.echo(f"Database at {revision}: {_database().engine.url.render_as_string()}")


@db_group.command("downgrade")
@click.argument("revision")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION (e.g. -1, or base)."""
    with _database().engine.begin() as connection:
        alembic_command.downgrade(alembic_config(connection), revision)


@db_group.command("revision")
@click.option("-m", "--message", required=True)
@with_appcontext
def db_revision(message: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    with _database().engine.begin() as connection:
        alembic_command.revision(alembic_config(connection), message=message, autogenerate=True)


@db_group.command("check")
@with_appcontext
def db_check() -> None:
    """Fail if the models hold changes no migration has yet."""
    with _database().engine.begin() as connection:
        alembic_command.check(alembic_config(connection))


@cli.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing if the database already has users.")
@with_appcontext
def demo(if_empty: bool) -> None:
    """Load the demo: the 23 regions, demo accounts and a few families."""
    from campo.demo.data import DEMO_ACCOUNTS, load_demo

    password = current_app.config["DEMO_PASSWORD"]
    with _database().transaction() as session:
        if if_empty and session.scalar(sa.select(sa.func.count()).select_from(User)):
            click.echo("Demo data already loaded.")
        else:
            load_demo(session, password=password, state_code=current_app.config["STATE_CODE"])
            click.echo("Demo data loaded.")
    click.echo(f"Demo logins (password: {password}):")
    for account in DEMO_ACCOUNTS:
        region = f"region {account.region_code}" if account.region_code else "all regions"
        click.echo(f"  {account.username:<12} {account.role.value:<15} {region}")


@cli.group("users")
def users_group() -> None:
    """Accounts."""


@users_group.command("create")
@click.option("--username", required=True)
@click.option("--full-name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--region", "region_code", help="Region code, e.g. 01 (not for state_admin).")
@click.option("--language", type=click.Choice(["en", "es"]), default="en", show_default=True)
@click.option("--password", help="Read from the terminal when not given.")
@with_appcontext
def users_create(
    username: str,
    full_name: str,
    role: str,
    region_code: str | None,
    language: str,
    password: str | None,
) -> None:
    """Create an account."""
    if not password:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Repeat password: "):
            raise click.ClickException("The passwords differ.")
    if len(password) < 10:
        raise click.ClickException("Use a password of at least 10 characters.")
    try:
        with _database().transaction() as session:
            user = create_user(
                session,
                username=username,
                full_name=full_name,
                password=password,
                role=Role(role),
                region_code=region_code,
                language=language,
            )
            click.echo(f"Created {user.username} ({user.role.value}).")
    except CampoError as error:
        raise click.ClickException(error.error.message) from None
