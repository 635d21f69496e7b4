"""Serials read from whole mails: an encoded subject, CP932 lists, HTML tables, and bounces that quote."""

from __future__ import annotations

import base64
from email.header import Header

import pytest

from intake.automated import detect_automated
from intake.classify import classify
from intake.parse import parse_message


def _mail(subject: str, body: bytes, content_type: str, encoding: str = "8bit") -> bytes:
    """A mail from a customer with an ISO-2022-JP encoded subject and the given body part."""
    encoded = Header(subject, "iso-2022-jp").encode()
    head = (
        f"From: customer@example.jp\r\nTo: ca@ca.example.jp\r\nSubject: {encoded}\r\n"
        f"MIME-Version: 1.0\r\nContent-Type: {content_type}\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n"
    )
    return head.encode() + body


def test_a_serial_only_in_the_encoded_subject_of_a_short_request_is_taken() -> None:
    raw = _mail(
        "ノートPC紛失 7A41C09E3B2D",
        "ノートPCをなくしました。件名の証明書をすぐ止めてください。\r\n佐藤\r\n".encode(),
        "text/plain; charset=utf-8",
    )
    result = classify(parse_message(raw))
    assert result.intent == "emergency_revocation"
    assert result.serials == ["7a41c09e3b2d"]
    assert any(r.startswith("serial: unlabelled hex taken") for r in result.reasons)


def test_a_hex_string_in_the_subject_of_a_question_is_not_taken() -> None:
    raw = _mail(
        "質問 7A41C09E3B2D",
        "電子証明書の有効期限は何年ですか？\r\n".encode(),
        "text/plain; charset=utf-8",
    )
    result = classify(parse_message(raw))
    assert result.intent == "faq"
    assert result.serials == []


_STAFF_LIST = (
    "㈱浪速商事 総務部の石田でございます。\r\n"
    "弊社社員2名のノートPC2台が盗まれました。両名の電子証明書を至急止めてください。\r\n\r\n"
    "　① 営業部　西村 拓也　　3c0535c260f0fe7ab1af\r\n"
    "　② 営業部　高橋 美咲　　8e6d8be4f2537c2c4b14\r\n\r\n"
    "〒530-0001 大阪市北区梅田1-2-3\r\nTEL 06-6345-7788\r\n"
)


@pytest.mark.parametrize("label", ["Shift_JIS", "Windows-31J"])
def test_a_staff_list_in_base64_cp932_under_a_narrower_label_names_each_serial(label: str) -> None:
    # ① and ㈱ exist only in CP932; the label understates it, and Python knows no "Windows-31J".
    body = base64.encodebytes(_STAFF_LIST.encode("cp932"))
    parsed = parse_message(_mail("社員の証明書について", body, f"text/plain; charset={label}", "base64"))
    assert "①" in parsed.text and "㈱" in parsed.text
    result = classify(parsed)
    assert result.intent == "emergency_revocation"
    assert result.serials == ["3c0535c260f0fe7ab1af", "8e6d8be4f2537c2c4b14"]


def test_an_html_table_keeps_its_columns() -> None:
    html = (
        "<html><body><p>Two staff left today. Please revoke their certificates.</p><table>"
        "<tr><th>Name</th><th>Order no.</th><th>Serial</th></tr>"
        "<tr><td>Ken Tanaka</td><td>20261A2B3C</td><td>9A614C7E70BA1BF9</td></tr>"
        "<tr><td>Mary Sato</td><td>20261A2B3D</td><td>BB3F7764B4B57B3A</td></tr>"
        "</table></body></html>"
    )
    raw = _mail("Revocation", html.encode(), "text/html; charset=utf-8")
    result = classify(parse_message(raw))
    assert result.serials == ["9a614c7e70ba1bf9", "bb3f7764b4b57b3a"]
    assert [c.value for c in result.serial_candidates] == result.serials  # the order numbers are no candidates


def _isp_bounce(returned_body: str) -> bytes:
    """A Japanese ISP's bounce that pastes the returned mail (our reply) below its report."""
    text = (
        "このメールはメールサーバーから自動的に送信されています。\r\n\r\n"
        "お送りいただいたメールは、以下の宛先に配信できませんでした。\r\n"
        "　宛先：kawada@bb.example-isp.ne.jp\r\n"
        "　理由：宛先のメールボックスが容量を超えているため受信できません。\r\n\r\n"
        "------ 元のメッセージ ------\r\n"
        "From: CA <ca@ca.example.jp>\r\nTo: kawada@bb.example-isp.ne.jp\r\nSubject: Re: 証明書の失効\r\n\r\n"
        + returned_body
    )
    return (
        "From: MAILER-DAEMON@mx.example-isp.ne.jp\r\nTo: ca@ca.example.jp\r\n"
        "Subject: =?utf-8?B?6YWN5L+h44Gn44GN44Gq44GL44Gj44Gf44Oh44O844Or44Gu6L+U6YCB?=\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + text
    ).encode()


def test_a_bounce_names_no_serial_that_the_returned_mail_only_quotes() -> None:
    raw = _isp_bounce(
        "川田様\r\n\r\n緊急失効のお申し出を受け付けました。申請書のご送付をお願いいたします。\r\n\r\n"
        "> 昨夜ノートPCが盗まれました。\r\n> 証明書 B4C2-19E7-55AD-0F31-C6D8 を止めてください。\r\n"
    )
    parsed = parse_message(raw)
    assert detect_automated(parsed).verdict == "bounce"
    assert classify(parsed).serials == []


def test_a_bounce_names_the_serial_that_the_returned_mail_says_itself() -> None:
    raw = _isp_bounce(
        "川田様\r\n\r\nシリアル番号 B4C2-19E7-55AD-0F31-C6D8 の証明書の失効を受け付けました。\r\n\r\n"
        "> 昨夜ノートPCが盗まれました。\r\n"
    )
    assert classify(parse_message(raw)).serials == ["b4c219e755ad0f31c6d8"]


def test_a_person_who_quotes_a_serial_still_names_it() -> None:
    # Only a bounce is read without the quotes of its returned mail; a customer's reply is not.
    raw = _mail(
        "Re: 証明書の失効",
        "はい、その証明書で間違いありません。至急お願いします。\r\n\r\n"
        "> > 証明書 B4C2-19E7-55AD-0F31-C6D8 を止めてください。\r\n".encode(),
        "text/plain; charset=utf-8",
    )
    assert classify(parse_message(raw)).serials == ["b4c219e755ad0f31c6d8"]


def test_a_reply_naming_another_serial_of_the_quoted_serials_size_is_read() -> None:
    # The writer answers a quoted question with another certificate's serial, unlabelled:
    # it has the size of the quoted serial, so it is sure, and the quoted one is not taken.
    from intake.classify import classify_parts

    result = classify_parts(
        "Re: 失効のご確認",
        "いいえ、67b49a0d12e8f3c5 の方を失効してください。",
        "> シリアル番号: 5c3f8e21d0a94b76\n> の証明書を失効してよろしいですか？",
    )
    assert result.serials == ["67b49a0d12e8f3c5"]


def test_a_reply_naming_a_shorter_number_still_takes_the_quoted_serial() -> None:
    from intake.classify import classify_parts

    result = classify_parts(
        "Re: 失効のご確認",
        "はい、お願いします。受付は 3a7f01c2 でした。",
        "> シリアル番号: 5c3f8e21d0a94b76\n> の証明書を失効してよろしいですか？",
    )
    assert result.serials == ["5c3f8e21d0a94b76"]


def test_a_reply_copying_one_of_two_quoted_serials_names_that_one_only() -> None:
    # Our notice quoted two certificates; the writer copies the old one's serial into their own words.
    from intake.classify import classify_parts

    result = classify_parts(
        "Re: 更新のお知らせ",
        "新しい証明書が届いたので、古い方は期限を待たずに失効してください。\n"
        "古い方の番号は下の引用にある 9C41E07B52D8A6F3 です。",
        "> ご利用中の証明書(シリアル番号 9C41E07B52D8A6F3)の期限が近づいています。\n"
        "> 新しい証明書(シリアル番号 D27A8E3F61B0C594)の発行手続きが完了しました。",
    )
    assert result.serials == ["9c41e07b52d8a6f3"]


def test_the_number_of_the_other_one_is_the_serial_not_the_quoted_one() -> None:
    # "別の方の番号は …": the writer names a second certificate; the quoted one was revoked already.
    from intake.classify import classify_parts

    result = classify_parts(
        "Re: 失効処理完了のお知らせ",
        "ありがとうございました。実は別の方の番号は 4e8d20c7a1f93b65 で、こちらも入ったスマホを落としてしまいました。"
        "急ぎで証明書を止めてください。",
        "> シリアル番号 71b3c9e0d5a24f68 の証明書の失効処理を完了いたしました。",
    )
    assert result.serials == ["4e8d20c7a1f93b65"]
