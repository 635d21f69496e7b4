"""Application steps as one register: ``application_steps`` replaces three booleans.

Each step of an application (一次審査通過 … ダウンロード, :mod:`core.steps`) done is one row with
its date and the operator who recorded it.  The booleans ``inquiry_returned``, ``fee_paid`` and
``online_applied`` of ``applications`` become rows (dated on the application's creation day,
recorded by ``migration``) and are dropped, so the steps have one place only.  Applications
also gain ``residence_copy_return_requested`` (住民票返却希望) and ``renewal_of_id`` (a renewal is
a new application linked to the old one).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from dbkit.db import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_BOOLEANS = ("inquiry_returned", "fee_paid", "online_applied")


def upgrade() -> None:
    op.create_table(
        "application_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"],
                                name=op.f("fk_application_steps_application_id_applications")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_steps")),
        sa.UniqueConstraint("application_id", "step", name="uq_application_steps_application_step"),
    )
    with op.batch_alter_table("application_steps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_application_steps_application_id"), ["application_id"], unique=False)

    # Every true boolean becomes a step row dated on the application's creation day.
    conn = op.get_bind()
    apps = sa.table("applications", sa.column("id", sa.Integer()), sa.column("created_at", UTCDateTime()),
                    *(sa.column(name, sa.Boolean()) for name in _BOOLEANS))
    steps = sa.table("application_steps", sa.column("application_id", sa.Integer()), sa.column("step", sa.String()),
                     sa.column("done_on", sa.Date()), sa.column("recorded_by", sa.String()),
                     sa.column("recorded_at", UTCDateTime()))
    now = dt.datetime.now(dt.UTC)
    rows = []
    for row in conn.execute(sa.select(apps)).mappings():
        for name in _BOOLEANS:
            if row[name]:
                created = row["created_at"] or now
                rows.append({"application_id": row["id"], "step": name, "done_on": created.date(),
                             "recorded_by": "migration", "recorded_at": now})
    if rows:
        conn.execute(steps.insert(), rows)

    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("residence_copy_return_requested", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column("renewal_of_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_applications_renewal_of_id_applications"), "applications",
                                    ["renewal_of_id"], ["id"])
        for name in _BOOLEANS:
            batch_op.drop_column(name)
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.alter_column("residence_copy_return_requested", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        for name in _BOOLEANS:
            batch_op.add_column(sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false()))
    conn = op.get_bind()
    for name in _BOOLEANS:
        conn.execute(sa.text(f"UPDATE applications SET {name} = true WHERE id IN "
                             f"(SELECT application_id FROM application_steps WHERE step = :step)"), {"step": name})
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_constraint("fk_applications_renewal_of_id_applications", type_="foreignkey")
        batch_op.drop_column("renewal_of_id")
        batch_op.drop_column("residence_copy_return_requested")
        for name in _BOOLEANS:
            batch_op.alter_column(name, server_default=None)
    op.drop_table("application_steps")
