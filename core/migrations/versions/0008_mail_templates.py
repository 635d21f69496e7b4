"""Admins' edits of the mail templates, and one acknowledgement per case (outbound_mail.dedupe_key).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dbkit.db import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_template_edits",
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=512), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind"),
    )
    with op.batch_alter_table("outbound_mail") as batch:
        batch.add_column(sa.Column("dedupe_key", sa.String(length=128), nullable=True))
        batch.create_unique_constraint("uq_outbound_mail_dedupe_key", ["dedupe_key"])


def downgrade() -> None:
    with op.batch_alter_table("outbound_mail") as batch:
        batch.drop_constraint("uq_outbound_mail_dedupe_key", type_="unique")
        batch.drop_column("dedupe_key")
    op.drop_table("mail_template_edits")
