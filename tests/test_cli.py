"""The `campo` command on a fresh embedded database, as `make run` uses it."""

from __future__ import annotations

import sqlalchemy as sa
from click.testing import CliRunner

from campo.cli import cli
from campo.db import create_engine


def run(args, env):
    result = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    return result


def test_upgrade_demo_and_users_on_a_fresh_database(tmp_path):
    env = {
        "CAMPO_INSTANCE_DIR": str(tmp_path / "instance"),
        "DATABASE_URL": "",
        "CAMPO_DEMO_PASSWORD": "demo-password-1",
    }
    upgraded = run(["db", "upgrade"], env)
    assert upgraded.exit_code == 0, upgraded.output
    assert (tmp_path / "instance" / "campo.sqlite3").exists()
    assert run(["db", "check"], env).exit_code == 0

    demo = run(["demo", "--if-empty"], env)
    assert demo.exit_code == 0, demo.output
    assert "Demo data loaded." in demo.output
    for username in (
        "recruiter1",
        "supervisor1",
        "regional1",
        "recruiter2",
        "supervisor2",
        "regional2",
        "stateadmin",
    ):
        assert username in demo.output
    assert "demo-password-1" in demo.output
    again = run(["demo", "--if-empty"], env)
    assert "already loaded" in again.output

    created = run(
        [
            "users",
            "create",
            "--username",
            "Recruiter9",
            "--full-name",
            "Ana Pérez",
            "--role",
            "recruiter",
            "--region",
            "05",
            "--password",
            "long-enough-pw",
        ],
        env,
    )
    assert created.exit_code == 0, created.output
    duplicate = run(
        [
            "users",
            "create",
            "--username",
            "recruiter9",
            "--full-name",
            "X",
            "--role",
            "recruiter",
            "--region",
            "05",
            "--password",
            "long-enough-pw",
        ],
        env,
    )
    assert duplicate.exit_code != 0
    assert "already in use" in duplicate.output
    no_region = run(
        [
            "users",
            "create",
            "--username",
            "r10",
            "--full-name",
            "X",
            "--role",
            "supervisor",
            "--region",
            "99",
            "--password",
            "long-enough-pw",
        ],
        env,
    )
    assert no_region.exit_code != 0
    assert "region does not exist" in no_region.output
    short = run(
        [
            "users",
            "create",
            "--username",
            "r11",
            "--full-name",
            "X",
            "--role",
            "state_admin",
            "--password",
            "short",
        ],
        env,
    )
    assert short.exit_code != 0

    engine = create_engine(f"sqlite:///{tmp_path / 'instance' / 'campo.sqlite3'}")
    with engine.connect() as connection:
        statuses = dict(
            connection.execute(sa.text("SELECT status, count(*) FROM coes GROUP BY status")).all()
        )
        numbers = (
            connection.execute(sa.text("SELECT statewide_number FROM children")).scalars().all()
        )
        regions = connection.execute(sa.text("SELECT count(*) FROM regions")).scalar()
    engine.dispose()
    assert statuses == {"approved": 1, "submitted": 2, "draft": 1}
    assert len(numbers) == 2
    assert regions == 23
