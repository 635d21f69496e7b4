"""The mail templates: shipped as Jinja2 files, all rendering strictly, run in a sandbox."""

from __future__ import annotations

import pytest

from dashboard import texts as dashboard_texts
from intake import mailtemplates
from intake.mailtemplates import MailTemplate, TemplateInvalid


@pytest.mark.parametrize("kind", mailtemplates.kinds())
def test_every_shipped_template_renders_strictly_and_has_a_label(kind: str) -> None:
    template = mailtemplates.defaults()[kind]
    subject, body = mailtemplates.validate(template)
    assert subject and "\n" not in subject and " / " in subject  # Japanese / English
    assert "{{" not in body
    # Mails to a sender nobody has established name nobody (core.replypolicy, the chat link).
    if kind not in mailtemplates.NAMELESS:
        assert "山田 太郎" in body
    else:
        assert "山田 太郎" not in body and "MDG-000123" not in body and "3A7F01C2" not in body
    assert f"tpl_{kind}" in dashboard_texts.TEXTS  # the dashboard can name it


def test_the_acknowledgements_and_results_live_in_the_files() -> None:
    assert {"ack", "ack_documents", "result_revoked", "reply"} <= set(mailtemplates.kinds())


def test_a_missing_field_shows_a_dash_when_sent_but_is_refused_when_saved() -> None:
    edit = MailTemplate("件名 {{ tag }}", "{{ nmae }} 様")
    assert mailtemplates.render("ack", {"tag": "MDG-000001"}, edit) == ("件名 MDG-000001", "- 様")
    with pytest.raises(TemplateInvalid, match="nmae"):
        mailtemplates.validate(edit)


@pytest.mark.parametrize("body", [
    "{{ name.__class__.__mro__ }}",
    "{{ ''.__class__.__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{% for %}",
])
def test_the_sandbox_and_the_parser_refuse(body: str) -> None:
    with pytest.raises(TemplateInvalid):
        mailtemplates.validate(MailTemplate("件名", body))


def test_a_subject_is_one_line() -> None:
    subject, _ = mailtemplates.render("ack", {}, MailTemplate("a\r\nBcc: x@example.net", "b"))
    assert subject == "a Bcc: x@example.net"


def test_the_acknowledgement_of_a_possible_emergency_says_why_it_is_treated_so() -> None:
    context = {"tag": "MDG-000007", "kind": "emergency_revocation", "name": "山田 太郎"}
    _, flagged = mailtemplates.render("ack", {**context, "urgency": "possible_emergency"})
    _, sure = mailtemplates.render("ack", {**context, "urgency": ""})
    assert "緊急失効のお申し出として急ぎ扱います" in flagged and "If nothing of the kind happened" in flagged
    assert "おそれ" not in sure and "If nothing of the kind happened" not in sure
    # The rest of the mail is the same.
    assert "お申し出（緊急失効）を受け付けました。受付番号は MDG-000007 です。" in flagged
    assert "お申し出（緊急失効）を受け付けました。受付番号は MDG-000007 です。" in sure
