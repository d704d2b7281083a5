# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fast MIME split builds exactly the tree of the standard compat32 parser, or declines.

Every case compares the whole tree: headers in order, payload strings, preambles, epilogues,
defects and default types, so anything read from the message afterwards is unchanged."""

from __future__ import annotations

from datetime import UTC, datetime
from email import policy
from email.feedparser import BytesFeedParser
from email.message import Message

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.budgets import BudgetExceeded, Deadline
from desktop.core.importing.items import Incoming
from desktop.sources import mail
from desktop.sources.mail import parse_bounded, read_message
from desktop.sources.mime_split import split_message

FILE_TIME = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def standard(data: bytes) -> Message:
    parser = BytesFeedParser(policy=policy.compat32)
    parser.feed(data)
    return parser.close()


def shape(message: Message) -> tuple[object, ...]:
    payload = vars(message)["_payload"]  # as stored: get_payload() may decode
    return (message.get_unixfrom(), list(vars(message)["_headers"]), message.preamble,
            message.epilogue, [type(d).__name__ for d in message.defects],
            message.get_default_type(),
            [shape(p) for p in payload] if isinstance(payload, list) else payload)


def split(data: bytes) -> Message | None:
    fast = split_message(data, max_parts=50, max_depth=8)
    return None if fast is None else fast.as_message()


def alternative(boundary: str = "b1", *, close: str = "--b1--\n", preamble: str = "",
                epilogue: str = "") -> bytes:
    return (f"Subject: hi\nContent-Type: multipart/alternative; boundary=\"{boundary}\"\n\n"
            f"{preamble}--b1\nContent-Type: text/plain\n\nplain text\n\n"
            "--b1 \t\nContent-Type: text/html\n\n<p>html</p>\n"
            f"{close}{epilogue}").encode()


NESTED = (b"From: a@example.org\nSubject: nested\nContent-Type: multipart/mixed; boundary=out\n"
          b"\npreamble\n--out\nContent-Type: multipart/alternative; boundary=\"out-1\"\n\n"
          b"--out-1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n"
          b"\nGr\xc3\xbc\xc3\x9fe\n--out-1\nContent-Type: text/html\n\n<b>x</b>\n--out-1--\n"
          b"inner epilogue\n\n--out\nContent-Type: application/pdf; name=\"a.pdf\"\n"
          b"Content-Transfer-Encoding: base64\nContent-Disposition: attachment\n\nJVBERi0=\n"
          b"--out--\nouter epilogue\n")

WELL_FORMED = [
    b"Subject: plain\nX-Folded: one\n two\n\tthree\nEmpty:\n\nbody\nmore\n",
    b"Subject: no body\n",
    b"Subject: no newline at the end",
    b"Subject: s\n\n",
    b"Subject: 8 bit \xe4\xf6 in a header\nFrom: J\xfcrgen <j@example.org>\n\nraw \xff body\n",
    alternative(),
    alternative(preamble="This is a multi-part message.\n\n", epilogue="after\n"),
    alternative(close="--b1--"),
    alternative(close="--b1--  \n"),
    NESTED,
]

DECLINED = [
    b"Subject: crlf\r\n\r\nbody\r\n",
    b" continuation first\nSubject: x\n\nbody\n",
    b"Subject: x\nno colon here\n\nbody\n",
    b"From sender@example.org Mon Jan 1 00:00:00 2026\nSubject: x\n\nbody\n",
    b"Subject: x\n: no name\n\nbody\n",
    b"Subject: x\nContent-Type: multipart/mixed\n\n--b\n\nno boundary parameter\n",
    b"Subject: x\nContent-Type: multipart/mixed; boundary=b\nContent-Transfer-Encoding: base64"
    b"\n\n--b\n\nx\n--b--\n",
    alternative(close=""),  # unterminated
    alternative(boundary="other"),  # no start boundary
    b"Subject: x\nContent-Type: multipart/mixed; boundary=b\n\n--b\n--b\n\nx\n--b--\n",
    b"Subject: x\nContent-Type: message/rfc822\n\nSubject: inner\n\nbody\n",
    b"Subject: x\nContent-Type: multipart/digest; boundary=b\n\n--b\n\nx\n--b--\n",
    b"Subject: x\nContent-Type: multipart/mixed; boundary=b\n\n--b--\n",
    b"Subject: x\nContent-Type: multipart/mixed; boundary=b\n\n--b\nbody without headers\n"
    b"--b--\n",
]


@pytest.mark.parametrize("data", WELL_FORMED)
def test_well_formed_mail_gives_the_standard_tree(data: bytes) -> None:
    fast = split(data)
    assert fast is not None
    assert shape(fast) == shape(standard(data))


@pytest.mark.parametrize("data", DECLINED)
def test_mail_the_standard_parser_treats_specially_is_left_to_it(data: bytes) -> None:
    assert split(data) is None


def test_budgets_are_left_to_the_standard_parser_which_names_them() -> None:
    assert split_message(NESTED, max_parts=3, max_depth=8) is None
    assert split_message(NESTED, max_parts=50, max_depth=1) is None
    deep = b"Content-Type: multipart/mixed; boundary=b\n\n" + b"--b\n\nx\n" * 6000 + b"--b--\n"
    with pytest.raises(BudgetExceeded):
        parse_bounded(deep, Deadline(60, lambda: 0.0))


@pytest.mark.parametrize("data", [*WELL_FORMED, *DECLINED])
def test_a_mail_reads_the_same_through_either_parser(data: bytes,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def read() -> list[object]:
        return list(read_message(data, "m.eml", lambda: FILE_TIME))

    fast = read()
    monkeypatch.setattr(mail, "split_message", lambda *args, **kwargs: None)
    assert fast == read()


def test_the_text_of_a_nested_part_is_decoded() -> None:
    item = read_message(NESTED, "n.eml", lambda: FILE_TIME)[0]  # then: no id, no date
    assert isinstance(item, Incoming)
    assert item.body == "Grüße"


_LINE = st.text(st.sampled_from("ab -:\t=\xe4"), max_size=12)
_HEADER = st.tuples(st.sampled_from(["Subject", "X-A", "Content-Disposition"]), _LINE,
                    st.lists(_LINE.map(lambda s: " " + s), max_size=2))


@st.composite
def _parts(draw: st.DrawFn, depth: int = 0) -> str:
    headers = "".join(f"{name}: {value}\n" + "".join(f"{c}\n" for c in more)
                      for name, value, more in draw(st.lists(_HEADER, max_size=3)))
    if depth < 3 and draw(st.booleans()):
        boundary = f"bd{depth}" + draw(st.sampled_from(["", "-x", "=="]))
        children = draw(st.lists(_parts(depth + 1), min_size=1, max_size=3))
        ws = draw(st.sampled_from(["", " ", "\t "]))
        close = draw(st.sampled_from([f"--{boundary}--{ws}\n", f"--{boundary}--", ""]))
        preamble = draw(st.sampled_from(["", "pre\n", "pre\n\n"]))
        epilogue = draw(st.sampled_from(["", "epi\n", "\n", f"--{boundary}\n"]))
        body = preamble + "".join(f"--{boundary}{ws}\n{child}\n" for child in children)
        return (f"{headers}Content-Type: multipart/mixed; boundary=\"{boundary}\"\n\n"
                f"{body}{close}{epilogue}")
    body = "\n".join(draw(st.lists(_LINE, max_size=4)))
    return f"{headers}\n{body}"


@settings(max_examples=300, deadline=None)
@given(_parts())
def test_any_split_tree_is_the_standard_one(text: str) -> None:
    data = text.encode("utf-8")
    fast = split(data)
    if fast is not None:
        assert shape(fast) == shape(standard(data))
