"""parse_message on the corpus and on hand-made edge cases."""

from __future__ import annotations

import hashlib
from email.message import EmailMessage
from pathlib import Path

import pytest

from intake.parse import ParseError, parse_message

MAIL = Path(__file__).resolve().parents[2] / "data" / "mail"


def load(name: str) -> bytes:
    return (MAIL / f"{name}.eml").read_bytes()


def test_outlook_cp50220_body_and_headers() -> None:
    p = parse_message(load("outlook_cp50220_35"))
    assert p.subject == "証明書の記載内容について"
    assert p.from_name == "髙橋 ㈱テック"
    assert "①本日ダウンロードした" in p.text
    assert "「髙橋」" in p.text and "㈱テック" in p.text and "ｶﾀｶﾅ" in p.text
    assert not p.html_converted  # the text/plain alternative was preferred
    assert p.date is not None and p.date.utcoffset() is not None
    assert p.defects == []


def test_outlook_signature_separated_by_rule() -> None:
    p = parse_message(load("outlook_revocation_01"))
    assert p.signature.startswith("━━━")
    assert "03-1234-5678" in p.signature
    assert "03-1234-5678" not in p.new_text
    assert "シリアル番号：3A 7F 01 C2" in p.new_text


def test_dash_dash_space_signature() -> None:
    p = parse_message(load("thunderbird_cancel_03"))
    assert p.signature.startswith("--")
    assert "鈴木設計事務所" in p.signature
    assert p.new_text.endswith("住民票の写しは返却をお願いします。")


def test_fax_gateway_pdf_attachment_kept_whole() -> None:
    p = parse_message(load("fax_gateway_19"))
    assert len(p.attachments) == 1
    att = p.attachments[0]
    assert (att.filename, att.content_type) == ("fax_20261120_0912.pdf", "application/pdf")
    assert att.payload.startswith(b"%PDF-1.4") and att.payload.endswith(b"%%EOF\n")
    assert att.size == len(att.payload)
    assert att.sha256 == hashlib.sha256(att.payload).hexdigest()
    assert "発信元: 03-5555-1234" in p.text


def test_html_only_mail_converted_with_quote_depth() -> None:
    p = parse_message(load("html_only_thanks_53"))
    assert p.html_converted
    assert p.new_text.startswith("ご対応ありがとうございました。")
    assert "キャンセルしました" in p.quoted_text
    assert "キャンセル" not in p.new_text
    q = parse_message(load("html_only_faq_10"))
    assert "var x" not in q.text and "font-family" not in q.text
    assert "有効期間を教えてください。" in q.text


def test_gmail_reply_quote_and_threading_headers() -> None:
    p = parse_message(load("gmail_reply_serial_48"))
    assert p.new_text == "シリアル番号は 3A 7F 01 C3 です。"
    assert p.quoted_text.startswith("2026年11月21日(金) 10:00 iPROVE CA局")
    assert p.in_reply_to == "<mdg-000200.1795710000.6a7b8c9d0e1f2a3b@ca.example.jp>"
    assert p.references == ["<mdg-000200.1795710000.6a7b8c9d0e1f2a3b@ca.example.jp>"]


def test_outlook_top_posted_reply() -> None:
    p = parse_message(load("outlook_reply_toppost_18"))
    assert p.quoted_text.startswith("-----Original Message-----")
    assert "同じ印鑑を押して" in p.quoted_text
    assert "同じ印鑑を押して" not in p.new_text


def test_feature_phone_shift_jis_with_pictograms_and_half_width_kana() -> None:
    p = parse_message(load("docomo_emoji_57"))
    assert p.subject == "ｼﾘｱﾙ番号"
    assert "ｼﾘｱﾙ番号 7A 3B 2C 1D" in p.text
    assert "\ue63e" in p.text  # docomo pictogram, CP932 private use area


def test_broken_senders() -> None:
    assert parse_message(load("broken_raw8bit_subject_30")).subject == "証明書失効のお願い"
    nocs = parse_message(load("broken_nocharset_31"))
    assert "申込を取り消したいです" in nocs.text and nocs.subject == "申込の取り消し"
    assert "no charset declared; detected cp932" in nocs.defects
    assert "記載が間違っています" in parse_message(load("broken_wronglabel_32")).text
    assert parse_message(load("broken_glued_words_33")).subject == "Re:証明書の失効依頼"
    assert parse_message(load("broken_unknown_label_34")).subject == "証明書について質問"
    bad_date = parse_message(load("thunderbird_bad_date_51"))
    assert bad_date.date is None and "unparseable Date header" in bad_date.defects


def test_euc_jp() -> None:
    p = parse_message(load("eucjp_correction_09"))
    assert p.subject == "証明書の記載内容の誤りについて"
    assert "「齋藤 修」" in p.text


def test_bounce_keeps_returned_message_as_attachment() -> None:
    p = parse_message(load("bounce_postfix_26"))
    types = [a.content_type for a in p.attachments]
    assert types == ["message/delivery-status", "message/rfc822"]
    assert b"Message-ID: <mdg-000123." in p.attachments[1].payload


def test_language() -> None:
    assert parse_message(load("gmail_en_cancel_14")).language == "en"
    assert parse_message(load("docomo_cancel_06")).language == "ja"


def test_every_corpus_mail_parses_without_body_defects() -> None:
    for path in sorted(MAIL.glob("*.eml")):
        p = parse_message(path.read_bytes())
        assert p.text or p.attachments, path.name
        assert not [d for d in p.defects if "unreadable" in d or "could not" in d], path.name


def test_rfc2231_attachment_name() -> None:
    msg = EmailMessage()
    msg["Subject"] = "FAX"
    msg.set_content("本文")
    msg.add_attachment(b"%PDF", maintype="application", subtype="pdf", filename="失効請求書.pdf")
    p = parse_message(msg.as_bytes())
    assert p.attachments[0].filename == "失効請求書.pdf"
    assert p.defects == []


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\xff" * 100,
        b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n--x--",
        b"Subject: =?x?B?!!?=\r\n\r\n",
    ],
)
def test_garbage_never_raises(raw: bytes) -> None:
    p = parse_message(raw)
    assert isinstance(p.text, str)


def test_non_bytes_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_message("not bytes")  # type: ignore[arg-type]


def test_signature_rule_needs_a_short_tail() -> None:
    from intake.quoting import split_body

    short = split_body("本文\n━━━━━━\n" + "\n".join(f"l{i}" for i in range(14)))
    assert short.new_text == "本文" and short.signature.startswith("━━━━━━")
    long = split_body("本文\n━━━━━━\n" + "\n".join(f"l{i}" for i in range(15)))
    assert long.signature == "" and "l14" in long.new_text


def test_a_rule_under_a_table_header_is_no_signature() -> None:
    from intake.quoting import split_body

    text = (
        "次の証明書を止めてください。\n\n  氏名      シリアル番号\n"
        "  ------------------------\n  北村 翔    5E:21:9A:C0\n"
    )
    assert split_body(text + "\n佐野").new_text.endswith("5E:21:9A:C0\n\n佐野")
    signed = split_body(text + "\n以上です。\n----------\n佐野  総務部")
    assert "北村" in signed.new_text and signed.signature.startswith("----------")


def test_the_outer_level_of_a_quote_leaves_out_what_it_quotes_in_turn() -> None:
    from intake.quoting import outer_level, quote_depth

    assert [quote_depth(x) for x in ("text", "> a", "> > b", "＞＞c", "  >>d")] == [0, 1, 2, 2, 2]
    assert outer_level("our reply\n\n> their request\n>> older") == "our reply\n"
    assert outer_level("> our notice\n>\n> > their request\n> more") == "> our notice\n>\n> more"


def test_large_inputs_stay_fast() -> None:
    import time

    raw = b"Subject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + ("━━━━━━\nline\n" * 20000).encode()
    start = time.perf_counter()
    parse_message(raw)
    assert time.perf_counter() - start < 3
