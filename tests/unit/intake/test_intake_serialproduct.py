"""Serials of certificates the CA does not issue (intake.serialproduct), read through requested_serials."""

from __future__ import annotations

from intake.serialproduct import other_products
from intake.serials import locate_serials
from intake.serialscope import requested_serials


def _products(text: str) -> dict[str, str]:
    norm, located = locate_serials(text)
    return other_products(norm, {c.value: span for c, span in located if c.exact})


def test_a_serial_in_a_mail_about_a_server_certificate_is_another_products() -> None:
    text = "SSLサーバ証明書を作り直しました。\n旧証明書のシリアルは 1A:3F:77:19:C2:5B:E8:40 です。"
    assert _products(text) == {
        "1a3f7719c25be840": "the mail is about a product the CA does not issue (SSLサーバ証明書)"
    }


def test_a_serial_whose_sentence_names_the_other_product_is_left_out_beside_ours() -> None:
    text = (
        "電子署名用の証明書 シリアル 4E6A8C0E2B4D6F8A は引き続き使います。"
        "Let's Encryptのサーバ証明書 シリアル 1F2E3D4C5B6A7988 を失効したいです。"
    )
    assert _products(text) == {"1f2e3d4c5b6a7988": "its sentence names a product the CA does not issue (Let's Encrypt)"}


def test_a_serial_in_a_neutral_sentence_stays_when_our_kind_is_named_elsewhere() -> None:
    text = "Our web server certificate and my S/MIME certificate were on the stolen laptop.\nSerial: 5C1D880AB3E7429F"
    assert _products(text) == {}


def test_words_of_another_business_without_serials_name_no_other_certificate() -> None:
    assert _products("laptop stolen from gym locker. pls kill cert 0x3ecdd06630e0887d4a80") == {}


def test_the_only_serial_of_another_product_is_left_out_with_a_reason() -> None:
    text = "Please revoke our DigiCert SSL certificate.\nSerial number: 1B1C2D3E4F5A6B7C8D9E"
    scope = requested_serials(text, ["1b1c2d3e4f5a6b7c8d9e"])
    assert scope.serials == []
    assert scope.reasons == [
        "serial 1b1c2d3e4f5a6b7c8d9e left out: the mail is about a product the CA does not issue (DigiCert)"
    ]


def test_our_kind_of_word_inside_the_other_products_name_does_not_name_ours() -> None:
    # "署名用" names our kind, but in "マイナンバーカードの署名用電子証明書" it is the card's certificate.
    text = "マイナンバーカードの署名用電子証明書が使えなくなりました。\n証明書のシリアルは 0x5B3C2D1E0F です。"
    assert _products(text) == {"5b3c2d1e0f": "the mail is about a product the CA does not issue (マイナンバー)"}


def test_our_kind_named_apart_from_the_other_products_name_still_counts() -> None:
    text = "マイナンバーカードの署名用電子証明書とは別に、電子署名用の証明書も持っています。\nシリアル 0x5B3C2D1E0F"
    assert _products(text) == {}


def test_the_other_products_name_ends_at_a_joiner() -> None:
    text = "マイナンバーカードとiPROVEの証明書を同じPCに入れていました。\nシリアル 0x5B3C2D1E0F"
    assert _products(text) == {}
