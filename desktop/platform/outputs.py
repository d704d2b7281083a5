# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A drafted message in the forms it leaves the app: Markdown, plain text, ``.eml``, ``mailto:``.

Pure building functions (no files, no clipboard) shared by ``unhurried draft`` and the draft
window. ``.eml`` is an RFC 5322 message in UTF-8 with CRLF line ends, built by the standard
library's ``EmailMessage``, so headers are encoded (RFC 2047) and lines folded correctly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, getaddresses, make_msgid
from urllib.parse import quote

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#<>|])")


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
    """``Subject: …``, a blank line, and the body."""
    title = one_line(subject)
    label = _("Subject:")
    return f"{label} {title}\n\n{body.strip()}\n" if title else f"{body.strip()}\n"


def parse_recipients(text: str | Sequence[str]) -> list[str]:
    """Addresses from ``Ana <ana@example.org>, bo@example.org`` (or a list of such texts).

    Raises:
        InvalidInput: an entry is not an email address.
    """
    texts = [text] if isinstance(text, str) else list(text)
    out = []
    for name, address in getaddresses([t for t in texts if t.strip()]):
        local, at, domain = address.partition("@")
        if not (local and at and "." in domain) or any(c.isspace() for c in address):
            raise InvalidInput(_("'{value}' is not an email address; write it as "
                                 "name@example.org or Ana Lima <ana@example.org>.").format(
                value=", ".join(t.strip() for t in texts)))
        out.append(str(Address(display_name=name, addr_spec=address)))
    return out


def to_eml(subject: str, body: str, to: str | Sequence[str], sender: str, *,
           date: datetime | None = None, message_id: str | None = None,
           in_reply_to: str = "", references: str = "") -> bytes:
    """An RFC 5322 message: UTF-8 body, encoded headers, CRLF line ends.

    Args:
        subject: one line (line breaks are folded into spaces).
        body: the text.
        to: recipients, as text or a list; may be empty for a draft.
        sender: the From address; may be empty for a draft.
        date: the Date header (aware); left out when ``None``.
        message_id: the Message-ID; a new one is made when ``None``.
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
    domain = senders[0].rpartition("@")[2].rstrip(">") if senders else None
    message["Message-ID"] = message_id or make_msgid(domain=domain)
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references or in_reply_to:
        message["References"] = references or in_reply_to
    message.set_content(body.rstrip("\n") + "\n", charset="utf-8")
    return message.as_bytes()


def mailto_link(subject: str, body: str, to: str | Sequence[str] = "") -> str:
    """A ``mailto:`` link (RFC 6068) that opens the mail client with the message filled in."""
    recipients = ",".join(quote(r, safe="@") for r in _bare_addresses(to))
    query = "subject={}&body={}".format(quote(one_line(subject), safe=""),
                                        quote(body.replace("\r\n", "\n").replace("\n", "\r\n"),
                                              safe=""))
    return f"mailto:{recipients}?{query}"


def _bare_addresses(to: str | Sequence[str]) -> list[str]:
    texts = [to] if isinstance(to, str) else list(to)
    return [address for _name, address in getaddresses([t for t in texts if t.strip()])
            if address]
