"""Every text Madoguchi sends by email, Japanese first and English second, in one place.

Templates are ``str.format`` strings; the placeholders come from :func:`render`'s context.
Texts never ask for a phone number: callbacks always go to the number registered on the
application form.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MailText:
    """Subject and body of one kind of mail, in both languages."""

    subject_ja: str
    subject_en: str
    body_ja: str
    body_en: str


_CALLBACK_JA = (
    "本人確認のため、iPROVE CA局より発行申込書にご記載の電話番号へ折り返しお電話いたします。"
    "メール等に記載された別の電話番号にはおかけしません。"
)
_CALLBACK_EN = (
    "To confirm your identity, the CA will call you back at the phone number written on your "
    "application form. We never call a number given in an email or chat message."
)

TEXTS: dict[str, MailText] = {
    "ack": MailText(
        "受付のお知らせ", "Request received",
        "{name} 様\n\nお申し出（{kind_ja}）を受け付けました。受付番号は {tag} です。\n" + _CALLBACK_JA
        + "\nこのメールに返信される場合は件名の受付番号を消さずにお送りください。",
        "Dear {name},\n\nWe have received your request ({kind_en}). Your case number is {tag}.\n" + _CALLBACK_EN
        + "\nIf you reply, please keep the case number in the subject.",
    ),
    "ack_documents": MailText(
        "受付のお知らせ（書類のご提出について）", "Request received: documents required",
        "{name} 様\n\nお申し出（{kind_ja}）を受け付けました。受付番号は {tag} です。\n"
        "失効請求書には発行申込書と同じ印鑑を捺印してください。同じ印鑑が使用できない場合は実印を捺印し、"
        "印鑑登録証明書を添付してください。転居や氏名の変更があった場合は戸籍謄本・抄本などの公的書類も必要です。\n"
        "書類の確認後、" + _CALLBACK_JA,
        "Dear {name},\n\nWe have received your request ({kind_en}). Your case number is {tag}.\n"
        "Please stamp the revocation request form with the same seal as the application form. If you cannot, "
        "use your registered seal and attach its seal registration certificate; after a move or a change of "
        "name, also attach an official record such as a family register extract.\n"
        "Once the documents are checked, " + _CALLBACK_EN[0].lower() + _CALLBACK_EN[1:],
    ),
    "documents_missing": MailText(
        "書類の不足について", "Documents missing",
        "{name} 様\n\n受付番号 {tag} について、必要な書類がそろっておりません。"
        "発行申込書と同じ印鑑、または実印と印鑑登録証明書をご用意のうえ、改めてご提出ください。",
        "Dear {name},\n\nThe documents for case {tag} are not complete. Please send them again with the seal "
        "used on the application, or your registered seal with its registration certificate.",
    ),
    "refused_cancellation_too_late": MailText(
        "申込の取り消しについて", "About cancelling your application",
        "{name} 様\n\n受付番号 {tag} について。照会書の返送、会費の入金、オンライン申請の入力がすべて完了しているため、"
        "発行申込の取り消しはできません。証明書が不要になった場合は失効請求をお願いいたします。",
        "Dear {name},\n\nCase {tag}: the inquiry form has been returned, the fee paid and the online application "
        "entered, so the application can no longer be cancelled. If you no longer need the certificate, "
        "please request its revocation.",
    ),
    "refused_already_revoked": MailText(
        "失効済みの証明書について", "Certificate already revoked",
        "{name} 様\n\n受付番号 {tag} について。対象の電子証明書はすでに失効しています。",
        "Dear {name},\n\nCase {tag}: the certificate concerned has already been revoked.",
    ),
    "refused_correction_too_late": MailText(
        "証明書記載内容の訂正について", "About correcting your certificate",
        "{name} 様\n\n受付番号 {tag} について。記載内容の訂正による再発行は発行後10日までのお申し出に限ります。"
        "現在の証明書の失効請求を行い、新規に発行申込をお願いいたします。",
        "Dear {name},\n\nCase {tag}: corrections are re-issued only when reported within 10 days of issuance. "
        "Please request revocation of the current certificate and make a new application.",
    ),
    "refused_emergency_unreachable": MailText(
        "緊急失効について", "About your emergency revocation",
        "{name} 様\n\n受付番号 {tag} について。発行申込書にご記載の電話番号で確認が取れなかったため、"
        "緊急失効はできません。失効請求書（発行申込書と同じ印鑑、または実印と印鑑登録証明書）を郵送してください。"
        "書類の確認後に失効いたします。",
        "Dear {name},\n\nCase {tag}: we could not confirm the request at the phone number on your application, "
        "so emergency revocation is not possible. Please post the revocation request form (with the seal used "
        "on the application, or your registered seal and its certificate); we revoke after checking it.",
    ),
    "rejected_denied": MailText(
        "お申し出について", "About the request",
        "{name} 様\n\n受付番号 {tag} について、ご登録の電話番号で確認したところ、"
        "ご本人からのお申し出ではないとのことでしたので、手続きは行いません。",
        "Dear {name},\n\nCase {tag}: the holder told us at the registered phone number that they did not make "
        "this request, so nothing was done.",
    ),
    "rejected": MailText(
        "お申し出の結果", "Result of your request",
        "{name} 様\n\n受付番号 {tag} のお申し出はお受けできませんでした。ご不明な点はCA局までお問い合わせください。",
        "Dear {name},\n\nWe could not accept the request {tag}. Please contact the CA if you have questions.",
    ),
    "result_revoked": MailText(
        "失効完了のお知らせ", "Certificate revoked",
        "{name} 様\n\n受付番号 {tag} について、シリアル番号 {serial} の電子証明書を失効しました。"
        "失効リスト（CRL番号 {crl_number}）をリポジトリに公開しました。",
        "Dear {name},\n\nCase {tag}: the certificate with serial number {serial} has been revoked and "
        "CRL number {crl_number} is published in the repository.",
    ),
    "result_cancelled": MailText(
        "申込取り消し完了のお知らせ", "Application cancelled",
        "{name} 様\n\n受付番号 {tag} について、発行申込を取り消しました。"
        "住民票の写しの返却をご希望の場合はお知らせください。",
        "Dear {name},\n\nCase {tag}: your application has been cancelled. Tell us if you would like the copy "
        "of your residence certificate returned.",
    ),
    "result_reissued": MailText(
        "再発行完了のお知らせ", "Corrected certificate issued",
        "{name} 様\n\n受付番号 {tag} について、記載内容に誤りのあった証明書（シリアル番号 {serial}）を失効し、"
        "訂正した内容で証明書を再発行しました。",
        "Dear {name},\n\nCase {tag}: the certificate with the wrong contents (serial {serial}) has been revoked "
        "and a corrected certificate has been issued.",
    ),
    "faq_answer": MailText(
        "お問い合わせへの回答", "Answer to your question",
        "{name} 様\n\nお問い合わせありがとうございます（受付番号 {tag}）。\n\nQ. {question_ja}\nA. {answer_ja}",
        "Dear {name},\n\nThank you for your question (case {tag}).\n\nQ. {question_en}\nA. {answer_en}",
    ),
    # Automatic replies to a sender who is not authenticated or not on record (core.replypolicy):
    # nothing about a case or anyone's records.
    "ack_unverified": MailText(
        "受付のお知らせ", "Message received",
        "お客様\n\nお問い合わせを受け付けました。\n"
        "取り消し・失効などのご依頼の場合は、ご本人確認のため、iPROVE CA局より発行申込書にご記載の電話番号へ"
        "折り返しお電話いたします。メール等に記載された別の電話番号にはおかけしません。"
        "このメールには、ご依頼の内容やご登録情報は記載しておりません。",
        "Dear customer,\n\nWe have received your message.\n"
        "If it is a request such as a cancellation or a revocation, the CA will call back the phone number "
        "written on the application form to confirm your identity; we never call a number given in an email "
        "or chat message. For your protection this mail does not repeat your request or any registered details.",
    ),
    "faq_answer_public": MailText(
        "お問い合わせへの回答", "Answer to your question",
        "お客様\n\nお問い合わせありがとうございます。\n\nQ. {question_ja}\nA. {answer_ja}",
        "Dear customer,\n\nThank you for your question.\n\nQ. {question_en}\nA. {answer_en}",
    ),
    # The one-time link for a request written in a chat (core.chatlinks).
    "chat_link": MailText(
        "チャットでのご依頼の確認", "Confirm the request you wrote in the chat",
        "お客様\n\nチャットでこのメールアドレスをお知らせいただきました。\n"
        "ご依頼を送信するには、{minutes} 分以内に次のリンクを開き、内容を確認して「依頼を送信する」を押してください"
        "（1回だけ使えます）。\n\n{link}\n\n"
        "お心当たりがない場合は、このメールを破棄してください。ご依頼は受け付けられません。\n" + _CALLBACK_JA,
        "Dear customer,\n\nThis email address was given in our chat.\n"
        "To send the request, open this link within {minutes} minutes, check it and press \"Send the request\" "
        "(it works once):\n\n{link}\n\n"
        "If you did not ask for this, please delete this mail; no request is made.\n" + _CALLBACK_EN,
    ),
    "renewal_notice": MailText(
        "電子証明書の更新のご案内", "Your certificate expires soon",
        "{name} 様\n\nシリアル番号 {serial} の電子証明書の有効期間は {not_after} に満了します。"
        "更新のお申込み（申込番号 {renewal_reference}）を、前回の内容を記入した状態でご用意しました。"
        "次のページから内容をご確認のうえお申込みください。\n{renewal_url}",
        "Dear {name},\n\nThe certificate with serial {serial} expires on {not_after}. A renewal application "
        "(reference {renewal_reference}) has been prepared with the details of your last one; please check "
        "and complete it here:\n{renewal_url}",
    ),
}

KIND_NAMES: dict[str, tuple[str, str]] = {
    "cancellation": ("発行申込の取り消し", "cancellation of an application"),
    "revocation": ("失効請求", "revocation"),
    "emergency_revocation": ("緊急失効", "emergency revocation"),
    "death_notice": ("名義人死亡届による失効", "revocation after the holder's death"),
    "correction": ("記載内容の訂正", "correction of certificate contents"),
    "faq": ("お問い合わせ", "question"),
    "other": ("お問い合わせ", "enquiry"),
}


KINDS: tuple[str, ...] = tuple(TEXTS)
#: Mails that never name the addressee (their address is not established as a person on record).
NAMELESS: frozenset[str] = frozenset({"ack_unverified", "faq_answer_public", "chat_link"})
DEFAULT_NAME_JA = "お客"
DEFAULT_NAME_EN = "Customer"
SEPARATOR = "\n\n――――― English ―――――\n\n"
SIGNATURE = "-- \niPROVE CA局 窓口 / CA help desk\nこのメールにはご返信いただけます。 / You may reply to this message."


class _Default(dict[str, object]):
    """A format mapping that shows a dash for a field the context does not have."""

    def __missing__(self, key: str) -> str:
        return "-"


def render(template: str, context: dict[str, object]) -> tuple[str, str]:
    """Return ``(subject, body)`` of *template*, Japanese first and English second."""
    text = TEXTS[template]
    kind = str(context.get("kind", "other"))
    names = KIND_NAMES.get(kind, KIND_NAMES["other"])
    ctx = _Default({"kind_ja": names[0], "kind_en": names[1], **context})
    name = str(context.get("name") or "")
    tag = context.get("tag")
    prefix = f"[{tag}] " if tag else ""
    subject = f"{prefix}{text.subject_ja} / {text.subject_en}"
    ja = text.body_ja.format_map(_Default({**ctx, "name": name or DEFAULT_NAME_JA}))
    en = text.body_en.format_map(_Default({**ctx, "name": name or DEFAULT_NAME_EN}))
    return subject, ja + SEPARATOR + en + "\n\n" + SIGNATURE + "\n"
