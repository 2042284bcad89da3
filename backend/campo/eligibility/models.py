"""The COE and the children it covers.

The full answers are kept as JSON beside the form version they were given under; the fields
that are searched or counted are copied into indexed columns by the services on every write.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campo.db import Base, JSONDocument, UTCDateTime, enum_column, new_uuid, utcnow


class CoeStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"


EDITABLE_STATUSES = frozenset({CoeStatus.DRAFT, CoeStatus.RETURNED})
DECIDED_STATUSES = frozenset({CoeStatus.APPROVED, CoeStatus.REJECTED})


class Coe(Base):
    """One family's qualifying move, and the children who made it, as a recruiter recorded it."""

    __tablename__ = "coes"
    __table_args__ = (sa.Index("ix_coes_region_id_status", "region_id", "status"),)

    # Generated on the tablet, so a COE made offline keeps its identity through every retry.
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    family_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("families.id"), index=True)
    recruiter_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    status: Mapped[CoeStatus] = mapped_column(
        enum_column(CoeStatus, name="coe_status", length=12),
        default=CoeStatus.DRAFT,
        index=True,
    )
    form_id: Mapped[str] = mapped_column(sa.String(40))
    form_version: Mapped[str] = mapped_column(sa.String(20))
    answers: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    # The server's last evaluation of the form's rules over these answers (formdefs.evaluate):
    # rule outcomes, field problems and derived values such as each child's end of eligibility.
    evaluation: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    # The server's duplicate check at submission: candidates for each child (matching/).
    duplicate_check: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    # SHA-256 of the canonical answers: what signatures bind to; a change breaks the binding.
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    version: Mapped[int] = mapped_column(default=1)
    language: Mapped[str] = mapped_column(sa.String(5), default="es")
    qualifying_arrival_date: Mapped[date | None] = mapped_column(index=True)
    interview_date: Mapped[date | None] = mapped_column(index=True)
    interview_place: Mapped[str | None] = mapped_column(sa.String(120))
    move_from_state: Mapped[str | None] = mapped_column(sa.String(2))
    move_from_country: Mapped[str | None] = mapped_column(sa.String(3))
    move_to_city: Mapped[str | None] = mapped_column(sa.String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decision_reasons: Mapped[list[str] | None] = mapped_column(JSONDocument)
    decision_comment: Mapped[str | None] = mapped_column(sa.Text)

    children: Mapped[list[CoeChild]] = relationship(
        back_populates="coe",
        order_by="CoeChild.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )


class CoeChild(Base):
    """A child as listed on one COE; linked to the state's Child once the COE is approved."""

    __tablename__ = "coe_children"
    __table_args__ = (sa.UniqueConstraint("coe_id", "position"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    coe_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("coes.id", ondelete="CASCADE"))
    position: Mapped[int]
    child_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("children.id"), index=True)
    last_name1: Mapped[str | None] = mapped_column(sa.String(50), index=True)
    last_name2: Mapped[str | None] = mapped_column(sa.String(50), index=True)
    first_name: Mapped[str | None] = mapped_column(sa.String(50), index=True)
    birth_date: Mapped[date | None] = mapped_column(index=True)
    sex: Mapped[str | None] = mapped_column(sa.String(6))
    # Folded names (lib.text.name_key) for accent- and case-blind search.
    name_key: Mapped[str] = mapped_column(sa.String(220), default="")
    birth_country: Mapped[str | None] = mapped_column(sa.String(3))
    residency_date: Mapped[date | None] = mapped_column(index=True)
    eligibility_end_date: Mapped[date | None] = mapped_column(index=True)

    # How the duplicate check was resolved: "linked" to an existing child (child_id set before
    # approval) or "new" (a new child is made at approval); None while undecided.
    match_decision: Mapped[str | None] = mapped_column(sa.String(8))
    match_decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    match_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    coe: Mapped[Coe] = relationship(back_populates="children")
