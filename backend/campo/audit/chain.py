"""The audit trail's hash chain: how events are chained at commit, and how the chain is checked.

Each event's ``hash`` is the SHA-256 of the canonical JSON of its fields (``CHAINED_FIELDS``)
and the previous event's hash; the first event's previous hash is ``GENESIS_HASH``. Changing,
removing or reordering any event breaks the link at that event or the one after it.

Events are chained in one place, just before their transaction commits (``before_commit``):
the transaction's other work is flushed first, then the single ``audit_chain_head`` row is
moved forward by as many events as the transaction holds. That UPDATE locks the row on
PostgreSQL (and takes SQLite's one write lock), so two transactions committing at once append
one after the other, never both after the same event; the lock is held only for the inserts
and the commit. The unique ``seq`` is the last guard: a fork could not commit.

The hash format is frozen: changing ``event_document`` would make every stored event fail
verification, so a new format would need a new ``"v"`` and a verifier that knows both.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from campo.audit.models import AuditChainHead, AuditEvent
from campo.db import utcnow
from campo.lib.canonical import content_hash, to_json_safe

GENESIS_HASH = "0" * 64
HEAD_ID = 1
FORMAT_VERSION = 1
CHAINED_FIELDS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_role",
    "region_id",
    "action",
    "entity_type",
    "entity_id",
    "client_address",
    "changed_fields",
    "details",
)
_PENDING = "campo.audit.pending"


class AppendOnlyError(RuntimeError):
    """Someone tried to change or delete an audit event."""


def _timestamp(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def event_document(values: Mapping[str, Any], previous_hash: str) -> dict[str, Any]:
    """The canonical document an event's hash covers."""
    document: dict[str, Any] = {"v": FORMAT_VERSION, "previous_hash": previous_hash}
    for name in CHAINED_FIELDS:
        value = values[name]
        document[name] = _timestamp(value) if name == "occurred_at" else to_json_safe(value)
    return document


def event_hash(values: Mapping[str, Any], previous_hash: str) -> str:
    """The SHA-256 (hex) that chains an event with these field values to ``previous_hash``."""
    return content_hash(event_document(values, previous_hash))


def _values_of(audit_event: AuditEvent) -> dict[str, Any]:
    return {name: getattr(audit_event, name) for name in CHAINED_FIELDS}


# -- writing --------------------------------------------------------------------------------


def defer(session: Session, audit_event: AuditEvent) -> None:
    """Hold ``audit_event`` until the session commits, when it is chained and inserted."""
    if audit_event.occurred_at is None:
        audit_event.occurred_at = utcnow()
    if not session.in_transaction():
        # So that a rollback, even before any SQL, fires the hook that forgets these events.
        session.begin()
    session.info.setdefault(_PENDING, []).append(audit_event)


def pending_events(session: Session) -> list[AuditEvent]:
    """Events recorded in the session's transaction that are not written yet."""
    return list(session.info.get(_PENDING, ()))


def _sweep_new_events(session: Session) -> None:
    # An AuditEvent added to the session directly (not through record_event) must not be
    # inserted unchained: move it to the pending list too.
    for obj in list(session.new):
        if isinstance(obj, AuditEvent) and obj.hash is None:
            session.expunge(obj)
            defer(session, obj)


# Up to this many events go in the same statement as the head's update (PostgreSQL).
_ONE_STATEMENT = 200


def append_events(session: Session, events: list[AuditEvent]) -> None:
    """Chain ``events`` after the current head and insert them, in this order.

    Holding the head: one UPDATE that locks it and returns it, then (PostgreSQL) one statement
    that inserts the events and moves the head's hash, then the commit. Core statements, not
    the ORM's unit of work: every round trip here is one every other writer waits for.
    """
    # Everything but the links is prepared before the head is locked.
    rows = [{name: getattr(e, name) for name in _INSERTED} for e in events]
    head = AuditChainHead.__table__
    table = AuditEvent.__table__
    connection = session.connection()
    moved = connection.execute(
        sa.update(head)
        .where(head.c.id == HEAD_ID)
        .values(last_seq=head.c.last_seq + len(events))
        .returning(head.c.last_seq, head.c.last_hash)
    ).one_or_none()
    if moved is None:
        raise RuntimeError("audit_chain_head has no row: run the migrations (campo db upgrade)")
    last_seq, previous = moved
    seq = last_seq - len(events)
    for audit_event, row in zip(events, rows, strict=True):
        seq += 1
        row["seq"] = audit_event.seq = seq
        row["previous_hash"] = audit_event.previous_hash = previous
        row["hash"] = audit_event.hash = previous = event_hash(row, previous)
    move_head = sa.update(head).where(head.c.id == HEAD_ID).values(last_hash=previous)
    if connection.dialect.name == "postgresql" and len(rows) <= _ONE_STATEMENT:
        connection.execute(move_head.add_cte(sa.insert(table).values(rows).cte("inserted")))
    else:
        connection.execute(sa.insert(table), rows)
        connection.execute(move_head)


_INSERTED = tuple(name for name in CHAINED_FIELDS if name != "seq")


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    _sweep_new_events(session)


@event.listens_for(Session, "before_commit")
def _chain_at_commit(session: Session) -> None:
    _sweep_new_events(session)
    events = session.info.pop(_PENDING, None)
    if not events:
        return
    # Everything else first, so the chain head stays locked as briefly as possible.
    session.flush()
    append_events(session, events)


@event.listens_for(Session, "after_soft_rollback")
def _forget_pending(session: Session, previous_transaction: SessionTransaction) -> None:
    # Events of work that was rolled back are not written. (A rolled-back savepoint keeps its
    # events: recording too much is the safe side of an audit trail.)
    if previous_transaction.parent is None:
        session.info.pop(_PENDING, None)


@event.listens_for(AuditEvent, "before_update")
def _refuse_update(mapper: Any, connection: Any, target: AuditEvent) -> None:
    raise AppendOnlyError("audit events are never changed")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(mapper: Any, connection: Any, target: AuditEvent) -> None:
    raise AppendOnlyError("audit events are never deleted")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and any(
        mapper.class_ is AuditEvent for mapper in state.all_mappers
    ):
        raise AppendOnlyError("audit events are never changed or deleted")


# -- checking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainBreak:
    """The first link that does not hold."""

    event_id: int | None
    seq: int | None
    problem: str


@dataclass(frozen=True)
class ChainReport:
    count: int
    last_hash: str
    broken: ChainBreak | None = None

    @property
    def ok(self) -> bool:
        return self.broken is None


@contextmanager
def _rows(connection: sa.Connection, batch_size: int) -> Iterator[sa.Result[Any]]:
    table = AuditEvent.__table__
    query = sa.select(
        table.c.id, *(table.c[name] for name in CHAINED_FIELDS), table.c.previous_hash, table.c.hash
    ).order_by(table.c.seq)
    # A server-side cursor on PostgreSQL: millions of events, never all in memory.
    with connection.execute(
        query, execution_options={"stream_results": True, "yield_per": batch_size}
    ) as result:
        yield result


def verify_chain(connection: sa.Connection, *, batch_size: int = 5000) -> ChainReport:
    """Walk the chain in order and return the first broken link, if any, and the count."""
    with _rows(connection, batch_size) as rows:
        return _walk(connection, rows)


def _walk(connection: sa.Connection, rows: sa.Result[Any]) -> ChainReport:
    count = 0
    previous = GENESIS_HASH
    for row in rows:
        values = row._mapping
        expected_seq = count + 1
        if values["seq"] != expected_seq:
            problem = (
                f"events {expected_seq} to {values['seq'] - 1} of the sequence are missing"
                if values["seq"] > expected_seq
                else f"sequence number {values['seq']} where {expected_seq} was expected"
            )
            return ChainReport(count, previous, ChainBreak(values["id"], values["seq"], problem))
        if values["previous_hash"] != previous:
            return ChainReport(
                count,
                previous,
                ChainBreak(
                    values["id"],
                    values["seq"],
                    "its previous_hash is not the hash of the event before it "
                    "(an event before it was changed, removed or moved)",
                ),
            )
        if event_hash(values, previous) != values["hash"]:
            return ChainReport(
                count,
                previous,
                ChainBreak(
                    values["id"],
                    values["seq"],
                    "its content does not match its hash (it was changed after it was written)",
                ),
            )
        previous = values["hash"]
        count += 1
    head = connection.execute(
        sa.select(AuditChainHead.__table__.c.last_seq, AuditChainHead.__table__.c.last_hash)
    ).one_or_none()
    if head is None:
        return ChainReport(count, previous, ChainBreak(None, None, "the chain head row is missing"))
    if head.last_seq != count or head.last_hash != previous:
        return ChainReport(
            count,
            previous,
            ChainBreak(
                None,
                count + 1 if head.last_seq > count else head.last_seq,
                f"the chain head records {head.last_seq} events ending in "
                f"{head.last_hash[:12]}..., but the chain ends at event {count} "
                "(events were removed from the end, or the head was changed)",
            ),
        )
    return ChainReport(count, previous)
