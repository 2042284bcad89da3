"""``campo backup``, ``campo restore`` and ``campo retention``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from campo.audit.services import record_event
from campo.db import create_engine
from campo.lib.dates import today_in_state
from campo.maintenance import retention
from campo.maintenance.backup import BackupError, backup, restore, row_counts
from campo.web import database


def _print_counts(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        counts = row_counts(engine)
    finally:
        engine.dispose()
    for table, count in counts.items():
        click.echo(f"  {table:<32} {count:>10}")


@click.command("backup")
@click.argument("target", type=click.Path(path_type=Path, dir_okay=False))
@with_appcontext
def backup_command(target: Path) -> None:
    """Write a consistent copy of the database (DATABASE_URL) to TARGET."""
    url = current_app.config["DATABASE_URL"]
    try:
        backup(url, target)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backed up to {target} ({target.stat().st_size} bytes). Rows:")
    _print_counts(url)


@click.command("restore")
@click.argument("source", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@with_appcontext
def restore_command(source: Path) -> None:
    """Restore SOURCE into the database of DATABASE_URL, which must be empty."""
    url = current_app.config["DATABASE_URL"]
    try:
        restore(source, url)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored {source}. Rows:")
    _print_counts(url)


@click.command("retention")
@click.option("--years", type=int, default=None, help="Default: CAMPO_RETENTION_YEARS (5).")
@click.option("--apply", "apply_it", is_flag=True, help="Anonymize (without it: a dry run).")
@with_appcontext
def retention_command(years: int | None, apply_it: bool) -> None:
    """Anonymize records past the retention period (a dry-run report unless --apply)."""
    config = current_app.config
    years = years if years is not None else config["RETENTION_YEARS"]
    today = today_in_state(config["TIME_ZONE"])
    with database().transaction() as session:
        found = retention.plan(session, today=today, years=years)
        summary = found.summary()
        click.echo(
            f"Past retention ({years} years, before {summary['cutoff']}): "
            f"{summary['coes']} COEs, {summary['children']} children, "
            f"{summary['families']} families."
        )
        if not apply_it:
            click.echo("Dry run: nothing changed. Run again with --apply to anonymize them.")
            return
        retention.apply(session, found, today=today)
        record_event(
            session,
            actor=None,
            action="retention.applied",
            entity_type="retention",
            details={**summary, "years": years},
        )
        click.echo("Anonymized.")
