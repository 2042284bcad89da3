"""Signatures bound to the content of a COE."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from campo.db import Base, JSONDocument, UTCDateTime, enum_column, new_uuid, utcnow


class SignerRole(enum.StrEnum):
    INTERVIEWEE = "interviewee"
    RECRUITER = "recruiter"
    REVIEWER = "reviewer"


class Signature(Base):
    """A signer's mark on one exact content of a COE, under one published statement."""

    __tablename__ = "signatures"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    coe_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("coes.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[SignerRole] = mapped_column(enum_column(SignerRole, name="signer_role", length=12))
    signer_name: Mapped[str] = mapped_column(sa.String(160))
    signer_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # The statement the signer was shown (signatures/statements/<id>.v<version>.yaml).
    statement_id: Mapped[str] = mapped_column(sa.String(40))
    statement_version: Mapped[int]
    # The COE content hash at signing, and the SHA-256 of everything signed (binding.py).
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    binding_hash: Mapped[str] = mapped_column(sa.String(64))
    # The strokes as drawn on the glass (strokes.py), rendered to SVG/PNG when shown.
    strokes: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
