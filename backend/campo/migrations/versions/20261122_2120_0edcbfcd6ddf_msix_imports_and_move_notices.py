"""MSIX imports and move notices

Revision ID: 0edcbfcd6ddf
Revises: f69b007a5656
Create Date: 2026-11-22 21:20:37.939915
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import campo.db

revision: str = "0edcbfcd6ddf"
down_revision: str | None = "f69b007a5656"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "msix_imports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_hash", sa.String(length=64), nullable=False),
        sa.Column("submitting_state", sa.String(length=2), nullable=False),
        sa.Column("submitted_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("begin_effective", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("end_effective", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("students", sa.Integer(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("imported_by_id", sa.Integer(), nullable=False),
        sa.Column("imported_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by_id"], ["users.id"], name=op.f("fk_msix_imports_imported_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_msix_imports")),
        sa.UniqueConstraint("file_hash", name=op.f("uq_msix_imports_file_hash")),
    )
    op.create_table(
        "move_notices",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("child_id", sa.Uuid(), nullable=True),
        sa.Column("from_state", sa.String(length=2), nullable=False),
        sa.Column("from_region_id", sa.Integer(), nullable=True),
        sa.Column("to_state", sa.String(length=2), nullable=False),
        sa.Column("to_region_id", sa.Integer(), nullable=True),
        sa.Column("first_name", sa.String(length=50), nullable=False),
        sa.Column("last_name1", sa.String(length=50), nullable=False),
        sa.Column("last_name2", sa.String(length=50), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("msix_id", sa.String(length=12), nullable=True),
        sa.Column("expected_move_date", sa.Date(), nullable=True),
        sa.Column("destination_city", sa.String(length=80), nullable=True),
        sa.Column("comment", sa.String(length=1000), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "acknowledged",
                name="notice_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("sent_by_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_by_id", sa.Integer(), nullable=True),
        sa.Column("acknowledged_at", campo.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"],
            ["users.id"],
            name=op.f("fk_move_notices_acknowledged_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_move_notices_child_id_children"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["from_region_id"], ["regions.id"], name=op.f("fk_move_notices_from_region_id_regions")
        ),
        sa.ForeignKeyConstraint(
            ["sent_by_id"], ["users.id"], name=op.f("fk_move_notices_sent_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["to_region_id"], ["regions.id"], name=op.f("fk_move_notices_to_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_move_notices")),
    )
    with op.batch_alter_table("move_notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_move_notices_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_move_notices_from_region_id"), ["from_region_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_move_notices_sent_at"), ["sent_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_move_notices_to_region_id"), ["to_region_id"], unique=False
        )

    op.create_table(
        "msix_records",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("msix_id", sa.String(length=12), nullable=True),
        sa.Column("reporting_state", sa.String(length=2), nullable=False),
        sa.Column("state_student_id", sa.String(length=15), nullable=False),
        sa.Column("first_name", sa.String(length=50), nullable=False),
        sa.Column("last_name1", sa.String(length=50), nullable=False),
        sa.Column("last_name2", sa.String(length=50), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("enrollment_date", sa.Date(), nullable=True),
        sa.Column("child_id", sa.Uuid(), nullable=True),
        sa.Column("match_score", sa.Integer(), nullable=True),
        sa.Column(
            "data",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_msix_records_child_id_children"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["msix_imports.id"],
            name=op.f("fk_msix_records_import_id_msix_imports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_msix_records")),
        sa.UniqueConstraint("import_id", "line", name=op.f("uq_msix_records_import_id_line")),
    )
    with op.batch_alter_table("msix_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_msix_records_birth_date"), ["birth_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_msix_records_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_msix_records_msix_id"), ["msix_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("msix_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_msix_records_msix_id"))
        batch_op.drop_index(batch_op.f("ix_msix_records_child_id"))
        batch_op.drop_index(batch_op.f("ix_msix_records_birth_date"))

    op.drop_table("msix_records")
    with op.batch_alter_table("move_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_move_notices_to_region_id"))
        batch_op.drop_index(batch_op.f("ix_move_notices_sent_at"))
        batch_op.drop_index(batch_op.f("ix_move_notices_from_region_id"))
        batch_op.drop_index(batch_op.f("ix_move_notices_child_id"))

    op.drop_table("move_notices")
    op.drop_table("msix_imports")
