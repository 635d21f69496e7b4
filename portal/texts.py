"""Every text the applicants' portal shows, Japanese first with English alongside.

Templates call ``t("key")`` and get both languages; a missing key raises so that a typo
fails the tests instead of showing a blank label to an applicant.  Refusals of the service
layer are shown by their rule id (``rule_<id>``), never by matching on wording.
"""

from __future__ import annotations

from markupsafe import Markup, escape

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("電子証明書 オンライン申請", "Online certificate application"),
    "login_intro": (
        "照会書に印刷された申込番号とワンタイムコードを入力してください。",
        "Enter the application reference and the one-time code printed on your inquiry form.",
    ),
    "reference": ("申込番号", "Application reference"),
    "code": ("ワンタイムコード", "One-time code"),
    "login_button": ("次へ", "Continue"),
    "logout": ("終了する", "Finish"),
    "application": ("申込番号", "Application"),
    "values_title": ("申込内容の入力", "Your values"),
    "values_intro": (
        "発行申込書に記載したとおりに入力してください。CA局の担当者が申込書と照合します。",
        "Enter the values exactly as written on your application form. The CA compares them with the form.",
    ),
    "name": ("氏名", "Name"),
    "name_kana": ("氏名（フリガナ）", "Name in kana"),
    "email": ("メールアドレス", "E-mail address"),
    "phone": ("電話番号", "Phone number"),
    "address": ("住所", "Address"),
    "validity_note": (
        "有効期間は発行日から1年1か月です（選択できません）。",
        "Certificates are valid for 1 year 1 month from issuance; this cannot be chosen.",
    ),
    "key_title": ("鍵ペアと証明書署名要求（CSR）", "Key pair and certificate request (CSR)"),
    "key_intro": (
        "鍵ペアはこのブラウザの中で作成され、秘密鍵がCA局に送られることはありません。"
        "CA局に送られるのは公開鍵を含む署名要求（PKCS#10）だけです。",
        "The key pair is made inside this browser; the private key is never sent to the CA. "
        "Only the certificate request (PKCS#10) with the public key is sent.",
    ),
    "key_algorithm": ("鍵の種類", "Key type"),
    "generate": ("このブラウザで鍵ペアを作成する", "Make the key pair in this browser"),
    "generated": ("鍵ペアを作成しました。公開鍵のSHA-256:", "Key pair made. SHA-256 of the public key:"),
    "save_key": ("秘密鍵を保存（PKCS#8 PEM）", "Save the private key (PKCS#8 PEM)"),
    "save_key_note": (
        "秘密鍵は証明書と組み合わせて使います。必ずファイルに保存し、安全な場所に保管してください。"
        "このブラウザ（IndexedDB）にも保存されますが、ブラウザのデータを消去すると失われます。"
        "秘密鍵を失うと証明書は使えません。",
        "You need the private key together with the certificate. Save it to a file and keep it safe. "
        "It is also kept in this browser (IndexedDB), but clearing the browser's data deletes it. "
        "Without the private key the certificate cannot be used.",
    ),
    "no_webcrypto": (
        "このブラウザでは鍵ペアを作成できません。下の openssl の手順で作成したCSRを添付してください。",
        "This browser cannot make the key pair. Attach a CSR made with openssl as described below.",
    ),
    "openssl_title": ("openssl で作成する場合", "If you prefer openssl"),
    "openssl_intro": (
        "秘密鍵を自分のコンピューターで作成し、CSRファイルを添付することもできます。CSRの氏名等は使われず、"
        "証明書の記載内容は申込書から取られます。",
        "You may make the private key on your own computer and attach the CSR file instead. The names in the CSR "
        "are not used: the certificate's contents come from your application form.",
    ),
    "csr_file": ("CSRファイル（PEM または DER）", "CSR file (PEM or DER)"),
    "submit": ("申請する", "Apply"),
    "entries_title": ("申請の状況", "Your applications"),
    "entries_empty": ("まだ申請はありません。", "No applications yet."),
    "count_info": ("発行予定枚数: {requested}（発行済み {issued}）",
                   "Certificates requested: {requested} ({issued} issued)"),
    "status_pending": ("照合待ち", "Waiting for the CA"),
    "status_issuing": ("発行中", "Being issued"),
    "status_issued": ("発行済み", "Issued"),
    "status_mismatch": ("不一致", "Did not match"),
    "entered_at": ("申請日時", "Entered"),
    "status": ("状況", "Status"),
    "serial": ("シリアル番号", "Serial"),
    "not_after": ("有効期限", "Valid until"),
    "download": ("ダウンロード", "Download"),
    "download_pem": ("証明書（PEM）", "Certificate (PEM)"),
    "download_der": ("証明書（DER）", "Certificate (DER)"),
    "download_chain": ("証明書チェーン（PEM）", "Chain (PEM)"),
    "application_rejected": (
        "この申込は却下されました。CA局にお問い合わせください。",
        "This application has been rejected. Please contact the CA.",
    ),
    "application_closed_note": (
        "この申込では、これ以上オンライン申請できません。",
        "No more online applications can be made on this application.",
    ),
    "msg_submitted": (
        "申請を受け付けました。CA局が申込書と照合した後、メールでお知らせします。",
        "Your application is received. The CA will compare it with your form and tell you by e-mail.",
    ),
    "msg_logged_out": ("終了しました。", "You have finished."),
    "err_csrf": ("画面の有効期限が切れました。もう一度お試しください。", "The page expired. Please try again."),
    "err_rate": ("試行回数が多すぎます。しばらくしてからお試しください。",
                 "Too many attempts. Please wait a while and try again."),
    "err_session": ("もう一度、申込番号とワンタイムコードを入力してください。",
                    "Please enter your reference and one-time code again."),
    "err_no_csr": ("鍵ペアを作成するか、CSRファイルを添付してください。",
                   "Make the key pair or attach a CSR file."),
    "rule_online-code-wrong": ("申込番号またはワンタイムコードが正しくありません。",
                               "The reference or the one-time code is wrong."),
    "rule_online-code-locked": (
        "誤りが続いたため、この申込番号は一時的にロックされています。1時間後にお試しください。",
        "Too many wrong codes: this reference is locked for now. Try again in an hour.",
    ),
    "rule_online-application-closed": ("この申込ではオンライン申請できません。",
                                       "Online applications are closed for this application."),
    "rule_online-entry-pending": ("前回の申請がCA局の照合待ちです。結果をお待ちください。",
                                  "Your previous application is waiting for the CA. Please wait for the result."),
    "rule_online-count-reached": ("申込の枚数分の申請が済んでいます。",
                                  "All the certificates of this application have been applied for."),
    "rule_online-same-values": (
        "一致しなかった前回と同じ内容です。申込書の記載を確認して入力し直してください。",
        "These are the same values that did not match before. Check your application form and enter them again.",
    ),
    "rule_online-invalid-request": ("CSRが正しくないか、使用できない鍵です。",
                                    "The CSR is invalid or its key cannot be certified."),
    "rule_online-key-reused": ("この鍵はすでに申請に使われています。新しい鍵ペアを作成してください。",
                               "This key was already used. Please make a new key pair."),
    "rule_online-missing-value": ("すべての項目を入力してください。", "Please fill in every field."),
}


def text(key: str, language: str) -> str:
    """One language of *key* (``ja`` or ``en``)."""
    ja, en = TEXTS[key]
    return en if language == "en" else ja


def both(key: str, **values: object) -> Markup:
    """Japanese then English, as HTML (each escaped, in its own ``lang`` span)."""
    ja, en = TEXTS[key]
    if values:
        ja, en = ja.format(**values), en.format(**values)
    return Markup('<span lang="ja">{}</span> <span lang="en" class="en">{}</span>').format(escape(ja), escape(en))
