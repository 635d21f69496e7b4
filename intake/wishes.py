"""What the writer says they do not want: the words that turn a request word into its opposite.

A request word does not always ask for something.  "今の証明書は失効しないでください" and
"do not revoke the one I use" name 失効 and revoke but ask that nothing happen to that
certificate; "失効ではなく申込の取り消しです" names 失効 only to say it is not meant.  Two readers
need these words: the intent rules (:mod:`intake.classify`) remove them before matching, so that
only what the writer wants is read, and the serial scope (:mod:`intake.serialscope`) leaves out a
serial whose own clause says it is not to be revoked or that it is not the one meant.  Both read
the patterns here, so the two cannot drift apart.

A writer who asks for an ordinary revocation often says what did *not* happen, so that the help
desk does not treat it as an emergency ("（紛失・漏洩等はございません。）", "nothing was lost or
stolen").  Those words name a loss only to deny it; the intent rules remove them too.

A form copied into a mail (a fax gateway's excerpt of the page it received, a form pasted as text) says
the same with its boxes: a reason left unticked ("□鍵の危殆化") beside the one ticked ("■記載事項の変更") is
a reason the writer did not choose.  Those words are removed and count as denied too.

A mail that quotes the title of one it received ("an email titled \"Your certificate has been
compromised\"") tells what a sender claims, not what happened: the intent rules remove that too.

The patterns match text that is NFKC-normalised; the intent rules also fold the key words to one
spelling first (:mod:`intake.spelling`), so there "しっこうしないで" reads as "失効しないで".
"""

from __future__ import annotations

import re

# The actions a writer may ask us not to take, in Japanese (stems before しないで, 不要 …).
_ACTION_JA = r"(?:失効|取り?消し?|キャンセル|無効に?|停止|解約)"
# The same actions in English, in any form (revoke, revoking, cancelled, disable …).
_ACTION_EN = (
    r"(?:revok\w*|cancel\w*|invalidat\w*|deactivat\w*|disabl\w*|stop(?:p\w*|s)?"
    r"|act on (?:it|hers|his|theirs|that one))\b"
)

# A request of the action denied ("現時点で失効などの手続きをお願いするものではありません", "取消を依頼している
# わけではありません"): the intent rules read no request of the action in it.  It is removed before the negated topics,
# whose "…ではありません" would otherwise take only its end and leave the action's word.  It is kept apart from
# NOT_WANTED, which also tells the serial scope that a certificate named is not acted on: the writer who says they
# are not asking for its revocation yet still asks about that certificate.
_REQUEST_DENIED_RE = re.compile(
    _ACTION_JA + r"(?:など|とか)?(?:の)?(?:手続き?)?(?:を|は)?(?:お願い|依頼|申請|請求)(?:する|している|した)"
    r"(?:もの|わけ)(?:では|じゃ)(?:ない|ありません|ございません|なく)"
)

# What the writer asks us not to do ("失効しないでください", "キャンセルは不要です",
# "取り消さないで", "止めないで", "do not revoke", "no need to cancel", "without revoking").
NOT_WANTED = re.compile(
    # An urgent kind of the action set aside goes with it ("FAXでの緊急失効も不要です"): no haste is asked either.
    r"(?:緊急|至急|大至急|早急な?|急ぎの)?"
    + _ACTION_JA + r"(?:(?:は|を|も)?(?:しないで|させないで|しないよう|されないよう|なさらない(?:よう|で)"
    r"|不要|必要ありません"
    # Not needed, said plainly ("緊急の失効とかはいらないと思うのですが").
    # (Not asked as a question: "失効とかいらないですよね？" asks whether it is needed.)
    r"|(?:とか|など|なんて)?(?:は|も)?(?:いらない|要らない|いりません|要りません)(?!\s*(?:(?:です)?よね|ですか|でしょうか|[?？]))"
    r"|しなくて(?:も)?(?:いい|よい|結構|大丈夫|構いません|かまいません)|希望(?:しません|しない|いたしません)|望みません)|の必要は(?:不要|ありません|ない))"
    r"(?:ください|下さい|ほしい|欲しい)?"
    # A bare "失効しない" at the end of a clause or a table cell ("継続利用のため失効しない"), but
    # not "失効しないと困る" or "失効しないといけない" (which ask for it).
    r"|" + _ACTION_JA + r"(?:は|を|も)?しない(?=\s*(?:[。．.、,）)」|\x22”'\n]|$))"
    r"|(?:取り消さ|取消さ|止め|とめ)ない(?:で|よう(?:に)?)(?:ください|下さい|ほしい|欲しい|お願い)?"
    r"|\b(?:do\s+not|don'?t|please\s+do\s+not|please\s+don'?t|no\s+need\s+to|without)\s+" + _ACTION_EN
    # Left untouched ("please don't touch hers", "そちらには触らないでください").
    + r"|\b(?:do\s+not|don'?t)\s+touch\s+(?:it|them|hers|his|theirs|mine|that\s+one|this\s+one)\b"
    r"|(?:触ら|さわら)ないで"
    # Its procedure not to be taken ("古い方は期限まで使うので、失効の手続きはしません").
    + r"|" + _ACTION_JA + r"の(?:手続き?|申請|依頼)(?:は|を|も)?(?:しません|いたしません|行いません)"
    # Asked later, if at all, not now ("こちらの失効は別途お願いするかもしれません").
    + r"|" + _ACTION_JA + r"(?:は|も)?(?:別途|後日|改めて)[^。\n]{0,6}?(?:お願い|依頼|ご連絡)(?:する|いたす|します)?"
    r"(?:かもしれ|予定|つもり)"
    # A wish denied: "今すぐ失効したいわけではないのですが", "キャンセルしたいのではなく", "I don't want to revoke it",
    # "I'm not asking to cancel": the action is named only as what the writer does not ask for.
    + r"|(?:今すぐ|すぐに?|至急|急いで|早急に)?" + _ACTION_JA
    + r"(?:を|は)?(?:し|させ)?たい(?:という)?(?:わけ|の)(?:では|じゃ)(?:ない|ありません|ございません|なく)"
    # Not meant either ("申込をキャンセルするつもりはないのですが"): the action is named only to be set aside.
    # Nor planned ("失効する予定はありません").
    r"|" + _ACTION_JA + r"(?:を|は)?(?:する|させる)?(?:つもり|予定)(?:は|も)(?:ない|ありません|ございません|なく)"
    r"|\b(?:do\s+not|don'?t|does\s+not|doesn'?t|did\s+not|didn'?t)\s+(?:want|need|wish|plan|intend|mean)\s+to\s+"
    + _ACTION_EN
    + r"|\b(?:not|n't)\s+(?:asking|looking|planning|going|trying)\s+(?:(?:you|u|anyone)\s+)?to\s+" + _ACTION_EN
    # Nothing to be done at all ("以前の証明書は期限切れです。そちらは何もしなくていいと理解しています").
    + r"|(?:何も|特に)(?:手続き(?:は|も)?)?(?:しなくて|せずに)(?:も)?(?:いい|よい|良い|結構|大丈夫|構わない|かまわない)"
    # An urgent request withdrawn ("なので緊急失効は取り下げさせてください"): the haste is no longer asked.
    + r"|(?:緊急|至急)" + _ACTION_JA + r"(?:の(?:依頼|お願い|申請))?(?:は|を)(?:取り下げ|取下げ|撤回|取りやめ)"
    r"(?:させて|して|します|いたします|で|と)",
    re.I,
)

# The words that say the thing just named is not meant ("失効ではなく", "A じゃなくて B").  A bare
# でなく is one only when no verb of losing follows: "電車でなくした" is で + なくした (lost on a train).
NEGATION = (
    r"(?:ではなく|じゃなくて|じゃなく|でなく(?![しすさせそなっ])|ではありません|ではないです"
    # A word taken back as soon as it is said ("緊急失効!…じゃなかった、PC見つかりました").
    r"|[!！…‥.\s]*じゃなかった)"
)

# A word of up to twelve characters followed by its negation: the topic the writer sets aside
# ("失効ではなく申込の取り消しです" sets aside 失効).
NEGATED_TOPIC = re.compile(r"[^\s、。,.]{1,12}?" + NEGATION)

# The negation right after a value, across closing brackets ("4A7C…）ではなく 9F01…を").
NOT_THIS_ONE = re.compile(r"[\s)）」』]*" + NEGATION)


# The incidents a writer may deny, in Japanese: a loss, a theft, a leak, misuse, an infection,
# and an emergency itself (a faxed form's 「緊急ではありません」).
_INCIDENT_JA = (
    r"(?:紛失|盗難|盗まれ|漏洩|漏えい|流出|不正(?:利用|使用|アクセス)?|悪用|ウイルス感染|感染|破損|緊急|(?:鍵の)?危殆化)"
)
# Joined into a list ("紛失・漏洩等", "紛失や盗難").  A list that opens with an incident may go on
# with any word of one or two kanji: another incident ("紛失や故障"), or one that a fax's OCR
# misread ("紛失・資難なし" for 紛失・盗難なし).
_INCIDENTS_JA = (
    _INCIDENT_JA + r"(?:(?:・|、|や|/|／|または|及び|および)(?:" + _INCIDENT_JA + r"|[\u4e00-\u9fff]{1,2}))*"
)
# What follows an incident to deny it, in a letter ("等はございません", "の心配はありません",
# "等の事故はありません", "などの問題はございません", "といった事情はなく") or
# on a form ("なし", "ではありません", "していない").
_DENIAL_JA = (
    r"\s*(?:等|など|とか)?(?:\s*[:：]\s*)?(?:(?:の|といった|のような)(?:事故|被害|おそれ|恐れ|心配|可能性|事実|形跡|事情|問題|トラブル|事態|事象|事案))?"
    # Or a case of it denied ("漏えい等の問題があるわけではございません").
    r"(?:が(?:ある|あった)わけ)?"
    # In casual words too ("盗難とかじゃないです").
    r"(?:で|じゃ)?(?:は|も)?(?:一切|特に|全く|いずれも)?"
    r"(?:ございません|ありません|ない(?:です|(?![でか]))|なく|なし|無し|ナシ|しておりません|していません|されていません"
    r"|(?:は)?していな(?:い|かった)|ていない|ていません)"
)
# The incidents in English, as a writer denies them.
_INCIDENT_EN = r"(?:lost|stolen|leaked|compromised|hacked|misused|infected)"
_INCIDENTS_EN = _INCIDENT_EN + r"(?:,?\s+(?:or|nor|and)\s+" + _INCIDENT_EN + r")*"

# What the writer says did not happen: "紛失・漏洩等はございません", "紛失などはなく",
# "盗難の心配はありません", "nothing was lost or stolen", "it has not been compromised",
# "no loss or theft"; on a faxed form "紛失なし", "盗難ではありません".  The one pattern for
# both: the intent rules remove what it finds from a mail, and the fax reader
# (:func:`intake.fax.form_from_words`) takes no emergency word inside what it finds for one.
# A loss told as a verb and denied ("なくしてはないです", "盗まれてはいません", "PCなくしたとかじゃないです",
# "実際に漏えいが起きたわけではございません"); not "なくしてないで" (a request not to lose it).
_LOST_VERB_JA = r"(?:なくし|無くし|失くし|なくなっ|無くなっ|落とし|盗まれ|盗られ|紛失し|漏洩し|漏えいし|流出し)"
# Never so, in a letter or in speech ("ありません", "ないです", "ございません"); not a worry ("ないか心配") nor a
# doubt ("ないとは言い切れません").
_NOT_JA = r"ない(?!で(?!す)|か|とは|とも)"
_NEVER_JA = r"(?:" + _NOT_JA + r"|ありません(?!か)|ございません(?!か))"
# Not so now, after a て form ("いません", "いないです", "おりません").
_NOT_NOW_JA = r"(?:(?:い)?(?:" + _NOT_JA + r"|ません(?!か))|お(?:りません|らず))"
# Someone other than the writer, and what they may have done with the device or the key.
_OTHERS_JA = r"(?:誰か|だれか|誰|だれ|第三者|他人|他の人|知らない人)"
_USED_BY_OTHERS_JA = (
    r"(?:触られ|触っ|さわられ|さわっ|使われ|使っ|使用され|見られ|ログインされ|アクセスされ|操作され|持ち出され)"
)
# Handing the key or its file to someone ("渡し", "見せ", "送っ").
_HANDED_JA = r"(?:渡し|見せ|教え|送っ|貸し|預け)"
_VERB_DENIED_JA = (
    _LOST_VERB_JA + r"て(?:は|も)?(?:い)?(?:ない(?!で(?:くだ|下さ|ほし|欲し|ね)|でしょ)|ません(?!か)|おりません|おらず)"
    # A loss named as the kind of thing that did not happen ("PCをなくしたとか、そういうことは特にありません").
    r"|" + _LOST_VERB_JA + r"た(?:とか|など|というような|といった)[、,]?\s*(?:そういう|そのような|そういった|そんな)?"
    r"(?:こと|事)(?:は|も)(?:特に|一切|全く)?(?:ありません|ない(?![でか])|ございません|なく)"
    r"|" + _LOST_VERB_JA + r"た(?:とか|って)?(?:わけ)?(?:じゃ|では)"
    r"(?:ない|ありません|ございません|なく(?!て(?:くだ|下さ|ほし)))"
    # Losses listed with たり and denied together ("なくしたりはしていません", "落としたり盗まれたりもしておりません").
    r"|(?:" + _LOST_VERB_JA + r"たり[、・]?)+(?:は|も)?して"
    r"(?:い(?:ない(?!で)|ません(?!か))|お(?:りません|らず)|ない(?!で)|ません(?!か))"
    r"|(?:" + _INCIDENT_JA + r"|トラブル|事故|問題)(?:が|は)?(?:起き|起こっ|あっ|発生し|し)たわけ(?:では|じゃ)"
    r"(?:ない|ありません|ございません)"
    # A loss denied as something that never happened ("なくしたことは一度もありません").
    + r"|" + _LOST_VERB_JA + r"たこと(?:は|も)(?:一度も)?" + _NEVER_JA
    # Nobody else touched or used the device or the key ("他人に触られたことはありません", "誰にも使われていません"):
    # the writer rules out the very misuse that the compromise rule reads in those words.
    + r"|" + _OTHERS_JA + r"(?:に|が)(?:も)?[^。\n]{0,20}?" + _USED_BY_OTHERS_JA
    + r"(?:たこと(?:は|も)?(?:一度も)?" + _NEVER_JA
    + r"|た(?:とか|って)?わけ(?:では|じゃ)" + _NEVER_JA
    + r"|た(?:形跡|様子|痕跡)(?:は|も)?" + _NEVER_JA
    # Nor is it feared ("誰かに使われる心配はないと思いますが").
    + r"|る(?:心配|おそれ|恐れ|可能性)(?:は|も)" + _NEVER_JA
    + r"|て(?:は|も)?" + _NOT_NOW_JA + r")"
    # Nor was the key handed, shown or sent to anyone ("ファイルは自分のパソコンにあるだけで誰にも渡していません"): this
    # denies a handing over only, and a loss told beside it is still read.
    + r"|" + _OTHERS_JA + r"(?:に|へ)(?:も)?[^。\n]{0,10}?" + _HANDED_JA
    + r"(?:て(?:は|も)?" + _NOT_NOW_JA + r"|たこと(?:は|も)?(?:一度も)?" + _NEVER_JA + r")"
)
DENIED_INCIDENT = re.compile(
    _VERB_DENIED_JA + "|"
    + _INCIDENTS_JA + _DENIAL_JA
    # "nothing was lost", "none of them were compromised", "None are compromised", "no key was leaked".
    + r"|\b(?:nothing|none(?:\s+of\s+(?:it|them|(?:the|our|my|these|those)\s+\w+))?"
    r"|no\s+(?:private\s+)?(?:keys?|certificates?|devices?|cards?|laptops?|pcs?|computers?|passwords?|pins?|data))"
    # "Nothing's been lost or compromised".
    r"(?:'s|’s)?\s+(?:(?:is|are|was|were|has|have)\s+)?(?:been\s+|got\s+)?"
    + _INCIDENTS_EN
    + r"\b"
    r"|\b(?:(?:is|was|were|has|have|had)\s*(?:not|n't)|never|not)\s+(?:been\s+)?" + _INCIDENTS_EN + r"\b"
    # "Neither key has been compromised", "neither of them was lost or stolen".
    r"|\bneither\b[^.!?\n]{0,30}?\b(?:is|are|was|were|has|have)\s+(?:been\s+)?" + _INCIDENTS_EN + r"\b"
    # A fear taken back, where the writer found only a slip of the CA's or their own ("At first I thought my account
    # had been hacked …, but I think it's just a typo", "乗っ取られたと思いましたが、名前の誤記でした").
    r"|\bI (?:first )?thought\b[^.!?\n]{0,60}?\b" + _INCIDENT_EN + r"\b[^.!?\n]{0,100}?\bbut\b[^.!?\n]{0,60}?"
    r"\b(?:typo|mistake|misspell\w*|wrong (?:name|spelling|address)|error)\b"
    r"|(?:" + _LOST_VERB_JA + r"|乗っ取られ|ハッキングされ)たと思(?:った|いました|っていました)(?:が|けど|けれど)"
    r"[^。\n]{0,40}?(?:誤記|誤字|間違い|入力ミス|表記の誤り)"
    # A theft only feared, then found false ("Yesterday I thought my laptop had been stolen … Scratch that - it was at
    # the repair shop the whole time").
    r"|\bI (?:first |had )?thought\b[^.!?\n]{0,60}?\b(?:had been|was|were|got)\s+" + _INCIDENTS_EN
    + r"\b(?=[\s\S]{0,300}?\b(?:scratch that|turned out|false alarm|found (?:it|them)|it was (?:at|in|on|with) ))"
    # Asked and answered at once ("Hacked? No — just a wrong name", "紛失？いいえ、名前の誤りです").
    r"|\b" + _INCIDENT_EN + r"\s*\?\s*(?:no|nope|not really)\b"
    r"|(?:" + _INCIDENT_JA + r"|ハッキング|乗っ取り)\s*[?？]\s*(?:いいえ|違います|ちがいます|違う)"
    # "no problem, no lost": a loss denied in a learner's words.
    r"|\bno\s+(?:lost|stolen|leaked|hacked)\b"
    r"|\bno\s+(?:sign\s+of\s+)?(?:loss|theft|leak|compromise|misuse|emergency)"
    r"(?:\s+(?:or|nor|and)\s+(?:loss|theft|leak|compromise|misuse))*\b"
    # A death denied beside a question about one ("nobody has died, I'm writing our handbook", "no one in our
    # family has died", "誰も亡くなっていません"): the writer prepares, nobody's death is told.
    r"|\b(?:nobody|no one|no-one)\b(?:\s+[a-z']+){0,4}?\s+(?:has\s+|have\s+|had\s+)?(?:died|passed away)\b"
    r"|\bnobody is dead\b|(?:誰も|だれも)(?:亡くなって|死んで)(?:い|お)(?:ません|ない|らず)",
    re.I,
)


# The title of a message the writer received, quoted ("an email titled \"Your certificate has been
# compromised\"", 件名「証明書が不正利用されています」): the sender's claim, often a phisher's, and
# not what happened to the writer.  The intent rules read the mail without it.
REPORTED_TITLE = re.compile(
    r"\b(?:titled|entitled|headed|subject(?:\s+line)?(?:\s+(?:was|is|read|reads|of))?)\s*:?\s*"
    r"(?:\x22[^\x22\n]{1,120}\x22|“[^”\n]{1,120}”|'[^'\n]{1,120}')"
    r"|(?:件名|タイトル|題名)(?:が|は|:|：)?\s*「[^」\n]{1,80}」|「[^」\n]{1,80}」(?:という|との)(?:件名|タイトル|題名)"
    # Or what a caller said ("「電子証明書が失効するので手数料を払え」という電話が母のところに来ました").
    r"|「[^」\n]{1,80}」(?:という|との|って)(?:電話|SMS|ショートメール|勧誘|留守電)",
    re.I,
)


# A form's box, ticked ("■", "☑", "[x]") or left empty ("□", "☐", "[ ]"), and the option written after it.
_TICKED_BOX = r"(?:[■☑☒✓✔]|\[\s*[xX✓]\s*\])"
_EMPTY_BOX = r"(?:[□☐]|\[\s*\])"
_INCIDENT_OPTION = r"\s*(?:(?:秘密)?鍵の)?(?:" + _INCIDENTS_JA + r"|(?:key )?compromise|loss|theft|lost|stolen)"
TICKED_INCIDENT = re.compile(_TICKED_BOX + _INCIDENT_OPTION, re.I)
UNTICKED_INCIDENT = re.compile(_EMPTY_BOX + _INCIDENT_OPTION, re.I)


def unticked_incidents(text: str) -> list[str]:
    """The incidents that a form in *text* offers in a box left empty, beside another box that is ticked.

    "失効理由: □鍵の危殆化 ■記載事項の変更" chose the change of contents; the key's compromise was not
    chosen.  A form with no box ticked says nothing (a fax's boxes may be read empty when they are not),
    and one with an incident ticked keeps all of its incident words.
    """
    if not re.search(_TICKED_BOX, text) or TICKED_INCIDENT.search(text):
        return []
    return list(dict.fromkeys(m.group(0) for m in UNTICKED_INCIDENT.finditer(text)))


def denied_incidents(text: str) -> list[str]:
    """The phrases in *text* that deny an incident ("紛失・漏洩等はございません", an unticked "□紛失"), each
    once, in order."""
    return list(dict.fromkeys([*(m.group(0) for m in DENIED_INCIDENT.finditer(text)), *unticked_incidents(text)]))


def not_wanted(text: str) -> list[str]:
    """The phrases in *text* that ask us not to do something, each once, in order."""
    return list(dict.fromkeys(m.group(0) for m in NOT_WANTED.finditer(text)))


def requests_denied(text: str) -> list[str]:
    """The phrases in *text* that deny asking for an action now ("失効などの手続きをお願いするものではありません")."""
    return list(dict.fromkeys(m.group(0) for m in _REQUEST_DENIED_RE.finditer(text)))


def wanted_only(text: str) -> str:
    """*text* without the topics set aside, the actions asked not to be taken, the incidents denied
    (in words or by a form's empty box) and the titles of messages received."""
    for option in unticked_incidents(text):
        text = text.replace(option, " ")
    text = _REQUEST_DENIED_RE.sub("", text)
    return REPORTED_TITLE.sub("", DENIED_INCIDENT.sub("", NOT_WANTED.sub("", NEGATED_TOPIC.sub("", text))))
