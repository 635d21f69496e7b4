"""Seed the single-row tables (case tag counter, audit chain head).

Creating these rows up front means concurrent writers only ever lock an existing row, instead
of racing to insert the first one.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text("INSERT INTO case_counter (id, value) VALUES (1, 0)"))
    op.execute(sa.text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, :h)").bindparams(h="0" * 64))


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM case_counter WHERE id = 1"))
    op.execute(sa.text("DELETE FROM audit_head WHERE id = 1"))
