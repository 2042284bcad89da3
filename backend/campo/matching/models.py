"""The blocking-key index: a few short keys per child, so candidates come from an index lookup."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from campo.db import Base


class ChildMatchKey(Base):
    """One blocking key of one child (matching.keys.blocking_keys), rewritten on every write."""

    __tablename__ = "child_match_keys"
    __table_args__ = (sa.Index("ix_child_match_keys_key", "key", "child_id"),)

    child_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("children.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
