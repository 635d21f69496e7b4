"""The prefixes mail clients put before a subject when a person replies to or forwards a mail.

Two readers need them.  The intent rules (:mod:`intake.classify`) read a forward's request in
the message it forwards, and strip reply and forward prefixes before the models read a subject;
the detector of automated mail (:mod:`intake.automated`) takes a forwarded bounce for the
forwarding person's mail, not a mail system's report.  Both read the patterns here, so that a
prefix one of them knows is known to the other.

Mail clients write the prefixes in their own language: ``Fw:``/``Fwd:`` (English), ``転送:``
(Japanese), ``TR:`` (French), ``WG:`` (German); ``Re:``, ``AW:`` (German) and ``返信:`` for
replies.  Mailing lists and ticket systems put bracketed tags in front (``[ext]``,
``[MDG-0042]``), before or between the prefixes.
"""

from __future__ import annotations

import re

# The words of a forward prefix, and of a reply prefix, each before a colon (ASCII or full-width).
_FORWARD_WORDS = r"(?:fwd?|転送|tr|wg)"
_REPLY_WORDS = r"(?:re|aw|返信)"
_TAG = r"\[[^\]]*\]"

# A subject that forwards a mail: any bracketed tags, then a forward prefix ("[ext] Fwd: …").
FORWARD_SUBJECT = re.compile(r"^\s*(?:" + _TAG + r"\s*)*" + _FORWARD_WORDS + r"\s*[:：]", re.I)

# A subject that answers or forwards a mail: any bracketed tags, then a reply or forward prefix.
ANSWER_SUBJECT = re.compile(r"^\s*(?:" + _TAG + r"\s*)*(?:" + _REPLY_WORDS + "|" + _FORWARD_WORDS + r")\s*[:：]", re.I)

# The run of reply and forward prefixes and tags that opens a subject ("Re: [ext] Fw: …").
REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:" + _REPLY_WORDS + "|" + _FORWARD_WORDS + r")\s*[:：]\s*|" + _TAG + r"\s*)+", re.I
)
