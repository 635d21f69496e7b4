"""Job kinds are named in both languages on the failed-jobs page; an unknown kind shows as itself."""

from __future__ import annotations

import pytest

from core.services.jobs import error_summary
from dashboard import texts


@pytest.mark.parametrize("kind", ["execute_case", "process_inbound", "send_mail"])
def test_known_job_kinds_have_labels(kind: str) -> None:
    ja, en = texts.label("job_kind_", kind, "ja"), texts.label("job_kind_", kind, "en")
    assert ja != kind and en != kind and ja != en


def test_unknown_job_kind_is_shown_as_is() -> None:
    assert texts.label("job_kind_", "rebuild_index", "ja") == "rebuild_index"


def test_error_summary_is_the_last_line_of_a_traceback() -> None:
    trace = 'Traceback (most recent call last):\n  File "x.py", line 1\nConnectionError: HSM down\n\n'
    assert error_summary(trace) == "ConnectionError: HSM down"
    assert error_summary(None) == "" and error_summary("x" * 500) == "x" * 300
