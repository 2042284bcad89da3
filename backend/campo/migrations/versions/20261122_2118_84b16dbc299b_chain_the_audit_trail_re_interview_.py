"""Chain the audit trail; re-interview samples

Revision ID: 84b16dbc299b
Revises: 0edcbfcd6ddf
Create Date: 2026-11-22 21:18:41.145132

Events already in the database are chained in id order, the chain head is written, and
triggers refuse UPDATE and DELETE of audit events (and TRUNCATE on PostgreSQL).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import campo.db
from campo.audit.chain import GENESIS_HASH, event_hash

revision: str = "84b16dbc299b"
down_revision: str | None = "0edcbfcd6ddf"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_chain_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.create_table(
        "reinterview_samples",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("requested_rate", sa.Float(), nullable=True),
        sa.Column("requested_size", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("seed", sa.String(length=64), nullable=False),
        sa.Column("population_size", sa.Integer(), nullable=False),
        sa.Column("population_hash", sa.String(length=64), nullable=False),
        sa.Column("sample_size", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", campo.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_reinterview_samples_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_reinterview_samples_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reinterview_samples")),
    )
    with op.batch_alter_table("reinterview_samples", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reinterview_samples_region_id"), ["region_id"], unique=False
        )

    op.create_table(
        "reinterview_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("sample_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("unit_key", sa.String(length=80), nullable=False),
        sa.Column("coe_id", sa.Uuid(), nullable=False),
        sa.Column("coe_child_id", sa.Uuid(), nullable=False),
        sa.Column("child_id", sa.Uuid(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("reinterviewer_id", sa.Integer(), nullable=True),
        sa.Column("assigned_by_id", sa.Integer(), nullable=True),
        sa.Column("assigned_at", campo.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "confirmed_eligible",
                "not_eligible",
                "not_reached",
                name="reinterview_outcome",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("outcome_reason", sa.String(length=40), nullable=True),
        sa.Column("reinterview_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", campo.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assigned_by_id"], ["users.id"], name=op.f("fk_reinterview_items_assigned_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_reinterview_items_child_id_children")
        ),
        sa.ForeignKeyConstraint(
            ["coe_child_id"],
            ["coe_children.id"],
            name=op.f("fk_reinterview_items_coe_child_id_coe_children"),
        ),
        sa.ForeignKeyConstraint(
            ["coe_id"], ["coes.id"], name=op.f("fk_reinterview_items_coe_id_coes")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_reinterview_items_recorded_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_reinterview_items_region_id_regions")
        ),
        sa.ForeignKeyConstraint(
            ["reinterviewer_id"],
            ["users.id"],
            name=op.f("fk_reinterview_items_reinterviewer_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["sample_id"],
            ["reinterview_samples.id"],
            name=op.f("fk_reinterview_items_sample_id_reinterview_samples"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reinterview_items")),
        sa.UniqueConstraint(
            "sample_id", "coe_child_id", name=op.f("uq_reinterview_items_sample_id_coe_child_id")
        ),
        sa.UniqueConstraint(
            "sample_id", "position", name=op.f("uq_reinterview_items_sample_id_position")
        ),
    )
    with op.batch_alter_table("reinterview_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reinterview_items_child_id"), ["child_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reinterview_items_coe_id"), ["coe_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_reinterview_items_region_id"), ["region_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reinterview_items_reinterviewer_id"), ["reinterviewer_id"], unique=False
        )

    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("previous_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    last_seq, last_hash = _chain_existing_events()
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column("previous_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_audit_events_seq"), ["seq"])
    op.execute(
        sa.text(
            "INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, :seq, :hash)"
        ).bindparams(seq=last_seq, hash=last_hash)
    )
    for statement in _TRIGGERS[op.get_bind().dialect.name]:
        op.execute(statement)


_EVENTS = sa.table(
    "audit_events",
    sa.column("id", sa.Integer()),
    sa.column("seq", sa.BigInteger()),
    sa.column("occurred_at", campo.db.UTCDateTime()),
    sa.column("actor_id", sa.Integer()),
    sa.column("actor_role", sa.String()),
    sa.column("region_id", sa.Integer()),
    sa.column("action", sa.String()),
    sa.column("entity_type", sa.String()),
    sa.column("entity_id", sa.String()),
    sa.column("client_address", sa.String()),
    sa.column("changed_fields", campo.db.JSONDocument),
    sa.column("details", campo.db.JSONDocument),
    sa.column("previous_hash", sa.String()),
    sa.column("hash", sa.String()),
)


def _chain_existing_events(batch_size: int = 5000) -> tuple[int, str]:
    """Chain the events already written, oldest (lowest id) first, in batches."""
    bind = op.get_bind()
    seq, previous, last_id = 0, GENESIS_HASH, 0
    fields = [c for c in _EVENTS.c if c.name not in ("seq", "previous_hash", "hash")]
    while True:
        rows = bind.execute(
            sa.select(*fields)
            .where(_EVENTS.c.id > last_id)
            .order_by(_EVENTS.c.id)
            .limit(batch_size)
        ).all()
        if not rows:
            return seq, previous
        updates = []
        for row in rows:
            seq += 1
            values = {**row._mapping, "seq": seq}
            digest = event_hash(values, previous)
            updates.append({"_id": row.id, "_seq": seq, "_previous": previous, "_hash": digest})
            previous, last_id = digest, row.id
        bind.execute(
            _EVENTS.update()
            .where(_EVENTS.c.id == sa.bindparam("_id"))
            .values(
                seq=sa.bindparam("_seq"),
                previous_hash=sa.bindparam("_previous"),
                hash=sa.bindparam("_hash"),
            ),
            updates,
        )


_TRIGGERS = {
    "postgresql": [
        """
        CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
        END
        $$
        """,
        """
        CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
        """,
        """
        CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()
        """,
    ],
    "sqlite": [
        """
        CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused'); END
        """,
        """
        CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused'); END
        """,
    ],
}
_DROP_TRIGGERS = {
    "postgresql": [
        "DROP TRIGGER audit_events_no_truncate ON audit_events",
        "DROP TRIGGER audit_events_append_only ON audit_events",
        "DROP FUNCTION audit_events_append_only()",
    ],
    "sqlite": [
        "DROP TRIGGER audit_events_no_update",
        "DROP TRIGGER audit_events_no_delete",
    ],
}


def downgrade() -> None:
    for statement in _DROP_TRIGGERS[op.get_bind().dialect.name]:
        op.execute(statement)
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_events_seq"), type_="unique")
        batch_op.drop_column("hash")
        batch_op.drop_column("previous_hash")
        batch_op.drop_column("seq")

    with op.batch_alter_table("reinterview_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reinterview_items_reinterviewer_id"))
        batch_op.drop_index(batch_op.f("ix_reinterview_items_region_id"))
        batch_op.drop_index(batch_op.f("ix_reinterview_items_coe_id"))
        batch_op.drop_index(batch_op.f("ix_reinterview_items_child_id"))

    op.drop_table("reinterview_items")
    with op.batch_alter_table("reinterview_samples", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reinterview_samples_region_id"))

    op.drop_table("reinterview_samples")
    op.drop_table("audit_chain_head")
