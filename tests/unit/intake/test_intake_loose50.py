"""Kinds of wording that outside writers' texts (dev mail 44, intent texts t34, serial writer s13) were read wrong on.

Each case is written here anew from a kind seen in the fit halves, not copied:

* serials: a list item counted and remarked on ("・2件目（出張用） …") beside a sure one; a kana label
  "証明書のばんごう" after another number's label; "Certificate no longer needed [#51234]" names no
  number; 16-bit words each marked "0x";
* intent: whether a posted form has arrived is a status inquiry, how a renewal goes is a question; a
  death told as why a meeting is put off, or of someone said to hold no certificate, is no death
  notice; a loss quoted back and found; a lost DVD or SD card that holds the key; an application
  asked to be stopped as a question; "I'd rather not go ahead"; "my cert" names the CA's business;
  "すぐに失効して構いません" gives leave and asks no haste, and "緊急失効時の確認電話" or "緊急失効も不要"
  asks for no emergency; "失効していただきたく" is a request; two
  judgements of the service ("使いにくい", "時代遅れ") are a complaint;
* a forwarded loss report whose forwarder asks what to do is an emergency; a machine left at home is no loss;
* fax: a plain revocation form's printed emergency option, its tick lost, against a reason in the
  applicant's own words.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text


def _classify(text: str) -> tuple[str, list[str]]:
    subject = ""
    if text.startswith("Subject:"):
        head, _, text = text.partition("\n\n")
        subject = head.removeprefix("Subject:").strip()
    result = classify_text(text, subject=subject)
    return result.intent, result.serials


@pytest.mark.parametrize(
    ("text", "serials"),
    [
        # A counted item with a remark in brackets, beside an item whose grouped value is sure.
        ("下記2件の失効をお願いします。\n\n・1件目（本社PC） 3fa9 c2e1 7b04 d5e6\n"
         "・2件目（出張用）  9c0d2e4f6a8b1c3e\n",
         ["3fa9c2e17b04d5e6", "9c0d2e4f6a8b1c3e"]),
        ("Subject: 住所の誤り\n\n証明書の郵便番号が〒112-0004になっていますが正しくは112-0005です。直してください。\n"
         "証明書のばんごう 7c1e0a9b3d5f2468\n", ["7c1e0a9b3d5f2468"]),
        ("Subject: Request received: Re: Certificate no longer needed [#51234]\n\n"
         "Your request (51234) has been received and is being reviewed.\n", []),
        ("Subject: revoke\n\nPlease revoke my certificate. Certificate No ABC1234DEF5.\n", ["abc1234def5"]),
        ("至急失効をお願いします。PCを盗まれました。\nS/N: 0x4C1D 0x9E2A 0x07B3 0xF5E8\n", ["4c1d9e2a07b3f5e8"]),
    ],
)
def test_serials_as_written(text: str, serials: list[str]) -> None:
    assert _classify(text)[1] == serials


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("先週、証明書の失効請求書を書留で送付しました（追跡番号 1234-5678-9012）。\n"
         "ちゃんと届いているか確認させてください。", "other"),
        ("更新の手続きってどうなっているんでしょうか。自分で何か申し込む必要がありますか？", "faq"),
        ("いつもお世話になっております。部長の父が先週逝去いたしまして、\n来週予定していた証明書導入の説明会は"
         "延期させていただけますでしょうか。", "other"),
        ("先ほど「スマホがない」と連絡した件ですが、カバンの内ポケットに入っていました。お騒がせしました。"
         "証明書はこのまま使います。", "other"),
        ("証明書のバックアップを焼いたDVDを、どこにしまったかわからなくなりました。念のため失効をお願いします。",
         "emergency_revocation"),
        ("証明書を保存していたSDカードを紛失しました。失効してください。", "emergency_revocation"),
        ("先週申し込んだ証明書ですが、発行をやめてもらえますか？まだ何も届いていません。", "cancellation"),
        ("Can I cancel the cert I ordered last week? It hasn't arrived yet and I'd rather not go ahead with it.",
         "cancellation"),
        ("hi, the organisation name in my cert is spelled wrong (Satou Kogyo, should be Sato Kogyo). "
         "can it be changed?", "correction"),
        ("事務所を閉めるため、私名義の証明書2枚を失効していただきたく、ご連絡しました。\n"
         "1枚目は月末まで使います。2枚目はすぐに失効して構いません。", "revocation"),
        ("当社は今月末で廃業いたします。私名義の電子証明書を失効していただきたく、ご連絡いたしました。\n"
         "長年ありがとうございました。", "revocation"),
        # The emergency procedure named as a kind, or set aside, is no emergency asked for.
        ("緊急失効の手順を教えてください。社内マニュアルに載せたいので。", "faq"),
        ("異動で使わなくなった証明書を失効してください。盗難や紛失ではないので、緊急失効も不要です。", "revocation"),
        ("申請の画面、正直使いにくいですね。今どきこの手順は時代遅れじゃないですか？", "other"),
        ("It took three weeks to get my certificate. Way too slow, honestly ridiculous. Why?", "other"),
    ],
)
def test_intent_as_written(text: str, intent: str) -> None:
    assert _classify(text)[0] == intent


@pytest.mark.parametrize(
    "text",
    [
        "登録した連絡先の携帯番号が変わりました。今後、緊急失効時の確認のお電話は新しい番号にお願いします。",
        "申込書の電話番号を変更しました。緊急失効の確認電話はこちらへお願いします。",
    ],
)
def test_the_emergency_procedure_named_for_when_it_comes(text: str) -> None:
    assert _classify(text)[0] != "emergency_revocation"


@pytest.mark.parametrize(
    "text",
    [
        "叔母が亡くなりました。電子証明書なんて持っていなかったはずですが、年金の手続きはどちらへ連絡すればよいですか。",
        "母が亡くなりました。母はiPROVEとは全く関係ありません。宛先を間違えたかもしれません。",
    ],
)
def test_death_of_one_who_held_no_certificate(text: str) -> None:
    assert _classify(text)[0] != "death_notice"


_FORM = (
    "電子証明書失効請求書\n名義人氏名 山田 花子\n失効理由（該当するものにレ）\n"
    "□ 秘密鍵の漏洩・紛失・盗難（緊急失効）\n■ 記載事項の変更\n□ 利用の終了\n具体的な事由：{reason}\n"
)


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        # The applicant's own reason is another: the printed emergency option was not chosen.
        ("結婚により姓が変わったため", "revocation"),
        ("転居により住所が変更になったため", "revocation"),
        # A loss in the applicant's words, or no reason at all: the form stays an emergency.
        ("出張先でノートPCを紛失したため", "emergency_revocation"),
        ("電車にパソコンを置き忘れました", "emergency_revocation"),
        ("", "emergency_revocation"),
    ],
)
def test_fax_emergency_option_against_the_stated_reason(reason: str, kind: str) -> None:
    from intake.fax import form_from_words

    assert form_from_words(_FORM.format(reason=reason), "revocation")[0] == kind


def test_a_forwarded_loss_whose_forwarder_asks_what_to_do() -> None:
    text = (
        "お世話になっております。総務の佐藤です。\n部下から下記の報告がありましたので転送いたします。\n"
        "どのように対応すればよいかご教示いただけますでしょうか。\n\n"
        "-------- Forwarded Message --------\nSubject: 紛失の報告\n\n佐藤さん\n"
        "昨夜、タクシーに会社のノートPCを置き忘れました。まだ見つかっていません。\n"
        "PCにはiPROVEの電子証明書が入っています。\nシリアル番号: 5E2B9C0D7A4F1836\n"
    )
    result = classify_text(text, subject="Fw: 紛失の報告")
    assert result.intent == "emergency_revocation"


def test_a_machine_left_where_it_is_safe_is_no_loss() -> None:
    text = (
        "事業をたたむことになりましたので、私名義の証明書を失効していただきたく、ご連絡しました。\n"
        "パソコンは自宅に置いたままで、特に問題は起きていません。\nシリアル番号 3C7A0E91B2D45F68\n"
    )
    assert _classify(text) == ("revocation", ["3c7a0e91b2d45f68"])


def test_a_writers_long_name_of_the_faq_intent() -> None:
    from intake.evaluation import label_intent

    assert label_intent({"intent": "faq_question"}) == "faq"
    assert label_intent({"intent": "death"}) == "death_notice"
