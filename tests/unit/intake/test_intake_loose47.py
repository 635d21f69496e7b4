"""Kinds of writing the readers missed before stop 47, each with the look-alikes that must not change.

An application called off beside the certificate the writer goes on using names that certificate only to keep it;
a death told as a state ("他界しております") has happened; a slip of address told of this very mail asks the CA
nothing; a thank-you for an emergency revocation already done reports no new loss; a clause that points back at a
certificate ("…がありますが、こちらは無事なので") says what is to be done with it; a revocation "done for us already"
is history; another party's person's certificate is theirs; space pairs broken inside a pair at a line end are one
value; and "番号" alone at the start of a line names the certificate's number.  From writer s6 and dev mail 36: a
thank-you titled as one ("御礼") reports nothing new; a complaint that wants no answer asks nothing; the writer's own
death is foreseen, not reported; "失効してもらいたい" asks; the CA's user manual is no incident manual; "お電話で"
names no phone number; a certificate whose owner is told to be left alone ("所長の分は変更ありません") is kept; "0x"
marks a grouped value; OCR look-alikes in hyphen fours are repaired; and "誤)" / "正)" mark a corrected value.  Every
sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts, classify_text
from intake.rules import PREPARATION, RECOVERED
from intake.serials import extract_serials, find_serials, plain_values


@pytest.mark.parametrize(
    "text",
    [
        "いま使っている証明書（シリアル 5E0A9C13D7B24F68）とは別に、2台目のPC用に追加の申込をしていましたが、"
        "計画がなくなったので追加分の申込を取り下げます。既存の証明書はこのまま使います。",
        "更新のために新しい申込書を送りましたが、退職が決まったのでこの申込は取り消してください。"
        "現在の証明書（5E0A9C13D7B24F68）は期限まで使ってそのまま切れる形でかまいません。",
        "Please withdraw my renewal application. My current certificate 5e0a9c13d7b24f68 stays in use"
        " until it expires.",
    ],
)
def test_an_application_called_off_beside_a_certificate_kept_names_no_serial(text: str) -> None:
    result = classify_parts("申込の取り下げ", text, "")
    assert result.intent == "cancellation"
    assert result.serials == []


def test_an_application_called_off_with_the_certificate_revoked_too_keeps_its_serial() -> None:
    text = "更新の申込を取り消してください。あわせて、現在の証明書（5E0A9C13D7B24F68）も失効をお願いします。"
    assert classify_parts("", text, "").serials == ["5e0a9c13d7b24f68"]


@pytest.mark.parametrize(
    "text",
    [
        "先日、証明書の更新のお知らせが届きましたが、名義人の父は今年の春に他界しております。どうすればよいでしょうか。",
        "有効期限のお知らせを頂戴しましたが、名義人の妻は三月に亡くなっております。どうしたらよいですか。",
    ],
)
def test_a_death_told_as_a_state_is_a_death_notice(text: str) -> None:
    result = classify_parts("", text, "")
    assert result.intent == "death_notice"
    # The rules read the death as told, not only the models.
    assert "decision: a death that has happened is reported (even if the writer only asks what to do)" in result.reasons


def test_a_death_asked_about_as_a_condition_stays_a_question() -> None:
    text = "名義人が亡くなっている場合、家族はどのような手続きをすればよいですか。"
    assert classify_parts("", text, "").intent == "faq"


@pytest.mark.parametrize(
    "text",
    [
        "請求書の送付先住所が変わったとのことで、弊社の支払システムの登録を更新しました。確認まで。"
        "――と思ったら宛先間違えました。失礼しました。",
        "会議室の予約を変更しておきました。念のため共有です。…あ、誤送信しました。すみません。",
    ],
)
def test_a_slip_of_address_told_of_this_mail_asks_nothing(text: str) -> None:
    result = classify_parts("", text, "")
    assert result.intent == "other"
    assert any(reason.startswith("missent_told: ") for reason in result.reasons)


def test_a_slip_of_address_told_of_an_earlier_mail_beside_a_request_is_the_request() -> None:
    text = "先日お送りした失効のメールは送付先を間違えてしまいました。改めて、私の証明書の失効をお願いいたします。"
    assert classify_parts("", text, "").intent == "revocation"


def test_thanks_for_an_emergency_revocation_done_reports_no_new_loss() -> None:
    text = (
        "先週は、なくしたノートPCの証明書の緊急失効に早急にご対応いただき、ありがとうございました。\n"
        "その後PCは駅の忘れ物センターで見つかり、使われた形跡もありませんでした。\n"
        "新しい証明書の申込書は昨日郵送しました。取り急ぎお礼まで。"
    )
    assert classify_parts("お礼", text, "").intent == "other"


def test_thanks_for_a_revocation_done_beside_a_new_theft_is_an_emergency() -> None:
    text = (
        "先週は緊急失効にご対応いただき、ありがとうございました。\n"
        "実は昨夜、今度は自宅のPCも盗まれました。こちらの証明書もすぐに失効してください。"
    )
    assert classify_parts("", text, "").intent == "emergency_revocation"


def test_a_clause_pointing_back_at_a_certificate_keeps_it() -> None:
    text = (
        "出張先でノートPCを盗まれました。入っていた証明書を至急失効してください。\n"
        "盗まれたPCの証明書：4c2e91a7d05b3f86\n"
        "私名義でもう1枚、事務所のPCに入れている証明書（7d19 e3a0 c45b 2f68）がありますが、\n"
        "こちらは無事なので、そのままにしておいてください。"
    )
    result = classify_parts("", text, "")
    assert result.intent == "emergency_revocation"
    assert result.serials == ["4c2e91a7d05b3f86"]


def test_a_clause_pointing_back_that_asks_keeps_both() -> None:
    text = (
        "退職するので証明書を失効してください。1枚目の証明書は（4c2e91a7d05b3f86）です。\n"
        "もう1枚、自宅用の証明書（7d19 e3a0 c45b 2f68）がありますが、\n"
        "こちらも失効をお願いします。"
    )
    assert sorted(classify_parts("", text, "").serials) == ["4c2e91a7d05b3f86", "7d19e3a0c45b2f68"]


def test_a_certificate_revoked_for_us_already_is_history() -> None:
    text = (
        "またUSBメモリを紛失してしまいました。\n"
        "前回の証明書 3B8E0C71A2F4D956 はその際に緊急失効していただき済みです。\n"
        "今回なくしたのはその後に発行していただいた証明書 91D4 7A0E C3B2 58F6 です。こちらの緊急失効をお願いします。"
    )
    assert classify_parts("", text, "").serials == ["91d47a0ec3b258f6"]


def test_the_certificate_of_another_partys_person_is_theirs() -> None:
    text = (
        "私の証明書 6a0f3c9e2b7d1845 の氏名の漢字が違っていますので、訂正をお願いします。\n"
        "参考までに、取引先の担当者様の証明書は 1e5b.c7a2.9d04.f386 で、こちらは正しく表示されているそうです。"
    )
    assert classify_text(text).serials == ["6a0f3c9e2b7d1845"]


@pytest.mark.parametrize(
    "text, serial",
    [
        ("シリアル番号は\n9e 41 b7 0c 2\nd 58 a3 6f\nです。", "9e41b70c2d58a36f"),
        ("証明書のシリアル：5c0e a7d1 9b\n42 e6f3 08c1\n", "5c0ea7d19b42e6f308c1"),
    ],
)
def test_space_pairs_broken_inside_a_pair_at_a_line_end_are_one_value(text: str, serial: str) -> None:
    assert extract_serials(text) == [serial]


def test_space_groups_whose_digits_make_no_value_are_not_joined() -> None:
    # Eighteen digits: no serial's size, so the two lines stay two values.
    assert "9e41b70c2d58a36f11" not in extract_serials("メモ\n9e 41 b7 0c 2\nd 58 a3 6f 11\n")


def test_bare_number_at_the_start_of_a_line_names_the_certificate() -> None:
    # Since stop 49 "番号はこれ" points at its value as a label does, so the value is exact, not only a plain one.
    text = "証明書を止めてください。\n番号はこれ　７Ｃ２Ｅ９Ａ０４Ｄ１Ｂ５Ｆ３６８\n"
    assert [c.value for c in find_serials(text) if c.exact] + plain_values(text) == ["7c2e9a04d1b5f368"]


@pytest.mark.parametrize("lead", ["受付番号", "お問い合わせ番号は", "会員番号："])
def test_a_kind_of_number_named_before_a_value_is_no_certificate_number(lead: str) -> None:
    assert plain_values(f"証明書を止めてください。\n{lead} 7c2e9a04d1b5f368\n") == []


# Read from the fit halves of writer s6 and dev mail 36.


def test_a_thank_you_titled_as_such_for_an_emergency_revocation_done_is_no_emergency() -> None:
    text = (
        "先日は、スマートフォン紛失の際に夜間にもかかわらず緊急失効の対応をしていただき、ありがとうございました。\n"
        "本日、失効リストに番号が載っていることも確認できました。\n取り急ぎ御礼まで。"
    )
    result = classify_parts("御礼（緊急失効の件）", text, "")
    assert result.intent == "other"
    assert not result.possible_emergency


def test_a_complaint_that_wants_no_answer_asks_nothing() -> None:
    text = (
        "一言言わせてください。サポートページの推奨ブラウザの記載が古すぎます。"
        "私の証明書（5d2a 9c0e 71b4 38f6）の取得でも苦労しました。案内くらいは最新にしてください。返信は不要です。"
    )
    result = classify_parts("", text, "")
    assert result.intent == "other"
    assert result.reasons[-1] == "decision: a complaint that wants no answer asks nothing of a certificate"


def test_a_complaint_about_a_request_done_that_wants_no_answer_asks_nothing() -> None:
    text = (
        "先日の失効の際の確認のお電話についてです。手続き自体は問題なく完了したのですが、"
        "担当の方の話し方がかなり高圧的で、正直不快でした。特に返答は求めません。"
    )
    result = classify_parts("", text, "")
    assert result.intent == "other"
    # The rules read it so, not only the models.
    assert result.reasons[-1] == "decision: a complaint about a request already done asks nothing new"


def test_a_complaint_beside_a_revocation_asked_is_the_revocation() -> None:
    text = "一言言わせてください。手続きが分かりにくすぎます。とにかく私の証明書を失効してください。返信は不要です。"
    assert classify_parts("", text, "").intent == "revocation"


def test_the_writers_own_death_foreseen_is_no_death_notice() -> None:
    text = (
        "終活で身の回りを整理しています。"
        "自分が亡くなった後、家族は証明書についてどんな手続きをすればよいのでしょうか。"
    )
    assert classify_parts("自分が亡くなった後の証明書について", text, "").intent == "faq"


def test_a_revocation_asked_to_be_done_for_the_writer_in_a_mail_of_thanks_is_a_revocation() -> None:
    text = (
        "先月は更新でお世話になりました。ありがとうございました。\n"
        "古い方の証明書がまだ残っていて紛らわしいので、失効してもらいたいです。\n"
        "古い証明書のシリアル：3c7e 0a9b 52d1 e846"
    )
    result = classify_parts("", text, "")
    assert result.intent == "revocation"
    assert result.serials == ["3c7e0a9b52d1e846"]


def test_the_cas_user_manual_named_is_no_preparation_for_an_incident() -> None:
    assert PREPARATION.check("ユーザマニュアルの動作環境に「Internet Explorer 7.0以降」と書いてあります") == []
    assert PREPARATION.check("社内向けのマニュアルを作っています") != []


def test_a_value_told_by_phone_is_no_phone_number() -> None:
    text = "証明書の番号は、お電話で教えていただいたとおり\nｂ７４０ｃ１ｅ９ａ２ｄ６３ｆ０５\nと記入しました。"
    assert extract_serials(text) == ["b740c1e9a2d63f05"]


@pytest.mark.parametrize(
    "text, kept",
    [
        (
            "取引先の株式会社ミドリ工業様の証明書(シリアル 2f81c09a6d3e7b54)で署名された書類を受け取っていますが、"
            "それとは別に、私の証明書 9b03e7d14a6c2f85 の失効をお願いします。\n"
            "ミドリ工業様の証明書については何もしていただく必要はありません。",
            "9b03e7d14a6c2f85",
        ),
        (
            "事務所の統合により、私の証明書 9b03e7d14a6c2f85 を失効したいです。\n"
            "今後は統合先の所長の証明書(2f81c09a6d3e7b54)で署名しますが、所長の分は変更ありません。",
            "9b03e7d14a6c2f85",
        ),
        (
            "更新で新しい証明書（2F81C09A6D3E7B54）が発行されました。古い方を失効してください。\n"
            "古い証明書のシリアル：9b03 e7d1 4a6c 2f85\n新しい方はそのまま使います。",
            "9b03e7d14a6c2f85",
        ),
    ],
)
def test_a_certificate_whose_owner_is_told_to_be_left_alone_is_kept(text: str, kept: str) -> None:
    assert classify_parts("", text, "").serials == [kept]


def test_a_certificate_that_should_not_be_touched_is_kept() -> None:
    text = (
        "Please revoke my certificate 9b03e7d14a6c2f85, I am changing jobs.\n"
        "Our supplier sometimes mentions their own certificate 2f81c09a6d3e7b54 in our shared folder"
        " - that one is not mine and should not be touched."
    )
    assert classify_parts("", text, "").serials == ["9b03e7d14a6c2f85"]


@pytest.mark.parametrize(
    "text, serial",
    [
        ("Please revoke 0x6b1e-93d0-a4c7-2f58 today.", "6b1e93d0a4c72f58"),
        ("シリアル 0x6b1e93d0 a4c72f58 の失効をお願いします。", "6b1e93d0a4c72f58"),
    ],
)
def test_0x_before_grouped_fours_or_eights_marks_the_whole_value(text: str, serial: str) -> None:
    assert extract_serials(text) == [serial]


def test_an_error_code_keeps_its_0x() -> None:
    assert extract_serials("エラー 0x80070005 が出ます") == []


def test_ocr_look_alikes_in_hyphen_fours_after_a_label_are_repaired() -> None:
    assert extract_serials(" シリアル番号 a7d2-e0b9-4ll3-6c8O\n") == ["a7d2e0b941136c80"]


def test_wrong_and_right_marked_with_brackets_keep_the_right_value() -> None:
    text = "シリアル番号に誤りがありました。\n\n誤)7e3a19c0d4b52f86\n正)7e3a19c0d4b52f68\n\n失効をお願いします。"
    assert classify_parts("", text, "").serials == ["7e3a19c0d4b52f68"]


# Read from the fit halves of writer s7 and dev mail 37.


def test_word_of_a_find_that_has_not_come_leaves_the_loss() -> None:
    text = (
        "昨日の夕方、電車の網棚にノートパソコンを鞄ごと置き忘れてしまいました。\n"
        "駅に届けを出しましたが、本日になっても見つかったとの連絡はありません。\n"
        "パソコンの中に証明書が入ったままです。悪用されるといけないので至急止めていただけますでしょうか。"
    )
    assert classify_parts("証明書の件（至急）", text, "").intent == "emergency_revocation"


def test_word_of_a_find_that_came_is_a_recovery() -> None:
    assert RECOVERED.check("駅から見つかったとの連絡がありました") != []


def test_a_what_if_naming_the_serial_that_says_nothing_happened_is_no_emergency() -> None:
    text = (
        "Quick question. My iPROVE certificate (serial 5b0e7d2c91a43f68) is on my work laptop.\n"
        "What exactly would I have to do if the laptop got lost or stolen? Nothing has happened,"
        " I just want to be prepared."
    )
    result = classify_parts("What to do if laptop lost?", text, "")
    assert result.intent == "faq"
    assert not result.possible_emergency


def test_a_bare_value_with_a_leading_zero_has_a_serials_size() -> None:
    # Sixteen digits written, fifteen in value: the writer's leading zero counts.
    text = "所長名義の証明書が2枚あります。\n　①事務所用　5C2E91A07D3B6F48\n　②ノートPC用　　　0A3F6D2E91C47B85\n"
    assert "a3f6d2e91c47b85" in plain_values(text)


def test_0x_before_underscored_fours_marks_the_whole_value() -> None:
    assert extract_serials("証明書シリアル　0x7e21_c04a_9d3b_5f68\n") == ["7e21c04a9d3b5f68"]


def test_a_colleagues_certificate_said_to_be_safe_after_but_is_kept() -> None:
    text = (
        "My laptop was stolen from my car yesterday. Please revoke my certificate urgently.\n"
        "Serial No. : 5B:0E:7D:2C:91:A4:3F:68\n"
        "My colleague Mr. Ito also has a certificate (2f81c09a6d3e7b54) but his PC is in the office, it is safe,"
        " no need to do anything for him."
    )
    assert classify_parts("", text, "").serials == ["5b0e7d2c91a43f68"]


@pytest.mark.parametrize(
    "text",
    [
        "4月に申し込んだ分（証明書 5c2e91a07d3b6f48 として発行済み）とは別に、"
        "誤ってもう一度申込書を送ってしまいました。"
        "2回目の申込を取り下げさせてください。発行済みの証明書はそのまま使いますので何もしないでください。",
        "先日、追加発行の申込書を送った者です（現在の証明書は 5c2e91a07d3b6f48 で、問題なく使っています）。"
        "PCを増やさないことになったので、追加分の申込をキャンセルさせてください。",
        "先輩の証明書（5c2e91a07d3b6f48）と同じものを作るつもりで申込書を出したのですが、不要になりました。"
        "私の申込だけ取り消してください。",
    ],
)
def test_an_application_called_off_names_no_certificate_in_use(text: str) -> None:
    assert classify_parts("申込の取下げ", text, "").serials == []


def test_a_certificate_you_revoked_before_is_history() -> None:
    text = (
        "last year you revoked my old certificate 2f81c09a6d3e7b54 after my PC crash - that's done, thank you.\n"
        "Now I'm closing my business, so please revoke the current one too: 5c2e91a07d3b6f48."
    )
    assert classify_parts("", text, "").serials == ["5c2e91a07d3b6f48"]


def test_colon_fours_broken_between_two_groups_make_one_serial() -> None:
    assert extract_serials("シリアル番号は\n5C2E:91A0\n7D3B:6F48\nです。") == ["5c2e91a07d3b6f48"]


def test_colon_groups_on_two_lines_that_make_no_serial_stay_apart() -> None:
    assert extract_serials("00:1A:2B:3C:4D:5E\n00:1A:2B:3C:4D:5F\n") == ["1a2b3c4d5e", "1a2b3c4d5f"]


@pytest.mark.parametrize(
    "text, serial",
    [
        ("番号はe8c5b\n71ad93f0c4e\nって書いてありました（画面のまま写したので改行してます）。", "e8c5b71ad93f0c4e"),
        (
            "失効をお願いしたい証明書の番号です（コピーしたら途中で改行されました）。\nac26acc\n519b9a626\n",
            "ac26acc519b9a626",
        ),
    ],
)
def test_a_short_first_part_the_writer_says_wrapped_is_joined(text: str, serial: str) -> None:
    assert [c.value for c in find_serials(text)] == [serial]


def test_a_short_value_alone_above_another_is_not_joined_unasked() -> None:
    assert "ac26acc519b9a626" not in [c.value for c in find_serials("メモ\nac26acc\n519b9a626\n")]
