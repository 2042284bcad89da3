"""The `campo` command on a fresh embedded database, as `make run` uses it."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from click.testing import CliRunner

from campo.cli import cli
from campo.db import create_engine
from campo.reports.periods import Period
from tests.factories import state_today


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
    assert statuses == {"approved": 1, "submitted": 3, "draft": 1}
    assert len(numbers) == 2
    assert regions == 23


def test_retention_reports_before_it_changes_anything(tmp_path):
    env = {"CAMPO_INSTANCE_DIR": str(tmp_path / "instance"), "DATABASE_URL": ""}
    assert run(["db", "upgrade"], env).exit_code == 0
    assert run(["demo"], env).exit_code == 0
    dry = run(["retention"], env)
    assert dry.exit_code == 0, dry.output
    assert "Past retention (5 years" in dry.output
    assert "Dry run: nothing changed." in dry.output
    applied = run(["retention", "--years", "5", "--apply"], env)
    assert "Anonymized." in applied.output  # today's demo is in use: nothing was past it
    assert "0 COEs, 0 children, 0 families" in applied.output


def test_history_import_and_child_count_report(tmp_path):
    env = {
        "CAMPO_INSTANCE_DIR": str(tmp_path / "instance"),
        "DATABASE_URL": "",
        "CAMPO_DEMO_PASSWORD": "demo-password-1",
    }
    assert run(["db", "upgrade"], env).exit_code == 0
    assert run(["demo"], env).exit_code == 0
    engine = create_engine(f"sqlite:///{tmp_path / 'instance' / 'campo.sqlite3'}")
    with engine.connect() as connection:
        numbers = list(
            connection.scalars(sa.text("SELECT statewide_number FROM children ORDER BY 1"))
        )
    engine.dispose()
    assert len(numbers) == 2
    good = tmp_path / "services.csv"
    good.write_text(
        "statewide_number,service_type,term,start_date,end_date\n"
        f"{numbers[0]},mathematics,intersession,{state_today() - timedelta(days=30)},\n",
        encoding="utf-8",
    )
    imported = run(["import", "history", str(good), "--kind", "services", "--region", "16"], env)
    assert imported.exit_code == 0, imported.output
    assert "1 rows: 1 services added, 0 corrected." in imported.output
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "statewide_number,service_type,term,start_date\n"
        f"{numbers[0]},mathematics,autumn,2026-07-06\n",
        encoding="utf-8",
    )
    refused = run(["import", "history", str(bad), "--kind", "services", "--region", "16"], env)
    assert refused.exit_code == 1
    assert "line 2, term" in refused.output
    period = Period.containing(state_today()).label
    report = run(["report", "child-count", "--period", period, "--csv"], env)
    assert report.exit_code == 0, report.output
    # The demo's two children, resident and eligible now; the service gives Category 2.
    assert report.output.splitlines()[1] == "total,,statewide,2,1"
    assert run(["report", "child-count", "--period", "2026"], env).exit_code != 0
