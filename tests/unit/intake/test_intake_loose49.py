"""Kinds of writing the readers missed before stop 49, each with the look-alikes that must not change.

Serials: a person's number in brackets after their name ("（社員番号 10234）") labels no value after the bracket;
a value given only by its end ("末尾 …2e4c6a8b", "ending in …") is no whole serial; 36 digits in hyphened fours are
no hash; "番号はこれ" points at its value; a machine's maker number is that machine's; a bullet may come before a
counted item ("・2枚目"); "シリル番号" is a hasty serial label; a value given in halves ("前半：…", "後半：…") or
wrapped after a hanging hyphen is one value; eight digits then three fours ("08A4F1C9-3E7B-D265-0F19") are one.
Intent: a request on a condition ("間に合うならお願いします") is a request; romaji typed as two words
("nakunari mashita") still tells a death; a report that wants no answer asks nothing; a writer asking how their own
request is getting on asks a person, not the FAQ; a widow who keeps her own certificate reports her husband's
death; a writer whose laptop was found calls the revocation off; a death told as why one misses a seminar is no
death notice.  Fax: the title on the form's first line is the form's, not a choice printed below it.  Every
sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.serials import find_serials


def _exact(text: str) -> list[str]:
    return [c.value for c in find_serials(text) if c.exact]


def test_a_persons_number_in_brackets_labels_no_value_after_the_bracket() -> None:
    text = (
        "下記2名が退職しますので、証明書の失効をお願いします。\n\n"
        "・佐々木 健（社員番号 20871）　5b1e9d03c7a42f68\n"
        "・森 千尋（社員番号 20912）　e07c3a95d2b4f160\n"
    )
    assert _exact(text) == ["5b1e9d03c7a42f68", "e07c3a95d2b4f160"]


def test_a_hash_label_in_brackets_still_names_its_value() -> None:
    text = "証明書の拇印（SHA-1）: a3c1f07e9b25d4681c0e7fa2b9d3c5e1f0a4b6d8 を確認しました。"
    assert _exact(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "証明書の末尾 ...7a3f0c2e の証明書です（フル：91d4b2c67a3f0c2e）。氏名の漢字が違います。",
        "My certificate ending in 7a3f0c2e, full serial 91d4b2c67a3f0c2e, has my name misspelt.",
    ],
)
def test_a_value_given_by_its_end_is_no_whole_serial(text: str) -> None:
    assert _exact(text) == ["91d4b2c67a3f0c2e"]


def test_a_tail_alone_is_only_a_candidate() -> None:
    found = find_serials("証明書の下8桁は 7a3f0c2e です。失効をお願いします。")
    assert [c.value for c in found] == ["7a3f0c2e"] and not found[0].exact


def test_thirty_six_digits_in_hyphened_fours_are_a_serial() -> None:
    text = "Certificate 4b2e-91c0-7d35-a8f1-06e2-c94b-13d7-5a0f-e2b8 was issued with the wrong e-mail."
    assert _exact(text) == ["4b2e91c07d35a8f106e2c94b13d75a0fe2b8"]


def test_this_after_the_word_number_points_at_the_value() -> None:
    text = (
        "証明書、担当交代で使わなくなるので止めてください。\n"
        "番号はこれ　7E-21-A0-4C-93-5B-D8-11-F6-02-3A-9C-E4-70-1D-B5-08-6F-C2-49"
    )
    assert _exact(text) == ["7e21a04c935bd811f6023a9ce4701db5086fc249"]


def test_a_machines_maker_number_is_the_machines() -> None:
    text = (
        "証明書を入れていたUSBメモリをなくしました。失効をお願いします。\n"
        "対象の証明書：C41E.77A0.B39D.02F5\n"
        "USBメモリ本体の製造番号 BB17730024981 は遺失届に書きました。"
    )
    assert _exact(text) == ["c41e77a0b39d02f5"]


def test_a_bullet_may_come_before_a_counted_item() -> None:
    text = (
        "私名義の証明書が3枚ありますが、全部失効してください。\n\n"
        "・1枚目 6C:0A:E2:91:B7:45:D3:08\n・2枚目 ０ｄ７ｂ４ａ２ｅ９ｆ５１ｃ８３６\n・3枚目 0x2f9e1b7c04a6d853\n"
    )
    assert _exact(text) == ["6c0ae291b745d308", "d7b4a2e9f51c836", "2f9e1b7c04a6d853"]


def test_a_hasty_serial_label_cyrillic_look() -> None:
    assert _exact("失効をお願いします。\nシリル番号: 4Ce19a0B7d253Ef6") == ["4ce19a0b7d253ef6"]


def test_a_value_given_in_halves_is_one_value() -> None:
    text = "至急止めてください。\n証明書のシリアル番号（分けて書きます）\n前半：5e0b7c19\n後半：a4d2f863\n"
    assert _exact(text) == ["5e0b7c19a4d2f863"]


def test_a_value_wrapped_after_a_hanging_hyphen_is_one_value() -> None:
    text = "失効をお願いします。\nシリアル番号：1C7E05A3-9B2D-\n4F60-8E13\n書類は郵送します。"
    assert _exact(text) == ["1c7e05a39b2d4f608e13"]


def test_a_phone_number_broken_after_a_hyphen_stays_apart() -> None:
    text = "失効をお願いします。電話：03-5521-\n8841 までお願いします。"
    assert _exact(text) == []


def test_eight_digits_then_three_fours_are_one_value() -> None:
    assert _exact("失効をお願いします。\nシリアル番号：2D9A60F1-7C3E-B408-51AF") == ["2d9a60f17c3eb40851af"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("証明書が届く前ならキャンセルできますか？できるならお願いします。まだ振込もしていません。", "cancellation"),
        ("haha ga nakunari mashita. haha no shoumeisho wo shikkou shite kudasai.", "death_notice"),
        ("申請書類一式を本日レターパックで発送しました。到着しましたらご確認ください。返信は不要です。", "other"),
        ("審査の方はいまどうなってますか？のんびり待ってます", "other"),
        ("照会書を返送してから2週間たちますが、今どういう状況でしょうか。", "other"),
        ("先月申し込んだ者です。いまどの段階にあるか教えていただけますか。", "other"),
        (
            "妻と私はそれぞれ証明書を持っています。妻の証明書の失効をお願いします。妻は先週亡くなりました。\n"
            "私自身の証明書は引き続き使用しますので、そのままにしてください。",
            "death_notice",
        ),
        (
            "昨日ご連絡した鞄の件です。駅の忘れ物センターから連絡があり、ノートPCは無事に見つかりました。\n"
            "お願いした証明書の失効は、まだでしたら取りやめでお願いします。",
            "other",
        ),
        ("来週の電子署名セミナーに申し込んでいた者です。祖父が亡くなり、葬儀のため欠席させていただきます。", "other"),
    ],
)
def test_intent_of_loose_writing(text: str, intent: str) -> None:
    assert classify_text(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # A how-to about the state is still the FAQ's.
        ("審査の状況はどこで確認できますか。", "faq"),
        # A death of the holder is still told when the writer's own certificate is not kept.
        ("夫が亡くなりました。夫の証明書の失効をお願いします。", "death_notice"),
        # A found laptop with a revocation still asked for is a revocation.
        ("PCは見つかりましたが、念のため証明書の失効をお願いします。", "revocation"),
    ],
)
def test_look_alikes_keep_their_intent(text: str, intent: str) -> None:
    assert classify_text(text).intent == intent


def test_the_title_on_the_first_line_is_the_forms() -> None:
    from intake.fax import find_form

    text = "電子証明書失効請求書\niPROVE CA局 御中\n請求の種類: □緊急 ■通常 □名義人死亡届\n名義人: 山田 花子"
    assert find_form(text)[0] == "revocation"
    assert find_form("失効請求書（名義人死亡届）\n届出人: 山田 一郎")[0] == "death_notice"


def test_a_table_row_marked_no_is_left_out_beside_rows_marked_yes() -> None:
    text = (
        "Please revoke the certificates marked YES below:\n\n"
        "name,serial,revoke\n"
        "Ito Ken,3b7e0c19a5d24f86,YES\n"
        "Park Min,c81f4a0d2e96b753,NO (on leave, back in May)\n"
        "Silva Ana,5D09E2B7C14A8F30,YES\n"
    )
    assert classify_text(text).serials == ["3b7e0c19a5d24f86", "5d09e2b7c14a8f30"]


def test_a_table_without_marks_keeps_every_row() -> None:
    text = "Please revoke these:\n\nname,serial\nIto Ken,3b7e0c19a5d24f86\nPark Min,c81f4a0d2e96b753\n"
    assert classify_text(text).serials == ["3b7e0c19a5d24f86", "c81f4a0d2e96b753"]


def test_not_received_in_kana_makes_a_stop_a_cancellation() -> None:
    text = (
        "せんしゅう しょうめいしょ を もうしこみましたが やめます。\n"
        "しょうめいしょ を とめて ください。まだ なにも とどいて いません。"
    )
    assert classify_text(text).intent == "cancellation"


def test_whether_a_revocation_is_done_yet_is_a_status_question() -> None:
    text = "3月2日に失効請求書を郵送しました。失効処理が完了したかどうか教えてください。念のための確認です。"
    assert classify_text(text).intent == "other"


def test_a_serial_told_not_to_be_revoked_in_honorific_words_is_left_out() -> None:
    text = (
        "追加発行の申込を取り下げさせていただきたく存じます。\n"
        "なお、現在使用中の証明書（シリアル番号 7D20C4E91B3A5F86）は引き続き使用いたしますので、"
        "こちらは失効なさらないようご注意ください。"
    )
    result = classify_text(text)
    assert (result.intent, result.serials) == ("cancellation", [])


def test_forty_digits_in_hyphened_eights_are_a_serial() -> None:
    text = "2枚目はもう使いません。失効をお願いします。\n2枚目：9a1e0c37-5b28d4f6-e07c3a91-4d6b2f08-c35e9a17"
    assert classify_text(text).serials == ["9a1e0c375b28d4f6e07c3a914d6b2f08c35e9a17"]
