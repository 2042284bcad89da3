"""The ``campo`` command: serve, migrate, demo data, accounts."""

from __future__ import annotations

import csv
import getpass
import io
import secrets
import time
import uuid
from datetime import datetime
from pathlib import Path

import click
import sqlalchemy as sa
from alembic import command as alembic_command
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from sqlalchemy.orm import Session

from campo.accounts.models import Region, Role, User
from campo.accounts.services import create_user
from campo.auth.permissions import Actor
from campo.db import Database, alembic_config
from campo.demo.data import load_regions
from campo.errors import CampoError
from campo.families.models import Child
from campo.history.importer import import_csv as import_history
from campo.history.services import KINDS as HISTORY_KINDS
from campo.lib.dates import today_in_state
from campo.maintenance.cli import backup_command, restore_command, retention_command
from campo.matching.identity import Identity
from campo.matching.importer import (
    ImportReport,
    import_children,
    parse_row,
    read_csv,
    write_report,
)
from campo.matching.services import find_matches
from campo.reports.counts import child_count
from campo.reports.periods import Period, PeriodError
from campo.web import database


def _create_app() -> Flask:
    from campo.app import create_app

    app = create_app()
    # One app per command: its connections close with the command (tests run many in a process).
    context = click.get_current_context(silent=True)
    if context is not None:
        context.find_root().call_on_close(app.extensions["campo.db"].engine.dispose)
    return app


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False)
def cli() -> None:
    """Campo: field recruitment and eligibility for the Migrant Education Program."""


def _database() -> Database:
    return database()


cli.add_command(backup_command)
cli.add_command(restore_command)
cli.add_command(retention_command)


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
            load_demo(
                session,
                password=password,
                state_code=current_app.config["STATE_CODE"],
                today=today_in_state(current_app.config["TIME_ZONE"]),
            )
            click.echo("Demo data loaded.")
    click.echo(f"Demo logins (password: {password}):")
    for account in DEMO_ACCOUNTS:
        region = f"region {account.region_code}" if account.region_code else "all regions"
        click.echo(f"  {account.username:<12} {account.role.value:<15} {region}")


@cli.group("import")
def import_group() -> None:
    """Bring legacy records in."""


@import_group.command("children")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--region", "region_code", required=True, help="Region code the children belong to.")
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the links made and the rows refused to this CSV.",
)
@with_appcontext
def import_children_command(csv_file: Path, region_code: str, report: Path | None) -> None:
    """Load children from CSV_FILE, linking each to a known child when likely the same."""
    started = time.perf_counter()
    with _database().transaction() as session:
        result = _import(session, csv_file, region_code)
    _database().analyze()
    if report:
        write_report(result, report)
    click.echo(
        f"{result.rows} rows in {time.perf_counter() - started:.1f} s: {result.created} new "
        f"children, {result.linked_to_store} linked to known children, {result.linked_in_file} "
        f"linked to an earlier row, {len(result.refused)} refused."
    )
    for line, reason in result.refused[:20]:
        click.echo(f"  line {line}: {reason}")


def _import(session: Session, csv_file: Path, region_code: str) -> ImportReport:
    region = session.scalar(sa.select(Region).where(Region.code == region_code))
    if region is None:
        raise click.ClickException(f"No region {region_code!r}.")
    importer = _system_actor(session)
    with csv_file.open(newline="", encoding="utf-8-sig") as handle:
        try:
            return import_children(
                session,
                read_csv(handle),
                actor=importer,
                region_id=region.id,
                state_code=current_app.config["STATE_CODE"],
            )
        except ValueError as error:
            raise click.ClickException(str(error)) from None


def _system_actor(session: Session) -> Actor:
    """The account bulk work is done and audited as: the first state admin."""
    admin = session.scalar(
        sa.select(User).where(User.role == Role.STATE_ADMIN).order_by(User.id).limit(1)
    )
    if admin is None:
        raise click.ClickException("Create a state_admin account first (campo users create).")
    return Actor(admin, client_address="cli")


@import_group.command("history")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    required=True,
    type=click.Choice(sorted(HISTORY_KINDS)),
    help="What each row is.",
)
@click.option("--region", "region_code", required=True, help="Region code the records belong to.")
@with_appcontext
def import_history_command(csv_file: Path, kind: str, region_code: str) -> None:
    """Load a region's batch of history records from CSV_FILE, all or nothing."""
    with _database().transaction() as session:
        region = session.scalar(sa.select(Region).where(Region.code == region_code))
        if region is None:
            raise click.ClickException(f"No region {region_code!r}.")
        try:
            result = import_history(
                session,
                actor=_system_actor(session),
                kind=HISTORY_KINDS[kind],
                data=csv_file.read_bytes(),
                region_id=region.id,
                state_code=current_app.config["STATE_CODE"],
            )
        except CampoError as error:
            lines = [error.error.message] + [
                f"  line {p['line']}, {p['field']}: {p['message']}" for p in error.problems[:50]
            ]
            for field, messages in error.fields.items():
                lines += [f"  {field}: {m}" for m in messages]
            raise click.ClickException("\n".join(str(line) for line in lines)) from None
    click.echo(f"{result.rows} rows: {result.created} {kind} added, {result.updated} corrected.")


@cli.group("report")
def report_group() -> None:
    """The state's reports."""


@report_group.command("child-count")
@click.option("--period", required=True, help="A performance period, e.g. 2025-2026.")
@click.option("--region", "region_code", help="One region's count (default: statewide).")
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV instead of a table.")
@with_appcontext
def report_child_count(period: str, region_code: str | None, as_csv: bool) -> None:
    """Print the Category 1 and 2 child counts for a period, per region and age/grade."""
    try:
        chosen = Period.parse(period)
    except PeriodError:
        raise click.ClickException(
            "The period must be two consecutive years, e.g. 2025-2026."
        ) from None
    with _database().transaction() as session:
        regions = {r.id: r for r in session.scalars(sa.select(Region))}
        region_id = None
        if region_code:
            found = [r for r in regions.values() if r.code == region_code]
            if not found:
                raise click.ClickException(f"No region {region_code!r}.")
            region_id = found[0].id
        started = time.perf_counter()
        result = child_count(session, chosen, region_id)
        elapsed = time.perf_counter() - started
        lines = [
            (
                "total",
                "",
                "statewide" if region_id is None else region_code,
                result.category1,
                result.category2,
            )
        ]
        lines += [
            (
                "region",
                regions[r["region_id"]].code,
                regions[r["region_id"]].name,
                r["category1"],
                r["category2"],
            )
            for r in result.by_region
        ]
        lines += [
            ("age_grade", b["bucket"], "", b["category1"], b["category2"]) for b in result.by_bucket
        ]
    if as_csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["line", "key", "label", "category1", "category2"])
        writer.writerows(lines)
        click.echo(buffer.getvalue(), nl=False)
        return
    click.echo(f"Child count {chosen.label} ({chosen.start} to {chosen.end}), {elapsed:.2f} s")
    click.echo(f"{'':<10} {'':<14} {'':<32} {'Cat. 1':>8} {'Cat. 2':>8}")
    for line, key, label, cat1, cat2 in lines:
        click.echo(f"{line:<10} {key:<14} {label[:32]:<32} {cat1:>8} {cat2:>8}")


@cli.group("match")
def match_group() -> None:
    """The duplicate check."""


@match_group.command("evaluate")
@click.option(
    "--store", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True
)
@click.option(
    "--queries", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--top", default=5, show_default=True, type=click.IntRange(1, 50))
@click.option("--region", "region_code", default="01", show_default=True)
@with_appcontext
def match_evaluate(store: Path, queries: Path, out: Path, top: int, region_code: str) -> None:
    """Load STORE into this (empty) database, check each query, write the ranked candidates."""
    database = _database()
    database.upgrade()
    with database.transaction() as session:
        if session.scalar(sa.select(sa.func.count()).select_from(Child)):
            raise click.ClickException("The database already holds children: use an empty one.")
        load_regions(session)
        if session.scalar(sa.select(User.id).where(User.role == Role.STATE_ADMIN)) is None:
            create_user(
                session,
                username="match-evaluation",
                full_name="Match evaluation",
                password=secrets.token_urlsafe(24),
                role=Role.STATE_ADMIN,
                region_code=None,
            )
    started = time.perf_counter()
    with database.transaction() as session:
        loaded = _import(session, store, region_code)
    database.analyze()
    load_seconds = time.perf_counter() - started
    click.echo(f"Loaded {loaded.created} children ({loaded.rows} rows) in {load_seconds:.1f} s.")
    # Results name candidates by the store's own ids, as the evaluation files do.
    source_of: dict[uuid.UUID, str | None] = {}
    with store.open(newline="", encoding="utf-8-sig") as handle:
        for line, record in read_csv(handle):
            child_id = loaded.child_of_line.get(line)
            if child_id is not None:
                source_of.setdefault(child_id, record.get("id"))
    latencies = []
    with (
        database.transaction() as session,
        queries.open(newline="", encoding="utf-8-sig") as handle,
        out.open("w", newline="", encoding="utf-8") as output,
    ):
        writer = csv.writer(output)
        writer.writerow(["query_index", "rank", "candidate_id", "score", "band"])
        for index, (_line, record) in enumerate(read_csv(handle)):
            try:
                identity = parse_row(0, record).identity
            except ValueError:
                identity = Identity()
            began = time.perf_counter()
            matches = find_matches(
                session, identity, region_id=None, limit=top, minimum_band="unlikely"
            )
            latencies.append((time.perf_counter() - began) * 1000)
            for rank_number, (child, match) in enumerate(matches, start=1):
                writer.writerow(
                    [
                        index,
                        rank_number,
                        source_of.get(child.id) or child.id,
                        match.score,
                        match.band,
                    ]
                )
    if latencies:
        ordered = sorted(latencies)

        def at(share: float) -> float:
            return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

        click.echo(
            f"{len(latencies)} queries: p50 {at(0.50):.1f} ms, p95 {at(0.95):.1f} ms, "
            f"p99 {at(0.99):.1f} ms"
        )


@cli.group("audit")
def audit_group() -> None:
    """The audit trail."""


@audit_group.command("verify")
@with_appcontext
def audit_verify() -> None:
    """Walk the audit trail's hash chain; report the first broken link (exit status 1)."""
    from campo.audit.chain import verify_chain

    started = time.perf_counter()
    with _database().new_session() as session:
        report = verify_chain(session.connection())
    seconds = time.perf_counter() - started
    if report.broken is not None:
        broken = report.broken
        where = (
            f"event id {broken.event_id} (seq {broken.seq})"
            if broken.event_id is not None
            else "the chain head"
        )
        click.echo(
            f"Audit chain BROKEN at {where}: {broken.problem}. "
            f"{report.count} events before it verified.",
            err=True,
        )
        raise SystemExit(1)
    click.echo(
        f"Audit chain OK: {report.count} events verified in {seconds:.1f} s; "
        f"last hash {report.last_hash}."
    )


@cli.group("reinterview")
def reinterview_group() -> None:
    """Re-interview quality control."""


@reinterview_group.command("sample")
@click.option("--from", "period_start", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--to", "period_end", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--rate", type=click.FloatRange(0, 1, min_open=True), help="Share to draw.")
@click.option("--size", type=click.IntRange(1), help="Children to draw.")
@click.option("--seed", help="Seed of the draw (random when not given); it is recorded.")
@click.option("--region", "region_code", help="One region's children (default: statewide).")
@with_appcontext
def reinterview_sample(
    period_start: datetime,
    period_end: datetime,
    rate: float | None,
    size: int | None,
    seed: str | None,
    region_code: str | None,
) -> None:
    """Draw a sample of the children identified (COE approved) from --from to --to."""
    from campo.reinterviews.services import create_sample

    try:
        with _database().transaction() as session:
            region_id = None
            if region_code is not None:
                region = session.scalar(sa.select(Region).where(Region.code == region_code))
                if region is None:
                    raise click.ClickException(f"No region {region_code!r}.")
                region_id = region.id
            sample = create_sample(
                session,
                actor=_system_actor(session),
                period_start=period_start.date(),
                period_end=period_end.date(),
                rate=rate,
                size=size,
                seed=seed,
                region_id=region_id,
                time_zone=current_app.config["TIME_ZONE"],
            )
            click.echo(
                f"Sample {sample.id}: {sample.sample_size} of {sample.population_size} children, "
                f"method {sample.method}, seed {sample.seed}, population "
                f"{sample.population_hash}."
            )
            for item in sample.items:
                click.echo(f"  {item.position:>4}  {item.unit_key}  child {item.child_id}")
    except CampoError as error:
        raise click.ClickException(f"{error.error.code}: {error.error.message}") from None


@reinterview_group.command("report")
@click.argument("sample_id", type=click.UUID)
@with_appcontext
def reinterview_report(sample_id: uuid.UUID) -> None:
    """Print a sample's outcomes, its defect rate with a 95% Wilson interval, and a draw check."""
    from campo.reinterviews.services import report

    try:
        with _database().transaction() as session:
            sample, tally, check = report(
                session,
                actor=_system_actor(session),
                sample_id=sample_id,
                time_zone=current_app.config["TIME_ZONE"],
            )
    except CampoError as error:
        raise click.ClickException(f"{error.error.code}: {error.error.message}") from None
    click.echo(
        f"Sample {sample.id} ({sample.period_start} to {sample.period_end}): "
        f"{tally.sample_size} drawn, {tally.assigned} assigned, {tally.pending} pending."
    )
    click.echo(
        f"Re-interviewed {tally.reinterviewed}: {tally.confirmed} confirmed eligible, "
        f"{tally.not_eligible} not eligible; {tally.not_reached} could not be reached."
    )
    if tally.defect_rate is None or tally.interval is None:
        click.echo("Defect rate: none yet (nobody re-interviewed).")
    else:
        low, high = tally.interval
        click.echo(
            f"Defect rate: {tally.defect_rate:.1%} (95% Wilson interval {low:.1%} to {high:.1%})."
        )
    for reason, count in tally.reasons.items():
        click.echo(f"  {reason}: {count}")
    click.echo(
        "Draw check: "
        + ("the same population and list." if check.ok else "DIFFERS from the recorded draw.")
    )


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


# Domain command groups (their modules import this one's helpers, so they are added last).
from campo.msix.cli import msix_group  # noqa: E402

cli.add_command(msix_group)
