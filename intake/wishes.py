"""What the writer says they do not want: the words that turn a request word into its opposite.

A request word does not always ask for something.  "今の証明書は失効しないでください" and
"do not revoke the one I use" name 失効 and revoke but ask that nothing happen to that
certificate; "失効ではなく申込の取り消しです" names 失効 only to say it is not meant.  Two readers
need these words: the intent rules (:mod:`intake.classify`) remove them before matching, so that
only what the writer wants is read, and the serial scope (:mod:`intake.serialscope`) leaves out a
serial whose own clause says it is not to be revoked or that it is not the one meant.  Both read
the patterns here, so the two cannot drift apart.

The patterns match text that is NFKC-normalised; the intent rules also fold the key words to one
spelling first (:mod:`intake.spelling`), so there "しっこうしないで" reads as "失効しないで".
"""

from __future__ import annotations

import re

# The actions a writer may ask us not to take, in Japanese (stems before しないで, 不要 …).
_ACTION_JA = r"(?:失効|取り?消し?|キャンセル|無効に?|停止|解約)"
# The same actions in English, in any form (revoke, revoking, cancelled, disable …).
_ACTION_EN = r"(?:revok\w*|cancel\w*|invalidat\w*|deactivat\w*|disabl\w*|stop(?:p\w*|s)?)\b"

# What the writer asks us not to do ("失効しないでください", "キャンセルは不要です",
# "取り消さないで", "止めないで", "do not revoke", "no need to cancel", "without revoking").
NOT_WANTED = re.compile(
    _ACTION_JA + r"(?:(?:は|を|も)?(?:しないで|させないで|しないよう|されないよう|不要|必要ありません"
    r"|しなくて(?:いい|よい|結構))|の必要は(?:不要|ありません|ない))(?:ください|下さい|ほしい|欲しい)?"
    r"|(?:取り消さ|取消さ|止め|とめ)ないで(?:ください|下さい|ほしい|欲しい)?"
    r"|\b(?:do\s+not|don'?t|please\s+do\s+not|please\s+don'?t|no\s+need\s+to|without)\s+" + _ACTION_EN,
    re.I,
)

# The words that say the thing just named is not meant ("失効ではなく", "A じゃなくて B").  A bare
# でなく is one only when no verb of losing follows: "電車でなくした" is で + なくした (lost on a train).
NEGATION = r"(?:ではなく|じゃなくて|じゃなく|でなく(?![しすさせそなっ])|ではありません|ではないです)"

# A word of up to twelve characters followed by its negation: the topic the writer sets aside
# ("失効ではなく申込の取り消しです" sets aside 失効).
NEGATED_TOPIC = re.compile(r"[^\s、。,.]{1,12}?" + NEGATION)

# The negation right after a value, across closing brackets ("4A7C…）ではなく 9F01…を").
NOT_THIS_ONE = re.compile(r"[\s)）」』]*" + NEGATION)


def not_wanted(text: str) -> list[str]:
    """The phrases in *text* that ask us not to do something, each once, in order."""
    return list(dict.fromkeys(m.group(0) for m in NOT_WANTED.finditer(text)))


def wanted_only(text: str) -> str:
    """*text* without the topics set aside and the actions asked not to be taken."""
    return NOT_WANTED.sub("", NEGATED_TOPIC.sub("", text))
