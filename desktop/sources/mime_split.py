# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fast path for the standard parser: well-formed mail split into the same message tree.

The standard feed parser reads a mail line by line through generators and compiles a regular
expression for every multipart boundary; that was most of an import's time. Well-formed mail
(LF line ends, headers without defects, every multipart with its boundaries) is split here with
string searches into exactly the tree ``BytesFeedParser(policy=compat32)`` builds: the same
``Message`` objects, headers (``set_raw``, in order), payload strings, preambles and epilogues,
so everything read from it afterwards is unchanged. Anything else (a CR anywhere, a defect the
standard parser would record, ``message/*`` parts, a digest, nesting or part counts over the
budget) returns ``None``, and the standard parser reads that mail as before, defects and all.

The rules followed are those of ``email.feedparser.FeedParser._parsegen`` and
``_parse_headers`` (CPython 3.11), cited where each one applies.
"""

from __future__ import annotations

import re
from email import policy
from email.message import Message

_HEADER_LINE = re.compile(r"^(From |[\041-\071\073-\176]*:|[\t ])")
"""A header or continuation line: ``email.feedparser.headerRE`` (not in the type stubs)."""
_TAIL = re.compile(r"(--)?[ \t]*")
"""What may follow ``--boundary`` on a boundary line (``boundaryre`` in ``_parsegen``)."""
_SOURCE = policy.compat32.header_source_parse


class _Unusual(Exception):
    """The mail needs the standard parser."""


def split_message(data: bytes, *, max_parts: int, max_depth: int) -> Message | None:
    """The message tree of ``data`` as the standard ``compat32`` parser builds it, or ``None``
    when the mail is not plain enough for this path (or over ``max_parts`` / ``max_depth``)."""
    if b"\r" in data:
        return None
    text = data.decode("ascii", "surrogateescape")  # as BytesFeedParser.feed
    splitter = _Splitter(text, max_parts, max_depth)
    try:
        return splitter.part(0, len(text), 0)
    except _Unusual:
        return None


class _Splitter:
    def __init__(self, text: str, max_parts: int, max_depth: int) -> None:
        self.text = text
        self.parts = 0
        self.max_parts = max_parts
        self.max_depth = max_depth

    def part(self, start: int, end: int, depth: int) -> Message:
        """The part in ``text[start:end]``, with ``depth`` parts open around it."""
        self.parts += 1
        if self.parts > self.max_parts or depth >= self.max_depth:
            raise _Unusual  # the standard parser names the breached budget
        message = Message()
        body = self._headers(message, start, end)
        maintype = message.get_content_maintype()
        if maintype == "message":  # delivery-status and rfc822 nest messages: not here
            raise _Unusual
        # a part inside a multipart loses the newline before the next boundary, which belongs
        # to the boundary (RFC 2046): from its payload, or from the epilogue of a multipart
        if maintype == "multipart":
            self._multipart(message, body, end, depth)
            if depth and message.epilogue == "":
                message.epilogue = None
            elif depth and message.epilogue is not None and message.epilogue.endswith("\n"):
                message.epilogue = message.epilogue[:-1]
        else:
            payload = self.text[body:end]
            message.set_payload(payload[:-1] if depth and payload.endswith("\n") else payload)
        return message

    def _headers(self, message: Message, pos: int, end: int) -> int:
        """Set the headers found from ``pos``; return where the body starts."""
        text = self.text
        lines: list[str] = []
        while pos < end:
            newline = text.find("\n", pos, end)
            stop = end if newline < 0 else newline + 1
            line = text[pos:stop]
            if line == "\n":  # the separator, thrown away
                pos = stop
                break
            if not _HEADER_LINE.match(line):
                raise _Unusual  # MissingHeaderBodySeparatorDefect
            if line[0] in " \t":
                if not lines:
                    raise _Unusual  # FirstHeaderLineIsContinuationDefect
                lines[-1] += line
            elif line.startswith("From ") or line.find(":") == 0:
                raise _Unusual  # unix-from or misplaced envelope; InvalidHeaderDefect
            else:
                lines.append(line)
            pos = stop
        for source in lines:
            message.set_raw(*_SOURCE([source]))
        return pos

    def _multipart(self, message: Message, pos: int, end: int, depth: int) -> None:
        boundary = message.get_boundary()
        if boundary is None:
            raise _Unusual  # NoBoundaryInMultipartDefect
        encoding = message.get("content-transfer-encoding", "8bit")
        if str(encoding).lower() not in ("7bit", "8bit", "binary"):
            raise _Unusual  # InvalidMultipartContentTransferEncodingDefect
        if message.get_content_type() == "multipart/digest":
            raise _Unusual  # its parts default to message/rfc822
        separator = "--" + boundary
        first = self._boundary(separator, pos, end)
        if first is None or first[2]:
            raise _Unusual  # StartBoundaryNotFoundDefect
        line_start, line_end, _close = first
        if line_start > pos:  # the newline before a boundary belongs to the boundary
            preamble = self.text[pos:line_start]
            message.preamble = preamble[:-1] if preamble.endswith("\n") else preamble
        while True:
            following = self._boundary(separator, line_end, end)
            if following is None:
                raise _Unusual  # CloseBoundaryNotFoundDefect
            if following[0] == line_end:
                raise _Unusual  # repeated boundary lines: the parser swallows them
            message.attach(self.part(line_end, following[0], depth + 1))
            line_start, line_end, close = following
            if close:
                break
        # after the close boundary: the epilogue ('' when the boundary line ended the text)
        message.epilogue = self.text[line_end:end]

    def _boundary(self, separator: str, pos: int, end: int) -> tuple[int, int, bool] | None:
        """The next boundary line from ``pos``: (its start, the start of the next line,
        whether it closes the multipart)."""
        text = self.text
        while True:
            found = text.find(separator, pos, end)
            if found < 0:
                return None
            newline = text.find("\n", found, end)
            stop = end if newline < 0 else newline
            if found == 0 or text[found - 1] == "\n":
                tail = _TAIL.fullmatch(text, found + len(separator), stop)
                if tail is not None:
                    return found, (stop + 1 if newline >= 0 else end), tail.group(1) is not None
            pos = found + 1
