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

Read later at stop 60 from the fit halves of intent texts t57 and t58 and dev mail 67 and 68: a seal lost is no
key lost; thanks from the writer who reported a theft; an opinion offered with no answer wanted; a relying party asking
whether a certificate is still valid; a successor's own certificate still to be applied for; "緊急の失効とかはいらない";
"死亡した職員"; a plan that is gone; a reporter's request; a mail address changed with a correction asked.
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
    (
        "a seal lost is no key lost",
        "印鑑をなくした場合",
        "引越しのどさくさで、証明書を申し込んだときに使った印鑑（認印）をなくしてしまいました。今すぐ何かするわけでは"
        "ないのですが、将来失効請求をするときに印鑑がない場合はどうすればよいのでしょうか。",
        "faq",
    ),
    (
        "thanks from the writer who reported the theft, the PC still missing",
        "Re: 【iPROVE】緊急失効処理完了のお知らせ",
        "出張先でPCを盗まれた件で、先週末に夜分ご連絡させていただいた者です。\nすぐに失効の処理をしていただき本当に"
        "ありがとうございました。（PCはまだ見つかっていませんが…）\n取り急ぎお礼まで。",
        "other",
    ),
    (
        "an opinion offered, no answer wanted",
        "毎年の更新手続きについて(意見)",
        "毎年の更新のたびに住民票を取って、申込書を郵送して……という手続きは正直なところ大変です。今年は雪で役場に"
        "行けず、危うく期限切れになるところでした。オンラインで完結する更新方法や、有効期間をもう少し長くするなど、"
        "ご検討いただけないでしょうか。\n返信は不要です。ご意見として受け止めていただければ幸いです。",
        "other",
    ),
    (
        "a relying party asks whether a certificate is still valid",
        "How to check if a certificate is revoked (CRL?)",
        "Hello,\n\nI run a small bakery in Nagano. One of our flour suppliers sends us contracts signed with an iPROVE "
        "certificate.\n\nOur tax adviser told me we should \"check the CRL\" before accepting a signed document. I am "
        "not familiar with this. Could you explain what a CRL is and where I can download it?\n\n"
        "Also, could you tell me whether this supplier's certificate is still valid "
        "and not revoked? The signature panel in Acrobat shows:\n  Serial number: 3C4D5E6F708192A3\n"
        "  SHA-1 fingerprint: 1A 2B 3C 4D 5E 6F 70 81 92 A3 B4 C5 D6 E7 F8 09 1A 2B 3C 4D",
        "faq",
    ),
    (
        "a death told by the successor, who will apply for his own",
        "前住職逝去に伴う証明書失効",
        "先代住職である父が先月遷化（逝去）いたしました。先代名義の電子証明書（シリアル 4D5E6F708192A3B4）の失効を"
        "お願いしたく存じます。私自身の証明書は、これから新たに申し込む予定でございます。",
        "death_notice",
    ),
    (
        "a certificate deleted, no emergency wanted",
        "証明書を消してしまいました",
        "パソコンの中を整理していて、証明書の画面でいらないものを消していたら、御社の証明書まで消してしまったようです。"
        "\n消してしまった証明書のシリアル番号は 0c 7f 3e a9 82 b5 d4 68 です。\nこれは元に戻せますか。消しただけで、"
        "誰かに盗まれたわけではないので、緊急の失効とかはいらないと思うのですが、どうなんでしょうか。",
        "faq",
    ),
    ("an employee who died, named first", "", "死亡した職員の証明書、失効をお願いします。", "death_notice"),
    (
        "a plan that is gone is no PC gone",
        "追加発行申込の取消し",
        "事務所の2台目のPC用に追加発行を申し込みましたが、PCの増設計画がなくなりましたので、追加発行の申込だけ"
        "取り消してください。まだ照会書も届いていません。",
        "cancellation",
    ),
    (
        "a reporter asks for an interview after another CA's breach",
        "Request for comment",
        "Hi, I'm a reporter. Following news about a certificate authority breach overseas, I'd like to ask how you "
        "protect your CA keys. Would someone be available for a short interview?",
        "other",
    ),
    (
        "a mail address changed, a correction asked",
        "メールアドレス変更に伴う証明書の修正",
        "会社のドメイン変更でメールアドレスが sato@old-example.jp から sato@new-example.jp に変わりました。"
        "証明書のメールアドレスを修正していただけますか。シリアル: 2c:55:af:18:b0:41:d3:69",
        "revocation",
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "intent"), CASES, ids=[c[0] for c in CASES])
def test_intent(why: str, subject: str, text: str, intent: str) -> None:
    assert classify_text(text, subject=subject).intent == intent, why
