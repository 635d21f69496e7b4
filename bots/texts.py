"""User-facing texts of the chat bots (Telegram and web chat), Japanese first, English second.

Every text is looked up through :func:`t` with a language code; unknown codes get Japanese.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "start": {
        "ja": (
            "iPROVE 認証局のヘルプデスク（窓口）です。\n"
            "電子証明書についてのご質問を、そのままお書きください。\n"
            "取り消し・失効などのご依頼も受け付けます。ご本人確認のため、認証局から"
            "お申し込み時にご登録の電話番号へお電話します。"
        ),
        "en": (
            "This is the iPROVE certification authority help desk (Madoguchi).\n"
            "Type your question about certificates in your own words.\n"
            "We also take requests such as cancellation or revocation; to verify your identity "
            "the CA will call the phone number registered on your application."
        ),
    },
    "help": {
        "ja": (
            "使い方:\n"
            "・質問を書いて送ると、よくある質問から回答します。\n"
            "・回答の下のボタンで関連する質問を表示できます。\n"
            "・👍/👎 で回答が役に立ったか教えてください。\n"
            "・取り消し・失効・記載内容の訂正などのご依頼は受付番号を発行し、"
            "登録済みの電話番号へ折り返しご連絡します。\n"
            "このチャットで電話番号や暗証番号（PIN）を送らないでください。"
        ),
        "en": (
            "How to use:\n"
            "- Send a question and I answer from the FAQ.\n"
            "- Buttons under an answer show related questions.\n"
            "- Tell us with 👍/👎 whether the answer helped.\n"
            "- Requests (cancellation, revocation, corrections) get a case number and the CA "
            "calls back the phone number registered on your application.\n"
            "Never send phone numbers or PINs in this chat."
        ),
    },
    "case_opened": {
        "ja": (
            "ご依頼を受け付けました。受付番号: {tag}\n"
            "ご本人確認のため、認証局からお申し込み時にご登録いただいた電話番号へ折り返しお電話します。"
            "このチャットでは電話番号をお送りいただく必要はありません（お送りいただいても使用しません）。"
        ),
        "en": (
            "Your request has been received. Case number: {tag}\n"
            "To verify your identity, the CA will call back the phone number registered on your "
            "application. Please do not send a phone number here; a chat account is not proof of identity."
        ),
    },
    "urgent_note": {
        "ja": "緊急の失効は FAX でも受け付けています。詳しくは CPS とユーザマニュアルをご確認ください。",
        "en": "Urgent revocation is also accepted by fax; see the CPS and the user manual.",
    },
    "unanswered": {
        "ja": (
            "申し訳ありません。このご質問に確かな回答が見つかりませんでした。"
            "担当者に引き継ぎましたので、後ほど回答を追加します。"
        ),
        "en": ("Sorry, I could not find a reliable answer to this question. It has been passed on to our staff."),
    },
    "closest": {"ja": "もしかして…", "en": "Did you mean…"},
    "related": {"ja": "関連する質問:", "en": "Related questions:"},
    "helpful": {"ja": "この回答は役に立ちましたか？", "en": "Was this helpful?"},
    "thanks_feedback": {"ja": "ご評価ありがとうございました。", "en": "Thank you for your feedback."},
    "rate_limited": {
        "ja": "短い時間に多くのメッセージを受け取りました。少し時間をおいてからもう一度お送りください。",
        "en": "You are sending messages very quickly. Please wait a moment and try again.",
    },
    "unknown_entry": {"ja": "その質問は見つかりませんでした。", "en": "That question was not found."},
    "empty": {"ja": "ご質問を文章でお書きください。", "en": "Please type your question as text."},
}


def t(key: str, language: str, **values: str) -> str:
    """The text *key* in *language* (Japanese when the language is not available)."""
    variants = TEXTS[key]
    text = variants.get(language) or variants["ja"]
    return text.format(**values) if values else text


def pick_language(language_code: str | None, fallback: str = "ja") -> str:
    """Map a client language code ("en-US", "ja") to "en" or "ja"."""
    if language_code:
        code = language_code.lower()
        if code.startswith("en"):
            return "en"
        if code.startswith("ja"):
            return "ja"
    return fallback
