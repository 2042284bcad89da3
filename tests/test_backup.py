"""`campo backup` and `campo restore`: the demo backed up, restored into an empty database and
found whole, on SQLite and (with TEST_DATABASE_URL) on PostgreSQL; a non-empty target refused."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from campo.cli import cli
from campo.db import create_engine
from campo.maintenance.backup import row_counts

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


def run(args: list[str], env: dict[str, str]):
    return CliRunner().invoke(cli, args, env=env, catch_exceptions=False)


def snapshot(url: str) -> dict:
    """Every table's rows and the records that matter most, in a comparable form."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                "counts": row_counts(engine),
                "coes": sorted(
                    (str(row.id), row.status, row.content_hash, row.version)
                    for row in connection.execute(
                        sa.text("SELECT id, status, content_hash, version FROM coes")
                    )
                ),
                "children": sorted(
                    tuple(row)
                    for row in connection.execute(
                        sa.text("SELECT statewide_number, first_name, birth_date FROM children")
                    )
                ),
                "signatures": sorted(
                    (row.role, row.binding_hash)
                    for row in connection.execute(
                        sa.text("SELECT role, binding_hash FROM signatures")
                    )
                ),
            }
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def two_databases(request, tmp_path) -> Iterator[tuple[str, str]]:
    """A source and an empty target database of one engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'target.sqlite3'}"
        return
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    base = sa.engine.make_url(TEST_DATABASE_URL)
    admin = create_engine(base.set(database="postgres").render_as_string(hide_password=False))
    names = [f"campo_backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("source", "target")]
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for name in names:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield tuple(base.set(database=name).render_as_string(hide_password=False) for name in names)
    finally:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for name in names:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def test_a_backup_restored_into_an_empty_database_holds_every_record(two_databases, tmp_path):
    source_url, target_url = two_databases
    source = {"CAMPO_INSTANCE_DIR": str(tmp_path / "instance"), "DATABASE_URL": source_url}
    assert run(["db", "upgrade"], source).exit_code == 0
    assert run(["demo"], source).exit_code == 0
    before = snapshot(source_url)
    assert before["counts"]["coes"] > 0
    assert before["counts"]["signatures"] > 0

    backup_file = tmp_path / "campo.backup"
    made = run(["backup", str(backup_file)], source)
    assert made.exit_code == 0, made.output
    assert "coes" in made.output
    again = run(["backup", str(backup_file)], source)
    assert again.exit_code != 0  # never overwrites an earlier backup

    target = {**source, "DATABASE_URL": target_url}
    restored = run(["restore", str(backup_file)], target)
    assert restored.exit_code == 0, restored.output
    assert snapshot(target_url) == before
    assert run(["db", "check"], target).exit_code == 0  # the schema is at the head, as backed up

    refused = run(["restore", str(backup_file)], target)
    assert refused.exit_code != 0
    assert "not empty" in refused.output
    assert snapshot(target_url) == before
