"""History: enrollments, MEP services, indicators, courses, assessments

Revision ID: f69b007a5656
Revises: 2ef79e2eb750
Create Date: 2026-11-22 21:16:48.428839
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import campo.db

revision: str = "f69b007a5656"
down_revision: str | None = "2ef79e2eb750"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "academic_indicators",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("child_id", sa.Uuid(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("observed_date", sa.Date(), nullable=False),
        sa.Column("resolved_date", sa.Date(), nullable=True),
        sa.Column("comment", sa.String(length=1000), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "resolved_date IS NULL OR resolved_date >= observed_date",
            name=op.f("ck_academic_indicators_dates_in_order"),
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_academic_indicators_child_id_children"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_academic_indicators_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_academic_indicators_region_id_regions")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_academic_indicators_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_academic_indicators")),
    )
    with op.batch_alter_table("academic_indicators", schema=None) as batch_op:
        batch_op.create_index(
            "ix_academic_indicators_child_id_kind", ["child_id", "kind"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_academic_indicators_region_id"), ["region_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_academic_indicators_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "assessments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("child_id", sa.Uuid(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=55), nullable=False),
        sa.Column("content_area", sa.String(length=35), nullable=True),
        sa.Column("assessment_type", sa.String(length=2), nullable=True),
        sa.Column("administered_on", sa.Date(), nullable=False),
        sa.Column("score", sa.String(length=40), nullable=True),
        sa.Column("proficiency", sa.String(length=12), nullable=True),
        sa.Column("interpretation", sa.String(length=100), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_assessments_child_id_children"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_assessments_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_assessments_region_id_regions")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_assessments_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
    )
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_assessments_child_id_administered_on", ["child_id", "administered_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_assessments_region_id"), ["region_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assessments_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "child_indicators",
        sa.Column("child_id", sa.Uuid(), nullable=False),
        sa.Column("state_student_id", sa.String(length=15), nullable=True),
        sa.Column("english_learner", sa.Boolean(), nullable=True),
        sa.Column("iep", sa.Boolean(), nullable=True),
        sa.Column("medical_alert", sa.String(length=7), nullable=True),
        sa.Column("graduation_date", sa.Date(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_child_indicators_child_id_children"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_child_indicators_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("child_id", name=op.f("pk_child_indicators")),
        sa.UniqueConstraint("state_student_id", name=op.f("uq_child_indicators_state_student_id")),
    )
    with op.batch_alter_table("child_indicators", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_child_indicators_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "course_records",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("child_id", sa.Uuid(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("course_title", sa.String(length=50), nullable=False),
        sa.Column("subject_area", sa.String(length=40), nullable=True),
        sa.Column("school_name", sa.String(length=100), nullable=True),
        sa.Column("school_year", sa.String(length=9), nullable=False),
        sa.Column("term", sa.String(length=12), nullable=False),
        sa.Column("grade_level", sa.String(length=2), nullable=True),
        sa.Column("final_grade", sa.String(length=10), nullable=True),
        sa.Column("credits_attempted", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("credits_earned", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("algebra1", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_course_records_child_id_children"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_course_records_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_course_records_region_id_regions")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_course_records_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_records")),
    )
    with op.batch_alter_table("course_records", schema=None) as batch_op:
        batch_op.create_index(
            "ix_course_records_child_id_school_year", ["child_id", "school_year"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_course_records_region_id"), ["region_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_course_records_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "mep_services",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("child_id", sa.Uuid(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("service_type", sa.String(length=30), nullable=False),
        sa.Column("term", sa.String(length=12), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("provider", sa.String(length=100), nullable=True),
        sa.Column("continuation_reason", sa.String(length=2), nullable=True),
        sa.Column("comment", sa.String(length=1000), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_mep_services_dates_in_order")),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_mep_services_child_id_children"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_mep_services_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_mep_services_region_id_regions")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_mep_services_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mep_services")),
    )
    with op.batch_alter_table("mep_services", schema=None) as batch_op:
        batch_op.create_index(
            "ix_mep_services_child_id_start_date", ["child_id", "start_date"], unique=False
        )
        batch_op.create_index(
            "ix_mep_services_count",
            ["term", "start_date", "end_date", "child_id", "region_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_mep_services_region_id"), ["region_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_mep_services_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "school_enrollments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("child_id", sa.Uuid(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("enrollment_type", sa.String(length=2), nullable=False),
        sa.Column("school_name", sa.String(length=100), nullable=False),
        sa.Column("school_id", sa.String(length=12), nullable=True),
        sa.Column("district_name", sa.String(length=60), nullable=True),
        sa.Column("district_id", sa.String(length=7), nullable=True),
        sa.Column("grade", sa.String(length=2), nullable=True),
        sa.Column("enrollment_date", sa.Date(), nullable=False),
        sa.Column("withdrawal_date", sa.Date(), nullable=True),
        sa.Column("evidence_end_date", sa.Date(), nullable=False),
        sa.Column("comment", sa.String(length=1000), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "evidence_end_date >= enrollment_date",
            name=op.f("ck_school_enrollments_evidence_in_order"),
        ),
        sa.CheckConstraint(
            "withdrawal_date IS NULL OR withdrawal_date >= enrollment_date",
            name=op.f("ck_school_enrollments_dates_in_order"),
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_school_enrollments_child_id_children"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_school_enrollments_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_school_enrollments_region_id_regions")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_school_enrollments_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_enrollments")),
    )
    with op.batch_alter_table("school_enrollments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_school_enrollments_child_id_enrollment_date",
            ["child_id", "enrollment_date"],
            unique=False,
        )
        batch_op.create_index(
            "ix_school_enrollments_count",
            ["enrollment_date", "evidence_end_date", "child_id", "region_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_school_enrollments_region_id"), ["region_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_school_enrollments_updated_at"), ["updated_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("school_enrollments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_school_enrollments_updated_at"))
        batch_op.drop_index(batch_op.f("ix_school_enrollments_region_id"))
        batch_op.drop_index("ix_school_enrollments_count")
        batch_op.drop_index("ix_school_enrollments_child_id_enrollment_date")

    op.drop_table("school_enrollments")
    with op.batch_alter_table("mep_services", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mep_services_updated_at"))
        batch_op.drop_index(batch_op.f("ix_mep_services_region_id"))
        batch_op.drop_index("ix_mep_services_count")
        batch_op.drop_index("ix_mep_services_child_id_start_date")

    op.drop_table("mep_services")
    with op.batch_alter_table("course_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_records_updated_at"))
        batch_op.drop_index(batch_op.f("ix_course_records_region_id"))
        batch_op.drop_index("ix_course_records_child_id_school_year")

    op.drop_table("course_records")
    with op.batch_alter_table("child_indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_indicators_updated_at"))

    op.drop_table("child_indicators")
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessments_updated_at"))
        batch_op.drop_index(batch_op.f("ix_assessments_region_id"))
        batch_op.drop_index("ix_assessments_child_id_administered_on")

    op.drop_table("assessments")
    with op.batch_alter_table("academic_indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_academic_indicators_updated_at"))
        batch_op.drop_index(batch_op.f("ix_academic_indicators_region_id"))
        batch_op.drop_index("ix_academic_indicators_child_id_kind")

    op.drop_table("academic_indicators")
