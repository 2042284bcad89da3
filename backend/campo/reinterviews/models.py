"""A re-interview sample and the children drawn into it."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campo.db import Base, UTCDateTime, enum_column, new_uuid, utcnow


class Outcome(enum.StrEnum):
    CONFIRMED = "confirmed_eligible"
    NOT_ELIGIBLE = "not_eligible"
    NOT_REACHED = "not_reached"


class ReinterviewSample(Base):
    """One draw: the period and size asked for, and what is needed to draw it again.

    ``method`` and ``seed`` re-derive the draw from the population; ``population_size`` and
    ``population_hash`` (SHA-256 of the sorted unit keys) show the population was the same.
    """

    __tablename__ = "reinterview_samples"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    period_start: Mapped[date]
    period_end: Mapped[date]
    # Only one region's children, or None for the whole state.
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    requested_rate: Mapped[float | None] = mapped_column(sa.Float)
    requested_size: Mapped[int | None]
    method: Mapped[str] = mapped_column(sa.String(40))
    seed: Mapped[str] = mapped_column(sa.String(64))
    population_size: Mapped[int]
    population_hash: Mapped[str] = mapped_column(sa.String(64))
    sample_size: Mapped[int]
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    items: Mapped[list[ReinterviewItem]] = relationship(
        back_populates="sample", order_by="ReinterviewItem.position", lazy="selectin"
    )


class ReinterviewItem(Base):
    """One child drawn into a sample: who re-interviews them and what they found."""

    __tablename__ = "reinterview_items"
    __table_args__ = (
        sa.UniqueConstraint("sample_id", "position"),
        sa.UniqueConstraint("sample_id", "coe_child_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    sample_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("reinterview_samples.id"))
    # Order of the draw (1 = the lowest rank).
    position: Mapped[int]
    unit_key: Mapped[str] = mapped_column(sa.String(80))
    coe_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("coes.id"), index=True)
    coe_child_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("coe_children.id"))
    child_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("children.id"), index=True)
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    reinterviewer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    assigned_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[Outcome | None] = mapped_column(
        enum_column(Outcome, name="reinterview_outcome", length=20)
    )
    outcome_reason: Mapped[str | None] = mapped_column(sa.String(40))
    reinterview_date: Mapped[date | None]
    notes: Mapped[str | None] = mapped_column(sa.Text)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    sample: Mapped[ReinterviewSample] = relationship(back_populates="items")
