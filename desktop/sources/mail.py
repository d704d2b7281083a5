# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""One mail message to one incoming request, whatever state the message is in.

Parsed with the tolerant ``compat32`` policy; every header and part is decoded by hand with
fallbacks, so a broken message still becomes a request with what could be read, plus a
:class:`~desktop.core.importing.items.Problem` per defect. Nothing remote is ever fetched: HTML
parts are turned into plain text here.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email import policy
from email.feedparser import BytesFeedParser
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

from desktop.core.budgets import BudgetExceeded, Deadline
from desktop.core.i18n import _
from desktop.core.importing.items import Incoming, Problem, plausible
from desktop.core.people import Source, zone_from_offset
from desktop.core.requests import Channel, Priority
from desktop.sources.html_text import html_to_text
from desktop.sources.mail_part import MailPart
from desktop.sources.mime_split import split_message

SOURCE = "mail"
_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?]")
_YEAR = re.compile(r"\b\d{1,2}\s+[A-Za-z]{3,}\s+(\d+)\b")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MAX_LINKS = 20
_MAX_BODY = 200_000
_TRACKER_HEADERS = ("X-GitHub-Reason", "X-GitLab-Project", "X-JIRA-FingerPrint")
_TRACKER_LISTS = ("github", "gitlab", "jira", "project", "tracker", "issues")
_CHAT_LISTS = ("chat", "slack", "teams", "mattermost", "zulip")

MAX_MESSAGE_BYTES = 64 * 2**20
"""Providers cap a mail at 25-50 MB of attachments, which base64 makes a third larger; 64 MiB
keeps every real mail and bounds the parser's memory (about 3 times the input) per worker."""
MAX_MIME_DEPTH = 32
"""Real mail nests 3 to 6 levels (mixed > alternative > related, plus 2 per forwarded message).
The standard parser recurses about 3 frames a level, so 32 stays far from Python's limit of
1,000 frames, where a 60 KB mail nested 1,000 deep raised RecursionError."""
MAX_MIME_PARTS = 5_000
"""A mail with hundreds of attachments is rare; 5,000 parts parse in well under a second, while
a few MB of empty parts would otherwise be millions of objects."""
MAX_PARSE_SECONDS = 10.0
"""A 64 MiB mail parses in about 3 s on the 2-core reference machine; 10 s is the worst a
single mail may cost an import, checked after every chunk fed to the parser."""
MAX_HTML_CHARS = 20 * _MAX_BODY
"""HTML turned into text per part. Only the first 200,000 characters of text are kept, and
markup is rarely ten times its text; converting all of a 22 MB HTML part took 8 s."""
_FEED_CHUNK = 64 * 1024
"""Bytes fed to the parser between two time checks (a few ms of parsing)."""
_SENDERS_KEPT = 4096
"""From fields remembered with the sender read from them: an archive has far fewer senders
than mails (2,000 in 20,000), and parsing an address list is a tenth of reading a mail."""

Parsed = Message | MailPart
"""A mail as the standard parser or the fast split left it; both answer the same calls."""


def read_message(data: bytes, where: str, file_time: Callable[[], datetime]) -> list[
        Incoming | Problem]:
    """The request in one message, and a problem for each thing that had to be guessed.

    ``file_time`` gives the time to use when neither Date nor Received can be read.
    """
    problems: list[Incoming | Problem] = []

    def problem(reason: str) -> None:
        problems.append(Problem(where, reason))

    if not data.strip():
        return [Problem(where, _("The file is empty."))]
    try:
        message = parse_bounded(data, Deadline(MAX_PARSE_SECONDS, time.monotonic))
    except BudgetExceeded as breach:
        return [Problem(where, breach.reason())]
    message_id = _header(message, "Message-ID").strip()
    if not message_id:
        # The same message from a Maildir file and from an mbox must get the same id.
        normalized = data.replace(b"\r\n", b"\n").rstrip(b"\n")
        message_id = "sha256:" + hashlib.sha256(normalized).hexdigest()
        problem(_("No Message-ID; an id was made from the message's content."))
    sent, zone = _sent_time(message)
    received = sent
    if received is None:
        received = _received_time(message) or file_time()
        problem(_("The date could not be read; the time it was received was used."))
    channel = _channel(message)
    sender = _sender(message, channel)
    body, links = _body(message, problem)
    subject = _clean(_header(message, "Subject")).strip()
    if not subject and not body.strip():
        problem(_("The message has neither a subject nor any text."))
    item = Incoming(
        source=SOURCE,
        external_id=message_id,
        subject=subject[:500] or _("(no subject)"),
        sender=sender,
        received_at=received,
        body=body,
        links=links,
        channel=channel,
        priority=_priority(message),
        replies_to=_thread(message),
        sender_zone=zone,
        zone_source=Source.MAIL_DATE.value if zone else "",
    )
    return [item, *problems]


def parse_bounded(data: bytes, deadline: Deadline) -> Parsed:
    """``data`` parsed as one message (``compat32``), within the size, depth, part and time
    budgets.

    Raises:
        BudgetExceeded: the message is over one of the limits (the limit is named).
    """
    if len(data) > MAX_MESSAGE_BYTES:
        raise too_large()
    split = split_message(data, max_parts=MAX_MIME_PARTS, max_depth=MAX_MIME_DEPTH)
    if split is not None:  # well-formed mail: the same tree, several times faster
        deadline.check()
        return split
    parser = _BoundedParser()
    for start in range(0, len(data), _FEED_CHUNK):
        parser.feed(data[start:start + _FEED_CHUNK])
        deadline.check()
    return parser.close()


def too_large() -> BudgetExceeded:
    """The breach of :data:`MAX_MESSAGE_BYTES`."""
    return BudgetExceeded(_("size of a mail"), _("{mib} MiB").format(
        mib=MAX_MESSAGE_BYTES // 2**20))


class _BoundedParser(BytesFeedParser):
    """The standard feed parser, counting the parts it opens and how deep they nest.

    ``_new_message`` and ``_msgstack`` (the parts open around the new one) are CPython's own
    since Python 2.4; the parser offers no public hook for either.
    """

    def __init__(self) -> None:
        super().__init__(policy=policy.compat32)
        self.parts = 0

    def _new_message(self) -> None:
        self.parts += 1
        if self.parts > MAX_MIME_PARTS:
            raise BudgetExceeded(_("parts in a mail"), MAX_MIME_PARTS)
        if len(self._msgstack) >= MAX_MIME_DEPTH:  # type: ignore[attr-defined]
            raise BudgetExceeded(_("MIME nesting depth"), MAX_MIME_DEPTH)
        super()._new_message()  # type: ignore[misc]


# -- headers -----------------------------------------------------------------------------------


def _header(message: Parsed, name: str) -> str:
    """A header as text: RFC 2047 words decoded, unknown charsets and raw 8-bit tolerated."""
    raw = message.get(name)
    if raw is None:
        return ""
    return _decoded(str(raw) if not isinstance(raw, str) else raw)


def _decoded(text: str) -> str:
    """:func:`_header` of a header's text."""
    if "=?" not in text:  # no encoded word: decode_header returns the text as it is
        return _clean(re.sub(r"\s*\n\s*", " ", text) if "\n" in text else text)
    try:
        parts = decode_header(text)
    except (ValueError, LookupError, AssertionError):
        return _clean(text)
    decoded = []
    for chunk, charset in parts:
        if isinstance(chunk, str):
            decoded.append(chunk)
        else:
            decoded.append(_decode(chunk, charset))
    joined = "".join(decoded)
    return _clean(re.sub(r"\s*\n\s*", " ", joined))


def _thread(message: Parsed) -> tuple[str, ...]:
    """Message-IDs this one answers: In-Reply-To first, then References, newest first."""
    found = re.findall(r"<[^<>\s]+>", _header(message, "In-Reply-To"))
    found += reversed(re.findall(r"<[^<>\s]+>", _header(message, "References")))
    return tuple(dict.fromkeys(found))


def _sent_time(message: Parsed) -> tuple[datetime | None, str]:
    """When the Date header says the mail was sent, and its offset as a fixed zone: a weak
    hint at where the sender is (``-0000`` means the offset is unknown, and gives none)."""
    written = _written_time(_header(message, "Date"))
    sent = _in_utc(written)
    if sent is None or written is None:
        return None, ""
    offset = written.utcoffset()
    return sent, "" if offset is None else zone_from_offset(offset)


def _received_time(message: Parsed) -> datetime | None:
    for received in message.get_all("Received") or []:
        stamp = str(received).rpartition(";")[2].strip()
        found = _in_utc(_written_time(stamp))
        if found is not None:
            return found
    return None


def _written_time(text: str) -> datetime | None:
    """The time in ``text`` as written (naive for ``-0000``), if it can be a real one."""
    if not text.strip():
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    written = _YEAR.search(text)
    if written and len(written[1]) > 2 and int(written[1]) != moment.year:
        return None  # only a two-digit year means 19xx/20xx: "0000" is no year, not 2000
    return moment


def _in_utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # "-0000": the sender did not know its zone; read as UTC
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return moment if plausible(moment) else None


def _sender(message: Parsed, channel: Channel) -> str:
    raw = message.get("X-Original-From") if channel is not Channel.EMAIL else None
    if raw is None or not _decoded(str(raw)):
        raw = message.get("From")
    if isinstance(raw, str):
        return _sender_of(raw)
    return _address(_decoded(str(raw)) if raw is not None else "")


@lru_cache(maxsize=_SENDERS_KEPT)
def _sender_of(raw: str) -> str:
    """:func:`_address` of a From field as written (the same field gives the same sender)."""
    return _address(_decoded(raw))


def _address(field: str) -> str:
    """The first address of ``field`` as ``Name <address>``, or what there is of it."""
    addresses = [(n, a) for n, a in getaddresses([field]) if a or n]
    if not addresses:
        return field.strip()
    name, address = addresses[0]
    if name and address:
        return f"{name} <{address}>"
    return name or address


def _channel(message: Parsed) -> Channel:
    if any(message.get(h) is not None for h in _TRACKER_HEADERS):
        return Channel.TRACKER
    listed = _header(message, "List-Id").lower()
    if any(word in listed for word in _TRACKER_LISTS):
        return Channel.TRACKER
    if any(word in listed for word in _CHAT_LISTS):
        return Channel.CHAT
    return Channel.EMAIL


def _priority(message: Parsed) -> Priority:
    importance = _header(message, "Importance").lower()
    flag = _header(message, "X-Priority").strip()[:1]
    if importance == "high" or flag in ("1", "2"):
        return Priority.HIGH
    if importance == "low" or flag in ("4", "5"):
        return Priority.LOW
    return Priority.NORMAL


# -- body --------------------------------------------------------------------------------------


def _body(message: Parsed, problem: Callable[[str], None]) -> tuple[str, tuple[str, ...]]:
    """Plain text of the message (the plain part if there is one, else HTML turned into text)
    and the links in it."""
    plain: list[str] = []
    html: list[str] = []
    for part in _text_parts(message, problem):
        kind, text = part
        (plain if kind == "plain" else html).append(text)
    hrefs: list[str] = []
    if plain:
        body = "\n\n".join(plain)
    elif html:
        converted = [html_to_text(h[:MAX_HTML_CHARS]) for h in html]
        body = "\n\n".join(text for text, _links in converted)
        hrefs = [link for _text, links in converted for link in links]
    else:
        body = ""
    body = _clean(body.replace("\r\n", "\n"))[:_MAX_BODY]
    links = list(dict.fromkeys([*hrefs, *_URL.findall(body)]))
    return body, tuple(links[:_MAX_LINKS])


def _text_parts(message: Parsed, problem: Callable[[str], None]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if message.defects:
        names = sorted({type(d).__name__ for d in message.defects})
        problem(_("The message's structure is broken ({defects}); read what could be read.")
                .format(defects=", ".join(names)))
    parts: list[Parsed]
    try:
        parts = list(message.walk())
    except (TypeError, AttributeError):  # an unterminated multipart can leave a str payload
        parts = [message]
    for part in parts:
        if part.is_multipart() or part.get_content_maintype() != "text":
            continue
        if part.get_filename() or (part.get("Content-Disposition") or "").startswith("attach"):
            continue
        subtype = part.get_content_subtype()
        if subtype not in ("plain", "html"):
            continue
        try:
            decoded = part.get_payload(decode=True)
        except (ValueError, TypeError, AssertionError):
            decoded = None
        if isinstance(decoded, bytes):
            payload = decoded
        else:
            raw = part.get_payload()
            payload = raw.encode("utf-8", "replace") if isinstance(raw, str) else b""
        charset = part.get_content_charset()
        found.append((subtype, _decode(payload, charset, problem)))
    return found


def _decode(data: bytes, charset: str | None,
            problem: Callable[[str], None] | None = None) -> str:
    """Bytes to text: the declared charset, else UTF-8, else Windows-1252 (never fails)."""
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, ValueError):  # ValueError: a charset name with a NUL in it
            if problem is not None:
                problem(_("The text is not in its declared charset '{charset}'; it was read "
                          "as UTF-8 or Windows-1252.").format(charset=charset))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)
