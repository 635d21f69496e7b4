"""Detection of mail written by machines: auto-replies and delivery failure reports (bounces).

Neither must ever be answered (that is how mail loops start) nor treated as a customer's
request.  For a bounce the original Message-ID is recovered from the returned message
(``message/rfc822``) or its headers (``text/rfc822-headers``) so that the failure can be
attached to the case whose mail bounced.

Bounces are told by their structure (a DSN part, a daemon sender) or by what mail systems
write at the top of their reports (Postfix, Exim, Sendmail, qmail, Domino, Exchange and
Microsoft 365 in English and Japanese, Gmail, Japanese carriers and ISPs), or by a statement
of the failure with the block of fields below it that filters and fax gateways write ("理由 :",
"Status : FAILED"); a person who forwards a bounce ("Fwd:") or answers a report ("Re:") writes their own
mail.  Out-of-office replies without any header are told by two things together: the writer
is away now, and the mail defers the answer or names someone else to write to; unless the
text asks the CA for something itself or reports a loss with a request, or the one away is
someone else ("部下の田中は外出中で").  An autoresponder that promises an answer within
some business days, and a notice that the address written to is retired and asks to write to
the new one, are automatic too.  A person who asks whether a mail was automatic, or quotes
one's words, declares nothing.

A fax gateway's notice that it could not send our fax ("FAXの送信に失敗しました") is a bounce; its notice
of a fax it received is a person's faxed pages, whether attached or read in an excerpt of its own text,
though the gateway says its mail is sent automatically.

A mailing list or newsletter (``List-Id``, ``List-Unsubscribe``, ``Precedence: bulk``) is
not an automatic *reply*: it is mail of intent ``other``, and those headers count only as
weak signs.  Ticket systems' acknowledgements (「お問い合わせを受け付けました」, "[#12345]
We have received your request") are auto-replies even when their text names our topics
(an acknowledgement of a 失効 request quotes the word 失効).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.policy import compat32
from typing import Any, Literal

from intake.ackwords import RECEIVED_EN, RECEIVED_JA
from intake.fax import fax_notice_reasons
from intake.footers import without_footers
from intake.formrelay import form_relay_reasons
from intake.parse import ParsedMail, parse_message
from intake.rules import CA_CONTEXT, CANCEL_WORD, COMPROMISE, CORRECTION, REQUEST, REVOCATION, URGENCY
from intake.subjects import ANSWER_SUBJECT, FORWARD_SUBJECT

Verdict = Literal["none", "auto_reply", "bounce"]

_BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounce[s]?)@", re.I)
_BOUNCE_SUBJECTS = re.compile(
    r"undelivered mail returned to sender|delivery status notification \((?:failure|delay)\)"
    r"|undeliverable|mail delivery (?:failed|failure|subsystem)|returned mail|failure notice"
    r"|delivery failure|配信不能|配送不能|配信エラー|送信エラー|宛先不明|メール配送失敗|配信に失敗"
    r"|配信できませんでした|送信できませんでした|届きませんでした|配送できませんでした|未配達|配信遅延|配送遅延"
    r"|returned mail|delayed mail|delivery (?:status notification|delayed|incomplete)|non-?delivery|nondeliverable"
    r"|undelivered mail|mail system error|送信失敗|配信失敗|配送失敗|配信の遅延|返送メール|配送エラー"
    r"|\bfax (?:send(?:ing)?|transmission|delivery) (?:error|fail(?:ed|ure))|\bfax (?:was )?not sent\b",
    re.I,
)
_AUTO_SUBJECTS = re.compile(
    r"out of (?:the )?office|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|away from"
    r"|vacation|(?:不在|自動応答|自動返信|自動送信|休暇|外出中|長期休暇)(?!\s*(?:では|じゃ)(?:な|ありません|ございません))"
    # Not a person away who writes all the same ("休暇中ですが至急：…").
    r"(?!中?(?:です|だ|で)?(?:が|けど|けれど))"
    r"|受付完了のお知らせ",
    re.I,
)
# A person who asks whether a mail was sent by a machine, or says it was not ("このメールは自動送信された
# ものでしょうか", "自動返信メールではありません"), declares nothing: the clause must not end in a question or a denial.
# Nor one who quotes such words ("「自動返信です」と書かれていましたが").
_NOT_ASKED_OR_DENIED = (
    r"(?![^。\n、]{0,12}?(?:[?？]|ですか|でしょうか|ますか|のか|ものでは|ではな|ではありません|ではございません|じゃな|てい(?:ない|ません)"
    r"|ておりません)|[、,]?\s*[」』\x22”]?\s*と(?:書|あ|記|表示|い|言|の))"
)
# The day an absence ends, as vacation notes give it ("不在にしております（〜3月22日）", "until March 22").
_BACK_ON = re.compile(
    r"(?:不在|休暇|出張|休み)[^。\n]{0,30}?[(（]?[〜~～][ \t]*\d{1,2}[/月]\d{1,2}日?"
    r"|\d{1,2}[/月]\d{1,2}日?(?:\([月火水木金土日]\))?(?:まで|迄)[^。\n]{0,20}?(?:不在|休暇|出張|休み)"
    r"|\bout of (?:the )?office\b[^.\n]{0,40}?\b(?:until|till|through)\s+(?:[A-Z][a-z]+\s+)?\d{1,2}\b",
    re.I,
)
# The words of any request or report the desk handles: an absence note that names one is a person's mail.
_ANY_TOPIC = re.compile(
    r"失効|取り?消|キャンセル|紛失|盗難|盗まれ|漏洩|漏えい|亡くな|死亡|逝去|訂正|間違|誤り|至急|緊急"
    r"|revok|cancel|\blost\b|stolen|died|passed away|correct|urgent",
    re.I,
)
_AUTO_TEXTS = re.compile(
    r"I (?:am|will be) (?:currently )?out of (?:the )?office|I am away|limited access to (?:my )?e-?mail"
    r"|この(?:メール|メッセージ)は(?:システム(?:より|から|にて)|送信専用アドレスから)?自動(?:的に)?(?:送信|返信|応答|配信)"
    + _NOT_ASKED_OR_DENIED
    + r"|自動応答メッセージ|自動返信メール|自動送信メール|送信専用(?:アドレス|メール)"
    r"|(?:this is an|this is an automated|this is an automatic) (?:automated |automatic )?(?:reply|response|message)"
    r"|do not reply to this (?:e-?mail|message)|we have received your (?:request|message|inquiry|e-?mail)"
    r"|お問い?合わ?せを受け付けました|以下の内容で受け付けました|受付番号.{0,20}(?:にて|で)受け付け"
    # Not a person who is away and writes all the same ("休暇中ですが至急…", "休暇中で申し訳ないのですが").
    r"|(?:不在|休暇)(?:のため|中(?!(?:です|だ|で)?(?:が|けど|けれど|申し訳|恐縮|すみません))|に(?:つき|より))"
    r"|出張のため.{0,20}(?:返信|ご連絡)"
    # An autoresponder's promise of an answer from its staff within some business days
    # ("担当より3営業日以内にご連絡いたします", "we will get back to you within 2 business days").
    r"|(?:担当(?:者|部署)?|係|スタッフ|窓口)(?:より|から)[^。\n]{0,20}?(?:\d+|[一二三四五六七]|数)営業日以内に"
    r"[^。\n]{0,10}?(?:ご?連絡|ご?返信|ご?回答|お返事)"
    r"|\bwe (?:will|'ll|shall) (?:respond|reply|get back to you|be in touch|contact you)\b[^.\n]{0,30}?"
    r"\bwithin (?:\d+|one|two|three|four|five) (?:business|working) (?:days?|hours?)\b",
    re.I,
)
_AUTO_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:\[[^\]]*\]\s*)?(?:automatic reply|auto[- ]?reply|out of (?:the )?office|autoreply|auto\s*:"
    r"|automatische antwort|r[ée]ponse automatique|auto-?antwort"
    r"|auto[- ]?response|abwesenheitsnotiz|r[ée]ponse automatique|risposta automatica|respuesta autom[áa]tica"
    r"|自動返信|自動応答|不在通知|不在のお知らせ)(?=\s*[:：]|\s|$)"
    # A label in brackets needs nothing after it; a bare word needs a colon, a space or the end,
    # so that a person's subject 「自動返信について」 stays a person's.
    r"|^\s*(?:\[[^\]]*\]\s*)?(?:【自動返信】|【自動応答】|【不在】|\(自動返信\)|（自動返信）)",
    re.I,
)
# Out-of-office texts without any header, told apart from a person who mentions being away
# by two things together: the writer is away now (or until a date), and the mail promises
# to deal with messages later or names someone else to write to.  Each family counts once.
_AWAY_NOW = re.compile(
    r"(?:不在|休暇|休業|出張|外出|産休|育休|産前産後休暇|育児休業|夏季休暇|冬季休暇|年末年始休暇|有給休暇|休み)"
    r"(?:中|を(?:いただ|頂|取得)|に(?:して|入って|つき|より)|のため|しており|となって|をとって|でございます|です|いたしており)"
    r"(?![^。\n]{0,3}(?:でした|だった))"
    r"|(?:社外|オフィス)に(?:おり|出ており)|(?:メール|メッセージ)を(?:確認|拝見|閲覧)(?:でき|すること(?:が|は)でき)ません"
    r"|\bI(?:'m| am| will be| shall be) (?:currently |now )?(?:out of (?:the )?office|away|on (?:vacation|holiday|leave"
    r"|annual leave|parental leave|maternity leave|paternity leave|sick leave|a business trip)|travel(?:l)?ing|off)\b"
    r"|\b(?:out of (?:the )?office|on (?:vacation|holiday|leave)) (?:until|till|from|through|and will)\b"
    r"|\blimited (?:access to|ability to check) (?:my )?e-?mail|\bno access to (?:my )?e-?mail",
    re.I,
)
_LATER_OR_ELSEWHERE = re.compile(
    r"(?:戻り次第|帰社後|帰社次第|復帰後|休暇明け|休業明け|出社後|以降(?:に|、)?)(?:[^。\n]{0,12})?"
    r"(?:順次|改めて)?(?:確認|ご?返信|ご?連絡|対応|拝見|お返事)"
    r"|(?:期間中|休暇中|不在中|休業期間中)(?:に)?(?:いただ|頂)(?:いた|きました)"
    r"|(?:お急ぎ|急ぎ|緊急)(?:の|のご用件の|のご用件は|の場合|の方)[^。\n]{0,40}(?:まで|宛|へ|に)"
    r"|返信(?:が|は)[^。\n]{0,10}(?:遅れ|後日|できません)"
    r"|(?:ご用件|お問い?合わ?せ|ご連絡)(?:は|につきましては)[^。\n]{0,30}(?:まで|宛て?に?|へ)"
    r"|まで[^。\n]{0,15}(?:確認|返信|対応|ご連絡)(?:でき|いたしかね|いたしません)"
    r"|\b(?:will|shall) (?:reply|respond|get back|answer|read|deal with|return your|be back|return)\b"
    r"|\b(?:upon|on|after) my return\b|\bwhen I (?:return|get back|am back)\b|\breplies will be delayed\b"
    r"|\b(?:for (?:urgent|immediate) (?:matters|assistance|issues|requests)"
    r"|if (?:it is|your (?:matter|request) is) urgent|in (?:case of )?(?:an )?urgen(?:t|cy))\b"
    r"|\bwill not be (?:read|forwarded)\b|\bplease contact\b",
    re.I,
)
# Words with which a system introduces its own mail; these alone decide.
_SELF_DECLARED = re.compile(
    r"(?:本|この)(?:メール|メッセージ)は[^。\n]{0,20}自動(?:的に)?(?:返信|応答|送信|配信)(?:され|して|です|メール|しており|いた)"
    + _NOT_ASKED_OR_DENIED
    # "本メールは受信確認のため自動でお送りしております", "このメールは、auメールの自動返信機能により送信されています".
    + r"|(?:本|この)(?:メール|メッセージ)は[^。\n]{0,30}自動(?:で|(?:返信|応答|送信|転送)機能(?:により|によって|で))"
    r"(?:お送り|送信|送付|配信|返信)(?:され|して|しており|いた)"
    + _NOT_ASKED_OR_DENIED
    + r"|自動(?:返信|応答)(?:メッセージ|メール)?(?:です|にて|により|で(?:お送り|ご連絡))"
    + _NOT_ASKED_OR_DENIED
    + r"|自動(?:返信|応答|送信|配信)(?:の)?(?:メール|メッセージ)(?:です|となります|でございます|にて)"
    + _NOT_ASKED_OR_DENIED
    + r"|\bthis is an? (?:automatic|automated|auto-generated)"
    r"(?: reply| response| message| e-?mail| notification| acknowledge?ment| confirmation| notice)"
    r"|\b(?:automatic|automated) (?:reply|response)\b[^.\n]{0,20}\b(?:out of|away|vacation|absence)"
    r"|\bplease do not reply to this (?:automated|automatic|auto-generated) (?:message|e-?mail)",
    re.I,
)
_PRECEDENCE = {"bulk", "junk", "list", "auto_reply", "auto-reply"}
# Precedence values that say the mail is an automatic reply by themselves.
_DECISIVE_PRECEDENCE = {"junk", "auto_reply", "auto-reply"}
# An auto-reply label set apart anywhere in the subject: 「年末年始休業のお知らせ（自動返信）」.
_BRACKETED_AUTO_LABEL = re.compile(
    r"[(（【\[〔<＜]\s*(?:自動返信|自動応答|自動送信|自動配信|auto[- ]?reply|automatic reply|auto[- ]?response)"
    r"(?:メール|メッセージ)?\s*[)）】\]〕>＞]",
    re.I,
)
# Read receipts (message disposition notifications, RFC 8098) by their subject, for the
# mail programs that send them as plain text instead of a multipart/report.
_READ_RECEIPT_SUBJECT = re.compile(
    r"^\s*(?:開封済み|開封確認|既読|read|return receipt|read receipt|disposition notification)\s*[:：]", re.I
)
# Help-desk products that acknowledge a received mail by themselves; their own headers.
_HELPDESK_HEADER_PREFIXES = ("x-fd-", "x-freshdesk", "x-zendesk", "x-helpscout", "x-sfdc-", "x-otrs-", "rt-ticket")
# A subject that opens with an acknowledgement, as help-desk products write it.
_ACK_SUBJECT_START = re.compile(
    r"^\s*(?:\[[^\]]{1,40}\]\s*)?(?:ticket (?:received|created|opened)|request received|case created"
    r"|" + RECEIVED_EN + r"|お問い?合わ?せ(?:を)?受付|受付(?:完了|確認|のお知らせ)"
    r"|お問い?合わ?せありがとうございます)",
    re.I,
)
# A help-desk product's text about the ticket it has just opened.
_TICKET_OPENED_TEXT = re.compile(
    r"\ba (?:support )?(?:ticket|case|request) (?:has been|was) (?:created|opened|logged)"
    r"|\b(?:ticket|case|request) (?:id|number|#)\s*[:#-]?\s*\d{3,}"
    r"|(?:受付|問い?合わ?せ|チケット|ケース)番号\s*[:：は]?\s*[#＃]?[0-9A-Za-z-]{3,}",
    re.I,
)
# Not our own case tag ("[MDG-00955]"): a writer who keeps it in a new subject writes in our case's thread.
_TICKET_SUBJECT = re.compile(r"^\s*(?:\[(?!MDG-)[A-Z]{2,6}[-#]?\d{3,}\]|\[#\d{3,}\]|#\d{4,})\s*(?!re\b)", re.I)
_ACK_SUBJECT = re.compile(
    RECEIVED_JA + r"|受付のお知らせ|受付確認|" + RECEIVED_EN + r"|request received"
    r"|received your (?:request|message|inquiry)|ticket (?:created|received|opened)|acknowledg",
    re.I,
)
# What a filter did to a mail it stopped, in English ("was rejected by", "has been quarantined").
_REFUSED = r"(?:was|has been) (?:rejected|blocked|quarantined|discarded|held)"
_BOUNCE_TEXTS = re.compile(
    r"This is the qmail-send program|I'm afraid I wasn't able to deliver your message"
    r"|This is the mail system at host|Delivery has failed to these recipients"
    r"|could not be delivered to one or more recipients"
    r"|Your message (?:did not reach|wasn't delivered|could not be delivered)"
    r"|The following (?:message|address(?:es)?) (?:to .{0,80})?(?:was|were|had)"
    r" (?:undeliverable|permanent fatal errors)"
    r"|(?:メール|メッセージ)(?:は|を)?.{0,20}(?:配信|配送|送信)(?:でき|され)ませんでした"
    r"|宛先(?:の)?(?:メール)?アドレスが(?:見つかりません|存在しません)"
    # A filter or a virus gateway that stopped the mail on its way: the mail was not delivered.
    r"|(?:受信|配送|配信|送信|転送)(?:を|が)?(?:拒否|ブロック|破棄)(?:しました|されました|いたしました)"
    r"|(?:メール|メッセージ|添付ファイル)[^。\n]{0,30}(?:隔離|破棄|削除)(?:しました|されました|いたしました)"
    # A fax gateway that could not send our fax ("FAXの送信に失敗しました", "Fax transmission failed"): the
    # fax, like a mail, did not reach the number it was sent to.
    r"|(?:FAX|ファクス|ファックス)(?:の)?(?:送信|送付|配信)(?:に|が|は)?(?:失敗|でき(?:ません|なかった))"
    r"|\bfax (?:transmission|sending|delivery) (?:failed|was unsuccessful|unsuccessful)\b"
    r"|\byour fax (?:could not be|was not|wasn't) (?:delivered|sent)\b"
    # A filter that holds the mail says the recipient has not had it ("受信者には配信されていません").
    r"|受信者(?:に|へ)(?:は)?(?:配信|配送|送信)されていません"
    r"|\bfailed to send (?:the |your )?fax\b"
    rf"|\b(?:the following|your) (?:message|e-?mail) {_REFUSED}\b|{_REFUSED} (?:by|due to|because)",
    re.I,
)
# What mail transfer agents write at the top of their reports, and people never do:
# Postfix, Exim, Sendmail, qmail, Exchange and Microsoft 365 (English and Japanese), Gmail,
# and the Japanese carriers' and ISPs' own notices.
_MTA_TEXTS = re.compile(
    r"This is the mail system at host|This message was created automatically by mail delivery software"
    r"|This is the qmail-send program|I'm afraid I wasn't able to deliver your message"
    r"|THIS IS A WARNING MESSAGE ONLY|YOU DO NOT NEED TO RESEND YOUR MESSAGE"
    r"|The following addresses had permanent fatal errors|Transcript of session follows"
    r"|The original message was received at|Delivery has failed to these recipients"
    r"|Your message to \S+ couldn'?t be delivered|Your message (?:wasn'?t|was not) delivered to"
    r"|Remote Server returned '?[45]|RESOLVER\.ADR\.|Recipient address rejected|User unknown in"
    r"|Delivery to the following recipients? (?:failed|has been delayed)|Message delivery has been delayed"
    r"|Mail delivery failed: returning message to sender|A message that you sent could not be delivered"
    r"|The following address\(es\) failed|retry time not reached|Unrouteable address"
    # A report's title opens a line; a person writes the words inside a sentence ("no delivery status notification").
    r"|(?m:^)[ \t]*Delivery Status Notification|Diagnostic information for administrators"
    r"|was not delivered to:|not listed in (?:the )?Domino Directory|Sorry, we were unable to deliver your message"
    r"|This Message was undeliverable due to the following reason|delivery error: dd"
    r"|Delivery is delayed to these recipients|This message hasn'?t been delivered yet"
    r"|受信者またはグループへの配信が遅延|宛先不明のため[^。\n]{0,10}(?:配信|配送|送信|お届け)でき"
    r"|次の受信者またはグループへの配信に失敗しました|受信者またはグループへの配信"
    r"|にメッセージを配信できませんでした|リモート\s*サーバーから\s*'?[45]"
    r"|配信の問題が発生しました|管理者向けの診断情報"
    r"|(?:この|本)?メールは[^。\n]{0,40}(?:配信|配送|送信)できなかった(?:ため)?[^。\n]{0,10}返送"
    r"|(?:以下|下記|次)の(?:宛先|アドレス)[^。\n]{0,20}(?:配信|配送|送信|お届け)(?:でき|に失敗|されませんでした)"
    r"|送信(?:した|された)メールは[^。\n]{0,20}(?:宛先|相手)に(?:届き|配信でき)ませんでした",
    re.I,
)
# Fields of a delivery status report pasted as text (RFC 3464).
_DSN_FIELDS = re.compile(
    r"^\s*(?:Reporting-MTA|Final-Recipient|Original-Recipient|Diagnostic-Code|Remote-MTA"
    r"|Action:\s*(?:failed|delayed)|Status:\s*[45]\.\d{1,3}\.\d{1,3})\b",
    re.I | re.M,
)
# The fields of a report on one failed delivery or fax job, each opening its line ("理由 : mailbox disabled",
# "Status : FAILED - Line busy", "Job ID : 77120"), as mail filters and fax gateways write them below their
# one-line statement.  The sender and subject fields are left out: a forwarded mail's headers have them too.
_REPORT_RESULT_FIELD = r"理由|原因|結果|エラー(?:コード|内容)?|Reason|Status|Result|Error(?: code)?"
_REPORT_FIELDS = re.compile(
    rf"^[ \t]*({_REPORT_RESULT_FIELD}|宛先(?:番号)?|送信先(?:番号)?|Recipient|Destination|Job(?: ?ID)?|ジョブ ?ID"
    r"|隔離ID|Pages|ページ数|Attempts|Retries|Last try|Reference|文書名|Document)[ \t\u3000]*[:：]",
    re.I | re.M,
)
# An SMTP reply with an enhanced status code ("550 5.1.1"), as quoted in bounces.
_SMTP_FAILURE = re.compile(r"\b[45]\d\d[ -][45]\.\d{1,3}\.\d{1,3}\b")
# Senders and display names that only mail systems use.
_SYSTEM_SENDER_NAME = re.compile(
    r"^(?:mail delivery (?:system|subsystem)|mail administrator|mailer[- ]daemon|postmaster"
    r"|microsoft outlook|mail delivery service|メール配信システム|メール配送システム)$",
    re.I,
)
_EXCHANGE_SENDER = re.compile(r"^microsoftexchange[0-9a-f]{32}@", re.I)
_MSGID = re.compile(r"<[^<>\s]+>")
# What an administrator writes in person from a daemon address: a test of the mail server, a note to ignore it.
_PERSONS_NOTE = re.compile(
    r"\btest (?:mail|message|e-?mail)\b|\bplease ignore\b|\bjust a test\b|\bthis is a test\b"
    r"|テスト(?:メール|送信|配信)|(?:このメールは|本メールは)?(?:破棄|無視)(?:して|を)(?:ください|下さい|お願い)",
    re.I,
)


# The reasons that rest on what a mail program writes and a person writing by hand does not: header
# fields, a delivery report's MIME parts or fields, a mail system's sender address or name, and the
# mail's own statement that it was sent automatically.  A "(weak)" header sign (Precedence: bulk, a
# mailing list's fields) is left out, since a person's mail passes lists too.
_MACHINE_SIGNS = (
    "Auto-Submitted:",
    "Precedence:",
    "Exchange generated message",
    "X-List-Administrivia",
    "read receipt (message/disposition-notification)",
    "content-type multipart/report",
    "has a message/delivery-status part",
    "sender is",
    "sender name is",
    "empty return path",
    "report fields:",
    "the mail says it is automatic:",
)


@dataclass(frozen=True)
class AutomatedResult:
    """The verdict, why it was reached, and a bounce's original Message-ID if found."""

    verdict: Verdict
    reasons: list[str] = field(default_factory=list)
    original_message_id: str | None = None

    @property
    def by_words_alone(self) -> bool:
        """Whether an automated verdict rests on the mail's words alone, with no machine's sign behind it.

        No header field, delivery report or mail system's sender says the mail is automatic, nor
        does the mail say so of itself; only its subject's and text's wording ("Out of office",
        "出張中のため…") does.  Such a mail may be a person's after all (a secretary forwarding
        her employer's report: "本人は海外出張中で…"), so a reader that finds it reporting an
        emergency lets a person look at it instead of filing it away.
        """
        return self.verdict != "none" and not any(
            (reason.startswith(_MACHINE_SIGNS) or reason.endswith(" header present")) and not reason.endswith("(weak)")
            for reason in self.reasons
        )

    def __iter__(self) -> Iterator[Any]:
        # Allows ``verdict, reasons = detect_automated(p)`` as documented for the lead.
        return iter((self.verdict, self.reasons))


# A fax gateway's notice of a fax it received ("■FAX受信通知■", "Fax received from 0312345678"): the pages
# (attached, or read in an excerpt of the notice's own) are a person's, though the gateway calls its mail automatic.
_FAX_RECEIVED = re.compile(
    r"(?:FAX|ファクス|ファックス)(?:を)?受信(?:通知|しました|のお知らせ)|受信(?:FAX|ファクス|ファックス)"
    r"|\b(?:fax received|received a fax|new fax|incoming fax)\b",
    re.I,
)


def _fax_received_reasons(p: ParsedMail) -> list[str]:
    """Why *p* is a fax gateway's notice of a received fax, read from its subject or first lines; else empty."""
    head = unicodedata.normalize("NFKC", p.subject + "\n" + p.new_text[:300])
    found = _FAX_RECEIVED.search(head)
    if not found or FORWARD_SUBJECT.match(p.subject) or ANSWER_SUBJECT.match(p.subject):
        return []
    return [f"fax: notice of a received fax ({found.group(0)!r})"]


def _bounce_reasons(p: ParsedMail) -> list[str]:
    """Collect every sign that *p* is a delivery status notification."""
    reasons: list[str] = []
    ctype = p.headers.get("content-type", "").lower()
    if "multipart/report" in ctype and "delivery-status" in ctype:
        reasons.append("content-type multipart/report; report-type=delivery-status")
    if any(a.content_type == "message/delivery-status" for a in p.attachments):
        reasons.append("has a message/delivery-status part")
    if _BOUNCE_SENDERS.match(p.from_addr):
        reasons.append(f"sender is {p.from_addr.split('@')[0].lower()}")
    elif _EXCHANGE_SENDER.match(p.from_addr):
        reasons.append("sender is microsoftexchange (Exchange's system mailbox)")
    elif _SYSTEM_SENDER_NAME.match(p.from_name.strip()):
        reasons.append(f"sender name is {p.from_name.strip()!r} (weak)")
    # A subject that forwards: a bounce forwarded by a person is that person's mail; so is one pasted
    # below the person's own account of it.
    forwarded = bool(FORWARD_SUBJECT.match(p.subject)) or _pastes_a_report(p.new_text[:6000])
    # The report is what the mail opens with; a person forwarding one writes their own words first.
    head = p.new_text[:1500]
    mta = _MTA_TEXTS.search(head)
    if mta and not forwarded:
        reasons.append(f"mail system report: {mta.group(0)!r}")
    dsn_fields = {m.group(0).split(":")[0].strip().lower() for m in _DSN_FIELDS.finditer(p.new_text[:6000])}
    if len(dsn_fields) >= 2 and not forwarded:
        reasons.append("delivery status fields in the text: " + ", ".join(sorted(dsn_fields)))
    smtp = _SMTP_FAILURE.search(head)
    if smtp:
        reasons.append(f"SMTP failure code: {smtp.group(0)!r}")
    if p.headers.get("return-path", "").strip() in ("<>", "") and "return-path" in p.headers:
        reasons.append("empty return path")
    if _BOUNCE_SUBJECTS.search(p.subject) and not forwarded:
        reasons.append(f"bounce subject: {_BOUNCE_SUBJECTS.search(p.subject).group(0)!r}")  # type: ignore[union-attr]
    if p.headers.get("x-failed-recipients"):
        reasons.append("X-Failed-Recipients present")
    text_hit = _BOUNCE_TEXTS.search(p.new_text[:4000])
    if text_hit:
        reasons.append(f"bounce text: {text_hit.group(0)!r}")
    fields = _report_fields(p)
    if fields:
        reasons.append("report fields: " + ", ".join(fields))
    return reasons


# A person's own account, above a report they paste, of the mail that came back ("I tried to send you my
# documents and got the message below", "申請書を送ったところ、以下のエラーが返ってきました").
_PASTED_INTRO = re.compile(
    r"\bI (?:tried|attempted) to (?:send|e-?mail|mail)\b"
    r"|\b(?:got|received|am getting|keep getting) (?:the|this|a|an) (?:message|error|notice|reply|bounce|mail)"
    r"[^.\n]{0,30}?\b(?:below|back)\b"
    r"|(?:送った|送信した|送付した|お送りした)(?:ところ|のですが|が|けど)[^。\n]{0,40}?(?:エラー|戻って|返って|届かな)"
    r"|(?:以下|下記)の(?:エラー|メッセージ|メール|通知)が(?:返って|戻って|届き|届いて)",
    re.I,
)
# The start of what a mail system wrote: its fields, its report or its statement of the failure.
_REPORT_START = (_DSN_FIELDS, _MTA_TEXTS, _BOUNCE_TEXTS, _SMTP_FAILURE)


def _pastes_a_report(text: str) -> bool:
    """Tell whether *text* is a person's account with a question, above a report they pasted into it."""
    starts = [m.start() for pattern in _REPORT_START if (m := pattern.search(text))]
    own = text[: min(starts)] if starts else text[:600]
    return bool(_PASTED_INTRO.search(own) and re.search(r"[?？]|ますか|でしょうか|教えて", own))


def _report_fields(p: ParsedMail) -> list[str]:
    """The report fields *p* opens with, if they include a result and one more; else empty.

    They count as one weak sign: a person's form ("理由：紛失") may have such lines, so a statement of the
    failure must come with them.  A person who forwards or answers a report, or asks the CA for something,
    writes their own mail.
    """
    if ANSWER_SUBJECT.match(p.subject):
        return []
    head = p.new_text[:1500]
    labels = sorted({m.group(1).lower() for m in _REPORT_FIELDS.finditer(head)})
    has_result = any(re.fullmatch(_REPORT_RESULT_FIELD, label, re.I) for label in labels)
    if len(labels) < 2 or not has_result or _asks_the_ca(head):
        return []
    return labels


def _auto_reply_reasons(p: ParsedMail) -> list[str]:
    """Collect every sign that *p* is an automatic reply (vacation, autoresponder, list)."""
    reasons: list[str] = reply_suppression(p)
    for name in ("x-autoreply", "x-autorespond", "x-auto-response-suppress-reply", "x-autogenerated"):
        if name in p.headers:
            reasons.append(f"{name} header present")
    precedence = p.headers.get("precedence", "").strip().lower()
    if precedence in _PRECEDENCE:
        reasons.append(f"Precedence: {precedence}" + ("" if precedence in _DECISIVE_PRECEDENCE else " (weak)"))
    if "list-id" in p.headers or "list-unsubscribe" in p.headers:
        reasons.append("mailing list headers present (weak)")
    if p.headers.get("x-ms-exchange-generated-message-source") or p.headers.get("x-ms-exchange-inbox-rules-loop"):
        reasons.append("Exchange generated message")
    subject_hit = _AUTO_SUBJECTS.search(p.subject)
    if subject_hit:
        reasons.append(f"auto-reply subject: {subject_hit.group(0)!r}")
    text_hit = _AUTO_TEXTS.search(p.new_text[:2000])
    if text_hit:
        reasons.append(f"auto-reply text: {text_hit.group(0)!r}")
        back = _BACK_ON.search(p.new_text[:2000])
        if back and not _ANY_TOPIC.search(p.new_text[:2000]):
            # An absence with the day it ends ("不在にしております（〜3月22日）", "until March 22") and
            # no word of any request: the whole text is a vacation note, a second sign beside the first.
            reasons.append(f"auto-reply text: an absence with its end and nothing asked ({back.group(0)!r})")
    if _TICKET_SUBJECT.match(p.subject) and _ACK_SUBJECT.search(p.subject + "\n" + p.new_text[:600]):
        reasons.append("ticket system acknowledgement")
    elif _ACK_SUBJECT_START.match(p.subject) and _TICKET_OPENED_TEXT.search(p.new_text[:1500]):
        reasons.append("ticket system acknowledgement")
    helpdesk = sorted({n for n in p.headers if n.lower().startswith(_HELPDESK_HEADER_PREFIXES)})
    if helpdesk:
        reasons.append(f"help-desk product headers: {', '.join(helpdesk)} (weak)")
    if p.headers.get("x-list-administrivia", "").strip().lower() == "yes":
        reasons.append("X-List-Administrivia: yes (a mailing list's own notice)")
    ctype = p.headers.get("content-type", "").lower()
    if ("multipart/report" in ctype and "disposition-notification" in ctype) or any(
        a.content_type == "message/disposition-notification" for a in p.attachments
    ):
        reasons.append("read receipt (message/disposition-notification)")
    elif _READ_RECEIPT_SUBJECT.match(p.subject) and len(p.new_text.strip()) <= 600:
        reasons.append("read receipt subject on a short text")
    # 「Re: 【自動返信】…」 is a person answering an auto-reply (often ours), not one itself.
    if _BRACKETED_AUTO_LABEL.search(p.subject) and not ANSWER_SUBJECT.match(p.subject):
        reasons.append("auto-reply label in brackets in the subject")
    own = p.new_text[:1500]
    declared = _SELF_DECLARED.search(own)
    if declared:
        reasons.append(f"the mail says it is automatic: {declared.group(0)!r}")
    away, later = _writer_away(own), _LATER_OR_ELSEWHERE.search(own)
    if away and later and len(own) <= 1200 and not _asks_the_ca(own):
        reasons.append(f"out-of-office text: {away.group(0)!r} with {later.group(0)!r}")
    retired, resend = _ADDRESS_RETIRED.search(own), _RESEND_TO_NEW.search(own)
    if retired and resend and len(own) <= 800 and not CA_CONTEXT.check(unicodedata.normalize("NFKC", own)):
        reasons.append(f"address-change notice: {retired.group(0)!r} with {resend.group(0)!r}")
    return reasons


# Someone other than the writer named as the one away ("部下の田中は外出中で", "本人が出張中のため"): a
# person writes on behalf of a colleague or a relative, which no out-of-office reply does.
_SOMEONE_ELSE_BEFORE = re.compile(
    r"(?:(?:本人|彼女?|部下|上司|同僚|息子|娘|夫|妻|主人|父|母|家族)(?:の[\u4e00-\u9fff]{1,4}(?:さん|君|くん|氏)?)?"
    # Where they are may stand before the word for away ("本人は海外出張中で").
    r"|[\u4e00-\u9fff]{1,4}(?:さん|君|くん))(?:は|が|も)(?:現在|今|いま|ただいま|本日|今日)?[、,]?(?:海外|国内|長期|地方)?$"
)


def _writer_away(text: str) -> re.Match[str] | None:
    """The first words of *text* that say its writer is away now, not a colleague or a relative."""
    for match in _AWAY_NOW.finditer(text):
        before = text[max(0, match.start() - 20) : match.start()]
        if not _SOMEONE_ELSE_BEFORE.search(before):
            return match
    return None


# A mail system's notice that the address written to is no longer read ("このアドレスは10月末で廃止しました",
# "旧アドレスへのメールは12月末で受信できなくなります") together with a request to write to the new one: an
# address-change notice, sent by itself to every sender.  A person who moves writes of their own address.
_ADDRESS_RETIRED = re.compile(
    r"(?:(?:この|本|当)(?:メール)?アドレス(?:は|宛て?の(?:メール|メッセージ)?は|へのメール(?:は)?)"
    r"|旧(?:メール)?アドレス(?:宛て?の(?:メール|メッセージ)?は|へのメール(?:は)?))"
    r"[^。\n]{0,40}?(?:廃止|使用(?:を)?(?:終了|停止)|利用(?:を)?(?:終了|停止)|(?:受信|お受け)(?:でき|いたし|致し)(?:ません|かね|なく)"
    r"|変更(?:いた)?(?:しました|されました|となりました|になりました))"
    r"|\bthis (?:e-?mail )?address (?:is no longer (?:in use|monitored|active|valid)|has (?:been )?(?:changed|retired"
    r"|discontinued)|will (?:be discontinued|no longer be (?:monitored|in use)))\b",
    re.I,
)
_RESEND_TO_NEW = re.compile(
    r"(?:新しい|新|変更後の)(?:メール)?アドレス[^。\n]{0,40}?(?:再送|送(?:信|付)し直|お送り|お願い|宛て?に|へ)"
    r"|再送(?:信)?(?:を|して|いただ|願|下さ|くださ)|アドレス帳[^。\n]{0,10}?(?:更新|変更|登録)"
    r"|\b(?:please )?(?:resend|re-send|update your (?:address book|records|contacts))\b"
    r"|\bmy new (?:e-?mail )?address\b",
    re.I,
)


def _asks_the_ca(text: str) -> bool:
    """Tell whether *text* is a person's own (one who says they are back, or asks the CA for something)."""
    norm = unicodedata.normalize("NFKC", text)
    if _BACK_AGAIN.search(norm):
        return True
    own = without_footers(norm)
    if COMPROMISE.check(own) and (REQUEST.check(own) or URGENCY.check(own)):
        # A lost device or a leak reported with a request or in haste is a person's report, however it
        # says that someone is away; no out-of-office reply tells of a loss (a virus-check footer is no loss).
        return True
    topic = REVOCATION.check(norm) or CANCEL_WORD.check(norm) or COMPROMISE.check(norm) or CORRECTION.check(norm)
    asks = (REQUEST.check(norm) and _FIRST_PERSON_ASK.search(norm)) or re.search(r"[?]|ますか|でしょうか", norm)
    asks = asks or re.search(r"(?:手続き?|処理)を?(?:進めて|お願い)", norm)
    return bool(topic and asks)


# A writer who says they are back from an absence writes now, in person.
_BACK_AGAIN = re.compile(
    r"(?:休暇|出張|不在|育休|産休|休業)から(?:戻り|復帰し)ました|(?:戻り|復帰し|帰社し)ました。"
    r"|(?<!when )(?<!until )(?<!once )(?<!after )\bI(?:'m| am) back\b"
    r"|\bI have (?:returned|come back)\b|\bjust got back\b",
    re.I,
)


# A person's own request: "…をお願いします", "…してください" said to us, "please revoke".
_FIRST_PERSON_ASK = re.compile(
    r"(?:失効|キャンセル|取り?消し|取消|訂正|修正)(?:手続き)?(?:を|して|させて|の手続きを)?[^。\n]{0,8}"
    r"(?:お願い(?:いた)?します|お願いできますか|してください|して下さい|いただけますか|頂けますか|したいです)"
    r"|\bplease (?:revoke|cancel|correct|withdraw|deactivate)\b|\bI (?:want|would like|need) to (?:revoke|cancel)\b",
    re.I,
)


def _original_message_id(p: ParsedMail) -> str | None:
    """Find the Message-ID of the mail that bounced, from the returned message or headers."""
    for att in p.attachments:
        if att.content_type in ("message/rfc822", "text/rfc822-headers", "message/global"):
            try:
                inner = message_from_bytes(att.payload, policy=compat32)
                found = _MSGID.findall(str(inner.get("message-id", "")))
            except Exception:  # noqa: BLE001 - a broken returned message just yields no id.
                found = []
            if found:
                return found[0]
    # Some gateways paste the original headers into the body instead.
    match = re.search(r"^\s*Message-ID:\s*(<[^<>\s]+>)", p.text, re.I | re.M)
    return match.group(1) if match else None


def detect_automated(mail: ParsedMail | bytes) -> AutomatedResult:
    """Classify a mail as ``none``, ``auto_reply`` or ``bounce`` with the reasons recorded.

    Accepts a :class:`ParsedMail` or raw bytes.  The result unpacks as
    ``verdict, reasons``; a bounce's ``original_message_id`` is an attribute.  A bounce
    needs strong evidence (a DSN part or a daemon sender) or two weaker signs, because
    customers do forward bounces with a question of their own.
    """
    p = mail if isinstance(mail, ParsedMail) else parse_message(bytes(mail))
    bounce = _bounce_reasons(p)
    strong_signs = (
        "content-type",
        "has a message/delivery-status",
        "sender is",
        "mail system report",
        "delivery status fields",
    )
    strong = any(r.startswith(strong_signs) for r in bounce)
    only_sender = bool(bounce) and all(r.startswith("sender is ") for r in bounce)
    if only_sender and _PERSONS_NOTE.search(p.new_text[:600]):
        # "test mail from new mail server, please ignore": an administrator writes from the postmaster
        # address in person, and nothing in the mail is a report of a failed delivery.
        return AutomatedResult("none", [*bounce, "the daemon address writes a note of its own, not a report"])
    if strong or len(bounce) >= 2:
        return AutomatedResult("bounce", bounce, _original_message_id(p))
    auto = _auto_reply_reasons(p)
    fax = fax_notice_reasons(p) or _fax_received_reasons(p)
    if fax:
        # A fax-to-email gateway marks its notices Auto-Submitted, but the faxed pages are a
        # person's own request: the gateway is a channel, not an answer to our mail.
        return AutomatedResult("none", [*auto, *fax, "a fax notice carries a person's faxed pages"])
    relay = form_relay_reasons(p.new_text)
    if relay:
        # A contact form's script marks its mail Auto-Submitted too; the fields it relays are a
        # person's request.  Whether it may be answered automatically is reply_suppression()'s matter.
        return AutomatedResult("none", [*auto, *relay])
    # Header signs decide alone; so does a subject that starts with an auto-reply label
    # ("自動返信:", "Automatic reply:").  A phrase in the text alone does not, because a
    # customer may well write "不在のため" in a real request.
    weak = ("auto-reply subject", "auto-reply text")
    decisive = [r for r in auto if not r.startswith(weak) and not r.endswith("(weak)")]
    if _AUTO_SUBJECT_PREFIX.match(p.subject):
        decisive.append("subject starts with an auto-reply label")
    weak_signs = [r for r in auto if r.startswith(weak) or r == "ticket system acknowledgement" or r.endswith("(weak)")]
    if decisive or (len(weak_signs) >= 2 and any(not r.endswith("(weak)") for r in weak_signs)):
        return AutomatedResult("auto_reply", auto + [r for r in decisive if r not in auto])
    return AutomatedResult("none", auto)


def reply_suppression(p: ParsedMail) -> list[str]:
    """Return the header sign by which *p* asks not to be answered automatically (RFC 3834, section 2).

    This is apart from the verdict: a fax gateway's notice or a contact form's relay is a person's
    request (verdict ``none``) that its sending program nevertheless marks ``Auto-Submitted``.
    Such a request gets a case, but no automatic acknowledgement; an operator answers it.
    Microsoft's ``X-Auto-Response-Suppress`` is not read here: it is a hint to Exchange's own
    responders, and a person's mail client may set it on an ordinary request.
    """
    auto_submitted = p.headers.get("auto-submitted", "").strip().lower()
    if auto_submitted and auto_submitted.split(";")[0].strip() != "no":
        return [f"Auto-Submitted: {auto_submitted}"]
    return []
