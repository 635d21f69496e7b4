"""The faxed title's second reading and the form's labels, without OCR: fuzzy matching, voting, the title band."""

from __future__ import annotations

import numpy as np
import pytest

from intake.faxtitle import (
    TITLE_WHITELIST,
    edit_distance_in,
    fuzzy_find,
    label_evidence,
    match_reads,
    match_title,
    title_band,
    title_similarity,
    vote_titles,
)
from intake.parse import parse_message


def test_edit_distance_in_finds_the_word_anywhere_in_the_text() -> None:
    assert edit_distance_in("紛失日時", "ご記入ください 紛失日時 2026年") == 0
    assert edit_distance_in("紛失日時", "紛矢日時") == 1  # one character misread
    assert edit_distance_in("紛失日時", "紛日時") == 1  # one dropped
    assert edit_distance_in("紛失日時", "紛失の日時") == 1  # one added
    assert edit_distance_in("紛失日時", "所属部署") == 4
    assert edit_distance_in("", "anything") == 0


def test_fuzzy_find_tolerates_one_wrong_character_in_a_long_word_only() -> None:
    assert fuzzy_find("死亡年月日", "名義人の死亡年目日")
    assert not fuzzy_find("死亡年月日", "名義人の生年月")
    # A short word must be there as written: one wrong character in three is too much.
    assert fuzzy_find("死亡日", "死亡日")
    assert not fuzzy_find("死亡日", "死去日")
    assert not fuzzy_find("申込番号", "")


def test_title_similarity_counts_the_changes_a_title_needs() -> None:
    assert title_similarity("緊急失効申請書", "電子証明書緊急失効申請書") == 1.0
    assert title_similarity("緊急失効申請書", "電子証明書急失効申請書") == pytest.approx(6 / 7)
    assert title_similarity("緊急失効申請書", "電子証明書失効申請書") < 0.8


@pytest.mark.parametrize(
    ("read", "kind"),
    [
        # 緊 lost: the emergency title still matches with one character missing, and wins
        # over the plain revocation title that the read holds as written.
        ("電子証明書急失効申請書", "emergency_revocation"),
        ("電証明書緊急失効求書人", "emergency_revocation"),
        ("電子証明書失効請求書名義人死亡届", "death_notice"),
        ("電子証明書失効請求書", "revocation"),
        ("失効請求書名義人人", "revocation"),
        ("発行申込取消依頼書", "cancellation"),
        ("電子証明書記載内容訂正依頼書", "correction"),
        ("名人死亡", "unknown"),
        ("", "unknown"),
    ],
)
def test_match_title_takes_the_most_urgent_kind_that_matches(read: str, kind: str) -> None:
    assert match_title(read)[0] == kind


def test_a_plain_revocation_is_not_made_an_emergency_by_a_stray_character() -> None:
    # Two characters short of 緊急失効請求書 is no emergency title.
    assert match_title("書失効請求書")[0] == "revocation"


def test_vote_titles_believes_an_emergency_then_the_best_score() -> None:
    page = ("revocation", "失効申請書", 1.0)
    reread = ("emergency_revocation", "緊急失効申請書", 6 / 7)
    assert vote_titles([page, reread])[0] == "emergency_revocation"
    assert vote_titles([("unknown", "", 0.0), ("death_notice", "名義人死亡届", 0.83)])[0] == "death_notice"
    assert vote_titles([("correction", "訂正依頼書", 0.8), ("revocation", "失効請求書", 1.0)])[0] == "revocation"
    assert vote_titles([("correction", "訂正依頼書", 1.0), ("revocation", "失効請求書", 1.0)])[0] == "correction"
    assert vote_titles([])[0] == "unknown"


def test_match_reads_matches_each_rendering_on_its_own() -> None:
    # Glued together the two reads would make a title out of the end of one and the start of the other.
    assert match_reads("電子証明書名人死亡\n電子証明書名義人死亡届")[0] == "death_notice"
    assert match_reads("\n")[0] == "unknown"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("紛失・盗難の日時 2026年5月1日\nシリアル番号 3A:7F", "emergency_revocation"),
        ("紛失盗難の目時 2026年5月1日", "emergency_revocation"),  # one character misread
        ("死亡年月日 令和8年1月2日\n届出人 山田花子", "death_notice"),
        ("申込番号 A-123456\n氏名", "cancellation"),
        ("訂正箇所 住所\n訂正後 東京都千代田区", "correction"),
        ("氏名 山田太郎\n所属 株式会社山田商事\n理由 退職のため", "unknown"),
    ],
)
def test_label_evidence_names_the_form_whose_fields_are_there(text: str, kind: str) -> None:
    assert label_evidence(text)[0] == kind


def test_the_whitelist_holds_every_title_character_and_nothing_else() -> None:
    assert set("緊急失効申請書名義人死亡届発行申込取消依頼記載内容訂正") <= set(TITLE_WHITELIST)
    assert not set("0123456789ABCDEF（）:") & set(TITLE_WHITELIST)
    assert len(set(TITLE_WHITELIST)) == len(TITLE_WHITELIST)


def _page(lines: list[tuple[int, int, int, int]], height: int = 1000, width: int = 800) -> np.ndarray:
    """A white page with a black box (top, bottom, left, right) for each text line, and fax specks."""
    pixels = np.full((height, width), 255, dtype=np.uint8)
    for top, bottom, left, right in lines:
        pixels[top:bottom, left:right] = 0
    rng = np.random.default_rng(1)
    specks = rng.random(pixels.shape) < 0.003
    pixels[specks] = 0
    return pixels


def test_title_band_is_the_tallest_line_in_the_top_fifth() -> None:
    # A fax header line (small), the title (tall), then a line of body text, all in the top fifth.
    page = _page([(5, 25, 40, 700), (80, 140, 200, 600), (160, 180, 60, 400), (400, 500, 60, 700)])
    band = title_band(page)
    assert band is not None
    # The band holds the title with a margin, and is cut to the title's columns.
    assert 60 <= band.shape[0] <= 110
    assert 400 <= band.shape[1] <= 460


def test_title_band_is_none_on_a_page_without_a_title() -> None:
    assert title_band(_page([(5, 25, 40, 700)])) is None
    assert title_band(np.full((10, 10), 255, dtype=np.uint8)) is None


def test_an_ocr_fax_without_a_known_form_goes_to_a_person_first() -> None:
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    from intake.classify import _classify_fax
    from intake.fax import FaxReading

    mail = MIMEMultipart()
    mail["From"], mail["Subject"] = "fax@gw.example.jp", "FAX受信"
    mail.attach(MIMEText("FAXを受信しました。", "plain", "utf-8"))
    parsed = parse_message(mail.as_bytes())
    # The title was lost; what is left reads like a question to the FAQ rules.
    text = "電子証明書\n氏名 山田 太郎\n電話番号 03-1234-5678\n証明書の有効期限はいつまでですか"
    reading = FaxReading([b""], text, "ocr", True, "unknown", "", [], ["fax: read"])
    result = _classify_fax(parsed, reading)
    assert result.fax_unread
    assert any("no known form" in r for r in result.reasons)
    # A recognised form is not flagged.
    known = FaxReading([b""], "失効請求書\n" + text, "ocr", True, "revocation", "失効請求書", [], ["fax: read"])
    assert not _classify_fax(parsed, known).fax_unread
