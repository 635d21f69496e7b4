"""Named classification rules, each recording why it matched.

In the manner of GNU Mailman's rules, every rule is a small object with a ``name`` and a
``check(text)`` that returns the reasons it matched (an empty list means no match).  The
chain in :mod:`intake.classify` combines their verdicts; rules never decide an intent on
their own.  Texts are NFKC-normalised before checking, so full-width and half-width
forms (``？``, ``ｷｬﾝｾﾙ``) match the same patterns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from core.reasons import Kind as ReasonKind
from core.reasons import write as write_reason
from intake import devices


@dataclass(frozen=True)
class Hit:
    """What one pattern of a rule matched, handed over as data: the rule's name and the words it matched."""

    rule: str
    words: str

    @property
    def reason(self) -> str:
        """The reason as the rules tell it ("compromise: 'PC stolen'")."""
        return write_reason(ReasonKind.RULE, rule=self.rule, words=self.words)


@dataclass(frozen=True)
class Rule:
    """A set of regular expressions; each one that matches yields one reason.

    Some words mean what the rule reads only when the rest of the mail does not say otherwise: a
    holder said to be in a care home is alive only in a mail that tells of no death.  Those
    patterns are ``guarded``: they count only in a text where ``unless`` finds nothing.
    """

    name: str
    patterns: tuple[re.Pattern[str], ...]
    guarded: tuple[re.Pattern[str], ...] = ()
    unless: re.Pattern[str] | None = None

    def hits(self, text: str) -> list[Hit]:
        """Return what every pattern that matches *text* matched, in the patterns' order."""
        patterns = self.patterns
        if self.guarded and not (self.unless and self.unless.search(text)):
            patterns = (*patterns, *self.guarded)
        found: list[Hit] = []
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                found.append(Hit(self.name, match.group(0).strip()))
        return found

    def check(self, text: str) -> list[str]:
        """Return ``"<rule>: <matched words>"`` for every pattern that matches *text*."""
        return [hit.reason for hit in self.hits(text)]


def reason_words(reason: str) -> str:
    """The matched words of a reason :meth:`Rule.check` gave ("compromise: 'PC stolen'" gives "PC stolen")."""
    quoted = reason.split(": ", 1)[-1]
    return quoted[1:-1] if len(quoted) >= 2 and quoted[0] in "'\"" else quoted


@dataclass(frozen=True)
class Narrowing:
    """A named rule read over another rule's reasons: those whose matched words also say one thing more.

    "発行してもらった" and "発行済みの1枚目" are both ``issued_stated``; only the first says the certificate was
    issued to the writer.  A narrowing keeps the reasons of rule ``of`` whose words ``pattern`` finds, so that the
    chain asks for "issued_to_me" by name instead of filtering words itself.
    """

    name: str
    of: str
    pattern: re.Pattern[str]

    def select(self, hits: Mapping[str, list[str]]) -> list[str]:
        """The reasons of rule ``of`` among *hits* whose matched words the pattern finds."""
        return [hit for hit in hits[self.of] if self.pattern.search(reason_words(hit))]


def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE | re.DOTALL) for p in patterns)


# Another signed or used something with the writer's certificate, told as done ("Someone signed a contract with my
# cert, not me!!"), not asked of as a what-if ("if someone signed with my key…?").
_EN_SIGNED_WITH_MINE = (
    r"(?<!if )\b(?:someone|somebody|a stranger|some(?:one|body) else)\s+(?:has\s+(?:been\s+)?|is\s+|was\s+)?"
    r"(?:signed|used|signing|using)\b[^.\n?]{0,40}?"
    # Signed in the writer's name ("someone is signing documents with my name").
    r"\bwith\s+(?:my|our)\s+(?:e-?signature|signature|certificate|cert|private key|key|name)\b(?![^?\n]*\?)"
)


def _rule(name: str, *patterns: str) -> Rule:
    return Rule(name, _compiled(patterns))


def _guarded_rule(name: str, patterns: tuple[str, ...], guarded: tuple[str, ...], unless: str) -> Rule:
    """A rule whose *guarded* patterns count only in a text where *unless* matches nowhere."""
    return Rule(name, _compiled(patterns), _compiled(guarded), re.compile(unless, re.IGNORECASE | re.DOTALL))


# The gap between two words of one English sentence, as mail clients wrap it: a line break
# inside a paragraph (not a blank line) and a dot inside a word (".pfx", "e.g") do not end it.
_EN_GAP = r"(?:[^.!?\n]|\.(?=\w)|\n(?![ \t]*\n))"
# The gap across the sentences of one Japanese paragraph: a line break inside it, not a blank line.
_JA_PARAGRAPH_GAP = r"(?:[^\n]|\n(?![ \t]*\n))"


# A relative's death told in a chat's few words ("Mom passed 😢", "dad just passed"); not an exam passed.
_EN_RELATIVE_PASSED = (
    r"\b(?:mom|mum|mother|dad|father|husband|wife|son|daughter|brother|sister|grandma|grandpa|grandmother"
    r"|grandfather|uncle|aunt|partner) (?:just |recently |suddenly |has |had )?passed\b"
    r"(?! (?:the|an?|my|his|her|exam|test)\b)"
)

# The relatives a family member names when the holder has died, in kanji and in kana; each death
# pattern below adds the familiar forms it needs.
_KIN_KANJI = r"父|母|夫|妻|主人|祖父|祖母|兄|弟|姉|妹|息子|娘"
_KIN_KANA = r"ちち|はは|おっと|つま|しゅじん|そふ|そぼ|あに|あね|むすこ|むすめ"

# A death told with the words before the relative ("死んだ父の証明書", "しんだ ちちの", "亡くなった母の").
_DEAD_RELATIVE = (
    r"(?:死んだ|しんだ|亡くなった|他界した|逝去した|死亡した|なくなった(?=\s*(?:ちち|はは|おっと|しゅじん|そふ|そぼ)))\s*"
    rf"(?:{_KIN_KANJI}|{_KIN_KANA}|おやじ|親父|おふくろ|社員|従業員|職員|役員|会員|所員)"
)
# The same in a chat's plain words, the relative first ("おやじ死んだんだけど", "母が死にました"): not a wish or a
# what-if ("父が死んだら").
_RELATIVE_DIED = (
    rf"(?:{_KIN_KANJI}|{_KIN_KANA}|おやじ|親父|おふくろ|おとん|おかん|じいちゃん|ばあちゃん)(?:が|は)?\s*"
    r"(?:死んだ(?!ら|場合|とき|時|後の?こと)|しんだ(?!ら|場合|とき)|死にました|死んじゃ(?:った|いました)"
    # Written as a note, the noun alone ("夫死去。証明書失効希望").
    r"|(?:死去|逝去|他界|永眠|急逝|死亡)(?=[。．.、,!！\s]|$))"
)

DEATH = _rule(
    "death",
    r"名義人\s*死亡\s*届|死亡届"
    # A relative's death, its notice asked about ("父の死亡の届けって、戸籍謄本だけでいいですか？").
    r"|(?:父|母|夫|妻|主人|祖父|祖母|兄|弟|姉|妹|息子|娘)の死亡の?(?:届け?|手続き?)",
    r"(?:名義人|本人|父|母|夫|妻|主人|家族|息子|娘|兄|弟|姉|妹|社長|代表|会員|社員|従業員|職員|祖父|祖母|叔父|叔母"
    r"|伯父|伯母|依頼人|顧客|氏|様|さん)[^。\n]{0,40}?"
    r"(?:死亡|逝去|死去|亡くな|他界|永眠|急逝)|" + _DEAD_RELATIVE + "|" + _RELATIVE_DIED,
    # An obituary told ("社員の訃報に伴い、同人名義の証明書の失効を").
    r"訃報に(?:接し|伴い|ともない|より|つき)|(?:名義人|本人|社員|従業員|職員|会員|代表|社長)の訃報",
    r"\b(?:passed away|has died|died|deceased|death of)\b",
    # A relative's death told in few words ("Mom passed 😢", "my late husband's cert").
    _EN_RELATIVE_PASSED
    + r"|\b(?:my|our) late (?:husband|wife|father|mother|dad|mom|mum|son|daughter|brother|sister|partner|uncle|aunt)\b"
    r"|^\s*late (?:husband|wife|father|mother|dad|mom|mum|son|daughter|brother|sister|partner)\b",
)

# Things whose loss or theft exposes the private key (a lost seal or form does not).
# (One vocabulary with the serial reader's device words: intake.devices.)
_DEVICE = devices.LOST_WITH_KEY
# "証明書をなくしてください" asks for it to be done away with (cancelled), in the other sense of なくす: the
# imperative of a loss is no loss told.
_GET_RID_OF = r"(?!て(?:ください|下さい|くださ|ほしい|欲しい|もらえ|もらい|いただ|頂))"
_LOSS = (
    r"(?:紛失|盗難|盗まれ|盗ら|ぬすまれ|(?:(?<![えけせてねべめれ])なくし|無くし)" + _GET_RID_OF
    # Not 見落とし (overlooked), 落とし穴 (a pitfall) or 落とし込み (working something in).
    + r"|失くし|置き忘れ|置忘れ|忘れてき|(?<![見])落とし(?!穴|込)|ひったくり|空き巣|車上荒らし"
    # Dropped, in kana as a colloquial writer spells it ("iPhoneおとしちゃいました"), not 見落とし ("みおとし").
    r"|(?<![み見])おとし(?=ちゃ|て|まし|た)"
    # Left on a train or in a taxi ("電車に忘れました"), not left at home or in the office.
    r"|(?<!家)(?<!宅)(?<!社)(?<!場)に忘れ(?:まし|た|て)"
    r"|(?:奪|抜き取|ひったく)られ|持ち去られ|持ち出され|無断で持ち出|返却せずに持ち出|置き引き|スリ(?:に|被害)"
    # Taken away by someone else ("泥棒にパソコンも持って行かれました", "だれかがもっていきました"),
    # not a device the writer took somewhere.
    r"|(?:持って|もって)(?:行|い)かれ|(?:誰か|だれか|何者か|知らない人|泥棒|どろぼう)(?:が|に)[^。\n]{0,15}?(?:持って|もって)(?:行|い)(?:き|っ)"
    # Picked from a pocket or a bag ("財布をすられました"); after を or に, not the end of another verb.
    r"|(?<=[をに])すられ|掏られ)"
)
# Papers that hold no key.  Named with の after a device word ("証明書発行に係る会費の領収書を紛失しました",
# "証明書の申込書をなくしました"), the device word only says what the paper is for: the loss is the paper's.
_PAPERS = (
    "領収書", "領収証", "請求書", "照会書", "申込書", "申請書", "書類", "用紙", "封筒", "通知書", "案内", "説明書",
    "パンフレット", "納品書", "見積書", "振込票", "払込票",
)
_PAPER_LOST = "".join(f"(?<!の{w})(?<!の{w}を)(?<!の{w}が)(?<!の{w}も)" for w in _PAPERS)
# A seal holds no key either, however it is named ("申込の時の印鑑をなくしてしまいました", "届出印を紛失").
_SEALS = ("印鑑", "実印", "認印", "届出印", "はんこ", "ハンコ", "印章")
_PAPER_LOST += "".join(f"(?<!{w})(?<!{w}を)(?<!{w}が)(?<!{w}も)" for w in _SEALS)
# A device (or the key) lost, told in one clause: a paper for the certificate lost is not one.
_DEVICE_LOST = _DEVICE + r"[^。\n]{0,20}?" + _PAPER_LOST + _LOSS

# Things that can be left somewhere or go missing in the world (not a file that a browser
# "cannot find", which is a question about installing it).
_PHYSICAL = devices.PHYSICAL
# Places where a thing left is safe ("パソコンは自宅に置いたままで、特に問題は起きていません").
_SAFE_PLACE = "".join(f"(?<!{w}に)" for w in ("事務所", "自宅", "会社", "職場", "社内", "オフィス", "家", "机", "金庫"))
_GONE = (
    r"(?:" + _SAFE_PLACE + r"置いたまま"
    r"|見つかって(?:い|お)(?:ません|らず|ない)|見つからな|見つかりません|見当たら|見当たりません"
    r"|(?:行方|所在)(?:が)?(?:不明|わから)|(?:(?<=[がもはを、\s])|(?<![ぁ-ゖ]))(?:なくなりました|なくなってしま|なくなっていま)|どこにも(?:ありません|ない|見当たら)"
    # Left somewhere the writer cannot name ("飲み会の帰りにどこかに置いてきた"), or cannot recall where it was put
    # ("どこに置いたかわからなくなりました").
    r"|どこかに(?:置いて|忘れて)(?:き|しま)"
    r"|どこに(?:置いた|しまった|やった|保管した|入れた)か(?:が|も)?(?:わから|分から|思い出せ))"
)

# A device gone from where it was left ("机の上から消えていました"), told as what happened.
_VANISHED = (
    _PHYSICAL
    + r"[^。\n]{0,40}?(?:机|車|部屋|鞄|かばん|カバン|棚|ロッカー|席|自宅|家|会社|事務所|オフィス)(?:の上|の中)?から"
    r"(?:消え|なくな|無くな)(?:て(?:い|お|しま)|っ?た|りました)"
)

# A device left on a train or in a taxi ("タクシーにカバンを忘れました", "電車の網棚にPCを置いてきた").
_LEFT_ON_VEHICLE = (
    r"(?:電車|タクシー|バス|新幹線|飛行機|地下鉄|列車|網棚|車内)(?:の中|内|の網棚|の座席)?に[^。\n]{0,12}?"
    + _DEVICE
    + r"[^。\n]{0,8}?(?:忘れ|置いてき|置いたまま)"
)
# A device that disappeared where it was left ("デスクに置いていたPCが、戻ったら消えていました").
_GONE_FROM_SIGHT = _PHYSICAL + r"(?:が|も)[^。\n]{0,30}?消え(?:て(?:い|お|しま)|た|ました)"

# The key used behind its holder's back ("本人の知らないところで署名に使われた"), or a signature the holder never made.
# Not "証明書が不正に利用された" alone: a phishing mail or a story of another's says that too (a guard-half
# text was lost to it).
_UNKNOWN_USE = (
    r"(?:(?:本人|私|わたし|自分|名義人)の知らない(?:ところ|うち|間|あいだ)(?:で|に)[^。\n]{0,20}?"
    r"(?:使われ|使用され|利用され|署名され|署名に使われ)"
    r"|身に覚えの(?:ない|無い)(?:電子)?署名"
    # A signed mail in the writer's name that they say they never sent ("私の名前で電子署名されたメールが取引先に
    # 届いてるらしい。送ってない").
    r"|(?:私|自分|わたし|僕|本人)の名前で[^。\n]{0,25}?署名[^。\n]{0,40}?[。．\n]?\s*(?:(?:私|自分)は)?"
    r"(?:送って(?:い)?(?:ない|ません)|送信して(?:い)?(?:ない|ません)|身に覚え|心当たり(?:が|は)?(?:ない|ありません)))"
)
# A belonging found missing, told as the moment the writer noticed ("鞄がないことに気づきました"):
# the thing itself is missing (not "ICカードリーダーがない", which is a thing not yet bought).
_NOTICED_GONE = (
    _PHYSICAL + r"(?:の中身)?(?:が|も)(?:ない|無い|なくなって(?:い|お)(?:る|た))(?:こと|の)に気(?:づ|付)"
)
# A device left behind on a vehicle, in English ("left my laptop on the train", "the bag was left
# in a taxi"), not at home or in the office.
_EN_VEHICLE = r"\b(?:on|in) (?:the|a|my) (?:train|bus|taxi|cab|plane|subway|tram|metro|shinkansen|coach)\b"
_EN_LEFT_ON_VEHICLE = r"\b(?:left|forgot|forgotten)\b[^.\n]{0,30}?" + _EN_VEHICLE
# Someone else using the writer's key, told in English ("someone has been using my certificate"):
# a compromise (COMPROMISE) and a thing that happened (INCIDENT) alike.
_EN_SOMEONE_USING = (
    r"\b(?:someone|somebody) (?:has been|is|was) using (?:my|our|the) "
    r"(?:(?:iprove|electronic|digital|signing|e-?signature|company|own)\s+){0,2}"
    r"(?:certificate|cert|key|private key|token)\b"
)
# A card that may hold the key, in English: not a card of another kind ("credit card", "My Number card").
_EN_OUR_CARD = (
    r"(?<!credit )(?<!debit )(?<!bank )(?<!cash )(?<!number )(?<!numbers )(?<!member )(?<!membership )(?<!loyalty )"
    r"(?<!id )(?<!sim )(?<!gift )(?<!business )(?<!health insurance )(?<!insurance )card"
)
# The things a holder carries a key in, in English.
_EN_CARRIED = (
    r"\b(?:laptop|computer|pc|notebook|bag|backpack|rucksack|briefcase|phone|smartphone|usb|token|tablet|drive|machine)\b"
)
# A device somebody else holds and will not give back ("he has refused to return the machine"), in English.
_EN_NOT_RETURNED = (
    r"\b(?:refus\w* to (?:return|give back|hand back|hand over)|(?:won't|will not|doesn't|does not|didn't|did not"
    r"|hasn't|has not|haven't|have not|never)"
    r" (?:return(?:ed)?|give(?:n)? (?:it |them )?back|hand(?:ed)? (?:it |them )?back))\b"
)
# A device handed to a repair shop or another business, which kept it ("sent my laptop to a
# third-party repair shop"): the key on it was out of its holder's control, in English and Japanese.
_EN_HANDED_OVER = (
    r"\b(?:sent|took|gave|handed|dropped off|left)\b[^.\n]{0,30}?" + _EN_CARRIED
    + r"[^.\n]{0,40}?\b(?:repair|third[- ]party|technician)"
)
_JA_HANDED_OVER = devices.PHYSICAL + r"[^。\n]{0,20}?(?:修理|点検|リース返却)に出し(?:た|まし|て(?:い|お|しま))"
# A device whose whereabouts nobody can tell ("nobody can tell me where it went"), after a fire,
# a move or a clean-up, told in the same paragraph as the device.
_EN_WHEREABOUTS_UNKNOWN = (
    r"\b(?:nobody|no one|no-one)\s+(?:can|could|seems to)?\s*(?:tell|knows?|know)\s+(?:me\s+)?where\s+"
    r"(?:it|they|my \w+|the \w+)\s+(?:went|is|are|was|were|ended up|has gone)\b"
)

# A key file or its backup put where anyone may read it: a folder open to "everyone with the link", a public
# cloud folder, or a shared folder it was put in by mistake ("共有クラウドに証明書ファイル（p12）を置いていたのですが、
# そのフォルダが「リンクを知っている全員」に公開されていた").  Told as what was or had been so, in one paragraph;
# not a public key (公開鍵), a folder that is not public ("公開されていません") or a plan ("置いてもいいですか").
_KEY_FILE_JA = r"(?:秘密鍵|鍵ファイル|証明書(?:の)?ファイル|証明書|バックアップ|\.?p12|\.?pfx)"
_OPEN_TO_ALL = (
    r"(?:リンクを知っている|誰でも|だれでも|全員|一般|外部|インターネット|ネット上|全世界)[^。\n]{0,15}?"
    r"(?:公開|閲覧|アクセス|ダウンロード)(?:され|でき|可能)[^。\n]{0,4}?(?:状態|て(?:い|お)(?:た|まし)|た(?!ら|場合|とき))"
    r"|(?:一般|外部|全体)公開|公開(?:リンク|フォルダ|設定)(?:に|で|の)"
    r"|(?<!非)公開(?!鍵)(?:され|し)て(?:い|お)(?:た|まし)|公開(?:され|し)てしま"
)
_SHARED_BY_MISTAKE = (
    r"(?:共有フォルダ|共有ドライブ|共有クラウド|共有サーバ|クラウド)[^。\n]{0,10}?(?:に|へ)[^。\n]{0,10}?"
    r"(?:置|保存し|アップ|入れ|上げ)(?:い)?(?:て|っ)(?:しま|ちゃ)"
)
_KEY_FILE_EXPOSED = (
    _KEY_FILE_JA + _JA_PARAGRAPH_GAP + r"{0,120}?(?:" + _OPEN_TO_ALL + r"|" + _SHARED_BY_MISTAKE + r")"
    + r"|(?:公開フォルダ|公開リンク)[^。\n]{0,20}?" + _KEY_FILE_JA
)

# A loss told right beside a certificate's serial, with no thing named ("紛失 S/N 0x3cdc…" as a whole subject,
# "シリアル 4F2A…: 盗難"): the certificate itself is what the writer lost.  The label must come with its value:
# "シリアル番号を紛失して分かりません" tells of a number forgotten, not of a key lost.
_SERIAL_LABEL = r"(?:S\s?/\s?N|シリアル(?:番号|No\.?)?|serial(?: number| no\.?)?)"
_SERIAL_VALUE = r"\s*[:：#]?\s*(?:0x)?[0-9a-f][0-9a-f: -]{6,}[0-9a-f]"
_BARE_LOSS = r"(?:紛失|盗難|盗まれ|なくし|無くし|失くし|\blost\b|\bstolen\b)"
_LOST_BESIDE_SERIAL = (
    _BARE_LOSS + r"[\s:：、,/-]{0,3}" + _SERIAL_LABEL + _SERIAL_VALUE
    + r"|" + _SERIAL_LABEL + _SERIAL_VALUE + r"[\s:：、,/-]{0,3}(?:の|は|を|が)?" + _BARE_LOSS
)

# What a writer loses that is no thing at all: a job, a contract, a relative, their patience or track of
# something ("the certificate through my employer, but I lost my job").  A certificate named before such a
# "lost" is not what was lost.
_EN_LOST_NO_THING = (
    r"(?! (?:my|our|his|her|their|the|a|an) (?:job|jobs|position|post|contract|client|customer|patience|way|temper"
    r"|father|mother|husband|wife|son|daughter|parent|dad|mum|mom|spouse|partner|colleague|funding|bid|case|deal"
    r"|interest)s?\b"
    r"| (?:track|touch|interest|contact|count|sleep|weight|money|time|hope)\b)"
)
COMPROMISE = _rule(
    "compromise",
    _DEVICE_LOST,
    # The theft or loss told before, named again as the matter in hand ("盗難の件、至急です").
    r"(?:盗難|紛失|盗まれた|なくした)(?:の|した)?件(?:で|は|、|です|につき|、?至急)",
    _LOSS + r"[^。\n]{0,25}?" + _DEVICE,
    _LOST_BESIDE_SERIAL,
    # What went missing must be the thing itself, not a file on it ("PCを初期化したら証明書がなくなった").
    # (Nor a plan or a need about it that is gone: "2台目のPC用…PCの増設計画がなくなりました".)
    _PHYSICAL + r"(?:(?!証明書|データ|ファイル|フォルダ|計画|予定|必要|予算|話)[^。\n]){0,20}?" + _GONE,
    # The key's card gone from sight ("カードも昨日から行方不明"), the card alone named as its holder says it.
    devices.KEY_CARD + r"(?:も|が|は)?[^。\n]{0,12}?" + _GONE,
    # The device sent away and its parcel lost on the way ("PC…を修理に出したところ…「返送中に荷物が
    # 行方不明になった」"): a parcel of papers lost names no device, and is no loss of a key.
    _PHYSICAL + r"[^。]{0,100}?(?:送|出し|預け)[^。]{0,40}?(?:荷物|小包|宅配便?|配送物?|返送品?|輸送中|配送中|返送中)"
    r"[^。\n]{0,12}?(?:行方不明|紛失|所在不明|見つからな|なくな|無くな)",
    r"漏洩|漏えい|流出|不正アクセス|ウイルス|ウィルス|マルウェア|ランサムウェア|乗っ取|ハッキング|置き引き"
    r"|秘密鍵[^。\n]{0,10}(?:漏|盗|知られ)",
    # A card of another kind ("credit card", "My Number card") holds no key of ours; a job lost is no device.
    r"\b(?:laptop|computer|pc|notebook|bag|backpack|phone|private key|key|certificate|usb|" + _EN_OUR_CARD + r"|token"
    r"|tablet|drive|stick|backup)\b[^.\n]{0,30}?\b(?:lost|stolen|snatched|grabbed|robbed)\b" + _EN_LOST_NO_THING +
    # Missing is said of the thing itself ("my laptop is missing"), not of a name in the certificate.
    r"|\b(?:laptop|computer|pc|notebook|bag|backpack|phone|private key|key|usb|" + _EN_OUR_CARD + r"|token|tablet"
    r"|drive)\b(?:\s+(?:is|are|was|were|has been|have been|went|goes|has gone))?\s+missing\b"
    r"|\b(?:lost|stole|lose|losing)\b" + _EN_LOST_NO_THING +
    # A USB stick or a backup holds the key as well ("I lost the stick somewhere in the station").
    r"[^.\n]{0,20}?\b(?:laptop|computer|pc|notebook|bag|phone|key|" + _EN_OUR_CARD
    + r"|token|tablet|drive|stick|backup)\b",
    r"\b(?:compromised?|hacked|leaked|malware|breach)\b",
    # A device taken from its owner or gone missing, told in a long sentence wrapped by the mailer.  The
    # card that holds the key counts too: "his bag, which had his laptop and a card reader with his
    # signing card in it, went missing" names the card last, right before the verb.
    r"\b(?:laptop|computer|pc|notebook|bag|backpack|rucksack|briefcase|phone|smartphone|usb|token|tablet|drive"
    r"|" + _EN_OUR_CARD + r")\b"
    + _EN_GAP
    + r"{0,40}?\b(?:(?:was|were|got|been|being) (?:taken|swiped|nicked|pinched|lifted)|went missing|disappeared"
    r"|(?:is|are|was|were) (?:gone|nowhere to be found))\b",
    # A device left on a train or in a taxi ("the bag was left on the bus", "forgot my bag in a taxi").
    _EN_CARRIED + r"[^.\n]{0,40}?" + _EN_LEFT_ON_VEHICLE,
    r"\b(?:left|forgot|forgotten)\b[^.\n]{0,20}?" + _EN_CARRIED + r"[^.\n]{0,20}?" + _EN_VEHICLE,
    _NOTICED_GONE,
    _KEY_FILE_EXPOSED,
    # A key file or its backup sent, attached or posted where others can read it.
    r"(?<!\bno )(?<!\bwithout )(?<!\bwithout a )(?<!\bhave the )(?<!\bhave a )(?<!\bhave )"
    r"\b(?:private key|pfx|p12|key file|keystore|certificate (?:backup|file)|backup (?:file|copy)|backup)\b"
    + _EN_GAP
    + r"{0,100}?\b(?:wrong (?:person|people|address|recipient|list|customer|client)|mailing list|external"
    r"|outside (?:our|the) (?:company|firm|office)|someone else|another (?:customer|client|company|person)"
    r"|third part(?:y|ies)"
    r"|public(?:ly)?|by mistake|accidentally|by accident|in error)\b"
    r"|\b(?:by mistake|accidentally|by accident|in error|mistakenly)\b"
    + _EN_GAP
    + r"{0,60}?\b(?:sent|emailed|e-mailed|mailed|forwarded|attached|posted|uploaded|shared)\b"
    + _EN_GAP
    + r"{0,60}?\b(?:private key|pfx|p12|key file|keystore|certificate (?:backup|file)|backup (?:file|copy)|backup)\b",
    # A device handed to a repair shop, kept by someone who will not give it back, or gone where nobody
    # can tell; staff said to copy what customers leave on their machines.
    _EN_HANDED_OVER,
    _JA_HANDED_OVER,
    _EN_CARRIED + r"[^.\n]{0,60}?" + _EN_NOT_RETURNED + r"|" + _EN_NOT_RETURNED + r"[^.\n]{0,20}?" + _EN_CARRIED,
    # Kept by someone the writer no longer trusts ("my ex still has my old laptop and the certificate is on it").
    r"\b(?:my ex|ex-?(?:wife|husband|partner|girlfriend|boyfriend|employee|colleague)"
    r"|former (?:employee|partner|colleague|staff member))\b"
    r"[^.\n]{0,15}?\bstill (?:has|have|keeps?|holds?)\b[^.\n]{0,15}?" + _EN_CARRIED,
    # A copy of the key kept by someone who left ("A former employee still has a copy of my certificate file and
    # knows the password", "Our former office manager … made a backup of my certificate"), or exported by another
    # ("a contractor … exported my personal certificate with the private key").
    r"\b(?:former|ex-?)\s*(?:employee|colleague|assistant|secretary|office manager|manager|staff(?: member)?"
    r"|contractor|partner|clerk)\b[^.\n]{0,80}?\b(?:still (?:has|have|keeps?|holds?)|made|kept|took|has)\b"
    r"[^.\n]{0,20}?\b(?:copy|copies|backup)\b[^.\n]{0,20}?\b(?:certificate|cert|key|pfx|p12|file)"
    r"|\b(?:he|she|they|someone|somebody|(?:a|the) (?:contractor|technician|vendor))\b[^.\n]{0,40}?\bexported\b"
    r"[^.\n]{0,40}?\b(?:certificate|cert|key)\b[^.\n]{0,30}?\bprivate key\b",
    # The key on a machine that a leaver keeps ("退職した部下のPCに私の証明書が入ったまま、PCごと返ってきません").
    r"(?:退職した|辞めた|元)(?:社員|部下|従業員|職員|秘書|事務員|スタッフ|担当者)[^。\n]{0,30}?"
    r"(?:PC|パソコン|USB|ファイル|バックアップ|証明書)[^。\n]{0,30}?"
    r"(?:返ってこない|返ってきません|返ってこず|返却されない|返却されていません|返してくれない|返してもらえない|持ったまま|持ち出)",
    _EN_CARRIED + _EN_GAP + r"{0,60}?[.;]?\s*" + _EN_WHEREABOUTS_UNKNOWN,
    r"\b(?:staff|employees?|technicians?|someone|somebody|strangers?|they)\b[^.\n]{0,30}?\bcop(?:y|ies|ied|ying)\b"
    r"[^.\n]{0,15}?\b(?:customers?|clients?|users?|my|our|the)?'?s?\s*(?:data|files|keys?)\b",
    # A device or the key posted or delivered to the wrong address ("誤った住所に送ってしまいました",
    # "全く別の会社に届いてしまいました").
    devices.LOST_WITH_KEY
    + r"[^。\n]{0,20}?(?:誤った|間違った|違う|別の|他の|全く別の)(?:住所|宛先|会社|人|方|相手|部署)"
    r"[^。\n]{0,6}?(?:送|届|郵送|発送|配達|渡)"
    r"|(?:誤った|間違った|違う|別の|他の|全く別の)(?:住所|宛先|会社|人|相手)に(?:届いて|配達されて|送られて)しま"
    r"|誤配(?:送|達)?(?:され|が)",
    # A PIN written on a paper that went with the card or token ("PINを書いた紙を同封していました").
    r"(?:PIN|パスワード|暗証番号)[^。\n]{0,4}?(?:書いた|記入した|メモした|控えた)(?:紙|メモ|付箋)[^。\n]{0,15}?(?:同封|一緒|貼|入れ)",
    # A key left on a computer that strangers use ("共用パソコンに入れたまま", "不特定多数の人が使える状態").
    r"(?:共用|共有|公共|備え付け)の?(?:共用|共有)?(?:PC|パソコン|端末|コンピュータ)[^\n]{0,80}?"
    r"(?:(?:削除|消去)(?:する|し)?の?を?忘れ|入った(?:まま|状態)|残った(?:まま|状態)|残したまま|消さず)"
    r"|不特定多数の?(?:人|方|利用者)?(?:が|に)?[^。\n]{0,10}?(?:使える|使用できる|触れる|触れられる|アクセスできる|操作できる)",
    # A key sent or shown to someone else is as exposed as a stolen one.
    r"(?:秘密鍵|鍵ファイル|pfx|p12|証明書(?:ファイル|のファイル)|バックアップファイル)[^。\n]{0,30}?"
    r"(?:誤って|間違えて|誤送信|別の(?:人|方|宛先)|第三者|他人|取引先|社外)[^。\n]{0,20}?(?:送|渡|共有|添付|公開|アップ)"
    r"|(?:秘密鍵|鍵|pfx|p12)[^。\n]{0,20}?(?:誤送信|知られ|見られ|コピーされ|持ち出され)"
    # The key or its password posted by mistake where others read it ("パスワードを全体チャンネルに誤爆しました").
    r"|(?:秘密鍵|鍵ファイル|pfx|p12|パスワード|パスフレーズ|PIN|暗証番号)[^。\n]{0,30}?(?:誤爆し"
    r"|(?:チャンネル|チャット|slack|teams|掲示板|SNS|グループ)[^。\n]{0,10}?(?:投稿|貼り付け|貼っ|書き込ん|流し)"
    r"(?:て(?:しまい|しまっ)|ちゃ|まし))",
    # A password or PIN typed into a phishing page or learnt by someone else.
    r"(?:フィッシング|偽(?:の)?(?:サイト|ページ|メール))[^。\n]{0,30}?(?:入力|送信|ログイン)"
    # The same told in the order it happened: the key file or its password given to a page that the writer
    # learnt only afterwards was a fake ("パスワードを入力してしまいました。後から調べたら偽サイトでした").
    r"|(?:パスワード|PIN|暗証番号|パスフレーズ|pfx|p12|証明書(?:の)?ファイル|秘密鍵|鍵ファイル)[^。\n]{0,30}?"
    r"(?:入力|送信|アップロード|登録)(?:してしま|しました|した(?!ら|場合|とき|時|際))"
    + _JA_PARAGRAPH_GAP
    + r"{0,80}?(?:偽(?:の)?(?:サイト|ページ|メール|物)|フィッシング|詐欺(?:サイト|メール)|なりすまし)"
    r"|(?:パスワード|PIN|暗証番号|パスフレーズ)[^。\n]{0,20}?(?:知られ|漏れ|盗まれ|流出|第三者|見られ|盗み見|覗かれ|のぞかれ|控えられ)"
    # Written down or known by a colleague, a leaver or a stranger.
    r"|(?:同僚|元社員|退職(?:した|者)|前任者|他人|第三者|誰か|業者|知らない人)[^。\n]{0,25}?(?:パスワード|PIN|暗証番号)"
    r"[^。\n]{0,15}?(?:メモ|控え|書き(?:留め|写)|知って|見て|見た|撮)",
    # The PIN or the key file sent or handed to someone ("PIN、同僚にLINEで送っちゃいました",
    # "pfxを取引先に渡してしまった").
    r"(?:パスワード|PIN|暗証番号|パスフレーズ|pfx|p12|秘密鍵|鍵ファイル|バックアップ)[^。\n]{0,6}?"
    r"(?:同僚|元社員|退職(?:した|者)|前任者|他人|第三者|誰か|業者|知らない人|取引先|友人|家族以外|別の人|部下|上司)"
    r"(?:に|へ)[^。\n]{0,15}?(?:送っ|送信し|渡し|教え|見せ|共有し|転送し)(?:ちゃ|てしま|た(?!ら|場合|とき|時|際)|まし)",
    # The same in English: a PIN or password seen, written down or known by someone else.
    r"\b(?:PIN|password|passphrase|passcode)s?\b[^.\n]{0,40}?\b(?:was|were|has been|have been|got|is|are)\s+"
    r"(?:seen|known|leaked|exposed|stolen|copied|written down|noted down|shared|phished|photographed)\b"
    r"|\b(?:PIN|password|passphrase|passcode)s?\b[^.\n]{0,25}?\bwritten on (?:a )?(?:paper|note|sticky|post-it|memo)"
    r"|(?<!\bI )(?<!\bnobody )(?<!\bno one )\b(?:saw|seen|stole|copied|wrote down|written down|noted down"
    r"|got hold of|photographed|took a (?:photo|picture) of)\b[^.\n]{0,25}?\b(?:PIN|password|passphrase|passcode)s?\b"
    r"|\bknows (?:my|our) (?:certificate |cert |signing |key )?(?:PIN|password|passphrase|passcode)\b"
    # Typed into a phishing page (the sentence may be wrapped by the mailer between the words).
    r"|\b(?:typed|entered|gave|put|submitted)\b"
    + _EN_GAP
    + r"{0,40}\b(?:PIN|password|passphrase)\b"
    + _EN_GAP
    + r"{0,40}"
    r"\b(?:fake|phishing|spoof\w*|fraudulent|suspicious)\b"
    r"|\b(?:fake|phishing|spoofed|fraudulent|suspicious) (?:site|page|website|e-?mail|link)\b[^.\n]{0,40}"
    r"\b(?:typed|entered|gave|logged in)\b",
    r"遠隔操作され|不正(?:に)?ログインされ|侵入され",
    # Misuse suspected, or a signature the writer never made ("身に覚えのない契約書に私の電子署名が").
    r"(?:証明書|秘密鍵|鍵|電子署名|署名)[^。\n]{0,10}?不正(?:利用|使用)(?:され|の(?:可能性|疑い|おそれ|恐れ))"
    r"|(?:身に)?覚えの(?:ない|無い)(?:電子)?(?:署名|契約|書類|文書|取引)|(?:署名|サイン)した覚えの(?:ない|無い)",
    r"\b(?:possible|suspected|potential|apparent) (?:misuse|fraudulent use|compromise)\b"
    r"|\b(?:may|might|could) have been (?:misused|compromised|used by (?:someone|somebody|others))\b"
    r"|\b(?:that|which) (?:I|we) (?:never|did not|didn't) sign(?:ed)?\b",
    _VANISHED,
    _LEFT_ON_VEHICLE,
    _GONE_FROM_SIGHT,
    # A device sent to a repair shop that cannot be reached any more ("修理業者に送ったが連絡が取れない").
    _PHYSICAL + r"[^。\n]{0,30}?(?:送|預け|渡|出し)[^。]{0,30}?連絡が(?:取れ|つか)(?:ない|なく|ません|ず)",
    # A machine thrown out or handed on with the key still in it ("初期化せずに粗大ゴミに出してしまった").
    r"(?:初期化|データ消去|消去|削除)(?:を)?せず(?:に)?[^。\n]{0,30}?(?:捨て|廃棄|処分|粗大ゴミ|売却|譲|リサイクル|返却)",
    # A key copied and taken by someone ("バックアップをコピーして持ち出した疑い").
    r"(?:バックアップ|秘密鍵|鍵ファイル|証明書(?:ファイル)?)[^。\n]{0,20}?(?:コピーして|コピーし)?持ち出(?:した|され|し)",
    # A key or its password where every colleague could see it ("全社員が見られる状態でした").
    r"(?:全社員|社員全員|全員|誰でも|だれでも)が?[^。\n]{0,6}?(?:見られる|見える|閲覧でき|アクセスでき|開ける)(?:状態|ように)",
    # A thief or burglar told of, in any tense a writer uses ("thief come to my house and take").
    r"\b(?:thief|thieves|burglars?|robbers?|pickpockets?)\b[^.\n]{0,80}?\b(?:laptop|computer|pc|notebook|bag|backpack"
    r"|phone|tablet|token|drive)\b",
    # Someone else took the device away ("だれかがわたしのかばんをもっていきました").
    r"(?:誰か|だれか|何者か|知らない人|泥棒|どろぼう)(?:が|に)[^。\n]{0,15}?"
    + _PHYSICAL
    + r"[^。\n]{0,8}?(?:持って|もって)(?:行|い)(?:き|っ|かれ)",
    # A device that a leaver or someone else keeps and does not give back.
    _PHYSICAL + r"[^。\n]{0,20}?(?:返さず|返却せず|返却されず|返してもらえ(?:ず|ない|ません)|戻ってこ(?:ない|ず))",
    # A leaver who keeps the device and will not give it back, told in two sentences ("辞めた人がまだ証明書入りのPC
    # 持ってるんです。返してくれない", "退職した社員が…USBトークン…を返却しません").
    r"(?:辞めた|やめた|退職した|退社した|元)(?:人|社員|職員|従業員|スタッフ|部下)[^\n]{0,60}?" + _PHYSICAL
    + r"[^\n]{0,30}?(?:返してくれ(?:ない|ません|ず)|返さ(?:ない|ないん)"
    r"|返却(?:しない|しません|してくれ(?:ない|ません)))",
    # Someone else used the key or the account: told without any word for "compromise".
    # Not a fear of it ("誰かに使われるようなことがないよう、至急止めていただきたい").
    r"(?:誰か|第三者|他人|知らない人)(?:が|に)[^。\n]{0,20}?(?:ログイン|アクセス|操作|使われ|使用され|署名され|署名し|触っ|触られ|さわっ|さわられ)"
    r"(?!る?(?:ような|ように)?(?:こと)?(?:が|の|は)?(?:ない|無い)よう)"
    r"|勝手に(?:ログイン|アクセス|操作|使われ|使用され|署名され|署名し)|(?:証明書|秘密鍵|鍵)[^。\n]{0,10}?悪用され(?!ないよう|ない(?:ため|為)に)"
    # The key used behind its holder's back ("本人の知らないところで署名に使われた疑い", "身に覚えのない電子署名").
    r"|" + _UNKNOWN_USE + r"(?!(?:た|る)?(?:ら|場合|とき|時|際))",
    r"\bprivate key\b[^.\n]{0,40}\b(?:copied|exposed|stolen|leaked|accessed|sent)\b"
    r"|\b(?:unauthori[sz]ed|remote) access\b"
    r"|\b(?:someone|somebody) (?:has )?(?:accessed|broken into|hacked|logged into|used)\b"
    # The writer's signature or key used by another without leave ("somebody use my signature without permission").
    r"|\b(?:use[ds]?|using|signed|signing)\b[^.\n]{0,25}?\b(?:my|our)\s+(?:e-?signature|signature|certificate|cert"
    r"|private key|key)\b[^.\n]{0,20}?\bwithout\s+(?:my\s+|our\s+)?(?:permission|consent|authori[sz]ation|knowledge)\b"
    r"|" + _EN_SIGNED_WITH_MINE + r""
    # "lost it. revoke now pls": in a chat, what was lost is the certificate the writer asks to stop.
    r"|(?:^|[.!?\n]\s*)(?:i\s+)?(?:lost|misplaced)\s+it\b(?=[^?\n]{0,40}\b(?:revoke|stop|block|disable)\b)"
    r"|" + _EN_SOMEONE_USING + r""
    r"|\b(?:took|taken|grabbed|snatched|swiped|nicked|robbed)\b[^.\n]{0,20}?\b(?:laptop|computer|pc|notebook|bag|phone"
    r"|backpack|token|tablet|drive)\b|\b(?:broke|broken) into (?:my|our|the) (?:car|house|home|office|flat|apartment)\b"
    r"|\b(?:sent|emailed|shared|uploaded) (?:my |the |our )?\.?(?:private key|pfx|p12|key file)\b",
)

URGENCY = _rule(
    "urgency",
    # Not the letter's closing formula "取り急ぎご連絡申し上げます" (written in haste, asking no haste),
    # nor an urgency denied ("急ぎではありません", "至急ではない", "急ぎの事情はございません").
    r"(?:至急|緊急|大至急|すぐに|直ちに|早急|今すぐ|(?<!取り)(?<!取)急ぎ|一刻も早く|すみやかに|速やかに)"
    r"(?!(?:の(?:事情|必要|用件|理由))?(?:で|じゃ)?(?:は|も)?(?:ない|ありません|ございません|なく)|ません)"
    # Nor leave given, which asks for no haste ("2枚目はすぐに失効して構いません", "すぐでも大丈夫です"), nor an
    # urgent step said not to be needed ("FAXでの緊急失効も不要です").
    r"(?![^。\n]{0,12}?(?:構いません|かまいません|構わない|かまわない|差し支えありません|でも(?:いい|よい|大丈夫|結構)))"
    r"(?![^。\n]{0,6}?(?:は|も)(?:不要|必要(?:は)?(?:ありません|ない)|いりません|要りません|いらない|要らない))"
    # Nor the emergency procedure named as a kind, for when it comes ("緊急失効時の確認電話はこちらへ",
    # "緊急失効の手順を教えてください").
    r"(?!失効(?:の)?(?:時|際|場合|とき|ため|確認|手順|手続き?の(?:流れ|方法)|方法|流れ)|失効に備え)",
    r"(?<!\bnothing )(?<!\bnot )(?<!\bnot so )(?<!\bnot very )(?<!\bisn't )(?<!\bno )"
    r"(?<!\bnot an )(?<!\bisn't an )(?<!\bnot a )"
    # Nor the emergency procedure asked about as a kind ("Is an emergency revocation reflected in the CRL …?").
    r"(?<!\bis an )(?<!\bis the )(?<!\bdoes an )(?<!\bdoes the )(?<!\bwould an )(?<!\bwill an )"
    # Nor how soon the CA's list shows a revocation ("reflected in the CRL immediately").
    r"(?<!\bthe CRL )(?<!\bon the CRL )"
    r"\b(?:urgent(?:ly)?|immediately|asap|emergency|right away|as soon as possible)\b",
)

EMERGENCY_REVOCATION = _rule(
    "emergency_revocation",
    # Not the procedure named as a kind, for when it comes ("緊急失効時の確認電話はこちらへお願いします",
    # "緊急失効の手順を教えてください"): an emergency is asked for, or told by its loss or leak.
    r"緊急失効(?!時|の(?:時|際|場合|とき|確認電話|手順|方法|流れ)|に備え)",
    # Not the procedure asked about as a kind ("Is an emergency revocation reflected in the CRL immediately?").
    r"(?<!\bis an )(?<!\bis the )(?<!\bdoes an )(?<!\bdoes the )(?<!\bwould an )(?<!\bwill an )"
    r"\bemergency revocation\b",
)

REVOCATION = _rule(
    "revocation",
    r"失効",
    # Not its issuance stopped ("証明書の発行を止めてほしい"), which calls an application off.
    r"(?:証明書)(?:(?!発行(?!済))[^。\n]){0,20}(?:無効に|使えなく|停止|廃止|破棄|止めて|止めたい|止めてほしい|返上"
    r"|止めと(?:いて|いてください)|止めておいて|止められ(?:ます|る|ません)"
    r"|止める(?=ための|ために|には))",
    # Asked to be stopped and left so in the next sentence ("もう使わない証明書ですよね、これ。やっぱり止めといて
    # ください").
    r"証明書[^。\n]{0,20}。[^。\n]{0,10}?(?:止めとい|止めておい)て",
    # Stopped for the reason a certificate is revoked ("今すぐ止めたいんですけど、できますか？理由は退職です").
    r"(?:止め|とめ)たい[^。\n]{0,20}?[。？?、\n][^。\n]{0,10}?(?:退職|異動|廃業|転職)"
    r"|(?:退職|異動|廃業|転職)[^。\n]{0,30}?(?:止め|とめ)たい",
    # One person's certificate among an office's, named by whose it is ("退職した中村さんの分だけ止めてください"):
    # no application is named in between, so it is an issued certificate that is to be stopped.
    r"(?:さん|氏|様|者|先生)の分[^。\n申]{0,40}?(?:止めて|停止して|無効にして|使えなくして)"
    r"(?:ください|下さい|くださ|ほしい|欲しい|もらえ|いただ|頂)",
    r"(?:使えない|使用できない|利用できない|悪用されない)ように(?:して|する|お願い)",
    # No longer used or needed, or to be ended ("もうつかいませんので おわりにしてください").
    # Not other things that are not needed ("証明書の画面でいらないものを消していたら").
    r"証明書(?:は|が|も)?(?:もう|今後は?|これから|もはや)?[^。\n]{0,4}?(?:要りません|いりません|(?:要らない|いらない|不要)(?!な?(?:もの|物))"
    r"|必要(?:なくな|ありません|ない)"
    r"|使いません|使わない|使わなくな|つかいません|つかわない|使用しません|使用しない|利用しません|利用しない)"
    r"|証明書[^。\n]{0,25}?(?:終わりに|おわりに|おしまいに|終了させ|打ち切)"
    # The writer's own share ended ("わたしの分は終わりにしてください").
    r"|(?:わたし|私|自分|僕|ぼく)の(?:分|証明書)(?:は|を|も)?[^。\n]{0,6}?"
    r"(?:終わりに|おわりに|おしまいに|止めて|とめて)"
    # Told after what it was for ("証明書は決裁用に取得したもので、今後は使わなくなります"), or named in English in
    # a Japanese sentence ("old cert はもう不要です").
    r"|証明書(?:は|が)[^。\n]{0,30}?(?:今後は?|もう|[^。\n]{0,8}?から(?:は)?)(?:使わなくな|使いません|使用しません|不要)"
    r"|(?<![A-Za-z])cert(?:ificate)?[ \t]*(?:は|が|も)[ \t]*(?:もう)?"
    r"(?:不要|いらない|要らない|いりません|要りません|使わない)"
    # The old one after a renewal, not needed ("更新したから古い方いらないです").
    r"|(?:更新|新しいの|新しい方)[^。\n]{0,20}?(?:古い|旧い|前の)(?:方|ほう|の|やつ)(?:は|を)?\s*(?:もう)?"
    r"(?:いらない|要らない|いりません|要りません|不要)"
    # Or given leave to be stopped ("更新したやつ届きました！前のは止めて大丈夫です", "old one … はもう止めちゃってOK").
    r"|(?:古い|旧い|前の|以前の|old)[ \t]*(?:方|ほう|の|やつ|もの|証明書|cert|one)?[^。\n]{0,40}?"
    r"(?:止め|失効し|失効させ|無効にし)(?:て|ちゃって|ちゃっても|ても)(?:も)?[ \t]*"
    r"(?:大丈夫|OK|ok|オッケー|構いません|かまいません|構わない|かまわない|いいです|結構)"
    # Given back, as a card is returned ("もう署名する仕事がなくなったので証明書お返しします").
    r"|証明書(?!類)(?:を|は)?[ \t]*(?:お返し(?:します|したい|いたします|させ)|返却(?:します|したい|いたします|させ))",
    r"\bno longer (?:need|use|using|require) (?:my |the |our |this |that )?(?:iprove )?(?:certificate|cert)\b"
    # "I want my certificate ended before I leave Japan".
    r"|\bwant (?:my|the|our) (?:certificate|cert)s? (?:ended|terminated|stopped|closed|deactivated|cancell?ed)\b"
    # "…possible to have my certificate retired", "get the cert deactivated".
    r"|\b(?:have|get) (?:my|the|our|this) (?:certificate|cert)s? (?:retired|ended|terminated|deactivated|disabled)\b"
    r"|\b(?:certificate|cert)\b[^.\n]{0,20}\bno longer (?:needed|required|used|in use)\b"
    r"|\b(?:make sure|ensure|so that)\b[^.\n]{0,30}\b(?:certificate|cert)\b[^.\n]{0,10}"
    r"\b(?:can't|cannot|can not|won't|will not) be used\b"
    r"|\b(?:don't|do not|won't|will not|will never)\s+(?:need|use)\b[^.\n]{0,30}\b(?:certificate|cert)s?\b"
    r"[^.\n]{0,15}\b(?:any ?more|any longer|again)\b",
    r"\brevok(?:e|ed|ing)|\brevocation\b",
    # The certificate to be made invalid, stopped or kept from misuse, in the writer's words
    # ("make it invalid", "the certificate should be stopped", "make sure it can't be misused").
    r"\bmake (?:it|them|my (?:certificate|cert)|the (?:certificate|cert)) (?:invalid|unusable|useless)\b"
    r"|\b(?:certificate|cert)s?\b[^.\n]{0,20}\b(?:should|must|needs? to|has to|ought to)"
    r" be (?:stopped|disabled|deactivated"
    r"|suspended|invalidated|blocked|frozen|revoked|cancell?ed)\b"
    r"|\b(?:make sure|ensure)\b[^.\n]{0,20}\b(?:it|they|my (?:certificate|cert|key)|the (?:certificate|cert|key))"
    r" (?:can't|cannot|can not|won't|will not) be (?:misused|abused|used by (?:anyone|someone|others|strangers))\b",
    r"\b(?:deactivate|invalidate|disable|suspend|stop|block|freeze|lock|kill|terminate)\b"
    r"(?! (?:the )?issu(?:ance|ing)\b)"
    r"[^.\n]{0,20}\bcert(?:ificate)?s?\b"
    r"|\b(?:deactivate|invalidate|disable|suspend|terminate|kill|block|freeze)\s+(?:it|them|this one|that one"
    # One of the writer's certificates named by its age ("renewed already, so kill the old one").
    r"|the (?:old|older|previous|expiring) (?:one|ones))\b"
    # Or named first and then stopped ("the old one from 2023 pls stop it").
    r"|\bthe (?:old|older|previous) (?:one|cert|certificate)s?\b[^.\n]{0,30}?\b(?:stop|disable|kill|deactivate)\s+"
    r"(?:it|them)\b",
)

# The writer no longer wants what they asked for to go on ("I'd rather not go ahead with it"): both a word
# for calling it off and a request.
RATHER_NOT = r"\b(?:I'd|I would|we'd|we would) rather not (?:go ahead|proceed|continue)\b"

CANCEL_WORD = _rule(
    "cancel_word",
    # A phone contract or a line cancelled (携帯を解約した) is why a number changed, not a cancellation.
    # An entry struck out to be corrected ("住所の取り消し・訂正", "記載内容の取消と訂正", "取り消して訂正") is a
    # correction, not a cancellation.
    r"キャンセル|(?<!訂正・)(?<!訂正と)(?<!訂正、)(?:取り消|取消)(?!(?:し|す)?(?:て|・|と|、|及び|および)?\s*(?:訂正|修正)|し?線)"
    r"|取り下げ|取下げ|撤回|辞退|(?<!携帯を)(?<!電話を)(?<!回線を)(?<!スマホを)(?<!携帯の)(?<!番号を)解約"
    # A member's way of leaving the service ("iPROVEを退会させていただきたく").
    r"|(?<!ジムを)(?<!ジムの)(?<!クラブを)(?<!会を)退会"
    r"|取りやめ|とりやめ|取り止め|やめ(?:たい|ます|させ|とき|ておき)|中止"
    # Made nothing ("なしにしたくて", "私個人のは無しで").
    r"|(?:無し|なし)に(?:して|したい|したく)|の(?:は|分は)(?:無し|なし)で(?:お願い|[。！!\n]|$)"
    # What is being applied for, stopped ("申請中のものをストップしたい").
    r"|(?:申請|申込|申し込み?)中の(?:もの|分|件)(?:を|は)?\s*(?:(?:ストップし|止め|とめ)(?:たい|て(?:ください|下さい|ほしい|欲しい|もらえ|いただ|頂))|ストップ(?:で|を)?お願い)"
    # Loose words for calling an application off ("なかったことにしてください", "やっぱりなしで").
    r"|なかったことに(?:して|し|させ)|(?:やっぱり?|やはり)(?:なし|無し|ナシ)|白紙に(?:戻して|して)"
    # "照会書きたけどやっぱいらないです", "こっちはナシで".
    r"|(?:やっぱ|やっぱり|やはり)(?:もう)?(?:いらない|要らない|いりません|要りません|不要)"
    r"|(?:こっち|こちら|これ|それ)は(?:ナシ|なし|無し)で"
    # What was asked for, made "none" ("先日お願いした分、なしにしてもらえますか", "先週のapply、なしでお願いします").
    r"|(?:分|件|申込み?|申し込み|申請|apply|application|order)(?:[^。\n]{0,8}?(?:は|を|も|、))?\s*(?:なし|無し)"
    r"(?:に(?:して|し|させ)|で(?:お願い|おねが|頼|よろし))",
    r"\bcancel(?:l?ed|l?ing|lation)?\b|\bwithdraw\b|\bcall off\b"
    r"|\b(?:stop|delete|drop|discard)\s+(?:my|the|our|this|that)\s+(?:application|order)\b"
    # One of two applications sent by mistake struck out ("I submit application two times … erase one of them").
    r"|\b(?:erase|delete|remove|drop)\s+(?:one of them|the (?:second|first|other|duplicate|extra) one)\b"
    r"|\bstop (?:processing|the processing of|issuing|(?:the )?issuance)\b"
    r"|\b(?:do not|don't|please don't) (?:process|issue)\b"
    r"|\b(?:scrap|ditch|nix|forget about)\s+(?:it|that|(?:my|the|our|this) (?:application|order|request))\b"
    r"|" + RATHER_NOT +
    r"|\b(?:don't|do not) want to (?:go ahead|proceed|continue) with (?:it|the (?:application|order))\b",
    r"発行しないで|発行(?:を|は)?(?:やめて|止めて|とめて|ストップして)(?:ください|下さい|もらえ|いただけ|頂け|ほしい|欲しい)|(?:処理|手続き?)を(?:止めて|中止して|進めないで)|進めないでください"
    # "申込 pending のやつ、stop してもらえますか", "申込んでたやつ、なしで！".
    r"|(?:申込|申し込み|申請)[^。\n]{0,15}?(?:stop|ストップ|止めて|とめて)\s*(?:して)?(?:ください|下さい|もらえ|いただけ|ほしい|欲しい)"
    r"|申し?込ん(?:で(?:た|いた)|だ)(?:やつ|もの|分|件|の)[、は]?\s*(?:なし|無し)で(?:[!！。]|\s*$)"
    # "証明書の申し込みストップで！".
    r"|(?:申込み?|申し込み|申請)(?:は|を)?[、,]?\s*(?:stop|ストップ)\s*で(?:[!！。]|お願い|おねが|\s*$)"
    # Stopped on the condition that nothing is made yet ("まだ出来てないならストップしてください", "未発行なら止めて").
    r"|(?:(?:てい|て|でき|出来)ない|未発行|発行前)(?:の)?(?:なら|のであれば|であれば|でしたら|だったら)[、,]?\s*"
    r"(?:ストップ|止めて|とめて)",
)

APPLICATION = _rule(
    "application",
    # Not the writer's own invoices to clients, which they sign ("請求書に署名しているので").
    r"申込|申し込|申込み|お申込|申請|発行依頼|照会書|請求書(?!に(?:署名|電子署名|サイン)|を(?:発行|作成)して)|振込",
    # Also an English word in a Japanese sentence ("先週のapply"), where no word boundary stands before it.
    r"(?<![A-Za-z])(?:application|applied|apply)(?![A-Za-z])|\border\b",
)

# A paper of the application received ("照会書受け取りましたが、やはりキャンセルします"), which comes before any
# certificate: what it says is received is not a certificate.
_PAPER_RECEIVED = "".join(
    f"(?<!{paper}{particle})" for paper in ("照会書", "請求書", "振込用紙") for particle in ("", "を", "は", "も", "が")
)

ISSUED_CERTIFICATE = _rule(
    "issued_certificate",
    # Not the inquiry form or the fee's invoice that arrived ("照会書届いたけど", "請求書届いたけど"), which come
    # before any certificate.
    # Only as done: not one to be issued ("発行される前", "発行していただく", "発行していただきたい"), nor one
    # issued only in a what-if ("このまま発行していただいても", "発行されたら").
    r"(?:発行(?:され(?!る|な|ず|ていな|ていません|ておら|ておりませ|たら|ても|れば)"
    r"|して(?:いただ|頂|もら)(?!く|け|きた|こう|う|え|いても|っても|いたら|ったら|いた[いく])|済"
    r"|(?:いただ|頂)い(?:た(?!ら)|て(?!も)))|"
    + _PAPER_RECEIVED
    + r"(?:受け取|受領)|(?<!照会書)(?<!照会書が)(?<!照会書は)(?<!請求書)(?<!請求書が)(?<!請求書は)届いた"
    r"|インストール(?:した|済|して)"
    r"|使用(?:して|中)|利用(?:して|中)|ダウンロード(?:した|済|して)|使って)"
    # Its numbers kept on the writer's machine ("番号などはパソコンの中に入っているはずですが").
    r"|(?:番号|証明書)(?:など|なんか)?(?:は|も)?(?:パソコン|PC|ICカード)の中に入って(?:いる|る|います|おります)",
    r"\b(?:issued|installed|in use|downloaded|my certificate|the certificate I)\b"
    # Contents read off a certificate in hand ("the cert has my surname and given name swapped").
    r"|\b(?:the|my) (?:cert|certificate) (?:has|shows|says|reads|lists|contains|displays|spells)\b",
    r"シリアル|serial",
    # A certificate the writer obtained, or one with time left ("去年とった電子証明書", "有効期間が残っている").
    r"(?:取得し|取っ|とっ)た(?:電子)?(?:証明書|iPROVE)|有効期(?:間|限)が(?:まだ)?(?:あ|残)"
    r"|\b(?:I|we) (?:have|hold) (?:a |an |the |my |our )?(?:iprove )?(?:certificate|cert)\b"
    # Received some time ago ("I got it last yr").
    r"|\bI (?:got|received) it (?:last|in|back in) (?:year|yr|month|\d{4})\b",
)

# The writer says in so many words that the certificate was issued to them, received or installed ("発行されました",
# "受け取りました", "It was issued last week"): unlike ``issued_certificate`` not a serial or "my certificate" named,
# which a writer cancelling an application also writes.  Only this stops the models from voting a cancellation.
ISSUED_STATED = _rule(
    "issued_stated",
    r"発行(?:され(?:た(?!ら)|まし)|済|して(?:いただ|頂|もら)(?:い|っ)(?!ても|たら|た[いく])|を受け)|"
    + _PAPER_RECEIVED
    + r"(?:受け取|受領し)(?:った|りまし|まし|済)"
    r"|インストール(?:した|済|しまし)|ダウンロード(?:した|済|しまし)",
    r"\b(?:was|were|been|got|be(?:en)? already) issued\b|\bissued (?:to me|last|yesterday|on|in|a few|two|three|\d)"
    r"|\b(?:received|installed|downloaded) (?:my|the|our|it|this|that)\b",
)

# The certificate itself, not an application, named as what is to be cancelled ("証明書の解約", "証明書やめます",
# "iPROVE解約したい"): the words read it as issued, but they do not say so (the writer may hold only an
# application), so the caller's register still decides (``Signals.refers_to_issued_certificate`` stays false).
CERTIFICATE_OBJECT = _rule(
    "certificate_object",
    r"(?:証明書|iPROVE)(?:の|を|は)?(?:利用|使用)?(?:を)?(?:解約|キャンセル|取り消|取消|やめ|中止|停止)",
)

NOT_ISSUED = _rule(
    "not_issued",
    # What is not received yet must be the certificate, not word of our work on a request ("まだ完了のご連絡を
    # いただいていない" follows up a revocation asked for; it says nothing of an issuance).
    r"まだ(?:(?!連絡|返事|返信|回答|お知らせ|完了|進捗|結果)[^。\n]){0,15}?(?:発行|はっこう|届いて|とどいて|届いておらず|受け取って|うけとって|ダウンロード(?:は|も)?して|もらって|もらえて|頂いて|いただいて|来て|きて"
    r"|手元に|(?:出来|でき)て(?:い|お)?(?:ない|ません|りません))|発行されて(?:い)?(?:ない|ません)|発行前|未発行"
    r"|発行される前|発行されておらず|(?:証明書|PIN)[^。\n]{0,10}(?:未着|届いていません|届いておりません|届いておらず|届いていない)"
    # An application still under way, or the certificate not yet received ("申込中の証明書", "審査中",
    # "ダウンロードする前", "届く前に止めて", "証明書はもらってない").
    r"|(?:申込(?:み)?|申し込み|申請|審査|手続き)中(?:の|です|だ|で)|(?:ダウンロード|受け取|受取|届く|発行され?る)前"
    # Waiting to be issued ("発行待ちの証明書、いらなくなっちゃいました").
    r"|発行(?:待ち|まち)(?:の|です|だ|で|中)"
    r"|(?:証明書|PIN)(?:は|を|も)?(?:まだ)?(?:もらって|受け取って|届いて|頂いて|いただいて)(?:い|お)?(?:ない|ません|りません)"
    # The inquiry package (照会書一式, with the fee invoice) arrived: it is sent after the first screening and
    # before any issuance, which waits for its return, the payment and the online entry (the CA's FAQ).
    # The package may be named with the invoice that comes in it ("照会書・請求書ともに受領しました").
    # The invoice may be named as the fee's, with its number in brackets ("照会書一式と会費請求書（請求書番号 …）を
    # 受け取り").
    r"|照会書(?:一式)?(?:(?:・|と|及び|および|や)(?:会費)?請求書(?:[(（][^()（）\n]{0,30}[)）])?)?"
    r"(?:ともに|共に|とも)?(?:が|を|は|も)?\s*"
    r"(?:(?:先日|昨日|本日|今日|やっと|ようやく)\s*)?"
    r"(?:届き|届い|受け取り|受け取っ|受取り|受領|もらい|もらっ|いただき|いただい|頂き|頂い)",
    r"\bnot (?:yet )?(?:been )?(?:issued|received)\b|\bbefore (?:it is|it's|it was|it got|being"
    r"|the certificate is|the certificate was) issued\b"
    r"|\b(?:neither|none|nothing)\b[^.\n]{0,25}\bissued\b|\byet to be issued\b|\bnot issued yet\b"
    # Asked to stop the issuance: it has not happened yet ("Kindly stop the issuance of my certificate").
    r"|\bstop (?:the |my )?(?:certificate |cert )?issu(?:ance|ing)\b|\bstop issuing\b"
    r"|\b(?:(?:please )?(?:do not|don't|dont)|please not|not to)\s+issue\b"
    r"|\bno (?:certificate|cert)s? (?:has|have) (?:yet )?been (?:issued|sent)\b|\bonly applied\b"
    r"|\bnever (?:got|received|downloaded) (?:the|my|a|any) (?:certificate|cert)\b"
    r"|\bbefore (?:it is|it's|it gets|the certificate is|my certificate is) (?:issued|sent|delivered)\b"
    r"|\b(?:hasn't|haven't|has not|have not|wasn't|was not)\s+(?:yet\s+)?(?:been\s+)?"
    r"(?:issued|received|sent|delivered)\b"
    r"|\b(?:haven't|have not|didn't|did not) (?:yet )?(?:received|got|gotten) (?:any|the|a|my)\b"
    r"|\b(?:haven't|have not|didn't|did not) (?:yet )?(?:downloaded|installed) (?:anything|any|it|the|my)\b"
    # Said in short ("paid already but not downloaded yet"), or applied for only a day ago.
    r"|\bnot (?:yet )?(?:downloaded|installed)(?: it)? yet\b"
    r"|\b(?:the one |what )?I (?:just )?applied(?: for)?(?: it)? (?:yesterday|today|this morning)\b"
    # The inquiry package received, in English ("I received the inquiry form yesterday").
    r"|\b(?:received|got) (?:the|your|an|my) (?:inquiry|enquiry) (?:form|package|letter)s?\b"
    r"|\b(?:inquiry|enquiry) (?:form|package|letter)s? (?:has |have )?(?:arrived|came|come)\b"
    # An application still being examined ("The application is still under review", "my order is still pending").
    r"|\b(?:application|order|request)\b[^.\n]{0,30}?\b(?:is|was) still (?:under review|pending|in progress"
    r"|being (?:processed|reviewed|examined|checked))\b",
)

# What the writer did in filling in the application ("I wrote", "I typed"): with a wrong value beside it, a slip of
# their own (CORRECTION, OWN_SLIP).
_EN_I_WROTE = r"\bI (?:wrote|typed|entered|put|filled in|gave)\b"

# The CA's own slip named ("そちらの入力間違いではないかと思います"): the certificate was issued wrong, whatever changed
# in the holder's life before the application (read by CORRECTION and CA_SLIP).
_CA_SLIP = (
    r"(?:そちら|御局|貴局|御社|貴社|CA局|窓口)(?:側|様)?の(?:入力|登録|記載|転記|処理)(?:の)?(?:間違い|ミス|誤り)"
)

CORRECTION = _rule(
    "correction",
    r"(?:記載|内容|氏名|名前|住所|番地|部屋番号|号室|郵便番号|フリガナ|ふりがな|メールアドレス|アドレス(?!帳)|表記|綴り|つづり|漢字|字"
    # Not the writer's own mail sent before ("先ほどお送りしたメールの一覧に誤りがありました").
    r"|生年月日|(?<!送りした)(?<!送った)(?<!送信した)(?<!先ほどの)(?<!先程の)(?<!前回の)(?<!先日の)メール|電話番号"
    r"|入力(?:した|内容)|記入(?:した|内容))"
    # Not a mail sent to the wrong person ("メールを間違えて送ってしまいました", "誤って送信").
    r"[^。\n]{0,25}?(?:(?:間違|まちが|誤って)(?!(?:えて|って|ええて)?\s*(?:送|お送り|送信|配信|転送))|誤り|誤記|相違|(?<![間ま])違って|違いま"
    r"|違う(?:みたい|よう|っぽ|ので|んです|[。、 \t]|(?=[^ぁ-んー])|$)|異な|訂正|修正"
    r"|ミス|(?<![A-Za-z])typo)",
    # Not the writer's own message put right ("先ほどのメッセージ、訂正です。「水曜」じゃなくて「木曜」でした").
    r"(?<!メッセージ、)(?<!メッセージの)(?<!メール、)(?<!メールの)(?<!投稿、)(?<!投稿の)訂正|誤字|誤記",
    # An old detail printed though the application gave the new one ("証明書見たら住所が旧住所になってました"); not
    # one left as it was by a later move ("転居したので証明書の住所が古いままです").
    r"(?:住所|氏名|名前|姓|メールアドレス|アドレス)が(?:旧|前の|古い)(?:住所|姓|氏名|名前|アドレス)(?:に)?なって",
    # The certificate's detail shown as a written value ("届いた新しい証明書の氏名が「森元」になっています", whose
    # "「森本」ではなく" is read out before), or read off the certificate ("証明書見たらメアドが全部大文字になってて").
    r"証明書の(?:氏名|名前|住所|メールアドレス|メアド|会社名|社名|組織名|フリガナ|ローマ字)(?:が|は)「[^」\n]{1,30}」"
    r"(?:に|と)なって(?:い|お|ま|る)"
    r"|証明書[^。\n]{0,6}?(?:見たら|確認したら|開いたら)[^。\n]{0,10}?"
    r"(?:氏名|名前|住所|メアド|メールアドレス|アドレス|会社名|社名)(?:が|は)[^。\n]{0,20}?(?:に|と)なって(?:て|い|る|ま)",
    # Applied for with one detail, issued with another ("結婚後の名字で申し込んだのに、証明書は旧姓で出てきました").
    r"(?:申し込んだ|申込した|申請した|記入した|書いた)のに[^。\n]{0,20}?証明書(?:は|が)[^。\n]{0,20}?"
    r"(?:で|に|と|のまま)(?:出て|なって|発行され|届い)",
    # The CA's own slip named ("そちらの入力間違いではないかと思います"): the certificate was issued wrong.
    _CA_SLIP,
    # The family and the given name in each other's place ("姓と名が逆になっています", "苗字と名前が反対").
    r"(?:姓と名|姓名|苗字と名前|名字と名前|氏と名|名前の順番?|氏名の順番?)[^。\n]{0,10}?(?:が|は)?\s*"
    r"(?:逆|反対|入れ替わ|入れ違|あべこべ)",
    # A typo, a slip of the pen or of the keys, named with the field it hit ("email addressのtypo", "漢字ミス").
    r"(?:入力|記入|漢字|名前|氏名|住所|アドレス|address|name|e-?mail)(?:の)?[、,]?\s*(?:ミス|(?<![A-Za-z])typo|タイポ)",
    # A part of a detail left out of the certificate ("証明書の都道府県名が「東京」だけで「都」が抜けてる").
    r"(?:証明書|申込書|申請書)の[^。\n]{0,20}?(?:が|は)[^。\n]{0,20}?(?:抜けて|漏れて|欠けて)(?:る|い|お)",
    # A detail not put in the certificate, and asked to be put in or written on the application ("組織名に支店名が
    # 入ってないんですが…入れてもらえますか？申込書には書きました").
    r"(?:組織名|会社名|社名|支店名|部署名|役職|肩書|氏名|名前|住所|番地|部屋番号|建物名|メールアドレス|フリガナ)(?:が|も|は)?\s*"
    r"(?:入って|載って|記載されて|書かれて)(?:い)?(?:ない|ません)[^。]{0,40}?"
    r"(?:入れて|追加して|直して|修正|訂正|申込書には|申請書には)",
    # A detail of the address or name left out, told plainly ("部屋番号抜けてます", "the room number is missing").
    r"(?:部屋番号|号室|番地|建物名|マンション名|ビル名|住所の一部|ミドルネーム|旧姓)(?:が|も)?\s*(?:抜けて|漏れて|欠けて)(?:る|ます|い|お)"
    r"|\b(?:room number|apartment number|building name|middle name)\b[^.\n]{0,25}?\b(?:is|was) missing\b",
    # A slip of the keys or the pen told, and a fix wished ("照会番号を打ち間違えたっぽいです、修正したいです").
    r"(?:打ち|書き|入力し|記入し)(?:間違え|まちがえ|間違っ|まちがっ)[^。\n]{0,20}?(?:修正|訂正|直)(?:したい|して|を|し(?:ていただ|てもら))",
    # Asked to be put right ("これって直してもらえますか"), beside the certificate or the application.
    r"(?:証明書|申込書|申請書)[^。\n?？]{0,40}?(?:直して|修正して|訂正して)(?:もらえ|いただけ|ください|下さい|ほしい|欲しい)",
    # A detail named in Japanese inside an English sentence ("my 住所 on the cert is wrong").
    r"(?:住所|氏名|名前|メールアドレス|生年月日|会社名|フリガナ|ローマ字)[^.\n。]{0,30}?(?<![A-Za-z])(?:is|was|are|were)"
    r" (?:wrong|incorrect|misspelled)\b",
    # One value shown as another with an arrow ("「吉」→「𠮷」でお願いします", "誤：高橋 → 正：髙橋").
    r"「[^」\n]{1,30}」\s*(?:→|->|⇒|=>)\s*「[^」\n]{1,30}」",
    r"(?:ローマ字|スペル|綴り|表記|氏名|名前|住所|アドレス|会社名|社名|組織名|部署名|役職)[)）]?(?:が|は)[^。\n]{0,30}?(?:に|と)なって"
    r"(?:い|お)?(?:ました|ます|る)"
    r"[^。\n]{0,5}[。、]?[^。]{0,60}?(?:直して|修正|訂正|申込書には|申請書には|正しくは|本来は|正式には|正式な)",
    r"(?:申込書|申請書|申込み?)(?:に|で)は[^。\n]{0,40}?(?:と|で)(?:書|記入|記載)",
    # The certificate and the application told apart ("証明書の内容と申込書の内容が一致しません（住所）").
    r"(?:証明書|申込書|申請書)(?:の内容|の記載(?:内容)?)?と(?:申込書|申請書|証明書|住民票)(?:の内容|の記載(?:内容)?)?(?:が|と)?"
    r"(?:一致し(?:ません|ない|ていません)|合いません|合わない|違(?:います|う|っています)|異なり(?:ます)?|食い違)",
    # One written value shown as another ("「久茂地」が「久米」になっております"), or shown so and asked to be put right
    # ("名前が「ゆうこ」じゃなくて「ようこ」になってます…直してください"; the words that say "not" are read out before).
    r"「[^」\n]{1,30}」(?:が|は)「[^」\n]{1,30}」(?:に|と)なって(?:い|お)"
    r"|「[^」\n]{1,30}」(?:に|と)なって(?:い|お|ま|る)[^\n]{0,60}?(?:直して|修正して|訂正して)",
    # Something the application gave is missing ("文書情報管理士の記載がありません"), or the wrong kind was issued.
    r"(?:文書情報管理士|資格|登録番号|会社名|社名|組織名|役職|肩書|ミドルネーム|旧姓|部署)[^。\n]{0,12}?"
    r"(?:(?:記載|表示|印字|反映)(?:が|は)?(?:されて|して)?(?:い|お)?(?:ない|ません|らず|なかった|ありません)"
    r"|(?:入って|載って)(?:い|お)(?:ない|ません|らず)|(?:抜けて|漏れて)(?:い|お))"
    r"|一般向け(?:の証明書)?(?:に|で|と)(?:して)?(?:なって|発行され|届い)(?!ても|たら|る場合|た場合)",
    r"\b(?:does not|doesn't|did not|didn't) (?:show|include|contain|list|mention|state|display)\b[^.\n]{0,25}"
    r"\b(?:qualification|title|registration|middle name|company|organi[sz]ation|department"
    r"|document information manager)\b"
    r"|\b(?:qualification|title|registration number|middle name|company name|organi[sz]ation name)\b[^.\n]{0,30}"
    r"\b(?:is|was|are|were) (?:missing|left out|omitted|not (?:shown|included|listed|printed|there))\b"
    r"|\bmissing from (?:my|the) (?:certificate|cert)\b"
    r"|\bwith the (?:correct|right|proper) (?:content|contents|name|details|information|spelling|data|address"
    r"|e-?mail)\b"
    r"|\b(?:came out|was issued|is issued|issued) as (?:a )?general\b",
    # "cert has k.ito2@ but I'm k.ito@ - need it fixed".
    r"\b(?:cert|certificate)\b[^.\n]{0,10}\b(?:has|shows|says|reads|lists)\b[^\n]{0,40}\bbut\b[^\n]{0,60}"
    r"\b(?:fix|fixed|correct|corrected|changed)\b",
    # "the name in the cert is wrong", "my address on the application was incorrect".
    r"\b(?:name|surname|address|e-?mail|spelling|birthday|date of birth)\b[^.\n]{0,30}?\b(?:is|was|are|were)"
    r" (?:wrong|incorrect|misspelled|not correct)\b",
    # Not a mail sent to the wrong address ("Oops, wrong address, sorry - this was meant for my accountant").
    r"\b(?:misspell(?:ed|ing)?|typo|incorrect|wrong (?:(?:sur|family |first |given )?name"
    r"|(?:e-?mail )?address(?!,? sorry|[^.\n]{0,60}\b(?:meant|intended) for\b)|e-?mail(?: address)?|spelling"
    r"|(?:phone|telephone|mobile|contact) number|date of birth|birthday|kanji|character|letter)"
    r"|correction|correct (?:the|this|it|my)|(?:be|get|have (?:it|this|that|them)) corrected)\b",
    # A slip the writer owns ("I wrote wrong phone number in the form", "I typed the wrong date").
    _EN_I_WROTE + r"[^.\n]{0,10}\b(?:wrong|incorrect)\b"
    # "I wrote my apartment number as 201 …, but it's 210"; "typed my phone number with two digits swapped".
    r"|" + _EN_I_WROTE + r"[^.\n]{0,60}\bas\b[^.\n]{0,60}"
    r"\bbut (?:it|that)(?:'s| is| should be)\b"
    r"|\b(?:digits?|numbers?|letters?|characters?)\b (?:were |was |got )?(?:swapped|transposed|reversed|mixed up)\b",
    # The family and the given name in each other's place ("my surname and given name swapped", "last and first
    # name are the wrong way round").
    r"\b(?:surname|family name|last name|given name|first name)\b[^.\n]{0,40}?"
    r"\b(?:swapped|switched|reversed|transposed|mixed up|the wrong way (?:round|around)|backwards"
    r"|in the wrong (?:order|fields?|places?|boxes))\b",
    # A part of the name left out of the certificate ("my name is not complete", "the certificate is missing my
    # middle name").
    r"\b(?:my|the|her|his)\s+(?:full\s+|legal\s+)?name\b[^.\n]{0,30}?\b(?:is|was)\s+(?:not\s+complete|incomplete"
    r"|cut\s+(?:off|short)|truncated)\b"
    r"|\b(?:certificate|cert)\b[^.\n]{0,20}?\bis\s+missing\s+(?:my|her|his|a\s+part\s+of)\b[^.\n]{0,20}?\bname\b",
    # A letter of the name lost on the way ("your system dropped the umlaut in my surname").
    r"\b(?:dropped|lost|missing|left out|omitted|removed)\b[^.\n]{0,20}"
    r"\b(?:umlaut|accent|diacritic|letter|character)s?\b",
    # Not "the certificate with my old name should be revoked": a name changed since is a revocation.
    r"\b(?:name|address|e-?mail|spelling|birthday|date)\b[^.\n]{0,60}?"
    r"\b(?:(?:should|must) be(?! (?:revoked|cancel\w*|deactivated|invalidated|stopped|disabled))|is supposed to be"
    # ("Can I get the certificate issued with this pen name instead of my legal name?" asks how it may be issued.)
    r"|instead of(?![^.\n?]*\?)|but (?:it|my|the) (?:real|correct|right))\b",
    # The phone number on the application changed while it is examined (the callback goes to it).
    r"(?:電話番号|携帯番号|携帯電話の番号|連絡先(?:の)?(?:電話)?(?:番号)?)(?:の|が|を|は)?[^。\n]{0,15}?(?:変わり|変わっ|変わる|変更)"
    # Not said to stay as it is ("電話番号（変更なし）").
    r"(?!なし|無し|は?(?:ありません|ない|しません|していません))",
    r"\b(?:phone|telephone|mobile|contact) number\b[^.\n]{0,30}?"
    r"\b(?:has changed|have changed|changed|is now|will change)\b"
    r"|\bchanged (?:my|our) (?:phone|telephone|mobile|contact) number\b",
    # "My certificate reads SAITOU but my passport says SAITO."
    r"\b(?:certificate|cert)\b[^.\n]{0,40}\b(?:reads|says|shows|spells|has)\b[^.\n]{0,40}\bbut\b[^.\n]{0,40}"
    r"\b(?:passport|application|form|real|correct|actual|registered)\b",
    r"\b(?:differs? from|does not match|doesn't match|not the same as) (?:my |the )?(?:application|form|passport)\b"
    # "Could you fix the email on my cert?"; "the application says …, the cert says …".
    r"|\bfix (?:the|my) (?:e-?mail(?: address)?|name|surname|address|spelling|birthday|date of birth|company name"
    r"|romaji|kanji)\b"
    r"|\b(?:application|form) says\b[^\n]{0,80}?\b(?:cert|certificate) (?:says|shows|reads|has)\b"
    r"|\b(?:appears|is (?:written|shown|printed)) as\b[^.\n]{0,60}\bbut\b",
)

# The wrong and the right value of one detail, given side by side ("誤：第2-1034号 正：第2-1043号", "誤 昭和48年 → 正
# 昭和47年", "wrong: 420 / correct: 402"): the writer's own case to be corrected.
WRONG_RIGHT = _rule(
    "wrong_right",
    r"(?:誤|×)\s*[:：)）]?\s*[^\n]{1,40}?(?:\n\s*)?(?:正|○)\s*[:：)）]",
    r"\b(?:wrong|incorrect)\s*:\s*[^\n]{1,40}?(?:\n\s*)?\b(?:right|correct)\s*:",
)

REQUEST = _rule(
    "request",
    # Asking to be told about a procedure ("失効の受付時間を教えてください") is a question.  The request may be
    # wrapped by the writer onto the next line, and worded as a letter ("失効の手続を\nお願い申し上げます").
    r"(?:失効|取り消し|取消|取り下げ|取下げ|キャンセル|訂正|修正|手続|対応|処理|再発行|停止|無効)"
    r"(?:(?!教え|ご教示|知り|伺い|お聞き|確認|説明)(?:[^。\n]|\n(?![ \t]*\n))){0,12}?"
    # (Written in kana too: "住所の訂正おねがいします".)
    r"(?:(?:お願い|おねがい)(?:いた)?し(?:ます|たい)|お願い申し上げ|(?:お願い|おねがい)でき(?:ます|ません)(?:でしょう)?か|ください|下さい|願います"
    r"|希望|依頼"
    r"|(?:し|させ)たい(?!とき|時|場合|際|なら)|致したい|頂きた(?:い|く)|いただきた(?:い|く)|して(?:ほしい|欲しい)|させてください"
    # Not a request asked before and named as such ("訂正をお願いした件、その後どうなりましたか").
    r"|をお願い(?!した(?:件|もの|者|人|方|はずの|けど|のに|際|とき|時))"
    # Or asked to be done for the writer ("古い方を失効してもらいたいです"); "してもらえますか" may ask how.
    r"|してもらいたい(?!とき|時|場合|際))",
    # A bare order as a sentence of its own ("知らない人がおれの名前で電子署名してる。止めて").
    r"(?:^|(?<=[。．.！!?？\n]))[ \t]*(?:止めて|とめて)(?:ください|下さい|くれ|ほしい|欲しい)?"
    r"(?=[ \t]*(?:[。．.！!]|$))",
    # Asked to be stopped and left so ("やっぱ止めといてください", "止めておいてもらえますか").
    r"(?:止め|とめ)(?:とい|ておい)て(?:ください|下さい|くださ|ほしい|欲しい|もらえ|いただ|頂|くれ)",
    # A wish to stop a certificate, told before a question of how ("彼の証明書、最終日で止めたいんですが").
    r"(?:止め|とめ|取り?下げ)たい(?:ん|の)?(?:です|ですが|ですけど|んですが|けど|が)",
    # A certificate asked to be made right ("正しい証明書にしてほしいのですが").
    r"正しい(?:証明書|内容|もの)に(?:して|直して)(?:ほしい|欲しい|ください|下さい|もらえ|いただけ)",
    # Told in a chat as a bare order at the end of a sentence ("送ってない。すぐ止めて").
    r"(?:すぐ|今すぐ|いますぐ|至急|早く|急いで)に?(?:止めて|とめて|失効して|無効にして|使えなくして)(?=\s*(?:[。．.！!]|$))",
    # Not a wish to confirm or to ask ("確認したいです", "質問したいのですが"), which is a question.
    r"(?<!確認)(?<!質問)(?<!相談)(?<!お聞き)(?<!お尋ね)(?:したい|いたしたい|行いたい|したく)(?:の|と(?!き)|です|思|存じ)",
    # Calling off one's own application in plain words ("申し込みをやめたいです").
    r"(?:申込|申し込み|申請)を?(?:やめ|止め|取りやめ)たい(?!とき|時|場合|際|なら)",
    # Or as the writer's decision ("お話しした通り、申込はとりやめにします", "申請はキャンセルいたします").
    r"(?:申込み?|申し込み|申請|しんせい)(?:は|を|も)?(?:やめ|止め|取りやめ|とりやめ|取り止め|取り消し|取消し?|キャンセル|撤回|辞退)"
    r"(?:に|と)?(?:します|いたします|致します|させていただきます)",
    # A polite request phrased as a question ("直していただけますか") asks for an action.
    r"(?:使えないように|無効に|止めて|とめて|やめて|停止して|失効して|削除して|取り消して|取消して|キャンセルして|直して|修正して|(?:なし|無し)にして"
    r"|白紙に戻して|(?:stop|ストップ)\s*して"
    r"|訂正して|変更して|対応して|処理して)(?:いただけ|頂け|もらえ|くださ|下さ|ほしい|欲しい"
    # Allowed as the writer's wish ("旧姓のやつは止めてもらっていいです").
    r"|(?:もらって|いただいて|頂いて)(?:も)?(?:いい|良い|よい|構いません|かまいません|大丈夫))"
    # Not the writer wondering whether it would be done ("夜間でも止めてもらえるのか気になっています"), nor telling that
    # it was ("自体はその後処理してもらえたようだが", "対応していただけました").
    r"(?!る(?:の|ん)(?:か|でしょうか|ですか|だろうか)|るかどうか|るものなのか|た|まし)",
    r"(?:至急|大至急|急ぎ|早急に|すぐに)[^。\n]{0,6}?(?:お願い|対応して|ご対応|してください|ください)",
    # Decided after a question answered in the writer's own words ("…キャンセルできるんですよね?じゃあキャンセルで。").
    r"(?:じゃあ|じゃ|では|それなら|なら|それでは)[、,]?\s*(?:キャンセル|取り消し|取消し?|失効)(?:で|でお願い)(?:[。.!！]|$)",
    # Confirmed when the CA calls to check ("はい、取り消しで間違いありません").
    r"(?:取り消し|取消し?|キャンセル|失効|取りやめ|とりやめ)(?:で|の方向で)(?:間違い|まちがい)(?:ありません|ございません|ないです|ない)",
    # A request on a condition the writer asks about ("キャンセルって間に合いますか?間に合うならお願いします!").
    r"(?:間に合う|できる|出来る|可能|大丈夫)(?:の|ん)?(?:なら|ならば|であれば|でしたら|ようでしたら|ようなら)[、,]?\s*"
    r"(?:ぜひ|是非|そのまま)?\s*お願い(?:いた)?し(?:ます|たい)",
    # Not someone else to be contacted instead ("please contact my colleague"), as an absence note says.
    r"\b(?:please|pls|plz)\b(?! let me know| tell| advise| contact)"
    # "What form I need?" is a question in a non-native word order, not a request.
    r"|(?<!do )(?<!can )(?<!should )(?<!would )(?<!will )(?<!if )(?<!when )"
    r"\bI (?:want|would like|need|wish|request)\b(?![^.?!\n]{0,20}\?)"
    # Not what the writer needs for their own records ("We need to document … that these are now revoked").
    r"|\bwe (?:want|would like|need)\b(?! to (?:document|record|note|know|understand|report|verify|confirm))"
    r"|\bkindly\b|\brequest(?:ing)? (?:the|to|that)\b"
    r"|" + RATHER_NOT +
    r"|\b(?:could|would|can|will) (?:you|u) (?:please |pls |maybe |possibly |kindly |just )?"
    r"(?:stop|cancel|revoke|withdraw|correct|fix|change|amend"
    r"|update|deactivate|disable|invalidate|suspend|terminate|delete|kill|block|reissue|re-issue|scrap"
    r"|do (?:it|that|this|so))\b"
    r"|\b(?:could|would|can|will) (?:you|u) (?:please |pls )?make (?:it|them|my \w+|the \w+)"
    r" (?:invalid|unusable|useless)\b"
    # The same asked in the passive ("Could this be corrected?", "Can my certificate be revoked, please?"); not a
    # what-if ("can it be corrected later if …?"), which the hypothetical rule reads.
    r"|\b(?:could|can|would) (?:this|that|it|these|they|my (?:\w+ )?\w+) (?:please )?be (?:corrected|fixed|amended"
    r"|updated|revoked|cancel+ed|withdrawn|deactivated|stopped)\b(?![^.?!\n]{0,30}\bif\b)",
)

# What follows a loss word when it is only a condition ("紛失した場合", "盗まれたら", "なくしたとき").
_NOT_CONDITION = r"(?!(?:し|て|てしま(?:っ)?)?た?(?:ら|場合|とき|時|際|としたら)|する(?:と|場合|とき|時|際))"

INCIDENT = _rule(
    "incident",
    _DEVICE_LOST
    + _NOT_CONDITION
    + r"(?:しました|しまいました|してしまった(?!ら|場合|とき|時|際)|され(?:ました|た)(?!ら|場合|とき|時|際)|ました"
    # The colloquial perfect ("落としちゃった", "なくしちゃいました").
    r"|ちゃ(?:いました|いまして|った(?!ら|場合|とき|時|際))"
    r"|てしまいました|てしまった(?!ら|場合|とき|時|際)|たため|たので|た。|[^。\n]{0,20}?(?:てしまい|ておりません|ていません|ません。|ないため|ないので))",
    r"(?:漏洩し|流出し|感染し|亡くな|死亡し|逝去|他界し)(?:ました|てしまいました|てしまった|たため|たので|た。|たこと"
    r"|て(?:い|お)(?:た|ました|る))",
    r"(?:申し込み|申込み|申し込ん|申込を|申請し|申請を)[^。\n]{0,10}?(?:ました|だのですが|たのですが|ましたが|た者|だ者)",
    r"(?:返送し|振り?込み|振込み|送付し|郵送し|提出し|入金し|入力し|申し込み|申込み)ました(?:が|けど)",
    r"(?:送って|送信して|渡して|添付して|公開して|アップロードして|書いて|入力して)しま(?:いました|った)"
    r"|誤送信(?:しました|してしま)"
    # The colloquial perfect ("pfxファイル誤送信しちゃいました", "PIN送っちゃった").
    r"|(?:誤送信し|送っ|送信し|渡し|添付し|公開し|アップロードし)ちゃ(?:いました|った(?!ら|場合|とき|時|際))",
    _PHYSICAL + r"[^。\n]{0,20}?" + _GONE,
    _DEVICE + r"[^。\n]{0,20}?盗まれ(?:た|ました)(?:かもしれ|可能性)",
    _VANISHED,
    _NOTICED_GONE,
    _GONE_FROM_SIGHT,
    # The key used behind its holder's back, told as done or suspected ("署名に使われた疑いがあります").
    _UNKNOWN_USE + r"[^。\n]{0,6}?(?:た(?!ら|場合|とき|時|際)|て(?:い|お)|まし|疑い|形跡|可能性)",
    # Someone else signed or logged in with the writer's key, told as done ("誰かが勝手に署名したようです").
    r"(?:誰か|第三者|他人|知らない人)(?:が|に)[^。\n]{0,20}?(?:署名|ログイン|アクセス|使用)(?:され|し)(?:た|て(?:い|お)|まし)"
    r"|勝手に(?:署名|ログイン|アクセス|使用)(?:され|し)(?:た|て(?:い|お)|まし)",
    r"(?:乗っ取られ|感染し|侵入され|不正アクセスされ|不正(?:に)?ログインされ|ハッキングされ|遠隔操作され|置き引きされ)"
    r"(?:て|た(?!ら|場合|とき|時|際)|まし|、)",
    r"(?:間違って|誤って|違って)(?:いました|います|おります|いる)",
    r"(?:番号|連絡先)(?:が|を|は)?[^。\n]{0,10}?(?:変わりました|変更になりました|変更しました|変更いたしました)",
    # Another used the writer's signature or key without leave, told as done ("somebody use my signature without
    # permission!!"), not asked of as a what-if ("what if someone uses my key without permission?").
    r"(?<!if )\b(?:someone|somebody|a stranger|a colleague)\s+(?:has\s+)?(?:use[ds]?|signed)\b"
    r"[^.\n?]{0,25}?\b(?:my|our)\s+"
    r"(?:e-?signature|signature|certificate|cert|private key|key)\b[^.\n?]{0,20}?\bwithout\b(?![^?\n]*\?)"
    r"|" + _EN_SIGNED_WITH_MINE,
    r"\b(?:I|we) (?:(?:lost|have lost)(?! (?:my|our) (?:job|position|post|contract|client|customer|patience|way))"
    r"|applied|submitted)\b"
    # Said of what happened, not in a what-if ("if my laptop is stolen").
    r"|(?:^|[.?!\n]\s*)"
    # A story told in one long sentence ("Her bag, which had her tablet and a reader with her card in it, went
    # missing") may run far before its verb.
    # Nor in a scenario imagined ("In a scenario where an employee's laptop is stolen", "Suppose a token is lost"); a
    # story told "no longer hypothetical" or "I assume it was stolen" is still told.
    r"(?:(?!\bif\b|\bwhen\b|\bin case\b|\bwhat\b|\bwhether\b|\bnothing\b|\bnot\b|\bnever\b|n.t\b"
    r"|\bscenarios?\b|\bsuppos(?:e|ing)\b)[^.?!\n]){0,120}?"
    r"(?:\b(?:is|was|were|got|has been|have been|been) (?:hacked|stolen|lost|compromised|infected|leaked|snatched"
    r"|robbed|taken|swiped|nicked|pinched|burgled|burglari[sz]ed|broken into)\b|\bwent missing\b"
    r"|" + _EN_SOMEONE_USING + r""
    r"|\b(?:broke|has broken|have broken|had broken) into\b|" + _EN_LEFT_ON_VEHICLE + r""
    r"|\b(?:I|we) (?:sent|emailed|e-mailed|forwarded|attached|posted|uploaded|shared)\b)"
    r"|\bpassed away\b|\b(?:has )?died (?:on|last|yesterday|in)\b"
    r"|\b(?:thief|thieves|burglars?|robbers?|pickpockets?)\b[^.\n]{0,20}\b(?:came|come|broke|stole|took|take|entered)\b"
    # A device found gone ("the laptop with my certificate is gone"), not an error message gone.
    r"|\b(?:laptop|computer|pc|notebook|bag|backpack|rucksack|briefcase|phone|smartphone|token|tablet)\b"
    r"[^.?!\n]{0,40}?\b(?:is|are|was|were) (?:gone|nowhere to be found)\b"
    r"|\b(?:my|our) (?:phone|telephone|mobile) number (?:has )?changed\b"
    r"|" + _EN_WHEREABOUTS_UNKNOWN + r""
    r"|\b(?:writing|write) to (?:inform|tell|let) you\b"
    # A what-if turned into the writer's own case ("if someone took my laptop, I need to fax you, right? because
    # someone did. this morning.").
    r"|\b(?:because|cause) (?:someone|somebody|they) (?:actually |really )?did\b"
    r"(?=\s*(?:[.,!]|this|today|yesterday|last|just|an?\b))"
    r"|\bit (?:actually|really) happened\b",
)

QUESTION = _rule(
    "question",
    # Not a teaching thanked for ("教えてくださり", "教えていただき、ありがとうございました"), nor a way or steps told
    # in the past ("インストール方法を教えていただいた富田です").
    # The most polite forms too ("可能でございましょうか").
    r"[?]|ですか|ますか|でしょうか|ましょうか|教えて(?!くださ(?:り|った)|下さ(?:り|った)|(?:いただ|頂)(?:き(?!たい)|いた)|もら(?:い(?!たい)|った)|くれ[たて])|どうすれ|どのよう|どうやって"
    r"|(?:方法|手順)(?!を?(?:教えて|ご?説明して)?(?:(?:いただい|頂い|もらっ)た|(?:いただき|頂き|もらい)ました"
    r"|くださ(?:った|いました)|下さ(?:った|いました))|を?教わ(?:った|りました))"
    r"|場合(?:は|には|の)"
    # A way not known, said as a chat says it ("失効請求書の書き方わからん😵").
    r"|(?:書き方|やり方|使い方|方法|手順|手続き)(?:が|って)?(?:わから|分から|わかんな|分かんな|わからん|分からん|不明)",
    r"\bhow (?:do|can|should|long|much)\b|\bwhat (?:is|are|happens|should)\b|\bis it possible\b|\bcan I\b",
)

# A loss followed by "たら" and "what then" ("ノートPCごとなくしたらどうなりますか"); not "なくしたらしくて" (it seems
# it was lost), nor a consequence feared after a loss told ("拾われたらどうなりますか"), whose verb is no loss.  Casual
# writers tell their own loss so too ("USB紛失したらどうなるの！？"), so it is a what-if only beside a word that says
# the writer asks in advance (_WHAT_IF_MARK: "質問です", "念のため", "万が一").
_LOSS_WHAT_IF = (
    r"(?:なくし|無くし|失くし|紛失し|盗まれ|盗られ|落とし|漏洩し|流出し)(?:てしまっ|ちゃっ)?たら(?!しい|しく)"
    r"[、,\s]{0,2}[^。\n?？]{0,20}?どう(?:な(?:り|る)|すれば|したら|する)"
)
_WHAT_IF_MARK = r"質問|しつもん|念のため|念の為|仮に|万が一|万一|事前に|前もって|参考までに"
# A loss asked about and said not to have happened yet ("PCなくしたらどうすればいいの？（まだなくしてないけど心配
# で）").  The denial is read before the words the writer does not want are taken out (see intake.wishes).
_NOT_LOST_YET = r"まだ(?:なくし|無くし|失くし|紛失し|盗まれ|盗られ|落とし)て(?:は)?(?:い)?(?:ない|ません)"
LOSS_NOT_YET = re.compile(
    _LOSS_WHAT_IF + r"[\s\S]{0,200}?" + _NOT_LOST_YET + r"|" + _NOT_LOST_YET + r"[\s\S]{0,200}?" + _LOSS_WHAT_IF
)

HYPOTHETICAL = _rule(
    "hypothetical",
    # "としたら" after a verb's volitional form ("修理に出そうとしたら", "ログインしようとした時") tells
    # what happened when the writer tried to do something: a past event, not a what-if.  The
    # volitional "う" follows an o-row kana (そう, よう, おう, こう, ろう …); a plain form that ends
    # in "う" ("使うとしたら", "行うとしたら") is still a what-if.
    r"場合(?:は|には|の|、|って|に(?:備え|そなえ))|(?<![おこごそぞとどのほぼぽもよろ]う)としたら"
    r"|(?<![おこごそぞとどのほぼぽもよろ]うと)(?:した時|したとき)|(?<![か何誰])もし(?!れ|て|た)",
    # A loss asked about in advance, "what then" (_LOSS_WHAT_IF beside _WHAT_IF_MARK).
    r"(?:" + _WHAT_IF_MARK + r")[\s\S]{0,200}?" + _LOSS_WHAT_IF,
    _LOSS_WHAT_IF + r"[\s\S]{0,200}?(?:" + _WHAT_IF_MARK + r")",
    # "if an employee's laptop is ever stolen", "if we ever need it": a condition, with any subject.
    r"\bif (?:a|the|my|someone|I)\b|\bin case\b|\bwhat happens\b|\bif (?:an|our|we|any|one of)\b"
    r"|\bif\b[^.?!\n]{0,40}\bever\b"
    # A step asked about as a time ("Can I cancel my application after I have paid the fee?"), the procedure's.
    r"|\b(?:after|once) (?:I|we)(?: have|'ve)? (?:paid|applied|submitted|sent)\b"
    # A scenario imagined ("In a scenario where a laptop is stolen", "Suppose our token is lost").
    r"|\bin (?:a|the|this|that) (?:scenario|situation|event) (?:where|in which|that)\b|\bsuppos(?:e|ing)\b"
    # A condition put first by "should" ("how an emergency revocation is handled should a holder's laptop be lost").
    r"|\bshould (?:a|an|the|my|our|one|any|someone's)\b[^.?\n]{0,40}?\b(?:be|get)\s+"
    r"(?:lost|stolen|compromised|leaked)\b",
)

FAQ_TOPIC = _rule(
    "faq_topic",
    r"料金|費用|有効期間|更新|CPS|リポジトリ|何日|日数|ICカード|ブラウザ|申込書|入手|記入方法|フィンガープリント"
    r"|CRL|失効リスト|電子入札|ペンネーム|代理人|印鑑|バックアップ|インポート"
    r"|Mac|Windows|iPhone|iPad|Android|Linux|動作環境|対応OS|対応して(?:い|お)|PIN"
    # What to do at a loss or theft, asked before any has happened ("紛失時の連絡先").
    r"|(?:紛失|盗難|漏洩)(?:時|の際|した(?:場合|とき|時))",
    r"\b(?:fee|price|validity|renew(?:al)?|repository|fingerprint|browser|how long"
    r"|mac|macos|windows|iphone|android|linux|supported|pin)\b"
    # Applying for another ("Can someone apply on behalf of my boss?"): the FAQ's 代理人.
    r"|\bappl(?:y|ying|ication)\b[^.\n?]{0,25}?\bon behalf of\b",
)

# The words of a family after a death (the deceased, their things, an heir, the bereaved).  They tell of a death
# that has happened, but a what-if names them too ("仮に名義人が死亡した場合、遺族として…"): see
# :data:`FAMILY_AFTER_DEATH`.
_FAMILY_WORDS = r"遺品(?:整理|の中|を整理)|故人|相続人(?:として|の)|遺族(?:として|の者)"
FAMILY_AFTER_DEATH = re.compile(_FAMILY_WORDS)

# A death that has happened, as a family member, colleague or lawyer reports it (not a
# question about what would happen "if the holder died").
DEATH_EVENT = _rule(
    "death_event",
    # Not the writer's own death, which can only be foreseen ("私が亡くなった後、家族は…").
    r"(?<!私が)(?<!自分が)(?<!わたしが)(?<!僕が)(?<!私自身が)"
    r"(?:亡くな|逝去|他界|永眠|急逝|急死|死去)(?:られ|り|っ|され|し|いたし|いた)?(?:まして|(?:まし)?た(?!場合|ら|と(?:き|したら)|時|際|という))"
    # Told as a state ("本人は昨年末に他界しております", "父は先月亡くなっています"), not "亡くなっている場合".
    r"|(?:亡くなっ|(?:逝去|他界|永眠|急逝|死去)(?:いたし|致し|し))て(?:おり(?:ます|まして)?|います|いまして)"
    # In a lawyer's or a court's words: the late person named with their date of death ("亡石川敬三（令和7年1月28日
    # 死亡）"), or with "故" ("故 石川敬三 氏").
    r"|[（(][^()（）\n]{0,20}?(?:死亡|逝去|没)[)）]"
    r"|(?<![一-龥])(?:亡|故)[ \t\u3000]?[一-龥]{2,4}[ \t\u3000]?[一-龥]{0,4}[ \t\u3000]?"
    r"(?:氏|様|さん|殿)(?:の|が|は|名義)"
    # Counted since ("父が亡くなって2か月になります", "他界して半年").
    r"|(?:亡くなっ|他界し|逝去し|永眠し)て(?:から)?(?:もう|早)?[0-9一二三四五六七八九十数半何]+(?:か月|ヶ月|カ月|ケ月|年|日|週間)"
    # Given as the reason, in a note's nouns ("本人死去のため失効希望", "名義人逝去につき"), not in a what-if.
    # Or as the notice of a relative's death to be made ("父の死亡の届けって、戸籍謄本だけでいいですか？").
    r"|(?:" + _KIN_KANJI + r")の死亡の?届け?(?:って|は|を|に|の)"
    r"|(?:本人|名義人|" + _KIN_KANJI + r")(?:の|が)?(?:逝去|他界|永眠|急逝|死去|死亡)"
    r"(?:のため|に伴い|に伴う|につき|により|によって)"
    r"(?![^。\n]{0,15}?(?:場合|とき|時|際|したら))",
    r"死亡(?:しました|いたしました|した(?:ため|ので|こと|のです)|が確認)|死亡届(?:を|の)(?:提出|送付|出し)(?!たら|た場合|でき|する|の(?:際|方法|仕方))",
    # Told as the start of the writer's story, a pause after it ("姉が亡くなって…証明書ってどうなるの?").
    r"(?:" + _KIN_KANJI + r")(?:が|は)亡くなって(?=[…‥、,]|\.\.)",
    _RELATIVE_DIED,
    # What families write around a death without saying "died": a funeral, the deceased, heirs.
    r"息を引き取|葬儀(?:が|を|も)?(?:終わ|済|執り行|営)|告別式|四十九日|亡(?:父|母|夫|妻|兄|姉)|"
    + _FAMILY_WORDS
    # An inheritance being settled ("叔父の相続手続き中です") follows a death that has happened.
    + r"|相続(?:の)?手続き?(?:中|を(?:して|進めて|行って)(?:い|お))",
    # The papers that prove a death, told as got or sent ("除籍謄本は来週取れる予定です", "死亡診断書の写しを
    # 同封します"): a family following up its death notice, not a question about what would be needed.
    r"(?:除籍謄本|死亡診断書|死亡証明書|死体検案書|死亡届(?:の)?(?:写し|コピー|記載事項証明))(?:の(?:写し|コピー))?(?:は|を|も|が)?"
    r"[^。\n?？]{0,20}?(?:取れ(?:る予定|次第|ました)|取得(?:しました|済|次第|でき(?:ました|次第)|する予定)"
    r"|取り寄せ(?:ました|中|次第|て(?:い|お))|同封(?:します|しました|いたします|いたしました|致します)"
    r"|(?:お送り|送付|郵送)(?:します|しました|いたします|いたしました|致します)|用意(?:しました|でき(?:ました|次第))"
    r"|手元に(?:あり|ござい))",
    # In hiragana "なくなる" is also "to be lost"; only a relative's name right before makes it a death.
    # A name or a time may stand between ("妻、ブラウン 由美は先週なくなりました",
    # "おっとが　さきげつ　なくなりました"),
    # but no other subject or object ("妻のパソコンがなくなりました" is a lost PC).
    # A grandparent named as a child calls them ("じいちゃん(若林 茂)が先週なくなって、"); a time told before the
    # word ("先週なくなって") makes it a death too, as no lost thing is dated so in a family's mail.
    rf"(?:{_KIN_KANJI}|お?じいちゃん|お?ばあちゃん|{_KIN_KANA})"
    r"(?:[^。\nのをがはもに]{0,20}?(?:が|は))?(?:[^。\nのをがはもにで]{0,12}?)"
    # (Not a thing that went out of use: "母が先週、使わなくなったパソコンを…売ってしまいました".)
    r"(?:(?<!使わ)(?<!いら)(?<!要ら)(?<!使え)(?<!でき)(?<!出来)(?<!動か)(?<!見え)"
    r"なくな(?:りまし|った(?!場合|ら|とき|時|際)|って(?:から|[0-9一二三四五六七八九十半数何]|もう|しまいまし))"
    r"|(?<=先週|先月|昨日|昨年|去年|今朝|先日|月に|日に)なくなって"
    r"|(?:死|し)(?:にました|んでしまいました|んでしまった))"
    # The relative named as dead ("死んだ父の証明書を止めたい") has died, whatever the writer asks.
    r"|" + _DEAD_RELATIVE,
    r"\b(?:has|have|had|recently|sadly|suddenly|who) passed away\b"
    r"|\bpassed away (?:on|last|yesterday|in|recently|earlier|this|peacefully)\b"
    r"|\b(?:has died|have died|died (?:on|last|yesterday|in|of|suddenly|peacefully|recently))\b"
    r"|\b(?:my|our|his|her) (?:father|mother|husband|wife|son|daughter|brother|sister|client)"
    r" (?:is|was|has been) (?:dead|deceased)\b"
    r"|\b(?:my|our|the holder's|his|her) (?:late )?(?:father|mother|husband|wife|son|daughter|client)\b"
    # Not an exam passed ("my son passed the exam").
    r"[^.\n]{0,40}\b(?:passed(?! (?:the|an?|my|his|her|their|exams?|tests?)\b)|died|deceased)\b"
    r"|\bthe late\b|\bestate of\b|"
    + _EN_RELATIVE_PASSED,
)

# An ordinary reason to revoke ("理由は退職です", "異動に伴い", "because I'm retiring"): beside haste ("今すぐ
# 止めたい"), the writer is in a hurry, not in danger; no key is at risk.
ORDINARY_REASON = _rule(
    "ordinary_reason",
    r"理由(?:は|[:：])\s*(?:退職|異動|転職|廃業|業務終了|不要)"
    r"|(?:退職|異動|転職|廃業|定年)(?:のため|に伴(?:い|う)|するので|したので|するため|したため)"
    # Said in a chat's words ("明日付けで退職なので今日中に").
    r"|(?:退職|異動|転職|廃業|定年|退社)(?:なので|なんで|だから|ですので|となるので|になるので)"
    r"|(?:会社|仕事|職場)(?:を)?(?:やめ|辞め)(?:た|ました)(?:ので|から|ため)",
    r"\bbecause (?:I(?:'m| am) (?:retiring|leaving)|I (?:retire|left|changed jobs))\b"
    r"|\b(?:due to|for) (?:my )?retirement\b",
)


# The writer says they never asked for the revocation they found ("失効なんて頼んでいません", "私は失効請求など一度も
# していません", "I never requested a revocation"): someone must explain what happened; nothing is asked to be revoked.
REVOCATION_DENIED = _rule(
    "revocation_denied",
    r"(?:失効|取り?消し?)(?:なんて|など|は|を)?(?:一度も|全く|まったく)?"
    r"(?:頼んで|依頼して|お願いして|申請して|請求して)(?:い|お)?(?:ません|ない)"
    r"|失効請求(?:など|なんて|は|を)?(?:一度も|全く|まったく)?(?:して|出して)(?:い|お)?(?:ません|ない)",
    r"\bI (?:never|did not|didn't|have not|haven't) (?:ever )?(?:asked|requested|applied) (?:for )?"
    r"(?:a |the |any |this )?revocation\b|\bI (?:never|did not|didn't) (?:ask|request) (?:you )?to revoke\b",
)


# A request the writer will make later, not now ("手続きの方法が分かり次第、改めて失効をお願いするつもりです",
# "I'll ask for the revocation later"): what the writer asks now is how, whatever certificate they name.  (A request
# denied, "失効などの手続きをお願いするものではありません", is removed with what is not wanted: intake.wishes.)
REQUEST_LATER = _rule(
    "request_later",
    r"(?:改めて|あらためて|後日|のちほど|後ほど|分かり次第|わかり次第)[^。\n]{0,15}?(?:お願い|依頼|申請|請求)"
    r"(?:する|いたす|させていただく|させて頂く)(?:つもり|予定)",
    r"\bI (?:will|'ll) (?:ask|request|apply) (?:you )?(?:for (?:the |a )?revocation|to revoke)[^.\n]{0,20}\blater\b",
    # Not the request yet ("今回はまだお願いではなく、手続きの確認だけさせてください", "実際に失効をお願いする際は、
    # あらためてご連絡いたします").
    r"まだ(?:正式な)?(?:お願い|依頼|申請|請求)(?:で)?は(?:なく|ありません|ない)"
    r"|(?:実際に|正式に)[^。\n]{0,12}?(?:お願い|依頼|申請|請求)する(?:際|とき|時)(?:は|には)?[、,]?\s*(?:あらためて|改めて|再度)",
    # Not decided yet ("申込したけどまだ迷ってて…", "取り消すかどうか決めかねています"): the request may come later.
    r"まだ(?:迷って|悩んで|決めかねて|決まって(?:い)?な)"
    r"|(?:する|しよう|取り?消す|失効する)か(?:どうか)?(?:迷って|悩んで|決めかねて)",
)


# A wrong detail as the condition of a question ("もし届いた証明書の住所が間違っていたら、どこに連絡すればいいですか",
# "if my name is wrong on the certificate, what do I do"): asked before anything was issued wrong.
CORRECTION_WHAT_IF = _rule(
    "correction_what_if",
    r"もし[^。\n]{0,20}?(?:間違|まちが|誤)(?:っ|え)て(?:い)?たら",
    r"\bif (?:the|my|our) (?:name|address|details?|spelling|e-?mail(?: address)?) (?:is|are|was|were)"
    r" (?:wrong|incorrect|misspelled)\b",
)


# The fee's amount asked ("料金いくらですか？", "会費っておいくらですか", "how much is the fee"): the CA's own business,
# whatever paper is asked about beside it ("…領収書って会社名で出ますか").
PRICE_ASKED = _rule(
    "price_asked",
    r"(?:料金|会費|費用)[^。\n?？]{0,8}?(?:いくら|おいくら|金額)",
    r"\bhow much (?:is|are|does|do)\b[^.?\n]{0,30}\b(?:fee|fees|cost|certificate|it)\b",
)


# A pet that died ("祖母の家の犬が死んでしまって", "our dog passed away"): nobody who holds a certificate.
PET_DIED = _rule(
    "pet_died",
    r"(?:犬|猫|ペット|愛犬|愛猫|うさぎ|ウサギ|ハムスター|インコ|金魚|小鳥)(?:が|も|は)?(?:死ん|亡くな|息を引き取|天国に(?:行|い))",
    r"\b(?:dog|cat|pet|puppy|kitten|hamster|rabbit|parrot)\s+(?:died|passed away|has died|had to be put down)\b",
)

# Preparing for an incident rather than having one: a manual, a plan, a what-if.
PREPARATION = _rule(
    "preparation",
    # Not the CA's own user manual, which the writer reads ("ユーザマニュアルの動作環境に…").
    # Nor one the writer followed ("マニュアルにあったとおり", "マニュアルに従って").
    r"(?<!ユーザ)(?<!ユーザー)(?<!利用者)マニュアル"
    r"(?!(?:に|の)?(?:あった|ある|書いて(?:あった|ある))?(?:とおり|通り|どおり)|に(?:従|したが|沿))|手順書|対応手順|運用手順|想定|備え(?!付|つけ)|万一|万が一|事前に|事前の(?:確認|質問|問い?合わ?せ|相談)|社内規程|フロー(?:を|の)|"
    # Rules being written, not a rule followed ("院内の規程で発行元への確認が必要とされております").
    r"規[程定](?:集)?(?:を|の|に|へ)?(?:作|整備|改定|改訂|見直|策定|追記|記載|盛り込|載せ|掲載|まとめ|準備|検討)|"
    r"(?:作成|整備|準備|検討)(?:中|して|しており)|念のため(?:確認|伺|お聞き|知って|教え)|将来|今後(?:の|[、,])"
    r"|(?:なくした|失くした|紛失した|盗まれた)わけでは|次回|次に同じ|今後同じ|再発防止"
    # Teaching others what to do: training material, a briefing, a notice to staff.
    r"|教育資料|終活|研修(?:資料|で|の資料|用)|説明会|周知(?:文|資料|用|したい|する)|(?:新入)?社員向け|(?:訓練|リスク評価)のため"
    # An audit of the procedure, which says it is no request ("委託先評価の一環として…実際の失効依頼ではございません").
    r"|監査(?!法人|役)|(?:委託先|セキュリティ)評価|実際の(?:失効|取消|取り消し)?(?:依頼|申請|請求)では(?:ありません|ございません|ない)",
    r"\b(?:incident (?:response )?(?:manual|plan|procedure|playbook)|runbook|in case|prepar(?:e|ing)|"
    r"policy|hypothetical(?:ly)?|just (?:want|wanted) to (?:know|check|understand)|for future reference"
    r"|in advance|just asking|ahead of time|next time"
    # A what-if, and a writer who says that nothing has happened.
    r"|what if|if (?:it|this|that|they|my \w+) (?:were|was) ever|nothing (?:has )?happened|nothing bad has happened"
    r"|no incident has (?:occurred|happened)"
    r"|e-?learning|training (?:material|course|session|team)|no real case|no actual (?:case|loss|incident))\b",
)

# Words that place a message in the CA's business at all.
CA_CONTEXT = _rule(
    "ca_context",
    r"証明書|申込|申し込|申請|iPROVE|CA局|認証局|発行|電子署名|失効|シリアル|照会書|会費|住民票|CPS|リポジトリ|秘密鍵"
    r"|文書情報管理士|印鑑|名義人|振込用紙|しんせい(?=[しさすせ中書をのはと取])|しょうかいしょ|審査中|有効期限|期限切れ"
    # A renewed one received ("更新したやつ届きました！前のは止めて大丈夫です").
    r"|更新(?:した|の)?(?:やつ|分|もの|の)(?:が|も)?(?:届|来|受け取)"
    # Weeks of waiting for what was applied for ("3週間待ってて連絡なし。もう取消でいいです").
    r"|(?:[0-9０-９]+|[一二三四五六七八九十数]+)(?:週間|日|ヶ月|か月|カ月)(?:も|以上)?待って"
    # A serial's end quoted to name the certificate ("古いのは末尾 e4 7a のやつ").
    r"|末尾\s*[「『\"]?[0-9a-f]{2}(?:\s?[0-9a-f]{2})+"
    # The fee not paid yet, told beside a cancel word ("振込前なのでキャンセルで！", "取消しで！振込まだです").
    r"|(?:振込|振り込み|入金|支払い?|お支払い?)(?:は|が)?(?:まだ|前|してない|していません|済んでいません)"
    # Or told as about to be paid ("請求書届いたけど払う前に取消したい", "払わずにキャンセルしたい").
    r"|(?:払う|支払う|振り込む|入金する)前|(?:払わ|支払わ|振り込ま)ず",
    r"\b(?:certificates?|certs?|applications?|iprove|serial|revok\w*|revocation|crl|private key|signature|issued)\b"
    # The CA's 照会書 in English ("Re: Inquiry documents sent").
    r"|\binquiry (?:documents?|letters?|forms?|sheets?)\b"
    # The CA's online application form ("Paid the invoice yesterday but haven't done the online form"), and its fee
    # not paid yet ("I got the invoice but haven't paid it", "no payment").
    r"|\bonline (?:form|step)\b|\bhaven'?t paid\b|\bhave not paid\b|\bno payment\b|\bnot (?:yet )?paid\b",
)

# Advertising and mass mail: a sales pitch that names revocation sells something, it asks nothing.
# Someone outside asking the company for its time, not the desk for a certificate's business: a press interview,
# a student's survey or research, a lecture ("番組制作のためのご取材依頼", "卒業研究のアンケートへのご協力").
OUTSIDE_INQUIRY = _rule(
    "outside_inquiry",
    r"(?:ご)?取材(?:の)?(?:依頼|お願い|申し込み|申込)|取材させて|(?:番組|記事|特集)(?:の)?(?:制作|企画|取材)"
    r"|アンケート(?:調査)?(?:へ|に)?(?:の)?(?:ご)?(?:協力|回答)|卒業(?:研究|論文)|修士論文|研究(?:の)?(?:ため|目的)"
    r"|講演(?:の)?(?:ご)?依頼|寄稿(?:の)?(?:ご)?依頼",
    r"\b(?:press inquiry|media inquiry|interview request|request (?:for|an) (?:an )?interview|(?:fill in|answer|take)"
    r" (?:a|our|my|the) (?:short )?(?:survey|questionnaire)|(?:my|our) (?:thesis|dissertation|research project)"
    r"|I'm a (?:reporter|journalist|writer)|(?:available|time) for a (?:short |brief )?interview"
    r"|request for comment)\b",
)

ADVERTISING = _rule(
    "advertising",
    # Each sign of a mass mailing is a reason of its own: a pitch shows several.
    r"配信停止|配信を?(?:希望|ご希望)され",
    r"メルマガ|ニュースレター|\bnewsletter\b",
    r"無料トライアル|資料請求|キャンペーン|今なら|初期費用(?:無料|0円)|無料(?:デモ|体験|でお試し)|お試しいただけ",
    r"導入(?:事例|実績|企業)|詳しくはこちら|お申し込みはこちら|こちらから(?:お申込|ダウンロード)|(?:ご|お)案内(?:】|\])"
    r"|デモを予約|▼資料ダウンロード|ソリューション(?:のご案内|「)",
    r"\b(?:unsubscribe|free trial|webinar|limited(?:-| )time offer|sign up (?:now|today)|book a demo)\b",
)

# A newsletter or a mailing that the writer stops ("メルマガの配信をキャンセルしてください", "please unsubscribe
# me"): what is cancelled is a mailing, no certificate or application, however the writer words it.
MAILING_STOPPED = _rule(
    "mailing_stopped",
    r"(?:メールマガジン|メルマガ|ニュースレター|メールニュース|お知らせメール|案内メール|広告メール|DM)[^。\n]{0,12}?"
    r"(?:停止|解除|キャンセル|中止|止め|やめ|不要|解約|退会)"
    r"|(?:メール)?配信(?:を|の)?(?:停止|解除|キャンセル|中止|止め|やめ|不要)"
    # Consent to advertising or to the use of personal data withdrawn ("広告メール受信の同意を撤回します").
    r"|(?:メール|広告|宣伝|販促|マーケティング|案内|配信|受信|個人情報|データ)[^。\n]{0,25}?同意(?:を|の|は)?"
    r"(?:撤回|取り?消|取り?下げ|取りやめ|解除|やめ)",
    r"\bunsubscrib\w*|\bremove me from (?:your|the) (?:mailing|distribution|e-?mail) list\b"
    r"|\b(?:stop|cancel)\b[^.\n]{0,20}?\b(?:newsletters?|mailings?|mailing list|marketing e-?mails?"
    r"|promotional e-?mails?)\b"
    # "I withdraw my consent to receive marketing e-mails", "revoke the consent I gave for newsletters".
    r"|\b(?:withdraw\w*|revok\w*|cancel\w*|retract\w*)\b[^.\n]{0,15}?\bconsent\b[^.\n]{0,60}?"
    r"\b(?:marketing|promotional|advertis\w*|newsletters?|mailings?|e-?mails?|offers|personal data)\b",
)

# An application or a request as the object of a revoke word ("申込を失効してください"): what
# is revoked is not yet a certificate.
APPLICATION_OBJECT = _rule(
    "application_object",
    r"(?:申込|申し込|申込み|申請|発行依頼)(?:み|書)?(?:を|の)\s*(?:失効|無効)",
    # "Please revoke my certificate request": the request for a certificate, not the certificate.
    r"\b(?:revoke|invalidate|deactivate)\s+(?:my|the|our|this|that)\s+(?:(?:pending|open|outstanding)\s+)?"
    r"(?:(?:certificate|cert|iprove)\s+)?(?:application|order|request)\b",
)

# Outsiders who write to the CA about its business without being its customers: the press,
# vendors and partners asking for a meeting.  What they ask is no customer's question.
OUTSIDE_PARTY = _rule(
    "outside_party",
    r"取材|特集記事|記事(?:を|の)(?:企画|執筆|掲載)|編集部|インタビュー|寄稿|協賛|広告掲載|業務提携|(?:弊社|当社)の?(?:サービス|製品|ソリューション)"
    r"|ご提案(?:させ|の機会)|営業(?:の|に)(?:ご連絡|お伺い)",
    r"\b(?:journalist|press inquiry|media inquiry|interview|article|editorial|partnership|sponsor(?:ship)?"
    r"|our (?:product|solution|service)s?)\b",
)

# A trouble with one's own certificate told as a statement ("誤って証明書を削除してしまいました"):
# the writer asks how to put it right, which the FAQ answers, even without a question mark.
TROUBLE = _rule(
    "trouble",
    r"(?:証明書|秘密鍵|鍵|PIN|パスワード|アイコン|ショートカット)[^。\n]{0,15}?(?:削除して|消してしま|消えて|消去して|見つからな|表示されな|エラー|インストールでき(?:な|ませ)"
    r"|使えなくなっ|期限が切れ|ロックされ)"
    # The trust warning a viewer shows for a certificate whose CA is not installed ("信頼された証明機関がこの証明書を
    # 確認できません").
    r"|信頼された(?:証明|認証)機関[^。\n]{0,20}?確認できません|証明書(?:の)?(?:発行元|発行者)を?(?:確認|検証)できません",
    r"\b(?:deleted|removed|erased) (?:my|the) (?:certificate|cert|key)\b"
    r"|\b(?:certificate|cert)\b[^.\n]{0,30}\b(?:disappeared|is gone|does not work|doesn't work|not working|expired)\b",
)

# Events a writer books a seat at, read by OFF_TOPIC and EVENT_BOOKING.
_EVENTS_JA = r"セミナー|ウェビナー|勉強会|講習会|講習|説明会|研修|イベント"
# Things other than certificates that people cancel (a mis-sent internal mail).
OFF_TOPIC = _rule(
    "off_topic",
    r"会議室?|ミーティング|打ち?合わ?せ|予約|飲み会|食事|ランチ|ディナー|懇親会|新年会|忘年会|出張|フライト|ホテル|"
    r"シフト|来客|面接|面談|" + _EVENTS_JA +
    # A colleague's paperwork sent to the wrong desk: an expense claim, a leave request, an internal approval.
    r"|経費精算|精算申請|交通費|出張費|立替金?|有給(?:休暇)?(?:申請|届)|休暇(?:申請|届)|稟議",
    r"\b(?:meeting|room|booking|reservation|dinner|lunch|party|flight|hotel|table|appointment|calendar|invite|seminar"
    r"|webinar|workshop)\b",
)

# The writer says the message is not about the CA's certificates ("電子証明書とは関係ないんですが",
# "this has nothing to do with certificates, but…"): the CA's words in it name only what it is not about.
UNRELATED = _rule(
    "unrelated",
    r"(?:電子証明書|証明書|iPROVE|認証局|電子署名)(?:の件|のこと)?(?:と|に)?は?(?:全く|まったく|一切)?(?:関係|関連)"
    r"(?:ない|なく|のない|の無い|無い|ありません|しない|ございません)",
    r"\b(?:nothing to do with|unrelated to|not related to)\s+(?:the |my |your |any |a |our )?(?:e-?)?"
    r"(?:certificates?|certs?|iprove|applications?|revocations?|signatures?)\b",
)

# A mail meant for someone else ("Sorry, this was meant for our internal IT helpdesk", "間違えてこちらに
# 送ってしまいました"): what it asks is asked of another, not of the CA.  Not a key file sent to the wrong
# person, which the compromise rules read as an incident and which the classifier weighs first.
MISSENT = _rule(
    "missent",
    r"(?:間違えて|まちがえて|誤って)(?:こちら|ここ|御社|貴社|そちら|この(?:アドレス|窓口)|サポート|窓口)(?:に|へ|宛てに?)"
    r"(?:送|お送り|送信|メール)"
    r"|別の(?:方|人|部署|担当)(?:宛て?|に送る(?:はず|つもり|予定))の(?:メール|メッセージ)"
    # "社内の担当者に送るつもりのメールでした": meant for someone else.
    r"|(?:社内|部内|院内|所内|家族|同僚|上司|部下)の?[^。\n]{0,10}?(?:に|へ)送る(?:はず|つもり|予定)(?:の|だった)(?:メール|メッセージ)",
    r"\b(?:this|that|my (?:last |previous )?(?=e-?mail|message|mail))(?:\s*(?:e-?mail|message|mail|chat|text))?"
    r"\s+(?:was|is)\s+(?:meant|intended|supposed to go)\s+(?:for|to)\b"
    r"|\b(?:this|that) (?:e-?mail|message|mail) (?:went|was sent|got sent) to the wrong\b"
    r"|\bwrong (?:recipient|address|chat),? sorry\b|\bsorry,? wrong (?:recipient|address|person|chat|window)\b",
)

# The mail sent by mistake, asked to be thrown away ("誤ってこちらに送ってしまいました。破棄してください",
# "please disregard this mail"): what it holds is asked of nobody here.
DISCARD_ASKED = _rule(
    "discard_asked",
    # Asked, not told as done or to be done by the writer ("削除してしまいました", "削除しておきます").
    r"(?:破棄|削除|廃棄)(?:して(?!しま|お[きくり]|あ[りるっ]|い(?:ます|る|まし))|を(?:お願い|して)|いただ|頂|願|くださ"
    r"|下さ)|無視して(?:ください|下さい|いただ|頂)"
    r"|お捨て(?:ください|下さい|いただ)",
    r"\b(?:please\s+)?(?:disregard|ignore|delete|discard)\s+(?:this|that|my)\s+(?:last\s+|previous\s+)?"
    r"(?:e-?mail|message|mail)\b|\bplease\s+(?:disregard|ignore)\s+(?:it|this)\b",
)

# A slip of address told after the fact ("――と思ったら宛先間違えました。失礼しました", "誤送信しました"): of this mail,
# which then asks nothing of the CA, or of an earlier one that the writer now sends right ("送付先を間違えました。
# 改めて失効をお願いします"); the caller tells the two apart by whether anything is asked (see intake.classify).
# Sent by mistake, told as done ("間違えて送信しました", "誤って送ってしまいました"): the slip the writer owns up to.
_SENT_BY_MISTAKE = (
    r"(?:間違え|まちがえ|誤っ)て(?:送信|送付|お送り|送っ)(?:し)?(?:ました|てしまいました|てしまった|ちゃいました|いたしました)"
)

MISSENT_TOLD = _rule(
    "missent_told",
    r"(?:宛先|あて先|送信先|送り先|送付先)(?:を)?(?:間違え|まちがえ|誤っ|誤り)(?:ました|てしまいました|てしまった|た(?:ようです|みたい))"
    r"|誤送信(?:しました|してしまいました|いたしました|です。|でした)"
    # "宛先を誤って送信しました", "送り先を間違えて送ってしまいました".
    r"|(?:宛先|あて先|送信先|送り先|送付先)(?:を)?" + _SENT_BY_MISTAKE
    # A mail meant for others, sent here by mistake ("院内宛てのメールを誤って送付いたしました").
    + r"|(?:宛て?|向け)の(?:メール|ご連絡|お知らせ)(?:を)?" + _SENT_BY_MISTAKE,
    r"\bsent (?:this|it) to the wrong (?:address|person|recipient)\b",
)

# Addressed on its own line to a public office or a bank ("市役所の年金係様", "〇〇税務署 御中"): the mail was written
# for them, whatever it tells (a death for a pension, a lost card for a bank).
ADDRESSED_ELSEWHERE = _rule(
    "addressed_elsewhere",
    r"(?m:^[ \t]*[^\n]{0,12}?(?:市役所|区役所|町役場|村役場|税務署|年金事務所|法務局|警察署|保健所|郵便局|銀行"
    r"|信用金庫)"
    r"[^\n]{0,10}?(?:様|御中|殿|各位)[ \t]*$)",
)

# A slip on the CA's own pages pointed out ("FAQページの…という質問、「どのように」の誤字だと思います"): a remark for
# whoever keeps the pages, no question of the FAQ's and no request.
SITE_FEEDBACK = _rule(
    "site_feedback",
    r"(?:FAQ|よくある質問|ホームページ|HP|サイト|ウェブ|Web|案内文?|ページ)[^。\n]{0,60}?(?:誤字|誤植|脱字|リンク切れ|表示崩れ)",
    r"\b(?:typo|broken link|misspell\w*)\b[^.\n]{0,40}\b(?:FAQ|page|site|website)\b"
    r"|\b(?:FAQ|page|site|website)\b[^.\n]{0,40}\b(?:typo|broken link|misspell\w*)\b",
)

# An out-of-office reply, pasted or forwarded as text ("I am out of the office until 19 August", "不在にしております"):
# it answers a mail with the writer's absence and asks nothing, whatever it names.
OUT_OF_OFFICE = _rule(
    "out_of_office",
    r"不在にしております|不在にしています|(?:休暇|出張)(?:中|のため)[^。\n]{0,20}?(?:返信|ご連絡|対応)(?:が|は|を)?(?:遅れ|でき|いたしかね)"
    # A holiday taken, the mail read after it ("夏季休暇をいただいております。…19日以降に順次確認いたします").
    r"|(?:休暇|休業)を(?:いただいて|頂いて|取得して|取らせていただいて)(?:おります|います)[^\n]{0,80}?"
    r"(?:以降|明け)[^。\n]{0,10}?(?:順次|確認|返信|対応)"
    r"|(?m:^[ \t]*(?:件名[:：][ \t]*)?(?:自動応答|自動返信)[ \t]*[:：])",
    r"^[ \t]*(?:subject:[ \t]*)?(?:out of (?:the )?office|automatic reply|auto(?:matic)?-?reply)\b"
    r"|\bI am (?:currently )?(?:out of (?:the )?office|away from (?:the )?office|on (?:leave|vacation|holiday))\b"
    r"[^.\n]{0,60}?\b(?:until|till|returning)\b",
)

# The writer's own company's IT desk addressed ("情シスの皆さん"): an in-house certificate or account is its business.
ADDRESSED_IN_HOUSE = _rule(
    "addressed_in_house",
    r"(?m:^[ \t]*(?:情シス|情報システム(?:部|課|室)|社内ヘルプデスク|IT(?:部門|部|課))[^\n]{0,6}?"
    r"(?:の皆さん|の皆様|御中|各位|さん|様)[ \t]*$)",
)


# A mail of ours received by someone it was not meant for, who says so ("このメール、宛先間違いではないですか？…
# 同姓同名の別人だと思います", "I think you have the wrong person"): an operator must see why our notice reached
# them; nothing is asked of the certificate it names.
NOT_ADDRESSEE = _rule(
    "not_addressee",
    # Not the writer's own slip ("宛先を間違えていたようです", a question sent to a wrong address and returned).
    r"宛先(?:を)?(?:お)?間違い(?:では|じゃ)(?:ない|ありません|ございません)"
    r"|(?:この|こちらの|その)(?:メール|お知らせ|通知|ご連絡)[^。\n]{0,15}?(?:宛先|送り先|送信先)(?:が|を|は)?(?:お)?間違"
    r"|人違い|別人(?:宛|の方|だと思|ではない)"
    r"|(?:身に覚え|心当たり)(?:が|は)(?:ありません|ない|ございません)",
    r"\b(?:you (?:have|'ve) (?:got )?the wrong (?:person|address|recipient)"
    r"|(?:this|your) (?:e-?mail|message|mail|notice) (?:was|is|must have been) (?:sent|delivered) to me"
    r" (?:by mistake|in error)|I (?:have )?never applied for)\b",
)

# The same things as alternations, each without its word boundaries, to be named as what is cancelled.
_OFF_TOPIC_JA = OFF_TOPIC.patterns[0].pattern
_OFF_TOPIC_EN = OFF_TOPIC.patterns[1].pattern.removeprefix(r"\b").removesuffix(r"\b")

# One of those things named as what is cancelled ("明日の certificate migration の meeting は cancel です",
# "会議は中止になりました", "cancel tomorrow's meeting"): a word of the CA's business beside it names only the
# meeting's subject.
OFF_TOPIC_CANCELLED = _rule(
    "off_topic_cancelled",
    # Its booking may stand between ("来週のセミナー申込、取消したいです").
    r"(?:" + _OFF_TOPIC_JA + r"|\b" + _OFF_TOPIC_EN + r"\b)(?:の)?(?:参加|出席|受講)?(?:の)?"
    r"(?:申込み?|申し込み|申請|登録)?(?:の)?[、,]?\s*(?:は|を|も|が)?\s*"
    r"(?:キャンセル|\bcancel|中止|取りやめ|取り止め|なし|延期|リスケ|取り?消)",
    r"\bcancel(?:l?ed|l?ing)?\s+(?:the|our|my|this|that|tomorrow's|today's|next week's)?\s*(?:\w+\s+){0,2}?"
    + _OFF_TOPIC_EN
    + r"s?\b|\b"
    + _OFF_TOPIC_EN
    + r"s?\b[^.\n]{0,40}?\b(?:is|are|was|were|has been|have been|will be|gets?)\s+(?:cancel\w*|called off|postponed)\b",
)


# A booking to take part in an event ("セミナー参加申込", "受講の申し込み", "参加登録"): an application of its own,
# not one for a certificate, when an event is called off beside it.
EVENT_BOOKING = _rule(
    "event_booking",
    r"(?:参加|出席|受講|聴講)(?:の)?(?:申込み?|申し込み|登録|予約)"
    # An event named as the thing signed up for and cancelled ("セミナー参加のキャンセル", "受講番号").
    r"|(?:" + _EVENTS_JA + r")(?:への|の)?参加の(?:キャンセル|取り?消し)|受講(?:番号|票)"
    # An event's own application ("セミナーの申込み取り消したいです").
    r"|(?:" + _EVENTS_JA + r"|研修会|講座)(?:の|への)?(?:参加)?(?:申込み?|申し込み|登録|予約)",
    r"\b(?:registration|booking|seat|place)\s+(?:for|at)\s+(?:the|your|this|next)\s+(?:\w+\s+){0,3}?"
    r"(?:seminar|webinar|workshop|event|course|session)\b",
)


# What is sent back by post or by a mail system (a bounce, a form returned), not a lost thing found again.
_NOT_SENT_BACK = "".join(
    f"(?<!{word}が)(?<!{word}は)"
    for word in ("エラー", "メール", "返信", "返事", "通知", "書類", "申込書", "申請書", "郵便", "封筒", "メッセージ")
)

# A device told as still missing beside another thing found ("財布は見つかりましたが、USBメモリだけ見つかって
# いません", "the bag turned up but the laptop is still missing"): then what was found is not what put the key at risk.
_STILL_MISSING = (
    r"(?:" + devices.PHYSICAL + r"|" + _DEVICE + r")[^。\n]{0,10}?(?:だけ|のみ|は|が)?(?:まだ|いまだに|未だに)?"
    r"(?:見つかって(?:い|お)(?:ません|らず|ない)|見つかりません|見つからない(?:まま|です|んです|[。、]|$)"
    r"|出てきません|出てきていません|見当たりません|行方不明のまま)"
    r"|\b(?:laptop|computer|pc|notebook|phone|smartphone|usb|token|tablet|drive|card)\b[^.\n]{0,30}?"
    r"\b(?:is|are) still (?:missing|lost|gone)\b"
    # A search told as failed, in English ("we searched the office but", "still haven't found it", "hasn't turned
    # up yet", "could not find it anywhere"): the thing is still gone, whatever else the writer found.
    r"|\b(?:searched|looked (?:everywhere|all over|through)|checked (?:everywhere|all over))\b[^.\n]{0,40}?"
    r"\b(?:but|no luck|nothing|in vain|without (?:success|luck))\b(?![^.\n]{0,20}?\bfound\b)"
    r"|\b(?:hasn't|haven't|has not|have not|hadn't|had not|didn't|did not|couldn't|could not|can't|cannot)"
    r"\s+(?:yet\s+)?(?:been\s+)?(?:found|find|turned up|located|recovered)\b"
    r"|\b(?:not|never)\s+(?:yet\s+)?(?:been\s+)?(?:found|turned up|located|recovered)\b"
)

# A lost device that was found again: the writer asks what to do next time, nothing is at risk now.  Not when
# the writer also tells of a device still missing (_STILL_MISSING): something else was found.
RECOVERED = _guarded_rule(
    "recovered",
    (),
    (
        r"(?:見つかりました|見つかった(?:ので|ため|のです|んです|けど|[。!！、\s]|$)|見つかって(?:い|お)ります|出てきました"
        # Handed in to the police or a lost-property office ("交番に届いてて中身も無事でした").
        # Only what arrived there ("届いて", "届けられて"), not what the writer reported ("警察に届けています").
        r"|(?:交番|警察|駅|遺失物(?:センター|係)?)(?:に|へ)(?:届いて|届けられて|届きました)"
        # Word that it was found, unless that word has not come ("見つかったとの連絡はありません").
        r"|見つかった(?:との|という)(?:連絡|こと|知らせ)(?!(?:は|も)(?:まだ)?(?:ありません|ない|なく|来て(?:い|お)))"
        # Found, told in the continuative ("おかげさまでPCも見つかり、悪用された形跡もありませんでした").
        r"|見つかり(?:まして)?[、,]"
        # Not a mail, an error or a paper that came back ("添付のようなエラーが戻ってきました" is a bounce).
        r"|" + _NOT_SENT_BACK + r"戻ってきました|手元に戻りました|無事に?(?:回収|戻))",
        # Thought lost, then found where it was ("行方不明になっていましたが、別の机に置かれていただけでした",
        # "なくしたと思ったら、ソファのすきまにあった", "見当たらず焦りましたが、スーツケースの底にありました").
        # The loss may be the writer's own words, quoted back ("「スマホがない」と連絡した件、鞄に入っていました").
        r"(?:見当たら|見つから|みつから|行方不明|なくした|無くした|失くした|落とした|紛失した|置き忘れた"
        r"|(?:ない|無い)」と|騒いで(?:い|お)?た)[^。]{0,40}?"
        r"(?:が|けど|けれど|ら|て)、?[^。]{0,50}?"
        r"(?:に|で)(?:ありました|あった|あります|入っていました|入ってました|入っていた|しまっていました|置かれていた)"
        r"|(?:置かれて|しまわれて|入って)いただけ(?:でした|だった)|(?:取りに|とりに)戻ったら[^。]{0,10}?(?:そのまま)?ありました"
        # Only taken by a family member or a colleague ("家族が持ち出してただけでした", "妻が借りていただけ").
        r"|(?:家族|妻|夫|主人|嫁|子供|子ども|息子|娘|母|父|兄|弟|姉|妹|同僚|上司|部下)(?:が|の誰かが)[^。\n]{0,15}?"
        r"(?:持ち出して|持って(?:行|い)って|借りて|使って|預かって)(?:い)?た(?:だけ|のでした|んでした)",
        # Not found again in a denial ("has not turned up", "never turned up").
        r"\b(?:was|were|has been|have been|got) (?:found|recovered|returned)\b"
        r"|(?<!n't )(?<!\bnot )(?<!\bnever )(?<!\byet to have )\bfound it\b|\bgot it back\b"
        r"|(?<!\bnot )(?<!\bnever )(?<!n't )(?<!\byet to )(?<!\bnot yet )\bturned up\b"
        r"|\bthought (?:I|we) (?:had |'d )?lost\b"
        # Only taken by a family member or a colleague ("my wife had just borrowed it").
        r"|\b(?:my|our) (?:wife|husband|son|daughter|kids?|child|children|family(?: member)?|partner|colleague|boss"
        r"|mother|father|mom|mum|dad)\b[^.\n]{0,15}?\b(?:had |has )?(?:just |only |simply )?"
        r"(?:taken|took|borrowed|had) (?:it|them)\b",
    ),
    _STILL_MISSING,
)

# Whether a certificate is revoked, asked ("この証明書が現在失効済みかどうか、教えていただけますでしょうか", "could you
# tell me whether it has been revoked"): a question about its state, not a request to revoke it.
REVOCATION_STATUS = _rule(
    "revocation_status",
    r"失効(?:済み?|され(?:て(?:い|お)|た)|して(?:い|お))(?:る|ます)?(?:の)?か(?:どうか|否か"
    # Or how to see it ("ちゃんと失効しているのか自分で確かめる方法はありますか").
    r"|[、,]?\s*(?:自分で|こちらで)?(?:確認|確かめ|調べ|見る|知る))"
    # Whether it is still valid ("シリアル … って今も有効？").
    r"|(?:今も|いまも|まだ|現在も?)有効(?:です|でしょう)?(?:か|[?？])",
    r"\b(?:whether|if) (?:it|this|that|the certificate|the cert|my certificate|my cert)"
    r" (?:is|has been|was|had been) (?:already )?revoked\b"
    # An auditor documenting a revocation asked by a client ("Verification of revocation status", "to document …
    # that these are now revoked").
    r"|\b(?:verification|confirmation) of (?:the )?revocation status\b"
    r"|\b(?:whether|if)\b[^.?\n]{0,40}?\b(?:certificate|cert)\b[^.?\n]{0,20}?\b(?:is|was) (?:still )?valid"
    r"(?: and not revoked)?\b"
    r"|\b(?:document|confirm|verify|check)\b[^.\n]{0,60}?\b(?:they|these|those|it|them|both|the certificates?)"
    r" (?:are|is|have been|has been) (?:now |already )?revoked\b",
)


# A change in the holder's life denied as the reason ("引っ越したわけじゃないです、そちらの入力ミスだと思います",
# "I'm not asking to revoke it because I moved or anything"): the contents were wrong from the start.
# The change in the writer's life told as why the certificate's detail differs, since it was issued ("昨年の発行後、
# 今年の春に引っ越したためです"): the detail was right when issued, whatever "違っています" says.
CHANGED_SINCE_ISSUE = _rule(
    "changed_since_issue",
    r"発行(?:後|の後|された後|して(?:いただいた|もらった)後)[^。\n]{0,25}?(?:引っ越|転居|移転|結婚|改姓|離婚|転職)"
    r"|(?:引っ越|転居|移転)(?:し|いたし)(?:た|まし)た?(?:ため|から|ので)"
    # The detail still the old one ("証明書の住所が旧住所（世田谷区松原）のままになっていて"); not one issued so after
    # the change was applied for ("旧姓のまま発行されています"), which is the CA's slip.
    r"|旧(?:住所|姓|氏名|社名|商号|所属|会社名|事務所|所在地)(?:[(（][^()（）\n]{0,20}[)）])?のまま(?!で?発行)",
)

CA_SLIP = _rule("ca_slip", _CA_SLIP)

LIFE_CHANGE_DENIED = _rule(
    "life_change_denied",
    r"(?:引っ越し|転居し|移転し|結婚し|改姓し)た(?:わけ|訳)(?:じゃ|では|で)(?:ない|なく|ありません)",
    # The move named only to be set aside ("… because I moved or anything - it's just wrong from the start").
    r"\bbecause (?:I|we) (?:moved|got married|changed (?:my|our) name)\b[^.\n]{0,10}?\bor anything\b"
    r"|\bnot\b[^.\n]{0,50}\bbecause (?:I|we) (?:moved|got married|changed (?:my|our) name)\b",
)


# A change in the holder's life that makes the contents out of date ("3月に入籍し、苗字が…に変わりました", "I moved to
# Osaka"): the contents were right when issued, so the FAQ's way is to revoke and apply again, not to correct.
LIFE_CHANGE = _rule(
    "life_change",
    # Not a change still to come ("来年結婚予定なんですけど").
    r"(?:結婚|入籍|離婚|改姓)(?!予定|する予定|するつもり|したら|する時|するとき)|旧姓に戻"
    r"|(?:苗字|名字|姓|氏名|名前)(?:が|も)[^。\n]{0,12}?変わ|引っ越|転居|移転|改名(?:し|いたし)"
    r"|(?:住所|住所表記|所在地|勤務先)(?:が|も)(?:変わ|変更にな)"
    # The company's mail domain changed ("会社のドメインが変わったので、証明書のメールアドレスを訂正してください").
    r"|ドメイン(?:名)?(?:が|も)[^。\n]{0,12}?(?:変わ(?!る予定|ったら)|変更にな(?!る予定|ったら))"
    r"|ドメイン(?:名)?(?:の)?変更(?:で|に伴|により|のため|があり)"
    # The mail address changed ("メアド変わった！", "メールアドレスが … に変わりました").
    r"|(?:メールアドレス|メアド|Eメール)(?:が|も)?[^。\n]{0,90}?(?:変わ|変更にな)",
    r"\bmy (?:e-?mail|email address|e-mail address) (?:has )?changed\b|"
    r"\b(?:got married|(?:I|we) (?:have |'ve )?moved|changed my (?:name|surname|family name)|my (?:name|surname)"
    r" (?:has )?changed|new (?:surname|family name)|divorced?)\b",
)


# A complaint about the help desk, asking for a call back or a manager: no request about a certificate.
COMPLAINT = _rule(
    "complaint",
    r"苦情|クレーム|責任者|責任を(?:取|と)|上司の方|不誠実|誠意|(?:対応|返事|返信|連絡)(?:が|の)?(?:遅|悪|ひど|酷|な(?:い|さ))"
    r"|(?:電話|窓口)(?:が|も)(?:全然|全く|まったく|ぜんぜん)?(?:つながら|つながりません|繋がら|繋がりません)|折り?返し(?:の)?(?:お?電話|ご?連絡)"
    # Said without a particle, as typed in a chat ("電話つながらないんですけど！！"), not "つながらない場合".
    r"|(?:電話|窓口)(?:全然|全く|まったく|ぜんぜん)?(?:つながらない|繋がらない)(?:ん|し|です|けど|[!！。])"
    r"|(?:お?電話|ご?連絡)(?:を)?(?:ください|下さい|いただけ|頂け|ほしい|欲しい|願います|お願い)"
    r"|何度も|いつまで|一向に|放置|納得(?:が)?(?:でき|いか|いき(?:ません|かね))|不愉快|憤|腹(?:が|を)立",
    # A rule of the CA called absurd ("…払わないといけないというのはおかしくないですか").
    r"(?:という|って)の(?:は|も)?おかし(?:くない(?:です)?か|いと思)|理解(?:でき|に苦しみ)ません",
    # Criticism, as a customer words it ("一言言わせてください", "今どきこの記載はどうかと思います").
    r"一言(?:言わせて|申し上げ)|どうかと思(?:います|いました|う)|(?:する|させられる|になる)羽目に",
    # How the staff spoke, told as a grievance ("電話口の方の話し方がかなり一方的で…正直不快でした").
    r"不快(?:でし|です|に感じ|な思い)|(?:話し方|言い方|口調|態度)が(?:[^。\n]{0,6}?)(?:一方的|横柄|高圧的|失礼|冷た|悪)"
    r"|(?:強い|きつい|高圧的な|威圧的な)(?:口調|言い方)|配慮(?:して|を)?(?:いただけ|頂け|ください|下さい|してほしい|が足り|に欠け)",
    # Damages claimed of the CA, and its position demanded ("損害の補償について、御社としての見解を文書で").
    r"損害(?:の|を)?(?:補償|賠償)|(?:補償|賠償)(?:を)?(?:求め|請求)|見解を(?:[^。\n]{0,6}?)(?:出し|示し|求め)",
    # A demand that the desk do its job, as an angry customer words it ("どうしてくれるんですか").
    r"どうしてくれる|(?:まともに|ちゃんと|きちんと|真面目に)(?:対応|仕事)|いい加減に(?:して|しろ)|ふざけ(?:ないで|るな)",
    # A wait told as a grievance, each sign a reason of its own (a writer who complains of the delay
    # asks "when" too): kept waiting ("いつまで待たせるんですか"), left without a word ("何の連絡もありません"),
    # put out by it ("迷惑しています", "どうなってるんですか").
    r"待たせ(?:る|て|られ)|待たされ|\bkept (?:me |us )?waiting\b|\bstill waiting\b[^.\n]{0,40}?\b(?:weeks?|months?)\b",
    r"何の(?:連絡|音沙汰|返事|返信|説明|案内)も(?:ない|なく|あり(?:ません|ませんでした)|来)"
    r"|\b(?:weeks?|months?) (?:and|with|but) (?:still )?(?:no|not a) (?:word|news|reply|response|update)\b",
    r"迷惑(?:して|を(?:被|こうむ|かけられ))|どうなって(?:いる|る)(?:んですか|んだ|の[?？]|のか説明)"
    r"|\bwhat (?:is|the hell is) going on\b",
    # The service judged poor ("使いにくいですね", "時代遅れじゃないですか", "That's way too slow").
    r"使いにくい|使いづらい|不便(?:です|すぎ|だ|な(?:ん|の)です)",
    # An opinion given for the desk to take in ("ご意見として受け止めていただければ", "ご意見まで").
    r"(?:ご)?意見として(?:受け止め|お伝え|お聞き)|(?:ご)?意見まで[。.]?$|ご要望として",
    r"時代遅れ|遅すぎ|\b(?:(?:way )?too slow|ridiculous|terrible|awful|frustrat\w*)\b",
    r"\b(?:complain\w*|disappointed|unacceptable|(?:call|ring) me back|callback|(?<!information )manager|supervisor"
    r"|nobody (?:answered|replied)|no one (?:answered|replied)|no (?:answer|reply|response) (?:for|since|to))\b",
)

# The request the writer made is told as done ("手続き自体は完了していますが", "the revocation was processed"): beside
# a complaint, the request words name the past, and nothing new is asked of the certificate.
REQUEST_DONE = _rule(
    "request_done",
    r"(?:手続き?|失効|取消|取り消し|訂正|処理|対応)(?:[(（][^()（）\n]{0,40}[)）])?(?:自体|じたい)?(?:は|も|が)?"
    r"(?:無事に?|問題なく|その後|翌日|当日|すぐに?)?"
    r"(?:完了して(?:い|お)|完了しま|完了済|済んで(?:い|お)|終わって(?:い|お)|終わりまし|済みまし"
    r"|完了した(?:のですが|のですけど|ものの|けど|が)"
    # Told as heard from the desk, or as it seems ("失効は完了したとの連絡をもらいました", "手続き自体は終わった
    # ようなので").
    r"|完了した(?:との|という|と(?:の)?(?:ご)?(?:連絡|報告))|(?:完了した|終わった|済んだ)(?:よう|みたい|らしい)"
    # Heard from the desk ("取消自体は完了したと伺っていますので").
    r"|(?:完了した|終わった|済んだ)と(?:伺って|伺い|聞いて|お聞きし|聞きまし)"
    # Done by the desk, as the writer tells it ("緊急失効（…）自体はその後処理してもらえたようだが").
    r"|(?:処理|対応)して(?:もらえ|もらっ|いただけ|いただい|頂け|頂い|くれ)(?:た|まし))"
    # The desk's notice that it is done, told as come ("iPROVEから、坂井さんの証明書の失効完了の連絡が来ました").
    r"|(?:失効|取消|取り消し|訂正|手続き?)(?:の)?完了(?:の)?(?:ご?連絡|通知|お知らせ|メール)(?:が|を)?"
    r"(?:来|届|受け|もらい|もらっ|いただき|頂き)",
    r"\b(?:revocation|cancell?ation|correction|request)\b[^.\n]{0,20}?\b(?:was|has been|is) (?:already )?"
    r"(?:done|completed?|finished|processed|carried out)\b",
)

# The writer asks how their own request or application is getting on ("審査どうなってますか", "まえに送った失効請求、
# ちゃんと処理されたか気になってます", "申込書を送ってから10日経ちますが、今どういう状況でしょうか",
# "any update on my application?"): the case's state is told by a person, the FAQ cannot answer it.  Not how a
# state can be checked ("審査の状況を確認できますか"), which the FAQ answers.
STATUS_ASKED = _rule(
    "status_asked",
    # Not how a renewal is done in general ("更新の手続きってどうなっているんでしょうか").
    r"(?<!更新の)(?<!更新)"
    r"(?:審査|処理|手続き?|申請|申込み?|申し込み|失効(?:請求)?|発行|請求)(?:は|って|の)?(?:今|いま|現在)?[、,]?\s*"
    r"(?:どう(?:なって|なっている|なってる|なりました)|どんな(?:感じ|状況)|(?:の)?(?:状況|進捗|進み具合)(?:は|って)?(?:いかが|どう))",
    # Asked outright ("…処理されたか気になってます。終わってますか?"), not wondered about ("どうして旧姓で発行されたのか
    # わかりませんが").
    r"(?:処理|手続き?|審査|失効|受付)(?:は|って|が)?(?:もう|ちゃんと|無事)?(?:され|済ん|すん|終わっ|おわっ|完了し)"
    r"(?:た|て(?:い)?(?:ます|る))(?:の)?(?:か|でしょうか)(?=\s*(?:[?？。]|気に|心配|$))",
    # What the writer waits for, asked after ("発行まだですか？", "PINがまだ届いてないんですけど、いつ届きますか").
    r"(?:発行|審査|処理|失効|返信|連絡|証明書|返却|返送|返金)(?:は|って|の方は)?まだ(?:ですか|でしょうか|なんですか|なの(?:か|でしょうか)?"
    r"|\s*[?？])"
    # The question of when may follow in the next sentence ("まだ届いていません。いつ頃発送されましたか").
    r"|まだ[^。\n]{0,10}?(?:届いて|届か|来て|きて)(?:い)?(?:ない|ません|なく|ず)[^。\n]{0,20}?(?:[。\n]\s*)?(?:いつ|どう(?:なって|すれば))",
    # The same in the polite past, asked with a question mark ("失効の処理って終わりました？").
    r"(?:処理|手続き?|審査|失効|受付)(?:は|って|が)?(?:もう|ちゃんと|無事)?(?:され|済み|すみ|終わり|おわり|完了し)"
    r"ました(?:か)?\s*[?？]",
    r"(?:送って|送付して|郵送して|発送して|出して|申し込んで|申込んで|申込み?して|申し込みして|提出して|お願いして|入力して|申請して"
    r"|振り込んで|入金して)(?:から)?"
    r"[^。\n]{0,14}?"
    r"(?:経ち|たち|経つ|たつ|経過|過ぎ|すぎ|経って|たって)[^。\n]{0,30}?(?:状況|どう(?:なって|なりました)|まだ|進捗)",
    # Whether the writer's own request is done yet ("失効処理が完了したかどうか…確認です").
    r"(?:処理|手続き?|失効|審査)(?:が|は)?(?:もう|無事)?(?:完了し|終わっ|済ん)(?:た|てい(?:る|ます))かどうか",
    r"(?:今|いま|現在)(?:は)?[、,]?\s*(?:どの(?:ような)?|どういう|どんな)(?:段階|状況|状態)|(?:申込|申請|審査|処理|発行)状況の(?:確認|お?問い?合わせ)"
    # Asked to be told how it is getting on ("処理状況を教えていただけますか", "現在の状況を教えていただけますか").
    r"|(?:申込|申請|審査|処理|発行|失効|手続き?|(?:現在|今|いま)の)(?:の)?(?:状況|進捗|進み具合)(?:を|について)"
    r"(?:教えて|お知らせ|ご教示|確認させて)",
    # When it comes, asked by a writer who has done every step ("申込をしました…すべて終わっています。
    # いつ頃発行されますでしょうか").
    r"(?:申込|申し込み|申請|手続き|振込|返送)[^。？?]{0,30}?(?:しました|済ませました|終わっています|終わりました|完了しています|済んでいます)"
    r"[^？?]{0,120}?いつ(?:頃|ごろ)?(?:発行|届|処理)",
    # Whether the form the writer posted has arrived ("請求書を書留で送りました…ちゃんと届いているか確認させて").
    r"(?:請求書|申込書|申請書|照会書|住民票|書類|届)[^。]{0,60}?(?:届いて|到着して|着いて)(?:い|おり)?(?:る|ます)(?:か|でしょうか|(?=\s*[?？]))"
    r"(?:どうか)?(?:[^。\n]{0,8}?(?:確認|教えて|お知らせ|知りたい|[?？])|。)"
    r"|(?:無事に?|ちゃんと|きちんと)(?:届いて|到着して|着いて)(?:い|おり)(?:る|ます)か(?:どうか)?(?:を)?"
    r"(?:確認|教えて|お知らせ)",
    # Whether it was settled, not yet told ("取消しが確定したかどうかの連絡がまだありません").
    r"(?:確定|完了|受理|受付|処理)(?:し|され)?た(?:か)?どうかの?(?:ご)?(?:連絡|お知らせ|返事|返信)(?:が|は)?(?:まだ|来て|届いて|ありません|ない)",
    # Left without word, then asked how it stands ("何も連絡がないので不安です。状況を教えてください").
    r"(?:何も|なにも|まだ|一向に)(?:ご?連絡|音沙汰|返事|返信)(?:が|も)?(?:ない|ありません|来ない|こない|来ません)[^?？]{0,40}?"
    r"(?:状況|進捗|どう(?:なって|なりました)|いつ(?:頃|ごろ)?)",
    # Asked after the writer's earlier word ("証明書の再発行の件、その後どうなりましたか？").
    r"(?:その後|あれから)[、,]?\s*(?:どう(?:なりましたか|なりました\s*[?？]|なっていますか|なってますか|なっているでしょうか)"
    r"|いかが(?:でしょうか|ですか)|進展(?:は)?(?:ありますか|ありましたか|ございますか))",
    # Whether the CA has sent it yet ("更新通知がまだ届いていません。そちらから送付済みでしょうか").
    r"(?:そちら|御社|貴社)(?:から|より|で)?(?:は)?(?:もう|すでに|既に)?(?:送付|発送|郵送|送信)済み?(?:でしょうか|ですか|なのでしょうか)",
    # How it is going, asked outright ("処理は進んでいるでしょうか", "どういう状況なのか説明してください").
    r"(?:処理|手続き?|審査|失効|発行|申請)(?:は|って|の方は)?(?:順調に|無事に?|ちゃんと)?進んで(?:いる|います|る)(?:の)?"
    r"(?:か|でしょうか)|(?:どういう|どのような|どんな)状況(?:なの)?(?:か|でしょうか)",
    # A word from the desk awaited, then asked after ("入金確認の連絡が来ないんだけど、どうなってます?").
    r"(?:連絡|返事|返信|通知)(?:が|も)(?:来ない|こない|来ません|届かない|届きません|ありません)[^?？。]{0,30}?"
    r"(?:どう(?:なって|なりました)|状況|いつ(?:頃|ごろ)?(?:来|届))",
    r"\b(?:status|progress) of my (?:application|request|revocation|order)\b"
    r"|\bany (?:update|news) on my (?:application|request|revocation)\b"
    r"|\bhas my (?:application|request|revocation) been (?:processed|approved|handled|done)\b"
    r"|\bwhen will my (?:certificate|cert|card|application) (?:be )?(?:issued|processed|approved|ready|sent|arrive)\b",
)

# A paper or a mail of the CA's own process told as not come yet ("請求書まだ届いてないです", "PINのメールまだ来ない
# です"): alone, the writer waits for it and asks how things stand; beside a cancellation ("取り下げます…請求書は
# まだ届いていません") it only tells how far the application got.
PAPER_AWAITED = _rule(
    "paper_awaited",
    # Not a renewal notice ("更新通知はまだ届いていません"), said beside a question of how to renew.
    r"(?:請求書|照会書|PIN|暗証番号)(?:の(?:メール|通知|郵便|書類))?(?:が|は|って)?\s*まだ\s*"
    r"(?:届いて(?:い)?(?:ない|ません)|届かない|届きません|来て(?:い)?(?:ない|ません)|来ない|こない|きてない)",
)

# The writer asks whether a mail they got really came from the CA ("以下のメールが届きましたが、iPROVEから送られた
# ものでしょうか？…怪しいと思っています", "Is this email really from you?"): only a person can say what was sent, and
# nothing is asked of a certificate.
_FROM_THE_CA = r"(?:iPROVE|御社|貴社|御局|貴局|そちら|CA局|認証局|事務局)(?:さん|様)?(?:から|より)"
SENDER_CHECKED = _rule(
    "sender_checked",
    _FROM_THE_CA + r"(?:の)?(?:送(?:られ|信され|付され)た|届いた|の?(?:正式な)?(?:メール|請求|ご?連絡|ご?案内))"
    r"[^。\n?？]{0,12}?(?:もの|の|ん)?(?:でしょうか|ですか|で(?:しょう|す)か|で間違い(?:ない|ありません)(?:でしょうか|ですか)|か\s*[?？])"
    # "iPROVEさんからのものでしょうか？".
    r"|" + _FROM_THE_CA + r"の(?:もの|メール|通知|お知らせ)(?:で間違いない)?で(?:しょうか|すか)",
    r"\b(?:is|was) (?:this|that|the (?:following|attached|forwarded)) (?:e-?mail|message|mail|letter|invoice)"
    r" (?:really |actually |genuinely )?(?:from|sent by) (?:you|iprove)\b"
    r"|\bdid (?:you|iprove) (?:really )?send (?:this|that|me)\b",
)

# The forwarder doubts that the mail below is the CA's ("御局を名乗る下記のようなメールが届きました…リンク先も怪しい",
# "a phishing mail pretending to be you"): it warns of a fake, it does not ask what the fake asks.
SENDER_DOUBTED = _rule(
    "sender_doubted",
    r"(?:御局|御社|貴社|貴局|iPROVE|CA局|認証局)(?:さん)?を(?:名乗る|騙る|かたる|装った|装う)|なりすまし|フィッシング"
    r"|(?:偽|にせ|ニセ)(?:の)?(?:メール|サイト)|(?:怪しい|不審な)(?:メール|リンク|サイト|アドレス)"
    r"|(?:送信元|差出人|リンク)[^。\n]{0,20}?(?:怪し|不審|御局のもの(?:では|じゃ)な|見覚えのない)",
    r"\bphishing\b|\b(?:pretend(?:s|ing)? to be|claim(?:s|ing)? to be|impersonat\w*)\s+(?:from\s+)?(?:you|iprove)\b"
    r"|\bsuspicious\s+(?:e-?mail|mail|message|link|sender)\b",
)

# The writer asks for no answer ("返信は不要です", "no reply needed"): a remark or a complaint, not a request.
NO_REPLY_WANTED = _rule(
    "no_reply_wanted",
    r"(?:ご?返信|ご?返事|ご?回答|お?返答|ご?連絡)(?:は|も)?(?:特に)?(?:不要|いりません|要りません|結構です|には及びません"
    r"|求めません|求めていません)|返信不要",
    r"\bno (?:need (?:for a |to )?)?(?:reply|response|answer)(?: (?:is )?(?:needed|necessary|required))?\b"
    r"|\b(?:you )?(?:don't|do not) need to (?:reply|respond|answer)\b",
)

# How the CA's fee is paid, asked ("支払いのタイミングはいつですか", "請求書を会社宛てに送っていただけますか",
# "how and when do I pay"): the FAQ answers it, and a receipt asked about beside it is the CA's own.  A receipt
# alone asked to be reissued is no question the FAQ answers (it goes to a person as other).
FEE_PAYMENT = _rule(
    "fee_payment",
    r"(?:支払|払込|振込)(?:い|み)?(?:の)?(?:方法|時期|タイミング|期限|期日|先)|(?:支払|払込|振込)(?:い|み)?(?:は|を)いつ"
    r"|請求書[^。\n]{0,15}?(?:宛て|宛に|あて|送って|送付|送り先)",
    r"\b(?:when|how) (?:do|can|should|must) (?:I|we) pay\b|\bpayment (?:method|deadline|due|timing)\b"
    r"|\binvoice\b[^.\n]{0,30}?\b(?:addressed|sent) to (?:the |our |my )?(?:company|employer|office)\b",
)

# A correction the writer meant to ask for and gives up ("訂正をお願いしようと思っていたのですが、…いっそ申込自体を
# 取り消していただけますか").
CORRECTION_DROPPED = _rule(
    "correction_dropped",
    r"(?:訂正|修正)(?:を)?(?:お願い|依頼)?しようと(?:思って|考えて)(?:い|お)(?:た|ました)(?:のですが|が|けど|けれど)",
)

# A cancellation only thought about, as a threat or an option ("キャンセルも考えます"): no request to cancel.
CANCEL_CONSIDERED = _rule(
    "cancel_considered",
    r"(?:キャンセル|取り消し|取消|解約)(?:する|すること|も|を)?(?:も|を)?(?:考え|検討|視野|辞さ)",
    r"\b(?:consider(?:ing)?|think(?:ing)? (?:about|of)|may|might) cancel",
)

# Products and papers the CA does not deal in: another CA's card (マイナンバーカード), a
# commercial-registration certificate, a receipt.  Asking about them or to revoke them is not
# the CA's business, however certificate-like the words.  So is business of another kind: a mail
# addressed to another office (_OTHER_OFFICE) or a job seeker's (_JOB_SEEKER).
# A mail addressed, on a line of its own, to another office ("市役所のかたへ", "○○税務署 御中").
_OTHER_OFFICE = (
    r"(?:^|\n)[ \t]*[^\n]{0,12}?"
    r"(?:市役所|区役所|町役場|村役場|役場|市民課|税務署|年金事務所|ハローワーク|警察署|保健所)"
    r"[ \t]*(?:の)?[ \t]*(?:かた|方|皆様|みなさま|ご担当|担当(?:者)?(?:様|さま)|御中)(?:へ|様|さま)?[ \t]*(?:\n|$)"
)
# A student or a job seeker writing to the company as an employer, not as a customer of its certificates.
_JOB_SEEKER = (
    r"採用(?:ご)?担当|人事(?:ご)?担当|インターンシップ|インターン(?:に|の)(?:参加|応募|募集)|就職活動|就活|新卒採用|中途採用"
    r"|求人|エントリーシート|(?:入社|就職)(?:を)?希望|会社説明会|(?:募集|求人)(?:の有無|要項)"
    r"|\b(?:internships?|job (?:openings?|vacanc(?:y|ies)|opportunit(?:y|ies))|career opportunit(?:y|ies)"
    r"|recruit(?:ment|ing) (?:team|department|officer)|my (?:resume|résumé|cv))\b"
)
# E-signature services of other businesses, the ones a writer may choose instead of the CA's certificate.
_OTHER_SIGNING_SERVICES = r"(?:クラウドサイン|GMOサイン|DocuSign|ドキュサイン|Adobe\s?Sign|アドビサイン)"
OTHER_PRODUCT = _rule(
    "other_product",
    # Not a receipt the writer sends or issues as their habit ("会費の領収書をメールで送ることが多い",
    # "領収書に署名したい"): that is what a signature would be used on, a use of the CA's certificate, not a
    # paper asked about ("領収書を発行していただけますか" still is).
    # Not a registry paper named as one to send for the CA's procedure ("必要な書類（登記事項証明書等）が
    # ございましたら").
    r"マイナンバー|個人番号カード|公的個人認証|JPKI|住基カード|商業登記"
    r"|登記事項証明(?!書?(?:等|など)?[)）]?(?:が|を|は|も)?[^。\n]{0,15}?(?:必要|添付|提出|同封|送付|お送り|ご指示))"
    r"|登記所|法務局"
    r"|領収(?:書|証)(?!(?:を|も|や)[^。\n]{0,10}?(?:送|発行|作成|出)(?:る(?:こと|際|とき|時|場合|の)"
    r"|って(?:います|いる|おります|おり)|して(?:います|いる|おります|おり)|しており|っており)|に(?:電子)?署名)",
    r"\b(?:my ?number card|commercial registration|company registry|receipts?)\b",
    # Memberships and subscriptions of other businesses, which a mis-sent mail cancels.
    r"ジム(?:の|を|に|で|は)?(?:会員|会費|退会|解約|プラン|入会)|スポーツジム|フィットネス|スポーツクラブ|月会費|月額(?:会員|プラン)|(?:新聞|雑誌)(?:の)?(?:定期)?(?:購読|配達)|定期購読"
    r"|(?:英会話|ヨガ|ピアノ|料理|ダンス|スイミング)(?:教室|スクール|レッスン)|習い事|体験レッスン"
    # Goods ordered from a supplier ("注文した名刺の肩書き", "トナー（注文番号 …）"): an order to correct is theirs.
    r"|(?:名刺|トナー|インク(?:カートリッジ)?|コピー用紙|文房具|事務用品|備品|封筒|チラシ|ノベルティ)(?:の)?(?:注文|発注|購入)"
    r"|(?:注文|発注|購入)(?:した|し|の)[^。\n]{0,12}?(?:名刺|トナー|インク|コピー用紙|文房具|事務用品|備品|封筒|チラシ|ノベルティ)"
    # Certificates that are papers of other kinds (of completion, of employment, of tax paid).
    r"|修了証|受講証明|在職証明|卒業証明|在学証明|納税証明|源泉徴収票"
    # The My Number card's other uses, and a driving licence that lapses (its 失効 is the licence's own).
    r"|マイナ(?:保険証|免許証|ポータル)|健康保険証|運転免許(?:証)?(?:が|は|の)(?:失効|期限|更新)"
    # Certificates of other kinds and other issuers: a web server's SSL/TLS certificate, another CA's brand,
    # the e-bidding system's own card ("電子入札コアシステム用ICカード").
    r"|(?:SSL|TLS|EV|OV|DV)(?:/TLS)?\s*(?:サーバー?)?証明書|サーバー?証明書|電子入札コアシステム|JACIC"
    r"|GlobalSign|グローバルサイン|DigiCert|デジサート|Let'?s\s?Encrypt|Sectigo|セクティゴ"
    # A bank's login certificate, and e-signature services of other businesses.
    r"|(?:インターネット|ネット|オンライン)バンキング|" + _OTHER_SIGNING_SERVICES,
    # Bounded by letters rather than by \b, so that the words are read inside a Japanese sentence too ("銀行のnet
    # bankingの証明書"), where a kana next to the word is no word boundary.
    r"(?<![A-Za-z])(?:gym|fitness (?:club|cent(?:er|re))|(?:gym|club) membership|magazine subscription"
    r"|newspaper (?:subscription|delivery)|certificates? of (?:completion|attendance|employment|enrol?lment|residence"
    r"|insurance|origin|deposit|analysis|tax)"
    r"|streaming (?:plan|service|subscription)|yoga class|business cards|toner (?:cartridges?|order)|office supplies"
    r"|(?:driver'?s|driving) licen[cs]e (?:(?:was|has been|is|got) )?(?:revoked|expired|suspended|renewal)"
    r"|(?:ssl|tls|ev ssl|web ?server|server|web ?site|domain)(?:/tls)? certificates?"
    r"|globalsign|digicert|let'?s ?encrypt|sectigo|comodo|(?:internet|online|net|corporate) banking|docusign"
    r"|adobe ?sign)(?![A-Za-z])",
    _OTHER_OFFICE,
    _JOB_SEEKER,
)

# The key at risk is none of ours: another issuer's card or certificate ("電子入札用のICカード（他社発行）",
# "別の認証局で取得した電子証明書", "法務局の商業登記電子証明書", "e-Tax用のマイナンバーカード"), a bank's or
# a building's card, or an account of another service ("My Gmail was hacked").  The classifier reads a
# compromise told beside these words as someone else's (and the mail as about a product the CA does not
# deal in), unless the writer also names the CA (OURS_NAMED).
NOT_OURS = _rule(
    "not_ours",
    r"他社(?:発行|製|の(?:IC)?カード|の証明書|の認証局)|(?:別|他|ほか)の認証局(?:で(?:発行|取得|取っ|作っ))?|法務局|商業登記"
    r"|登記(?:所|事項)"
    r"|e-?Tax|マイナンバーカード|マイナカード|個人番号カード|住基カード|公的個人認証|JPKI"
    r"|入館(?:用|証)|ネットバンキング|インターネットバンキング|(?:銀行|口座)の(?:カード|パスワード|暗証番号)|クレジットカード"
    # A bank's own card or book ("普通預金口座のキャッシュカードを紛失しました。暗証番号を知られた可能性も"):
    # its PIN is the bank's.  A machine or key card of ours lost with it stays ours: that is decided
    # with every payment card by :func:`intake.compromise.whose_key`.
    r"|キャッシュカード|デビットカード|銀行カード|ATMカード|(?:預金)?通帳"
    # A phone line to be stopped at the carrier ("社用携帯を紛失したので、回線を止めてください").
    r"|回線(?:を|の)(?:止め|停止|利用停止)",
    r"\b(?:gmail|yahoo mail|outlook\.com|icloud|facebook|instagram|twitter|line account|bank account"
    r"|online banking|credit card|my ?number card|(?:cash|debit|bank|atm) cards?|bank ?book|passbook)\b",
)

# A device lost that held no key of ours ("スマホなくした 証明書は入ってない", "I don't have any certificate
# from you"): the loss is told, but nothing of the CA's is at risk.
NO_KEY_HELD = _rule(
    "no_key_held",
    r"(?:iPROVE|御社|貴社|貴局|そちら)(?:の|で(?:発行した|取得した)?)?(?:電子)?証明書は(?:持って|もって)(?:い|お)?(?:ない|ません|りません)"
    # Said with no issuer named, as the clause's subject ("（電子証明書は持ってないです、どこに相談したら…）"):
    # the writer holds no certificate at all; not "新しい証明書は持っていない", which names one of them.
    r"|(?:^|(?<=[\s(（「、。・]))(?:電子)?証明書(?:は|も|なんて|なんか)(?:何も|一つも|ひとつも)?(?:持って|もって)(?:い|お)?"
    r"(?:ない|ません|りません)"
    r"|(?:証明書|秘密鍵)(?:や(?:電子)?(?:証明書|秘密鍵))?(?:など|なんか)?は(?:入って|入れて)(?:い|お)?(?:ない|ません|りません|なかった)",
    r"\b(?:I|we) (?:don't|do not|never) (?:have|hold|own) (?:any|a|an) (?:iprove )?(?:certificate|cert)s?"
    r"(?: (?:from|with|of) (?:you|your company|iprove))?\b"
    # Said of the lost device in English ("nothing of the certificate was on it", "the key was never on it").
    r"|\bnothing (?:of|related to|to do with) (?:the|my|our) (?:certificate|cert|private key|key)s? (?:was|is|were)"
    r" (?:on|in|stored|saved)\b"
    r"|\bno (?:certificate|cert|private key|key file)s? (?:was|were|is|are) (?:ever )?"
    r"(?:on|in|stored|saved|installed)\b"
    r"|\b(?:certificate|cert|private key|key file)s? (?:was|were|is|are)(?:n't| not| never) (?:on|in|stored|saved"
    r"|installed)\b",
)

# Whether anything must be done, asked after a lost thing was found ("何かしないといけませんか"); not
# "いただけませんか", a request.
# What the word means, asked ("失効っていうのは何もしないとそうなるってことですか", "What does revocation mean?"): a
# question about the procedure, not a request for it.
TERM_ASKED = _rule(
    "term_asked",
    r"(?:失効|取り?消し?|緊急失効)(?:って(?:いう)?の?は|というのは|とは|って)(?:何|なに|どういう|[^。\n?？]{0,40}?ってこと)"
    r"[^。\n?？]{0,20}?(?:ですか|ますか|でしょうか|の[?？]|か[?？]|[?？])",
    r"\bwhat (?:does|do) (?:the word |the term )?[\"']?(?:revoke|revocation|revoked)[\"']? (?:mean|actually mean)\b",
)

ASKS_NEED = _rule(
    "asks_need",
    r"(?:いけ|なり|だめ|ダメ)(?:ません|ない(?:です)?)か|必要(?:は|が)?(?:あり|ござい)ますか"
    r"|必要(?:は|が)?(?:ある|あります|ございます)(?:の)?(?:でしょうか|ですか)"
    # Whether the writer's case calls for it ("何か対応（失効や再発行など）が必要になるのでしょうか").
    r"|必要(?:に)?(?:なる|になります)(?:の)?(?:でしょうか|ですか)|必要でしょうか"
    r"|\bdo I (?:still |really |even )?need to\b|\bshould I (?:still )?(?:revoke|cancel)\b",
)

# Another business's signing service chosen instead of the CA's ("社内でDocuSignを使うことに決まったため",
# "we are switching to DocuSign"): the product is why the writer calls off their application or certificate, not
# what the mail is about, so the other-product decision does not take the mail away from a request of ours.
OTHER_CHOSEN = _rule(
    "other_chosen",
    _OTHER_SIGNING_SERVICES + r"(?:を|に|へ)?\s*(?:使う|使用する|利用する|導入する|採用する|切り?替え|乗り換え|移行"
    r"|統一|一本化|することに|にすることに|で(?:対応|統一|十分|足り))",
    r"\b(?:switch(?:ed|ing)? (?:over )?to|mov(?:e|ed|ing) to|go(?:ing)? with|went with|decided (?:on|to use)"
    r"|(?:will|to) use|adopt(?:ed|ing)?|chose|chosen) (?:the )?" + _OTHER_SIGNING_SERVICES + r"\b",
)

# Whether the CA's own certificate can be used with something else, asked ("電子入札コアシステムで iPROVE の証明書は
# 使えますか", "Can I use your certificate for S/MIME?"): a question about the CA's product, even when the other
# thing is a product the CA does not deal in (the FAQ answers that the e-bidding core system is not supported).
OUR_USE_ASKED = _rule(
    "our_use_asked",
    r"(?:iPROVE|御社|貴社|貴局|そちら)\s*(?:の)?\s*(?:電子)?証明書(?:は|で|を|って)[^。\n?？]{0,20}?"
    r"(?:使え|使用でき|利用でき|対応して|参加でき)[^。\n]{0,6}?(?:か|[?？])",
    r"\b(?:can|could) (?:i|we) use (?:your|an iprove|the iprove|my iprove) (?:certificate|cert)s?\b"
    r"|\b(?:does|will|would) (?:your|the iprove|an iprove|my iprove) (?:certificate|cert) work (?:with|for|on)\b",
)

# The CA or one of its certificates named as the writer's own ("御社の証明書", "iPROVEのICカード"):
# then a compromise told beside another issuer's card is still ours.
OURS_NAMED = _rule(
    "ours_named",
    # Not asked to act in another's place ("別の認証局で発行してもらった証明書を…御社で代わりに失効してもらう"):
    # the certificate stays the other issuer's.
    r"(?:御社|貴社|貴局|iPROVE)(?:の|で|から|にて)(?!(?:電子)?証明書は(?:持って|もって))(?!代わりに|かわりに|代理で)",
    r"\b(?:your|iprove) (?:certificate|cert|ic card|card|token)\b",
)

# The words that call an application off ("取り消し", "取り下げ", "撤回", "キャンセル"); the serial scope's asks
# aimed at an application read them too.
CALL_OFF_JA = r"(?:キャンセル|取り消|取消|取り下げ|取下げ|撤回|中止)"
# A remark in brackets after "申込" that says which application ("その申込(更新分)を取り消してください"); the
# serial scope reads applications called off with it too.
APPLICATION_REMARK = r"(?:[(（][^()（）\n]{1,12}[)）])"

# An order or an application named as what is cancelled ("cancel my certificate order"):
# nothing issued is cancelled, whatever "my certificate" suggests.
CANCEL_APPLICATION = _rule(
    "cancel_application",
    # Not a colleague's expense claim or leave request ("出張費の精算申請を取り消したい"), sent to the wrong desk.
    r"(?<!精算)(?<!休暇)(?<!有給)(?<!経費)(?<!稟議)"
    r"(?:申込|申し込|申込み|申請|注文|発行依頼)(?:み|書)?" + APPLICATION_REMARK
    + r"?(?:だけ|のみ)?(?:の(?:ほう|方))?(?:を|の|は)?\s*"
    + CALL_OFF_JA,
    # The application named as the topic, then called off after the reason ("追加発行（2枚目）の申込ですが、研究室の
    # PCを入れ替えないことになったので、取り下げさせてください").
    r"(?<!精算)(?<!休暇)(?<!有給)(?<!経費)(?<!稟議)(?:申込|申し込|申請)(?:み)?(?:の件)?(?:ですが|ですけど|について(?:は|ですが)?)"
    r"[、,][^。?？]{0,50}?" + CALL_OFF_JA + r"(?:させて|して|て|たい|ます|でお願い)",
    # What is being applied for, stopped ("申請中のものをストップしたい").
    r"(?:申請|申込|申し込み?)中の(?:もの|分|証明書|件)(?:を|は)?\s*(?:(?:ストップし|止め|とめ)(?:たい|て(?:ください|下さい|ほしい|欲しい|もらえ|いただ|頂))|ストップ(?:で|を)?お願い)",
    r"\b(?:cancel|withdraw|stop|call off|terminate)\s+(?:my|the|our|this|that)\s+"
    r"(?:(?:second|new|additional|extra|other|last|renewal|pending)\s+)?"
    r"(?:certificate\s+|iprove\s+)?"
    r"(?:order|application|app|request|purchase)\b",
)

# The writer's own application dropped in plain words, with no word of cancelling ("申し込みしたの、なしにできる?",
# "家族で話して申し込みはやめることになりました", "証明書は作らなくていいです", "I applied last week, can u stop it?"):
# what is dropped is not issued yet.  Not a colleague's expense claim or leave request.
APPLICATION_DROPPED = _rule(
    "application_dropped",
    r"(?<!精算)(?<!休暇)(?<!有給)(?<!経費)(?<!稟議)(?:申込|申し込|申請)(?:み|書)?(?:した|しました|んだ)?"
    r"(?:の|もの|分|件)?(?:は|を|も|、)?[^。\n?？]{0,15}?"
    r"(?:やめ(?:たい|ます|る(?:こと|事)に|にし|させ|て(?:ください|下さい|ほしい|もらえ|いただ))"
    r"|止め(?:たい|て(?:ください|下さい|ほしい|もらえ|いただ))"
    r"|ストップ|(?:なし|無し)に(?:でき|して|したい)|(?:なかった|無かった)ことに|(?:いら|要ら)なくな|不要にな)",
    # The certificate not to be made at all ("作らなくていいです", "証明書 作らないで"); not a reissue.
    r"(?<!再)(?:作ら|作成し|発行し)な"
    r"(?:くて(?:いい|良い|よい|大丈夫|結構|構いません)|いで(?:ください|下さい|ほしい|欲しい|\b|$|[.。!！]))",
    r"\b(?:applied|application)\b[^.\n]{0,40}?\b(?:stop it|stop that|don'?t (?:make|issue|need) it|no longer need it"
    r"|not needed anymore|(?:can|could) (?:you|u) stop)\b",
    r"\b(?:don'?t|do not|pls don'?t|please don'?t) (?:make|create) (?:the |my |a )?(?:cert|certificate)\b",
)


# Things other than certificates that expire or are revoked (an account, access rights, a licence):
# an internal notice about them is no revocation request.
OTHER_REVOKED = _rule(
    "other_revoked",
    r"(?:アカウント|ID|パスワード|権限|アクセス権|ライセンス|ポイント|クーポン|保険|免許|パスポート|ビザ|在留カード|入館証|社員証)"
    r"(?:の)?(?:失効|無効化|停止|削除)",
    r"\b(?:revok\w*|disabl\w*|deactivat\w*)\s+(?:(?:his|her|their|the|my|our|all)\s+)?(?:user\s+)?"
    r"(?:access|accounts?|permissions?|licen[cs]es?|badges?|logins?|passwords?)\b"
    # A threat to an account, as phishing words it ("verify your account or it will be revoked").
    r"|\b(?:account|mailbox|login)\b[^.\n]{0,80}?\b(?:will be|would be|is being)"
    r" (?:revoked|suspended|disabled|deactivated|closed|deleted)\b",
)

# A certificate asked to be issued again ("正しい内容で再発行をお願いします", "please reissue it"): a revocation asked
# beside a wrong detail is then the way to a corrected certificate.
REISSUE_ASKED = _rule(
    "reissue_asked",
    r"再発行|発行し直|作り直|再交付",
    r"\bre-?issu\w*|\bissue (?:it|a new one|a corrected one) again\b",
)

# The certificate itself named, in any spelling the folds leave.
CERTIFICATE_NAMED = _rule(
    "certificate_named",
    # The CA's name inside a mail or web address ("support@iprove.jp") names no certificate.
    r"証明書|シリアル|(?<![@./-])iPROVE(?![.@-]\w)",
    r"\b(?:certificates?|cert|serial)\b",
)


# The writer's own certificate, in their own name ("私の名前で取った証明書", "my own certificate"):
# after a relative's death the writer may end their own certificate, which is no death notice.
OWN_CERTIFICATE = _rule(
    "own_certificate",
    # Not one named for its renewal or its expiry beside the request ("ついでに私自身の証明書も来月期限なのですが、
    # 更新は…").
    r"(?:(?:私|わたし|自分|本人)(?:自身)?の(?:名前|名義)(?:で|の)[^。\n]{0,12}?証明書|(?:私|わたし|自分)自身の(?:電子)?証明書"
    r"|(?:私|自分)名義)(?![^。\n]{0,20}?(?:期限|更新|有効期間|これから|新たに|新しく|申し込む|申込む|申し込み予定))",
    r"\bmy own (?:certificate|cert)\b|\b(?:certificate|cert)\b[^.\n]{0,20}\bin my (?:own )?name\b",
)


# The revocation itself called off ("証明書の失効は…取りやめでお願いします", "please cancel my revocation request",
# "no need to revoke after all"): told after a lost device was found again, the writer asks that nothing be done.
REVOCATION_CALLED_OFF = _rule(
    "revocation_called_off",
    r"失効(?:の?(?:依頼|お願い|請求|申請|手続き?|件))?(?:は|を|も)[^。]{0,40}?"
    r"(?:取りやめ|とりやめ|取り止め|中止|キャンセル|取り消し|取消し?|撤回|なし|無し|不要)(?:で|に|と|して)"
    # A revocation request taken back in a reply ("失効請求を取り下げさせていただけないでしょうか").
    r"|失効(?:の)?(?:請求|依頼|申請)(?:書)?(?:は|を)[^。]{0,10}?(?:取り下げ|取下げ|撤回)(?:させて|たい|ます|て)",
    r"\b(?:cancel|withdraw|disregard|ignore|call off)\s+(?:my|the|our|this)\s+(?:(?:earlier|previous|last)\s+)?"
    r"(?:revocation(?:\s+request)?|request to revoke|request)\b"
    r"|\bno (?:longer )?need to revoke\b|\b(?:please )?(?:do not|don't) revoke\b",
)


# The writer's own certificate, said to be kept ("私自身の証明書 4E5A… は引き続き使用しますので、そのままに",
# "please leave my own certificate as it is"): the request is for another's certificate, the writer's is not ended.
OWN_KEPT = _rule(
    "own_kept",
    r"(?:私|わたし|自分)(?:自身)?の(?:電子)?証明書[^。\n]{0,40}?(?:引き続き|ひきつづき|そのまま|継続して|使い続け|残して)",
    r"\b(?:keep|keeping|leave|leaving) my own (?:certificate|cert)\b|\bmy own (?:certificate|cert)\b[^.\n]{0,30}"
    r"\b(?:stays|remains|should stay|is to stay|keep)\b",
)


# The writer's own certificate, said to be needed no more ("I don't need my iPROVE certificate anymore", "私の証明書は
# もう不要です"): a statement of the writer's own case, so that "How do I cancel it?" after it asks for its revocation
# and is no question about the procedure.  Not a condition ("if I no longer need my certificate").
OWN_ENDED = _rule(
    "own_ended",
    # Said as why the writer asks ("もう要らなくなったので"): their own case.
    r"もう(?:要らなく|いらなく|不要に|必要なく|使わなく)なった(?:ので|から|ため)",
    r"(?:私|わたし|自分|僕|ぼく)の(?:電子)?証明書(?:は|が|も)?(?:もう|今後は?|もはや)?(?:不要|いらな|要らな|いりません|要りません|使わな"
    r"|使いません|必要(?:なくな|ありません|ない))",
    r"(?<!\bif )(?<!\bwhen )\bI (?:don't|do not|no longer|won't|will not) (?:need|use|require)\b[^.\n?]{0,12}\bmy\b"
    r"[^.\n?]{0,20}\b(?:certificate|cert)\b",
    # Given back as the writer's own act ("証明書お返しします", "証明書を返却いたします").
    r"証明書(?!類)(?:を|は)?[ \t]*(?:お返し(?:します|いたします)|返却(?:します|いたします))",
)


# The online application's input screen ("オンライン申請の画面で入力して…"), where a slip is made before any
# certificate exists (FAQ application-12 answers what to do).
ONLINE_FORM = _rule(
    "online_form",
    r"オンライン(?:の)?申請|(?:申請|申込|入力)(?:の)?画面|(?:web|ウェブ|ネット)(?:で(?:の)?)?申請",
    r"\bonline (?:application|form)\b|\bapplication (?:screen|page|form) online\b",
)


# A fix of the detail asked for in so many words ("Can I fix it?", "修正できますか"), not a redo of the form.
FIX_ASKED = _rule(
    "fix_asked",
    # Not the form done again ("やり直せますか", "入力し直せばいいのでしょうか").
    r"(?:修正|訂正)(?:し|でき|を)|(?<!やり)(?<!し)(?<!打ち)(?<!書き)直(?:し|せ|す)"
    # The certificate wished to show the new detail ("証明書の名前も新しい名前にしたいです", "今の住所の証明書に
    # したい").
    r"|(?:新しい|今の|現在の)(?:名前|住所|姓|氏名|苗字|名字)(?:の証明書)?に(?:したい|して(?:ほしい|ください|もらえ)|変え(?:たい|て))"
    # The certificate's detail asked to be changed ("証明書の名前変えてもらえますか").
    r"|証明書(?:の|に(?:ある|載っている))(?:名前|住所|姓|氏名|苗字|名字|メールアドレス|メアド)(?:を|も)?"
    r"(?:変え|変更し)て(?:もらえ|いただけ|頂け|ください|下さい|ほしい|欲しい)",
    r"\b(?:fix|correct|amend)\b",
)


# The writer calls off their own application ("私の申込はいったん取り消してください", "please withdraw my application"):
# whoever's death they tell of as the reason, the writer is alive and asks for the cancellation.
OWN_CALLED_OFF = _rule(
    "own_called_off",
    r"(?:私|わたし|自分|僕|ぼく)(?:自身)?の(?:申込|申し込|申請)(?:み|書)?(?:は|を|も)?[^。\n]{0,8}?" + CALL_OFF_JA,
    # Made "never happened" after second thoughts ("やっぱり申し込みなかったことにしてもらえますか？").
    r"(?:やっぱり?|やはり)[^。\n]{0,6}?(?:申し込み|申込み?|申請)(?:を|は)?(?:なかった|無かった)ことに",
    r"\b(?:cancel|withdraw|call off)\s+my\s+(?:own\s+)?(?:pending\s+)?application\b",
)


# The writer tells that they applied ("二枚で申し込んだけど", "申込しましたが", "I applied last week"): beside a
# question whether it can be called off ("一枚分だけ取り消すことってできますか"), the application asked about is the
# writer's own.  Not a condition ("申し込んだ場合", "if I applied") or a time ("申込した後").
OWN_APPLIED = _rule(
    "own_applied",
    r"(?:申し込ん|申込ん|申込み?し|申し込みし|申請し)(?:だ|た|ました|ています|てある)(?:けど|けれど|が|のですが|んですが|[、。,])",
    r"(?<!\bif )(?<!\bwhen )\bI (?:have |had |just |already )*applied\b(?! for\b[^.\n?]{0,30}\bif\b)",
)


# A slip the writer made in their own application ("I typed my phone number with two digits swapped", "入力を間違えて
# しまいました"): told beside a wrong detail, it makes the correction the writer's own case even when they only ask
# whether it can be fixed.
OWN_SLIP = _rule(
    "own_slip",
    r"(?:入力|記入|記載|書き)(?:を|し)?(?:間違え|まちがえ|ミスし|忘れ)(?:ました|てしまいました|てしまった|ちゃ|た(?!ら|場合|とき|時|際))"
    r"|(?:私|自分|わたし)の(?:入力|記入)ミス"
    # A slip owned in a chat's words ("email、typo しちゃいました", "住所ミスっちゃった").
    r"|(?:ミス|(?<![A-Za-z])typo|タイポ)(?:を)?\s*(?:し(?:ちゃっ|てしまっ)た|し(?:ちゃい|てしまい)?ました|っちゃった"
    r"|っちゃいました|ってしまった|ってしまいました|った)",
    r"(?<!\bif )(?<!\bwhen )\bI (?:wrote|typed|entered|put|filled in|gave|misspelled|mistyped"
    r"|made a (?:typo|mistake))\b",
)


# The writer withdraws their own earlier mail ("さっきの失効のメール、やっぱりなしで", "先ほどのメールは取り消します",
# "please ignore my previous mail"): nothing is asked now, unless a new request follows.
MAIL_WITHDRAWN = _rule(
    "mail_withdrawn",
    r"(?:さっき|先ほど|先程|さきほど|前回|昨日|今朝)(?:送った|お送りした|送信した)?の?[^。\n]{0,12}?(?:メール|連絡|依頼|お願い)"
    r"(?:は|を|も|、|の件は?)?\s*(?:やっぱり|やはり)?\s*"
    r"(?:取り消し|取消し?|撤回|なしで|無しで|ナシで|なかったことに|無かったことに|忘れて|キャンセル|破棄)",
    r"\b(?:please )?(?:ignore|disregard) my (?:previous|earlier|last) (?:mail|e-?mail|message|request)\b",
)


# A wrong detail told as it is now ("つづり間違ってるんですけど直せますか", "部屋番号抜けてます。修正できますか"), not
# as a what-if ("間違っている場合は") or a doubt ("間違っていませんか"): beside a correction, the writer's own case,
# even when they only ask whether it can be fixed.
WRONG_TOLD = _rule(
    "wrong_told",
    r"(?:間違|まちが|違|抜け|漏れ|欠け)(?:って|て)(?:る|ます|います|おります|いる)(?:ん(?:です|だ|ですけど|だけど)|けど|が|ので|。|、|\s|$)"
    # Told in the past or as a state the writer is in ("名前間違ってたので直してください", "今の姓と違っていて困って
    # います").
    r"|(?:間違|まちが|違)(?:って|て)(?:た(?:ので|から|けど|。|、|\s)|いて)",
    # A detail not put in, told as it is ("組織名に支店名が入ってないんですが").
    r"(?:組織名|会社名|社名|支店名|部署名|役職|肩書|氏名|名前|住所|番地|部屋番号|建物名|メールアドレス|フリガナ)(?:が|も|は)?\s*"
    r"(?:入って|載って|記載されて|書かれて)(?:い)?(?:ない|ません)(?:ん(?:です|だ)|けど|が|ので|。|、|\s|$)",
    # The application told as filled in with the new or right detail ("申込書と住民票は新住所で出してます"): what is
    # wrong in the certificate was issued so.
    r"申込書?(?:と[^。\n]{0,10}?)?(?:に|には|は|では)?[^。\n]{0,10}?(?:新住所|新しい住所|新姓|正しい[^。\n]{0,6}?)で"
    r"(?:出し|提出し|記入し|書い|申し込)",
)


# The holder is alive, told as why someone else writes for them ("母は認知症で介護施設に入所しました", "my father
# is in a care home"): the models, which read an elderly parent and a relative writing, must not make a death
# notice of it.  Only in a mail with no word of a death, a funeral or an heir anywhere (those the rules read).
HOLDER_ALIVE = _guarded_rule(
    "holder_alive",
    (),
    (
        r"介護施設|老人ホーム|特別養護|グループホーム|(?:施設|ホーム|病院)に入(?:所|居|院)|入所(?:し|いたし|させ)"
        r"|入院(?:中|し|いたし|して)|認知症|成年後見|後見(?:人|開始|の申立)|寝たきり|存命|健在",
        r"\b(?:nursing home|care home|care facility|retirement home|dementia|alzheimer'?s|hospitali[sz]ed|in hospital"
        r"|guardianship|still alive)\b",
    ),
    r"亡|死|逝|他界|永眠|息を引き取|葬|遺族|遺品|相続|故人|生前|四十九日|除籍"
    r"|\b(?:passed|died|dies|dead|death|deceased|funeral|estate|late|heirs?|inherit\w*)\b",
)

# The writer's own death, which can only be foreseen ("自分が亡くなった後、家族はどうすれば", "if I die").
OWN_DEATH = _rule(
    "own_death",
    r"(?:私|自分|わたし|僕|私自身)(?:が|の)(?:[^。\n]{0,6}?)(?:亡くな|死ん|他界|死亡|死後)",
    r"\bif I (?:die|pass away)\b|\bafter (?:I die|my death)\b|\bwhen I (?:die|pass away)\b",
)

# The person who died held no certificate of ours: the writer says the certificate is their own and has nothing
# to do with the dead ("証明書は私名義で、祖父とは関係ありません", "the certificate is in my own name, not his").
# The death is told as the writer's circumstances, not reported to the CA.
DEAD_NOT_HOLDER = _rule(
    "dead_not_holder",
    r"証明書(?:は|も)[^。\n]{0,6}?(?:私|自分|わたし|僕|本人)(?:の)?名義"
    r"|(?:祖父|祖母|父|母|夫|妻|主人|兄|弟|姉|妹|叔父|叔母|伯父|伯母|義父|義母|親戚|故人)(?:と|に)は?[^。\n]{0,6}?"
    r"(?:関係(?:ありません|ない|ございません)|無関係)"
    r"|(?:祖父|祖母|父|母|夫|妻|主人|兄|弟|姉|妹|叔父|叔母|伯父|伯母|義父|義母|故人)(?:は|が)[^。\n]{0,10}?"
    r"証明書(?:を|は)(?:持って(?:い|お)(?:ません|なかった|ない)|お持ちではな|使って(?:い|お)(?:ません|なかった))",
    # A death told as why the writer misses an event ("昨夜祖母が亡くなり、葬儀のため欠席させていただきます").
    r"(?:葬儀|告別式|通夜|忌引き?|法事)(?:の|に)?(?:ため|で|につき|により)[^。\n]{0,20}?"
    r"(?:欠席|お休み|休み|休ませ|参加(?:でき|いたしかね)|出席(?:でき|いたしかね))",
    # Or as why a meeting with the CA is put off ("部長の父が逝去いたしまして、…説明会は延期させていただけますか").
    r"(?:逝去|亡くな|他界)[^。]{0,80}?(?:打ち?合わ?せ|会議|面談|ミーティング|ご?訪問|ご?来社|セミナー|説明会)"
    r"[^。\n]{0,30}?(?:延期|日程(?:の)?(?:変更|調整)|キャンセル|欠席|中止)",
    # The one who died is said to hold no certificate, or to have nothing to do with the CA
    # ("電子証明書なんて持っていなかったはずですが", "母はiPROVEとは全く関係ありません").
    r"(?:電子)?証明書(?:とか|など|なんて|の類)?(?:は|を|も)?(?:持って(?:い|お)(?:ません|なかった)|お持ちでな"
    r"|取って(?:い|お)(?:ません|なかった))",
    r"(?:祖父|祖母|父|母|夫|妻|主人|兄|弟|姉|妹|叔父|叔母|伯父|伯母|義父|義母|故人)は[^。\n]{0,12}?(?:と|に)は?"
    r"(?:全く|まったく|一切|特に|何の|なんの)?(?:関係(?:ありません|ない|ございません)|無関係)",
    r"\b(?:certificate|cert) is (?:in )?my (?:own )?name\b"
    r"|\b(?:he|she|they) (?:did ?n[o']t|never) (?:have|hold|use) (?:a|any|an iprove) cert",
)

# The writer's application to the CA named as theirs ("御社への申込は取り消させてください", "御社に先月末、発行申込書
# を送りました"): a product of another's named as the reason to call it off does not make the mail about that product.
OUR_APPLICATION = _rule(
    "our_application",
    r"(?:御社|貴社|貴局|iPROVE|そちら|CA局|認証局)(?:へ|に|宛て?に?)(?:の)?[^。\n]{0,12}?(?:申込|申し込|申請)",
    # The application form the writer has posted ("一般向けの申込書を郵送しましたが"): it went to the CA.
    r"(?:申込|申し込み|申請)書(?:を|は)[^。\n]{0,8}?(?:(?:郵送|送付|提出|投函|お送り|送り)(?:し|いたし|致し)(?:まし)?た"
    # Or told in plain words ("申込書を送ってしまいましたが").
    r"|送っ(?:た|てしま|ており|ています))",
    r"\b(?:my|our) (?:application|order|request) (?:to|with) (?:you|your company|iprove)\b"
    r"|\b(?:applied|ordered) (?:to|with|from) (?:you|your company|iprove)\b",
)

# The topics of the CA's business a mail may ask about: what it asks of a certificate (a
# revocation, a cancellation, a correction) or what makes that needed (a death, a compromise).
# The intent rules read them to tell a request from a mail about nothing; the serial scope
# (:mod:`intake.serialscope`) reads them to tell whether a mail asks anything of the serials it names.
TOPIC_RULES: tuple[Rule, ...] = (
    DEATH,
    COMPROMISE,
    EMERGENCY_REVOCATION,
    REVOCATION,
    CANCEL_WORD,
    CORRECTION,
)


# A leak or an attack at another business, known from the news ("ニュースで、ある会社から顧客情報が漏洩したと
# 報じられていました"): the writer tells of it to ask whether it touches them, not of a key of theirs at risk.
# The classifier reads a compromise told so as nobody's of ours, unless the writer also reports an incident.
NEWS_REPORT = _rule(
    "news_report",
    r"(?:ニュース|報道|新聞|記事|テレビ|ネット上)(?:で|によると|によれば|を見)[^。]{0,80}?"
    r"(?:漏洩|漏えい|流出|不正アクセス|ハッキング|サイバー攻撃|ランサムウェア|ウイルス|ウィルス)"
    r"|(?:漏洩|漏えい|流出|不正アクセス|ハッキング|サイバー攻撃)[^。]{0,20}?(?:と報じ|が報じ|と報道|が報道|とのニュース|というニュース"
    r"|のニュース|の報道|の記事)"
    # An incident told as reported ("先日報道された…社の情報流出事案").
    r"|報道(?:され|されている|された|にあった|のあった)[^。]{0,40}?(?:漏洩|漏えい|流出|不正アクセス|ハッキング|サイバー攻撃)",
    r"\b(?:in the news|on the news|news (?:report|article|story|about|of)"
    r"|reported (?:in|by|on) (?:the )?(?:news|press|media))\b"
    r"[^.\n]{0,80}?\b(?:breach|leak\w*|hack\w*|compromised?|ransomware|attack)\b"
    r"|\b(?:breach|leak|hack|attack)\w*\b[^.\n]{0,60}?\b(?:in the news|on the news|reported (?:in|by) the"
    r" (?:news|press|media))\b",
)


# Narrowings of other rules' reasons (see Narrowing), read by the chain in intake.classify.

# A detail read off the certificate the writer holds ("証明書見たら…", "…申し込んだのに、証明書は…").
READ_OFF = Narrowing("read_off", "correction", re.compile(r"見たら|確認したら|開いたら|(?<!も)のに"))
# A fix asked of the certificate ("直せますか", "訂正", "修正"), not an application made again ("申し込み直して").
FIX_OF_IT = Narrowing(
    "fix_of_it", "fix_asked", re.compile(r"直せ|訂正|修正|にしたい|にして|変え|変更|\b(?:correct|fix|amend)\b", re.I)
)
# A certificate said to be issued, not one named issued already beside it ("発行された", not "発行済みの1枚目").
SAID_ISSUED = Narrowing("said_issued", "issued_stated", re.compile(r"発行(?:され|して)"))
# A certificate issued to the writer ("発行してもらった", "発行していただいた").
ISSUED_TO_ME = Narrowing("issued_to_me", "issued_stated", re.compile(r"発行して(?:もら|いただ|頂)"))
# A certificate not received yet, told as the writer's own state ("証明書まだもらってないです"), not a kind named
# ("申込中の証明書を止めるのと…").
NOT_RECEIVED = Narrowing("not_received", "not_issued", re.compile(r"まだ|もらって|届いて|受け取って|来て"))
# A request to stop something ("止めてください", "ストップしてほしい"); not the とめ of まとめ.
STOP_ASKED = Narrowing("stop_asked", "request", re.compile(r"止め|(?<!ま)とめ|ストップ|停止|やめ"))
# A certificate said in so many words to be another issuer's ("別の認証局で発行してもらった証明書", "他社の証明書"); not
# another issuer named as where the writer goes next ("別の認証局の証明書を会社負担で用意してもらえることになった").
ANOTHER_ISSUER = Narrowing("another_issuer", "not_ours", re.compile(r"(?:別|他|ほか)の認証局で|他社(?:発行|の証明書)"))
