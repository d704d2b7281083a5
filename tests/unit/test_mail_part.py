# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A split mail part answers every call the mail reader makes exactly as the standard
``compat32`` message with the same headers and payload does, plain parameter lists and all
the others (quoted pairs, RFC 2231, 8-bit, odd spacing) alike; and a whole mail reads the same
through the fast split as through the standard parser."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.sources import mail
from desktop.sources.mail_part import MailPart
from desktop.sources.mime_split import split_message

FILE_TIME = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def answers(part: MailPart | object) -> tuple[object, ...]:
    """What the mail reader asks a part (``Message`` or ``MailPart``)."""
    calls = []
    for call in (lambda p: p.get_content_type(), lambda p: p.get_content_maintype(),
                 lambda p: p.get_content_subtype(), lambda p: p.get_param("charset"),
                 lambda p: p.get_param("boundary"), lambda p: p.get_boundary(),
                 lambda p: p.get_content_charset(), lambda p: p.get_filename(),
                 lambda p: p.get_payload(decode=True), lambda p: p.get_payload(),
                 lambda p: p.get("content-type"), lambda p: p.get("X-Missing", "no"),
                 lambda p: p.get_all("received"), lambda p: p.is_multipart()):
        try:
            value = call(part)
        except Exception as error:  # the same exception must come out of both
            value = type(error)
        calls.append(str(value) if type(value).__name__ == "Header" else value)
    return tuple(calls)


def leaf(headers: list[tuple[str, str]], payload: str) -> MailPart:
    part = MailPart(headers)
    part.payload = payload
    return part


def check(headers: list[tuple[str, str]], payload: str = "x=3D1 caf\udce9\n") -> None:
    fast = leaf(headers, payload)
    standard = leaf(headers, payload).as_message()
    assert answers(fast) == answers(standard)


CONTENT_TYPES = [
    "text/plain", "text/plain; charset=utf-8", 'text/plain; charset="UTF-8"; format=flowed',
    "TEXT/HTML;\n charset=iso-8859-1", "text/plain;", "text/plain; charset=", "textplain",
    "text/plain/x; charset=utf-8", "multipart/mixed; boundary=\"==_b=1  \"",
    'text/plain; charset="utf\\"8"', "text/plain; charset*=utf-8''latin-1",
    'text/plain; name="a;b.txt"', "text/plain; charset = utf-8", "text/plain; charset=<x>",
    "text/plain; Charset=UTF-8; charset=latin-1", "text/plain; charset=caf\udce9",
    'application/pdf; name="=?utf-8?q?R=C3=A9sum=C3=A9.pdf?="', "text/plain; NAME=\"\"",
    "charset=utf-8", "", " \t", "text/plain; charset*0=ut; charset*1=f-8",
]
CTES = ["", "7bit", "8bit", "quoted-printable", "Quoted-Printable", "quoted-printable ",
        "base64", "x-uuencode", "binary"]


@pytest.mark.parametrize("ctype", CONTENT_TYPES)
@pytest.mark.parametrize("cte", CTES)
def test_a_leaf_answers_as_the_standard_message(ctype: str, cte: str) -> None:
    headers = [("Content-Type", ctype)] + ([("Content-Transfer-Encoding", cte)] if cte else [])
    check(headers)
    check([*headers, ("Content-Disposition", 'attachment; filename="r.pdf"')], "aGk=\n")


def test_the_first_header_of_a_name_answers_and_all_are_listed() -> None:
    check([("content-TYPE", "text/html"), ("Content-Type", "text/plain"), ("Received", "a"),
           ("X-8bit", "J\udcfcrgen"), ("RECEIVED", "b; Tue, 1 Dec 2026 10:00:00 +0000")])
    check([])


_VALUE = st.text(st.sampled_from('ab=;" \t\n*\'\\<>/-\udce9%'), max_size=14)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Content-Type", "content-type",
                                           "Content-Disposition", "Content-Transfer-Encoding"]),
                          st.one_of(st.sampled_from(CONTENT_TYPES + CTES), _VALUE,
                                    _VALUE.map(lambda v: "text/plain; charset" + v),
                                    _VALUE.map(lambda v: "text/x;name=" + v))),
                max_size=4),
       st.text(st.sampled_from("ab=\n3D \udce9"), max_size=12))
def test_any_headers_are_answered_as_the_standard_message(headers: list[tuple[str, str]],
                                                          payload: str) -> None:
    check(headers, payload)


def test_a_multipart_answers_as_the_standard_message() -> None:
    data = (b"Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain"
            b"\n\none\n--b\nContent-Type: text/html; charset=\"latin-1\"\n\n<p>two</p>\n--b--\n")
    fast = split_message(data, max_parts=10, max_depth=4)
    assert fast is not None
    standard = fast.as_message()
    assert answers(fast) == answers(standard)
    assert [answers(p) for p in fast.walk()] == [answers(p) for p in standard.walk()]


_HEADER_LINES = st.sampled_from([
    "From: =?utf-8?q?J=C3=BCrgen?= <j@example.org>", "From: \"Doe, Jane\" <jd@example.org>",
    "From: plain@example.org (Plain Person)", "From: caf\xe9 <c@example.org>",
    "X-Original-From: Bot <bot@example.org>", "List-Id: <issues.example.org>",
    "List-Id: Team chat <chat.example.org>", "X-GitHub-Reason: mention",
    "Date: Tue, 24 Nov 2026 10:15:00 +0100", "Date: Tue, 24 Nov 2026 10:15:00 -0000",
    "Date: 24 Nov 0026 10:15:00 +0000", "Date: yesterday", "Subject: =?iso-8859-1?q?f=FCr?=",
    "Subject: folded\n  over two lines", "Message-ID: <m1@example.org>", "Importance: high",
    "X-Priority: 5 (lowest)", "In-Reply-To: <a@x>", "References: <b@x>\n <c@x>",
    "Received: from x; Mon, 23 Nov 2026 08:00:00 +0000", "Content-Transfer-Encoding: base64",
    "Content-Transfer-Encoding: quoted-printable", "Content-Type: text/html; charset=utf-8",
    "Content-Type: text/plain; charset=\"x-unknown\"", "Content-Disposition: attachment",
    "Content-Type: text/plain; name=notes.txt",
])
_BODIES = st.sampled_from(["Hello https://example.org/a.\n", "SGVsbG8=\n", "caf=C3=A9 =\nx\n",
                           "<p>Hi <a href='https://h.example.org/'>there</a></p>\n",
                           "raw \xe4 text\n", ""])


@settings(max_examples=300, deadline=None)
@given(st.lists(_HEADER_LINES, max_size=7), _BODIES, st.booleans())
def test_any_mail_reads_the_same_through_the_split_and_the_standard_parser(
        lines: list[str], body: str, multipart: bool) -> None:
    head = "\n".join(lines)
    if multipart:
        inner = "\n".join(line for line in lines if line.startswith("Content-"))
        text = (f"{head}\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\n{inner}\n\n"
                f"{body}\n--zz\nContent-Type: text/plain\n\nsecond\n--zz--\n")
    else:
        text = f"{head}\n\n{body}"
    data = text.encode("latin-1")
    fast = mail.read_message(data, "m.eml", lambda: FILE_TIME)
    original = mail.split_message
    try:
        mail.split_message = lambda *args, **kwargs: None  # type: ignore[assignment]
        standard = mail.read_message(data, "m.eml", lambda: FILE_TIME)
    finally:
        mail.split_message = original
    assert fast == standard
