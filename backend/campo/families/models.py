"""Families, children and the register of issued statewide student numbers."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from campo.db import Base, UTCDateTime, new_uuid, utcnow
from campo.lib.text import name_key


class Family(Base):
    """A household as the recruiter met it: parents or guardians and where they live now."""

    __tablename__ = "families"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    parent1_last_name: Mapped[str | None] = mapped_column(sa.String(50), index=True)
    parent1_first_name: Mapped[str | None] = mapped_column(sa.String(50))
    parent2_last_name: Mapped[str | None] = mapped_column(sa.String(50), index=True)
    parent2_first_name: Mapped[str | None] = mapped_column(sa.String(50))
    address: Mapped[str | None] = mapped_column(sa.String(200))
    city: Mapped[str | None] = mapped_column(sa.String(80))
    state: Mapped[str | None] = mapped_column(sa.String(2))
    zip_code: Mapped[str | None] = mapped_column(sa.String(10))
    phone: Mapped[str | None] = mapped_column(sa.String(20))
    # Folded parents' names (lib.text.name_key) for accent- and case-blind search.
    name_key: Mapped[str] = mapped_column(sa.String(220), default="")
    language: Mapped[str] = mapped_column(sa.String(5), default="es")
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Child(Base):
    """A child known to the state, counted once; identified by the statewide student number."""

    __tablename__ = "children"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    statewide_number: Mapped[str] = mapped_column(sa.String(15), unique=True)
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    family_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("families.id"), index=True)
    last_name1: Mapped[str] = mapped_column(sa.String(50), index=True)
    last_name2: Mapped[str | None] = mapped_column(sa.String(50), index=True)
    first_name: Mapped[str] = mapped_column(sa.String(50), index=True)
    middle_name: Mapped[str | None] = mapped_column(sa.String(50))
    suffix: Mapped[str | None] = mapped_column(sa.String(10))
    # Unknown for some legacy records brought in by the import.
    sex: Mapped[str | None] = mapped_column(sa.String(6))
    birth_date: Mapped[date] = mapped_column(index=True)
    multiple_birth: Mapped[bool] = mapped_column(default=False)
    birth_date_verification: Mapped[str] = mapped_column(sa.String(4))
    birth_city: Mapped[str | None] = mapped_column(sa.String(80))
    birth_state: Mapped[str | None] = mapped_column(sa.String(40))
    birth_country: Mapped[str | None] = mapped_column(sa.String(3), index=True)
    # The parents' names as MSIX carries them with each student: they help tell a child from
    # a cousin of the same name and birth date.
    parent1_first_name: Mapped[str | None] = mapped_column(sa.String(50))
    parent1_last_name: Mapped[str | None] = mapped_column(sa.String(50))
    parent2_first_name: Mapped[str | None] = mapped_column(sa.String(50))
    parent2_last_name: Mapped[str | None] = mapped_column(sa.String(50))
    # Those names folded (lib.text.name_key), for the locator: a child imported from a legacy
    # system or another state has no family row to search. Kept by the events below and by the
    # bulk importer, which writes rows without the ORM.
    parent_name_key: Mapped[str] = mapped_column(sa.String(220), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def parents_key(self) -> str:
        return parent_name_key(
            self.parent1_first_name,
            self.parent1_last_name,
            self.parent2_first_name,
            self.parent2_last_name,
        )


def parent_name_key(*names: str | None) -> str:
    """The parents' names of a child, folded for the locator's search."""
    return name_key(*names)


@sa.event.listens_for(Child, "before_insert")
@sa.event.listens_for(Child, "before_update")
def _keep_parent_name_key(_mapper: object, _connection: object, child: Child) -> None:
    child.parent_name_key = child.parents_key()


class StudentNumberIssue(Base):
    """One row per statewide number ever issued; its serial makes the number, so none repeats.

    Rows are never deleted, and SQLite's AUTOINCREMENT keeps a deleted serial from coming back.
    """

    __tablename__ = "student_number_issues"
    __table_args__ = {"sqlite_autoincrement": True}

    serial: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    number: Mapped[str | None] = mapped_column(sa.String(15), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
