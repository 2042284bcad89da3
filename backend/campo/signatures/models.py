"""Signatures bound to the content of a COE."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from campo.db import Base, UTCDateTime, enum_column, new_uuid, utcnow


class SignerRole(enum.StrEnum):
    INTERVIEWEE = "interviewee"
    RECRUITER = "recruiter"
    REVIEWER = "reviewer"


class Signature(Base):
    """A signer's mark on one exact content of a COE (its content hash at signing time)."""

    __tablename__ = "signatures"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    coe_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("coes.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[SignerRole] = mapped_column(enum_column(SignerRole, name="signer_role", length=12))
    signer_name: Mapped[str] = mapped_column(sa.String(160))
    signer_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    statement_version: Mapped[str] = mapped_column(sa.String(40))
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    # The drawn mark as an image data URL, when the signer drew one.
    image: Mapped[str | None] = mapped_column(sa.Text)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
