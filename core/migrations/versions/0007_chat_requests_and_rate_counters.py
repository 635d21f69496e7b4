"""Chat requests waiting for their one-time link, and the shared limiter's counters.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dbkit.db import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chat_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("external_user", sa.String(length=128), nullable=False),
        sa.Column("intent", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("applicant_id", sa.Integer(), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("expires_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("used_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["applicant_id"], ["applicants.id"], name=op.f("fk_chat_requests_applicant_id_applicants")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_chat_requests_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_requests")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_chat_requests_token_hash")),
    )
    op.create_index(op.f("ix_chat_requests_external_user"), "chat_requests", ["external_user"], unique=False)
    op.create_table(
        "rate_counters",
        sa.Column("scope", sa.String(length=32), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("window", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key_hash", "window", name=op.f("pk_rate_counters")),
    )


def downgrade() -> None:
    op.drop_table("rate_counters")
    op.drop_index("ix_chat_requests_external_user", table_name="chat_requests")
    op.drop_table("chat_requests")
