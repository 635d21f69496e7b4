"""The seed's application steps, in order, as one vocabulary for every channel.

An application (発行申込) moves through these steps; each one done is one row of
``application_steps`` (:class:`core.models.ApplicationStep`) with its date and operator,
the only record of it.  Whether a cancellation is still possible follows from the three
:data:`CANCELLATION_STEPS` (照会書返送, 会費入金, オンライン申請): once all three are done the
application can no longer be cancelled (rule ``cancellation-window`` in :mod:`core.workflow`).

This module is pure: no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from zoneinfo import ZoneInfo


class Step(StrEnum):
    """One step of an application, in the seed's order."""

    FIRST_REVIEW_PASSED = "first_review_passed"  # 一次審査通過
    INQUIRY_SENT = "inquiry_sent"  # 照会書一式・会費請求書送付
    INQUIRY_RETURNED = "inquiry_returned"  # 照会書返送
    FEE_PAID = "fee_paid"  # 会費入金
    ONLINE_APPLIED = "online_applied"  # オンライン申請
    ISSUED = "issued"  # 発行
    DOWNLOADED = "downloaded"  # ダウンロード


#: The steps in the order the seed lists them.
ORDER: tuple[Step, ...] = tuple(Step)

#: The three steps after which an application can no longer be cancelled.
CANCELLATION_STEPS: tuple[Step, ...] = (Step.INQUIRY_RETURNED, Step.FEE_PAID, Step.ONLINE_APPLIED)

#: Japanese and English names of each step (pages and CSV headers use them).
LABELS: dict[Step, tuple[str, str]] = {
    Step.FIRST_REVIEW_PASSED: ("一次審査通過", "first review passed"),
    Step.INQUIRY_SENT: ("照会書一式・会費請求書送付", "inquiry set and invoice sent"),
    Step.INQUIRY_RETURNED: ("照会書返送", "inquiry returned"),
    Step.FEE_PAID: ("会費入金", "fee paid"),
    Step.ONLINE_APPLIED: ("オンライン申請", "online application entered"),
    Step.ISSUED: ("発行", "issued"),
    Step.DOWNLOADED: ("ダウンロード", "downloaded"),
}


def steps_complete(done: set[Step] | frozenset[Step]) -> bool:
    """True when all three cancellation steps are among *done*."""
    return all(step in done for step in CANCELLATION_STEPS)


#: The CA works in Japan: a step's date is the date on the office's calendar.
JST = ZoneInfo("Asia/Tokyo")


def office_date(now: dt.datetime) -> dt.date:
    """The date in Japan at *now* (between 00:00 and 09:00 JST it is a day ahead of UTC)."""
    return now.astimezone(JST).date()
