"""Sender authenticity on cases (DKIM/SPF/DMARC, S/MIME, odd From headers); scopes of API tokens.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("sender_auth", sa.JSON(), nullable=True))
    with op.batch_alter_table("operators") as batch:
        batch.add_column(sa.Column("api_token_scopes", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("operators") as batch:
        batch.drop_column("api_token_scopes")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("sender_auth")
