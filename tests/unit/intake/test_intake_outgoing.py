"""Composition of outgoing mail, case tags and loop detection."""

from __future__ import annotations

import pytest

from intake import texts
from intake.automated import detect_automated
from intake.outgoing import (
    LOOP_HEADER,
    compose_reply,
    extract_case_tag,
    format_case_tag,
    is_our_own,
)
from intake.parse import parse_message

CONTEXT = {
    "name": "山田 太郎",
    "serial": "3a7f01c2",
    "crl_number": 42,
    "kind": "emergency_revocation",
    "not_after": "2027-01-31",
    "question_ja": "有効期間を教えて下さい。",
    "question_en": "How long is a certificate valid?",
    "answer_ja": "有効期間は1年1ヶ月です。",
    "answer_en": "Certificates are valid for one year and one month.",
}


@pytest.mark.parametrize("kind", texts.KINDS)
def test_every_kind(kind: str) -> None:
    msg = compose_reply(
        kind,
        "taro@example.jp",
        "MDG-000123",
        "ja",
        CONTEXT,
        "<orig@example.jp>",
        ["<first@example.jp>"],
        "ca.example.jp",
        "iPROVE CA <ca@ca.example.jp>",
    )
    raw = msg.as_bytes()
    parsed = parse_message(raw)
    assert parsed.subject.startswith("[MDG-000123] ")
    assert msg["Auto-Submitted"] == "auto-replied"
    assert msg[LOOP_HEADER] == "ca.example.jp"
    assert msg["Message-ID"].endswith("@ca.example.jp>")
    assert msg["In-Reply-To"] == "<orig@example.jp>"
    assert msg["References"] == "<first@example.jp> <orig@example.jp>"
    assert msg.get_content_charset() == "utf-8"
    body = parsed.text
    ja_at = body.index("様")
    # Replies to an address not established as a person on record never name anyone.
    en_at = body.index("Dear customer" if kind in texts.NAMELESS else "Dear 山田 太郎")
    assert (kind in texts.NAMELESS) == ("山田" not in body)
    assert ja_at < en_at  # Japanese first, English second
    assert "{" not in body  # every template field was filled
    assert is_our_own(parsed.headers, "ca.example.jp")
    assert detect_automated(parsed).verdict == "auto_reply"  # our own mail never looks human
    assert extract_case_tag(parsed.subject, parsed.references) == "MDG-000123"


def test_context_values_appear() -> None:
    msg = compose_reply(
        "result_revoked", "a@b.jp", "MDG-000007", "en", CONTEXT, None, [], "ca.example.jp", "ca@ca.example.jp"
    )
    text = parse_message(msg.as_bytes()).text
    assert "3a7f01c2" in text and "42" in text
    assert msg["In-Reply-To"] is None and msg["References"] is None


def test_refused_emergency_explains_the_written_procedure() -> None:
    msg = compose_reply("refused_emergency_unreachable", "a@b.jp", "MDG-000008", "ja", CONTEXT, None, [],
                        "ca.example.jp", "ca@ca.example.jp")
    text = parse_message(msg.as_bytes()).text
    assert "失効請求書" in text and "印鑑登録証明書" in text and "post the revocation request form" in text


def test_missing_name_uses_default_and_unknown_kind_fails() -> None:
    msg = compose_reply("ack", "a@b.jp", "MDG-000009", "ja", {}, None, [], "ca.example.jp", "ca@ca.example.jp")
    assert "お客 様" in parse_message(msg.as_bytes()).text
    with pytest.raises(ValueError):
        compose_reply("nonsense", "a@b.jp", "MDG-000009", "ja", {}, None, [], "ca.example.jp", "ca@ca.example.jp")


def test_message_ids_are_unique() -> None:
    ids = {
        compose_reply("ack", "a@b.jp", "MDG-000001", "ja", {}, None, [], "d.jp", "ca@d.jp")["Message-ID"]
        for _ in range(50)
    }
    assert len(ids) == 50


def test_format_case_tag() -> None:
    assert format_case_tag(123) == "MDG-000123"
    assert format_case_tag(0) == "MDG-000000"
    with pytest.raises(ValueError):
        format_case_tag(1_000_000)


@pytest.mark.parametrize(
    ("subject", "references", "tag"),
    [
        ("Re: [MDG-000123] お問い合わせを受け付けました", [], "MDG-000123"),
        ("RE: RE: MDG-004200 の件", [], "MDG-004200"),
        ("Re: 失効の件", ["<x@y>", "<mdg-000077.1795.abc@ca.example.jp>"], "MDG-000077"),
        ("Re: 失効の件", ["<x@y>"], None),
        ("MDG-1234567", [], None),
        ("", [], None),
    ],
)
def test_extract_case_tag(subject: str, references: list[str], tag: str | None) -> None:
    assert extract_case_tag(subject, references) == tag


def test_is_our_own_other_domain() -> None:
    assert not is_our_own({"x-madoguchi-loop": "other.example"}, "ca.example.jp")
    assert is_our_own([("X-Madoguchi-Loop", "CA.example.jp ")], "ca.example.jp")
    assert not is_our_own({}, "ca.example.jp")


def test_is_our_own_on_parsed_mail_checks_every_occurrence() -> None:
    raw = b"X-Madoguchi-Loop: other.example\r\nX-Madoguchi-Loop: ca.example.jp\r\nSubject: x\r\n\r\nbody\r\n"
    assert is_our_own(parse_message(raw), "ca.example.jp")
    assert not is_our_own(parse_message(b"Subject: x\r\n\r\nbody\r\n"), "ca.example.jp")
