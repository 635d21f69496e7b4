"""The shift queue: an owner per case, the one-row queue version, and indexes for 100,000 cases.

* ``cases.owner_id``: the operator who took the case ("assign to me"); NULL means unassigned.
* ``queue_version``: a single-row counter bumped with every case change (core.queueversion),
  so the dashboard's live-update poll reads one row instead of scanning the cases table.
* ``ix_cases_state_deadline`` (state, deadline_at, owner_id): the queue reads open cases by state,
  nearest deadline first, and counts them per owner and deadline from the index alone.
* ``ix_inbound_messages_case_id``: the case page lists a case's messages by it.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(batch.f("fk_cases_owner_id_operators"), "operators", ["owner_id"], ["id"])
        batch.create_index(batch.f("ix_cases_owner_id"), ["owner_id"], unique=False)
        batch.create_index("ix_cases_state_deadline", ["state", "deadline_at", "owner_id"], unique=False)
    with op.batch_alter_table("inbound_messages") as batch:
        batch.create_index(batch.f("ix_inbound_messages_case_id"), ["case_id"], unique=False)
    op.create_table(
        "queue_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_version")),
    )
    op.execute(sa.text("INSERT INTO queue_version (id, value) VALUES (1, 0)"))


def downgrade() -> None:
    op.drop_table("queue_version")
    with op.batch_alter_table("inbound_messages") as batch:
        batch.drop_index(batch.f("ix_inbound_messages_case_id"))
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_state_deadline")
        batch.drop_index(batch.f("ix_cases_owner_id"))
        batch.drop_constraint(batch.f("fk_cases_owner_id_operators"), type_="foreignkey")
        batch.drop_column("owner_id")
