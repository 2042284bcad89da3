"""Audit events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from campo.db import Base, JSONDocument, UTCDateTime, utcnow


class AuditEvent(Base):
    """Who did what to which record, when and from where. Never updated, never deleted.

    ``changed_fields`` names fields only: values of sensitive fields never enter the trail.
    """

    __tablename__ = "audit_events"
    __table_args__ = (sa.Index("ix_audit_events_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
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
