"""The web chat router through FastAPI's TestClient, on real databases."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from bots.ratelimit import TokenBucketLimiter
from bots.webchat import build_webchat_router
from faq.models import FaqFeedback, FaqUnanswered


@pytest.fixture
def client(faq_engine: Any, chat_router: Any, session_factory: Any) -> TestClient:
    app = FastAPI()
    app.include_router(build_webchat_router(faq_engine, chat_router, session_factory))
    return TestClient(app)


def test_bots_webchat_page_is_plain_html(client: TestClient) -> None:
    page = client.get("/chat")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "/chat/api/ask" in page.text and "<script" in page.text
    assert "r.suggestions" in page.text and "suggestions_prompt" in page.text


def test_bots_webchat_answers_paraphrase(client: TestClient) -> None:
    body = client.post("/chat/api/ask", json={"text": "ﾉｰﾄﾊﾟｿｺﾝを電車でなくしちゃった", "lang": "ja"}).json()
    assert body["kind"] == "answer"
    assert body["faq_id"] == "handling-05"
    assert "失効請求" in body["answer"]
    assert all(r["id"] != "handling-05" for r in body["related"])
    assert body["case_tag"] is None


def test_bots_webchat_english_and_entry_lookup(client: TestClient) -> None:
    body = client.post("/chat/api/ask", json={"text": "How do I pay for it?", "lang": None}).json()
    assert body["language"] == "en" and body["faq_id"] == "application-09"
    entry = client.get("/chat/api/entry/other-01", params={"lang": "en"}).json()
    assert "Certification Practice Statement" in entry["answer"]
    assert client.get("/chat/api/entry/nope-99").status_code == 404


def test_bots_webchat_request_opens_no_case_and_asks_for_the_registered_address(
    client: TestClient, chat_router: Any
) -> None:
    body = client.post(
        "/chat/api/ask", json={"text": "父が亡くなりました。証明書を失効してほしい", "session": "abc"}
    ).json()
    assert body["kind"] == "procedure" and body["case_tag"] is None
    assert "メールアドレス" in body["message"] and "電話番号" in body["message"]
    assert chat_router.requests[0]["intent"] == "death_notice"
    assert chat_router.requests[0]["user"] == "web:abc" and chat_router.requests[0]["client"] == "testclient"
    linked = client.post("/chat/api/ask", json={"text": "hanako@example.jp", "session": "abc"}).json()
    assert linked["kind"] == "link" and "確認用のリンク" in linked["message"]
    assert chat_router.links[0]["address"] == "hanako@example.jp"


def test_bots_webchat_possible_emergency_gets_the_emergency_procedure_not_an_faq_answer(
    client: TestClient, chat_router: Any
) -> None:
    text = "会社のノートパソコンが見当たらないのですが、証明書はどうすればいいですか"
    body = client.post("/chat/api/ask", json={"text": text, "session": "pe"}).json()
    assert body["kind"] == "procedure" and body["faq_id"] is None
    assert "緊急の失効" in body["message"] and "おそれ" in body["message"]
    assert chat_router.requests == []  # Not a request: nothing is kept for a link.
    # A request that may be an emergency is told the emergency procedure before the usual one.
    asked = client.post("/chat/api/ask", json={"text": "USBが見当たらない。失効してください", "session": "pr"}).json()
    assert asked["kind"] == "procedure"
    assert asked["message"].index("緊急の失効") < asked["message"].index("メールアドレス")
    assert chat_router.requests[0]["intent"] == "revocation"


def test_bots_webchat_possible_emergency_worked_as_one_is_kept_as_an_emergency_request(
    client: TestClient, chat_router: Any
) -> None:
    body = client.post("/chat/api/ask", json={"text": "電車にノートPCを置き忘れました", "session": "pw"}).json()
    assert body["kind"] == "procedure" and body["faq_id"] is None
    # Why it is treated so comes first, then the emergency procedure, then how to confirm the request.
    message = body["message"]
    assert message.index("おそれ") < message.index("緊急の失効") < message.index("メールアドレス")
    assert [r["intent"] for r in chat_router.requests] == ["emergency_revocation"]
    # A sure emergency is told the procedure without the doubt.
    sure = client.post("/chat/api/ask", json={"text": "至急：ICカードを盗まれました", "session": "ps"}).json()
    assert "緊急の失効" in sure["message"] and "おそれ" not in sure["message"]


def test_bots_webchat_unanswered_recorded(client: TestClient, session_factory: Any, faq_engine: Any) -> None:
    body = client.post("/chat/api/ask", json={"text": "What's the weather in Osaka?"}).json()
    assert body["kind"] == "unanswered" and body["faq_id"] is None
    # The closest questions come back as suggestions ("Did you mean…"), each answerable by id.
    assert [s["id"] for s in body["suggestions"]] == faq_engine.ask("What's the weather in Osaka?").related
    assert body["related"] == []
    if faq_engine.fused:
        assert len(body["suggestions"]) == 3 and body["suggestions_prompt"] == "Did you mean…"
    for suggestion in body["suggestions"]:
        assert suggestion["question"] == faq_engine.question_text(suggestion["id"], "en")
        entry = client.get(f"/chat/api/entry/{suggestion['id']}", params={"lang": "en"}).json()
        assert entry["kind"] == "answer" and entry["faq_id"] == suggestion["id"]
    with session_factory() as s:
        rows = s.scalars(select(FaqUnanswered)).all()
    assert [(r.text, r.channel, r.language) for r in rows] == [("What's the weather in Osaka?", "webchat", "en")]


def test_bots_webchat_feedback_and_validation(client: TestClient, session_factory: Any) -> None:
    assert client.post("/chat/api/feedback", json={"faq_id": "general-03", "helpful": True}).json() == {"ok": True}
    assert client.post("/chat/api/feedback", json={"faq_id": "zzz", "helpful": True}).status_code == 404
    assert client.post("/chat/api/ask", json={"text": ""}).status_code == 422
    with session_factory() as s:
        assert [(r.faq_id, r.helpful) for r in s.scalars(select(FaqFeedback))] == [("general-03", True)]


def test_bots_webchat_rate_limited(faq_engine: Any, chat_router: Any, session_factory: Any) -> None:
    app = FastAPI()
    limiter = TokenBucketLimiter(rate=0.0, burst=2)
    app.include_router(build_webchat_router(faq_engine, chat_router, session_factory, limiter=limiter))
    client = TestClient(app)
    codes = [client.post("/chat/api/ask", json={"text": "料金", "session": "s1"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.post("/chat/api/ask", json={"text": "料金", "session": "s2"}).status_code == 200
    # Rotating session ids does not escape the per-address bucket (4 × burst).
    codes = [client.post("/chat/api/ask", json={"text": "料金", "session": f"r{i}"}).status_code for i in range(8)]
    assert codes.count(200) == 5 and codes[-1] == 429
