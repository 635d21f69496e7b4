"""User-facing texts of the chat bots (Telegram and web chat), Japanese first, English second.

Every text is looked up through :func:`t` with a language code; unknown codes get Japanese.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "start": {
        "ja": (
            "iPROVE 認証局のヘルプデスク（窓口）です。\n"
            "電子証明書についてのご質問を、そのままお書きください。\n"
            "取り消し・失効などのご依頼は、お申し込み時にご登録のメールアドレスへお送りする確認リンクから"
            "お受けします。ご本人確認のため、認証局からご登録の電話番号へお電話します。"
        ),
        "en": (
            "This is the iPROVE certification authority help desk (Madoguchi).\n"
            "Type your question about certificates in your own words.\n"
            "Requests such as cancellation or revocation are taken through a confirmation link mailed to "
            "the email address registered on your application; to verify your identity the CA will call "
            "the phone number registered on your application."
        ),
    },
    "help": {
        "ja": (
            "使い方:\n"
            "・質問を書いて送ると、よくある質問から回答します。\n"
            "・回答の下のボタンで関連する質問を表示できます。\n"
            "・👍/👎 で回答が役に立ったか教えてください。\n"
            "・取り消し・失効・記載内容の訂正などのご依頼は、ご登録のメールアドレスをお知らせいただくと"
            "確認リンクをお送りします。リンクを開いて送信すると受付となり、登録済みの電話番号へ折り返しご連絡します。\n"
            "このチャットで電話番号や暗証番号（PIN）を送らないでください。"
        ),
        "en": (
            "How to use:\n"
            "- Send a question and I answer from the FAQ.\n"
            "- Buttons under an answer show related questions.\n"
            "- Tell us with 👍/👎 whether the answer helped.\n"
            "- For requests (cancellation, revocation, corrections), give your registered email address and "
            "we mail you a confirmation link; the request is made when you follow it, and the CA calls back "
            "the phone number registered on your application.\n"
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
    # A request written in the chat opens no case: the procedure, then the registered address.
    "request_procedure": {
        "ja": (
            "ご依頼の内容を承りました（まだ受付は完了していません）。\n"
            "チャットではご本人確認ができないため、次の手順でお受けします。\n"
            "1. お申し込み時にご登録いただいたメールアドレスを、このチャットにそのままお送りください。\n"
            "2. ご登録のアドレスであれば、確認用のリンク（30分間・1回限り有効）をメールでお送りします。\n"
            "3. リンクを開いて「依頼を送信する」を押すと受付となり、認証局からお申し込み時にご登録の"
            "電話番号へ折り返しお電話します。\n"
            "電話番号や暗証番号（PIN）はこのチャットに送らないでください。"
        ),
        "en": (
            "We have noted your request (it is not submitted yet).\n"
            "A chat cannot show who you are, so requests are taken like this:\n"
            "1. Send the email address registered on your application here, on its own.\n"
            "2. If it is a registered address, we mail a confirmation link to it (valid 30 minutes, once).\n"
            "3. Open the link and press \"Send the request\": the request is then made, and the CA calls back "
            "the phone number registered on your application.\n"
            "Never send phone numbers or PINs in this chat."
        ),
    },
    "emergency_procedure": {
        "ja": (
            "【緊急の失効】iPROVE CA局は FAX による緊急失効を受け付けています（詳細は CPS とユーザマニュアル）。"
            "FAX を受け付けた後、認証局から発行申込書にご記載の電話番号へ確認のお電話をします。"
            "この電話番号が使用できない場合、緊急失効はできません。"
        ),
        "en": (
            "[Emergency revocation] The iPROVE CA accepts emergency revocation by fax (see the CPS and the "
            "user manual). After the fax, the CA calls the phone number written on your application form to "
            "confirm; if that number cannot be reached, emergency revocation is not possible."
        ),
    },
    "possible_emergency": {
        "ja": (
            "ご連絡の内容から、証明書の鍵や端末がお手元にない（紛失・盗難・漏えい）おそれがあります。"
            "その場合は、次の緊急失効の手続きをお急ぎください。"
        ),
        "en": (
            "Your message suggests that your certificate's key or device may be out of your hands (lost, stolen "
            "or leaked). If so, please follow the emergency revocation procedure below at once."
        ),
    },
    "link_sent": {
        "ja": (
            "ありがとうございます。このアドレスがご登録のものであれば、確認用のリンクをお送りしました。"
            "30分以内にメールのリンクを開いてください。メールが届かない場合は、ご登録のアドレスをご確認のうえ"
            "もう一度お送りいただくか、メール・FAX でお申し出ください。"
        ),
        "en": (
            "Thank you. If this is a registered address, a confirmation link has been mailed to it; please open "
            "it within 30 minutes. If no mail arrives, check the address registered on your application and "
            "send it again, or write to us by email or fax."
        ),
    },
    "link_no_request": {
        "ja": "先にご依頼の内容をお書きください。その後、ご登録のメールアドレスをお送りください。",
        "en": "Please first write what you would like us to do, then send your registered email address.",
    },
    "request_limited": {
        "ja": (
            "現在、チャットでのご依頼を受け付けられません。時間をおいてお試しいただくか、"
            "メール・FAX でお申し出ください。"
        ),
        "en": "We cannot take requests in this chat right now. Please try again later, or write to us by email or fax.",
    },
    # The page behind the one-time link (bots/linkpage.py).
    "link_title": {"ja": "ご依頼の送信", "en": "Send your request"},
    "link_intro": {
        "ja": "チャットでお書きいただいた次のご依頼を送信します。内容をご確認ください。",
        "en": "This sends the request you wrote in our chat. Please check it.",
    },
    "link_button": {"ja": "依頼を送信する", "en": "Send the request"},
    "link_used": {
        "ja": "このリンクはすでに使用されています。ご依頼は受付済みです。",
        "en": "This link has been used already; the request was submitted.",
    },
    "link_expired": {
        "ja": "このリンクは有効期限が切れています。もう一度チャットでご依頼ください。",
        "en": "This link has expired. Please write your request in the chat again.",
    },
    "link_unknown": {
        "ja": "このリンクは無効です。メールのリンクをそのまま開いてください。",
        "en": "This link is not valid. Please open the link in the mail exactly as it is.",
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
