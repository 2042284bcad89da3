"""Records imported from MSIX files of other states, and move notices."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from campo.db import Base, JSONDocument, UTCDateTime, enum_column, new_uuid, utcnow


class MsixImport(Base):
    """One MSIX file imported whole (all its rows or none), with its header."""

    __tablename__ = "msix_imports"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    # SHA-256 of the file: the same file sent twice is imported once.
    file_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    submitting_state: Mapped[str] = mapped_column(sa.String(2))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    begin_effective: Mapped[datetime] = mapped_column(UTCDateTime)
    end_effective: Mapped[datetime] = mapped_column(UTCDateTime)
    students: Mapped[int]
    records: Mapped[int]
    imported_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MsixRecord(Base):
    """One row of an imported file: a child and one enrollment, as another state reported them.

    ``child_id`` is the state's own child this record was matched to at import (the duplicate
    check, band "likely"), so the child's history can show it; None when nobody matched.
    """

    __tablename__ = "msix_records"
    __table_args__ = (sa.UniqueConstraint("import_id", "line"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    import_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("msix_imports.id", ondelete="CASCADE")
    )
    line: Mapped[int]
    msix_id: Mapped[str | None] = mapped_column(sa.String(12), index=True)
    reporting_state: Mapped[str] = mapped_column(sa.String(2))
    state_student_id: Mapped[str] = mapped_column(sa.String(15))
    first_name: Mapped[str] = mapped_column(sa.String(50))
    last_name1: Mapped[str] = mapped_column(sa.String(50))
    last_name2: Mapped[str | None] = mapped_column(sa.String(50))
    birth_date: Mapped[date] = mapped_column(index=True)
    enrollment_date: Mapped[date | None]
    child_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("children.id", ondelete="SET NULL"), index=True
    )
    match_score: Mapped[int | None]
    # Every field of the row by its layout name, as written in the file.
    data: Mapped[dict[str, Any]] = mapped_column(JSONDocument)


class NoticeStatus(enum.StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"


class MoveNotice(Base):
    """A notice that a child is moving: sent from a region of this state, or received from
    another state through MSIX; addressed to another state or to a region of this state."""

    __tablename__ = "move_notices"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    # This state's child, when known (a notice from another state may name a child not yet met).
    child_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("children.id", ondelete="SET NULL"), index=True
    )
    from_state: Mapped[str] = mapped_column(sa.String(2))
    from_region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    to_state: Mapped[str] = mapped_column(sa.String(2))
    to_region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    # The child as the sender names it (always filled, so a notice reads without a record).
    first_name: Mapped[str] = mapped_column(sa.String(50))
    last_name1: Mapped[str] = mapped_column(sa.String(50))
    last_name2: Mapped[str | None] = mapped_column(sa.String(50))
    birth_date: Mapped[date]
    msix_id: Mapped[str | None] = mapped_column(sa.String(12))
    expected_move_date: Mapped[date | None]
    destination_city: Mapped[str | None] = mapped_column(sa.String(80))
    comment: Mapped[str | None] = mapped_column(sa.String(1000))
    status: Mapped[NoticeStatus] = mapped_column(
        enum_column(NoticeStatus, name="notice_status", length=12), default=NoticeStatus.OPEN
    )
    sent_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    acknowledged_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
