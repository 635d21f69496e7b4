"""Greetings, thanks and small talk that ask nothing about the CA: the FAQ engine refuses them.

"Hi, is anyone there?" once got general-02 ("Can anyone obtain an iPROVE certificate?") at 0.77
because of "anyone", and "ありがとうございました" could meet an entry through a stray bigram.  Such a
message carries no question the FAQ could answer, so it is refused before any score is read, and
the desk's greeting (or a person) takes it.  A message is small talk only when *nothing* is left
once its greetings, thanks, presence checks and farewells are taken out: "こんにちは、料金を教えて
ください" keeps "料金を教えてください" and is answered as usual.

Each kind of phrase is a small named rule with an id; the first rule that matched is the reason.
The patterns read the normalised text (:func:`faq.normalize.normalize`: NFKC, lower case,
punctuation as spaces).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from faq.normalize import normalize


@dataclass(frozen=True, slots=True)
class SmallTalkRule:
    """One kind of content-free phrase: its id, why it is refused, and its Japanese and English patterns."""

    id: str
    reason: str
    pattern: re.Pattern[str]


def _rule(rule_id: str, reason: str, *parts: str) -> SmallTalkRule:
    """A rule whose pattern is any of *parts* (English parts match whole words only)."""
    return SmallTalkRule(rule_id, reason, re.compile("|".join(f"(?:{p})" for p in parts)))


# The respeller (faq.respell) writes "こんにちは" back as "今日は" before the rules read it, so the kanji
# spellings are greetings too; "今日は何日ですか" keeps "何日ですか" and is no small talk.
# English words are bounded by non-letters so "hi" does not match inside "his" or "this".  Normalising
# turns an apostrophe into a space, so "how's" is matched as "how s".
_B = r"(?<![a-z])"
_E = r"(?![a-z])"

RULES: tuple[SmallTalkRule, ...] = (
    _rule(
        "smalltalk-greeting",
        "a greeting with no question about the CA",
        r"こんにち[はわ]|こんばん[はわ]|今日[はわ]|今晩[はわ]|おはよう(?:ございます)?|はじめまして|初めまして|もしもし|やあ|ハロー|ハロ|おーい|"
        r"お疲れ(?:様|さま)(?:です)?|おつかれ(?:さま)?(?:です)?|お世話になっております|お世話になります|"
        r"(?:どうぞ)?よろしく(?:お願い(?:いたし|致し|し)?ます|おねがいします)?|失礼(?:いたし|致し|し)ます",
        _B + r"(?:hi|hello|hey|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day)|"
        r"nice to meet you|pleased to meet you)" + _E,
    ),
    _rule(
        "smalltalk-thanks",
        "thanks with no question about the CA",
        r"(?:どうも)?ありがと(?:う)?(?:ございま(?:す|した))?|どうも|感謝(?:します|いたします|しています)?|助かりま(?:す|した)|"
        r"了解(?:です|しました)?|わかりました|分かりました|承知(?:しました|いたしました)",
        _B + r"(?:thanks?(?: you)?(?: (?:so|very) much)?(?: for (?:your|the) help)?|thx|ty|cheers|"
        r"much appreciated|appreciate it|got it|understood|ok(?:ay)?|great|perfect|cool)" + _E,
    ),
    _rule(
        "smalltalk-presence",
        "asks only whether someone is there or whether the chat works",
        r"(?:誰|だれ)か(?:い|居)(?:ます|ません|る|ない)か?|(?:誰|だれ)か(?:いる|居る)の?|聞こえ(?:ます|てます|る)か?|"
        r"(?:つながって|繋がって|届いて)(?:います|ます|る)か?|テスト(?:です|中)?",
        _B + r"(?:is (?:any ?one|any ?body|someone|somebody) (?:there|here|around|available|online)|"
        r"(?:any ?one|any ?body|someone|somebody) (?:there|here|around|available|online)|"
        r"are you (?:there|here|a (?:bot|robot|human|person|real person))|can you hear me|"
        r"is this (?:working|thing on)|test(?:ing)?)" + _E,
    ),
    _rule(
        "smalltalk-chat",
        "small talk about the weather or how someone is, with no question about the CA",
        r"(?:お)?元気(?:です|でした)?か|調子はどう(?:です)?か?|いい天気です(?:ね|よね)|良い天気です(?:ね|よね)|"
        r"暑いです(?:ね|よね)|寒いです(?:ね|よね)",
        _B + r"(?:how are you(?: doing)?(?: today)?|how(?: s| is) it going|what(?: s| is) up|how do you do|"
        r"nice weather(?: today)?)" + _E,
    ),
    _rule(
        "smalltalk-farewell",
        "a farewell with no question about the CA",
        r"さようなら|さよなら|それでは|では|また(?:ね|今度|後で)|失礼(?:いたし|致し|し)ました|おやすみ(?:なさい)?",
        _B + r"(?:bye|goodbye|good bye|see you(?: later)?|good night|have a (?:nice|good) day|take care)" + _E,
    ),
)
# What may remain around the phrases without making a question: particles, fillers and names of the
# desk ("窓口", "sir").  A remainder of only these is still small talk.
_FILLER = re.compile(
    r"(?:です|ですか|でしょうか|ます|ね|よ|か|な|の|さん|様|さま|皆さん|みなさん|窓口|サポート|ー|~|\s)+"
    + "|"
    + _B
    + r"(?:there|everyone|everybody|all|guys|folks|team|sir|madam|support|again|so|very|much|and|a|lot|"
    r"oh|um|uh|please|just|checking|the|chat)"
    + _E
)


@dataclass(frozen=True, slots=True)
class SmallTalk:
    """Why a message was read as small talk: the id of the first rule that matched and its reason."""

    rule_id: str
    reason: str


def small_talk(text: str) -> SmallTalk | None:
    """The small-talk rule that explains *text* when nothing else is left in it, else None."""
    rest = normalize(text)
    if not rest:
        return None
    first: SmallTalkRule | None = None
    for rule in RULES:
        stripped = rule.pattern.sub(" ", rest)
        if stripped != rest and first is None:
            first = rule
        rest = stripped
    if first is None:
        return None
    if _FILLER.sub("", rest).strip():
        return None
    return SmallTalk(first.id, f"{first.id}: {first.reason}")
