"""Fold a child's own parents' names for the locator

Revision ID: 5b2c8e1f4a90
Revises: 011dbd5590a2
Create Date: 2026-11-23 01:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from campo.lib.text import name_key

revision: str = "5b2c8e1f4a90"
down_revision: str | None = "011dbd5590a2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5_000


def upgrade() -> None:
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("parent_name_key", sa.String(length=220), server_default="", nullable=False)
        )
    # The children already there (imported ones among them) get their key now.
    children = sa.table(
        "children",
        sa.column("id"),
        sa.column("parent1_first_name"),
        sa.column("parent1_last_name"),
        sa.column("parent2_first_name"),
        sa.column("parent2_last_name"),
        sa.column("parent_name_key"),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(
            children.c.id,
            children.c.parent1_first_name,
            children.c.parent1_last_name,
            children.c.parent2_first_name,
            children.c.parent2_last_name,
        ).where(
            sa.or_(
                children.c.parent1_first_name.is_not(None),
                children.c.parent1_last_name.is_not(None),
                children.c.parent2_first_name.is_not(None),
                children.c.parent2_last_name.is_not(None),
            )
        )
    ).all()
    update = (
        children.update()
        .where(children.c.id == sa.bindparam("child_id"))
        .values(parent_name_key=sa.bindparam("key"))
    )
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        connection.execute(update, [{"child_id": r[0], "key": name_key(*r[1:])} for r in batch])


def downgrade() -> None:
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.drop_column("parent_name_key")
