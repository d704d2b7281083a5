# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one output builder: a draft as Markdown, plain text, an RFC 5322 ``.eml``, a ``mailto:``
link, and the message the SMTP transport sends (the same ``.eml``)."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.drafting.outbox import OutgoingMail
from desktop.core.drafting.outputs import (
    TextFormat,
    mailto_link,
    message_id,
    to_eml,
    to_markdown,
    to_plain,
    to_text,
)
from desktop.core.errors import InvalidInput
from desktop.platform.smtp import build_message

BODY = "Hi Ana,\n\n- first\n- second: 17:00 UTC\n"
MID = "<d1@example.org>"


def test_markdown_bolds_the_subject_and_escapes_its_markup() -> None:
    assert to_markdown("Decide *now* [x]", BODY) == (
        "**Decide \\*now\\* \\[x\\]**\n\nHi Ana,\n\n- first\n- second: 17:00 UTC\n")


def test_plain_text_starts_with_the_subject_line() -> None:
    assert to_plain("Status\nupdate", BODY).startswith("Subject: Status update\n\nHi Ana,\n")


@given(subject=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
       body=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
                    max_size=500))
def test_eml_round_trips_any_subject_and_body(subject: str, body: str) -> None:
    raw = to_eml(subject, body, "Zoë Ünal <zoe@example.org>", "me@example.org",
                 date=datetime(2026, 11, 25, 9, tzinfo=UTC), message_id="<1@example.org>")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == " ".join(subject.split())
    assert message["To"] == "Zoë Ünal <zoe@example.org>"
    assert message["Message-ID"] == "<1@example.org>"
    assert message.get_content().replace("\r\n", "\n") == body.rstrip("\n") + "\n"
    assert not message.defects


def test_a_line_break_in_the_subject_cannot_add_a_header() -> None:
    raw = to_eml("Hello\r\nBcc: all@example.org", "x", "a@example.org", "", message_id=MID)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Bcc"] is None
    assert message["Subject"] == "Hello Bcc: all@example.org"


@pytest.mark.parametrize("bad", ["not an address", "ana@", "Ana <ana at example.org>"])
def test_eml_refuses_what_is_not_an_address(bad: str) -> None:
    with pytest.raises(InvalidInput, match="is not an email address"):
        to_eml("s", "b", bad, "", message_id=MID)


def test_mailto_carries_recipients_subject_and_body() -> None:
    link = mailto_link("Re: the plan & budget", BODY, "Ana <ana@example.org>, bo@example.org")
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "ana@example.org,bo@example.org"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Re: the plan & budget"]
    assert query["body"] == [BODY.replace("\n", "\r\n")]
    assert " " not in link


def test_smtp_sends_the_message_save_as_eml_writes() -> None:
    mail = OutgoingMail("d1", "Me <me@example.org>", "Ana <ana@example.org>", "Plan", "Hi\n",
                        datetime(2026, 11, 25, 9, tzinfo=UTC))
    assert build_message(mail).as_bytes() == to_eml(
        "Plan", "Hi\n", "Ana <ana@example.org>", "Me <me@example.org>",
        date=mail.date, message_id=message_id("d1", "Me <me@example.org>"))


def test_smtp_folds_a_line_break_in_the_subject_instead_of_raising() -> None:
    mail = OutgoingMail("d1", "me@example.org", "ana@example.org", "Budget\nfor Q4", "x",
                        datetime(2026, 11, 25, 9, tzinfo=UTC))
    message = email.message_from_bytes(build_message(mail).as_bytes(),
                                       policy=email.policy.default)
    assert message["Subject"] == "Budget for Q4"
    assert message["Message-ID"] == "<d1@example.org>"


def test_a_local_domain_is_still_an_address() -> None:
    raw = to_eml("s", "b", "ops@localhost", "me@mailhost", message_id=MID)
    assert email.message_from_bytes(raw, policy=email.policy.default)["To"] == "ops@localhost"


@pytest.mark.parametrize("form", list(TextFormat))
def test_to_text_is_the_named_form(form: TextFormat) -> None:
    expected = to_markdown if form is TextFormat.MD else to_plain
    assert to_text(form, "S *x*", BODY) == expected("S *x*", BODY)
