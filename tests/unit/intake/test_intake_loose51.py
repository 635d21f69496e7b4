"""Kinds of wording that outside writers' intent texts (t36) were read wrong on, at stop 51.

Each case is written here anew from a kind seen in the fit half, not copied:

* a scenario imagined for a playbook ("In a scenario where a laptop is stolen") and a plan made
  "in case" devices are stolen (盗まれた場合に備え) report no theft;
* a key's password posted by mistake to a chat channel (誤爆) is a compromise;
* "処理って終わりました？", "発行まだですか？" and "まだ届いてないんですけど、いつ届きますか" ask how the
  writer's own request is getting on;
* a colleague's expense claim called off and sent to the wrong desk is no application of ours;
* "revoke my pending request" calls off an application;
* a correction of an issued certificate, with a registry paper sent as proof, is a correction.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.rules import MISSENT_TOLD


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "We are writing our security runbook. In a scenario where a staff member's notebook holding an iPROVE "
            "certificate is stolen, which details would your team need from us? Purely for the document.",
            "faq",
        ),
        (
            "情報システム部です。万一、証明書を入れたノートPCが盗まれた場合に備えて、緊急失効の受付時間と"
            "連絡先を確認させてください。計画作りのための確認です。",
            "faq",
        ),
        (
            "Last week I asked what happens in a scenario where a laptop is stolen. Sadly that is no longer "
            "hypothetical - my notebook with the iPROVE certificate was stolen from my car today. What do I sign?",
            "emergency_revocation",
        ),
        ("電子証明書のPINを部署のチャットに誤爆しました。まずいですよね、失効お願いします", "emergency_revocation"),
        ("秘密鍵のパスフレーズを全社チャンネルに貼っちゃいました。止めてもらえますか、失効してください",
         "emergency_revocation"),
        ("先週頼んだ失効の処理って終わりました？", "other"),
        ("申し込んでから2週間なんですけど、発行まだですか？", "other"),
        ("照会書がまだ届いてないんですけど、いつ頃届きますか", "other"),
        (
            "総務課御中\n先月分の交通費の精算申請を取り消させてください。日付を間違えていました。\n営業部 岡田",
            "other",
        ),
        ("Please cancel my pending request - I do not think it was approved yet.", "cancellation"),
        ("Could you revoke my outstanding application? Nothing has been issued to me.", "cancellation"),
        (
            "先日発行いただいた証明書の住所が旧住所のままです。申込書には新住所を書き、住民票も添付しました。"
            "住所の訂正をお願いします。",
            "correction",
        ),
        (
            "昨日発行いただいた証明書の会社名が旧社名のままでした。登記事項証明書も送っています。"
            "会社名を訂正してください。",
            "correction",
        ),
    ],
)
def test_intent(text: str, intent: str) -> None:
    assert classify_text(text).intent == intent


def test_our_own_application_is_still_called_off() -> None:
    assert classify_text("先日の電子証明書の申請を取り消したいです。").intent == "cancellation"


def test_a_mail_sent_to_the_wrong_desk_says_so() -> None:
    told = ("（宛先を誤って送信しました）", "送り先を間違えて送ってしまいました。", "宛先を間違えてお送りしました。")
    for said in told:
        assert any(pattern.search(said) for pattern in MISSENT_TOLD.patterns), said
