"""Keep the server's rule evaluation with each COE; allow birth states and provinces by name

Revision ID: fcecfc0f4a5d
Revises: b35bde0dfbe4
Create Date: 2026-11-22 18:55:56.129140
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "fcecfc0f4a5d"
down_revision: str | None = "b35bde0dfbe4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.alter_column(
            "birth_state",
            existing_type=sa.VARCHAR(length=2),
            type_=sa.String(length=40),
            existing_nullable=True,
        )

    with op.batch_alter_table("coes", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "evaluation",
                sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("coes", schema=None) as batch_op:
        batch_op.drop_column("evaluation")

    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.alter_column(
            "birth_state",
            existing_type=sa.String(length=40),
            type_=sa.VARCHAR(length=2),
            existing_nullable=True,
        )
