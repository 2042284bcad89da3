"""The history tables. Every row belongs to a child (the state's ``children``) and to the region
that recorded it; region staff see and correct their region's rows, the state sees all.

Code lists (grades, enrollment types, terms, service types...) live in ``history.codes``; the
services check them, so the columns are plain strings that a later code can join without a
migration.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from campo.db import Base, UTCDateTime, new_uuid, utcnow


class _Recorded:
    """Who recorded a row and when it last changed (the audit trail has the details)."""

    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, index=True
    )


class SchoolEnrollment(_Recorded, Base):
    """A stay of the child at a school or MEP project (MSIX "Enrollments").

    Residency-only rows (type 06) record that the child lived in the region with no school.
    ``evidence_end_date`` is the last day this row shows the child resident: the withdrawal
    date, or for an open enrollment August 31 of the school year it began in (see
    ``reports.periods.open_enrollment_end``), so a row left open does not prove residency for
    ever (services fill it).
    """

    __tablename__ = "school_enrollments"
    __table_args__ = (
        sa.Index("ix_school_enrollments_child_id_enrollment_date", "child_id", "enrollment_date"),
        # The count scans enrollments overlapping a period; the index carries what it reads.
        sa.Index(
            "ix_school_enrollments_count",
            "enrollment_date",
            "evidence_end_date",
            "child_id",
            "region_id",
        ),
        sa.CheckConstraint(
            "withdrawal_date IS NULL OR withdrawal_date >= enrollment_date", name="dates_in_order"
        ),
        sa.CheckConstraint("evidence_end_date >= enrollment_date", name="evidence_in_order"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    child_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("children.id", ondelete="CASCADE"))
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    enrollment_type: Mapped[str] = mapped_column(sa.String(2))
    school_name: Mapped[str] = mapped_column(sa.String(100))
    school_id: Mapped[str | None] = mapped_column(sa.String(12))  # NCES school id
    district_name: Mapped[str | None] = mapped_column(sa.String(60))
    district_id: Mapped[str | None] = mapped_column(sa.String(7))  # NCES LEA id
    grade: Mapped[str | None] = mapped_column(sa.String(2))
    enrollment_date: Mapped[date]
    withdrawal_date: Mapped[date | None]
    evidence_end_date: Mapped[date]
    comment: Mapped[str | None] = mapped_column(sa.String(1000))


class MepService(_Recorded, Base):
    """A Migrant Education Program service the child received, in one term."""

    __tablename__ = "mep_services"
    __table_args__ = (
        sa.Index("ix_mep_services_child_id_start_date", "child_id", "start_date"),
        # Category 2 reads summer/intersession services overlapping a period.
        sa.Index(
            "ix_mep_services_count", "term", "start_date", "end_date", "child_id", "region_id"
        ),
        sa.CheckConstraint("end_date >= start_date", name="dates_in_order"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    child_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("children.id", ondelete="CASCADE"))
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    service_type: Mapped[str] = mapped_column(sa.String(30))
    term: Mapped[str] = mapped_column(sa.String(12))  # regular, summer, intersession
    start_date: Mapped[date]
    end_date: Mapped[date]
    provider: Mapped[str | None] = mapped_column(sa.String(100))
    # Set when the child is served under continuation of services (ESEA 1304(e)) only.
    continuation_reason: Mapped[str | None] = mapped_column(sa.String(2))
    comment: Mapped[str | None] = mapped_column(sa.String(1000))


class ChildIndicators(Base):
    """Per-child flags a school needs on arrival, one row per child (absent = not recorded)."""

    __tablename__ = "child_indicators"

    child_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("children.id", ondelete="CASCADE"), primary_key=True
    )
    # The child's id in the state's longitudinal data system (California: CALPADS SSID).
    state_student_id: Mapped[str | None] = mapped_column(sa.String(15), unique=True)
    english_learner: Mapped[bool | None]
    iep: Mapped[bool | None]
    medical_alert: Mapped[str | None] = mapped_column(sa.String(7))  # chronic, acute, none
    # A U.S. high-school diploma or equivalency ends eligibility the day it is received.
    graduation_date: Mapped[date | None]
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, index=True
    )


class AcademicIndicator(_Recorded, Base):
    """An academic-status fact that can put a child at risk (Priority for Services).

    It holds from ``observed_date`` until ``resolved_date`` (exclusive), or on while open.
    """

    __tablename__ = "academic_indicators"
    __table_args__ = (
        sa.Index("ix_academic_indicators_child_id_kind", "child_id", "kind"),
        sa.CheckConstraint(
            "resolved_date IS NULL OR resolved_date >= observed_date", name="dates_in_order"
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    child_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("children.id", ondelete="CASCADE"))
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(30))
    observed_date: Mapped[date]
    resolved_date: Mapped[date | None]
    comment: Mapped[str | None] = mapped_column(sa.String(1000))


class CourseRecord(_Recorded, Base):
    """A course the child took, with the credits granted (MSIX "Course History")."""

    __tablename__ = "course_records"
    __table_args__ = (
        sa.Index("ix_course_records_child_id_school_year", "child_id", "school_year"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    child_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("children.id", ondelete="CASCADE"))
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    course_title: Mapped[str] = mapped_column(sa.String(50))
    subject_area: Mapped[str | None] = mapped_column(sa.String(40))
    school_name: Mapped[str | None] = mapped_column(sa.String(100))
    school_year: Mapped[str] = mapped_column(sa.String(9))  # "2025-2026"
    term: Mapped[str] = mapped_column(sa.String(12))  # full_year, semester1, ..., summer
    grade_level: Mapped[str | None] = mapped_column(sa.String(2))
    final_grade: Mapped[str | None] = mapped_column(sa.String(10))
    credits_attempted: Mapped[Decimal | None] = mapped_column(sa.Numeric(5, 2))
    credits_earned: Mapped[Decimal | None] = mapped_column(sa.Numeric(5, 2))
    passed: Mapped[bool | None]
    # MSIX's "Algebra 1 or Equivalent" indicator: this course is Algebra I or equivalent.
    algebra1: Mapped[bool] = mapped_column(default=False)


class Assessment(_Recorded, Base):
    """A state or local assessment result (MSIX "Assessments")."""

    __tablename__ = "assessments"
    __table_args__ = (
        sa.Index("ix_assessments_child_id_administered_on", "child_id", "administered_on"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    child_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("children.id", ondelete="CASCADE"))
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(55))
    content_area: Mapped[str | None] = mapped_column(sa.String(35))
    assessment_type: Mapped[str | None] = mapped_column(sa.String(2))
    administered_on: Mapped[date]
    score: Mapped[str | None] = mapped_column(sa.String(40))
    # exceeded, met, nearly_met, not_met: the last two are "not meeting the standard" (PFS).
    proficiency: Mapped[str | None] = mapped_column(sa.String(12))
    interpretation: Mapped[str | None] = mapped_column(sa.String(100))
