"""Regional and casual endings read in their standard forms (intake.dialect), and what they must leave alone."""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.dialect import readings, standard


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("名前違っとる", "名前違っている"),
        ("住所が前のになっとった", "住所が前のになっていた"),
        ("まだ届いてへん。", "まだ届いていない。"),
        ("使えへんかった", "使えなかった"),
        ("ようわからへん。", "ようわからない。"),
        ("できひんかった", "できなかった"),
        ("何もせえへんよ", "何もしないよ"),
        ("パソコン失くしてもうた", "パソコン失くしてしまった"),
        ("書類出さなあかんの?", "書類出さなければならないの?"),
        ("渡邊やのに", "渡邊なのに"),
        ("失効してほしいねん。", "失効してほしいんです。"),
        ("更新は申し込むけん、", "更新は申し込むから、"),
        ("行ってもいいべか", "行ってもいいでしょうか"),
        ("どうすると?", "どうするの?"),
        ("なんぼですか", "いくらですか"),
        ("どうしたらええの?", "どうしたらいいの?"),
        ("はよ止めてや。", "はよ止めてください。"),
        ("おかんが亡くなって", "母が亡くなって"),
        ("じいちゃんの証明書", "祖父の証明書"),
    ],
)
def test_an_ending_is_read_in_its_standard_form(written: str, read: str) -> None:
    assert standard(written) == read


@pytest.mark.parametrize(
    "text",
    [
        "たいへんお世話になっております。",  # 大変, in kana
        "へんきんはいつになりますか",  # 返金, in kana
        "なんかへんです",  # something is odd
        "調子がへんです",
        "行かんといけん",  # no good, in Hiroshima: no "because"
        "なんでや。",  # why: no request
        "証明書をとる方法",  # to get, not a progressive
        "証明書を受けとった",  # received: 受け取った in kana
        "アカウントを乗っとる",
        "ええ、そうです。",  # yes
    ],
)
def test_words_that_only_look_like_an_ending_stay_as_written(text: str) -> None:
    assert standard(text) == text


def test_the_reasons_name_what_was_read() -> None:
    found = readings("名前違っとるやん…渡邊やのに渡辺になっとる。直して")
    assert found[0].startswith("dialect: 'とる'") and "ている" in found[0]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("名前違っとるやん…渡邊やのに渡辺になっとる。直して", "correction"),
        (
            "おかんが亡くなって、証明書の届け出さなあかんみたいなんで連絡しました。書類はダウンロードしたらええんですか?",
            "death_notice",
        ),
    ],
)
def test_the_rules_read_a_regional_writer_as_a_standard_one(text: str, intent: str) -> None:
    result = classify_text(text)
    assert result.intent == intent
    assert any(reason.startswith("dialect:") for reason in result.reasons)
