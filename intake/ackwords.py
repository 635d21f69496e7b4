"""The words with which a ticket system or a help desk says it has received a message.

Two readers need them: :mod:`intake.automated` (a ticket system's acknowledgement is an
auto-reply) and :mod:`intake.formrelay` (a mail that quotes a person's form fields back to them
with these words acknowledges the fields, and does not relay them).  They are written here once,
as parts of a regular expression that each reader joins into its own pattern.
"""

from __future__ import annotations

#: "受け付けました", "受付いたしました", "受付完了" and their spellings with or without okurigana.
RECEIVED_JA = r"受け?付け?(?:ました|いたしました|完了)"
#: "we have received", "we've received".
RECEIVED_EN = r"we(?:'ve| have) received"
