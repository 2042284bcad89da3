"""Regions and users."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campo.db import Base, UTCDateTime, enum_column, utcnow


class Role(enum.StrEnum):
    RECRUITER = "recruiter"
    SUPERVISOR = "supervisor"
    REGIONAL_STAFF = "regional_staff"
    STATE_ADMIN = "state_admin"


class Region(Base):
    """A migrant education region: the unit every record and every user belongs to."""

    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(8), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    # Whom families call; printed on their confirmation letters.
    phone: Mapped[str | None] = mapped_column(sa.String(32))


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        # Everyone but a state admin works in exactly one region.
        sa.CheckConstraint(
            "role = 'state_admin' OR region_id IS NOT NULL", name="region_unless_state_admin"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    full_name: Mapped[str] = mapped_column(sa.String(160))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role, name="role", length=20))
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    language: Mapped[str] = mapped_column(sa.String(5), default="en")
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Tokens issued before this moment are refused (set when the password changes).
    tokens_valid_after: Mapped[datetime | None] = mapped_column(UTCDateTime)

    region: Mapped[Region | None] = relationship(lazy="joined")

    @property
    def is_state_admin(self) -> bool:
        return self.role is Role.STATE_ADMIN
