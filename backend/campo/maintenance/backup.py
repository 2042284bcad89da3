"""Backups and restores of the whole database. No Flask.

SQLite: the online backup API (a consistent copy while the app keeps serving). PostgreSQL:
``pg_dump --format=custom`` and ``pg_restore`` (the server's own tools: consistent, compressed,
and restorable with any PostgreSQL of the same or a newer major version). Restoring goes into an
empty database only: overwriting a live one by accident is how records get lost. Both report the
rows in every table, so a restore can be checked against the backup it came from.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import sqlalchemy as sa


class BackupError(Exception):
    """A backup or restore that could not be done, with a message for the operator."""


def row_counts(engine: sa.Engine) -> dict[str, int]:
    """Rows in every table (Alembic's version table included), by table name."""
    inspector = sa.inspect(engine)
    counts = {}
    with engine.connect() as connection:
        for table in sorted(inspector.get_table_names()):
            counted = sa.select(sa.func.count()).select_from(sa.table(table))
            counts[table] = connection.execute(counted).scalar_one()
    return counts


def _sqlite_file(url: sa.URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(url.database)


def _libpq(url: sa.URL) -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore connection arguments; the password goes by environment, not argv."""
    arguments = [
        "--dbname",
        url.set(drivername="postgresql", password=None).render_as_string(hide_password=False),
    ]
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    return arguments, environment


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (Debian package postgresql-client)")
    return found


def backup(database_url: str, target: Path) -> None:
    """Write a consistent copy of the database at ``database_url`` to ``target``."""
    url = sa.engine.make_url(database_url)
    if target.exists():
        raise BackupError(f"{target} exists: choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(_sqlite_file(url))
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        return
    arguments, environment = _libpq(url)
    done = subprocess.run(  # noqa: S603 - fixed tool, arguments built here
        [
            _tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(target),
            *arguments,
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")


def restore(source: Path, database_url: str) -> None:
    """Restore ``source`` into the empty database at ``database_url``."""
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    url = sa.engine.make_url(database_url)
    engine = sa.create_engine(database_url)
    try:
        if sa.inspect(engine).get_table_names():
            raise BackupError("the target database is not empty: restore into an empty one")
    finally:
        engine.dispose()
    if url.get_backend_name() == "sqlite":
        target_file = _sqlite_file(url)
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        target = sqlite3.connect(target_file)
        try:
            with target:
                backup_db.backup(target)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source} is not a SQLite backup: {error}") from error
        finally:
            target.close()
            backup_db.close()
        return
    arguments, environment = _libpq(url)
    done = subprocess.run(  # noqa: S603 - fixed tool, arguments built here
        [
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *arguments,
            str(source),
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
