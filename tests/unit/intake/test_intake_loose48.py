"""Kinds of writing the readers missed before stop 48, each with the look-alikes that must not change.

A serial label typed in haste ("シアリル番号", "serail no") is still a label; a writer who says they swapped or
mistyped characters, or marks the wrong and the right value on one line, corrects one value; a value the writer
says they gave by mistake is taken back; a value broken after "0x" and a short head is joined when the parts make a
serial's size; a soft hyphen copied from a PDF is invisible; a commit named in Japanese ("コミット") is a hash.
Intent: an application called off with a remark in brackets ("その申込(更新分)を") is the application; a writer
whose device is back and who only asks whether a revocation is still needed asks a question; a death of someone who
held no certificate ("証明書は私名義で、祖父とは関係ありません") is no death notice; a mail that says it only reports
("とりあえずご報告まで") asks nothing; Japanese written in katakana alone reads as the same words; a writer who ends
their own certificate or application is alive, whoever's death is the reason; "審査中" is the CA's business; a
phone handed in to a police box was found; an obituary ("訃報") tells a death.  Every sentence here is written for
these tests.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts, classify_text
from intake.rules import DEATH, RECOVERED
from intake.serials import find_serials


@pytest.mark.parametrize("label", ["シアリル番号", "シリアリ番号", "serail no.", "Seiral number"])
def test_a_serial_label_typed_in_haste_is_still_a_label(label: str) -> None:
    text = f"前にパスワードは簡単なものにしていました。\n{label} 0x5d2e8c41a9f3b706\n至急失効してください。"
    assert classify_text(text).serials == ["5d2e8c41a9f3b706"]


def test_a_password_label_still_names_no_serial() -> None:
    assert [c.value for c in find_serials("パスワードは 5d2e8c41a9f3b706 です") if c.exact] == []


@pytest.mark.parametrize(
    ("text", "serial"),
    [
        ("Serial 4e1a7c02d9b3f658 - sorry, I swapped the e and 1, it is 41ea7c02d9b3f658. Please revoke it.",
         "41ea7c02d9b3f658"),
        ("Serial: Wrong: 7c3d09e2a14bf586  Right: 7c3d09e2a14bf568 (I mistyped it). Please revoke it.",
         "7c3d09e2a14bf568"),
        ("シリアル番号 誤：8b2f6d01c9e3a475　正：8b2f6d01c9e3a457 です。失効をお願いします。", "8b2f6d01c9e3a457"),
    ],
)
def test_a_value_corrected_on_its_own_line_keeps_only_the_right_one(text: str, serial: str) -> None:
    assert classify_text(text).serials == [serial]


def test_two_serials_listed_on_one_row_are_both_kept() -> None:
    text = "失効をお願いします。\nシリアル: 7c3d09e2a14bf586  7c3d09e2a14bf568\n（2枚とも不要になりました）"
    assert classify_text(text).serials == ["7c3d09e2a14bf586", "7c3d09e2a14bf568"]


@pytest.mark.parametrize(
    "text",
    [
        "先ほどのメールで、紛失した社員のシリアルを誤って 3e9d0b6c2a71f485（総務 佐野のもの、紛失していません）と"
        "書いてしまいました。紛失したのは営業 原のPCで、正しいシリアルは c41f7a2e90d3b658 です。"
        "緊急失効をお願いします。",
        "In my last mail I mistakenly wrote 3e9d0b6c2a71f485, which is Sano's. The lost one is c41f7a2e90d3b658,"
        " please revoke it urgently.",
    ],
)
def test_a_value_given_by_mistake_is_taken_back(text: str) -> None:
    assert classify_text(text).serials == ["c41f7a2e90d3b658"]


def test_two_serials_both_asked_about_stay() -> None:
    text = "原のPC（3e9d0b6c2a71f485）と佐野のPC（c41f7a2e90d3b658）が盗まれました。両方とも緊急失効をお願いします。"
    assert classify_text(text).serials == ["3e9d0b6c2a71f485", "c41f7a2e90d3b658"]


def test_a_0x_value_broken_after_a_short_head_is_joined_when_the_parts_make_a_serial() -> None:
    text = "My phone was stolen, please revoke.\nSerial 0x6D02B9E\n41F7A3C58\nThanks"
    assert classify_text(text).serials == ["6d02b9e41f7a3c58"]


def test_a_short_0x_value_without_a_label_is_not_joined_to_the_next_line() -> None:
    text = "The import fails with 0x6D02B9E\n41F7A3C58 is shown below it. What should I do?"
    assert classify_text(text).serials == ["6d02b9e"]


def test_a_soft_hyphen_copied_from_a_pdf_is_invisible() -> None:
    text = "会社分割のため失効してください。\nシリアル番号：5b0e2d9c\xad7a41f638\n"
    assert classify_text(text).serials == ["5b0e2d9c7a41f638"]


def test_a_commit_named_in_japanese_is_a_hash() -> None:
    text = ("証明書のPFXを公開リポジトリにpushしてしまいました。\n"
            "該当コミット：0c7e21f9a4b3d85e6f1a2c0b9d8e7f6a5b4c3d2e\n"
            "証明書シリアル：6a1f0c9e3b7d2854\n至急失効してください。")
    assert classify_text(text).serials == ["6a1f0c9e3b7d2854"]


def test_an_application_called_off_with_a_remark_in_brackets_is_the_application() -> None:
    text = ("更新分の申込書を先週お送りしましたが、事業をたたむことにしました。その申込(更新分)を取り消してください。\n"
            "今使っている証明書は期限まで使います。こちらは失効しなくて大丈夫です。")
    result = classify_parts("更新申込の取り消し", text, "")
    assert result.intent == "cancellation"


def test_a_revocation_that_need_not_be_done_is_not_asked_for() -> None:
    from intake.wishes import not_wanted

    assert not_wanted("こちらは失効しなくて大丈夫です") == ["失効しなくて大丈夫"]
    assert not_wanted("失効しなくても構いません") == ["失効しなくても構いません"]


@pytest.mark.parametrize(
    "text",
    [
        "I left my laptop with my certificate on a bus yesterday, but the bus company found it and I got it back"
        " this morning. Do I still need to revoke the certificate, or can I keep using it?",
        "電車に置き忘れたノートPCが見つかりました。証明書は失効する必要はありますか？",
    ],
)
def test_a_device_back_and_a_question_whether_to_revoke_is_a_question(text: str) -> None:
    assert classify_text(text).intent == "faq"


def test_a_mail_that_says_it_only_reports_asks_nothing() -> None:
    text = "本日、照会書一式が届きました。記入して週明けに返送します。会費も来週振り込みます。とりあえずご報告まで。"
    result = classify_parts("照会書届きました", text, "")
    assert result.intent == "other"


def test_katakana_alone_reads_as_the_same_words() -> None:
    from intake.spelling import katakana_read

    assert katakana_read("シンセイ トリケシ オネガイシマス") == "しんせい とりけし おねがいします"
    # Katakana beside kanji and hiragana are loanwords and stay.
    assert katakana_read("パソコンとスマートフォンをなくしました") == "パソコンとスマートフォンをなくしました"
    assert classify_text("ｼﾝｾｲ ﾉ ﾄﾘｹｼ ｦ ｵﾈｶﾞｲｼﾏｽ ｼｮｳﾒｲｼｮ ﾊ ﾏﾀﾞ ﾓﾗｯﾃﾏｾﾝ").intent == "cancellation"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("母が亡くなり家業を継ぐことになりました。会社で使っていた私の証明書は不要になるので失効してください。",
         "revocation"),
        ("夫が急に亡くなって手続きどころではなくなりました。私の申込はいったん取り消してください。", "cancellation"),
    ],
)
def test_a_writer_who_ends_their_own_is_alive_whoever_died(text: str, intent: str) -> None:
    assert classify_text(text).intent == intent


def test_a_phone_handed_in_to_a_police_box_was_found() -> None:
    assert RECOVERED.check("落としたスマホが交番に届いていました")
    assert RECOVERED.check("駅に届けられていたそうです")
    # What the writer reported to the police is no find.
    assert not RECOVERED.check("PCを盗まれたので警察に届けています")
    assert classify_text("PCを盗まれました。警察に届けています。至急失効してください").intent == "emergency_revocation"


def test_an_obituary_tells_a_death() -> None:
    assert DEATH.check("社員の訃報に伴い、証明書の失効をお願いします")
    assert classify_text("名義人の訃報に接し、証明書の失効手続きをお願いいたします。").intent == "death_notice"


def test_serials_pasted_as_csv_rows_take_their_columns_label() -> None:
    text = ("認証局を切り替えるため、下記の証明書を失効してください。紛失などはありません。\n\n"
            "氏名,所属,シリアル番号,有効期限\n"
            "青木 正和,代表取締役,a1d4e6f0b9c3d285,2027/03/14\n"
            "松永 美樹,管理本部長,4B7E01C9D3F2A658,2027/06/02\n")
    assert classify_text(text).serials == ["a1d4e6f0b9c3d285", "4b7e01c9d3f2a658"]


def test_a_sentence_with_commas_and_spaces_is_no_csv_row() -> None:
    from intake.tables import cells

    assert cells("Hello, I lost my laptop, please revoke a1d4e6f0b9c3d285, thanks") == []
    assert cells("住所は東京都,港区,芝公園") == [(0, 6), (7, 9), (10, 13)]


def test_a_date_before_a_value_in_a_row_stays_out_of_the_value() -> None:
    text = ("退職者の証明書を失効してください。\n"
            "　氏名　　　　退職日　　　シリアル番号\n"
            "　大森 健吾　　2026/10/31　c3e1d0a45db7c4f8\n"
            "　菅野 翔太　　2026/11/30　3260 b401 7399 f6b7\n")
    assert classify_text(text).serials == ["c3e1d0a45db7c4f8", "3260b4017399f6b7"]


def test_a_manual_the_writer_followed_is_no_preparation() -> None:
    from intake.rules import PREPARATION

    assert not PREPARATION.check("マニュアルにあったとおり、USBメモリにバックアップを取ってあります")
    assert not PREPARATION.check("マニュアルに従ってインストールしました")
    assert PREPARATION.check("紛失時の社内マニュアルを作っています")


def test_a_teaching_thanked_for_is_no_question() -> None:
    from intake.rules import QUESTION

    assert not QUESTION.check("丁寧に画面の見方を教えてくださり、ありがとうございました")
    assert QUESTION.check("手続きを教えてください")
    assert QUESTION.check("教えていただけますか")


def test_serials_only_in_the_html_alternative_are_read() -> None:
    from email.message import EmailMessage

    from intake.classify import classify
    from intake.parse import parse_message

    mail = EmailMessage()
    mail["From"] = "ishida@example.jp"
    mail["To"] = "support@madoguchi.test"
    mail["Subject"] = "証明書の英字氏名の順番について"
    mail.set_content("発行いただいた証明書の英字氏名の姓と名が逆でした。訂正をお願いします。\n"
                     "証明書のプロパティを貼り付けます（下の表）。\n")
    mail.add_alternative("<p>発行いただいた証明書の英字氏名の姓と名が逆でした。訂正をお願いします。</p>"
                         "<table><tr><td>シリアル番号</td><td>7d 24 0a 9c e1 53 b8 f6</td></tr></table>",
                         subtype="html")
    result = classify(parse_message(bytes(mail)), read_faxes=False)
    assert result.intent == "correction"
    assert result.serials == ["7d240a9ce153b8f6"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        pytest.param(
            "電車に置き忘れたノートPCが見つかりました。念のため証明書は失効してください。",
            "revocation", id="a-device-back-and-a-revocation-asked-anyway-is-a-revocation"),
        pytest.param(
            ("先月祖母が亡くなり、ばたばたしていて更新のお知らせを読めていませんでした。証明書は私名義で、祖母とは関係"
             "ありません。期限を過ぎたら証明書はどうなりますか。"),
            "faq", id="a-death-of-someone-who-held-no-certificate-is-no-death-notice"),
        pytest.param(
            "先月祖母が亡くなりました。祖母名義の証明書の手続きはどうすればよいですか。",
            "death_notice", id="a-death-of-the-holder-is-still-a-death-notice"),
        pytest.param(
            "審査中のやつキャンセルでお願いします",
            "cancellation", id="an-application-under-review-called-off-is-a-cancellation"),
        pytest.param(
            ("誤って証明書を削除してしまいました。バックアップはあります。"
             "一度失効して再発行していただく必要があるのでしょうか。シリアルは 6e2b90d4a1c7f358 です。"),
            "faq", id="a-question-whether-a-revocation-is-needed-is-a-question"),
        pytest.param(
            "退職しますので、証明書 6e2b90d4a1c7f358 を失効してください。書類の郵送は必要がありますか。",
            "revocation", id="a-revocation-asked-beside-the-question-is-still-asked"),
        pytest.param(
            ("退職にあわせて証明書を失効させたいと思います。シリアル 5f1a08c3e7d29b46。"
             "PCやバックアップをなくしたとか、そういうことは特にありません。急ぎではありません。"),
            "revocation", id="a-loss-named-as-what-did-not-happen-is-no-incident"),
    ],
)
def test_the_intent_read(text: str, intent: str) -> None:
    assert classify_text(text).intent == intent
