# ruff: noqa: E501 - corpus data: long Japanese literals read better unwrapped.
"""Generate the intake test corpus: realistic raw mails in their real charsets, and labels.

Run ``.venv/bin/python tests/data/mail/generate.py`` to rewrite ``*.eml`` and ``labels.json``.
The .eml files are committed data; this script only documents how the bytes were made.
Each mail imitates the program named in its file name: Outlook writes CP50220
ISO-2022-JP with ①/㈱/髙 and an HTML alternative; Thunderbird UTF-8 8bit format=flowed;
Gmail UTF-8 base64 alternatives; iPhone UTF-8 quoted-printable; docomo and SoftBank
feature phones Shift_JIS (with half-width kana and pictograms); au ISO-2022-JP; old Unix
mailers EUC-JP; fax gateways a PDF attachment; and the broken ones what broken senders do.
"""

from __future__ import annotations

import base64
import binascii
import json
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from intake.charsets import encode_cp50220  # noqa: E402

CRLF = b"\r\n"
CA = "iPROVE CA <ca@ca.example.jp>"
LABELS: dict[str, dict[str, object]] = {}


def enc_bytes(text: str, charset: str) -> bytes:
    """Encode *text* as the named program would."""
    if charset.lower() == "iso-2022-jp":
        return encode_cp50220(text)
    return text.encode({"shift_jis": "cp932", "euc-jp": "euc_jp"}.get(charset.lower(), charset))


def word(text: str, charset: str, mode: str = "B", chunk: int = 12) -> str:
    """RFC 2047-encode *text*, splitting into several encoded words at character boundaries."""
    words = []
    for i in range(0, len(text), chunk):
        piece = enc_bytes(text[i : i + chunk], charset)
        if mode == "B":
            words.append(f"=?{charset}?B?{base64.b64encode(piece).decode()}?=")
        else:
            qp = binascii.b2a_qp(piece, header=True).decode().replace("=\n", "")
            words.append(f"=?{charset}?Q?{qp}?=")
    return "\r\n ".join(words)


def b64body(data: bytes) -> bytes:
    return "\r\n".join(textwrap.wrap(base64.b64encode(data).decode(), 76)).encode() + CRLF


def qpbody(data: bytes) -> bytes:
    # Line breaks stay line breaks (not =0D), and the encoded lines end in CRLF.
    return binascii.b2a_qp(data.replace(b"\r\n", b"\n")).replace(b"\n", CRLF) + CRLF


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def head(fields: list[tuple[str, str]]) -> bytes:
    return b"".join(f"{k}: {v}".encode("latin-1", "strict") + CRLF for k, v in fields)


def save(name: str, raw: bytes, intent: str | None, automated: str = "none", serials: list[str] | None = None,
         language: str = "ja", **extra: object) -> None:
    (HERE / f"{name}.eml").write_bytes(raw)
    label: dict[str, object] = {"intent": intent, "automated": automated, "serials": serials or [],
                                "language": language}
    label.update(extra)
    LABELS[f"{name}.eml"] = label


def common(frm: str, subject: str, msgid: str, date: str, to: str = CA, extra: list[tuple[str, str]] | None = None
           ) -> list[tuple[str, str]]:
    return [("From", frm), ("To", to), ("Subject", subject), ("Date", date), ("Message-ID", msgid),
            *(extra or [])]


def outlook(name: str, sender: str, addr: str, subject: str, body: str, label: dict[str, object],
            msgid: str, date: str = "Thu, 20 Nov 2026 10:12:33 +0900", extra: list[tuple[str, str]] | None = None,
            html: bool = True) -> None:
    """Outlook 2016/365 in Japanese: CP50220 text plus an ISO-2022-JP HTML alternative."""
    frm = f"{word(sender, 'iso-2022-jp')} <{addr}>"
    fields = common(frm, word(subject, "iso-2022-jp"), msgid, date, extra=[
        ("Thread-Topic", word(subject, "iso-2022-jp")), ("Thread-Index", "AdtZq3kqQmT0bWJxR8eXcPZ1uQ8Yjw=="),
        ("Accept-Language", "ja-JP, en-US"), ("Content-Language", "ja-JP"),
        ("X-MS-Has-Attach", ""), ("X-Mailer", "Microsoft Outlook 16.0"), *(extra or [])])
    text = enc_bytes(crlf(body), "iso-2022-jp") + CRLF
    if not html:
        raw = head(fields + [("MIME-Version", "1.0"),
                             ("Content-Type", 'text/plain; charset="iso-2022-jp"'),
                             ("Content-Transfer-Encoding", "7bit")]) + CRLF + text
        save(name, raw, **label)  # type: ignore[arg-type]
        return
    paragraphs = "".join(f'<p class="MsoNormal">{line or "&nbsp;"}<o:p></o:p></p>\r\n' for line in body.split("\n"))
    markup = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" '
              'content="text/html; charset=iso-2022-jp"><style><!-- p.MsoNormal {margin:0mm;} --></style></head>'
              f'<body lang="JA" link="#0563C1"><div class="WordSection1">\r\n{paragraphs}</div></body></html>')
    boundary = "_000_TYCPR01MB8732B1C4E0A9F3D2C5E6F7A8B9TYCPR01MB8732jpnp_"
    raw = (head(fields + [("MIME-Version", "1.0"),
                          ("Content-Type", f'multipart/alternative;\r\n\tboundary="{boundary}"')]) + CRLF
           + f"--{boundary}\r\n".encode() + b'Content-Type: text/plain; charset="iso-2022-jp"\r\n'
           + b"Content-Transfer-Encoding: 7bit\r\n\r\n" + text + CRLF
           + f"--{boundary}\r\n".encode() + b'Content-Type: text/html; charset="iso-2022-jp"\r\n'
           + b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + qpbody(enc_bytes(markup, "iso-2022-jp"))
           + CRLF + f"--{boundary}--\r\n".encode())
    save(name, raw, **label)  # type: ignore[arg-type]


def thunderbird(name: str, sender: str, addr: str, subject: str, body: str, label: dict[str, object],
                msgid: str, date: str = "Fri, 21 Nov 2026 09:03:11 +0900", extra: list[tuple[str, str]] | None = None
                ) -> None:
    """Thunderbird: UTF-8, 8bit, format=flowed, encoded words in UTF-8 base64."""
    frm = f"{word(sender, 'UTF-8')} <{addr}>" if not sender.isascii() else f"{sender} <{addr}>"
    subj = word(subject, "UTF-8") if not subject.isascii() else subject
    fields = common(frm, subj, msgid, date, extra=[
        ("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "ja" if label.get("language", "ja") == "ja" else "en-US"),
        *(extra or []), ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8; format=flowed"), ("Content-Transfer-Encoding", "8bit")])
    save(name, head(fields) + CRLF + crlf(body).encode("utf-8") + CRLF, **label)  # type: ignore[arg-type]


def gmail(name: str, sender: str, addr: str, subject: str, body: str, label: dict[str, object], msgid: str,
          date: str = "Sat, 22 Nov 2026 21:44:02 +0900", extra: list[tuple[str, str]] | None = None,
          quote_html: str = "") -> None:
    """Gmail web: multipart/alternative, both parts UTF-8 base64."""
    frm = f"{word(sender, 'UTF-8')} <{addr}>" if not sender.isascii() else f"{sender} <{addr}>"
    subj = word(subject, "UTF-8") if not subject.isascii() else subject
    boundary = "000000000000a1b2c3062f4e5d6a"
    html_body = "".join(f"<div>{line or '<br>'}</div>" for line in body.split("\n") if not line.startswith(">"))
    markup = f'<div dir="ltr">{html_body}</div>{quote_html}\r\n'
    fields = common(frm, subj, msgid, date, extra=[*(extra or []), ("MIME-Version", "1.0"),
                    ("Content-Type", f'multipart/alternative; boundary="{boundary}"')])
    raw = (head(fields) + CRLF + f"--{boundary}\r\n".encode() + b'Content-Type: text/plain; charset="UTF-8"\r\n'
           + b"Content-Transfer-Encoding: base64\r\n\r\n" + b64body(crlf(body).encode()) + CRLF
           + f"--{boundary}\r\n".encode() + b'Content-Type: text/html; charset="UTF-8"\r\n'
           + b"Content-Transfer-Encoding: base64\r\n\r\n" + b64body(markup.encode()) + CRLF
           + f"--{boundary}--\r\n".encode())
    save(name, raw, **label)  # type: ignore[arg-type]


def iphone(name: str, sender: str, addr: str, subject: str, body: str, label: dict[str, object], msgid: str,
           date: str = "Sun, 23 Nov 2026 07:58:40 +0900") -> None:
    """iPhone Mail: UTF-8 quoted-printable, Q-encoded subject, 'iPhoneから送信'."""
    frm = f"{word(sender, 'utf-8', 'Q')} <{addr}>" if not sender.isascii() else f"{sender} <{addr}>"
    subj = word(subject, "utf-8", "Q", chunk=8) if not subject.isascii() else subject
    fields = common(frm, subj, msgid, date, extra=[
        ("X-Mailer", "iPhone Mail (22B83)"), ("MIME-Version", "1.0 (1.0)"),
        ("Content-Type", "text/plain;\r\n\tcharset=utf-8"), ("Content-Transfer-Encoding", "quoted-printable")])
    save(name, head(fields) + CRLF + qpbody(body.encode("utf-8")), **label)  # type: ignore[arg-type]


def keitai(name: str, carrier: str, addr: str, subject: str, body: bytes, label: dict[str, object], msgid: str,
           date: str = "Mon, 24 Nov 2026 12:30:05 +0900") -> None:
    """Feature phones: docomo/SoftBank send Shift_JIS (8bit/base64), au sends ISO-2022-JP."""
    if carrier == "au":
        subj, ctype, cte = word(subject, "ISO-2022-JP"), 'text/plain; charset="ISO-2022-JP"', "7bit"
    elif carrier == "softbank":
        subj, ctype, cte = word(subject, "Shift_JIS"), "text/plain; charset=Shift_JIS", "base64"
    else:
        subj, ctype, cte = word(subject, "Shift_JIS"), "text/plain; charset=Shift_JIS", "8bit"
    payload = b64body(body) if cte == "base64" else body + CRLF
    fields = common(addr, subj, msgid, date, extra=[("MIME-Version", "1.0"), ("Content-Type", ctype),
                                                     ("Content-Transfer-Encoding", cte)])
    save(name, head(fields) + CRLF + payload, **label)  # type: ignore[arg-type]


def sjis(text: str) -> bytes:
    return crlf(text).encode("cp932")


PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R"
       b"/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n4 0 obj<</Length 44>>stream\n"
       b"BT /F1 12 Tf 72 712 Td (FAX 2026-11-20) Tj ET\nendstream endobj\n" + bytes(range(256)) * 8
       + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def fax(name: str, subject_field: str, body: bytes, charset: str, filename_field: str, label: dict[str, object],
        msgid: str, frm: str = "fax-gateway@fax.example.ne.jp") -> None:
    boundary = "----=_Part_20261120091233_4821"
    fields = common(frm, subject_field, msgid, "Thu, 20 Nov 2026 09:12:40 +0900",
                    extra=[("X-Mailer", "FAXmail Gateway 3.2"), ("MIME-Version", "1.0"),
                           ("Content-Type", f'multipart/mixed; boundary="{boundary}"')])
    raw = (head(fields) + CRLF + b"This is a multi-part message in MIME format.\r\n\r\n"
           + f"--{boundary}\r\n".encode() + f"Content-Type: text/plain; charset={charset}\r\n".encode()
           + b"Content-Transfer-Encoding: 7bit\r\n\r\n" + body + CRLF + CRLF
           + f"--{boundary}\r\n".encode() + f'Content-Type: application/pdf; name="{filename_field}"\r\n'.encode()
           + b"Content-Transfer-Encoding: base64\r\n"
           + f'Content-Disposition: attachment; filename="{filename_field}"\r\n\r\n'.encode()
           + b64body(PDF) + f"--{boundary}--\r\n".encode())
    save(name, raw, **label)  # type: ignore[arg-type]


def L(intent: str | None, serials: list[str] | None = None, automated: str = "none", language: str = "ja",
      **extra: object) -> dict[str, object]:
    return {"intent": intent, "serials": serials or [], "automated": automated, "language": language, **extra}


SIG_TAKAHASHI = """━━━━━━━━━━━━━━━━━━━━━━━━
㈱髙橋工業 総務部
髙橋 一郎（たかはし いちろう）
〒100-0001 東京都千代田区千代田1-1-1
TEL 03-1234-5678 / FAX 03-1234-5679
━━━━━━━━━━━━━━━━━━━━━━━━"""

ACK_QUOTE = """> 山田 様
>
> iPROVE CA局です。お問い合わせを受け付けました。受付番号は MDG-000123 です。
> シリアル番号 3A 7F 01 C2 の電子証明書の失効をご希望ということでよろしいでしょうか。
> よろしければ、このメールにご返信ください。"""


def build() -> None:  # noqa: PLR0915 - one long list of mails is the clearest form for data.
    outlook("outlook_revocation_01", "髙橋 一郎", "i.takahashi@takahashi-kogyo.co.jp", "電子証明書の失効のお願い",
            "iPROVE CA局 御中\n\nお世話になっております。㈱髙橋工業の髙橋です。\n"
            "下記の電子証明書の失効をお願いいたします。\n\n①シリアル番号：3A 7F 01 C2\n②理由：退職のため\n\n"
            "失効請求書は本日郵送いたしました。\nよろしくお願いいたします。\n\n" + SIG_TAKAHASHI,
            L("revocation", ["3a7f01c2"]), "<TYCPR01MB8732A1B2C3D4E5F6A7B8C9D0E1F2A3B4@TYCPR01MB8732.jpnprd01.prod.outlook.com>")
    outlook("outlook_emergency_02", "佐藤 花子", "h.sato@sato-kaikei.jp", "【至急】ノートPC盗難による証明書の失効",
            "iPROVE CA局 ご担当者様\n\n本日、外出先の喫茶店でノートPCを盗まれました。\n"
            "PCの中にiPROVEの電子証明書が入っています。至急、失効をお願いします。\n"
            "緊急失効のFAXも先ほど送信しました。折り返しのお電話をお待ちしております。\n\n佐藤会計事務所\n佐藤 花子",
            L("emergency_revocation"), "<OS3PR01MB6020F1E2D3C4B5A6978812345678ABCD@OS3PR01MB6020.jpnprd01.prod.outlook.com>",
            extra=[("Importance", "high"), ("X-Priority", "1")])
    thunderbird("thunderbird_cancel_03", "鈴木 健太", "kenta@suzuki-sekkei.example.jp", "申込の取り消しについて",
                "iPROVE CA局 御中\n\n鈴木と申します。\n先週、電子証明書の発行申込書を郵送しましたが、\n"
                "事情により申込を取り消したいと思います。\n照会書はまだ返送しておらず、会費も振り込んでいません。\n"
                "住民票の写しは返却をお願いします。\n\n-- \n鈴木設計事務所\n鈴木 健太",
                L("cancellation"), "<8f1c2d3e-4b5a-6978-a1b2-c3d4e5f60718@suzuki-sekkei.example.jp>")
    gmail("gmail_faq_emergency_04", "田中 美咲", "misaki.tanaka.1987@gmail.com", "緊急失効について",
          "お世話になります。\n緊急失効はどうすればできますか？\n夜間や休日でも受け付けていただけるのでしょうか。\n\n田中",
          L("faq"), "<CAJ4z9QpXk3vR8nYb2-ZtW1fG7hLmN0sD4cE6aB9uV5yT3oPqRw@mail.gmail.com>")
    iphone("iphone_death_05", "木村 由美", "yumi.kimura@icloud.com", "父の電子証明書について",
           "iPROVE CA局 ご担当者様\n\n突然のご連絡失礼いたします。\n父（名義人 木村 正）が11月3日に逝去いたしました。\n"
           "父名義の電子証明書の手続きをお願いしたくご連絡しました。\n名義人死亡届の書類を送っていただけますでしょうか。\n\n"
           "木村 由美\n\niPhoneから送信",
           L("death_notice"), "<A3F2B1C0-9D8E-4F7A-B6C5-D4E3F2A1B0C9@icloud.com>")
    keitai("docomo_cancel_06", "docomo", "s-ito.0501@docomo.ne.jp", "申込ｷｬﾝｾﾙ",
           sjis("伊藤です。\n先日申込した証明書ですが、申込をｷｬﾝｾﾙしたいです。\nまだ振込してません。\nよろしくお願いします\uE63E"
                .replace("\uE63E", "")) + b"\xf8\x9f",
           L("cancellation"), "<20261124123005.5A1B.s-ito.0501@docomo.ne.jp>")
    keitai("au_revocation_07", "au", "k.yamamoto@ezweb.ne.jp", "証明書の失効",
           enc_bytes(crlf("山本です。\n会社を退職したので、私の証明書を失効してください。\nｼﾘｱﾙ番号 0x1F2E3D4C\n書類は郵送します。"), "iso-2022-jp"),
           L("revocation", ["1f2e3d4c"]), "<202611241230.k.yamamoto@ezweb.ne.jp>")
    keitai("softbank_emergency_08", "softbank", "nakamura.t@softbank.ne.jp", "PCなくしました",
           sjis("携帯からすみません、中村です。\n電車の中でパソコンをなくしました！証明書が入ってます。\nすぐに止めてください。"),
           L("emergency_revocation"), "<20261124.nakamura.t.1029384756@softbank.ne.jp>")
    eucjp_fields = common(f"{word('斉藤 修', 'EUC-JP')} <saito@unix.example.ac.jp>", word("証明書の記載内容の誤りについて", "EUC-JP"),
                          "<20261121.153012.saito@unix.example.ac.jp>", "Fri, 21 Nov 2026 15:30:12 +0900",
                          extra=[("User-Agent", "Mew version 6.8 on Emacs 28.2"), ("Mime-Version", "1.0"),
                                 ("Content-Type", "Text/Plain; charset=euc-jp"), ("Content-Transfer-Encoding", "8bit")])
    save("eucjp_correction_09", head(eucjp_fields) + CRLF + crlf(
        "iPROVE CA局 御中\n\n本日受け取った電子証明書を確認したところ、\n氏名が「斉藤 修」となっていますが、"
        "申込書では「齋藤 修」と記入しています。\n記載内容の訂正をお願いいたします。\n発行から2日目です。\n\n--\n齋藤 修\n").encode("euc_jp"),
        **L("correction"))  # type: ignore[arg-type]
    html_fields = common("form@www.example-shop.jp", word("お問い合わせフォームより", "UTF-8"),
                         "<form.20261122.0001@www.example-shop.jp>", "Sat, 22 Nov 2026 11:00:00 +0900",
                         extra=[("MIME-Version", "1.0"), ("Content-Type", "text/html; charset=UTF-8"),
                                ("Content-Transfer-Encoding", "quoted-printable")])
    save("html_only_faq_10", head(html_fields) + CRLF + qpbody(
        "<html><head><style>body{font-family:sans-serif}</style><script>var x=1;</script></head><body>"
        "<h3>お問い合わせ内容</h3><table><tr><td>お名前</td><td>小林 誠</td></tr>"
        "<tr><td>内容</td><td>iPROVE電子証明書の有効期間を教えてください。<br>更新の手続きはどうなりますか？</td></tr>"
        "</table></body></html>".encode()), **L("faq"))  # type: ignore[arg-type]
    outlook("outlook_en_revocation_11", "John Miller", "john.miller@example.com", "Request to revoke my certificate",
            "Dear iPROVE CA,\n\nPlease revoke my certificate, as I am leaving Japan at the end of this month.\n"
            "Serial number: 3a:7f:01:c2:99\n\nI will send the signed revocation form by post.\n\nBest regards,\nJohn Miller",
            L("revocation", ["3a7f01c299"], language="en"),
            "<DM6PR11MB4321ABCDEF0123456789ABCDEF012345@DM6PR11MB4321.namprd11.prod.outlook.com>")
    gmail("gmail_en_emergency_12", "Anna Schmidt", "anna.schmidt.de@gmail.com", "URGENT: laptop stolen",
          "Hello,\n\nMy laptop was stolen at Narita airport this morning. It holds my iPROVE certificate.\n"
          "Please revoke it immediately. I am faxing the emergency revocation form now.\n\nAnna Schmidt",
          L("emergency_revocation", language="en"), "<CAB7x2Kp9Lm3Nq4Rs5Tu6Vw7Xy8Za9Bc0De1Fg2Hi3Jk4Lm@mail.gmail.com>")
    gmail("gmail_en_faq_13", "Raj Patel", "raj.patel.tokyo@gmail.com", "Question about renewal",
          "Hi,\n\nHow do I renew my certificate when it expires? What is the fee for a renewal?\n\nThanks,\nRaj",
          L("faq", language="en"), "<CAC1y2Z3a4B5c6D7e8F9g0H1i2J3k4L5m6N7o8P9q0R@mail.gmail.com>")
    gmail("gmail_en_cancel_14", "Emily Clark", "emily.clark.jp@gmail.com", "Cancel application",
          "Dear Sir or Madam,\n\nI applied for a certificate last week but I would like to cancel my application.\n"
          "I have not returned the inquiry form or paid the fee yet.\n\nKind regards,\nEmily Clark",
          L("cancellation", language="en"), "<CAD9s8R7q6P5o4N3m2L1k0J9i8H7g6F5e4D3c2B1a0Z@mail.gmail.com>")
    thunderbird("thunderbird_en_death_15", "Margaret Brown", "m.brown@example.org", "Certificate holder passed away",
                "Dear iPROVE CA,\n\nMy husband, David Brown, who held an iPROVE certificate, passed away on 2 November.\n"
                "Please let me know what I need to send for the death notice.\n\nMargaret Brown",
                L("death_notice", language="en"), "<5e6f7a8b-9c0d-1e2f-3a4b-5c6d7e8f9a0b@example.org>")
    thunderbird("thunderbird_reply_yes_16", "山田 太郎", "taro@yamada-shoji.example.jp",
                "Re: [MDG-000123] お問い合わせを受け付けました / We have received your message",
                "はい、よろしくお願いします。\n\n山田\n\n2026/11/20 10:30, iPROVE CA局 wrote:\n" + ACK_QUOTE,
                L("revocation", ["3a7f01c2"]), "<b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e@yamada-shoji.example.jp>",
                extra=[("In-Reply-To", "<mdg-000123.1795720420.7f66e9321d6fc271@ca.example.jp>"),
                       ("References", "<mdg-000123.1795720420.7f66e9321d6fc271@ca.example.jp>")])
    thunderbird("thunderbird_reply_faq_17", "森 直樹", "naoki.mori@example.co.jp", "Re: 申込の取り消しについて",
                "ご連絡ありがとうございます。\nところで、証明書の有効期間は何年ですか？\n\n森\n\n"
                "2026/11/19 17:02, iPROVE CA局 wrote:\n> 森 様\n> 発行申込のキャンセルを承りました。\n> 住民票の写しは返却いたします。",
                L("faq"), "<c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f@example.co.jp>",
                extra=[("In-Reply-To", "<mdg-000098.1795600000.0a1b2c3d4e5f6a7b@ca.example.jp>")])
    outlook("outlook_reply_toppost_18", "加藤 恵", "m.kato@kato-law.jp", "RE: 失効請求書について",
            "iPROVE CA局\nご担当者様\n\n承知しました。\n発行申込書に押した印鑑を紛失してしまったのですが、失効請求書には実印でよいでしょうか。\n\n加藤\n\n"
            "-----Original Message-----\nFrom: iPROVE CA局 <ca@ca.example.jp>\nSent: Wednesday, November 19, 2026 4:12 PM\n"
            "To: 加藤 恵 <m.kato@kato-law.jp>\nSubject: 失効請求書について\n\n加藤 様\n失効請求書に発行申込書と同じ印鑑を押してご郵送ください。",
            L("faq"), "<TY0PR01MB5432F0E1D2C3B4A5968778695A4B3C2D@TY0PR01MB5432.jpnprd01.prod.outlook.com>",
            extra=[("In-Reply-To", "<mdg-000101.1795610000.1b2c3d4e5f6a7b8c@ca.example.jp>")])
    fax("fax_gateway_19", word("FAX受信のお知らせ(03-5555-1234)", "ISO-2022-JP"),
        enc_bytes(crlf("FAXを受信しました。\n発信元: 03-5555-1234\n受信日時: 2026/11/20 09:12\nページ数: 2\n"
                       "受付番号: 20261120-0042"), "iso-2022-jp"), "ISO-2022-JP",
        "fax_20261120_0912.pdf", L("other", attachments=1), "<20261120091240.0042@fax.example.ne.jp>")
    fax("fax_gateway_20", "Fax from +81 3 5555 1234 (2 pages)",
        b"You have received a 2 page fax from +81 3 5555 1234 at 2026-11-20 09:12.\r\nJob ID: 7731-2026",
        "us-ascii", "FAX0042.pdf", L("other", language="en", attachments=1), "<fax.7731.2026@efax.example.com>",
        frm="noreply@efax.example.com")
    outlook("autoreply_outlook_21", "渡辺 大輔", "d.watanabe@watanabe-denki.co.jp",
            "自動応答: [MDG-000120] お問い合わせを受け付けました / We have received your message",
            "渡辺は11月25日まで休暇のため不在にしております。\n戻り次第ご連絡いたします。\n急ぎの場合は総務部（内線123）までお願いします。",
            L(None, automated="auto_reply"), "<TYAPR01MB29121A2B3C4D5E6F7081920A1B2C3D4E@TYAPR01MB2912.jpnprd01.prod.outlook.com>",
            extra=[("Auto-Submitted", "auto-replied"), ("X-MS-Exchange-Inbox-Rules-Loop", "d.watanabe@watanabe-denki.co.jp"),
                   ("X-Auto-Response-Suppress", "All"), ("In-Reply-To", "<mdg-000120.1795700000.2c3d4e5f6a7b8c9d@ca.example.jp>")],
            html=False)
    keitai("autoreply_jp_noheader_22", "docomo", "info@ooyama-koumuten.example.jp", "【自動返信】不在のお知らせ",
           sjis("メールありがとうございます。\n大山は出張のため11月28日まで不在です。\n戻り次第、返信いたします。"),
           L(None, automated="auto_reply"), "<autoreply.20261124.1@ooyama-koumuten.example.jp>")
    thunderbird("autoreply_gmail_23", "Kenji Ono", "kenji.ono@gmail.com",
                "Re: [MDG-000130] お問い合わせを受け付けました / We have received your message",
                "I am out of the office until 1 December with limited access to email.\nFor urgent matters please call my office.",
                L(None, automated="auto_reply", language="en"), "<CAE0vacation1234567890abcdef@mail.gmail.com>",
                extra=[("Auto-Submitted", "auto-replied"), ("Precedence", "bulk")])
    thunderbird("autoreply_en_24", "Support Desk", "support@vendor.example.com", "Automatic reply: Request to revoke my certificate",
                "Thank you for your message. This is an automatic reply.\nOur office is closed until Monday.",
                L(None, automated="auto_reply", language="en"), "<auto.24.5566@vendor.example.com>",
                extra=[("X-Autoreply", "yes")])
    thunderbird("autoreply_autorespond_25", "株式会社サンプル", "info@sample-corp.example.jp", "お問い合わせありがとうございます",
                "この度はお問い合わせいただきありがとうございます。\nこのメールは自動送信されています。\n担当者より2営業日以内にご連絡いたします。",
                L(None, automated="auto_reply"), "<autorespond.25.7788@sample-corp.example.jp>",
                extra=[("X-Autorespond", "yes"), ("Precedence", "auto_reply")])
    build_bounces()
    build_broken()
    build_more()
    build_hard()


def build_bounces() -> None:
    """Delivery status notifications as Postfix, Gmail, a Japanese ISP and Exchange write them."""
    boundary = "7F2A31C0042.1763600000/mx1.ca.example.jp"
    original = crlf("From: iPROVE CA <ca@ca.example.jp>\nTo: old-address@nifty.example.com\n"
                    "Subject: [MDG-000123] =?utf-8?b?44GK5ZWP44GE5ZCI44KP44Gb44KS5Y+X44GR5LuY44GR44G+44GX44Gf?=\n"
                    "Message-ID: <mdg-000123.1795720420.7f66e9321d6fc271@ca.example.jp>\nAuto-Submitted: auto-replied\n"
                    "X-Madoguchi-Loop: ca.example.jp\nMIME-Version: 1.0\nContent-Type: text/plain; charset=\"utf-8\"\n"
                    "Content-Transfer-Encoding: base64\n\n5bGx55SwIOanmAoK\n").encode()
    fields = [("Return-Path", "<>"), ("From", "MAILER-DAEMON@mx1.ca.example.jp (Mail Delivery System)"),
              ("To", "ca@ca.example.jp"), ("Subject", "Undelivered Mail Returned to Sender"),
              ("Date", "Thu, 20 Nov 2026 10:31:02 +0900 (JST)"), ("Message-Id", "<20261120013102.7F2A31C0042@mx1.ca.example.jp>"),
              ("Auto-Submitted", "auto-replied"), ("MIME-Version", "1.0"),
              ("Content-Type", f'multipart/report; report-type=delivery-status;\r\n\tboundary="{boundary}"')]
    raw = (head(fields) + CRLF + b"This is a MIME-encapsulated message.\r\n\r\n" + f"--{boundary}\r\n".encode()
           + b"Content-Description: Notification\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
           + crlf("This is the mail system at host mx1.ca.example.jp.\n\nI'm sorry to have to inform you that your "
                  "message could not\nbe delivered to one or more recipients.\n\n<old-address@nifty.example.com>: host "
                  "mx.nifty.example.com said: 550 5.1.1\n    User unknown (in reply to RCPT TO command)\n\n").encode()
           + f"--{boundary}\r\n".encode() + b"Content-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n"
           + crlf("Reporting-MTA: dns; mx1.ca.example.jp\nArrival-Date: Thu, 20 Nov 2026 10:30:59 +0900 (JST)\n\n"
                  "Final-Recipient: rfc822; old-address@nifty.example.com\nAction: failed\nStatus: 5.1.1\n"
                  "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n").encode()
           + f"--{boundary}\r\n".encode() + b"Content-Description: Undelivered Message\r\nContent-Type: message/rfc822\r\n\r\n"
           + original + CRLF + f"--{boundary}--\r\n".encode())
    save("bounce_postfix_26", raw, None, "bounce", language="en",
         original_message_id="<mdg-000123.1795720420.7f66e9321d6fc271@ca.example.jp>")

    boundary = "000000000000b7c6d5062f4e5d6b"
    headers_part = crlf("Return-Path: <ca@ca.example.jp>\nFrom: iPROVE CA <ca@ca.example.jp>\nTo: hanako.nosuchuser@gmail.com\n"
                        "Subject: [MDG-000140] result\nMessage-ID: <mdg-000140.1795800000.3d4e5f6a7b8c9d0e@ca.example.jp>\n"
                        "Date: Sat, 22 Nov 2026 03:00:00 +0000\n").encode()
    fields = [("From", "Mail Delivery Subsystem <mailer-daemon@googlemail.com>"), ("To", "ca@ca.example.jp"),
              ("Subject", "Delivery Status Notification (Failure)"), ("Date", "Sat, 22 Nov 2026 12:00:05 +0900"),
              ("Message-ID", "<6740a1b2.050a0220.3c4d5e.0001.GMR@mx.google.com>"), ("Auto-Submitted", "auto-replied"),
              ("MIME-Version", "1.0"),
              ("Content-Type", f'multipart/report; boundary="{boundary}"; report-type=delivery-status')]
    raw = (head(fields) + CRLF + f"--{boundary}\r\n".encode() + b'Content-Type: text/plain; charset="UTF-8"\r\n\r\n'
           + crlf("** Address not found **\n\nYour message wasn't delivered to hanako.nosuchuser@gmail.com because the "
                  "address couldn't be found.\n").encode() + CRLF
           + f"--{boundary}\r\n".encode() + b"Content-Type: message/delivery-status\r\n\r\n"
           + crlf("Reporting-MTA: dns; googlemail.com\n\nFinal-Recipient: rfc822; hanako.nosuchuser@gmail.com\n"
                  "Action: failed\nStatus: 5.1.1\n").encode() + CRLF
           + f"--{boundary}\r\n".encode() + b"Content-Type: text/rfc822-headers\r\n\r\n" + headers_part + CRLF
           + f"--{boundary}--\r\n".encode())
    save("bounce_gmail_27", raw, None, "bounce", language="en",
         original_message_id="<mdg-000140.1795800000.3d4e5f6a7b8c9d0e@ca.example.jp>")

    body = enc_bytes(crlf("このメールは、メールサーバから自動的に送信されています。\n以下の宛先へのメールは配信できませんでした。\n\n"
                          "宛先: tanaka@example.ne.jp\n理由: 宛先のメールボックスが存在しません\n\n"
                          "----- 元のメールのヘッダ -----\nFrom: ca@ca.example.jp\nTo: tanaka@example.ne.jp\n"
                          "Message-ID: <mdg-000045.1795500000.4e5f6a7b8c9d0e1f@ca.example.jp>\nSubject: [MDG-000045]\n"), "iso-2022-jp")
    fields = [("Return-Path", "<>"), ("From", "MAILER-DAEMON@mail.example.ne.jp"), ("To", "ca@ca.example.jp"),
              ("Subject", word("配信不能のお知らせ", "ISO-2022-JP")), ("Date", "Mon, 24 Nov 2026 08:00:00 +0900"),
              ("Message-ID", "<bounce.20261124080000.1@mail.example.ne.jp>"), ("MIME-Version", "1.0"),
              ("Content-Type", "text/plain; charset=ISO-2022-JP"), ("Content-Transfer-Encoding", "7bit")]
    save("bounce_jp_isp_28", head(fields) + CRLF + body + CRLF, None, "bounce",
         original_message_id="<mdg-000045.1795500000.4e5f6a7b8c9d0e1f@ca.example.jp>")

    boundary = "_dsn_boundary_exchange_29"
    inner = crlf("From: iPROVE CA <ca@ca.example.jp>\nTo: sales@contoso.example.co.jp\nSubject: [MDG-000077] notice\n"
                 "Message-ID: <mdg-000077.1795550000.5f6a7b8c9d0e1f2a@ca.example.jp>\n\nbody\n").encode()
    fields = [("From", "postmaster@contoso.example.co.jp"), ("To", "ca@ca.example.jp"),
              ("Subject", "Undeliverable: [MDG-000077] notice"), ("Date", "Tue, 25 Nov 2026 09:00:00 +0900"),
              ("Message-ID", "<exch.dsn.29@contoso.example.co.jp>"), ("MIME-Version", "1.0"),
              ("Content-Type", f'multipart/report; report-type=delivery-status; boundary="{boundary}"'),
              ("X-MS-Exchange-Message-Is-Ndr", "")]
    raw = (head(fields) + CRLF + f"--{boundary}\r\n".encode() + b'Content-Type: text/plain; charset="us-ascii"\r\n\r\n'
           + b"Delivery has failed to these recipients or groups:\r\n\r\nsales@contoso.example.co.jp\r\n"
           + b"The email address you entered couldn't be found.\r\n\r\n"
           + f"--{boundary}\r\n".encode() + b"Content-Type: message/delivery-status\r\n\r\n"
           + b"Reporting-MTA: dns;EXCH01.contoso.example.co.jp\r\n\r\nFinal-recipient: RFC822; sales@contoso.example.co.jp\r\n"
           + b"Action: failed\r\nStatus: 5.1.10\r\n\r\n"
           + f"--{boundary}\r\n".encode() + b"Content-Type: message/rfc822\r\n\r\n" + inner + CRLF
           + f"--{boundary}--\r\n".encode())
    save("bounce_exchange_29", raw, None, "bounce", language="en",
         original_message_id="<mdg-000077.1795550000.5f6a7b8c9d0e1f2a@ca.example.jp>")


def build_broken() -> None:
    """What broken senders do: raw 8-bit headers, no charset, wrong labels, glued encoded words."""
    fields = [("From", "yoshida@old-mailer.example.jp"), ("To", "ca@ca.example.jp"), ("Date", "Tue, 25 Nov 2026 10:00:00 +0900"),
              ("Message-ID", "<raw8bit.30@old-mailer.example.jp>"), ("MIME-Version", "1.0"),
              ("Content-Type", "text/plain; charset=Shift_JIS"), ("Content-Transfer-Encoding", "8bit")]
    raw = (b"Subject: " + "証明書失効のお願い".encode("cp932") + CRLF + head(fields) + CRLF
           + sjis("吉田です。\n使わなくなった電子証明書の失効をお願いします。\nシリアル番号：0A 1B 2C 3D 4E\n"))
    save("broken_raw8bit_subject_30", raw, **L("revocation", ["a1b2c3d4e"]))  # type: ignore[arg-type]

    fields = [("From", "matsumoto@nocharset.example.jp"), ("To", "ca@ca.example.jp"), ("Subject", word("申込の取り消し", "SHIFT_JIS")),
              ("Date", "Tue, 25 Nov 2026 10:05:00 +0900"), ("Message-ID", "<nocharset.31@nocharset.example.jp>"),
              ("MIME-Version", "1.0"), ("Content-Type", "text/plain")]
    save("broken_nocharset_31", head(fields) + CRLF + sjis(
        "松本と申します。\n先日郵送した発行申込ですが、申込を取り消したいです。\n照会書はまだ届いていません。\n"), **L("cancellation"))  # type: ignore[arg-type]

    fields = [("From", "inoue@wronglabel.example.jp"), ("To", "ca@ca.example.jp"), ("Subject", word("メールアドレスの誤り", "ISO-2022-JP")),
              ("Date", "Tue, 25 Nov 2026 10:10:00 +0900"), ("Message-ID", "<wronglabel.32@wronglabel.example.jp>"),
              ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=iso-2022-jp"), ("Content-Transfer-Encoding", "7bit")]
    save("broken_wronglabel_32", head(fields) + CRLF + sjis(
        "井上です。\n昨日発行された証明書のメールアドレスの記載が間違っています。\n正しくは inoue@wronglabel.example.jp です。\n"),
        **L("correction"))  # type: ignore[arg-type]

    subj_bytes = "証明書の失効依頼".encode()
    split = 5  # split inside a multi-byte character, as some mailers do
    glued = ("Re:=?UTF-8?B?" + base64.b64encode(subj_bytes[:split]).decode() + "?==?UTF-8?B?"
             + base64.b64encode(subj_bytes[split:]).decode() + "?=")
    fields = [("From", "=?UTF-8?B?5bCP5p6XIOWkqg==?=<hayashi@glued.example.jp>"), ("To", "ca@ca.example.jp"), ("Subject", glued),
              ("Date", "Tue, 25 Nov 2026 10:15:00 +0900"), ("Message-ID", "<glued.33@glued.example.jp>"),
              ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "base64")]
    save("broken_glued_words_33", head(fields) + CRLF + b64body(crlf(
        "林です。\n私の証明書の失効をお願いします。\nシリアル番号（10進）: 981402050\n").encode()),
        **L("revocation", ["3a7f01c2"]))  # type: ignore[arg-type]

    fields = [("From", "shimizu@label.example.jp"), ("To", "ca@ca.example.jp"),
              ("Subject", "=?x-unknown?B?" + base64.b64encode("証明書について質問".encode()).decode() + "?="),
              ("Date", "Wed, 26 Nov 2026 08:00:00 +0900"), ("Message-ID", "<label.34@label.example.jp>"),
              ("MIME-Version", "1.0"), ("Content-Type", 'text/plain; charset="x-sjis"'), ("Content-Transfer-Encoding", "8bit")]
    save("broken_unknown_label_34", head(fields) + CRLF + sjis(
        "清水です。\n電子証明書をICカードに格納することはできますか？\n"), **L("faq"))  # type: ignore[arg-type]


def build_more() -> None:
    outlook("outlook_cp50220_35", "髙橋 ㈱テック", "takahashi@tech-kk.example.jp", "証明書の記載内容について",
            "iPROVE CA局 御中\n\n①本日ダウンロードした電子証明書の氏名が「高橋」になっていますが、\n"
            "②正しくは「髙橋」です。申込書の記載と異なっています。\n訂正をお願いします。ｶﾀｶﾅ表記も確認をお願いします。\n\n"
            "㈱テック 髙橋",
            L("correction"), "<TYWPR01MB9876CP50220ABCDEF0123456789ABCDEF@TYWPR01MB9876.jpnprd01.prod.outlook.com>")
    outlook("outlook_cancel_issued_36", "中島 亮", "r.nakajima@nakajima.example.jp", "証明書のキャンセル",
            "お世話になります。\n先日発行していただいた証明書ですが、不要になったのでキャンセルしたいです。\n"
            "シリアル番号 5B:2C:10:0A\n必要な書類があれば教えてください。\n\n中島",
            L("revocation", ["5b2c100a"]), "<TYCPR01MB1111CANCELISSUED36@TYCPR01MB1111.jpnprd01.prod.outlook.com>")
    thunderbird("thunderbird_faq_fee_37", "前田 純一", "maeda@maeda.example.jp", "料金と日数について",
                "はじめまして。\niPROVE電子証明書の料金を教えて下さい。\nまた、発行までの日数はどのくらいですか。\n\n前田",
                L("faq"), "<37-fee@maeda.example.jp>")
    gmail("gmail_faq_cancel_38", "岡田 真理", "mari.okada.0312@gmail.com", "取り消しについて",
          "申込の取り消しはいつまで可能ですか？\n\n岡田", L("faq"), "<CAF38cancelquestionAbCdEf@mail.gmail.com>")
    iphone("iphone_emergency_39", "藤田 隆", "takashi.fujita@me.com", "【緊急】PC紛失",
           "出張先でノートパソコンを置き忘れてしまいました。\n証明書が入っています。\n緊急失効の手続きをお願いします。"
           "FAXも送ります。\n\n藤田\n\niPhoneから送信",
           L("emergency_revocation"), "<E39A1B2C-3D4E-5F6A-7B8C-9D0E1F2A3B4C@me.com>")
    keitai("docomo_death_40", "docomo", "hideko-ishii@docomo.ne.jp", "母の証明書",
           sjis("石井です。\n母が先月亡くなりました。\n母の名義の電子証明書の失効手続きをお願いします。"),
           L("death_notice"), "<20261124.ishii.40@docomo.ne.jp>")
    outlook("outlook_correction_41", "西村 綾", "a.nishimura@nishimura.example.jp", "証明書のメールアドレスについて",
            "iPROVE CA局 御中\n\n発行された証明書のメールアドレスが申込書と違っています。\n"
            "証明書: nishimura@nishimura.example.jp\n申込書: a.nishimura@nishimura.example.jp\n発行から3日目です。\n\n西村",
            L("correction"), "<TYCPR01MB2222CORR41@TYCPR01MB2222.jpnprd01.prod.outlook.com>")
    thunderbird("thunderbird_thanks_42", "原田 浩", "harada@harada.example.jp", "お礼",
                "iPROVE CA局 御中\n\n先日はお電話でのご対応ありがとうございました。\n無事に手続きできました。\n\n原田",
                L("other"), "<42-thanks@harada.example.jp>")
    gmail("gmail_address_change_43", "小川 直子", "naoko.ogawa.1975@gmail.com", "住所変更のご連絡",
          "お世話になっております。\n転居しましたのでご連絡します。\n新住所は〒150-0001 東京都渋谷区神宮前1-2-3です。\n"
          "電話 090-1234-5678\n2026/12/01より有効です。\n\n小川",
          L("other"), "<CAG43addresschangeXyZ@mail.gmail.com>")
    gmail("gmail_en_faq_44", "Tom Wilson", "tom.wilson.tokyo@gmail.com", "Emergency revocation",
          "Hello,\n\nWhat happens if I lose my laptop? How can I revoke the certificate in an emergency?\n\nTom",
          L("faq", language="en"), "<CAH44emergencyquestion@mail.gmail.com>")
    thunderbird("thunderbird_en_correction_45", "Kenta Takahashi", "kenta.t@example.net", "Wrong name on certificate",
                "Hello,\n\nThe certificate I received yesterday has my name misspelled (Takahasi instead of Takahashi).\n"
                "Please correct it.\n\nKenta Takahashi",
                L("correction", language="en"), "<45-correction@example.net>")
    thunderbird("thunderbird_en_decimal_46", "Lisa Mueller", "lisa.m@example.de", "Revocation",
                "Dear CA,\n\nI no longer need my certificate; please revoke it.\nSerial (decimal) 981402050\n"
                "My phone: +49 30 1234 5678\n\nLisa",
                L("revocation", ["3a7f01c2"], language="en"), "<46-decimal@example.de>")
    outlook("outlook_en_cancel_issued_47", "Peter Lee", "peter.lee@example.com", "Cancel my certificate",
            "Hello,\n\nPlease cancel my certificate. It was issued last week and I no longer need it.\n"
            "Serial 0x00a1b2c3d4\n\nPeter", L("revocation", ["a1b2c3d4"], language="en"),
            "<SN6PR01MB4747CANCEL47@SN6PR01MB4747.namprd01.prod.outlook.com>")
    gmail("gmail_reply_serial_48", "山田 太郎", "taro.yamada.1970@gmail.com",
          "Re: [MDG-000200] お問い合わせを受け付けました / We have received your message",
          "シリアル番号は 3A 7F 01 C3 です。\n\n2026年11月21日(金) 10:00 iPROVE CA局 <ca@ca.example.jp>:\n"
          "> 山田 様\n> 失効をご希望の証明書のシリアル番号をお知らせください。\n>\n> >証明書の失効をお願いします。",
          L("revocation", ["3a7f01c3"]), "<CAI48replyserial@mail.gmail.com>",
          extra=[("In-Reply-To", "<mdg-000200.1795710000.6a7b8c9d0e1f2a3b@ca.example.jp>"),
                 ("References", "<mdg-000200.1795710000.6a7b8c9d0e1f2a3b@ca.example.jp>")],
          quote_html='<div class="gmail_quote"><blockquote>山田 様<br>失効をご希望の証明書のシリアル番号をお知らせください。</blockquote></div>')
    keitai("softbank_question_49", "softbank", "k-hayashi@i.softbank.jp", "ICカード",
           sjis("ICカードに証明書を入れられますか?"), L("faq"), "<sb.49@i.softbank.jp>")
    keitai("au_compromise_50", "au", "y.endo@au.com", "ウイルス感染",
           enc_bytes(crlf("遠藤です。\nパソコンがウイルスに感染しました。秘密鍵が漏れたかもしれません。\n至急対応お願いします。"), "iso-2022-jp"),
           L("emergency_revocation"), "<au.50@au.com>")
    thunderbird("thunderbird_bad_date_51", "青木 聡", "aoki@aoki.example.jp", "申込の撤回",
                "青木です。\n11月10日に申し込みましたが、申込の撤回をお願いします。\n", L("cancellation"), "",
                date="32 Foo 2026 25:61:00 +9900")
    outlook("outlook_html_alt_52", "村上 剛", "t.murakami@murakami.example.jp", "失効依頼",
            "iPROVE CA局 御中\n\n退職に伴い、電子証明書の失効を依頼します。\nシリアル番号：7C 00 1A FF\n\n村上",
            L("revocation", ["7c001aff"]), "<TYCPR01MB3333ALT52@TYCPR01MB3333.jpnprd01.prod.outlook.com>")
    html_fields = common(f"{word('近藤 雅子', 'UTF-8')} <m.kondo@kondo.example.jp>", "Re: " + word("発行申込の取り消しについて", "UTF-8"),
                         "<html53@kondo.example.jp>", "Wed, 26 Nov 2026 09:00:00 +0900",
                         extra=[("X-Mailer", "Microsoft Outlook Web App"), ("MIME-Version", "1.0"),
                                ("Content-Type", "text/html; charset=utf-8"), ("Content-Transfer-Encoding", "base64")])
    save("html_only_thanks_53", head(html_fields) + CRLF + b64body(
        "<html><body><div>ご対応ありがとうございました。</div><div>近藤</div><hr>"
        "<blockquote><div>近藤 様</div><div>ご依頼により、電子証明書の発行申込をキャンセルしました。</div></blockquote>"
        "</body></html>".encode()), **L("other"))  # type: ignore[arg-type]
    thunderbird("thunderbird_en_ooo_human_54", "Chris Evans", "chris.evans@example.co.uk", "My application",
                "Hello,\n\nSorry for the slow reply, I was out of the office last week.\n"
                "I would like to cancel my application, please.\n\nChris",
                L("cancellation", language="en"), "<54-human@example.co.uk>")
    iphone("iphone_en_faq_55", "Sam Green", "sam.green@icloud.com", "E-bidding",
           "Can I use the certificate for electronic bidding with MLIT?\n\nSent from my iPhone",
           L("faq", language="en"), "<F55A1B2C-3D4E-5F6A-7B8C-9D0E1F2A3B4C@icloud.com>")
    outlook("outlook_signature_urgent_56", "池田 徹", "t.ikeda@ikeda.example.jp", "証明書の失効について",
            "iPROVE CA局 御中\n\n退職のため、証明書を失効してください。\n書類は郵送いたしました。\n\n"
            "━━━━━━━━━━━━━━━━━━━━\n池田 徹\n緊急連絡先: 090-9876-5432\n━━━━━━━━━━━━━━━━━━━━",
            L("revocation"), "<TYCPR01MB4444SIG56@TYCPR01MB4444.jpnprd01.prod.outlook.com>")
    keitai("docomo_emoji_57", "docomo", "aya.0707@docomo.ne.jp", "ｼﾘｱﾙ番号",
           sjis("証明書の失効おねがいします。\nｼﾘｱﾙ番号 7A 3B 2C 1D\n") + b"\xf8\x9f\xf8\xa0" + CRLF,
           L("revocation", ["7a3b2c1d"]), "<20261124.aya.57@docomo.ne.jp>")
    eucjp_fields = common("hasegawa@unix.example.ac.jp", word("CPSについて", "EUC-JP"), "<20261121.58.hasegawa@unix.example.ac.jp>",
                          "Fri, 21 Nov 2026 16:00:00 +0900",
                          extra=[("User-Agent", "Wanderlust/2.15.9"), ("Mime-Version", "1.0"),
                                 ("Content-Type", "text/plain; charset=EUC-JP"), ("Content-Transfer-Encoding", "8bit")])
    save("eucjp_faq_58", head(eucjp_fields) + CRLF + crlf("長谷川です。\nCPSとは何ですか。リポジトリはどこで見られますか。\n").encode("euc_jp"),
         **L("faq"))  # type: ignore[arg-type]


def build_hard() -> None:
    """Harder cases written after the rules, to check them rather than fit them."""
    outlook("outlook_faq_lost_pc_59", "石田 誠", "m.ishida@ishida.example.jp", "PC紛失時の対応について",
            "iPROVE CA局 御中\n\n社内の規程を作っております。\nPCを紛失した場合、証明書の失効は必要でしょうか？\n"
            "また、その際の手順を教えてください。\n\n石田", L("faq"),
            "<TYCPR01MB5555FAQ59@TYCPR01MB5555.jpnprd01.prod.outlook.com>")
    thunderbird("thunderbird_late_cancel_60", "上田 恵子", "k.ueda@ueda.example.jp", "申込について",
                "上田です。\n照会書を返送し、会費も振り込みましたが、やはり申込をキャンセルできますか？\n\n上田",
                L("cancellation"), "<60-late-cancel@ueda.example.jp>")
    gmail("gmail_key_password_61", "松井 翔", "sho.matsui.88@gmail.com", "秘密鍵のパスワード",
          "お世話になります。\n秘密鍵のパスワードを他人に知られてしまいました。\n証明書を停止したいです。\n\n松井",
          L("emergency_revocation"), "<CAJ61keypassword@mail.gmail.com>")
    thunderbird("thunderbird_en_death_question_62", "Yuki Sato", "yuki.sato@example.com", "Certificate of my father",
                "Dear Sir or Madam,\n\nI am writing to inform you that my father, Hiroshi Sato, the certificate holder, "
                "died on 1 November.\nWhat documents do you need from me?\n\nYuki Sato",
                L("death_notice", language="en"), "<62-death@example.com>")
    keitai("softbank_cancel_installed_63", "softbank", "t-kubo@softbank.ne.jp", "ｷｬﾝｾﾙ",
           sjis("久保です。ｲﾝｽﾄｰﾙした証明書をｷｬﾝｾﾙしたいです。ｼﾘｱﾙ 4D:5E:6F:70"),
           L("revocation", ["4d5e6f70"]), "<sb.63@softbank.ne.jp>")
    thunderbird("thunderbird_address_change_64", "野口 健", "k.noguchi@noguchi.example.jp", "住所変更",
                "野口です。\n引っ越したので証明書の住所を変更したいのですが、どうすればよいですか。\n\n野口",
                L("faq"), "<64-address@noguchi.example.jp>")
    html_fields = common("security@hoshino.example.jp", word("至急：ランサムウェア感染", "UTF-8"),
                         "<html65@hoshino.example.jp>", "Wed, 26 Nov 2026 07:10:00 +0900",
                         extra=[("X-Mailer", "Microsoft Outlook Web App"), ("MIME-Version", "1.0"),
                                ("Content-Type", "text/html; charset=utf-8"), ("Content-Transfer-Encoding", "base64")])
    save("html_only_ransomware_65", head(html_fields) + CRLF + b64body(
        "<html><body><p>至急！！</p><p>会社のPCがランサムウェアに感染しました。</p>"
        "<p>星野名義の証明書の失効をお願いします。</p><p>星野</p></body></html>".encode()),
        **L("emergency_revocation"))  # type: ignore[arg-type]
    gmail("gmail_reply_not_revocation_66", "大野 淳", "jun.ohno.1990@gmail.com", "Re: [MDG-000210] ご依頼内容の確認",
          "いいえ、失効ではなく申込の取り消しです。\nまだ証明書は発行されていません。\n\n"
          "2026年11月24日(月) 15:00 iPROVE CA局 <ca@ca.example.jp>:\n> 大野 様\n> 証明書の失効をご希望でしょうか。",
          L("cancellation"), "<CAJ66notrevocation@mail.gmail.com>",
          extra=[("In-Reply-To", "<mdg-000210.1795730000.7b8c9d0e1f2a3b4c@ca.example.jp>")])


if __name__ == "__main__":
    for old in HERE.glob("*.eml"):
        old.unlink()
    build()
    (HERE / "labels.json").write_text(json.dumps(LABELS, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(LABELS)} mails")
