"""Japanese written in romaji, English key words inside Japanese, and cancellations that name no CA word.

Texts written for this test, not taken from any evaluation set.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.romaji import fold_romaji


def test_a_romaji_sentence_is_read_as_japanese() -> None:
    assert fold_romaji("haha no shoumeisho wo shikkou shite kudasai.") == "母 の 証明書 を 失効 して ください."


def test_english_is_not_read_as_romaji() -> None:
    # No romaji verb in the sentence: "no", "ga" and "namae" are left as written.
    text = "There is no namae field and the ga tag is missing. Please cancel it."
    assert fold_romaji(text) == text


def test_only_the_romaji_sentence_is_folded() -> None:
    text = "I have no idea. moushikomi wo torikeshi shitai desu."
    assert fold_romaji(text) == "I have no idea. 申込 を 取り消し したい です."


def test_no_part_of_a_word_is_folded() -> None:
    # "nothing", "gamer", "wonder" hold no, ga, wo; "shitaikai" is no shitai.
    text = "nothing gamer wonder shitaikai desu"
    assert fold_romaji(text) == "nothing gamer wonder shitaikai です"


def test_english_key_words_inside_japanese() -> None:
    assert fold_romaji("申込をcancelしてください") == "申込をキャンセルしてください"
    assert fold_romaji("今月でrevokeしてください") == "今月で失効してください"
    assert fold_romaji("Please cancel my order.") == "Please cancel my order."


CASES = [
    ("moushikomi wo torikeshite kudasai. mada hakkou sarete imasen.", "", "cancellation"),
    ("sofu ga nakunarimashita. sofu no denshi shoumeisho wo dou sureba ii desu ka?", "", "death_notice"),
    ("shoumeisho no juusho ga machigatte imasu. teisei shite kudasai.", "", "correction"),
    ("I applied two weeks ago but we do not need it now. Please cancel, nothing paid.", "", "cancellation"),
    ("Please cancel, I applied last week by mistake.", "", "cancellation"),
    ("請求書を受け取りましたが、やはり申込はやめます。キャンセルでお願いします。", "", "cancellation"),
    ("兄がなくなって半年です。証明書が残っていると思うのですが、どうすればいいですか。", "", "death_notice"),
    # The inquiry letter received comes before any certificate: the application is what is called off.
    ("照会書は受け取りましたが、社内の事情でやはり申込はキャンセルします。", "", "cancellation"),
    ("祖母の相続手続きを進めています。祖母の電子証明書はどうなりますか。", "", "death_notice"),
    # An order or a meeting cancelled is no application to the CA.
    ("Can you cancel my order? The coupon was applied wrongly.", "", "other"),
    # A what-if about a death, and an inheritance asked about in advance, report no death.
    ("夫がなくなってしまったら証明書はどうなりますか", "", "faq"),
    ("相続の手続きをする場合、証明書はどうなりますか?", "", "faq"),
    # A certificate received and then cancelled is revoked.
    ("証明書を受け取りましたが、やはりキャンセルします。", "", "revocation"),
]


@pytest.mark.parametrize(("body", "subject", "intent"), CASES)
def test_romaji_and_loose_requests(body: str, subject: str, intent: str) -> None:
    assert classify_text(body, subject).intent == intent
