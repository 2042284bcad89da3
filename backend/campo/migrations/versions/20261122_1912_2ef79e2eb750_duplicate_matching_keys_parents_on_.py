"""Index children by blocking keys for the duplicate check; parents on children; match decisions

Revision ID: 2ef79e2eb750
Revises: 3c5e9a1d7b20
Create Date: 2026-11-22 19:12:45.991702
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import campo.db

revision: str = "2ef79e2eb750"
down_revision: str | None = "3c5e9a1d7b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "child_match_keys",
        sa.Column("child_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_child_match_keys_child_id_children"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("child_id", "key", name=op.f("pk_child_match_keys")),
    )
    with op.batch_alter_table("child_match_keys", schema=None) as batch_op:
        batch_op.create_index("ix_child_match_keys_key", ["key", "child_id"], unique=False)

    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.alter_column("sex", existing_type=sa.String(length=6), nullable=True)
        batch_op.add_column(sa.Column("parent1_first_name", sa.String(length=50), nullable=True))
        batch_op.add_column(sa.Column("parent1_last_name", sa.String(length=50), nullable=True))
        batch_op.add_column(sa.Column("parent2_first_name", sa.String(length=50), nullable=True))
        batch_op.add_column(sa.Column("parent2_last_name", sa.String(length=50), nullable=True))

    with op.batch_alter_table("coe_children", schema=None) as batch_op:
        batch_op.add_column(sa.Column("match_decision", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("match_decided_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("match_decided_at", campo.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_coe_children_match_decided_by_id_users"),
            "users",
            ["match_decided_by_id"],
            ["id"],
        )

    with op.batch_alter_table("coes", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "duplicate_check",
                sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("coes", schema=None) as batch_op:
        batch_op.drop_column("duplicate_check")

    with op.batch_alter_table("coe_children", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_coe_children_match_decided_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("match_decided_at")
        batch_op.drop_column("match_decided_by_id")
        batch_op.drop_column("match_decision")

    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.alter_column("sex", existing_type=sa.String(length=6), nullable=False)
        batch_op.drop_column("parent2_last_name")
        batch_op.drop_column("parent2_first_name")
        batch_op.drop_column("parent1_last_name")
        batch_op.drop_column("parent1_first_name")

    with op.batch_alter_table("child_match_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_child_match_keys_key")

    op.drop_table("child_match_keys")
