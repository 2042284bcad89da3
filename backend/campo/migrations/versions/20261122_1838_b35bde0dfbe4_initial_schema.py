"""Create regions, users, families, children, COEs, signatures and the audit trail

Revision ID: b35bde0dfbe4
Revises: (none, the first migration)
Create Date: 2026-11-22 18:38:14.740216
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import campo.db

revision: str = "b35bde0dfbe4"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "regions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regions")),
        sa.UniqueConstraint("code", name=op.f("uq_regions_code")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=160), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "recruiter",
                "supervisor",
                "regional_staff",
                "state_admin",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role = 'state_admin' OR region_id IS NOT NULL",
            name=op.f("ck_users_region_unless_state_admin"),
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_users_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_region_id"), ["region_id"], unique=False)

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_role", sa.String(length=20), nullable=True),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity_type", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.String(length=40), nullable=True),
        sa.Column("client_address", sa.String(length=64), nullable=True),
        sa.Column(
            "changed_fields",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "details", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_audit_events_actor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_audit_events_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_events_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index("ix_audit_events_entity", ["entity_type", "entity_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_events_occurred_at"), ["occurred_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_audit_events_region_id"), ["region_id"], unique=False)

    op.create_table(
        "families",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("parent1_last_name", sa.String(length=50), nullable=True),
        sa.Column("parent1_first_name", sa.String(length=50), nullable=True),
        sa.Column("parent2_last_name", sa.String(length=50), nullable=True),
        sa.Column("parent2_first_name", sa.String(length=50), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("city", sa.String(length=80), nullable=True),
        sa.Column("state", sa.String(length=2), nullable=True),
        sa.Column("zip_code", sa.String(length=10), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("name_key", sa.String(length=220), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_families_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_families_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_families")),
    )
    with op.batch_alter_table("families", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_families_parent1_last_name"), ["parent1_last_name"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_families_parent2_last_name"), ["parent2_last_name"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_families_region_id"), ["region_id"], unique=False)

    op.create_table(
        "student_number_issues",
        sa.Column("serial", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("number", sa.String(length=15), nullable=True),
        sa.Column("issued_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["issued_by_id"], ["users.id"], name=op.f("fk_student_number_issues_issued_by_id_users")
        ),
        sa.PrimaryKeyConstraint("serial", name=op.f("pk_student_number_issues")),
        sa.UniqueConstraint("number", name=op.f("uq_student_number_issues_number")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "children",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("statewide_number", sa.String(length=15), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Uuid(), nullable=True),
        sa.Column("last_name1", sa.String(length=50), nullable=False),
        sa.Column("last_name2", sa.String(length=50), nullable=True),
        sa.Column("first_name", sa.String(length=50), nullable=False),
        sa.Column("middle_name", sa.String(length=50), nullable=True),
        sa.Column("suffix", sa.String(length=10), nullable=True),
        sa.Column("sex", sa.String(length=6), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("multiple_birth", sa.Boolean(), nullable=False),
        sa.Column("birth_date_verification", sa.String(length=4), nullable=False),
        sa.Column("birth_city", sa.String(length=80), nullable=True),
        sa.Column("birth_state", sa.String(length=2), nullable=True),
        sa.Column("birth_country", sa.String(length=3), nullable=True),
        sa.Column("created_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["family_id"], ["families.id"], name=op.f("fk_children_family_id_families")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_children_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_children")),
        sa.UniqueConstraint("statewide_number", name=op.f("uq_children_statewide_number")),
    )
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_children_birth_country"), ["birth_country"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_children_birth_date"), ["birth_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_children_family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_children_first_name"), ["first_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_children_last_name1"), ["last_name1"], unique=False)
        batch_op.create_index(batch_op.f("ix_children_last_name2"), ["last_name2"], unique=False)
        batch_op.create_index(batch_op.f("ix_children_region_id"), ["region_id"], unique=False)

    op.create_table(
        "coes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Uuid(), nullable=False),
        sa.Column("recruiter_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "submitted",
                "returned",
                "approved",
                "rejected",
                name="coe_status",
                native_enum=False,
                create_constraint=True,
                length=12,
            ),
            nullable=False,
        ),
        sa.Column("form_id", sa.String(length=40), nullable=False),
        sa.Column("form_version", sa.String(length=20), nullable=False),
        sa.Column(
            "answers", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("qualifying_arrival_date", sa.Date(), nullable=True),
        sa.Column("interview_date", sa.Date(), nullable=True),
        sa.Column("interview_place", sa.String(length=120), nullable=True),
        sa.Column("move_from_state", sa.String(length=2), nullable=True),
        sa.Column("move_from_country", sa.String(length=3), nullable=True),
        sa.Column("move_to_city", sa.String(length=80), nullable=True),
        sa.Column("created_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", campo.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_at", campo.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "decision_reasons",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=True,
        ),
        sa.Column("decision_comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_coes_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["family_id"], ["families.id"], name=op.f("fk_coes_family_id_families")
        ),
        sa.ForeignKeyConstraint(
            ["recruiter_id"], ["users.id"], name=op.f("fk_coes_recruiter_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_coes_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coes")),
    )
    with op.batch_alter_table("coes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coes_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_coes_decided_at"), ["decided_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_coes_family_id"), ["family_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_coes_interview_date"), ["interview_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_coes_qualifying_arrival_date"), ["qualifying_arrival_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_coes_recruiter_id"), ["recruiter_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_coes_region_id"), ["region_id"], unique=False)
        batch_op.create_index("ix_coes_region_id_status", ["region_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_coes_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_coes_submitted_at"), ["submitted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_coes_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "coe_children",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("coe_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Uuid(), nullable=True),
        sa.Column("last_name1", sa.String(length=50), nullable=True),
        sa.Column("last_name2", sa.String(length=50), nullable=True),
        sa.Column("first_name", sa.String(length=50), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(length=6), nullable=True),
        sa.Column("name_key", sa.String(length=220), nullable=False),
        sa.Column("birth_country", sa.String(length=3), nullable=True),
        sa.Column("residency_date", sa.Date(), nullable=True),
        sa.Column("eligibility_end_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_coe_children_child_id_children")
        ),
        sa.ForeignKeyConstraint(
            ["coe_id"], ["coes.id"], name=op.f("fk_coe_children_coe_id_coes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coe_children")),
        sa.UniqueConstraint("coe_id", "position", name=op.f("uq_coe_children_coe_id_position")),
    )
    with op.batch_alter_table("coe_children", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coe_children_birth_date"), ["birth_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_coe_children_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_coe_children_eligibility_end_date"),
            ["eligibility_end_date"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_coe_children_first_name"), ["first_name"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_coe_children_last_name1"), ["last_name1"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_coe_children_last_name2"), ["last_name2"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_coe_children_residency_date"), ["residency_date"], unique=False
        )

    op.create_table(
        "signatures",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("coe_id", sa.Uuid(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "interviewee",
                "recruiter",
                "reviewer",
                name="signer_role",
                native_enum=False,
                create_constraint=True,
                length=12,
            ),
            nullable=False,
        ),
        sa.Column("signer_name", sa.String(length=160), nullable=False),
        sa.Column("signer_user_id", sa.Integer(), nullable=True),
        sa.Column("statement_version", sa.String(length=40), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("image", sa.Text(), nullable=True),
        sa.Column("signed_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["coe_id"], ["coes.id"], name=op.f("fk_signatures_coe_id_coes"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["signer_user_id"], ["users.id"], name=op.f("fk_signatures_signer_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signatures")),
    )
    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signatures_coe_id"), ["coe_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signatures_coe_id"))

    op.drop_table("signatures")
    with op.batch_alter_table("coe_children", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coe_children_residency_date"))
        batch_op.drop_index(batch_op.f("ix_coe_children_last_name2"))
        batch_op.drop_index(batch_op.f("ix_coe_children_last_name1"))
        batch_op.drop_index(batch_op.f("ix_coe_children_first_name"))
        batch_op.drop_index(batch_op.f("ix_coe_children_eligibility_end_date"))
        batch_op.drop_index(batch_op.f("ix_coe_children_child_id"))
        batch_op.drop_index(batch_op.f("ix_coe_children_birth_date"))

    op.drop_table("coe_children")
    with op.batch_alter_table("coes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coes_updated_at"))
        batch_op.drop_index(batch_op.f("ix_coes_submitted_at"))
        batch_op.drop_index(batch_op.f("ix_coes_status"))
        batch_op.drop_index("ix_coes_region_id_status")
        batch_op.drop_index(batch_op.f("ix_coes_region_id"))
        batch_op.drop_index(batch_op.f("ix_coes_recruiter_id"))
        batch_op.drop_index(batch_op.f("ix_coes_qualifying_arrival_date"))
        batch_op.drop_index(batch_op.f("ix_coes_interview_date"))
        batch_op.drop_index(batch_op.f("ix_coes_family_id"))
        batch_op.drop_index(batch_op.f("ix_coes_decided_at"))
        batch_op.drop_index(batch_op.f("ix_coes_created_at"))

    op.drop_table("coes")
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_children_region_id"))
        batch_op.drop_index(batch_op.f("ix_children_last_name2"))
        batch_op.drop_index(batch_op.f("ix_children_last_name1"))
        batch_op.drop_index(batch_op.f("ix_children_first_name"))
        batch_op.drop_index(batch_op.f("ix_children_family_id"))
        batch_op.drop_index(batch_op.f("ix_children_birth_date"))
        batch_op.drop_index(batch_op.f("ix_children_birth_country"))

    op.drop_table("children")
    op.drop_table("student_number_issues")
    with op.batch_alter_table("families", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_families_region_id"))
        batch_op.drop_index(batch_op.f("ix_families_parent2_last_name"))
        batch_op.drop_index(batch_op.f("ix_families_parent1_last_name"))

    op.drop_table("families")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_region_id"))
        batch_op.drop_index(batch_op.f("ix_audit_events_occurred_at"))
        batch_op.drop_index("ix_audit_events_entity")
        batch_op.drop_index(batch_op.f("ix_audit_events_actor_id"))
        batch_op.drop_index(batch_op.f("ix_audit_events_action"))

    op.drop_table("audit_events")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_region_id"))

    op.drop_table("users")
    op.drop_table("regions")
