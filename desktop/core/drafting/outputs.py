# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A drafted message in every form it leaves the app: plain text, Markdown, ``.eml``, ``mailto:``.

This is the one builder: the drafting window (clipboard, Save as .eml, Open in mail app), the
compose dialog's Copy, ``unhurried draft`` and the SMTP transport all call these functions, so
the same draft gives the same bytes wherever it is made. The clipboard carries the plain text
or Markdown form unchanged.

Pure functions: no files, no clipboard, no clock. The ``Date`` and ``Message-ID`` of an
``.eml`` are given by the caller. ``.eml`` is an RFC 5322 message in UTF-8 with CRLF line ends,
built by the standard library's ``EmailMessage`` under the SMTP policy, so headers are encoded
(RFC 2047) and lines folded correctly; a line break in the subject is folded into a space (it
could otherwise add a header).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, getaddresses
from enum import StrEnum
from urllib.parse import quote

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#<>|])")

Recipients = str | Sequence[str]
"""``Ana <ana@example.org>, bo@example.org``, or a list of such texts."""


class TextFormat(StrEnum):
    """The text forms of a message (the clipboard carries one of them)."""

    TXT = "txt"
    MD = "md"


def one_line(text: str) -> str:
    """``text`` with line breaks and runs of space folded into single spaces."""
    return " ".join(text.split())


def to_markdown(subject: str, body: str) -> str:
    """The subject as a bold first line (Markdown special characters escaped), then the body.

    The body is left as written: its ``-`` bullets and numbered lists already are Markdown.
    """
    title = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(subject))
    return f"**{title}**\n\n{body.strip()}\n" if title else f"{body.strip()}\n"


def to_plain(subject: str, body: str) -> str:
    """``Subject: …``, a blank line, and the body.

    The label keeps the subject from reading as the first line of the body once pasted.
    """
    title = one_line(subject)
    label = _("Subject:")
    return f"{label} {title}\n\n{body.strip()}\n" if title else f"{body.strip()}\n"


def to_text(form: TextFormat, subject: str, body: str) -> str:
    """The message in ``form`` (what the clipboard gets and ``unhurried draft`` prints)."""
    return to_markdown(subject, body) if form is TextFormat.MD else to_plain(subject, body)


def parse_recipients(text: Recipients) -> list[str]:
    """Addresses from ``Ana <ana@example.org>, bo@example.org`` (or a list of such texts).

    Raises:
        InvalidInput: an entry is not an email address.
    """
    texts = [text] if isinstance(text, str) else list(text)
    out = []
    for name, address in getaddresses([t for t in texts if t.strip()]):
        local, at, domain = address.partition("@")
        if not (local and at and domain) or any(c.isspace() for c in address):
            raise InvalidInput(_("'{value}' is not an email address; write it as "
                                 "name@example.org or Ana Lima <ana@example.org>.").format(
                value=", ".join(t.strip() for t in texts)))
        out.append(str(Address(display_name=name, addr_spec=address)))
    return out


def bare_addresses(to: Recipients) -> list[str]:
    """Only the addresses of a To line (``Ann <ann@x.org>, bob@y.org`` → two addresses)."""
    texts = [to] if isinstance(to, str) else list(to)
    return [address for _name, address in getaddresses([t for t in texts if t.strip()])
            if "@" in address]


def message_id(draft_id: str, sender: str) -> str:
    """The ``Message-ID`` of a draft: the same for every try and every saved copy."""
    domain = sender.rpartition("@")[2].strip(" >") or "unhurried.invalid"
    return f"<{draft_id}@{domain}>"


def build_message(subject: str, body: str, to: Recipients, sender: str, *,
                  message_id: str, date: datetime | None = None, in_reply_to: str = "",
                  references: str = "") -> EmailMessage:
    """The RFC 5322 message: From, To, Subject, Date, Message-ID, the thread headers of a
    reply (In-Reply-To, References) and a UTF-8 body.

    Args:
        subject: one line (line breaks are folded into spaces).
        body: the text.
        to: recipients, as text or a list; may be empty for a draft.
        sender: the From address; may be empty for a draft.
        message_id: the Message-ID (see :func:`message_id`).
        date: the Date header (aware); left out when ``None``.
        in_reply_to: the Message-ID of the mail this replies to (``""``: not a reply).
        references: the thread's Message-IDs (``""``: ``in_reply_to`` alone).

    Raises:
        InvalidInput: a recipient or the sender is not an email address.
    """
    message = EmailMessage(policy=SMTP)
    recipients = parse_recipients(to)
    senders = parse_recipients(sender)
    if senders:
        message["From"] = senders[0]
    if recipients:
        message["To"] = ", ".join(recipients)
    message["Subject"] = one_line(subject)
    if date is not None:
        message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references or in_reply_to:
        message["References"] = references or in_reply_to
    message.set_content(body.rstrip("\n") + "\n", charset="utf-8")
    return message


def to_eml(subject: str, body: str, to: Recipients, sender: str, *, message_id: str,
           date: datetime | None = None, in_reply_to: str = "",
           references: str = "") -> bytes:
    """The bytes of an ``.eml`` file: :func:`build_message` as SMTP would send it.

    Raises:
        InvalidInput: a recipient or the sender is not an email address.
    """
    return build_message(subject, body, to, sender, message_id=message_id, date=date,
                         in_reply_to=in_reply_to, references=references).as_bytes()


def mailto_link(subject: str, body: str, to: Recipients = "") -> str:
    """A ``mailto:`` link (RFC 6068) that opens the mail client with the message filled in.

    RFC 6068 allows only bare addresses before the ``?``: display names are left out.
    """
    recipients = ",".join(quote(r, safe="@") for r in bare_addresses(to))
    crlf = body.replace("\r\n", "\n").replace("\n", "\r\n")  # RFC 6068 line breaks
    query = "subject={}&body={}".format(quote(one_line(subject), safe=""),
                                        quote(crlf, safe=""))
    return f"mailto:{recipients}?{query}"
