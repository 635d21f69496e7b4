"""The urgency mark of a case becomes a column instead of a prefix of its subject.

Until now ``open_case`` wrote 「【FAX受信・内容未確認】 」 or 「【緊急の可能性】 」 in front of the subject of a
case worked as urgently as an emergency without being one, and the dashboard read the mark back
from the text, so a customer's own subject starting with it looked flagged.  ``cases.urgency``
now holds it (``fax_unread``, ``possible_emergency`` or NULL, see core.urgency), and the subject
is what the customer wrote.

The backfill takes the prefix off a subject only when the case was really opened marked: such a
case was given an emergency's four-hour deadline, while an ordinary case got twenty-four hours
(``deadline_at`` never changes after opening).  A subject that merely starts with the prefix on
a case with the ordinary deadline is the customer's and is left alone.

The downgrade writes the prefix back in front of the subject of every marked case.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from dbkit.db import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

#: The subject prefixes as open_case wrote them (mark, then one space), by the column's value.
_PREFIXES = {"fax_unread": "【FAX受信・内容未確認】 ", "possible_emergency": "【緊急の可能性】 "}
#: The deadline a marked case was given at opening (an emergency's); ordinary cases got 24 hours.
_URGENT_TARGET = dt.timedelta(hours=4)
#: The length open_case cut subjects to.
_SUBJECT_MAX = 500

_cases = sa.table(
    "cases",
    sa.column("id", sa.Integer()),
    sa.column("subject", sa.String()),
    sa.column("created_at", UTCDateTime()),
    sa.column("deadline_at", UTCDateTime()),
    sa.column("urgency", sa.String()),
)


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("urgency", sa.String(length=24), nullable=True))
    conn = op.get_bind()
    for urgency, prefix in _PREFIXES.items():
        rows = conn.execute(sa.select(_cases.c.id, _cases.c.subject, _cases.c.created_at, _cases.c.deadline_at)
                            .where(_cases.c.subject.startswith(prefix, autoescape=True))).all()
        for case_id, subject, created_at, deadline_at in rows:
            if deadline_at - created_at > _URGENT_TARGET:
                continue  # An ordinary deadline: the customer's own subject starts with the mark.
            conn.execute(_cases.update().where(_cases.c.id == case_id)
                         .values(urgency=urgency, subject=subject[len(prefix):]))


def downgrade() -> None:
    for urgency, prefix in _PREFIXES.items():
        op.execute(_cases.update().where(_cases.c.urgency == urgency)
                   .values(subject=sa.func.substr(sa.literal(prefix) + _cases.c.subject, 1, _SUBJECT_MAX)))
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("urgency")
