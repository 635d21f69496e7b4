"""Every user-facing text of the mail intake, Japanese first and English second.

Templates use ``str.format`` fields; the fields each kind needs are listed beside it.
Keeping all wording here lets the CA's staff review it in one place.  Texts never ask the
customer for a phone number: callbacks always go to the number registered on the
application form.
"""

from __future__ import annotations

from typing import Final

SUBJECTS: Final[dict[str, str]] = {
    # Fields: tag.
    "ack": "[{tag}] お問い合わせを受け付けました / We have received your message",
    "result_revoked": "[{tag}] 電子証明書を失効しました / Your certificate has been revoked",
    "result_cancelled": "[{tag}] 発行申込を取り消しました / Your application has been cancelled",
    "refused": "[{tag}] ご依頼をお受けできませんでした / We could not accept your request",
    "renewal_notice": "[{tag}] 電子証明書の有効期間満了のお知らせ / Your certificate will expire soon",
    "faq_answer": "[{tag}] お問い合わせへの回答 / Answer to your question",
}

BODIES_JA: Final[dict[str, str]] = {
    # Fields: name, tag.
    "ack": (
        "{name} 様\n\n"
        "iPROVE CA局です。お問い合わせを受け付けました。受付番号は {tag} です。\n"
        "このメールに返信される場合は、件名の受付番号を消さずにお送りください。\n"
        "失効・取り消しのご依頼は、発行申込書に記載された電話番号へ当局からお電話して"
        "ご意思を確認したうえで処理いたします。"
    ),
    # Fields: name, tag, serial, revoked_at.
    "result_revoked": (
        "{name} 様\n\n"
        "ご依頼（受付番号 {tag}）により、シリアル番号 {serial} の電子証明書を {revoked_at} に失効しました。\n"
        "失効した電子証明書は今後ご利用になれません。失効は失効リスト（CRL）に公開されます。"
    ),
    # Fields: name, tag.
    "result_cancelled": (
        "{name} 様\n\n"
        "ご依頼（受付番号 {tag}）により、電子証明書の発行申込を取り消しました。\n"
        "住民票の写しの返却をご希望の場合は、このメールにご返信ください。"
    ),
    # Fields: name, tag, explanation_ja.
    "refused": (
        "{name} 様\n\n申し訳ございませんが、ご依頼（受付番号 {tag}）をお受けできませんでした。\n理由: {explanation_ja}"
    ),
    # Fields: name, tag, serial, expires_on.
    "renewal_notice": (
        "{name} 様\n\n"
        "シリアル番号 {serial} の電子証明書の有効期間は {expires_on} に満了します。\n"
        "更新は新規発行と同様のお申込手続きをお願いいたします。"
    ),
    # Fields: name, tag, answer_ja.
    "faq_answer": ("{name} 様\n\nお問い合わせ（受付番号 {tag}）にお答えします。\n\n{answer_ja}"),
}

BODIES_EN: Final[dict[str, str]] = {
    "ack": (
        "Dear {name},\n\n"
        "This is the iPROVE CA. We have received your message; your reference is {tag}.\n"
        "When you reply, please keep the reference in the subject.\n"
        "Before we act on a revocation or cancellation we call you back on the telephone number "
        "given on your application form to confirm it."
    ),
    "result_revoked": (
        "Dear {name},\n\n"
        "As you requested (reference {tag}), the certificate with serial number {serial} was revoked "
        "at {revoked_at}.\nIt can no longer be used; the revocation is published in the CRL."
    ),
    "result_cancelled": (
        "Dear {name},\n\n"
        "As you requested (reference {tag}), your certificate application has been cancelled.\n"
        "If you would like the copy of your residence certificate returned, please reply to this mail."
    ),
    "refused": (
        "Dear {name},\n\n"
        "We are sorry, but we could not accept your request (reference {tag}).\n"
        "Reason: {explanation_en}"
    ),
    "renewal_notice": (
        "Dear {name},\n\n"
        "Your certificate with serial number {serial} expires on {expires_on}.\n"
        "To renew it, please apply in the same way as for a new certificate."
    ),
    "faq_answer": ("Dear {name},\n\nHere is the answer to your question (reference {tag}).\n\n{answer_en}"),
}

SIGNATURE: Final[str] = (
    "--\n"
    "iPROVE CA局 / iPROVE CA\n"
    "このメールは送信専用ではありません。ご返信いただけます。\n"
    "You may reply to this message."
)

SEPARATOR: Final[str] = "\n\n――――― English ―――――\n\n"

DEFAULT_NAME_JA: Final[str] = "お客"
DEFAULT_NAME_EN: Final[str] = "Customer"

KINDS: Final[tuple[str, ...]] = tuple(SUBJECTS)
