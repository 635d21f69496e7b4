"""Kinds of wording that outside writers' texts (t59, t60, dev mail 69 and 70, fit halves) were read wrong on, at
stop 61.

Each case is written here anew from a kind seen in a fit half, not copied:

* a leaver who keeps the device and will not give it back, told in two sentences, is an emergency; so is a former
  partner who "still has my old laptop", and a what-if that the writer then says did happen;
* a certificate of another issuer, asked to be revoked by this CA in its place, is none of the CA's business;
* a move or a company's new mail domain, with the certificate's detail asked to be put right (in kana, or as a
  question), is a revocation;
* a certificate still waiting to be issued, asked to be stopped, is a cancellation; so is one asked to be
  "revoked" in a question by a writer who has not received it, and a writer's own application "なしで";
* a loss asked about and said not to have happened yet is a question;
* leave given to stop the old certificate after a renewal, an issued certificate no longer used asked in a
  question to be cancelled, an ordinary reason given with haste or with a question, and a certificate
  "今後は使わなくなります" with "ご対応お願いできますでしょうか" are revocations; "申込を取り消したい" of a
  certificate said to be issued is its revocation;
* a wrong detail read off the writer's own certificate ("証明書見たら…になってて", "…で申し込んだのに、証明書は…で
  出てきました", "cert has … but I'm …") is a correction;
* thanks for a certificate stopped, the device found since, asks nothing;
* a lawyer who administers an estate reports a death ("亡…（…死亡）");
* a viewer's trust warning is a question for the FAQ.

Read in the second pass, from the fit halves of intent texts t62 and dev mail 72: a job quit, told in a chat's words;
a correction asked of a surname changed by marriage, in English, and a name changed by a court with the certificate
wished to show it (revocations); a bag snatched ("置き引き") with the fax form asked for; a certificate asked to be
made right beside a question of the fee; a complaint about a cancellation the desk has done; phishing that asks for
the password by reply.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text

CASES: list[tuple[str, str, str, str]] = [
    (
        "a leaver keeps the PC and will not give it back",
        "",
        "やめた社員がまだ証明書入りのパソコンを持ってるんです。返してくれません。失効お願いします",
        "emergency_revocation",
    ),
    (
        "a former partner still has the laptop",
        "",
        "my ex-husband still has my laptop with the signing certificate on it. we don't talk anymore.",
        "emergency_revocation",
    ),
    (
        "a what-if that did happen",
        "",
        "If someone stole my bag with the token, do I call you first? Because somebody did, an hour ago.",
        "emergency_revocation",
    ),
    (
        "another issuer's certificate, asked to be revoked here in its place",
        "他社発行の証明書について",
        "他の認証局で取った電子証明書を失効させたいのですが、そちらの窓口が分かりません。御社で代わりに失効して"
        "いただけますか。",
        "other",
    ),
    (
        "a move, an address correction asked in kana",
        "",
        "転居したので証明書の住所の訂正おねがいできますか",
        "revocation",
    ),
    (
        "a company's mail domain changed, a correction asked",
        "アドレス修正",
        "社名変更でドメインが変わりました。証明書のメールアドレスを新しいものに訂正してください。",
        "revocation",
    ),
    (
        "a company's mail domain changed, a fix asked in a question",
        "",
        "会社のドメイン変更でアドレスが新しくなりました。証明書のほうも直せますか？",
        "revocation",
    ),
    (
        "a certificate waiting to be issued, stopped",
        "",
        "発行待ちの証明書なんですが、もう必要なくなったので止めてください",
        "cancellation",
    ),
    (
        "'revoke' asked in a question by a writer who has not received the certificate",
        "",
        "申し込んだばっかりなんですけど、それって失効できます？証明書まだもらってないです",
        "cancellation",
    ),
    (
        "the writer's own application made nothing",
        "",
        "間違えて申し込んじゃいました。会社でまとめて出すはずだったので、私個人の分は無しで",
        "cancellation",
    ),
    (
        "a loss asked about, said not to have happened",
        "",
        "証明書入りのPCなくしたらどうなるの？（まだなくしてないけど不安で）",
        "faq",
    ),
    (
        "leave given to stop the old certificate after a renewal",
        "",
        "更新分の証明書が届きました！古いほうは止めちゃって大丈夫です",
        "revocation",
    ),
    (
        "an issued certificate no longer used, asked in a question to be cancelled",
        "",
        "証明書のキャンセルってできますか？一昨年発行してもらったもので、もう使わないので",
        "revocation",
    ),
    (
        "haste with an ordinary reason",
        "",
        "急ぎで失効をお願いします！来週付けで転職なので今週中にできれば",
        "revocation",
    ),
    (
        "an ordinary reason and a question of how",
        "",
        "異動したので my cert はもう不要です。revoke の申請書はどこから取ればいいですか？",
        "revocation",
    ),
    (
        "no longer used, the desk asked to see to it",
        "証明書について",
        "証明書は入札用に取ったもので、来月からは使わなくなります。このままにしておくのも心配なので、ご対応お願い"
        "できますでしょうか。",
        "revocation",
    ),
    (
        "an application called off, of a certificate said to be issued",
        "申込取消",
        "一昨年に申込をして発行された証明書ですが、もう業務で使わないため、申込を取り消したいです。",
        "revocation",
    ),
    (
        "applied with the new surname, issued with the old",
        "",
        "新しい姓で申し込んだのに、証明書は旧姓のまま出てきました。どうなってるんでしょう",
        "correction",
    ),
    (
        "a detail read off the certificate",
        "",
        "証明書見たら会社名が旧社名になってて…これまずいですよね？",
        "correction",
    ),
    (
        "an English writer's address printed wrong",
        "",
        "URGENT: cert has t.mori7@ but I'm t.mori@ - need it fixed before I sign on Monday",
        "correction",
    ),
    (
        "thanks for a certificate stopped, the device found since",
        "",
        "thanks for stopping my cert so quickly yesterday. the police found my laptop this morning, no worries, "
        "I'll get a new one",
        "other",
    ),
    (
        "a lawyer who administers an estate",
        "故 山中 進 氏名義の電子証明書について",
        "当職は、亡山中進（令和8年3月2日死亡）の相続財産清算人に選任された弁護士です。同人名義の電子証明書が"
        "見つかりましたので、速やかに失効の手続きをお願いしたく存じます。",
        "death_notice",
    ),
    (
        "a viewer's trust warning",
        "「信頼された証明機関がこの証明書を確認できません」と表示される",
        "4月入社の者です。先週発行された証明書をダウンロードしました。証明書を開くと次のように表示されます。",
        "faq",
    ),
    # Read in the second pass, from the fit halves of intent texts t62 and dev mail 72.
    (
        "quitting the job said in a chat's words",
        "",
        "もう証明書いらないんです。職場やめたので。どうすれば消せますか",
        "revocation",
    ),
    (
        "a correction asked of a surname changed by marriage, in English",
        "",
        "need to fix my surname on the cert, I got married in May (was Sato, now Miller). which form do I use?",
        "revocation",
    ),
    (
        "a name changed by the family court, the certificate wished to show it",
        "",
        "戸籍の名前を改名しました。証明書の名前も新しい名前にしたいんですが",
        "revocation",
    ),
    (
        "a bag snatched, the fax form asked for",
        "緊急失効の方法",
        "緊急失効はFAXだと聞きました。たった今、駅でPCの入ったカバンを置き引きされて交番にいます。用紙はどこですか。",
        "emergency_revocation",
    ),
    (
        "a certificate asked to be made right, with a question of the fee",
        "失効請求書は必要ですか",
        "証明書のメールアドレスのドメインが申込書と違います（@abc-kogyo.jp が @abc-kougyo.jp になっています）。\n"
        "正しい証明書にしてほしいのですが、この場合も失効請求書を出して、新規に料金を払う必要があるのでしょうか？"
        "こちらの記入ミスではありません。",
        "correction",
    ),
    (
        "a complaint about a cancellation the desk has done",
        "電話の対応について",
        "申込の取消をお願いした際の確認のお電話で、担当の方の言い方がとても高圧的でした。取消自体は完了しているので"
        "それは結構ですが、改善をお願いします。",
        "other",
    ),
    (
        "a phishing mail asking for the password by reply",
        "URGENT: verify your private key",
        "Your signing key has been compromised. Reply with your certificate password and PIN today, or your account "
        "will be suspended.\n\nSecurity Team",
        "other",
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "intent"), CASES, ids=[c[0] for c in CASES])
def test_intent(why: str, subject: str, text: str, intent: str) -> None:
    assert classify_text(text, subject=subject).intent == intent, why
