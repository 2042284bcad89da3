"""Audit events and the head of their hash chain."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from campo.db import Base, JSONDocument, UTCDateTime, utcnow


class AuditEvent(Base):
    """Who did what to which record, when and from where. Never updated, never deleted.

    ``changed_fields`` names fields only: values of sensitive fields never enter the trail.
    ``seq``, ``previous_hash`` and ``hash`` chain the events (see audit/chain.py): ``hash`` is
    the SHA-256 of the event's fields and the previous event's hash, so an edited, removed or
    reordered event breaks every link after it. They are set when the transaction commits.
    """

    __tablename__ = "audit_events"
    __table_args__ = (sa.Index("ix_audit_events_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Position in the chain: 1, 2, 3... with no gap; the previous event is seq - 1.
    seq: Mapped[int] = mapped_column(sa.BigInteger, unique=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    actor_role: Mapped[str | None] = mapped_column(sa.String(20))
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    action: Mapped[str] = mapped_column(sa.String(40), index=True)
    entity_type: Mapped[str] = mapped_column(sa.String(20))
    entity_id: Mapped[str | None] = mapped_column(sa.String(40))
    client_address: Mapped[str | None] = mapped_column(sa.String(64))
    changed_fields: Mapped[list[str] | None] = mapped_column(JSONDocument)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    previous_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))


class AuditChainHead(Base):
    """One row: the last event's position and hash.

    Committing events locks and moves this row, so two transactions can never both append
    after the same event; ``campo audit verify`` also checks that the chain ends here, which
    catches events removed from the end.
    """

    __tablename__ = "audit_chain_head"
    __table_args__ = (sa.CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(sa.BigInteger)
    last_hash: Mapped[str] = mapped_column(sa.String(64))
