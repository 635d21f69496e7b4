"""Whose key a told compromise puts at risk, and whether the writer tells one at all.

The ``compromise`` rule (:mod:`intake.rules`) reads a loss, a theft or a leak wherever it is told;
the classifier (:mod:`intake.classify`) makes an emergency of it when a request or an incident goes
with it.  Writers tell of such things for other reasons too, and this module reads their hits again
in one step (:func:`whose_key`, called once on every set of rule hits).  First the rules' own words
for another's key: another issuer's card, another service's account or a device that held no key
(``not_ours``, ``no_key_held``) make every compromise another's unless the writer names the CA, or
unless a payment card is all that is another's and a machine, a key card or the key itself is lost
beside it; a leak at another business known from the news (``news_report``) is nobody's of ours
unless the writer reports an incident.  Then each compromise left is read in four ways:

* the scope of a denial: a writer who says that the certificate has nothing to do with the theft,
  or that the key was never exposed ("I confirm my private key is intact and was never exposed",
  "iPROVEの証明書は関係ありません"), reports no compromise of ours; but a denial cancels only the
  compromise it refers to (:func:`_denies`), never a theft told beside it of something else ("My
  laptop was stolen. My other certificate on the office PC is unaffected.");
* whose key: a password of another service ("my password for an online shopping site was
  stolen"), a product the CA does not deal in (a PGP key, a VPN or one-time-password token, a web
  server's SSL/TLS certificate), a headline about another company, a device that held no
  certificate yet ("there's no certificate on it"), or something else gone than the device
  ("携帯を解約したのでアドレスがなくなりました");
* an example in a question ("E.g. a PC stolen vs. an employee leaving") tells of nothing that
  happened; nor does a page read ("緊急失効のページを見て") ask for what it is named after;
* an urgent revocation from a writer who says the key is safe ("PCは自宅にあり、問題はありません")
  is an ordinary revocation in a hurry, not an emergency; so is one from a writer who denies any loss and
  gives an everyday reason in the same sentence ("鍵がなくなったとかではなく、単純に切替のためです",
  :func:`hurry_without_incident`, called by the classifier with the denials it reads).

Before those four, an earlier case set apart as another matter ("3年前にPCを紛失した際に緊急失効していただいた者
です…以前の紛失とは別件です", "Some years ago I reported a lost laptop … This is a different matter") is read as the
past: the loss, 緊急失効 and "emergency" of its sentences ask for nothing now.

It also reads two kinds of compromise the rule does not: a device sold or resold with the key still
on it ("業者が廃棄せずに転売していた", "my old PC was sold on an auction site … the certificate was
still in the browser"), and a handbag or a suitcase snatched or stolen.  A compromise dropped as
another's is recorded in ``others_key``, so that the possible-emergency flag (:mod:`intake.possemerg`)
does not work the mail as an emergency on the models' vote alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from intake import devices
from intake.rules import _EN_GAP, EMERGENCY_REVOCATION, REVOCATION, URGENCY, Hit, Rule, reason_words

_I = re.IGNORECASE | re.DOTALL

# A device sold, resold or auctioned while the key was still on it, in Japanese: not wiped first
# ("廃棄せずに転売"), or sold on an auction or flea-market site; not in a what-if ("売却した場合").
_NOT_WHAT_IF_JA = r"(?![^。\n]{0,6}?(?:場合|たら|とき|時|際|としたら))"
_SOLD_JA = (
    r"(?:廃棄|処分|消去|初期化|データ消去)(?:を)?せず(?:に)?[^。\n]{0,20}?(?:転売|売却|売ら|売っ|譲渡|出品|横流し)"
    + _NOT_WHAT_IF_JA
    + r"|"
    + devices.PHYSICAL
    + r"[^。\n]{0,30}?(?:オークション|フリマ|メルカリ|ヤフオク|中古(?:ショップ|店|品店))[^。\n]{0,15}?"
    r"(?:売ら|売っ|売却|出品|転売)(?:れ|して|し|た)" + _NOT_WHAT_IF_JA
)
# The same in English: a machine sold or given away, and the key said to be still on it (or not wiped).
_EN_MACHINE = r"\b(?:laptop|computer|pc|notebook|phone|smartphone|tablet|machine|hard ?drive|drive)\b"
_SOLD_EN = (
    r"(?:"
    + _EN_MACHINE
    + r"[^.\n]{0,40}?\b(?:was|were|got|has been|had been)\s+(?:sold|resold|auctioned|given away|passed on)\b"
    r"|\b(?:sold|resold|auctioned)\b[^.\n]{0,30}?"
    + _EN_MACHINE
    + r")"
    + _EN_GAP
    + r"{0,120}?(?:\b(?:was|were|had been) still (?:in|on|installed)\b"
    r"|\b(?:not|never|n't)\s+(?:been\s+)?(?:wiped|erased|reset|formatted)\b"
    r"|\bwithout (?:wiping|erasing|resetting|formatting)\b)"
)
# A bag of the kinds the rule does not name, snatched, stolen or lost ("Her handbag was snatched").
_BAG_EN = (
    r"\b(?:handbag|hand bag|purse|suitcase|shoulder bag|tote bag|tote|satchel|luggage|laptop bag|laptop case)\b"
    r"[^.\n]{0,30}?\b(?:lost|stolen|snatched|grabbed|robbed|taken|swiped)\b"
)
_MORE_COMPROMISE = Rule("compromise", (re.compile(_SOLD_JA, _I), re.compile(_SOLD_EN, _I), re.compile(_BAG_EN, _I)))

# The writer says that what happened does not touch the certificate or the key: in so many words
# ("has nothing to do with … my certificate", "iPROVEの証明書は関係ありません") or of the key and the
# machine ("my PC was never affected", "private key is intact and was never exposed").
_UNRELATED = re.compile(
    r"\b(?:nothing to do with|not related to|unrelated to|no connection (?:to|with))\b[^.\n]{0,40}?"
    r"\b(?:certificate|cert|key|iprove|you)\b"
    r"|\b(?:private key|key|certificate|cert|pc|laptop|computer|machine)\b[^.\n]{0,25}?"
    r"\b(?:(?:is|was|are|were|remains?)\s+(?:still\s+)?(?:intact|safe|secure|unaffected|untouched)"
    r"|(?:was|were|has|have|had|is|are)\s*(?:never|not|n't)\s+(?:been\s+)?(?:exposed|affected|touched|involved))\b"
    r"|(?:証明書|秘密鍵|iPROVE)[^。\n]{0,12}?(?:は|とは|には)(?:一切|全く|まったく)?(?:関係(?:ありません|ない|ございません|なく)|無関係)",
    _I,
)
# Words that make a denial a hope or a guess ("I hope my PC was not affected", "関係ないかもしれませんが").
_HEDGE = re.compile(
    r"\b(?:hope|hopefully|not sure|whether|if|maybe|perhaps|think|guess|doubt)\b|かも|と思|でしょう|か[?？]"
    # Trust withdrawn from a safety the writer can no longer vouch for ("I no longer trust that the key is
    # safe", "安全とは言い切れません"): the words of safety are what the writer doubts, not what they say.
    r"|\b(?:no longer|not|never|cannot|can't|don't|do not|doesn't|does not|won't)\s+(?:\w+\s+){0,2}?"
    r"(?:trust|sure|certain|confident|guarantee|vouch|say for sure)\b"
    r"|かどうか|とは(?:限ら|言い切れ|断言でき)|保証(?:でき|は)(?:ない|ません)|信用(?:でき)?(?:ない|ません)|自信が(?:ない|ありません)",
    _I,
)
# The key or the machine that holds it said to be where it belongs and unharmed ("PCは父の自宅にあり、問題は
# ありません", "my PC is safe"): a revocation asked in a hurry then is no emergency.
_KEY_AT_HAND_JA = (
    r"(?:PC|パソコン|端末|証明書|秘密鍵|鍵)(?:は|も)[^。\n]{0,25}?"
    r"(?:手元にあ|無事|問題(?:は|も)?(?:ありません|ない|ございません)|安全(?:です|な場所))"
)
_KEY_AT_HAND_EN = (
    r"\b(?:private key|key|certificate|cert|pc|laptop|computer)\b[^.\n]{0,25}?"
    r"\b(?:is|are|was|remains?)\s+(?:still\s+)?(?:safe|secure|intact|with me|in my possession)\b"
)
_KEY_SAFE = re.compile(
    _KEY_AT_HAND_JA
    # A machine given back to the employer or wiped by its staff ("パソコンは本日中に会社へ返却し、情報システム部が
    # 初期化いたします"): the key goes where it belongs, not into a stranger's hands.
    + r"|(?:PC|パソコン|端末)(?:は|も)[^。\n]{0,25}?(?:返却(?:し|済|いた|します)|初期化(?:し|済|いた|します))|"
    + _KEY_AT_HAND_EN,
    _I,
)
# Only the key at hand, for the possible-emergency flag: a machine handed back to a leasing company may have gone
# with the key on it ("リース会社に返却済みで、データ消去されたか確認できません").
_KEY_AT_HAND = re.compile(_KEY_AT_HAND_JA + "|" + _KEY_AT_HAND_EN, _I)
# A date the writer must meet, or an audit or rule that sets it ("12/20までに", "今月中に", "期限", "監査",
# "deadline", "by this Friday", "before the audit"); not a certificate's own 有効期限 (its validity).
_WEEKDAY_EN = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight)"
_DEADLINE = re.compile(
    r"(?:\d{1,2}\s*[/月]\s*\d{1,2}\s*日?|\d{1,2}\s*日|今月中|今週中|月末|年度末|週末|明日|明後日|[月火水木金土日]曜日?)(?:まで|中)に"
    r"|(?<!有効)期限(?:まで|内|が|は|に)|締め?切り?|〆切|監査|間に合(?:わせ|う|わな|いませ)|最終(?:出社|出勤)?日|それまでに"
    r"|\bdeadlines?\b|\baudit(?:s|ors?)?\b|\bin time for\b"
    r"|\b(?:by|before)\s+(?:this\s+|next\s+|the\s+end\s+of\s+(?:the\s+)?|end\s+of\s+(?:the\s+)?)?"
    r"(?:" + _WEEKDAY_EN + r"|week|month|quarter|year|\d{1,2}(?:st|nd|rd|th)?\b)",
    _I,
)
# A password or an account of another service ("my Netflix password", "password for an online shopping
# site"): not a PIN or a passphrase of the certificate.
_OTHERS_PASSWORD = re.compile(
    r"\b(?:my|our|his|her|the)\s+"
    r"(?!(?:certificate|cert|iprove|key|private|pfx|p12|signing|pin|token|card|old|new|current|own)\b)"
    r"[\w.-]+(?:\s+[\w.-]+)?\s+(?:password|passwd|login|account)\b"
    r"|\b(?:password|login|account)\s+(?:for|of|on|at)\s+(?:an?|the|my|our|another|a different)\b[^.\n]{0,30}?"
    r"\b(?:site|website|shop|store|service|app|account|platform|forum)\b"
    r"|(?:サイト|ショップ|通販|SNS|ゲーム|メール|アカウント)(?:の)(?:パスワード|ID|アカウント)",
    _I,
)
_PASSWORD_HIT = re.compile(r"password|passwd|login|account|パスワード|アカウント", _I)
# An account of another service taken over, named in the sentence of the hijack ("インスタのアカウントが乗っ取られて",
# "LINEとか乗っ取られたらどうしよう", "my Google account was hacked"): not a key or a certificate of ours.
_HIJACK_WORDS = re.compile(r"乗っ取|不正ログイン|\b(?:hacked|hijacked|compromised|taken over)\b", _I)
_OTHER_SERVICE = re.compile(
    r"インスタ|フェイスブック|ツイッター|ティックトック|グーグル|アマゾン|楽天|ヤフー|SNS|LINE(?![A-Za-z])"
    r"|\b(?:instagram|insta|facebook|twitter|tiktok|google|gmail|amazon|yahoo|apple id|icloud|whatsapp|discord"
    r"|netflix|paypal|steam|linkedin|microsoft account|outlook)\b",
    _I,
)
# The certificate or the key named in the same sentence: then the hijack may be of ours.
_OURS_IN_SENTENCE = re.compile(r"証明書|秘密鍵|iPROVE|\b(?:certificate|cert|private key|signing key|token)\b", _I)
# Products the CA does not deal in, named as what is lost or attacked: an OpenPGP key, a VPN or
# one-time-password token, a web server's certificate.
_OTHER_PRODUCT = re.compile(
    r"\b(?:pgp|gpg|gnupg|openpgp)\s+(?:keys?|key ?pairs?|subkeys?|certificates?)\b|\bkeyservers?\b"
    r"|\b(?:vpn|otp|one-time password|2fa|mfa)\s+(?:hardware\s+)?(?:tokens?|fobs?)\b"
    r"|\b(?:ssl|tls|ssl/tls|server|web ?server)\s+certificates?\b"
    r"|VPN[^。\n]{0,15}?(?:トークン|ワンタイム)|ワンタイムパスワード(?:の)?(?:トークン|生成器|カード)"
    r"|(?:SSL|TLS|サーバー?)(?:/TLS)?\s*証明書|(?:PGP|GPG)(?:の)?(?:鍵|公開鍵|秘密鍵|キー)"
    # A certificate said to come from another certificate authority ("issued by another CA (DigiSign)",
    # "a Let's Encrypt certificate"): the CA can revoke none of its certificates.
    r"|\b(?:issued by|from)\s+(?:another|a different|an other|some other)\s+(?:ca|certificate authority|issuer)\b"
    r"|\blet'?s ?encrypt\b",
    _I,
)
# A headline or a report that turned out to be about another company ("turned out to be about a totally
# different company").
_ANOTHER_COMPANY = re.compile(
    r"\b(?:headline|news|article|forum|post|report|rumou?r)\b[^\n]{0,120}?\b(?:about|concern\w*|refer\w*)\s+"
    r"(?:an?\s+|the\s+)?(?:totally\s+|completely\s+|entirely\s+)?(?:different|another|other|unrelated)\s+"
    r"(?:company|firm|service|provider|business|site|ca)\b"
    r"|(?:ニュース|記事|報道|掲示板|噂)[^。\n]{0,40}?(?:別の|他の|ほかの|違う)(?:会社|企業|サービス|認証局)",
    _I,
)
# A device said to hold no certificate ("there's no certificate on it", "nothing was issued yet"), or the
# certificate said to be elsewhere and present ("The certificate is still in my browser on my PC").
_HELD_NONE = re.compile(
    r"\b(?:there's|there is|there was|there were)\s+no\s+(?:certificate|cert|key)s?\s+(?:on|in)\b"
    r"|\bnothing (?:was|has been) issued\b|\bbefore (?:I|we) (?:even )?(?:got|received|had)\s+(?:the|my|a|any)\s+cert"
    r"|\b(?:certificate|cert)\s+is\s+still\s+(?:in|on)\s+(?:my|the)\s+(?:browser|pc|computer|laptop)\b"
    r"|証明書は(?:まだ|ちゃんと)?(?:PC|パソコン|ブラウザ)[^。\n]{0,6}?(?:に|の中に)(?:入って|あり|残って)"
    # The writer says they hold no certificate of the CA at all ("iPROVEさんの証明書は持っていません").
    r"|(?:iPROVE|貴局|御社|貴社|そちら)(?:さん|様)?の証明書は(?:持っていません|持っておりません|持っていない|ありません|ございません)"
    r"|\bI (?:don't|do not) (?:have|hold) (?:an?|any) (?:iprove )?(?:certificate|cert)s?"
    r" (?:from|with|of) (?:you|iprove)\b"
    # A device the certificate was only to be put on ("証明書を入れる予定だったノートPC"): it held none yet.
    r"|(?:証明書|秘密鍵|鍵)を(?:入れる|インストールする|保存する|取り込む|使う)予定(?:だった|でした|の)",
    _I,
)
# A loss named as an example in a question ("E.g. a PC stolen vs. an employee leaving", "例えばPCの盗難").
_EXAMPLE = re.compile(r"\be\.g\.|\bfor (?:example|instance)\b|\bsuch as\b|例えば|たとえば", _I)
# A procedure named as a page or a section the writer read ("緊急失効のページを見て", "ネットで「緊急失効」という
# のを見ました"), not asked for; nor is one named as what a contact detail serves ("この電話番号は緊急失効の確認
# にも使われる", "used for confirmation calls, including for emergency revocation"): the writer corrects it.
_PAGE_NAMED = re.compile(
    r"(?:緊急失効|失効)(?:の|に関する|についての)(?:ページ|案内|説明|記事|項目|欄|FAQ|よくある質問)"
    r"(?:を|で|に)(?:見|読|拝見)"
    r"|「?(?:緊急失効|失効)」?(?:という|っていう)(?:の|もの|ページ|言葉|手続き)(?:を|が|も)(?:見|読|知|聞)"
    r"|(?:緊急失効|失効)(?:の|に|で)(?:確認|連絡|際|時|手続き)[^。\n]{0,4}?(?:にも|に|で|でも)使(?:われ|用され|う)"
    r"|\b(?:is|are|be|was|gets?) used (?:for|in)\b[^.\n]{0,40}?\b(?:emergency revocation|revocation)s?\b"
    r"|\b(?:emergency revocation|revocation) (?:page|section|faq|article|guide)\b",
    _I,
)
# What went missing, named right before the verb ("アドレスがなくなりました"): a device or not.
_GONE_SUBJECT = re.compile(r"([^\s、。,.がはもをに]{1,10})(?:が|は|も)(?:なくな|無くな|見つから|見当たら)")
_DEVICE_WORD = re.compile(devices.PHYSICAL + "|" + devices.LOST_WITH_KEY, _I)
# A sentence of a mail: up to a Japanese full stop, an English one before a space, or a line break.
# The dot of an abbreviation ("e.g.", "vs.") ends none.
_SENTENCE_END = re.compile(r"。|(?<!e\.g)(?<!i\.e)(?<!\bvs)(?<!\betc)[.!?](?=\s|$)|\n", re.IGNORECASE)
# The same, except a single line break inside a wrapped English or Japanese sentence (a word or a comma before
# it, a word after it): mail clients wrap lines at a fixed width.
_WRAPPED_SENTENCE_END = re.compile(
    r"。|(?<!e\.g)(?<!i\.e)(?<!\bvs)(?<!\betc)[.!?](?=\s|$)|(?<![\w,、])\n|\n(?![ \t]*\w)", re.IGNORECASE
)
# Where a clause begins inside a sentence: a comma or a colon, or a "but" that turns to another thing.
_CLAUSE_START = re.compile(r"[,;:、]|\b(?:but|however|although|though|whereas)\b|けど|けれど|ものの", _I)
# A denial said of another key, certificate or device than the one at risk ("my other certificate",
# "The second certificate", "別の証明書", "もう一枚のICカード"): it cancels no compromise told beside it.
_ANOTHER_ONE = re.compile(
    r"\b(?:other|another|second|different|separate|spare)\b|別の|他の|ほかの|もう(?:一|1|ひと)(?:つ|枚|台|本)", _I
)
# The things a key is held on, as a denial and a compromise name them ("the office PC", "ノートPC").
_HOLDER_WORD = re.compile(
    devices.PHYSICAL
    + r"|\b(?:laptop|notebook|pc|computer|desktop|machine|token|usb|smart ?card|ic ?card|card|smart ?phone|phone"
    r"|tablet|drive|bag|server)s?\b",
    _I,
)

# The "not ours" words that name only a payment card (a credit card, a bank's card): such a card is
# lost beside a key of ours as often as alone, so it makes none of the other losses another's.
_PAYMENT_CARD = re.compile(
    r"クレジットカード|キャッシュカード|デビットカード|銀行カード|ATMカード|(?:預金)?通帳|(?:銀行|口座)の(?:カード|暗証番号)"
    r"|\b(?:credit|cash|debit|bank|atm) cards?\b|\bbank ?book\b|\bpassbook\b",
    _I,
)
# A thing that holds a key of ours, named in a compromise's words, or a bag that may carry one ("鞄ごと
# キャッシュカードを盗まれました": what else was in the bag is for the callback to find out, and a missed
# emergency costs more than a false alarm).  Not a bare "カード" (beside a credit card it is most often
# that card again) nor a bare "鍵" (a house key is lost with a wallet).
_KEY_HOLDER = re.compile(
    devices.alternation(devices.HARDWARE, devices.KEY_HARDWARE, devices.BAGS, ("秘密鍵", "証明書", "バックアップ"))
    + r"|\b(?:laptop|pc|computer|notebook|token|ic ?card|usb|smart ?phone|phone|bag|backpack|briefcase"
    r"|private key|certificate)s?\b",
    _I,
)


def _sentence_span(text: str, at: int, end: int, ends: re.Pattern[str] = _SENTENCE_END) -> tuple[int, int]:
    """Where the sentence of *text* that holds ``text[at:end]`` begins and ends (sentences end at *ends*)."""
    starts = [m.end() for m in ends.finditer(text, 0, at)]
    end_match = ends.search(text, end)
    return (starts[-1] if starts else 0), (end_match.end() if end_match else len(text))


def _sentence(text: str, words: str, ends: re.Pattern[str] = _SENTENCE_END) -> str:
    """The sentence of *text* in which *words* stand (all of *text* when they are not found)."""
    at = text.find(words)
    if at < 0:
        return text
    start, end = _sentence_span(text, at, at + len(words), ends)
    return text[start:end]


def _wrapped_sentence(text: str, words: str) -> str:
    """The sentence of *text* in which *words* stand, read across the line breaks of a wrapped paragraph."""
    return _sentence(text, words, _WRAPPED_SENTENCE_END)


def _holders(words: str) -> set[str]:
    """The things a key is held on that *words* name, in lower case ("the office PC" gives {"pc"})."""
    return {found.group(0).lower().replace(" ", "") for found in _HOLDER_WORD.finditer(words)}


def _denies(text: str, denial: re.Match[str], words: str) -> bool:
    """Tell whether *denial* is said of the compromise told in *words*, not of something beside it.

    A denial said of another one ("my other certificate", "別の証明書") cancels nothing.  Otherwise it
    cancels the compromise of its own sentence ("I thought my key was leaked but it was never
    exposed"); in another sentence, only one whose device it names, or any when it names no device
    ("The certificate was never exposed", "iPROVEの証明書はこの件とは関係ありません").  A theft told
    beside a denial of another device's key ("My laptop was stolen. My office PC was never affected.")
    stays a compromise: a missed emergency costs a stolen key its window, a false one a call back.
    """
    start, end = _sentence_span(text, denial.start(), denial.end())
    breaks = [m.end() for m in _CLAUSE_START.finditer(text, start, denial.start())]
    clause = text[breaks[-1] if breaks else start : denial.end()]
    if _ANOTHER_ONE.search(clause):
        return False
    at = text.find(words)
    if at < 0 or start <= at < end:
        return True
    named = _holders(text[start : denial.end()])
    return not named or bool(named & _holders(_sentence(text, words)))


def _denial_of(text: str, words: str) -> re.Match[str] | None:
    """The writer's unhedged words that the compromise told in *words* does not touch the key (see :func:`_denies`)."""
    for found in _UNRELATED.finditer(text):
        if not _HEDGE.search(_wrapped_sentence(text, found.group(0))) and _denies(text, found, words):
            return found
    return None


def _why_not_ours(text: str, words: str) -> str:
    """Why the compromise told in *words* is none of the CA's to act on, or "" when it is."""
    denial = _denial_of(text, words)
    if denial:
        return f"the writer says it does not touch the key ({denial.group(0)!r})"
    sentence = _sentence(text, words)
    if _PASSWORD_HIT.search(words) and _OTHERS_PASSWORD.search(sentence):
        return "a password or an account of another service"
    if _HIJACK_WORDS.search(words) and _OTHER_SERVICE.search(sentence) and not _OURS_IN_SENTENCE.search(sentence):
        return "an account of another service taken over"
    start = sentence.find(words)
    if _EXAMPLE.search(sentence[: max(start, 0)]):
        return "an example in a question, not what happened"
    gone = _GONE_SUBJECT.search(words)
    if gone and not _DEVICE_WORD.search(gone.group(1)):
        return f"what went missing is {gone.group(1)!r}, not a device"
    return ""


def _key_safe(text: str, safe: re.Pattern[str] = _KEY_SAFE) -> re.Match[str] | None:
    """The words matched by *safe* that the key is where it belongs and unharmed, unless hedged (``_HEDGE``)."""
    for found in safe.finditer(text):
        if not _HEDGE.search(_wrapped_sentence(text, found.group(0))):
            return found
    return None


def key_safe(text: str) -> list[str]:
    """The writer's words that the key or the machine holding it is safe where it belongs ("PCも手元にあります").

    Unless hedged or doubted, they deny an incident, for the possible-emergency flag (:mod:`intake.possemerg`).
    """
    found = _key_safe(text, _KEY_AT_HAND)
    return [found.group(0)] if found else []


def _unrelated(text: str) -> re.Match[str] | None:
    """The writer's words that what happened does not touch the key, unless hedged ("I hope", "かもしれません")."""
    for found in _UNRELATED.finditer(text):
        sentence = _wrapped_sentence(text, found.group(0))
        if not _HEDGE.search(sentence):
            return found
    return None


# The kind of certificate the CA issues, named as one of the things at risk ("it held my e-signature
# certificate, and also a server certificate from another CA"): another product named beside it does
# not make the whole loss another's.
# A kind named just before the other product's words is that product ("my S/MIME certificate issued
# by another CA"), not one of ours.
_OUR_KIND = re.compile(
    r"電子署名(?:用)?(?:の)?(?:電子)?証明書|S/MIME\s*証明書"
    r"|\b(?:e-?signature|electronic signature|digital signature|personal|s/mime)\s+(?:certificate|cert)s?\b",
    _I,
)


def _ours_beside(text: str, product: re.Match[str]) -> bool:
    """Tell whether *text* names the CA's kind of certificate apart from the other *product* it names."""
    return any(not 0 <= product.start() - kind.end() <= 3 for kind in _OUR_KIND.finditer(text))


def _why_none_at_all(text: str, hits: dict[str, list[str]]) -> str:
    """Why no compromise told in *text* is of the CA's key at all, or "" (the whole mail is read)."""
    product = _OTHER_PRODUCT.search(text)
    if product and not hits["ours_named"] and not _ours_beside(text, product):
        return f"the key is of a product the CA does not deal in ({product.group(0)!r})"
    held_none = _HELD_NONE.search(text)
    if held_none:
        return f"the device held no certificate of ours ({held_none.group(0)!r})"
    another = _ANOTHER_COMPANY.search(text)
    if another and not hits["incident"]:
        return f"a report about another company ({another.group(0)[:60]!r})"
    return ""


def _beside_a_card(hits: dict[str, list[str]], told: Sequence[Hit]) -> list[Hit]:
    """The compromises *told* that stay ours though a payment card is among the "not ours" words of *hits*.

    When every "not ours" word names a payment card, a compromise whose words name a machine, a key
    card or the key itself is kept: it is dropped with the rest only when the card is all that was
    lost.  Any other "not ours" word (another issuer's card, e-Tax, a bank's web service), or a device
    said to hold no key, keeps the plain reading: every compromise is then another's unless the writer
    names the CA.
    """
    if not hits["not_ours"] or hits["no_key_held"]:
        return []
    if not all(_PAYMENT_CARD.search(hit) for hit in hits["not_ours"]):
        return []
    return [c for c in told if _KEY_HOLDER.search(c.words)]


def _another_issuers(hits: dict[str, list[str]], found: Mapping[str, Sequence[Hit]]) -> bool:
    """Tell whether the rules' words make every compromise *found* another issuer's, another service's or none.

    "電子入札用のICカード（他社発行）を紛失しました": the key at risk is another issuer's (a product the CA
    does not deal in), or none ("証明書は入ってない"), and the writer names nothing of ours.  Not so in
    "PCを置き忘れました…財布も盗まれましたがクレジットカードは関係ない": a payment card told beside the loss
    is none of ours, but a machine, a key card or the key lost with it still is (:func:`_beside_a_card`).
    """
    said = hits["not_ours"] or hits["no_key_held"]
    return (
        bool(said)
        and not hits["ours_named"]
        and not _beside_a_card(hits, found["compromise"])
        and not _key_sent_to_a_mailbox(hits, found)
    )


# A mail service named as where something went ("it went to an unknown person at a gmail address").
_MAILBOX = re.compile(r"\b(?:gmail|yahoo mail|outlook\.com|icloud|hotmail)\b", _I)
# The key itself, in the words of a compromise ("sent my .pfx", "key file sent to wrong address", "秘密鍵を誤送信").
_KEY_ITSELF = re.compile(r"private key|key ?file|\.?pfx|\.?p12|秘密鍵|鍵ファイル", _I)


def _key_sent_to_a_mailbox(hits: dict[str, list[str]], found: Mapping[str, Sequence[Hit]]) -> bool:
    """Tell whether the only words for another's are a mail service, and the compromise names the key itself.

    "I emailed my .pfx to myself, typed the address wrong and it went to someone at a gmail address": the mailbox is
    where the key went, not another service's account at risk; the key is ours.
    """
    mailbox_only = bool(found["not_ours"]) and all(_MAILBOX.search(hit.words) for hit in found["not_ours"])
    key_told = any(_KEY_ITSELF.search(hit.words) for hit in found["compromise"])
    return mailbox_only and key_told and not hits["no_key_held"]


def _dropped(hits: dict[str, list[str]], told: Sequence[Hit], why: str) -> list[Hit]:
    """Drop every compromise *told*, telling the first two in ``others_key`` of *hits* with *why*; none is left."""
    hits["others_key"] = [f"not ours: {c.words!r} {why}" for c in told[:2]]
    return []


def whose_key(text: str, hits: dict[str, list[str]], found: Mapping[str, Sequence[Hit]]) -> dict[str, list[str]]:
    """Read whose key the compromise in *hits* puts at risk (see the module docstring); *hits* are changed and returned.

    *text* is the normalised text the hits were read from, and *found* holds what the ``compromise`` and
    ``not_ours`` rules matched there.  Compromises dropped are told in ``others_key`` ("not ours: …"); the
    rules' words for another issuer's key go to ``other_product``.  What the compromises kept matched is
    handed over in ``compromise_words``, beside their reasons in ``compromise``.
    """
    hits["others_key"] = []
    told = list(found["compromise"])
    if told and _another_issuers(hits, found):
        hits["other_product"] = [*hits["other_product"], *hits["not_ours"]]
        told = _dropped(hits, told, "is told of another's key or of none")
    elif told and hits["news_report"] and not hits["incident"]:
        # "ニュースで、ある会社から顧客情報が漏洩したと報じられていました": a leak elsewhere, known from the
        # news; the writer reports nothing that happened to them, and asks at most whether it touches them.
        told = _dropped(hits, told, "is a leak elsewhere, told from the news")
    return _read_again(text, hits, told)


# The writer says that what they ask now is another matter than an earlier case ("以前の紛失とは別件です", "This is a
# different matter", "not related to my earlier loss"): the earlier case is told only to set it apart.
_ANOTHER_MATTER = re.compile(
    r"別件|(?:とは|とも)(?:別|関係(?:ない|ありません|ございません|なく))"
    r"|\b(?:a |an )?(?:different|separate|another|unrelated|new) (?:matter|issue|case|request|reason)\b"
    r"|\b(?:not related to|unrelated to|nothing to do with|apart from) (?:my|the|our|that)"
    r" (?:earlier|previous|past|old|last)\b",
    _I,
)
# A sentence told as the past: years ago, once before, or a revocation already done for it ("3年前に…緊急失効して
# いただいた", "Some years ago I reported a lost laptop").
_PAST_CASE = re.compile(
    r"年前|昔|以前|前回|かつて|先年|去年|昨年|当時|していただいた(?:者|際|時|とき)"
    r"|\b(?:years? ago|months ago|some years|last year|previously|earlier|in the past|back in|once before"
    r"|at the time)\b",
    _I,
)


def _past_sentences(text: str) -> list[tuple[int, int]]:
    """The spans of the sentences of *text* that tell an earlier case, when the writer sets it apart as another matter.

    "3年前にノートPCを紛失した際に緊急失効していただいた者です。今回は…定年退職のため失効したいです" tells the loss
    of three years ago only to say who writes: its loss and its 緊急失効 ask for nothing now.  Without the words
    that set the earlier case apart, a loss told in the past may still be the key at risk today, and nothing is read
    as the past.
    """
    if not _ANOTHER_MATTER.search(text):
        return []
    spans: list[tuple[int, int]] = []
    for found in _PAST_CASE.finditer(text):
        span = _sentence_span(text, found.start(), found.end())
        if span not in spans:
            spans.append(span)
    return spans


def _read_again(text: str, hits: dict[str, list[str]], told: list[Hit]) -> dict[str, list[str]]:
    """Read the compromise *told* again, each in the four ways of the module docstring; set what is kept in *hits*."""
    past = _past_sentences(text)
    if past:
        # The earlier case's words (a loss, 緊急失効, "emergency") ask for nothing now; the rest of the mail is read.
        present = text
        for start, end in sorted(past, reverse=True):
            present = present[:start] + " " + present[end:]
        for rule in (URGENCY, EMERGENCY_REVOCATION):
            hits[rule.name] = rule.check(present)
        earlier = [hit for hit in told if hit.words not in present]
        told = [hit for hit in told if hit.words in present]
        hits["others_key"] = [
            *hits.get("others_key", []),
            *(f"not ours: {hit.words!r}: an earlier case, set apart as another matter" for hit in earlier),
        ]
        if earlier:
            hits["incident"] = [reason for reason in hits["incident"] if reason_words(reason) in present]
    page = _PAGE_NAMED.search(text)
    if page:
        # "緊急失効のページを見て焦りましたが…": the page's name asks for nothing.
        unpaged = _PAGE_NAMED.sub(" ", text)
        for rule in (URGENCY, EMERGENCY_REVOCATION, REVOCATION):
            hits[rule.name] = rule.check(unpaged)
    more = _MORE_COMPROMISE.hits(text)
    if more:
        # A device sold with the key on it, or a bag snatched, is also told as something that happened.
        told = [*told, *more]
        hits["incident"] = [*hits["incident"], *(f"incident: {hit.words!r}" for hit in more)]
    if told:
        why_all = _why_none_at_all(text, hits)
        dropped: list[str] = []
        kept: list[Hit] = []
        for hit in told:
            why = why_all or _why_not_ours(text, hit.words)
            if why:
                dropped.append(f"not ours: {hit.words!r}: {why}")
            else:
                kept.append(hit)
        told = kept
        hits["others_key"] = [*hits.get("others_key", []), *dropped]
    elif _OTHER_PRODUCT.search(text) and not hits["ours_named"]:
        # "会社のVPN接続に使っているトークンを紛失しました": no compromise of ours is read, and the models'
        # vote alone must not make one of it.
        found = _OTHER_PRODUCT.search(text)
        product = found.group(0) if found else ""
        hits["others_key"] = [*hits.get("others_key", []), f"not ours: a product the CA does not deal in ({product!r})"]
        hits["other_product"] = [*hits["other_product"], f"other_product: {product!r}"]
    elif hits["no_key_held"]:
        # "USBメモリを紛失しました…電子証明書や秘密鍵は入っていません": whatever the models read in the story of
        # a loss, the writer says the device held no key of ours; their vote alone must not make an emergency of it.
        hits["others_key"] = [
            *hits.get("others_key", []),
            f"not ours: the device held no key ({reason_words(hits['no_key_held'][0])!r})",
        ]
    elif _unrelated(text):
        # "財布を盗まれました…iPROVEの証明書は関係ありません": the models read a theft that the writer says does
        # not touch the certificate; their vote alone must not make an emergency of it.
        found = _unrelated(text)
        words = found.group(0) if found else ""
        hits["others_key"] = [
            *hits.get("others_key", []),
            f"not ours: the writer says it does not touch the key ({words!r})",
        ]
    hits["compromise"] = [hit.reason for hit in told]
    hits["compromise_words"] = [hit.words for hit in told]
    hits["deadline"] = []
    if hits["urgency"] and not hits["compromise"] and not hits["emergency_revocation"]:
        safe = _key_safe(text) or _unrelated(text)
        deadline = _DEADLINE.search(text)
        if safe:
            # "至急…PCは父の自宅にあり、問題はありません": the hurry is the writer's deadline; the key is safe.
            hits["urgency"] = []
            hits["others_key"] = [*hits.get("others_key", []), f"not ours: the key is safe ({safe.group(0)!r})"]
        elif deadline:
            # "急ぎ！12/20までに失効を完了させないといけない（監査で）", "URGENT DEADLINE … revoked by this Friday":
            # the hurry is a date to meet, and no loss, theft or leak is told.
            hits["deadline"] = [f"deadline: {deadline.group(0)!r} is a date to meet, not an incident"]
            hits["urgency"] = []
    return hits


# An everyday reason to end a certificate: a switch to another provider, a retirement, an office closed, a move, a new
# name, a certificate no longer needed.
_ORDINARY_REASON = re.compile(
    r"切替|切り替|乗り換|移行|他社|別の(?:認証|サービス|会社)|退職|廃業|閉鎖|閉業|引っ越|転居|移転|結婚|改姓|不要|使わな|使いません"
    r"|(?:住所|氏名|名前|社名|商号|メールアドレス)(?:が|を|の)?(?:変わ|変更|かわ)|合併"
    r"|\b(?:switch\w*|moving|move to|retir\w*|clos(?:e|ing|ed) (?:my|our|the)|no longer (?:need|use)|another provider"
    r"|new provider|changed? (?:my |our )?(?:name|provider|address)|(?:new|changed) address|merg(?:er|ed|ing))\b",
    _I,
)


def hurry_without_incident(text: str, hits: dict[str, list[str]], denied: Sequence[str]) -> dict[str, list[str]]:
    """Read an urgent revocation as an ordinary one in a hurry: the writer denies any loss and gives an everyday reason.

    "至急です…鍵がなくなったとかではなく、単純に切替のためです", "URGENT … no loss or theft, we are switching to
    another provider": the hurry is the writer's own; the incident that would make it an emergency is denied, and the
    reason told in the same sentence as the denial is an everyday one (:data:`_ORDINARY_REASON`).  A compromise still
    told, 緊急失効 asked in so many words, or a denial without such a reason beside it keeps the urgency.  *text* is
    the folded text of the mail, denials still in it, and *denied* the phrases of it that deny an incident
    (:func:`intake.wishes.denied_incidents`); *hits* are changed and returned.
    """
    reason = None
    for words in denied:
        at = text.find(words)
        if at >= 0:
            start, end = _sentence_span(text, at, at + len(words))
            reason = reason or _ORDINARY_REASON.search(text, start, end)
    if reason and hits["urgency"] and not hits["compromise"] and not hits["emergency_revocation"]:
        hits["urgency"] = []
        hits["others_key"] = [
            *hits.get("others_key", []),
            f"not ours: the writer denies an incident ({denied[0]!r}) and ends it for an everyday reason"
            f" ({reason.group(0)!r})",
        ]
    return hits
