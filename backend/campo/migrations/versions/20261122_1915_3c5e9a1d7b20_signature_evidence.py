"""Keep each signature's strokes, statement id and version, and the hash of what was signed

Revision ID: 3c5e9a1d7b20
Revises: fcecfc0f4a5d
Create Date: 2026-11-22 19:15:00

Signatures made before this revision had no statement and no binding: they get
statement_id "" and binding_hash "", which never verifies, so such a COE is signed again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "3c5e9a1d7b20"
down_revision: str | None = "fcecfc0f4a5d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.drop_column("image")
        batch_op.drop_column("statement_version")
    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("statement_id", sa.String(length=40), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("statement_version", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("binding_hash", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "strokes",
                sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
                nullable=True,
            )
        )
    # The defaults only served the rows already there; new rows always say what they are.
    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.alter_column("statement_id", server_default=None)
        batch_op.alter_column("statement_version", server_default=None)
        batch_op.alter_column("binding_hash", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.drop_column("strokes")
        batch_op.drop_column("binding_hash")
        batch_op.drop_column("statement_version")
        batch_op.drop_column("statement_id")
    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("statement_version", sa.String(length=40), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("image", sa.Text(), nullable=True))
