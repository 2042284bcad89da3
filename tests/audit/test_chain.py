"""The audit trail's hash chain: written at commit, append-only, and every tampering found."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo.audit.chain import (
    GENESIS_HASH,
    AppendOnlyError,
    event_hash,
    pending_events,
    verify_chain,
)
from campo.audit.models import AuditChainHead, AuditEvent
from campo.audit.services import record_event
from campo.cli import cli


def _record(session: Session, count: int, action: str = "test.event") -> None:
    for index in range(count):
        record_event(
            session,
            actor=None,
            action=action,
            entity_type="test",
            entity_id=index,
            changed_fields=["b", "a"],
            details={"n": index, "name": "Núñez", "when": datetime(2026, 1, 2, tzinfo=UTC)},
            client_address="10.0.0.1",
        )


def _last_ids(connection: sa.Connection, count: int) -> list[int]:
    ids = connection.scalars(
        sa.select(AuditEvent.id).order_by(AuditEvent.seq.desc()).limit(count)
    ).all()
    return list(reversed(ids))


def _bypass_triggers(connection: sa.Connection) -> None:
    """What an intruder with the database's owner rights can do (rolled back with the test)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("ALTER TABLE audit_events DISABLE TRIGGER USER")
    else:
        connection.exec_driver_sql("DROP TRIGGER audit_events_no_update")
        connection.exec_driver_sql("DROP TRIGGER audit_events_no_delete")


def test_events_are_chained_when_the_transaction_commits(db_session, connection):
    before = verify_chain(connection)
    assert before.ok, before.broken
    _record(db_session, 3)
    # Nothing is written, and the head is not touched, before the commit.
    assert len(pending_events(db_session)) == 3
    assert (
        db_session.scalar(
            sa.select(sa.func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "test.event")
        )
        == 0
    )
    db_session.commit()
    assert pending_events(db_session) == []

    events = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "test.event").order_by(AuditEvent.seq)
    ).all()
    assert [e.seq for e in events] == [before.count + 1, before.count + 2, before.count + 3]
    assert events[0].previous_hash == before.last_hash
    for previous, current in zip(events, events[1:], strict=False):
        assert current.previous_hash == previous.hash
    assert events[0].changed_fields == ["a", "b"]
    after = verify_chain(connection)
    assert after.ok, after.broken
    assert after.count == before.count + 3
    head = db_session.get_one(AuditChainHead, 1)
    assert (head.last_seq, head.last_hash) == (after.count, events[-1].hash)


def test_the_hash_covers_every_field_and_the_previous_hash():
    values = {
        "seq": 7,
        "occurred_at": datetime(2026, 11, 22, 21, 0, 0, 123456, tzinfo=UTC),
        "actor_id": 3,
        "actor_role": "supervisor",
        "region_id": 16,
        "action": "coe.approved",
        "entity_type": "coe",
        "entity_id": "0f1e",
        "client_address": "10.0.0.9",
        "changed_fields": ["status"],
        "details": {"reasons": []},
    }
    digest = event_hash(values, GENESIS_HASH)
    assert len(digest) == 64
    assert event_hash(dict(values), GENESIS_HASH) == digest  # deterministic
    assert event_hash(values, "1" * 64) != digest
    for name, other in [
        ("seq", 8),
        ("occurred_at", datetime(2026, 11, 22, 21, 0, 0, 123457, tzinfo=UTC)),
        ("actor_id", 4),
        ("actor_role", "state_admin"),
        ("region_id", 23),
        ("action", "coe.rejected"),
        ("entity_type", "child"),
        ("entity_id", "0f1f"),
        ("client_address", "10.0.0.8"),
        ("changed_fields", ["answers"]),
        ("details", {"reasons": ["other"]}),
    ]:
        assert event_hash({**values, name: other}, GENESIS_HASH) != digest, name


def test_a_rolled_back_transaction_writes_no_event(db_session, connection):
    before = verify_chain(connection).count
    _record(db_session, 2)
    db_session.rollback()
    db_session.commit()
    assert verify_chain(connection).count == before


def test_an_event_added_directly_is_chained_too(db_session, connection):
    db_session.add(AuditEvent(action="test.direct", entity_type="test"))
    db_session.flush()  # not inserted unchained: held until the commit
    db_session.commit()
    event = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "test.direct")
    ).one()
    assert event.hash
    assert event.seq
    assert verify_chain(connection).ok


def test_the_orm_refuses_to_change_or_delete_an_event(db_session):
    _record(db_session, 1)
    db_session.commit()
    event = db_session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "test.event")).one()
    event.action = "test.changed"
    with pytest.raises(AppendOnlyError):
        db_session.flush()
    db_session.rollback()
    db_session.delete(db_session.get_one(AuditEvent, event.id))
    with pytest.raises(AppendOnlyError):
        db_session.flush()
    db_session.rollback()
    with pytest.raises(AppendOnlyError):
        db_session.execute(sa.update(AuditEvent).values(action="x"))
    with pytest.raises(AppendOnlyError):
        db_session.execute(sa.delete(AuditEvent))


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"]
)
def test_the_database_refuses_to_change_or_delete_an_event(connection, statement):
    savepoint = connection.begin_nested()
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):
        connection.exec_driver_sql(statement)
    savepoint.rollback()


def test_postgresql_refuses_truncate(connection):
    if connection.dialect.name != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    savepoint = connection.begin_nested()
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):
        connection.exec_driver_sql("TRUNCATE audit_events CASCADE")
    savepoint.rollback()


def _tamper(db_session, connection, count: int = 5) -> list[int]:
    _record(db_session, count)
    db_session.commit()
    assert verify_chain(connection).ok
    _bypass_triggers(connection)
    return _last_ids(connection, count)


def test_verify_finds_an_edited_event(db_session, connection):
    ids = _tamper(db_session, connection)
    connection.execute(
        sa.text("UPDATE audit_events SET client_address = '192.0.2.1' WHERE id = :id"),
        {"id": ids[2]},
    )
    report = verify_chain(connection)
    assert report.broken is not None
    assert report.broken.event_id == ids[2]
    assert "content does not match its hash" in report.broken.problem


def test_verify_finds_an_edit_whose_hash_was_recomputed(db_session, connection):
    ids = _tamper(db_session, connection)
    row = connection.execute(sa.select(AuditEvent.__table__).where(AuditEvent.id == ids[1])).one()
    forged = {**row._mapping, "details": {"n": 99}}
    connection.execute(
        sa.update(AuditEvent.__table__)
        .where(AuditEvent.id == ids[1])
        .values(details={"n": 99}, hash=event_hash(forged, row.previous_hash))
    )
    report = verify_chain(connection)
    assert report.broken is not None
    # The forged event is self-consistent; the next one no longer links to it.
    assert report.broken.event_id == ids[2]
    assert "previous_hash" in report.broken.problem


def test_verify_finds_a_deleted_event(db_session, connection):
    ids = _tamper(db_session, connection)
    connection.execute(sa.text("DELETE FROM audit_events WHERE id = :id"), {"id": ids[1]})
    report = verify_chain(connection)
    assert report.broken is not None
    assert report.broken.event_id == ids[2]
    assert "missing" in report.broken.problem


def test_verify_finds_reordered_events(db_session, connection):
    ids = _tamper(db_session, connection)
    seqs = dict(
        connection.execute(
            sa.select(AuditEvent.id, AuditEvent.seq).where(AuditEvent.id.in_(ids[1:3]))
        ).all()
    )
    swap = sa.text("UPDATE audit_events SET seq = :seq WHERE id = :id")
    connection.execute(swap, {"seq": -1, "id": ids[1]})
    connection.execute(swap, {"seq": seqs[ids[1]], "id": ids[2]})
    connection.execute(swap, {"seq": seqs[ids[2]], "id": ids[1]})
    report = verify_chain(connection)
    assert report.broken is not None
    assert report.broken.event_id == ids[2]  # now in ids[1]'s place


def test_verify_finds_events_removed_from_the_end(db_session, connection):
    ids = _tamper(db_session, connection)
    connection.execute(sa.text("DELETE FROM audit_events WHERE id = :id"), {"id": ids[-1]})
    report = verify_chain(connection)
    assert report.broken is not None
    assert report.broken.event_id is None
    assert "chain head" in report.broken.problem


def test_campo_audit_verify_reports_ok_then_the_first_break(app, db_session, connection):
    runner = app.test_cli_runner()
    ids = _tamper(db_session, connection)
    ok = runner.invoke(cli, ["audit", "verify"])
    assert ok.exit_code == 0, ok.output
    assert "Audit chain OK" in ok.output
    connection.execute(
        sa.text("UPDATE audit_events SET action = 'coe.read' WHERE id IN (:a, :b)"),
        {"a": ids[1], "b": ids[3]},
    )
    broken = runner.invoke(cli, ["audit", "verify"])
    assert broken.exit_code == 1
    assert f"event id {ids[1]} " in broken.output
    assert "content does not match" in broken.output


def test_concurrent_writers_never_fork_the_chain(database):
    """Threads on their own connections commit at the same time; the chain stays one line.

    PostgreSQL queues them on the chain head. SQLite may refuse a writer outright ("database is
    locked") when two deferred transactions collide; that writer committed nothing, as a client
    told 503 would retry, so only committed transactions are counted there.
    """
    with database.engine.connect() as connection:
        start = verify_chain(connection)
    assert start.ok, start.broken
    committed: list[int] = []
    errors: list[BaseException] = []

    def writer() -> None:
        for _round in range(10):
            try:
                with database.transaction() as session:
                    _record(session, 2, action="test.concurrent")
                committed.append(1)
            except sa.exc.OperationalError as error:
                if database.engine.dialect.name != "sqlite" or "locked" not in str(error):
                    errors.append(error)  # pragma: no cover - the failure being tested for
            except BaseException as error:  # pragma: no cover - the failure being tested for
                errors.append(error)

    threads = [threading.Thread(target=writer) for _index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(committed) >= (40 if database.engine.dialect.name == "postgresql" else 20)
    with database.engine.connect() as connection:
        end = verify_chain(connection)
    assert end.ok, end.broken
    assert end.count == start.count + len(committed) * 2


def test_the_migration_chains_events_written_before_it(database):
    from alembic import command

    from campo.db import alembic_config

    with database.engine.connect() as connection:
        transaction = connection.begin()
        command.downgrade(alembic_config(connection), "2ef79e2eb750")
        assert "audit_chain_head" not in sa.inspect(connection).get_table_names()
        connection.execute(
            sa.text(
                "INSERT INTO audit_events (occurred_at, action, entity_type, entity_id, details)"
                " VALUES (:at, 'legacy.event', 'coe', :n, :details)"
            ),
            [
                {"at": "2026-11-01 10:00:00.000001+00:00", "n": str(n), "details": '{"n": 1}'}
                for n in range(3)
            ],
        )
        total = connection.scalar(sa.text("SELECT count(*) FROM audit_events"))
        command.upgrade(alembic_config(connection), "head")
        report = verify_chain(connection)
        assert report.ok, report.broken
        assert report.count == total
        transaction.rollback()
