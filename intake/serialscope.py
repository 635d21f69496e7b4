"""Which of the serials a mail names it asks about: a serial the writer says to keep is left out.

A writer with two certificates often names both and asks for one ("個人用はそのまま使います。
会社用の方だけ失効してください", "Keep 4A7C… (personal). Please revoke the work one, 9F01…").
Acting on both would revoke a certificate its holder still uses.  This module reads, for each
exact serial in the writer's own text, the clause around it and the name it is listed under
("個人用：", "旧証明書"), and leaves out a serial that the writer says to keep.

A serial the writer plainly says not to revoke ("…はそのまま使いますので失効しないでください",
"do not revoke 5B0C…") is left out even when it is the only one: the mail asks about another
certificate (an application to cancel) and acting on that serial would revoke one in use; an ask
in the same clause aimed at that application ("do not revoke it, only cancel the new application",
"失効ではなく、追加の申込の取消だけ") asks nothing of the certificate.
Softer words that only say a certificate stays in use narrow a choice of two or more and never
leave a mail with no serial (the register check and the operator decide), except in a mail that
calls off an application: an application has no serial yet, so a serial named there with words
that keep it ("既存の証明書 … はそのまま有効にしておいてください", "… stays valid") or set it apart
("これは関係ありません") is the certificate in use, and is left out even when it is the only one; so is
a serial named only in the text the writer quotes (the CA's last mail names the certificate issued
before).  A serial of another product (a web server's SSL certificate, another CA's: see
:mod:`intake.serialproduct`) is left out too, even the only one.  Every serial left
out is named in a reason, and stays among the mail's candidates.  A clause that ends in a comma where
the mail program broke the line goes on on the next line ("… was on a clean machine,", then "so
please do NOT touch that one").

A writer who lists serials as numbered items ("（１）会社PC用 シリアル：…", "②2枚目（不要） S/N …")
and asks for some by their number ("（１）だけ至急失効をお願いします", "2枚目を失効してください") asks
about those items only.

Of two or more serials, one its clause tells is history ("旧証明書（…）は失効済みです", "… expired
in March", "… was replaced by …", "旧 … から新しい … に切り替え") is left out too; a serial in a
remark in brackets is told of by the remark's own words.  A serial the writer names by words
(the certificate "in use", "current") and says elsewhere, by those words, not to revoke is left
out like one told so in its own clause.  Two serials offered as alternatives by a writer who is
unsure which is right ("… か … のどちらかだと思います", "either … or …, not sure") are both left
out: they stay candidates, and the register check or the operator decides.  Beside the writer's
own, a serial its clause names as another party's certificate ("取引先から受け取った契約書の署名の
証明書（シリアル …）が有効か確認したい", "他社（別認証局）の証明書（シリアル …）は先方に連絡済み") is left out too; a
serial in brackets that starts a line names the noun the line above ends with, so that line is its clause too.

And a mail that asks for nothing and reports nothing, in the intent rules' words
(:mod:`intake.rules`), names its serials only as background when it prepares for an incident
("万が一なくした場合は…", with the certificate in use named), when its writer is not the holder
("受け取り側です。このシリアルは有効ですか"), or when it tells its reader what will happen to their
certificate, as a notice or phishing does: those serials are left out, however many.  So does a
mail that thanks for help with a step that has now worked ("無事にインストールできました") and asks
nothing else: its serial only says which certificate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from intake import rules, sentences, tables
from intake.rowpick import picked_by_cell
from intake.serialproduct import other_products
from intake.serials import EN_ORDINALS, KANJI_DIGITS, POINTER_EN, POINTER_JA, SetAside, locate_serials
from intake.spelling import fold, join_spaced, join_wrapped
from intake.wishes import NEGATED_TOPIC, NOT_THIS_ONE, NOT_WANTED, wanted_only

# Words that say a certificate stays in use ("そのまま使います", "keep", "is fine").
_KEEP = re.compile(
    r"そのまま|このまま(?:使|利用|で(?:結構|大丈夫|いい|良い)|残)|引き続き|継続|使い続け"
    r"|(?:は|も)(?:今後も|まだ)?使(?:います|っています|う予定)|(?:有効)?期限(?:まで|いっぱい|が来るまで)(?:は)?使|まだ(?:使|利用し)(?:います|っています|ってます|う予定)|(?:そちら|それ|こちら|これ)を使(?:います|い続け)"
    r"|(?:問題|異常|影響)(?:は|も)?(?:ありません|ない|なし)|失効しないで|失効(?:は)?不要|残して|生きて"
    # Or that it was made right ("森 健太の証明書（シリアル …）は正しく発行されています").
    r"|正しく(?:発行|記載|登録)され(?:て(?:い|お)|ました)"
    r"|有効のまま|無事です?|手元にあります|従来(?:どおり|通り)(?:使|利用)|(?:現在も|今も|引き続き)(?:使用|利用)し(?:てお|てい)"
    # Or that it is not what the writer asks for ("…については…当院からの依頼ではありません").
    r"|(?:から|より)の(?:ご)?(?:依頼|請求|申請)では(?:ありません|ございません|ない)|無くしていません|なくしていません|使用中(?:です|なので|のため|につき)|残し?ます"
    # A label that names it as the one kept ("※残す証明書:bb17…").
    r"|残す(?:証明書|もの|分|方|のは)"
    # A table's state cell at the row's end ("…\ta07d…\t利用中").
    r"|(?:利用|使用)中(?=[ \t]*(?:\n|$))"
    # Said in a note beside a list item ("← これは残す"), or as a plan ("残すつもりです").
    r"|残す(?=[ \t]*(?:\n|$|[。!！)）])|つもり|予定|方向)"
    # A list's label for the one kept ("使う方（残す方）：…", "残す方：…").
    r"|残す(?:方|ほう)(?=[)）]?[ \t]*[:：])"
    r"|\bkeep\b|\bkeeping\b|\bkeeps\s+(?:his|her|their|the|it)\b|\b(?:will\s+)?remains?\s+in\s+use\b|\bstill\s+(?:in\s+use|use|using|need|valid|fine|ok|have)|\bis\s+(?:fine|ok|safe|unaffected)\b"
    r"|\bnot\s+affected\b|\bunaffected\b|\b(?:stays?|remains?)\s+(?:as\s+(?:it\s+)?is|valid|active|untouched)\b|\b(?:do\s+not|don'?t|please\s+don'?t)\s+revoke\b|\bleave\b"
    r"|\b(?:remains?|stays?)\s+valid\b|\bnot\s+(?:this|that)\s+one\b"
    # Or that it is to be left alone ("do NOT touch that one", "そちらには触らないでください").
    r"|\b(?:do\s+not|don'?t)\s+touch\b|(?:触ら|触れ|手を付け|手をつけ)ないで"
    r"|\bshould\s*n[o']t\s+be\s+(?:touched|revoked|changed)\b",
    re.I,
)
# Words that say a serial is no part of the request ("中村の分（…）は対象外です", "…なので関係ありません",
# "it is not related to this request"): the writer names it only to tell it apart.
# Out of the request's scope ("対象外", "対象ではありません"), read by _EXCLUDED and _EXCLUDED_TOPIC.
_OUT_OF_SCOPE = r"対象(?:外|(?:では|じゃ)(?:ありません|ない|ございません))"
_EXCLUDED = re.compile(
    _OUT_OF_SCOPE + r"|関係(?:ありません|ない|なし|ございません)"
    # Set apart from the one asked ("…（私の証明書 B7E0… とは別です）"), or to be asked by its holder later ("…の
    # 9e1c… は山口さんから別途連絡します").
    r"|とは別(?:です|でございます|のもの|件)|から(?:は)?別途(?:ご)?(?:連絡|申請|依頼|お願い|手続)"
    r"|\b(?:is\s+)?not\s+(?:related\s+to|part\s+of|included\s+in|subject\s+to|covered\s+by)\s+(?:this|my|the)\s+request\b"
    # "(it was 0x3C6E… - nothing needs to be done with it)", "no action is needed for it".
    r"|\bnothing\s+(?:needs\s+to|has\s+to|should)\s+be\s+done\s+(?:with|about|for)\s+(?:it|that|this)\b"
    r"|\bno\s+action\s+(?:is\s+)?(?:needed|required|necessary)\s+(?:for|on|with)\s+(?:it|that|this)\b",
    re.I,
)
# A remark in brackets on the value's label that gives it for reference only ("元同僚の証明書（関係ないと思いますが
# 参考）：d5 72 …", "(for reference)").
_FOR_REFERENCE_LABEL = re.compile(
    r"[(（][^()（）\n]{0,30}(?:関係(?:ない|ありません|なし)|対象外|参考|\bfor\s+reference\b|\bnot\s+related\b)[^()（）\n]{0,20}[)）]"
    r"[ \t]*[:：]?[ \t]*$",
    re.I,
)
# A bracket opened as a note for reference that the value stands in ("（参考：加藤の証明書は 6A 0C … でした）").
_REFERENCE_BRACKET = re.compile(
    r"[(（][ \t]*(?:ご?参考|\bfor\s+reference\b|\bFYI\b)[ \t]*[:：、,]?[^()（）\n]{0,30}$", re.I
)
# Words that ask for a revocation or a cancellation in the same clause.
_ASK = re.compile(
    r"失効|取り?消|廃止|無効|止めて|とめて|停止|キャンセル|revok|cancel|invalidat|disable|deactivat|\bstop\b|\bkill\b",
    re.I,
)
# An ask aimed at an application, not at a certificate ("新しい申込の取消", "only cancel the new
# application", "withdraw the renewal application"): beside a serial it asks nothing of that certificate.
_APPLICATION_ASK = re.compile(
    r"(?:申込|申し込|申請|注文|発行依頼)(?:み|書|分)?" + rules.APPLICATION_REMARK
    + r"?(?:の(?:ほう|方))?(?:を|の|は)?(?:み|だけ)?\s*"
    + rules.CALL_OFF_JA
    + r"|\b(?:cancel|withdraw|stop|call\s+off|revoke)\s+(?:only\s+)?(?:my|the|our|this|that)\s+"
    r"(?:(?:second|new|additional|extra|other|last|renewal|pending)\s+)?(?:certificate\s+|iprove\s+)?"
    r"(?:order|application|request|purchase)\b",
    re.I,
)


def _asks_of_it(clause: str) -> bool:
    """Tell whether *clause* asks for a revocation or a cancellation of the certificate it names.

    What the writer does not want ("失効しないでください", "do NOT revoke it", "失効ではなく") and an
    ask aimed at an application ("only cancel the new application") ask nothing of a certificate.
    """
    rest = NOT_WANTED.sub(" ", _FORM_FIELD.sub(" ", clause))
    rest = NEGATED_TOPIC.sub(lambda m: " " if _ASK.search(m.group(0)) else m.group(0), rest)
    return bool(_ASK.search(_APPLICATION_ASK.sub(" ", rest)))


# A form's field named by the request ("取消の理由", "失効事由"): a heading, which asks nothing.
_FORM_FIELD = re.compile(r"(?:取消|取り消し|失効|解約)(?:の)?(?:理由|事由)")


# What a mail may ask of a certificate, or what makes that needed, is what the intent rules read
# as a topic (:data:`intake.rules.TOPIC_RULES`: a revocation, a cancellation, a correction, a
# loss or a leak, a death), and a death told as what happened (:data:`intake.rules.DEATH_EVENT`,
# which names the dead by any title).  A mail with none of them, once what the writer does not
# want is taken out, asks nothing of the certificates it names.
_ACTION_RULES = (*rules.TOPIC_RULES, rules.DEATH_EVENT)
# A reissue is asked of a certificate too, though it is no topic of the intent rules of its own
# (it follows a correction or a loss, which they read).
_REISSUE = re.compile(r"再発行|\bre-?issu", re.I)
# Words that say nothing needs doing ("特に対応不要です", "no action is needed").
_NO_ACTION_NEEDED = re.compile(
    r"(?:対応|手続き?|作業|処理|ご対応)(?:は|も)?(?:特に|一切)?(?:不要|必要ありません|必要ございません|いりません)"
    r"|\bno\s+(?:action|further\s+action)\s+(?:is\s+)?(?:needed|required|necessary)\b|\bnothing\s+(?:needs\s+to\s+be\s+done|to\s+do)\b",
    re.I,
)
# Words that tell a certificate's past: revoked or expired already ("失効済み", "すでに失効",
# "更新時に失効してもらいました", "was already revoked", "expired in March").  A serial told so
# beside another is history, named to tell the two apart, not one to act on.
_HISTORY = re.compile(
    r"失効済|失効(?:して)?(?:いただき|頂き|もらい)済|失効(?:の)?(?:手続き?|処理)(?:を|は|も)?(?:済ませ|済み|済|完了し|終え)|(?:すでに|既に|もう)失効(?:して|され|し)|失効(?:して(?:もら[いっ]|いただ[きい]|頂[きい])|され)(?:ました|た)"
    r"|(?:有効)?期限(?:が|は)?(?:すでに|既に)?切れ(?:ました|た|て(?:い|お)ます)|期限切れ"
    r"|\b(?:already|was|were|has\s+been|had\s+been)\s+(?:already\s+)?(?:revoked|cancel+ed)\b|\b(?:has\s+|had\s+)?expired\b"
    r"|\b(?:you|they)\s+(?:already\s+)?revoked\b",
    re.I,
)
# Words by which a writer says the certificate they ask about is not theirs: one who relies on a
# signature ("当社は利用者ではなく受け取り側です", "we are a relying party") asks about another's.
_NOT_THE_HOLDER = re.compile(
    r"(?:利用者|名義人|契約者|加入者|申込者)(?:ではなく|ではありません|ではない|じゃない)|受け?取り?側|受信側|検証(?:する)?側"
    r"|\brelying\s+party\b|\b(?:i\s+am|i'm|we\s+are|we're)\s+not\s+(?:the|a|its)\s+(?:holder|subscriber|owner)\b"
    # Or says whose it is: another party's, one who signed what the writer received or checks.
    # A remark in brackets may stand between ("他社（別認証局）の証明書").
    r"|(?:相手方|先方|取引先|他社)(?:の方)?(?:[(（][^()（）\n]{1,20}[)）])?"
    # A person of the other party may be named ("取引先の担当者様の証明書").
    # ("取引先担当者の証明書", the の left out, too.)
    r"(?:の?(?:ご?担当者?|方|社長|代表者?)(?:様|さん)?)?の(?:電子)?(?:証明書|署名)|依拠する当事者"
    # What arrived is another's only when it is a signed thing ("届いたPDFの署名", "受け取った契約書の署名
    # の証明書") or came from another party ("取引先から受け取った証明書"): the certificate itself that
    # arrived ("届いた証明書", "受け取った電子証明書") is the one the CA issued to the writer.
    r"|(?:受け?取っ|届い)た(?!(?:ばかりの)?(?:電子)?証明書)[^。\n]{0,20}(?:署名(?!用)|証明書)"
    r"|(?:相手方|先方|取引先|他社)から(?:受け?取っ|届い)た"
    # "取引先から電子署名付きのPDF契約書を受け取りました", "取引先の先生から…を受け取りました".
    r"|(?:相手方|先方|取引先|他社)(?:の[^。\n]{0,12}?)?から[^。\n]{0,30}?(?:受け?取り|届き)ま(?:した|す)"
    r"|(?:署名|証明書)を検証し|\b(?:the\s+other\s+party|counterparty|a\s+partner|a\s+supplier|a\s+client)'s\s+"
    r"(?:signature|certificate|cert)\b|\bsigned\s+by\s+(?:a|our|the|another)\s+(?:partner|supplier|client|customer|company)\b",
    re.I,
)
# Words that tell the reader what will happen to their certificate, as a notice does (or phishing
# that imitates one): "お客様の電子証明書…は失効されます", "your certificate will be revoked".
_READERS_CERTIFICATE = re.compile(
    r"(?:お客様|貴殿|あなた)の(?:電子)?証明書|\byour\s+(?:iprove\s+)?(?:certificate|cert)\b", re.I
)
_WILL_HAPPEN = re.compile(
    r"(?:失効|停止|無効)(?:と|に)?(?:されます|します|いたします|となります|になります|される予定)"
    r"|\bwill\s+be\s+(?:revoked|suspended|disabled|invalidated)\b",
    re.I,
)
# Words that point at the certificates listed in the mail as a whole ("下記3件", "上記の証明書", "the following").
_LISTED_AS_A_WHOLE = re.compile(
    r"(?:下記|上記|以下|以上)の?(?:\d+|[二三四五])?(?:件|枚|つ|通|証明書)"
    r"|\b(?:the\s+)?(?:following|above|listed)\s+(?:\w+\s+)?(?:certificates|certs|ones|serials)\b|\ball\s+(?:of\s+)?(?:these|them|the\s+above)\b",
    re.I,
)
# "Both", "all of them": the writer asks about every certificate named, whatever else is said.
_ALL = re.compile(
    r"両方|どちらも|いずれも|全て|すべて|全部|2枚とも|二枚とも|\bboth\b|\ball\s+(?:of\s+)?(?:them|the|my|our|these|those|three|two|four|certificates|certs)\b",
    re.I,
)
# The words of :data:`_ALL` that count two certificates.
_BOTH = re.compile(r"両方|どちらも|[2２二]枚とも|\bboth\b", re.I)
# "not A but B": the value before it is the one not meant ("A ではなく B を…" is read with
# :data:`intake.wishes.NOT_THIS_ONE`).
_NOT_BEFORE = re.compile(r"\bnot\s+(?:the\s+one\s+)?(?:with\s+)?(?:serial\s*(?:no\.?|number)?\s*)?$", re.I)
# Where a sentence or a clause ends; a verb's te-form or stem and a comma join two clauses ("…は残して、
# …を失効", "…を失効し、…は残して"), as "and" joins a clause that keeps or asks ("revoke A and keep B",
# "keep A and revoke B").  The full stop of an item's number ("only no. 2", "No.1") ends nothing, and
# one right after such a number ends the clause it closes ("Please revoke only no. 2. No. 1 stays").  Nor does the
# full stop of a title ("(Dr. Lee: …, Dr. Tanaka: …) are not affected").
_CLAUSE_END = re.compile(
    r"[。！？!?\n]|(?:(?<=[a-z0-9)]{2})(?!(?<=\bno)\.[ \t]*[1-9])(?<!\bdr)(?<!\bmr)(?<!\bms)(?<!\bmrs)(?<!\bprof)"
    r"|(?<=\bno\.[ \t][1-9])|(?<=\bno\.[1-9])|(?<=#[1-9]))"
    r"[.;](?:\s|$)|、?(?:が|けど|けれど|ですが|ものの)、|(?<=[てし])、|(?<=[まで]すので|[まで]すから)、(?![ \t]*\n)"
    r"|\bbut\b|\bhowever\b|\bwhile\b|,?\s\band\b(?=\s+(?:please\s+)?(?:keep|leave|do\s+not|don'?t|revoke|cancel|disable)\b)",
    re.I,
)
# The name a serial is listed under on its line ("個人用：シリアル 4A7C…", "(2) 旧証明書 …").
_LIST_NAME = re.compile(
    r"^[\s\-・*•>]*(?:\(?\d{1,2}[).]\s*)?(?P<name>[^\s:：=]{2,12}?)\s*(?:の証明書|証明書|用)?\s*[:：]?\s*"
    r"(?:シリアル(?:番号|ナンバー)?|serial(?:\s*(?:no\.?|number))?|s/n)?\s*[:：=]?\s*$",
    re.I,
)


# The number of the list item a serial stands on, at the start of its line: "(1)" (a circled "①"
# reads so), "1.", "1)", "No.1", "#1", or a count of certificates ("1枚目", "2件目").
_ITEM_NUMBER = re.compile(
    r"[ \t>|]*(?:\((?P<bracketed>[1-9])\)|(?P<dotted>[1-9])[.)](?!\d)|(?P<counted>[1-9])[ \t]*(?:枚|件|通|つ)目"
    r"|(?:(?i:no)\.?|#)[ \t]*(?P<numbered>[1-9])(?!\d))"
)
# A clause's words that point at a list item by its number: "(1)だけ", "2枚目を", "2件目の", "2番、3番だけ",
# "No. 2", "#2" (but not "2番号", "1番地" or "1番線").
_ITEM_REFERENCE = re.compile(
    # Not a place counted from the bottom ("下から2番目"), which names another item than the number.
    r"\(([1-9])\)|(?<!\d)(?<!下から)([1-9])[ \t]*(?:(?:枚|件|通|つ|番)目|番(?![号地線手]))"
    r"|\bno\.?[ \t]*([1-9])\b|#([1-9])\b|\bitem[ \t]*([1-9])\b",
    re.I,
)


# Every item of the list, counted ("2件とも", "3枚とも").
_EVERY_ITEM = re.compile(r"[2-9二三四五六七八九](?:枚|件|通|名)とも")


def _item_number(norm: str, start: int) -> str:
    """The number of the list item the serial at *start* stands on, or "" when it stands on none."""
    line_start = norm.rfind("\n", 0, start) + 1
    match = _ITEM_NUMBER.match(norm, line_start, start)
    return next((n for n in match.groups() if n), "") if match else ""


def _items_not_asked(norm: str, spans: dict[str, tuple[int, int]], clauses: list[tuple[int, int]]) -> dict[str, str]:
    """The serials of list items that the writer's request leaves out when it names items by their number.

    A writer who lists certificates as numbered items ("（１）会社PC用 シリアル：…", "②2枚目（不要） S/N …")
    asks for some of them by number ("（１）だけ至急失効をお願いします", "2枚目を失効してください"): the
    items no asking clause names are not asked about.  Only clauses off the items' own lines are read,
    and only when every serial stands on a numbered item.
    """
    numbers = {value: _item_number(norm, span[0]) for value, span in spans.items()}
    if len(numbers) < 2 or not all(numbers.values()) or len(set(numbers.values())) < len(numbers):
        return {}
    lines = {(norm.rfind("\n", 0, a) + 1, (norm.find("\n", a) + 1 or len(norm) + 1) - 1) for a, _b in spans.values()}
    asked: set[str] = set()
    for a, b in clauses:
        if any(x <= a < y or x < b <= y for x, y in lines):
            continue  # A clause on an item's own line ("2枚目（不要）") names that item, asking nothing.
        clause = norm[a:b]
        if _ASK.search(NOT_WANTED.sub(" ", clause)):
            if _EVERY_ITEM.search(clause):
                return {}  # "2件とも失効をお願いします": every item is asked, whichever the subject names.
            asked |= {next(n for n in m.groups() if n) for m in _ITEM_REFERENCE.finditer(clause)}
    named = asked & set(numbers.values())
    if not named:
        return {}
    which = "・".join(f"({n})" for n in sorted(named))
    reason = f"the writer asks for item {which} by its number, not this one"
    return {value: reason for value, number in numbers.items() if number not in named}


@dataclass(frozen=True)
class Scope:
    """The serials the mail asks about, and why any named serial was left out.

    ``others`` holds those of *serials* that are another party's certificates the writer asks about (a
    relying party's "is the signer's certificate still valid?"): asked about, but no request of the writer's own.
    """

    serials: list[str]
    reasons: list[str]
    others: list[str] = field(default_factory=list)


# A line a writer wrapped by hand inside a sentence ("…こちらは所長が\n引き続き使いますので"): a long line of prose
# ending in a letter, not a stop, the next going on with a letter at once.  A table's row (indented, or with its
# cells parted by tabs or wide spaces) is no prose.
_WRAPPED_PROSE = re.compile(r"[^\n]{20,}(?<=[ぁ-んァ-ヶ一-龥々ー])\n(?=[ぁ-んァ-ヶ一-龥々])")
_ROW_LIKE = re.compile(r"^[ \t]|\t|[ ]{2}|[|｜│┃]")
# Or a note's sentence wrapped under a hanging indent ("※同じ共有フォルダに名前のあった 森（…）は、\n  ファイルの中身が
# 空…", "※山本 悟 教授（…）も…特任教授として\n  再雇用のため"): after a comma, or on a line a note mark starts.
_HANGING_WRAP = re.compile(
    r"(?:[※＊*][^\n]{19,}(?<=[ぁ-んァ-ヶ一-龥々ー、])|[^\n]{20,}、)\n[ \t\u3000]{1,4}(?=[ぁ-んァ-ヶ一-龥々])"
)
# A value on a line; two lines in a row that hold one are a list's rows, however they are laid out.
_VALUE_IN_LINE = re.compile(r"(?<![0-9a-z])[0-9a-f]{4}[ :\-]?[0-9a-f]{4}", re.I)


def _soft_wrap(norm: str, at: int) -> bool:
    """Tell whether the line break at *at* only wraps a sentence of prose, which goes on on the next line."""
    start = norm.rfind("\n", 0, at) + 1
    if start == 0:
        return False  # The first line is the subject's, never part of the body's first sentence.
    wrapped = _WRAPPED_PROSE.match(norm, start)
    hanging = _HANGING_WRAP.match(norm, start)
    if hanging and norm.find("\n", start) == at and not _ROW_LIKE.search(norm[start:at]):
        return True
    if not wrapped or wrapped.end() != at + 1 or _ROW_LIKE.search(norm[start:at]):
        return False
    end = norm.find("\n", at + 1)
    end = end if end >= 0 else len(norm)
    return not (_VALUE_IN_LINE.search(norm, start, at) and _VALUE_IN_LINE.search(norm, at + 1, end))


def _unwrapped(norm: str) -> str:
    """*norm* with each line break that only wraps a sentence of prose made a space, so that the sentence reads whole.

    The text keeps its length: positions found in *norm* hold in the result.
    """
    breaks = [found.start() for found in re.finditer("\n", norm) if _soft_wrap(norm, found.start())]
    if not breaks:
        return norm
    chars = list(norm)
    for at in breaks:
        chars[at] = " "
    return "".join(chars)


def _clauses(norm: str) -> list[tuple[int, int]]:
    """Split *norm* into clause spans."""
    spans, start = [], 0
    for mark in _CLAUSE_END.finditer(norm):
        spans.append((start, mark.end()))
        start = mark.end()
    spans.append((start, len(norm)))
    return [(a, b) for a, b in spans if norm[a:b].strip()]


def _clause_at(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next(((a, b) for a, b in clauses if a <= pos < b), (pos, pos))


def _list_name(norm: str, start: int) -> str:
    """The name the value at *start* is listed under on its own line, or ""."""
    line_start = norm.rfind("\n", 0, start) + 1
    match = _LIST_NAME.match(norm[line_start:start])
    return match.group("name") if match else ""


# Right after a value, past the bracket that closes it.
_AFTER_VALUE = r"[ \t]*[)）」』\]]?[ \t]*"
# A certificate said to be right ("…は正しく、", "…は正しいです"), not asked whether it is ("…は正しいですか").
_SAID_RIGHT = r"(?:は|が)(?:問題なく)?正し(?:く(?:[、,]|て|発行)|いです(?!か)|い(?:ので|けど|のですが|が|[。、,]|$))"
# A value said to be right, right after it ("1枚目(シリアル 38E1…)は正しく、2枚目の…が誤っていました"): that certificate
# is fine as it is.
_SAID_RIGHT_AFTER = re.compile(_AFTER_VALUE + _SAID_RIGHT)


# The next clause, right after the one that names a certificate and asks nothing of it, says to leave it as it is
# ("…（シリアル 4C0E…）は9月まで有効です。そのままにしてください", "…; please leave it as is", "こちらは使い続けます").
_KEPT_NEXT = re.compile(
    r"\s*(?:そのまま|(?:" + POINTER_JA + r"|この(?:証明書|分)|その(?:証明書|分))(?:は|も)"
    r"|(?:please\s+)?(?:just\s+)?(?:leave|keep)\s+(?:it|this\s+one|that\s+one|th(?:is|at)\s+certificate)\b"
    # The holder's one pointed back at by a pronoun ("…(serial …), but hers is fine — please don't touch hers").
    r"|(?:hers|his|theirs|that\s+one|this\s+one)\s+(?:is|are)\b)",
    re.I,
)


# A clause that ends in a verb's te-form and a comma ("使えていて、").
_TE_JOINED = re.compile(r"[てで]、\s*$")
# A hex run long enough to be a value of its own.
_VALUE_LIKE = re.compile(r"[0-9a-f]{6,}", re.I)
# "失効対象ではありません": the request's own word inside the words that exclude a value, which asks nothing.
_EXCLUDED_TOPIC = re.compile(r"(?:失効|取り?消し?|訂正|手続き?)の?" + _OUT_OF_SCOPE)
# The owner named again, as themselves, at the head of a clause.
_THEMSELVES = re.compile(r"\s*(?:本人|ご本人|ご自身|彼女?(?:は|が)|先方|(?:he|she|they)\b)", re.I)


# A list item said to be right as it is, in a clause of its own ("デスクトップ用は正しいです").
_RIGHT_AS_IT_IS = re.compile(_SAID_RIGHT)
# Rows said to be right or fine as they are ("本社の2名分は正しく記載されていました", "theirs are fine").
_SAID_FINE = re.compile(
    r"正しく(?:記載|発行|表示|印字)?(?:され|なって)|問題(?:ありません|ない|なし)|\b(?:is|are) (?:fine|correct|ok)\b",
    re.I,
)
# A value named as the exception to an ask ("本店用の1枚（シリアル 0f2b…）以外はすべて失効してください").
_EXCEPTED_AFTER = re.compile(_AFTER_VALUE + r"(?:以外|を除(?:く|き|いて)|は除(?:く|き|いて))")
# The same in English, before the value ("all certificates of the branch staff except Ms. Kimura's (2C8F …)").
_EXCEPTED_BEFORE = re.compile(
    r"\b(?:except|excluding|but not|other than|apart from)\b(?:[^.\n]|(?<=mr)\.|(?<=ms)\.|(?<=mrs)\.|(?<=dr)\.){0,30}?"
    r"[(（]?[ \t]*$",
    re.I,
)
_EXCEPTED_REACH = 40
_EXCEPTED = "named as the one excepted"


def _excepted_before(norm: str, span: tuple[int, int]) -> bool:
    """Tell whether the words before the value on its line name it as the exception ("… except Ms. Ono's (")."""
    start = max(tables.line_bounds(norm, span)[0], span[0] - _EXCEPTED_REACH)
    return bool(_EXCEPTED_BEFORE.search(norm, start, span[0]))


def _kept(norm: str, span: tuple[int, int], clauses: list[tuple[int, int]]) -> str:
    """Why the writer means to keep the serial at *span*, or "" when nothing says so."""
    start, end = span
    if NOT_THIS_ONE.match(norm, end) or _NOT_BEFORE.search(norm[max(0, start - 40) : start]):
        return "named as the one not meant"
    if _SAID_RIGHT_AFTER.match(norm, end):
        return "said to be right as it is"
    if _EXCEPTED_AFTER.match(norm, end):
        return _EXCEPTED
    a, b = _clause_at(clauses, start)
    conceded = _past_topic(norm, clauses, end, _past_wrap(norm, clauses, b))
    b = _past_concession(norm, clauses, conceded)
    own = norm[a:start] + " " + norm[end:b]
    keep = _KEEP.search(own)
    if keep and not _asks_of_it(own):
        return f"its clause says to keep it ({keep.group(0)})"
    # Only a clause that goes on in the same line is read so: a list's next line names the next item.
    after = [norm[x:y] for x, y in clauses if x >= b][:2] if "\n" not in norm[b - 1 : b] else []
    # A clause that points back at it, or one more after a concession's pointing clause ("…の証明書は来月更新予定
    # ですが、こちらは別途ご相談させていただきます。今回の失効対象ではありません"), unless it names a value of its own.
    pointed = bool(after) and bool(_KEPT_NEXT.match(after[0]))
    # So is the clause after a concession ("…（工学部、24E8…）も退職者名簿に載っていますが、4月から…再雇用のため、
    # 証明書は引き続き使用します").
    conceding = bool(_CONCESSION_END.search(norm[max(0, b - 8) : b]))
    if after and (pointed or ((b != conceded or conceding) and not _VALUE_LIKE.search(after[0]))):
        # The pointing clause is read alone first: the one after it may ask of another certificate.
        further = [after[0] + " " + after[1]] if pointed and len(after) > 1 and not _VALUE_LIKE.search(after[1]) else []
        for said_next in [after[0], *further]:
            # Or asks that it be left alone ("…, but hers is fine — please don't touch hers").
            said = (_KEEP.search(said_next) or _EXCLUDED.search(said_next) or _LEFT_ALONE.search(said_next)
                    or NOT_WANTED.search(said_next))
            if said and not _asks_of_it(own + " " + _EXCLUDED_TOPIC.sub(" ", said_next)):
                return f"the next clause says to leave it alone ({said.group(0)})"
    name = _list_name(norm, start)
    if name:
        told = [norm[x:y] for x, y in clauses if name in norm[x:y] and not x <= start < y]
        kept = [c for c in told if (_KEEP.search(c) or _RIGHT_AS_IT_IS.search(c)) and not _ASK.search(c)]
        if kept and not any(_ASK.search(c) for c in told):
            return f"the writer says to keep the one listed as {name}"
    # The owner may be a group of holders whose values are listed in brackets after it ("補助者2名（宮本 … ／ …）").
    owner = _owner_name(norm, start) or _group_name(norm, start)
    if not owner:
        return ""
    told = [norm[x:y] for x, y in clauses if owner in norm[x:y] and not x <= start < y]
    # The clause right after may name the owner as "本人" ("…島田さん（シリアル …）も…ですが、本人が別途ご連絡するとの
    # ことです").
    told += [norm[x:y] for x, y in clauses if x >= b and _THEMSELVES.match(norm, x)][:1]
    left = [
        c
        for c in told
        if (_KEEP.search(c) or _LEFT_ALONE.search(c) or _NO_ACTION_NEEDED.search(c))
        and not _ASK.search(NOT_WANTED.sub(" ", c))
    ]
    if left and not any(_ASK.search(NOT_WANTED.sub(" ", c)) for c in told if c not in left):
        return f"the writer says to leave the certificate of {owner} alone"
    return ""


# Whose certificate a serial is, named right before it ("株式会社オカダ精機様の証明書(シリアル …)", "新しい証明書（…）",
# "顧問先の社長(証明書 …)"); the writer's own ("私の証明書") names nobody else.
_OWNER_BEFORE = re.compile(
    r"(?P<name>[一-龥ぁ-んァ-ヶーA-Za-z0-9]{1,16}?)(?P<honorific>様|さん|氏)?(?:の方|方)?(?:の)?(?:電子)?証明書[ \t]*"
    r"[(（]?[ \t]*(?:(?:の[ \t]*)?(?:シリアル(?:番号)?|番号|S/N|serial(?:\s*no\.?)?)[ \t]*[:：]?[ \t]*)?$"
    r"|(?P<person>[一-龥ァ-ヶー]{2,16}?)(?P<title>様|さん|氏)?[ \t]*[(（][ \t]*"
    r"(?:(?:電子)?証明書|シリアル(?:番号)?|S/N)[ \t]*[:：]?[ \t]*$",
    re.I,
)
# A person named by their post or their tie to the writer, not by name ("所長", "顧問先の社長", "同僚", "妻").
_ROLE = re.compile(
    r"(?:社長|所長|部長|課長|係長|室長|店長|院長|会長|代表|役員|理事長?|上司|同僚|先輩|後輩|部下|前任者?|後任者?|担当者|先生"
    r"|妻|夫|家内|主人|息子|娘|父|母|兄|姉|弟|妹)$"
)
# The words that tell which of the writer's own two certificates is meant ("新しい証明書", "古い方の証明書").
_WHICH_OF_TWO = ("新しい", "古い")
_OWN_NAME = re.compile(r"私|自分|僕|わたし|弊社|当社|当方|\bmy\b|\bour\b", re.I)
# Words that say nothing is to be done with a certificate ("何もしていただく必要はありません",
# "所長の分は変更ありません"), besides those of :data:`_KEEP` and :data:`_NO_ACTION_NEEDED`.
_LEFT_ALONE = re.compile(
    r"何も(?:しません|する必要|していただく必要|不要|いりません)|変更(?:は)?(?:ありません|なし|不要)"
    # The other will see to it in person ("森本先生はご自身で別途ご連絡されるとのことです").
    r"|(?:ご自身|ご本人|本人)(?:から|で|が)[^。\n]{0,10}?(?:連絡|申請|手続|請求)"
    r"|\bwill\s+(?:contact|write\s+to)\s+you\s+(?:himself|herself|themselves|separately|directly)\b"
    r"|\bno\s+need\s+to\s+do\s+anything\b|\bnothing\s+(?:needs\s+to\s+be\s+done|to\s+do)\b",
    re.I,
)


# A group of holders counted before the brackets that list their values ("補助者2名（宮本 4d 12 … ／ 小川 4d 12 …）").
_GROUP_BEFORE = re.compile(r"(?P<group>[一-龥ァ-ヶー]{2,8})[2-9二三四五六七八九](?:名|人)[（(][^()（）\n]*$")


def _group_name(norm: str, start: int) -> str:
    """The group of holders whose listed values, in brackets after the group, hold the serial at *start*, or ""."""
    line_start = norm.rfind("\n", 0, start) + 1
    match = _GROUP_BEFORE.search(norm, max(line_start, start - 80), start)
    return match.group("group") if match else ""


def _owner_name(norm: str, start: int) -> str:
    """The last words of the owner named right before the serial at *start* (at most four characters), or ""."""
    line_start = norm.rfind("\n", 0, start) + 1
    match = _OWNER_BEFORE.search(norm[max(line_start, start - 40) : start])
    if not match:
        return ""
    words = match.group("name") or match.group("person")
    # Which of the writer's own two it is ("新しい証明書", "古い方の証明書"), or the last word of a name or title;
    # a kind of certificate ("一般向け証明書") names nobody, so a name needs an honorific or a post.
    which = next((word for word in _WHICH_OF_TWO if words.endswith(word)), "")
    name = which or (re.findall(r"[一-龥ァ-ヶーA-Za-z0-9]+", words) or [""])[-1]
    named = which or match.group("honorific") or match.group("title") or _ROLE.search(name)
    # A name of one character is too short to trust, but for family the writer names so ("妻の証明書").
    if not named or (len(name) < 2 and not _ROLE.fullmatch(name)) or _OWN_NAME.search(words[-len(name) - 2 :]):
        return ""
    return name[-4:]


# A clause that ends in a comma where the line breaks goes on on the next line ("… was on a clean
# machine,", then "so please do NOT touch that one."): the mail program wrapped one sentence.  So
# does a Japanese line that ends in a particle, which no sentence ends in ("…は有効期限まで", then
# "そのまま使いますので、こちらは失効しないでください。"; "…はバックアップしていないので", then
# "こちらはそのまま使い続けたいと思います。"): the writer broke the line inside the sentence.  The
# greetings that end in は ("こんにちは", "こんばんは") end their line.
_COMMA_AT_BREAK = re.compile(
    r"(?:[,、]|(?<!こんにち)(?<!こんばん)[はをがにで]|まで|ので|から|けど|けれど|ため|より)[ \t]*\n$"
)


# A clause that ends after its serial in a topic marker ("…の証明書 C69A… につきましては", "… は"), or
# that names it after "as for", says nothing of it yet: what is said of the serial follows in the
# next clause ("来月更新の予定ですので、こちらはそのままにしておいてください", "as for mine, 5B0C…,\n
# it renews next month, so leave it").
_TOPIC_AFTER = re.compile(r"^[ \t]*(?:に(?:つき|つい|関し)(?:まし)?て(?:は)?|は)[ \t]*[、,]?\s*$")
_TOPIC_BEFORE = re.compile(r"\bas\s+(?:for|to|regards)\b[^.\n]{0,40}$", re.I)


# A clause that names a certificate and ends in a concession ("…の証明書（A762…）がありますが、"), followed by one
# that points back at it ("こちらは手元にあって無事なので、そのままにしておいてください"), says in that next
# clause what is to be done with it.
_CONCESSION_END = re.compile(r"(?:が|けど|けれど|ですが|ものの)[、,]\s*$|\b(?:but|however)[ \t,]*$", re.I)
_POINTS_BACK = re.compile(
    r"\s*(?:(?:" + POINTER_JA + r"|この(?:証明書|分|1枚|一枚)|その(?:証明書|分|1枚|一枚))(?:は|も|について)"
    r"|(?:his|her|their|its|it|that\s+one|this\s+one)\b)",
    re.I,
)


def _past_concession(norm: str, clauses: list[tuple[int, int]], end: int) -> int:
    """Where the clause ending at *end* ends, past the next clause when that one points back at it."""
    if not _CONCESSION_END.search(norm[max(0, end - 8) : end]):
        return end
    following = [(a, b) for a, b in clauses if a >= end]
    if not following or not _POINTS_BACK.match(norm, following[0][0]):
        return end
    return following[0][1]


def _past_topic(norm: str, clauses: list[tuple[int, int]], value_end: int, end: int) -> int:
    """Where the clause ending at *end* ends, past the next clause when the serial is only named as its topic."""
    rest = norm[value_end:end]
    english = _TOPIC_BEFORE.search(norm, max(0, value_end - 80), value_end) and re.fullmatch(r"[ \t,]*\s*", rest)
    if not (_TOPIC_AFTER.match(rest) or english):
        return end
    return next((b for a, b in clauses if a >= end), end)


def _past_wrap(norm: str, clauses: list[tuple[int, int]], end: int) -> int:
    """Where the clause ending at *end* ends, past a line break inside its sentence (see :data:`_COMMA_AT_BREAK`)."""
    if not _COMMA_AT_BREAK.search(norm[max(0, end - 8) : end]):
        return end
    return next((b for a, b in clauses if a == end), end)


def _excluded(norm: str, span: tuple[int, int], spans: list[tuple[int, int]]) -> str:
    """Why the serial at *span* is no part of the request ("…は対象外です"), or "" when nothing says so.

    The words read are those after it up to the end of its sentence (past a semicolon or a
    comma: "…(0X…) は対象外です", "26d7…; it is not related to this request"), and stop at
    another serial, whose words they would be.  A remark in brackets on the value's own label may say
    so before it ("上司の証明書（参考）：…").
    """
    line_start = norm.rfind("\n", 0, span[0]) + 1
    remark = _FOR_REFERENCE_LABEL.search(norm, line_start, span[0]) or _REFERENCE_BRACKET.search(
        norm, line_start, span[0]
    )
    if remark:
        return f"its label gives it for reference only ({remark.group(0).strip()})"
    # Values listed together ("他の社員の証明書(B8A6…102、B8A6…213)は…対象外") share the words after the last one.
    end = _listed_end(norm, span, spans)
    stop = min([_end_across_wraps(norm, end), *(start for start, _end in spans if start >= end)])
    told = _EXCLUDED.search(norm, end, stop)
    return f"the writer says it is no part of the request ({told.group(0)})" if told else ""


# What parts two values of one list: a comma, a middle dot, a slash or "と" ("A、B", "A と B").
_LIST_JOINER = re.compile(r"[ \t]*(?:[、,，・/]|と|及び|および)[ \t]*")


def _listed_end(norm: str, span: tuple[int, int], spans: list[tuple[int, int]]) -> int:
    """Where the list of values that *span* opens or goes on ends: the end of the last value joined to it."""
    end = span[1]
    while True:
        following = next((other for other in sorted(spans) if other[0] >= end), None)
        if following is None or not _LIST_JOINER.fullmatch(norm, end, following[0]):
            return end
        end = following[1]


# A line that ends inside a sentence: after no full stop, comma or colon, and not empty.
_BROKEN_LINE = re.compile(r"[^\s。．.！？!?、,，:：][ \t]*\n[ \t]*$")
# A line the mail program broke after a particle ("…(シリアル 4f09 …)は\n6月に退職し…"): the sentence goes on.
# ("…（シリアル 21C8 …）は、\n昨年11月にすでに失効していただいておりますので、今回は関係ありません").
# So does a line broken after a value's bracket and a comma ("…使っていますが（E2C9 …）、\nそちらは関係ありません").
_WRAPPED_AFTER_PARTICLE = re.compile(r"[)）」』]?(?:は|が|を|も|に|の|と|で)、?[ \t]*$|[)）]、[ \t]*$")
# How many broken lines a sentence is followed across.
_WRAPS_FOLLOWED = 2


def _end_across_wraps(norm: str, pos: int) -> int:
    """Where the sentence going on at *pos* ends, across lines the mail program broke after a particle."""
    end = sentences.end_after(norm, pos)
    for _ in range(_WRAPS_FOLLOWED):
        if end >= len(norm) or norm[end] != "\n" or not _WRAPPED_AFTER_PARTICLE.search(norm, pos, end):
            break
        if not norm[end + 1 : end + 2].strip():
            break  # An empty line ends the paragraph.
        end = sentences.end_after(norm, end + 1)
    return end


def _past_broken_line(norm: str, clauses: list[tuple[int, int]], a: int) -> int:
    """Where the clause starting at *a* starts, before the line above when the mail program broke the sentence there.

    A serial in brackets at the start of a line ("（シリアル 0F2A…）は…") names the noun the line
    above ends with ("…他社の証明書"): the clause it stands in began there.
    """
    if not _BROKEN_LINE.search(norm, max(0, a - 8), a) or not re.match(r"[ \t]*[(（]", norm[a:]):
        return a
    return next((start for start, end in clauses if end == a), a)


def _anothers(norm: str, span: tuple[int, int], clauses: list[tuple[int, int]]) -> str:
    """Why the serial at *span* is another party's certificate, or "" when its clause does not say so.

    Beside the writer's own certificate, one named as another's ("取引先から受け取った契約書の署名の
    証明書（シリアル …）が有効か確認したい", "the other party's certificate …") is asked about, not acted on.
    """
    a, b = _clause_at(clauses, span[0])
    a = _past_broken_line(norm, clauses, a)
    own = norm[a : span[0]] + " " + norm[span[1] : b]
    other = _NOT_THE_HOLDER.search(own)
    if other and not _ASK.search(NOT_WANTED.sub(" ", own)):
        return f"its clause names another party's certificate ({other.group(0)})"
    return ""


# A colleague's certificate named beside the writer's own ("同僚の田中さんの証明書（シリアル …）では問題なく署名できる
# のに、私の証明書だと…"): in a mail that asks for nothing to be done, it is named only to compare.
_COLLEAGUES = re.compile(
    r"(?:同僚|上司|部下|先輩|後輩|同期|隣の席|同じ(?:部署|課|部|係|チーム|会社|事務所))の[^。\n(（]{0,10}?(?:電子)?証明書"
    r"|\b(?:my|a)\s+(?:colleague|coworker|co-worker|boss)'?s\s+(?:certificate|cert)\b",
    re.I,
)
_OWN_CERTIFICATE = re.compile(r"(?:私|自分|わたし|僕)の(?:電子)?証明書|\bmy\s+(?:own\s+)?(?:certificate|cert)\b", re.I)


def _compared_only(norm: str, span: tuple[int, int], clauses: list[tuple[int, int]]) -> str:
    """Why the serial is a colleague's, named only to compare with the writer's own, or "" when it is not."""
    a, b = _clause_at(clauses, span[0])
    colleague = _COLLEAGUES.search(norm[a : span[0]])
    if not colleague or not _OWN_CERTIFICATE.search(norm, span[1]) or _names_an_action(norm):
        return ""
    return f"a colleague's certificate, named only beside the writer's own ({colleague.group(0)})"


# Words that doubt the history they tell ("失効済みのはずですが", "should have been revoked").
_SUPPOSED = re.compile(r"はず|と思(?:う|い|っ)|かもしれ|\bsupposed\b|\bshould\s+have\b|\bthought\b|\bi\s+think\b", re.I)
# What joins two parts of one clause, each about its own serial ("X expired and Y replaced it").
_JOINER = re.compile(r"\band\b|\bbut\b|[,、;]", re.I)


# A bracket opened before a serial and not closed before it, and the bracket that closes it.
_OPEN_BRACKET = re.compile(r"[（(][^）)]*$")
_CLOSE_BRACKET = re.compile(r"[）)]")


# How far after the words of a past a doubt of them may stand ("失効済みのはずですが").
_DOUBT_REACH = 8


def _history(norm: str, span: tuple[int, int], spans: list[tuple[int, int]], clauses: list[tuple[int, int]]) -> str:
    """Why the serial at *span* is history (already revoked or expired), or "" when nothing says so.

    The words read are those of its own clause up to the next or from the previous serial, so
    that "X expired and was replaced by Y" tells X's past only; words that ask something of it
    or doubt its past ("失効済みのはずですが") tell no history.
    """
    a, b = _clause_at(clauses, span[0])
    before = max([a, *(end for _start, end in spans if end <= span[0])])
    after = min([b, *(start for start, _end in spans if start >= span[1])])
    # Of the words between two serials, those before a joiner ("and", a comma) tell of the first;
    # words up to the clause's end, with no other serial in between, tell of this one, commas and all.
    lead = _JOINER.split(norm[before : span[0]])[-1] if before > a else norm[before : span[0]]
    tail = _JOINER.split(norm[span[1] : after])[0] if after < b else norm[span[1] : after]
    opened = _OPEN_BRACKET.search(norm, before, span[0])
    inside = _CLOSE_BRACKET.split(norm[span[1] : after])[0] if opened else ""
    if opened and inside.strip(" ,、") and _CLOSE_BRACKET.search(norm, span[1], after):
        # A serial in a remark in brackets ("4E6A…（以前の 1B3D… は失効済み）を…", "(the old one,
        # 1B3D…, expired)") is told of by the words of the remark only, commas and all; a bracket
        # that only holds its label ("以前の証明書（シリアル 2E5D…）は失効済み") is no remark.
        lead = norm[opened.start() + 1 : span[0]]
        tail = inside
    own = lead + " " + tail
    history = _HISTORY.search(own)
    told = history or _replaced(lead, tail, norm[a:b])
    # A doubt counts up to the words of its past; one after them is of something else ("…has already expired, so
    # I think nothing needs to be done").
    doubted = _SUPPOSED.search(own, 0, history.end() + _DOUBT_REACH) if history else _SUPPOSED.search(own)
    if told and not rules.REQUEST.check(fold(own)) and not doubted:
        return f"its clause tells it is history ({told.group(0)})"
    return ""


# The next clause points back at the value and says it is not the one meant: history, another's, not the writer's
# ("…9B24D6F8 ですが、これは去年期限切れになった古い証明書のもののようです", "…と書きましたが、これは同僚の証明書の
# 番号でした").  A remark in brackets right after the value may say so too ("01:0e:7a:3c (not mine)").
_POINTS_BACK_AT = re.compile(r"\s*(?:" + POINTER_JA + r"(?:は|が)?|" + POINTER_EN + ")", re.I)
_NOT_MEANT = re.compile(
    r"(?:同僚|上司|部下|他人|別の(?:方|人|者)|前任者?|前の担当者?)の(?:方の)?(?:電子)?(?:証明書|もの|番号)|古い(?:方の)?(?:電子)?証明書"
    r"|(?:私|自分|わたし|僕)の(?:もの|証明書|番号)?(?:では|じゃ)(?:なく|ない|ありません)"
    r"|\b(?:a\s+colleague's|my\s+colleague's|someone\s+else's|not\s+mine|an\s+old\s+(?:one|certificate)|the\s+old\s+one)\b",
    re.I,
)
_NOT_MINE_AFTER = re.compile(
    r"\s*[(（]\s*(?:not\s+mine|not\s+my\s+(?:own|certificate|cert)|私の(?:もの)?(?:では|じゃ)(?:ありません|ない))\s*[)）]"
    # Said inside the bracket that holds the value ("(9bb4… is my colleague's, not mine)").
    r"|\s+is\s+(?:my\s+colleague's|someone\s+else's|not\s+mine)\b",
    re.I,
)


def _says_set_apart(words: str) -> re.Match[str] | None:
    """What in a note or heading says the values it marks are history, need nothing or are excluded, if anything."""
    return _HISTORY.search(words) or _NO_ACTION_NEEDED.search(words) or _EXCLUDED.search(words)


# A note set beside a value with an arrow, on its line ("61fe 0a9c … ← こちらは対応不要です", "<- not this one").
_ARROW_NOTE = re.compile(r"[ \t]*(?:←|<-+|⇐|＜[-ー－])[ \t]*(?P<note>[^\n]{1,40})")


def _pointed_back(norm: str, span: tuple[int, int], clauses: list[tuple[int, int]]) -> str:
    """Why the clause after the serial's own says it is not the one meant, or "" when it does not."""
    remark = _NOT_MINE_AFTER.match(norm, span[1])
    if remark:
        return f"a remark beside it says it is not the writer's ({remark.group(0).strip()})"
    arrow = _ARROW_NOTE.match(norm, span[1])
    if arrow:
        note = arrow.group("note")
        said = NOT_WANTED.search(note) or _says_set_apart(note) or _NOT_MEANT.search(note)
        if said and not _ASK.search(NOT_WANTED.sub(" ", note)):
            return f"a note beside it says it is not to be acted on ({said.group(0)})"
    _a, b = _clause_at(clauses, span[0])
    nxt = next(((c, d) for c, d in clauses if c >= b), None)
    if nxt is None or not _POINTS_BACK_AT.match(norm, nxt[0]):
        return ""
    following = norm[nxt[0] : nxt[1]]
    said = _NOT_MEANT.search(following) or _HISTORY.search(following)
    if said and not _ASK.search(NOT_WANTED.sub(" ", following)):
        return f"the next clause says it is not the one meant ({said.group(0)})"
    return ""


# A value the writer says they gave by mistake ("誤って 90D4…（経理 今野のもの）と書いてしまいました",
# "I mistakenly wrote 90D4…"): named only to take it back, it is none the writer asks about.
_BY_MISTAKE_BEFORE = re.compile(
    r"(?:誤って|間違(?:え|っ)て|まちがえて|うっかり)[^。\n]{0,30}$|\b(?:mistakenly|wrongly|by\s+mistake)\b[^.\n]{0,30}$",
    re.I,
)
_GIVEN_AFTER = re.compile(
    r"^[^。\n]{0,60}?(?:と(?:書|記載|記入|入力|送|お伝え|お知らせ)|\b(?:was|were)\s+(?:not|wrong)\b)"
    r"|^[^.\n]{0,60}?\bby\s+mistake\b",
    re.I,
)
_GIVEN_BEFORE = re.compile(r"\b(?:wrote|gave|sent|typed|put|listed)\b[^.\n]{0,20}$", re.I)


def _by_mistake(norm: str, span: tuple[int, int], clauses: list[tuple[int, int]]) -> str:
    """Why the serial at *span* is one the writer gave by mistake and takes back, or "" when nothing says so."""
    a, b = _clause_at(clauses, span[0])
    lead, tail = norm[a : span[0]], norm[span[1] : b]
    mistake = _BY_MISTAKE_BEFORE.search(lead)
    if mistake and (_GIVEN_AFTER.search(tail) or _GIVEN_BEFORE.search(lead)):
        return f"the writer gave it by mistake ({mistake.group(0).strip()[:30]})"
    return ""


# What may stand beside a serial alone on its line of a list: list marks and blanks.
_LIST_MARKS = re.compile(r"[\s\-・*•>●○◆■□▪+]*")
# The longest heading line read over a list of serials ("[失効済みのため対応不要]", "Already revoked:").
_HEADING_MAX = 40
# A list item that names whose serial it gives before the value, a remark after it may follow, marked or only indented
# ("  ・森 健太郎    E5B2093C4D7A1F60 … 引き続き使用します", "- 中野 真理子  シリアル:0A3E…").
_NAMED_ITEM = re.compile(
    r"[ \t]*(?P<mark>[・\-*•●○◆■□▪+][ \t]*)?(?![・\-*•●○◆■□▪+])[^\n。、,:：\s][^\n。、,:：]{0,15}?[ \t]*"
    r"(?:(?:シリアル(?:番号)?|S/N|serial(?:\s+no\.?)?)[ \t]*[:：]?)?[ \t]*",
    re.I,
)


# Words of a sentence that point at the list below it ("以下の2名は", "下記の証明書", "the following").
# A sentence that picks among the list ("以下のうち、2番目は…") speaks of some of its items, not of the list.
_POINTS_AT_LIST = re.compile(r"(?:以下|下記|次)の(?!うち|中で?)|\bthe following\b|\bbelow\b", re.I)


def _heading(norm: str, span: tuple[int, int], spans: list[tuple[int, int]]) -> str:
    """The heading over the list that holds the serial at *span*, alone on its line, or "".

    The heading is the nearest line above with text, passing over blank lines and the lines of
    other serials of the same list; a long line is a sentence, not a heading.
    """
    line_start, line_end = tables.line_bounds(norm, span)
    plain = _LIST_MARKS.fullmatch(norm[line_start : span[0]]) and _LIST_MARKS.fullmatch(norm[span[1] : line_end])
    named = _NAMED_ITEM.fullmatch(norm, line_start, span[0])
    if not plain and not named:
        return ""
    end = line_start - 1
    while end > 0:
        start = norm.rfind("\n", 0, end) + 1
        line = norm[start:end].strip()
        listed = any(start <= a < end for a, _b in spans)
        if line and not listed:
            # An item only indented, with no mark, stands under a heading, not under a sentence ("他の方はそのまま
            # 使います。" above a numbered list names no heading).
            sentence = not plain and named is not None and not named.group("mark") and line.endswith(("。", "."))
            # A long sentence heads the list when it points at it ("以下の2名は、引き続き利用いたしますので
            # 手続きは不要です。"), as a short heading does.
            pointing = (_POINTS_AT_LIST.search(line) and not _PICKED.search(line)
                        and line.endswith(("。", ".", ":", "：")))
            return line if (len(line) <= _HEADING_MAX and not sentence) or pointing else ""
        end = start - 1
    return ""


def _headed_apart(norm: str, span: tuple[int, int], spans: list[tuple[int, int]]) -> str:
    """Why the serial at *span* is set apart by its list's heading, or "" when the heading does not say so.

    A writer who sorts serials under headings ("[失効をお願いするもの]", then "[失効済みのため対応不要]")
    tells by the heading which are history, need nothing or are to be kept; a heading that asks
    tells nothing apart.
    """
    heading = _heading(norm, span, spans) or _bracket_heading_above(norm, span)
    told = _says_set_apart(heading)
    if told and not rules.REQUEST.check(fold(heading)):
        return f"its list's heading sets it apart ({told.group(0)})"
    # A heading may say to keep the certificate under it ("こちらは無事なので、そのまま使い続けたいです
    # （失効しないでください）："), asking nothing of it.
    heading = heading or _line_above_colon(norm, span)
    keep = _KEEP.search(heading)
    if keep and not _asks_of_it(heading):
        return f"its list's heading says to keep it ({keep.group(0)})"
    return ""


# What may stand beside a serial on its own line under a heading: a short label before it ("new  S/N",
# "旧 シリアル：") and a remark in brackets after it ("(issued 2024-05-09)").
_ROW_LABEL = re.compile(r"[ \t\-・*•>]*(?:(?:[^\W\d_]|[/.]){1,8}[ \t]*){0,3}[:：#]?[ \t]*")
_ROW_REMARK = re.compile(r"[ \t]*(?:[(（][^()（）\n]{0,40}[)）])?[ \t]*")


def _bracket_heading_above(norm: str, span: tuple[int, int]) -> str:
    """The heading in brackets right above the row of the serial at *span* ("【参考：失効対象外（引き続き使用）】").

    "" when there is none.

    A row under such a heading may carry a holder's title and name before its value; the row is no sentence.
    """
    line_start, line_end = tables.line_bounds(norm, span)
    if line_start == 0 or re.search(r"[。.!?！？]\s*$", norm[line_start:line_end]):
        return ""
    above = norm[norm.rfind("\n", 0, line_start - 1) + 1 : line_start - 1].strip()
    return above if re.fullmatch(r"[【\[［〔].{1,40}[】\]］〕]", above) else ""


def _line_above_colon(norm: str, span: tuple[int, int]) -> str:
    """The line right above the serial at *span* when it ends in a colon (a long heading), or "".

    The serial stands alone on its line, but for a short label before it and a remark in brackets after it
    (:data:`_ROW_LABEL`, :data:`_ROW_REMARK`).
    """
    line_start, line_end = tables.line_bounds(norm, span)
    if line_start == 0 or not (
        _ROW_LABEL.fullmatch(norm[line_start : span[0]]) and _ROW_REMARK.fullmatch(norm[span[1] : line_end])
    ):
        return ""
    above = norm[norm.rfind("\n", 0, line_start - 1) + 1 : line_start - 1].strip()
    return above if above.endswith((":", "：")) else ""


# Words after a serial that say another certificate took its place ("… was replaced by …",
# "… has been superseded"), and words before one that say it was replaced ("… replaced 2B7D…").
_REPLACED_AFTER = re.compile(
    r"^[\s)）」』\]]*(?:(?:was|has\s+been|had\s+been|got)\s+(?:replaced|superseded|renewed)\b)", re.I
)
_REPLACED_BEFORE = re.compile(
    r"\b(?:replaced|replaces|replacing|supersedes|superseded)\s+(?:(?:the|my|our|old|previous|one|certificate|cert"
    r"|serial|number|no\.?)\s+)*[\s(\[:#]*$",
    re.I,
)
# In Japanese the replaced serial is the one a switch starts from ("旧 2B7D… から新しい 6E0A… に切り替え"):
# "から" right after it, in a clause that tells of a renewal or a switch.
_FROM_AFTER = re.compile(r"^[\s)）」』\]]*から")
_SWITCHED = re.compile(r"更新|切り?替|置き?換|移行|乗り?換")


def _replaced(lead: str, tail: str, clause: str) -> re.Match[str] | None:
    """The words that tell a serial was replaced by another one of the mail, or None.

    *lead* and *tail* are the words of its clause before and after it, up to the other serials.
    """
    if _SWITCHED.search(clause):
        switched = _FROM_AFTER.match(tail)
        if switched:
            return switched
    return _REPLACED_AFTER.match(tail) or _REPLACED_BEFORE.search(lead)


def _heads_a_value(norm: str, end: int) -> bool:
    """Tell whether the line after the clause ending at *end* starts with a value, as under a heading."""
    line_end = norm.find("\n", end)
    if line_end < 0:
        return False
    nxt = norm.find("\n", line_end + 1)
    return bool(_VALUE_ON_LINE.match(norm[line_end + 1 : nxt if nxt >= 0 else len(norm)].strip()))


def _told_not_to(norm: str, span: tuple[int, int], clauses: list[tuple[int, int]]) -> str:
    """Why the serial at *span* is plainly not to be revoked ("…はそのまま使いますので失効しないでください"), or "".

    The writer may say so in its own clause, or in another clause that names the certificate
    by the words the serial was given with ("手元の証明書（シリアル …）とは別に…。手元の証明書は
    失効しないでください"), as long as the serial's own clause asks nothing of it.
    """
    a, b = _clause_at(clauses, span[0])
    b = _past_wrap(norm, clauses, b)
    if _TE_JOINED.search(norm, max(a, b - 4), b):
        # A clause joined to the next by a verb's te-form goes on in it ("…は問題なく使えていて、失効する予定は
        # ありません"), unless the next names a value of its own.
        following = next(((x, y) for x, y in clauses if x >= b), None)
        if following and not _VALUE_LIKE.search(norm, following[0], following[1]):
            b = following[1]
    own = norm[a : span[0]] + " " + norm[span[1] : b]
    # A revocation set aside for an application's cancellation ("失効ではなく、追加の申込の取消を")
    # tells it as plainly; set aside for anything else ("失効ではなく再発行を") it may still be acted on.
    # Whether the clause asks about an application does not depend on the negation found, so it is
    # looked up once, before the negations are walked.
    told = NOT_WANTED.search(own) or (
        next((m for m in NEGATED_TOPIC.finditer(own) if _ASK.search(m.group(0))), None)
        if _APPLICATION_ASK.search(own)
        else None
    )
    if told and not _asks_of_it(own):
        return f"its clause says not to revoke it ({told.group(0)})"
    if _ASK.search(NOT_WANTED.sub(" ", own)):
        return ""
    # The next clause points back at it and says so ("…は既に期限切れです。そちらは何もしなくていいと理解しています").
    # Not a heading that points at a value below it ("こちらは…無事なので、そのまま使い続けたいです（失効しないで
    # ください）：" above its own value).
    following = next(((x, y) for x, y in clauses if x >= b), None)
    then = norm[following[0] : following[1]] if following else ""
    if (following and _POINTS_BACK.match(norm, following[0]) and not _VALUE_LIKE.search(then)
            and not re.search(r"[:：]\s*$", then) and not _heads_a_value(norm, following[1])):
        told = NOT_WANTED.search(then)
        if told and not _ASK.search(NOT_WANTED.sub(" ", then)):
            return f"the clause after it points back at it and says not to revoke it ({told.group(0)})"
    name = _described_as(norm[a : span[0]])
    if name is None:
        return ""
    for x, y in clauses:
        clause = norm[x:y]
        if x <= span[0] < y:
            continue
        named = name.search(clause)
        told = NOT_WANTED.search(clause)
        if named and told and not _ASK.search(NOT_WANTED.sub(" ", clause)):
            return f"the writer says not to revoke the one named {named.group(0)} ({told.group(0)})"
    return ""


# The words a certificate is named by right before its serial ("使用中の証明書（シリアル番号 ",
# "古い証明書 ", "my current certificate (serial "): a word, then "certificate", then the label.
_DESCRIBED_JA = re.compile(
    r"(?P<word>[^\s、。,.:：()「」『』【】をはがもにでとの]{2,12}?)(?P<no>の)?(?:電子)?証明書"
    r"\s*[(「【]?\s*(?:シリアル(?:番号|ナンバー)?|s/n)?\s*[:：=]?\s*$",
    re.I,
)
_DESCRIBED_EN = re.compile(
    r"\b(?P<word>[a-z]{3,})\s+(?:certificate|cert)\s*\(?\s*(?:with\s+)?(?:serial(?:\s*(?:no\.?|number))?|s/n)?"
    r"\s*[:#=]?\s*$",
    re.I,
)
# A person named right before the serial, family name and given name in kanji ("前川 聡（シリアル "): the
# family name alone finds the person again ("前川は引き続き在籍しておりますので、こちらは失効しないでください").
_PERSON_BEFORE = re.compile(
    r"(?:^|[\s、,：:・)）])(?P<family>[一-龥々]{1,4})[ \t\u3000]+[一-龥々ぁ-んァ-ヶ]{1,4}(?:さん|様|氏)?"
    r"[ \t\u3000]*[(（]?[ \t]*(?:シリアル(?:番号|ナンバー)?|s/n)?[ \t]*[:：=]?[ \t]*$",
    re.I,
)
# Words that point rather than name ("この", "上記", "the", "this"): the same words name any certificate.
_POINTING = re.compile(
    r"^(?:この|その|あの|どの|上記|下記|以下|当該|対象|該当|各|全て|すべて|ご|お)$"
    r"|^(?:the|this|that|these|those|our|your|their|his|her|its|one|same|with|for|and|about)$",
    re.I,
)


def _described_as(before: str) -> re.Pattern[str] | None:
    """The words naming the certificate whose serial follows *before*, as a pattern to find them elsewhere.

    Of a Japanese name the last three characters are kept ("現在使用中の証明書" is found again as
    "使用中の証明書"), so a name shortened in a later sentence is still found; a word that only
    points ("この証明書", "the certificate") names nothing.  A person named right before the serial
    ("前川 聡（シリアル") is found again by the family name ("前川は").
    """
    ja = _DESCRIBED_JA.search(before)
    if ja:
        word = ja.group("word")[-3:]
        if _POINTING.match(word) or _POINTING.match(ja.group("word")):
            return None
        # Named again in short ("新しい方はこのまま使います", "古い分"), or in full.
        return re.compile(re.escape(word) + r"(?:の?(?:電子)?証明書|の?方|の分|のもの)")
    en = _DESCRIBED_EN.search(before)
    if en and not _POINTING.match(en.group("word")):
        return re.compile(r"\b" + re.escape(en.group("word")) + r"\s+(?:certificate|cert|one)\b", re.I)
    person = _PERSON_BEFORE.search(before)
    if person:
        return re.compile(re.escape(person.group("family")) + r"(?:さん|様|氏)?(?:は|の|も)")
    return None


def _cancels_an_application(norm: str) -> bool:
    """Tell whether the mail calls off an application, before any certificate was issued for it.

    A cancellation word and an application named as what is cancelled, or told as not yet issued
    ("申込の取消をお願いします", "申込中の証明書…やめたい", "withdraw the renewal application"), in
    the intent rules' words (:data:`intake.rules.CANCEL_APPLICATION`, :data:`intake.rules.NOT_ISSUED`),
    or as the topic of the ask ("今回の発行申込は取り消させてください", :data:`_APPLICATION_ASK`); or an application
    named as what is revoked, the loose word for calling it off ("I'd like to revoke my application").
    """
    wanted = _wanted(norm)
    if rules.REVOCATION.check(wanted) and rules.APPLICATION_OBJECT.check(wanted):
        # "I'd like to revoke my application from last week": the loose word for calling it off.
        return True
    return bool(rules.CANCEL_WORD.check(wanted)) and bool(
        rules.CANCEL_APPLICATION.check(wanted) or rules.NOT_ISSUED.check(wanted) or _APPLICATION_ASK.search(wanted)
    )


# Why a serial named only in quoted text is left out of a mail that calls off an application.
_QUOTED_BESIDE_APPLICATION = "named only in the quoted text, beside the application the mail calls off"


def _in_use_beside_application(
    norm: str, span: tuple[int, int], clauses: list[tuple[int, int]], spans: list[tuple[int, int]], *, cancels: bool
) -> str:
    """Why the serial at *span* is the certificate in use beside an application the mail calls off, or "".

    An application has no serial yet: a writer who calls one off and names a serial with words
    that keep it ("既存の証明書 … はそのまま有効にしておいてください", "the existing certificate … stays
    valid") or set it apart ("…ですが、これは関係ありません") names the certificate they go on using,
    and acting on it would revoke that one.  Such words then leave out even the only serial.
    *cancels* is :func:`_cancels_an_application` of *norm*, read once per text by the caller.
    """
    if not cancels:
        return ""
    # Or the list's heading keeps it ("既に発行を受けている証明書は以下の2件です（こちらは引き続き使用します）").
    kept = _kept(norm, span, clauses) or _excluded(norm, span, spans) or _headed_apart(norm, span, spans) \
        or _existing_kept(norm)
    owner = _owner_name(norm, span[0])
    if not kept and owner and owner not in _WHICH_OF_TWO:
        # "先輩の証明書（…）と同じものを作るつもりで申込書を出したのですが…私の申込だけ取り消してください".
        kept = f"the certificate of {owner}"
    return f"{kept}, beside the application the mail calls off" if kept else ""


# The writer keeps the certificate they hold, in a sentence of its own ("既存の証明書はこのまま使います",
# "現在の証明書は期限まで使ってそのまま切れる形で結構です", "失効は不要です", "my current certificate stays").
_EXISTING_KEPT = re.compile(
    r"(?:既存|現在|今|いま|手持ち|お使い|使用中|従来|旧|発行済み?)の?(?:証明書|もの|分)(?:は|も)[^。\n]{0,30}?"
    r"(?:このまま|そのまま|引き続き|期限まで|使い続け|継続|残し|有効のまま|問題なく使)"
    r"|失効(?:は|の必要は)?(?:不要|必要ありません|しないで|しなくて(?:も)?(?:大丈夫|結構|いい|よい|構いません))"
    r"|\b(?:current|existing|old)\s+(?:certificate|cert|one)\b[^.\n]{0,40}?\b(?:keep|stays?|remains?|still|continue"
    # "The current certificate I will just leave until it expires".
    r"|leave|let\s+it\s+(?:expire|run\s+out))",
    re.I,
)


@lru_cache(maxsize=8)
def _existing_kept(norm: str) -> str:
    """Why every serial named is the certificate kept beside an application called off, or "".

    Said anywhere in a mail that asks nothing of any certificate (the application's own cancel word
    and what is not wanted set aside), the words keep the one certificate the writer holds: "今お使い
    している証明書（1D78…）とは別に、追加発行を申込んでいましたが…追加分の申込を取り下げたいです。既存の
    証明書はこのまま使います".  A property of the whole text, read once per text (cached).
    """
    kept = _EXISTING_KEPT.search(norm)
    if not kept or _asks_of_it(norm):
        return ""
    return f"the writer keeps the certificate in use ({kept.group(0)})"


@lru_cache(maxsize=8)
def _wanted(norm: str) -> str:
    """What the writer wants in *norm*, read as the intent rules read it (computed once per text).

    Kana-only phrases are joined, the key words brought to one spelling, and what the writer
    does not want taken out; both :func:`_names_an_action` and :func:`_only_background` read it.
    """
    return wanted_only(fold(join_spaced(join_wrapped(norm))))


def _names_an_action(norm: str) -> bool:
    """Tell whether *norm* names an action or a loss (see :data:`_ACTION_RULES`) among what the writer wants.

    The text is read as the intent rules read it: kana-only phrases joined and the key words
    brought to one spelling ("とめて" is 止めて, "しっこう" is 失効), then what is not wanted taken out.
    """
    wanted = _wanted(norm)
    return any(rule.check(wanted) for rule in _ACTION_RULES) or bool(_REISSUE.search(wanted))


def _names_topic(sentence: str) -> bool:
    """Tell whether *sentence* names a topic of the intent rules (an action, a loss, a death)."""
    return any(rule.check(sentence) for rule in rules.TOPIC_RULES)


def _what_if(sentence: str) -> bool:
    """Tell whether *sentence* asks a question or supposes a case ("…した場合、どうすれば", "what if …")."""
    return any(rule.check(sentence) for rule in (rules.QUESTION, rules.HYPOTHETICAL, rules.PREPARATION))


# Thanks given ahead of an answer ("Thank you in advance") close a letter; they prepare for nothing.
# Nor does a serial offered "in case you need it" ("My certificate is 232D…, just in case you need
# it", "念のためシリアルを記載します"): the writer hands over the serial for what they ask now.  And a
# writer who says that nothing has happened ("Nothing has happened on my side") reports no incident
# but prepares for none either; the words that look ahead (a what-if, "to be prepared") do.
_PREPARES_FOR_NOTHING = re.compile(
    r"\bthank(?:s|\s+you)(?:\s+very\s+much)?\s+in\s+advance\b"
    r"|\b(?:just\s+)?in\s+case\s+(?:you|it|that|this)\s+(?:need|needs|needed|require|requires|is\s+(?:needed|useful|helpful)"
    r"|helps?|matters?)\b"
    r"|念のため[、,]?\s*(?:シリアル(?:番号)?|番号)?(?:を|も)?(?:記載|記入|書いて|書き|添えて|お知らせ|お伝え|申し添え|併記|載せて)"
    r"|\bnothing\s+(?:bad\s+)?(?:has\s+)?happened(?:\s+(?:on|at|from)\s+my\s+(?:side|end))?\b",
    re.I,
)


# Words that report a step done with the certificate ("無事にインストールできました", "installed fine").
_DONE = re.compile(
    r"(?:インストール|導入|設定|登録|取り?込み|インポート)(?:が|も|は)?(?:無事に?)?(?:でき|完了し|終わり)(?:ました|た)"
    r"|無事(?:に)?(?:インストール|導入|設定|取り?込み|インポート)"
    r"|\b(?:installed|imported|set\s+up)\s+(?:it\s+)?(?:successfully|fine|without\s+(?:any\s+)?(?:problems?|issues?))"
    r"|\b(?:is|was|got\s+it)\s+(?:now\s+)?(?:successfully\s+)?installed\b",
    re.I,
)
# Words of thanks ("ありがとうございました", "助かりました", "thank you").
_THANKS = re.compile(r"ありがと|有難|有り難|助かりました|感謝|お礼|\bthanks?\b|\bthank\s+you\b", re.I)


def _only_background(norm: str) -> str:
    """Why the serials the mail names are only background to what it says, or "" when it may ask something.

    A mail that asks for nothing to be done and reports nothing that happened (no request, no
    incident, no death, no lost thing found again, in the intent rules' words) names a serial as
    background when it prepares for an incident ("万が一PCをなくした場合の手順は?"), when its
    writer is not the certificate's holder ("受け取り側です。このシリアルは有効ですか"), or when it
    tells its reader what will happen to their certificate, as only the CA (or phishing) writes.
    """
    wanted = _wanted(norm)
    if any(rule.check(wanted) for rule in (rules.INCIDENT, rules.DEATH_EVENT, rules.RECOVERED)):
        return ""
    topical = [sentence for sentence in sentences.pieces(wanted) if _names_topic(sentence)]
    # A notice asks its reader to do something ("ご確認ください"), but never asks for a topic's action.
    readers = _READERS_CERTIFICATE.search(norm)
    if readers and _WILL_HAPPEN.search(norm) and not any(rules.REQUEST.check(s) for s in topical):
        return f"the mail tells its reader what will happen to their certificate ({readers.group(0)})"
    asks = rules.QUESTION.check(wanted)
    if rules.REQUEST.check(wanted):
        return ""
    # Thanks for help with a step that has now worked ("無事にインストールできました", "it is installed
    # now") report a success and ask nothing: the serial quoted says which certificate.  The thanks
    # may name the help given ("教えていただき、ありがとうございました"); that asks nothing either.
    done = _DONE.search(norm)
    if done and _THANKS.search(norm) and not _names_an_action(norm):
        unthanked = "。".join(part for part in sentences.pieces(wanted) if not _THANKS.search(part))
        if not rules.QUESTION.check(unthanked) and "?" not in unthanked and "？" not in unthanked:
            return f"the writer thanks for a step that has worked and asks nothing ({done.group(0)})"
    if not asks:
        return ""
    prepares = rules.PREPARATION.check(_PREPARES_FOR_NOTHING.sub(" ", wanted))
    if prepares and all(_what_if(sentence) for sentence in topical):
        return f"the mail prepares for an incident and reports none ({prepares[0]})"
    other = _NOT_THE_HOLDER.search(norm)
    if other and not rules.COMPROMISE.check(wanted):
        return f"the writer is not the certificate's holder ({other.group(0)})"
    return ""



# A question about one certificate's state ("この証明書が現在有効なのか、失効されているのか", "has it been revoked?").
_STATE_ASKED = re.compile(
    r"(?:有効|失効(?:され|し)て(?:い|お)(?:る|ない|ません)?)(?:か|なの|です[かが]|でしょうか|かどうか)"
    r"|\b(?:still |currently )?(?:valid|revoked)\b[^.\n]{0,20}\?"
    r"|\b(?:whether|if) (?:it|this|the) (?:certificate |cert )?(?:is|was|has been) (?:still )?(?:valid|revoked)\b",
    re.I,
)


def _asks_state_of_anothers(norm: str) -> bool:
    """Tell whether a relying party asks whether another's certificate is valid or revoked, reporting no incident.

    "取引先から届いた契約書の署名者の証明書（シリアル …）が失効していないか確認できますか": the writer is not the
    holder, and the serial names the certificate asked about.
    """
    if not _NOT_THE_HOLDER.search(norm):
        return False
    wanted = _wanted(norm)
    if not _STATE_ASKED.search(wanted):
        return False
    if any(rule.check(wanted) for rule in (rules.COMPROMISE, rules.INCIDENT, rules.DEATH_EVENT)):
        return False
    # A request of the writer's own beside the question ("それとは別に、私の証明書 … は失効してください") is read
    # as any request is, its serial apart from the other party's.
    rest = [piece for piece in sentences.pieces(wanted) if not _STATE_ASKED.search(piece)]
    return not any(rules.REQUEST.check(piece) and _ASK.search(NOT_WANTED.sub(" ", piece)) for piece in rest)


# A plan to go on using a certificate ("このまま電子署名用に使い続けるつもりですが"), told, not asked.
_GO_ON_USING = re.compile(
    r"使い続け(?:る|ます|たい|ていく)(?:つもり|予定|方針|ので|ため|です|と思|[。、]|$)|引き続き使(?:い|用し)(?:ます|続け)"
)


def _kept_as_plan(clause: str) -> bool:
    """Tell whether *clause* tells a plan to go on using the certificate, and asks no question."""
    return bool(_GO_ON_USING.search(clause)) and not rules.QUESTION.check(clause)


def _asks_nothing(norm: str) -> str:
    """Why the mail asks nothing of the certificates it names, or "" when it may ask something.

    A writer who gives a serial as background to a question ("証明書を誤って削除しました。
    シリアルは … でした。失効は希望しません。戻せますか") or lists serials that stay in use ("下記3件は
    継続で問題ありません") says so, and names no action and no loss anywhere else in the mail.
    """
    set_aside = [m.group(0) for m in NOT_WANTED.finditer(norm)]
    set_aside += [m.group(0) for m in NEGATED_TOPIC.finditer(norm) if _ASK.search(m.group(0))]
    set_aside += [m.group(0) for m in _NO_ACTION_NEEDED.finditer(norm)]
    # Words that only say a certificate stays in use are soft: they count here only in a clause
    # that points at the listed certificates as a whole ("下記3件は継続で問題ありません").
    for a, b in _clauses(norm):
        keep = _KEEP.search(norm, a, b)
        if keep and (_LISTED_AS_A_WHOLE.search(norm, a, b) or _kept_as_plan(norm[a:b])):
            set_aside.append(keep.group(0))
    if not set_aside or _names_an_action(norm):
        return _only_background(norm)
    return f"the mail asks nothing of the certificates it names ({set_aside[0]})"


# What stands between two serials offered as alternatives ("… か …", "… または …", "… or …").
_OR_GAP = re.compile(r"[\s)）」』\]]*(?:か|または|もしくは|あるいは|\bor\b)[\s(（「『\[]*", re.I)
# Words by which the writer says they do not know which value is right ("どちらかだと思います", "not sure").
_UNSURE = re.compile(
    r"どちらか|いずれか|どっちか|(?:わかり|分かり|判り)ません|(?:わから|分から)ない|不明|自信が(?:ない|ありません)"
    r"|はっきり(?:しない|しません)|と思(?:う|い|っ|われ)|かもしれ|記憶が|うろ覚え|覚えて(?:いません|いない|おりません)"
    r"|\beither\b|\bnot\s+(?:sure|certain)\b|\bunsure\b|\b(?:don'?t|do\s+not|can'?t|cannot)\s+(?:know|remember|tell)\b"
    r"|\bi\s+(?:think|believe|guess)\b|\bmaybe\b|\bperhaps\b|\bprobably\b",
    re.I,
)


def _unsure(norm: str, spans: dict[str, tuple[int, int]], clauses: list[tuple[int, int]]) -> dict[str, str]:
    """The serials the writer offers as alternatives without knowing which is right, each with the reason.

    "シリアルは 5C7E… か 5C7E… のどちらかだと思います" or "it is either … or …, I am not sure"
    names no serial for certain: both stay candidates for the register check, none is acted on.
    """
    unsure: dict[str, str] = {}
    ordered = sorted(spans.items(), key=lambda item: item[1])
    for (first, (_s1, end)), (second, (start, _e2)) in zip(ordered, ordered[1:], strict=False):
        a, b = _clause_at(clauses, start)
        if not a <= end <= b or not _OR_GAP.fullmatch(norm, end, start):
            continue
        # The doubt may follow in the next clause ("… か … です。どちらか覚えていません").
        following = next((y for x, y in clauses if x >= b), b)
        doubt = _UNSURE.search(norm, a, following)
        if doubt:
            for value in (first, second):
                unsure[value] = f"the writer is unsure which of the values given is right ({doubt.group(0)})"
    return unsure


# A table cell that marks its row as not to be acted on, or as to be acted on ("name,serial,revoke" with rows
# "…,YES" and "…,NO (still employed)"; "失効: ○ / ×"), with a remark in brackets after the mark allowed.
_MARK_REMARK = r"[ \t]*(?:[(（][^()（）\n]{0,40}[)）])?[ \t]*"
_ROW_NO = re.compile(
    r"(?:no|n|×|✕|✖|不要|しない|対象外|keep|残す|継続|継続利用)" + _MARK_REMARK, re.I
)
_ROW_YES = re.compile(r"(?:yes|y|○|◯|〇|要|する|対象|revoke|失効)" + _MARK_REMARK, re.I)


_CLAUSE_STOP = re.compile(r"[。\n]")


def _rest_of_clause(norm: str, at: int) -> str:
    """The text from *at* to the end of its clause (the next "。" or line break)."""
    end = _CLAUSE_STOP.search(norm, at)
    return norm[at : end.start() if end else len(norm)]


def _clause_start(norm: str, at: int) -> int:
    """Where the clause that holds *at* starts: after the last "。" or line break before it."""
    return max(norm.rfind("\n", 0, at), norm.rfind("。", 0, at)) + 1


def _row_marks(norm: str, span: tuple[int, int]) -> list[str]:
    """The cells of the table row that holds *span*, apart from the value's own cell; [] when it is no row."""
    start, end = tables.line_bounds(norm, span)
    line = norm[start:end]
    return [line[a:b].strip() for a, b in tables.cells(line) if not a <= span[0] - start < b]


# A mark the writer selects rows by ("備考欄に「退職」とある方の証明書を失効してください",
# "status列が「revoke」のもの").
_ROW_SELECTOR = re.compile(
    r"[「『\"](?P<mark>[^」』\"\n]{1,12})[」』\"](?:と(?:ある|書いてある|書かれた|記載の|記載され(?:た|ている)|なっている)"
    r"|に(?:なって(?:いる|る)|なった)"
    r"|の)(?:方|もの|行|人|社員|分|証明書|者)"
    # A sign put in a column ("○が付いている行の証明書を失効してください", "✓印のものをお願いします").
    r"|(?P<sign>[○◯●◎✓✔☑★☆]|[*]|※)(?:印|マーク)?(?:が|の)?[ \t]*(?:(?:付いて(?:いる|る)|ついて(?:いる|る)|付いた|ついた"
    r"|付けた|つけた|ある|の)(?:[1-9一二三四五六七八九](?:名|件|枚|人)(?:分)?|方|もの|行|人|分|証明書)"
    # The sign itself named as the object ("★印が失効対象です").
    r"|(?<=[印ク]が)(?=[ \t]*(?:失効の?|今回の)?対象))"
)
# A clause that names the rows it selects as the request's object ("「失効」欄に○が付いている3名が対象です").
_NAMED_OBJECT = re.compile(r"[ \t]*(?:が|は)?[ \t]*(?:失効の?|今回の)?対象(?:です|となります|になります|でございます)")
# A mark the writer selects rows by, in English, after the ask ("Please revoke the ones marked \"Y\" in the Revoke
# column", "revoke the rows marked with an X").
_ROW_SELECTOR_EN = re.compile(
    r"\b(?:ones|rows?|lines?|entries|certs?|certificates|those)\s+(?:marked|flagged|tagged)\s+(?:with\s+)?(?:an?\s+)?"
    r"[\"'“‘]?(?P<mark>[^\s\"'”’.,]{1,12})[\"'”’]?"
    # Or by a column's value ("the certificates where Status is \"Left\"", "the rows whose status says 'revoke'").
    r"|\b(?:where|whose)\s+(?:the\s+)?[a-z]{2,12}(?:\s+column)?\s+(?:is|says|reads|=)\s+"
    r"[\"'“‘](?P<value>[^\"'”’\n]{1,12})[\"'”’]",
    re.I,
)


def _selected_marks(norm: str) -> list[str]:
    """The marks by which the writer selects the rows to act on, read from clauses that ask something."""
    marks = []
    for found in _ROW_SELECTOR.finditer(norm):
        rest = _rest_of_clause(norm, found.end())
        if (_ASK.search(NOT_WANTED.sub(" ", rest)) or _NAMED_OBJECT.match(rest)) and not _KEEP.search(rest):
            marks.append((found.group("mark") or found.group("sign")).strip().lower())
    for found in _ROW_SELECTOR_EN.finditer(norm):
        ask = norm[_clause_start(norm, found.start()) : found.start()]
        if _ASK.search(NOT_WANTED.sub(" ", ask)):
            marks.append((found.group("mark") or found.group("value")).strip().lower())
    return marks


def _row_not_selected(norm: str, span: tuple[int, int], spans: list[tuple[int, int]], marks: list[str]) -> str:
    """Tell why the serial's table row is left out: other rows bear the mark the writer selects by, this one not."""
    if not marks:
        return ""
    def bears(cells: list[str], mark: str) -> bool:
        # A sign may open a cell that says more ("★退職"); a word mark is the whole cell.
        return any(cell == mark or (len(mark) == 1 and not mark.isalnum() and cell.startswith(mark)) for cell in cells)

    own = [cell.lower() for cell in _row_marks(norm, span)]
    if not own or any(bears(own, mark) for mark in marks):
        return ""
    if not any(bears([cell.lower() for cell in _row_marks(norm, other)], mark) for other in spans for mark in marks):
        return ""
    return f"its table row lacks the mark the writer selects by ({marks[0]})"


# A remark closing a list item's line that says the item is right as it is ("…sugiyama@…（正しい）").
_ROW_SAID_RIGHT = re.compile(
    r"[(（][ \t]*(?:正しい|正しいです|正|問題なし|問題ありません|ok|correct)[ \t]*[)）][ \t]*$", re.I
)


def _row_said_right(norm: str, span: tuple[int, int], spans: list[tuple[int, int]]) -> str:
    """Tell why the serial's line is left out: its closing remark says it is right, another line's does not."""
    end = tables.line_bounds(norm, span)[1]
    if not _ROW_SAID_RIGHT.search(norm, span[1], end):
        return ""
    if all(_ROW_SAID_RIGHT.search(norm, other[1], tables.line_bounds(norm, other)[1]) for other in spans):
        return ""
    return "its line's closing remark says it is right as it is"


def _row_marked_no(norm: str, span: tuple[int, int], spans: list[tuple[int, int]]) -> str:
    """Tell why the serial's table row is marked not to be acted on, beside another row marked to be."""
    if not any(_ROW_NO.fullmatch(cell) for cell in _row_marks(norm, span)):
        return ""
    others = [other for other in spans if other != span]
    if not any(_ROW_YES.fullmatch(cell) for other in others for cell in _row_marks(norm, other)):
        return ""
    return "its table row is marked not to be acted on, another row to be"


# A table cell that says the row's certificate is revoked already ("4c91…,Kenta Ogawa,2022-10-15,revoked"); not
# "to be revoked", which is no whole cell.
_REVOKED_CELL = re.compile(
    r"(?:^|[,\t|｜]|\s\s)[ \t\"]?(?:revoked|already revoked|失効済み?|失効完了)\"?(?=$|[,\t|｜]|\s\s)",
    re.I,
)


def _row_revoked(norm: str, span: tuple[int, int], spans: list[tuple[int, int]]) -> str:
    """Tell why the serial's table row says its certificate is revoked already, beside rows that do not."""
    if not _REVOKED_CELL.search(_row_text(norm, span)):
        return ""
    if all(_REVOKED_CELL.search(_row_text(norm, other)) for other in spans if other != span):
        return ""
    return "its table row says it is revoked already"


# A holder named as the one left out of a list of rows: "青山 の端末は…除外です", "田中さんの分は残してください",
# "佐藤以外", "except the one belonging to our CEO, Mr. Ishikawa", "but not Tanaka's".
# (A profession's or a post's title too: "藤田直樹医師のもの", "森教授の分".)
_TITLE_JA = (
    r"(?:さん|様|氏|君|くん|部長|課長|係長|室長|社長|所長|先生|医師|教授|副院長|院長|理事長|弁護士|税理士|司法書士"
    r"|会長|専務|常務)?"
)
_HOLDER_APART = re.compile(
    r"(?P<ja>[一-龥々]{1,4}|[ァ-ヴー]{2,8})[ \t\u3000]*" + _TITLE_JA
    + r"[ \t]*[)）]?[ \t]*(?:の(?:分|証明書|端末|PC|パソコン|もの|シリアル)?)?[ \t]*(?:は|だけは?|のみ)[^。\n]{0,50}?"
    r"(?:除外|除いて|除き|除く|対象外|残して|そのまま|失効しない|失効(?:は)?不要|継続して|引き続き"
    # Done already, so not needed now ("高橋さんの分は先月別途手続き済みなので、今回は不要です").
    r"|(?:手続き?|処理|対応)済[^。\n]{0,20}?不要)"
    r"|(?P<ja2>[一-龥々]{1,4}|[ァ-ヴー]{2,8})[ \t\u3000]*" + _TITLE_JA + r"(?:の(?:分|証明書|もの))?以外"
    r"|\b(?:except(?:ing)?|apart from|other than|but not)\b[^.]{0,60}?"
    r"\b(?:(?:mr|ms|mrs|dr|prof)\.?[ \t]+(?P<en>[A-Z][a-z]{2,})\b|(?P<en2>[A-Z][a-z]{2,})(?:'s|-san|-sama)\b)"
    # "Tanaka Yoko is listed by mistake … do NOT revoke hers".
    r"|\b(?P<en3>[A-Z][a-z]{2,})(?:[ \t]+[A-Z][a-z]+)?[ \t]+(?:is|was)[ \t]+(?:listed|included|added|put)"
    r"[ \t]+(?:by mistake|in error|wrongly|mistakenly)",
    re.I,
)
# Words the pattern above may take for a name that name no holder (the 方 of "ACTIVEの方はそのままで" too).
_NOT_A_HOLDER = re.compile(
    r"証明書|端末|失効|申請|今回|残り|以下|上記|全て|全員|全部|他|ほか|一部|最後|最初|方|者|人|分|件|枚|台|通"
    r"|the|this|that|our|one",
    re.I,
)
_ROW_REST_MAX = 60


def _holders_apart(norm: str) -> list[str]:
    """The names of holders whom the writer leaves out of a request about several rows, as written."""
    names = []
    for found in _HOLDER_APART.finditer(norm):
        name = next((found.group(key) for key in ("ja", "ja2", "en", "en2", "en3") if found.group(key)), "")
        if name and not _NOT_A_HOLDER.fullmatch(name):
            names.append(name.lower())
    return names


def _row_text(norm: str, at: tuple[int, int], *, sentence: bool = False) -> str:
    """The words of the row (line) that holds the value at *at*, the value itself left out, in lower case.

    With *sentence*, only the words of the value's own sentence when the line is prose: "私のは 8e6a … です。同僚の
    は失効しないでください!": the sentence after names the colleague, not this value.
    """
    start, end = tables.line_bounds(norm, at)
    if sentence:
        stop = norm.rfind("。", start, at[0])
        start = stop + 1 if stop >= 0 else start
        stop = norm.find("。", at[1], end)
        end = stop if stop >= 0 else end
    return (norm[start : at[0]] + " " + norm[at[1] : end]).lower()


def _holders_row(norm: str, span: tuple[int, int], spans: list[tuple[int, int]], names: list[str]) -> str:
    """Tell why the serial's row is left out: it names a holder the writer leaves out, and other rows do not."""
    if not names:
        return ""

    # A name written without its space ("藤田直樹") names the row that writes it with one ("藤田 直樹"); each row is
    # compacted once, not once per name.
    own = _compact(_row_text(norm, span, sentence=True))
    rows = [_compact(_row_text(norm, other)) for other in spans]
    for name in names:
        bare = _compact(name)
        short = len(own.replace(bare, "")) <= _ROW_REST_MAX
        if _names(own, bare) and short and not all(_names(row, bare) for row in rows):
            return f"its row names {name}, whom the writer leaves out"
    return ""


def _compact(text: str) -> str:
    """The text with its spaces taken out, so that a holder's name matches however it is spaced."""
    return re.sub(r"[ \t\u3000]", "", text)


def _names(row: str, name: str) -> bool:
    """Tell whether *row* names *name*, and not a title that holds it: "副所長" names no 所長, "元部長" no 部長."""
    return re.search(r"(?<![副次元前])" + re.escape(name), row) is not None


# A holder named as the one whose row the writer asks about ("このうち野村の証明書だけ失効をお願いします",
# "岩崎の分の失効をお願いします"); the rest of the clause must ask, not tell of the past or keep.
_HOLDER_ASKED = re.compile(
    r"(?P<name>[一-龥々]{1,4}?|[ァ-ヴー]{2,8})[ \t\u3000]*" + _TITLE_JA
    # The holder may be named as such ("野口名義のもの").
    + r"[ \t]*(?:名義)?(?:の(?:分|証明書|端末|もの|シリアル|[1１一]?(?:件|枚)|[2-9二三四五六七八九]名分))"
    r"(?:だけ|のみ)?(?:を|は|の)?"
    # The rest is only looked at, so that a name in it is matched too ("弊社の証明書一覧のうち、…福井 の2名分を").
    # A clause wrapped after its comma goes on on the next line ("野口名義のものについて、\nご遺族の…進めたい").
    r"(?=(?P<rest>[^。\n]{0,20}(?<=、)\n[^。\n]{0,30}|[^。\n]{0,20}))"
)


# Words the holder pattern may take for a name that name a relation, a role or a field ("父の分", "部下の証明書",
# "件名の…"): they name no row's holder.  They are read beside _NOT_A_HOLDER, whose words they do not repeat.
_KIN_OR_ROLE = re.compile(
    r"父|母|夫|妻|息子|娘|家族|部下|上司|同僚|社員|所員|職員|本人|自分|私|件名|会社|当社|弊社|先方|相手|退職|異動"
    r"|以前|前回|新|旧|古い|現在|予備|メイン"
)


# The form of an ask, not of a past ("…の失効をお願いします", not "…は先月失効処理いただいております").
_ASK_FORM = re.compile(r"お願い|ください|下さい|希望|依頼|したい|ほしい|欲しい|\bplease\b", re.I)


# A value on a line (eight or more hexadecimal digits, grouped or not).
_VALUE_ON_LINE = re.compile(r"(?<![0-9a-z])(?:[0-9a-f]{2}[ \t:\-]?){4,}", re.I)


# A holder named in English as the one asked about ("Only Mr. Ishikawa's certificate is concerned", "please revoke
# the one issued to Tanaka only"): a name written with capitals, with its sentence asking or saying "only".
_TITLE_EN = r"(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?"
_HOLDER_ASKED_EN = re.compile(
    _TITLE_EN + r"\b(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)'s\s+(?:certificate|cert)s?\b"
    r"|\bthe\s+ones?\s+(?:issued\s+)?(?:to|of|for)\s+" + _TITLE_EN + r"(?P<other>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b"
    # A holder named alone, with a title, as the one meant ("Only Ms. Chen, please. Everyone else stays.").
    r"|\b[Oo]nly\s+(?:Mr|Ms|Mrs|Dr)\.?\s+(?P<only>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b(?:'s)?"
    r"(?=\s*(?:,|\.|!|please\b|\n|$))"
)
_ONLY_EN = re.compile(r"\bonly\b", re.I)
_CONCERNED_EN = re.compile(r"\b(?:concerned|concerns|affected|relevant)\b", re.I)


def _holders_asked_en(norm: str) -> list[str]:
    """The names of holders an English writer asks about alone, as written."""
    names = []
    for found in _HOLDER_ASKED_EN.finditer(norm):
        name = found.group("name") or found.group("other") or found.group("only")
        sentence = _sentence_around(norm, found.start(), found.end())
        if _PLACE_KEPT_EN.search(sentence) or NOT_WANTED.search(sentence) or _HISTORY.search(sentence):
            continue
        asks = _ASK.search(sentence) and _ASK_FORM.search(sentence)
        only_asked = found.group("only") and _ASK_FORM.search(sentence)
        if (_ONLY_EN.search(sentence) and (asks or _CONCERNED_EN.search(sentence))) or _ANSWER_EN.match(sentence) or (
            only_asked
        ):
            names.append(name.lower())
    return names


# The holder's share asked for with no verb of its own ("…さんの分をお願いします", "…の分でお願いします").
_SHARE_ASKED = re.compile(
    r"[ \t]*(?:(?:手続き?|失効|対応|処理)(?:を|の手続きを)?)?(?:で)?"
    r"(?:お願い(?:します|いたします|致します|したい)|頼みます|よろしくお願い"
    # Or put right ("父の分を直してください").
    r"|(?:直して|訂正して|修正して)(?:ください|下さい|ほしい|欲しい|もらえ|いただけ))"
)
# Relatives by which a family's rows may be marked ("（母・故人）", "（父）").
_KIN_MARKS = frozenset({"父", "母", "夫", "妻", "兄", "弟", "姉", "妹", "息子", "娘", "祖父", "祖母"})
# An English sentence that begins by pointing at the one meant ("It's the ...", "That is the ...").
_IT_IS_THE_EN = r"\s*(?:it'?s|it\s+is|that'?s|that\s+is)\s+the\s+"
# An answer to the desk's question of which certificate is meant ("It's the one for Ms. Hayashi.").
_ANSWER_EN = re.compile(_IT_IS_THE_EN + r"ones?\s+(?:issued\s+)?(?:to|of|for)\b", re.I)
# Holders joined before the one the pattern names ("井上さんと大森さんの分"): each is asked for too.
_JOINED_HOLDERS = re.compile(
    r"(?:(?P<name>[一-龥々]{1,4}|[ァ-ヴー]{2,8})[ \t\u3000]*(?:さん|様|氏|先生)?[ \t]*"
    r"(?:と|、|,|・|および|及び)[ \t]*)$"
)


# The procedure asked for of a holder's certificate ("手続きを進めたい", "お手続きをお願いします").
_PROCEDURE_ASKED = re.compile(
    r"手続き?(?:を)?(?:進め(?:たい|させ|て(?:ください|いただ))|お願い|したい|いたしたい|させて)"
)


def _untitled(name: str) -> str:
    """*name* without a title the name pattern took in ("田辺様の2名分"): no part of the name a row holds."""
    return re.sub(r"(?<=..)(?:様|氏)$", "", name)


def _may_hold(name: str) -> bool:
    """Whether *name* can be a holder's name: two characters or more, no word for a thing, a relative or a role."""
    return len(name) >= 2 and not _NOT_A_HOLDER.search(name) and not _KIN_OR_ROLE.search(name)


# A holder named with a title as the clause's topic, the ask after it ("このうち 2 の柴田さんは結婚して改姓されたので
# 失効をお願いします").
_HOLDER_TOPIC_ASKED = re.compile(
    r"(?P<name>[一-龥々]{1,4}?|[ァ-ヴー]{2,8})[ \t\u3000]*(?:さん|様|氏)は(?=(?P<rest>[^。\n]{0,40}))"
)
# The writer's own share with their name in brackets ("このうち私の分（飯田）だけ失効をお願いします"): the holder
# named is the one in brackets, and the rest of the clause is read as after _HOLDER_ASKED's.
_OWN_NAMED = re.compile(
    r"(?:私|自分|わたし|僕)の(?:分|証明書|もの)[（(](?P<name>[一-龥々]{1,4}|[ァ-ヴー]{2,8})[)）]"
    r"(?:だけ|のみ)?(?:を|は|の)?(?=(?P<rest>[^。\n]{0,20}))"
)


def _holders_asked(norm: str) -> list[str]:
    """The names of holders whose certificates the writer asks to be acted on, as written."""
    names = _holders_asked_en(norm)
    for found in [*_HOLDER_ASKED.finditer(norm), *_HOLDER_TOPIC_ASKED.finditer(norm), *_OWN_NAMED.finditer(norm)]:
        name, rest = found.group("name"), _rest_of_clause(norm, found.start("rest"))
        name = _untitled(name)
        # A relative named alone is a holder when the rows are marked with relatives ("吉田 京子（母・故人）",
        # "父：6A 0F …", "娘（岡 美月）　E7C2 …").
        kin_row = name in _KIN_MARKS and re.search(
            r"[(（]" + name + r"[)）・]|^[ \t\u3000>]*" + name + r"[ \t\u3000]*[:：(（]", norm, re.M
        )
        if not kin_row and not _may_hold(name):
            continue
        start, end = tables.line_bounds(norm, found.span())
        if _VALUE_ON_LINE.search(norm, start, end):
            continue  # "田中のシリアル 5e1a… を失効してください": a request with its own value, not a row picked.
        if _HISTORY.search(rest) or _KEEP.search(rest) or NOT_WANTED.search(rest):
            continue
        if rest.startswith("も"):
            continue  # "母の証明書もあわせて失効を": asked as well as another, not alone.
        # "井上さんと大森さんの分をお願いします": the holder's share is itself what is asked for.
        share_asked = _SHARE_ASKED.match(rest)
        # "野口名義のものについて…手続きを進めたい": the procedure asked for, in a mail whose request is its topic.
        procedure = _PROCEDURE_ASKED.search(found.group("rest"))
        asked = (_ASK.search(rest) and _ASK_FORM.search(rest)) or _asked_before(norm, found.start())
        if asked or share_asked or procedure:
            names.append(name.lower())
            at = found.start()
            while joined := _JOINED_HOLDERS.search(norm, max(0, at - 16), at):
                other = _untitled(joined.group("name"))
                if _may_hold(other):
                    names.append(other.lower())
                at = joined.start()
    return names


def _holder_not_asked(norm: str, span: tuple[int, int], spans: list[tuple[int, int]], names: list[str]) -> str:
    """Tell why the serial's row is left out: the writer asks for holders named on other rows, not on this one."""
    if not names:
        return ""

    # A name asked without its space ("藤田直樹医師のもの") names the row that writes it with one ("藤田 直樹").
    asked = [_compact(name) for name in names]
    own = _compact(_row_text(norm, span))
    if any(name in own for name in asked):
        return ""
    rows = [_compact(_row_text(norm, other)) for other in spans]
    if not any(name in row for row in rows for name in asked):
        return ""
    return f"the writer asks for the rows of {names[0]}, and this row names no one asked for"


# Rows picked by their place in a list ("上から2つ目と4つ目を失効してください", "一覧のうち、2番目のもの",
# "下から1番目").  Without 上から/下から the place counts from the top.
_NUMERAL = r"[1-9一二三四五六七八九]"
_PLACE = r"(?:つ目|番目|行目|個目|件目)"
# The first or the last row named by a word ("最初の方（古い方）のみ失効してください", "一番下のもの").
# Of two rows, "上の1件" and "下のもの" name one of them too (not "以上の", "上記の").
_END_PLACE = (
    r"(?P<end>最初|一番上|いちばん上|最後|一番下|いちばん下|(?<![一-龥々])上(?!記)|(?<![一-龥々])下(?!記))"
    r"(?:の(?:方|ほう|もの|分|行|1件|一件|一つ|ひとつ)"
    # Or with a remark in brackets before what is said of it ("いちばん下（2026年まで有効なもの）だけを残して").
    r"|[ \t]*[(（][^()（）\n]{0,30}[)）](?=[ \t]*(?:だけ|のみ|を|は)))"
)
_TOP_WORDS = ("最初", "一番上", "いちばん上", "上")
# A place named as the exception, right after it ("以外", "を除いて").
_EXCEPT_AFTER = re.compile(r"[ \t]*(?:[(（][^()（）\n]{0,30}[)）])?[ \t]*(?:以外|を除(?:いて|き|く))")
# The first or the last row named as the exception ("一番上（今年更新したもの）以外の2枚を失効してください").
_END_EXCEPTED = re.compile(
    r"(?P<end>最初|一番上|いちばん上|最後|一番下|いちばん下)(?:の(?:方|ほう|もの|分|行|1件|一件|一つ|ひとつ))?"
    r"[ \t]*(?:[(（][^()（）\n]{0,30}[)）])?[ \t]*(?:以外|を除(?:いて|き|く))"
)
# The words that name one of two rows only.
_OF_TWO = ("上", "下")
_PICKED = re.compile(
    r"(?:(?P<side>上|下)から)?(?:(?<![0-9])(?P<first>" + _NUMERAL + r")" + _PLACE
    + r"(?P<more>(?:[ \t]*(?:と|、|,|および|及び)[ \t]*(?:上から|下から)?" + _NUMERAL + _PLACE + r")*)"
    + r"|" + _END_PLACE
    # A run of rows at one end ("最後の2件", "上から3名").
    + r"|(?P<run_side>最後|最初|先頭|上から|下から)の?[ \t]*(?P<run>[2-9二三四五六七八九])[ \t]*"
    r"(?:件|名|つ|人|枚|行)分?"
    + r")"
    # Not the second question or matter of the mail ("2つ目の質問ですが").
    r"(?!の(?:ご?質問|件|お願い|点|理由|問題|用件|ご相談))"
)
# What the rest of a place's clause says of the rows it names: kept as they are ("1番目と3番目はそのままで結構です").
# Not a value said right as written ("1件目はそのままで正しいです"), which keeps the row in the request.
_PLACE_KEPT = re.compile(
    r"そのまま(?!で?(?:正しい|合って|間違いない|問題ない))|使用し(?:ます|続け)|使い(?:ます|続け)|継続|残して|不要|対象外"
    r"|除外|除(?:いて|き|く)"
)


# A detail of the row at a place told wrong ("3行目の者（住所）に誤りがありました").
# The detail must be named: "リストの2行目に誤りがありました。訂正版です" puts the writer's own list right.
# A certificate's details by name, as a writer tells one wrong (also read by _TOLD_WRONG).
_DETAILS = r"氏名|名前|住所|所在地|メールアドレス|メアド|フリガナ|ふりがな|ローマ字|生年月日|所属|会社名"
_ROW_DETAIL = r"(?:" + _DETAILS + r"|漢字)"
_PLACE_TOLD_WRONG = re.compile(
    r"(?:の(?:者|方|人|もの|分|証明書))?[ \t]*"
    r"(?:[(（]" + _ROW_DETAIL + r"[^()（）\n]{0,10}[)）]|の" + _ROW_DETAIL + r")"
    r"[ \t]*(?:に|が|は)[^。\n]{0,12}?(?:誤り|間違い|誤って|間違って|誤記)"
)
# The certificate concerned pointed at by its place ("荒木名義の証明書が下記一覧の2行目にございます").
_POINTED_HERE = re.compile(r"[ \t]*(?:に|が)(?:あります|ございます|載って(?:い|お)ります|記載されて(?:い|お)ります)")


# Lines labelled by which certificate they hold ("古いの：…", "使わない方：シリアル …"), and the label the writer
# asks of ("古い方だけ失効でお願いします", "使わない方を失効してください").  Each kind has its opposite.
_KINDS = {
    "old": r"古い|旧い|旧|前の|以前の|前回|更新前|昨年|去年",
    "new": r"新しい|新しく届いた|新|今の|現在の|今回|更新後|今年",
    "unused": r"使わない|使っていない|使用しない|不要な?|要らない|いらない",
    "used": r"使う|使っている|使ってる|使用中の?|使用する",
}
_OPPOSITE = {"old": "new", "new": "old", "unused": "used", "used": "unused"}
# The kinds as asked of: "前回" and "今回" name a certificate only as "前回の証明書", "今回分" ("前回の失効依頼" is a
# mail), and "更新後"/"昨年"/"今年" only label a line ("更新後の旧証明書の失効" asks of the old one).
_ASKED_KINDS = {
    "old": r"古い|旧い|旧|前の|以前の|更新前|前回(?=の(?:は|を|証明書|分|方)|分)",
    "new": r"新しい|新しく届いた|新|今の|現在の|今回(?=の(?:は|を|証明書|分|方)|分)",
    "unused": _KINDS["unused"],
    "used": _KINDS["used"],
}
_ASKED_KIND = re.compile(
    r"(?:" + "|".join(f"(?P<{kind}>{words})" for kind, words in _ASKED_KINDS.items()) + r")"
    r"(?:方|ほう|の|証明書(?=を|は|の|だけ))(?:の証明書)?"
    r"(?:だけ|のみ)?(?:を|は)?[^。\n]{0,12}?(?:失効|取り?消|止め|停止|無効)"
)
# The same asked in English ("Please revoke the OLD serials in the left column").
_ASKED_KIND_EN = re.compile(
    r"\b(?:revoke|cancel|stop|invalidate|deactivate)\b[^.\n]{0,20}?\b(?:the\s+)?(?:(?P<old>old|older|previous|expiring)"
    r"|(?P<new>new|newer|current))\s+(?:ones?|serials?|certs?|certificates?)\b",
    re.I,
)
_LABEL_KIND = re.compile(
    r"[ \t\-・*•>]*(?:" + "|".join(f"(?P<{kind}>{words})" for kind, words in _KINDS.items()) + r")"
    r"(?:方|ほう|の|分)?(?:の)?(?:証明書)?(?:の)?(?:シリアル(?:番号)?)?[ \t]*[:：]"
)
# The same kind named right before the value, inside a sentence ("新しい方（3762 F930 …）は…", "新しい証明書（シリアル
# 1D6B …）が発行され").
_KIND_BEFORE = re.compile(
    r"(?:" + "|".join(f"(?P<{kind}>{words})" for kind, words in _KINDS.items()) + r")"
    r"(?:(?:方|ほう|分)(?:の)?(?:証明書)?|の?証明書)(?:の)?(?:シリアル(?:番号)?)?[ \t]*[:：(（]?[ \t]*"
    r"(?:シリアル(?:番号)?[ \t]*[:：]?)?[ \t]*$"
)


# The kind put before a colon inside a sentence ("（新:シリアル 1A9E …）").
_KIND_COLON_BEFORE = re.compile(
    r"[(（][ \t]*(?:" + "|".join(f"(?P<{kind}>{words})" for kind, words in _KINDS.items()) + r")"
    r"[ \t]*[:：][ \t]*(?:シリアル(?:番号)?[ \t]*[:：]?)?[ \t]*$"
)


# A table's column named by the kind of certificate it holds ("旧シリアル", "新シリアル", "Old serial").
_COLUMN_KIND = re.compile(
    r"^[ \t]*(?:" + "|".join(f"(?P<{kind}>{words})" for kind, words in _KINDS.items()) + r")"
    r"(?:の)?(?:証明書)?(?:の)?(?:シリアル|番号|S/?N)"
    r"|^[ \t]*(?:(?P<old_en>old|previous|expiring)|(?P<new_en>new|current|renewed))(?:\s+(?:serials?|certs?"
    r"|certificates?|s/?n)|[ \t]*(?:\([^()\n]{0,20}\))?[ \t]*$)",
    re.I,
)
_COLUMN_ROWS_UP = 6


def _column_kind(norm: str, span: tuple[int, int]) -> str:
    """The kind of certificate the header of the value's column names ("old", "new", …), or ""."""
    start, end = tables.line_bounds(norm, span)
    row = tables.cells(norm[start:end])
    index = next((i for i, (a, b) in enumerate(row) if a <= span[0] - start < b), None)
    if index is None:
        return ""
    line_end = start - 1
    for _up in range(_COLUMN_ROWS_UP):
        if line_end <= 0:
            return ""
        line_start = norm.rfind("\n", 0, line_end) + 1
        line = norm[line_start:line_end]
        line_end = line_start - 1
        header = tables.cells(line)
        if len(header) != len(row):
            continue
        a, b = header[index]
        found = _COLUMN_KIND.match(line[a:b])
        if found and found.lastgroup:
            return {"old_en": "old", "new_en": "new"}.get(found.lastgroup, found.lastgroup)
    return ""


def _labelled_apart(norm: str, spans: dict[str, tuple[int, int]]) -> dict[str, str]:
    """The serials on lines labelled as the opposite of the kind the writer asks of, with the reason."""
    # What the writer does not want is no kind asked of ("新しい方でした！こちらは失効しないでください").
    asked = _ASKED_KIND.search(NOT_WANTED.sub(" ", norm)) or _ASKED_KIND_EN.search(NOT_WANTED.sub(" ", norm))
    if not asked or asked.lastgroup is None:
        return {}
    wanted = asked.lastgroup
    labels: dict[str, str] = {}
    for value, span in spans.items():
        near = max(tables.line_bounds(norm, span)[0], span[0] - 16)
        label = (
            _LABEL_KIND.match(norm, tables.line_bounds(norm, span)[0], span[0])
            or _KIND_BEFORE.search(norm, near, span[0])
            or _KIND_COLON_BEFORE.search(norm, near, span[0])
        )
        if label and label.lastgroup:
            labels[value] = label.lastgroup
        elif column := _column_kind(norm, span):
            # "氏名	旧シリアル	新シリアル": the value's column is named by its kind.
            labels[value] = column
    # The opposite kind labelled, and a value not labelled so ("…昨年から使っていた 6859 … の方です。新しい方（3762 …）
    # は…"): the value labelled as the other kind is set apart, the one asked of need not be labelled too.
    if _OPPOSITE[wanted] not in labels.values() or all(labels.get(v) == _OPPOSITE[wanted] for v in spans):
        return {}
    why = f"its line is labelled as the other one than the writer asks of ({asked.group(0)})"
    return {value: why for value, kind in labels.items() if kind == _OPPOSITE[wanted]}


# A certificate in use now, named in a line's label ("今使っているもの（新）：シリアル …").
_IN_USE_NOW = re.compile(
    r"今(?:も)?使って(?:いる|る|います)|現在(?:使用|利用)中|使用中|利用中"
    # Or to be used from now on ("新証明書（今後使用）：").
    r"|今後(?:も)?(?:使用|利用|使う)(?!し?な|せず|不要)"
)


def _label_keeps(norm: str, span: tuple[int, int]) -> str:
    """Why the label the serial's line starts with says it stays ("新しい（このまま使います）:"), or ""."""
    label = norm[tables.line_bounds(norm, span)[0] : span[0]]
    if not re.search(r"[:：]", label) or _ASK.search(NOT_WANTED.sub(" ", label)):
        return ""
    kept = _KEEP.search(label) or _IN_USE_NOW.search(label)
    return f"its line's label says it stays in use ({kept.group(0)})" if kept else ""


# The ask put first, what is asked for after it ("失効してほしいのは2行目の「有効(旧)」の1枚だけです").
_ASKED_FIRST = re.compile(
    r"(?:失効|取り?消|キャンセル|止め|停止)(?:を)?(?:して|させて|し|お願いし|依頼し)?(?:ほしい|欲しい|いただきたい|頂きたい|もらいたい|たい)"
    r"(?:の|もの)(?:は|が)[ \t]*$"
)


def _asked_before(norm: str, at: int) -> bool:
    """Tell whether the clause ending at *at* puts the ask first ("失効してほしいのは…")."""
    return bool(_ASKED_FIRST.search(norm, _clause_start(norm, at), at))


# The next sentence points back at the rows just named and asks for them ("この2名分の失効をお願いします").
_THEM_NEXT = re.compile(
    r"[。．\s]*(?:この|その|これらの?|上記の?)[^。\n]{0,6}?(?:[0-9一二三四五六七八九]+)?(?:名|人|件|枚|方|分)"
)


def _asked_of_them_next(norm: str, at: int) -> bool:
    """Tell whether the sentence after the one ending at *at* points back at its rows and asks for them.

    "添付の一覧の2行目と4行目の方が退職しました。この2名分の失効をお願いします": the place names the rows, and the
    ask comes in the sentence after, which names them again as "この2名".
    """
    head = _THEM_NEXT.match(norm, at)
    return bool(head and _ASK.search(_rest_of_clause(norm, head.end())))


def picks_by_place(text: str) -> bool:
    """Tell whether *text* picks rows of a list by their place ("上から2つ目と4つ目"), a list it may quote."""
    folded = fold(text)
    # The top or bottom row named as the exception picks the others ("一番上（今年更新したもの）以外を失効").
    return bool(_PICKED.search(folded) or _END_EXCEPTED.search(folded) or _PICKED_EN.search(folded))


# A row picked by its place in English ("The second one in your list please revoke", "Only the LAST certificate in
# Ms. Hayashi's list", "Ms. Abe (third line) left", "all of them except the last one").  An English writer puts the
# verb before the place, so the whole sentence around it is read, not the rest of its clause.
_ORDINALS_EN = {**EN_ORDINALS, "top": 1}
_ORDINAL_EN = r"(?:first|1st|top|second|2nd|third|3rd|fourth|4th|fifth|5th|last|bottom)"
_PICKED_EN = re.compile(
    r"\bthe\s+(?:very\s+)?(?P<place>" + _ORDINAL_EN + r")\s+(?:one|line|row|entry|item"
    # A certificate counted is one of a list only when the list is named ("the LAST certificate in Ms. Hayashi's
    # list"): "I would like the second certificate revoked" counts what was applied for.
    r"|(?:certificate|cert|serial)(?=\s+(?:in|on|of)\s+(?:the|your|my|our|this|that|[A-Z][\w.]*(?:\s+\w+)?'s)\s+"
    r"(?:list|table|notice|mail|e-?mail|message)))\b"
    r"|[(（]\s*(?P<aside>" + _ORDINAL_EN + r")\s+(?:one|line|row|entry)\s*[)）]",
    re.I,
)
# What an English sentence says of the row it names by its place: kept ("my own certificate (the first one) should
# remain", "the first one is fine", "except the last one, which is my current cert").
_PLACE_KEPT_EN = re.compile(
    r"\b(?:keep|kept|remain|remains|stay|stays|still (?:use|using|need|with me)|in use|my current|is (?:fine|ok|okay"
    r"|correct|current)|nothing needed|leave (?:it|them))\b",
    re.I,
)
# A run of rows at one end ("Please revoke the first two", "the last three rows").
_RUN_EN = re.compile(
    r"\bthe\s+(?P<side>first|top|last|bottom)\s+(?P<run>two|three|four|five|[2-5])\b(?!\s*(?:years?|months?|days?|weeks?))",
    re.I,
)
_EN_RUNS = {"two": 2, "three": 3, "four": 4, "five": 5}
# The reasons of :func:`_kept` that the value's own clause, or the next, gives.
_OWN_WORDS_KEEP = ("its clause says to keep it", "the next clause says to leave it alone")
_NAMED_AS_IT = re.compile(r"\b(?:it|that|this)(?:'s|\s+is|\s+was)\s+$", re.I)
_EXCEPT_BEFORE = re.compile(r"\b(?:except|but|apart from|other than)(?:\s+for)?\s*$", re.I)
# What asks in an English sentence beside an ask word of _ASK: a bare "please", or a correction asked.
_ASK_EN = re.compile(r"\bplease\b|\bgo ahead\b|\bcorrect (?:and|&)\b|\breissue\b|\bre-issue\b|\bconcern", re.I)
# A title's full stop ("Ms. Hayashi's list") ends no sentence.
_SENTENCE_STOP = re.compile(
    r"(?<=[a-z0-9)\"'])(?<!\bmr)(?<!\bms)(?<!\bmrs)(?<!\bdr)(?<!\bno)(?<!\bst)[.!?](?=\s)|\n|[。！？]", re.I
)


def _sentence_around(norm: str, start: int, end: int) -> str:
    """The sentence that holds *start*..*end*: from the last stop before it to the next after it."""
    before = max((m.end() for m in _SENTENCE_STOP.finditer(norm, 0, start)), default=0)
    after = _SENTENCE_STOP.search(norm, end)
    return norm[before : after.start() if after else len(norm)]


def _places_en(norm: str, count: int) -> tuple[dict[int, str], dict[int, str]]:
    """The rows an English writer picks (to act on) and keeps by their place, each with the words that name it."""
    named: list[tuple[re.Match[str], range]] = []
    for found in _PICKED_EN.finditer(norm):
        word = (found.group("place") or found.group("aside")).lower()
        number = count if word in ("last", "bottom") else _ORDINALS_EN[word]
        if number > count:
            return {}, {}
        named.append((found, range(number, number + 1)))
    for found in _RUN_EN.finditer(norm):
        run = int(found.group("run")) if found.group("run").isdigit() else _EN_RUNS[found.group("run").lower()]
        if run < count:  # A run of every row of the list picks none apart.
            named.append((found, _run_rows(run, count, at_end=found.group("side").lower() in ("last", "bottom"))))
    picked: dict[int, str] = {}
    kept: dict[int, str] = {}
    for found, numbers in named:
        sentence = _sentence_around(norm, found.start(), found.end())
        if (NOT_WANTED.search(sentence) or _PLACE_KEPT_EN.search(sentence)
                or _EXCEPT_BEFORE.search(norm, 0, found.start())):
            kept.update(dict.fromkeys(numbers, found.group(0)))
        elif (_ASK.search(sentence) or _ASK_EN.search(sentence)
              # Named as the one meant, the ask in a sentence of its own ("It is the second one in your list - that
              # is the certificate of Mr. Brandt… Please revoke it").
              or _NAMED_AS_IT.search(norm, max(0, found.start() - 20), found.start())):
            picked.update(dict.fromkeys(numbers, found.group(0)))
    return picked, kept


def _run_rows(run: int, count: int, *, at_end: bool) -> range:
    """The places (from 1) of a run of *run* rows at the start of a list of *count*, or at its end."""
    return range(count - run + 1, count + 1) if at_end else range(1, run + 1)


def _places(norm: str, count: int) -> tuple[dict[int, str], dict[int, str]]:
    """The places (from 1) of the *count* rows the writer picks to act on and keeps, each with the words naming it.

    Nothing is picked or kept when a place lies beyond the list: the words then count something else.
    """
    picked, kept = _places_en(norm, count)
    for found in _PICKED.finditer(norm):
        if found.group("end"):
            if found.group("end") in _OF_TWO and count != 2:
                continue
            numbers = {1 if found.group("end") in _TOP_WORDS else count}
        elif found.group("run"):
            run = int(found.group("run")) if found.group("run").isdigit() else KANJI_DIGITS[found.group("run")]
            if run >= count:
                continue  # Every row of the list: the run picks none apart.
            numbers = set(_run_rows(run, count, at_end=found.group("run_side") in ("最後", "下から")))
        else:
            places = [found.group("first"), *re.findall(_NUMERAL, found.group("more"))]
            numbers = {int(p) if p.isdigit() else KANJI_DIGITS[p] for p in places}
        if max(numbers) > count:
            return {}, {}
        if found.group("side") == "下":
            numbers = {count + 1 - n for n in numbers}
        rest = _rest_of_clause(norm, found.end())
        if _PLACE_KEPT.search(rest) or _EXCEPT_AFTER.match(rest):
            # "2番目以外を失効してください": the place named is the one kept.
            kept.update(dict.fromkeys(numbers, found.group(0)))
        elif (_ASK.search(NOT_WANTED.sub(" ", rest)) or _asked_before(norm, found.start())
              or _asked_of_them_next(norm, found.end() + len(rest)) or _POINTED_HERE.match(rest)
              or _PLACE_TOLD_WRONG.match(rest)):
            picked.update(dict.fromkeys(numbers, found.group(0)))
        # Else the place names a row for another reason ("訂正：1番目 誤 … → 正 …"), picking none.
    for found in _END_EXCEPTED.finditer(norm):
        kept[1 if found.group("end") in _TOP_WORDS else count] = found.group(0)
    return picked, kept


def _picked_by_place(norm: str, spans: dict[str, tuple[int, int]]) -> dict[str, str]:
    """The serials left out because the writer picks rows of the list by their place, with the reason.

    Rows named with words that keep them are left out; when others are named to be acted on,
    every row but those is left out.
    """
    ordered = sorted(spans, key=lambda value: spans[value][0])
    picked, kept = _places(norm, len(ordered))
    if picked:
        words = "、".join(dict.fromkeys(picked.values()))
        return {value: f"the writer picks other rows by their place ({words})"
                for place, value in enumerate(ordered, start=1) if place not in picked}
    return {value: f"the writer keeps this row by its place ({kept[place]})"
            for place, value in enumerate(ordered, start=1) if place in kept}


def _kept_by_place(norm: str, spans: dict[str, tuple[int, int]]) -> set[str]:
    """The serials whose rows the writer keeps by their place ("all of them except the last one")."""
    ordered = sorted(spans, key=lambda value: spans[value][0])
    _picked, kept = _places(norm, len(ordered))
    return {value for place, value in enumerate(ordered, start=1) if place in kept}


# A value picked by how it starts ("下の方（91-D4で始まる方）だけ失効してください", "the one starting with 7F3A").
# A part of a value as a writer names it ("91-D4", "5D6E"), and the words for the one it picks ("方", "証明書").
_PART = r"[0-9a-f]{2}(?:[:\- ]?[0-9a-f]{1,4}){0,3}"
_PICKED_ONE = r"(?:方|ほう|もの|番号|シリアル|証明書)"
_STARTS_WITH = re.compile(
    r"(?P<ja>" + _PART + r")[ \t]*[」』\"]?[ \t]*(?:で|から)始まる" + _PICKED_ONE
    + r"|\b(?:starting|beginning|that\s+starts|which\s+starts|that\s+begins)\s+with\s+[\"'“‘]?"
    r"(?P<en>" + _PART + r")\b"
    # Or by how it ends ("the one ending with 5D6E", "末尾が 5D6E の方", "…5D6Eで終わる方").
    r"|(?P<ja_end>" + _PART + r")[ \t]*[」』\"]?[ \t]*で終わる" + _PICKED_ONE
    + r"|末尾(?:が|は|の)?[ \t]*[「『\"]?(?P<ja_tail>" + _PART + r")[」』\"]?[ \t]*の(?:方|ほう|もの|証明書|分)"
    r"|\b(?:ending|that\s+ends|which\s+ends)\s+(?:with|in)\s+[\"'“‘]?(?:\.{2,}|…)?(?P<en_end>" + _PART + r")\b",
    re.I,
)


# An English sentence that names the one meant ("It's the one ending in ...7C19 in the list below").
_THE_ONE_EN = re.compile(_IT_IS_THE_EN + r"one\b", re.I)
# A line of a quoted mail.
_QUOTED_LINE = re.compile(r"^[ \t]*>", re.M)
# A clause that only says "that one is it", as an answer to the desk's question of which certificate is meant.
# ("末尾が 3F2A のほうでお願いします" answers so too.)
_ANSWERS_WHICH = re.compile(
    r"[ \t]*(?:です|でございます|になります|が(?:失効)?対象です"
    r"|で(?:お願い|よろしくお願い)(?:します|いたします|致します))"
    r"[ \t]*(?:[。.!！]|$)"
)


# A certificate's detail told as wrong, right after the words that pick it ("の氏名が「中村 裕子」となっていますが").
_TOLD_WRONG = re.compile(
    r"[ \t]*の?(?:" + _DETAILS + r")(?:が|は)"
    r"[^。\n]{0,40}?(?:となって|になって|と記載され|と表示され)(?:い|お)|[^。\n]{0,30}?(?:誤って|間違って|誤り|間違い)"
)


def _picked_by_start(norm: str, spans: dict[str, tuple[int, int]]) -> dict[str, str]:
    """The serials left out because the writer picks others by how they start, in a clause that asks."""
    for found in _STARTS_WITH.finditer(norm):
        head = found.group("ja") or found.group("en")
        part = re.sub(r"[:\- ]", "", head or found.group("ja_end") or found.group("ja_tail") or found.group("en_end"))
        part = part.lower()
        chosen = [value for value in spans if (value.startswith(part) if head else value.endswith(part))]
        if not chosen or len(chosen) == len(spans):
            continue
        # An English writer puts the ask before ("please revoke the one ending with 5D6E").
        said = _rest_of_clause(norm, found.end()) if found.group("ja") or found.group("ja_end") or found.group(
            "ja_tail") else _sentence_around(norm, found.start(), found.end())
        # Or answers the desk's question of which one, quoted below ("田村の、末尾がE1の方です。").
        answer = (
            (found.group("ja") or found.group("ja_end") or found.group("ja_tail"))
            and _ANSWERS_WHICH.match(said)
            and _QUOTED_LINE.search(norm)
        ) or ((found.group("en") or found.group("en_end")) and _THE_ONE_EN.match(said))
        # Or tells that one's detail wrong ("末尾が「A7」の証明書の氏名が「中村 裕子」となっていますが、申込書では…").
        told_wrong = (found.group("ja") or found.group("ja_end") or found.group("ja_tail")) and _TOLD_WRONG.match(said)
        if _ASK.search(NOT_WANTED.sub(" ", said)) or _asked_before(norm, found.start()) or answer or told_wrong:
            how = "starting" if head else "ending"
            return {value: f"the writer picks the one {how} with {part}" for value in spans if value not in chosen}
    return {}


_PUT_RIGHT = "the mail puts it right with another value"


def requested_serials(text: str, serials: list[str]) -> Scope:
    """Narrow *serials* (found in *text*, exact or the bare values of a request) to those the writer asks about.

    A serial whose own clause says not to revoke it ("失効しないでください", "do not revoke")
    is always left out, even the only one.  Words that only say a certificate stays in use
    ("そのまま使います", "keep") narrow a choice of two or more, and never leave none, but in a
    mail that calls off an application (:func:`_in_use_beside_application`).
    """
    if not serials:
        return Scope([], [])
    written, located = locate_serials(text)
    # A sentence wrapped by hand ("…こちらは所長が\n引き続き使いますので") is read whole.
    norm = _unwrapped(written)
    # The serials may be bare values a certificate request names (see intake.classify), not only exact ones.
    spans = {c.value: span for c, span in located if c.value in serials}
    clauses = _clauses(norm)
    if _asks_state_of_anothers(norm):
        return Scope(list(serials), [], others=list(serials))
    all_clauses = [(a, found.group(0)) for a, b in clauses
                   if (found := _ALL.search(norm[a:b])) and _ASK.search(NOT_WANTED.sub(" ", norm[a:b]))]
    every = [word for _a, word in all_clauses]
    if every:
        # "All of them" settles which serials are meant, not whether the mail asks anything of them.
        background = _only_background(norm)
        if background:
            return Scope([], [f"serial {v} left out: {background}" for v in serials])
        # Except the one named as the exception ("…（シリアル 0f2b…）以外はすべて失効してください"), never all of
        # them; "両方とも" with a remark that one stays in use still asks for both.
        apart = _holders_apart(norm)
        # "その3名分の失効を…「失効」欄に○が付いている3名が対象です": all of the rows the mark selects.
        marks = _selected_marks(norm)
        # "Please revoke all of them except the last one": a row kept by its place.
        kept_by_place = _kept_by_place(norm, spans)
        # "Both" of three values is two of them: the one its own words keep ("PCに入れている分（…）は盗まれて
        # いないので、そのままで大丈夫です") is not meant.
        of_two = len(spans) > 2 and all(_BOTH.fullmatch(word) for word in every)
        # So is one named after the words for all of them with words of its own that keep it ("いずれも…回収済みで…
        # ※山本 悟 教授（…）も…引き続き使用します"); named before them, it is among them ("新証明書（こちらは引き続き
        # 使います）\n両方とも失効してください").
        said_all = all_clauses[0][0]
        # Only the value's own words count so (not a list's caption or an owner kept elsewhere in the mail).
        # "■失効をお願いしたい者（いずれも3/31付で退職）" is all of its own list: a list headed "■対応不要" is apart.
        excepted = [value for value, span in spans.items() if _EXCEPTED_AFTER.match(norm, span[1])
                    or _excepted_before(norm, span)
                    or _holders_row(norm, span, list(spans.values()), apart) or _label_keeps(norm, span)
                    or _headed_apart(norm, span, list(spans.values()))
                    or _row_not_selected(norm, span, list(spans.values()), marks)
                    # "両方とも…お願いしたい。なお、私自身の証明書（2D61 …）は…対象外です": said in so many words.
                    or _excluded(norm, span, list(spans.values()))
                    or value in kept_by_place
                    or ((of_two or span[0] > said_all) and _kept(norm, span, clauses).startswith(_OWN_WORDS_KEEP))
                    # "…（工学部、24E8…）も退職者名簿に載っていますが…引き続き使用します。失効しないでください": a
                    # serial its own words say not to act on is left out, whatever else is said of all of them.
                    or _told_not_to(norm, span, clauses)]
        if not excepted or len(excepted) == len(serials):
            return Scope(list(serials), [])
        return Scope([v for v in serials if v not in excepted], [f"serial {v} left out: {_EXCEPTED}" for v in excepted])
    unsure = _unsure(norm, spans, clauses)
    others = list(spans.values())
    # Whether the mail calls off an application is a property of the whole text: it is read once.
    cancels = _cancels_an_application(norm)
    # A serial of another product (a web server's SSL certificate, another CA's) is none of ours to act on.
    products = other_products(written, spans)
    # A value the mail puts right with another ("件名の番号、最後の1桁を打ち間違えました。正しくは … です"): read
    # apart from its subject or its quote, the two were not compared, but here they stand in one text.
    corrected = {c.value for c, _span in located if c.set_aside is SetAside.CORRECTED} - {
        c.value for c, _span in located if c.exact}
    told = {
        value: (_PUT_RIGHT if value in corrected and len(spans) > 1 else "")
        or _told_not_to(norm, span, clauses)
        or unsure.get(value, "")
        or _in_use_beside_application(norm, span, clauses, others, cancels=cancels)
        or products.get(value, "")
        or _compared_only(norm, span, clauses)
        for value, span in spans.items()
    }
    if cancels:
        # A serial the writer's words do not name comes from the text they quote (the CA's last
        # mail, which names the certificate issued before): an application called off has no
        # serial yet, so such a serial is none the writer asks about.
        told.update({value: _QUOTED_BESIDE_APPLICATION for value in serials if value not in spans})
    if len(serials) < 2 or len(spans) < 2:
        why = told
    else:
        not_asked = _items_not_asked(norm, spans, clauses)
        apart = _holders_apart(norm)
        marks = _selected_marks(norm)
        holders = _holders_asked(norm)
        picked = _picked_by_place(norm, spans) or _labelled_apart(norm, spans) or _picked_by_start(norm, spans)

        def said_at(span: tuple[int, int]) -> str:
            return (_kept(norm, span, clauses)
                    or _label_keeps(norm, span)
                    or _excluded(norm, span, others)
                    or _history(norm, span, others, clauses)
                    or _by_mistake(norm, span, clauses)
                    or _pointed_back(norm, span, clauses)
                    or _headed_apart(norm, span, others)
                    or _anothers(norm, span, clauses)
                    or _row_marked_no(norm, span, others)
                    or _row_revoked(norm, span, others)
                    or _row_said_right(norm, span, others)
                    or _holders_row(norm, span, others, apart)
                    or _row_not_selected(norm, span, others, marks)
                    or _holder_not_asked(norm, span, others, holders))

        # A value named again, broken off ("※最後の 9E:5B:D1:04:... は対象外です"), is read where it stands too.
        again = {
            value: [span for c, span in located if c.set_aside is SetAside.BROKEN_OFF and value.startswith(c.value)]
            for value in spans
        }
        why = told | {
            value: told[value]
            or not_asked.get(value, "")
            or picked.get(value, "")
            or said_at(span)
            or next((reason for cut in again[value] if (reason := said_at(cut))), "")
            for value, span in spans.items()
        }
        rest = {value: span for value, span in spans.items() if not why.get(value)}
        # Rows already picked (by their place, their label, how they start, or items not asked) are the writer's
        # choice, and a value told not to be acted on settles the rest: only rows set apart as kept leave the others
        # to be picked by a cell.
        settled = any(picked.values()) or any(not_asked.values()) or any(told.values())
        if not holders and not settled:
            # "「状態」が退職となっている2名分", "所属が営業2課の行": rows picked by what a cell of theirs says, among
            # the rows nothing else set apart ("Shota is on parental leave … leave his alone" beside "the two terminated
            # employees", "西田さんは…引き続き使います" beside "退職した2名"); holders named as asked pick rows by
            # their names instead.
            why |= picked_by_cell(
                norm,
                rest,
                asks=lambda sentence: bool(_ASK_FORM.search(sentence)),
                keeps=lambda sentence: bool(
                    _KEEP.search(sentence) or NOT_WANTED.search(sentence) or _SAID_FINE.search(sentence)
                ),
            )
    left_out = [v for v in serials if why.get(v)]
    if not left_out or (len(left_out) == len(serials) and not all(told.get(v) for v in left_out)):
        left_out = []
    reasons = [f"serial {v} left out: {why[v]}" for v in left_out]
    kept = [v for v in serials if v not in left_out]
    nothing = _asks_nothing(norm) if kept else ""
    if nothing:
        return Scope([], [*reasons, *(f"serial {v} left out: {nothing}" for v in kept)])
    return Scope(kept, reasons)
