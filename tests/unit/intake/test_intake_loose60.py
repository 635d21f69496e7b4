"""Kinds of wording that outside writers' texts (t54 to t56, dev mail 64 to 66, fit halves) were read wrong on, at
stop 60.

Each case is written here anew from a kind seen in a fit half, not copied:

* a phishing notice in the CA's voice ("お客様各位", "証明書は失効し", card details asked; "your digital certificate
  will be revoked", "Pay now") asks nothing of the desk;
* a thank-you for a stolen PC's certificate stopped, the PC still missing, is the past thanked for;
* an auditor verifying that a client's certificates were revoked, asking how the CRL works, asks questions;
* a holder worried by another company's publicised breach ("…の不正アクセスのニュース") asks whether anything is
  needed; a vendor's pitch that names a publicised leak is a mass mail;
* a complaint about a revocation already done ("失効は完了したとの連絡をもらいましたが", "手続き自体は終わったような
  ので") asks nothing new of it, nor does a colleague told that the desk's notice of it came;
* the writer's slip that made a certificate too many, with a revocation asked, is a revocation;
* a life change with a correction asked for the holder's certificate is a revocation;
* an out-of-office reply, a mail to the writer's own IT desk, a seminar's booking cancelled, a slip on the CA's
  pages pointed out are no request of the CA's business;
* a payment not made yet, or weeks of waiting, beside a cancel word names an application;
* a relative's death in note form ("兄 死去"), a relative's death notice asked about, and the old one after a
  renewal not needed are what they say.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text

CASES: list[tuple[str, str, str, str]] = [
    (
        "a phishing notice in the CA's voice, in Japanese",
        "【重要】電子証明書の有効期限切れのお知らせ（至急ご確認ください）",
        "iPROVE CA局\n\nお客様各位\n\nお客様の電子証明書は本日で有効期限が切れます。48時間以内に更新手続きを行わない"
        "場合、証明書は失効し、これまでの署名もすべて無効となります。\n今すぐ更新する\n※更新にはカード情報の確認が必要です。",
        "other",
    ),
    (
        "a phishing notice in the CA's voice, in English",
        "Renewal fee unpaid",
        "Dear Customer,\nYour electronic certificate will be revoked tomorrow unless the renewal fee is settled. "
        "Pay now at the link below to keep your signatures valid.",
        "other",
    ),
    (
        "thanks for a stolen PC's certificate stopped, the PC still missing",
        "お礼",
        "先月、車上荒らしでパソコンを盗まれた件では、夜分にもかかわらずすぐに証明書を止めていただき、誠に有難う"
        "ございました。\nパソコンは結局出てきませんでしたが、もう気にしておりません。まずはお礼まで。",
        "other",
    ),
    (
        "an auditor verifying a client's revocation",
        "Confirmation of revocation status",
        "We audit a client who asked you to revoke a certificate last month. We need to document that it is now "
        "revoked. Is an emergency revocation published in the CRL at once, or only at the next issue? Where is "
        "the CRL?",
        "faq",
    ),
    (
        "a holder worried by another company's breach",
        "報道の件",
        "取引先のシステム会社の不正アクセスの報道を見ました。弊社はそちらに鍵を預けてはいませんが、"
        "私の証明書について何か対応（失効など）が必要になるのでしょうか。",
        "faq",
    ),
    (
        "a vendor's pitch naming a publicised leak",
        "【ご提案】鍵管理サービス",
        "先日報道された大手企業の情報流出事案を受け、秘密鍵の管理を見直す企業様が増えております。"
        "弊社サービスの資料ダウンロードはこちら。無料トライアル実施中です。配信停止をご希望の方はこちら。",
        "other",
    ),
    (
        "a complaint about a revocation already done",
        "先日の件",
        "先週緊急失効をお願いした者です。失効は完了したとの連絡をもらいましたが、受付の方の言い方がかなり一方的で"
        "不快でした。御社としての見解を文書で出していただきたい。",
        "other",
    ),
    (
        "feedback after the revocation, nothing more asked",
        "確認の電話について",
        "先日失効をお願いした者です。確認の電話が会議中に何度もかかってきて、きつい口調で急かされました。"
        "手続き自体は終わったようなので、それ以上は特にありません。",
        "other",
    ),
    (
        "a colleague told that the desk's notice came",
        "Re: 【iPROVE】失効完了のお知らせ",
        "部長\n\nお疲れさまです。iPROVEから、山口さんの証明書の失効完了の連絡が来ました（下記）。"
        "台帳を更新しておきます。",
        "other",
    ),
    (
        "the writer's slip made one certificate too many",
        "証明書が2枚届きました",
        "申込書の「発行枚数」の欄に、別の欄の数字を書き間違えて「2」と書いてしまったようです。1枚で足りますので、"
        "2枚目の方を失効していただけますか。\n\n　使う方：0A1B 2C3D 4E5F 6070\n　要らない方：0A1B 2C3D 4E5F 6071",
        "revocation",
    ),
    (
        "a life change, a correction asked",
        "名前の訂正",
        "3月に結婚して姓が変わったので、証明書の名前を新しい姓に訂正してもらえますか。シリアル 1B2C3D4E5F607182",
        "revocation",
    ),
    (
        "an out-of-office reply pasted as text",
        "Out of Office: Re: revocation",
        "I am out of the office until 3 March. For urgent matters about certificate revocation please contact "
        "my colleague.",
        "other",
    ),
    (
        "a mail to the writer's own IT desk",
        "VPN証明書",
        "情報システム部の皆さん\n\n社内VPN用のクライアント証明書が期限切れで接続できません。取消と再発行をお願いします。",
        "other",
    ),
    (
        "a seminar booking cancelled",
        "講習キャンセル",
        "12月の更新講習に申し込んでいましたが、都合がつかなくなりました。申込をキャンセルさせてください。受講番号 "
        "K-3321",
        "other",
    ),
    ("a cancel word with the fee not paid yet", "", "まだ振込前なのでキャンセルでお願いします！", "cancellation"),
    ("weeks of waiting, then a cancel word", "", "2週間待ってるけど音沙汰なし。もう取消でいいです。", "cancellation"),
    (
        "a slip on the FAQ page pointed out",
        "FAQの誤字",
        "よくある質問のページで「証明書」が「証明署」と誤字になっている箇所がありました。ご参考まで。",
        "other",
    ),
    ("a relative's death in note form", "", "父 死去 証明書 失効したい", "death_notice"),
    (
        "a relative's death notice asked about",
        "",
        "夫の死亡の届けって、住民票だけでいいですか？それとも他に何か要りますか？",
        "death_notice",
    ),
    ("the old one after a renewal not needed", "", "更新済んだから古い方いらないです。末尾 3c 9d のやつ", "revocation"),
    (
        "a revocation asked in a romaji sentence with a life change",
        "",
        "Shikkou shinsei shitai desu. Rikon de myouji ga kawarimashita.",
        "revocation",
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "intent"), CASES, ids=[c[0] for c in CASES])
def test_intent(why: str, subject: str, text: str, intent: str) -> None:
    assert classify_text(text, subject=subject).intent == intent, why
