"""Which of the serials a mail names it asks about (intake.serialscope), read through classify_text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intake.classify import classify_text
from intake.serialscope import requested_serials

CASES = json.loads((Path(__file__).resolve().parents[2] / "data" / "serials" / "scope.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_the_serials_asked_about(case: dict[str, Any]) -> None:
    assert sorted(classify_text(case["text"]).serials) == sorted(case["serials"])


def test_a_serial_left_out_is_named_in_a_reason() -> None:
    scope = requested_serials("Keep 4A7C19E0D2B3. Please revoke 9F01AB23CD45.", ["4a7c19e0d2b3", "9f01ab23cd45"])
    assert scope.serials == ["9f01ab23cd45"]
    assert scope.reasons == ["serial 4a7c19e0d2b3 left out: its clause says to keep it (Keep)"]
    result = classify_text("Keep 4A7C19E0D2B3. Please revoke 9F01AB23CD45.")
    assert "serial 4a7c19e0d2b3 left out: its clause says to keep it (Keep)" in result.reasons


def test_one_serial_is_narrowed_only_when_the_writer_says_not_to_revoke_it() -> None:
    assert requested_serials("Keep 4A7C19E0D2B3.", ["4a7c19e0d2b3"]).serials == ["4a7c19e0d2b3"]
    scope = requested_serials("Do not revoke 4A7C19E0D2B3.", ["4a7c19e0d2b3"])
    assert scope.serials == []
    assert scope.reasons == ["serial 4a7c19e0d2b3 left out: its clause says not to revoke it (Do not revoke)"]


def test_a_serial_named_again_by_its_words_and_not_to_be_revoked_is_left_out_with_a_reason() -> None:
    text = "Next to my current certificate (serial 6C1A9E2B4D70) I ordered one.\nDo not revoke the current certificate."
    scope = requested_serials(text, ["6c1a9e2b4d70"])
    assert scope.serials == []
    assert scope.reasons == [
        "serial 6c1a9e2b4d70 left out: the writer says not to revoke the one named current certificate (Do not revoke)"
    ]


def test_serials_offered_as_alternatives_by_an_unsure_writer_are_both_left_out() -> None:
    scope = requested_serials("Serial 1D2C3B4A5F60 or 1D2C3B4A5F06, maybe.", ["1d2c3b4a5f60", "1d2c3b4a5f06"])
    assert scope.serials == []
    assert [reason.split(":")[0] for reason in scope.reasons] == [
        "serial 1d2c3b4a5f60 left out",
        "serial 1d2c3b4a5f06 left out",
    ]
    assert all("unsure" in reason for reason in scope.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "2枚のうち 5C:1D:88:0A:B3:E7:42:9F を失効してください。7f:02:c4:9e:11:5a:d8:36 は使用中です。",
        "5c1d 880a b3e7 429f の方を止めてください。7f02 c49e 115a d836 は残します。",
        "Please keep 7F02C49E115AD836 (my desktop) and revoke 5C1D880AB3E7429F (sold laptop).",
    ],
)
def test_the_one_in_use_or_kept_is_left_out(text: str) -> None:
    assert classify_text(text).serials == ["5c1d880ab3e7429f"]


def test_another_partys_certificate_is_asked_about_and_the_writers_own_is_revoked() -> None:
    text = (
        "先方から届いた請求書の署名の証明書（シリアル 2b4d6f8a0c1e3a5b）が有効か教えてください。"
        "それとは別に、私の証明書 9d7b5f3e1c0a8e6d は異動のため失効してください。"
    )
    assert classify_text(text).serials == ["9d7b5f3e1c0a8e6d"]


def test_a_question_about_another_partys_certificate_names_it_and_asks_nothing_of_the_writers() -> None:
    # Outside writers (dev mail 50, 52 and 54, serial writers s23 and s24 among them) label the serial a relying
    # party asks about: it names the certificate whose state is asked, though nothing is to be done to it.
    text = (
        "取引先の方の電子署名を検証したところ、証明書のシリアル番号は 4C2A 9E81 07D3 B65F でした。"
        "まだ有効でしょうか？"
    )
    result = classify_text(text)
    assert result.serials == ["4c2a9e8107d3b65f"]
    assert result.intent not in ("revocation", "emergency_revocation", "cancellation", "correction")


def test_bare_values_a_request_names_in_its_sentences_are_its_serials_and_one_kept_is_left_out() -> None:
    text = "在籍者の分（c03a9b6e1d5f7284aa）は残して、退職した鈴木さんの分（8e1f4a0c7b2d9e35）だけ止めてください。"
    assert classify_text(text, subject="証明書の整理").serials == ["8e1f4a0c7b2d9e35"]
    text = "c4d2e0f8a6b1937e5d0a について、ふりがなが違っていました。再発行をお願いします。"
    assert classify_text(text, subject="訂正のお願い").serials == ["c4d2e0f8a6b1937e5d0a"]


def test_a_bare_value_wrapped_on_its_own_lines_is_taken_for_a_request() -> None:
    text = "姓が変わったので旧姓の証明書を失効してください。\n4e8a0d2c7f\n19b3e5a6c8d04f\n"
    assert classify_text(text).serials == ["4e8a0d2c7f19b3e5a6c8d04f"]



@pytest.mark.parametrize(
    "text",
    [
        "今朝届いた証明書ですが、部署名の表記がちがうみたいです。"
        "シリアルは 5e2a91c07d34b8f1 です。どうしたらいいですか？",
        "受け取った証明書の氏名のふりがなが違います。シリアルは 5E2A-91C0-7D34-B8F1 です。訂正ってできますか？",
    ],
)
def test_the_certificate_that_arrived_is_the_writers_own(text: str) -> None:
    # The certificate itself that arrived is the one the CA issued to the writer, not another party's.
    assert classify_text(text).serials == ["5e2a91c07d34b8f1"]
    # One received from another party stays another's: its serial names the certificate asked about, and the
    # question asks nothing of the writer's own.
    other = classify_text("取引先から受け取った証明書（シリアル 7A3C 0E91 D2B4 6F58）はまだ有効でしょうか？")
    assert other.serials == ["7a3c0e91d2b46f58"] and other.intent not in ("revocation", "emergency_revocation")


@pytest.mark.parametrize(
    "text",
    [
        "My current certificate 3B7E90A1C4D258F6 - please don't revoke it, just cancel the additional application.",
        "使用中の証明書（シリアル番号 3B7E90A1C4D258F6）は失効ではなく、追加の申込の取消だけをお願いします。",
        "Please withdraw my application. My certificate 3B7E90A1C4D258F6 is still needed - keep it,"
        " only cancel the new application.",
        "追加で申し込んだ分をキャンセルしたいです。"
        "今の証明書 3b7e90a1c4d258f6 は使い続けますので、申込の取消だけお願いします。",
    ],
)
def test_a_serial_kept_beside_an_application_called_off_in_its_clause_is_left_out(text: str) -> None:
    # The ask in the serial's own clause is aimed at an application, which has no serial yet.
    scope = requested_serials(text, ["3b7e90a1c4d258f6"])
    assert scope.serials == []
    assert scope.reasons[0].startswith("serial 3b7e90a1c4d258f6 left out: its clause says")
    # "失効ではなく取消" of the certificate itself still asks something of it: the register decides.
    for asked in ("証明書（シリアル 3B7E90A1C4D258F6）は失効ではなく取消にしてください。",
                  "証明書（シリアル 3B7E90A1C4D258F6）は失効ではなく再発行をお願いします。"):
        assert requested_serials(asked, ["3b7e90a1c4d258f6"]).serials == ["3b7e90a1c4d258f6"]


@pytest.mark.parametrize(
    "text",
    [
        "My two certificates:\n1. 4C2E7A90D1B3F586 (tablet)\n2. 9A17E3C05B2D8F64 (old notebook)\n"
        "Kindly revoke no. 2. No. 1 is fine.",
        "Certificates:\n1) 4C2E7A90D1B3F586\n2) 9A17E3C05B2D8F64\nRevoke only no. 2. The other one I still use.",
    ],
)
def test_a_full_stop_after_an_items_number_keeps_the_number_with_its_request(text: str) -> None:
    # "no. 2.": the stop of "no." ends nothing; the one after the number ends the clause it closes.
    assert classify_text(text).serials == ["9a17e3c05b2d8f64"]


def test_a_serial_only_quoted_beside_an_application_called_off_is_left_out_with_a_reason() -> None:
    # The serial is not in the writer's text: it came from the quoted mail of the CA.
    scope = requested_serials("今回の発行申込は取り消させてください。", ["6b8d0f2a4c6e8a0b"])
    assert scope.serials == []
    assert scope.reasons == [
        "serial 6b8d0f2a4c6e8a0b left out: named only in the quoted text, beside the application the mail calls off"
    ]
    # A request about an issued certificate keeps the serial it quotes.
    assert requested_serials("この証明書を失効してください。", ["6b8d0f2a4c6e8a0b"]).serials == ["6b8d0f2a4c6e8a0b"]


def test_a_line_broken_inside_the_sentence_goes_on_with_what_is_said_of_the_serial() -> None:
    text = "現在の証明書（シリアル 3C5E7A9B1D2F4A6C）は期限まで\nそのまま使うので失効しないでください。"
    scope = requested_serials(text, ["3c5e7a9b1d2f4a6c"])
    assert scope.serials == []
    assert scope.reasons == [
        "serial 3c5e7a9b1d2f4a6c left out: its clause says not to revoke it (失効しないでください)"
    ]
    # A greeting ends its line: "こんにちは" carries nothing to the next one.
    greeting = "こんにちは\nシリアル 3C5E7A9B1D2F4A6C を失効してください。\n別の証明書は失効しないでください。"
    assert requested_serials(greeting, ["3c5e7a9b1d2f4a6c"]).serials == ["3c5e7a9b1d2f4a6c"]
