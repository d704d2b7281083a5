# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fast path for the standard parser: well-formed mail split into the same message tree.

The standard feed parser reads a mail line by line through generators and compiles a regular
expression for every multipart boundary; that was most of an import's time. Well-formed mail
(LF line ends, headers without defects, every multipart with its boundaries) is split here with
string searches into exactly the tree ``BytesFeedParser(policy=compat32)`` builds: the same
headers (in order), payload strings, preambles and epilogues, held in
:class:`~desktop.sources.mail_part.MailPart` objects that answer as the standard ``Message``
would (and build it on demand: ``as_message``), so everything read from it is unchanged.
Anything else (a CR anywhere, a defect the
standard parser would record, ``message/*`` parts, a digest, nesting or part counts over the
budget) returns ``None``, and the standard parser reads that mail as before, defects and all.

The rules followed are those of ``email.feedparser.FeedParser._parsegen`` and
``_parse_headers`` (CPython 3.11), cited where each one applies.
"""

from __future__ import annotations

import re

from desktop.sources.mail_part import MailPart

_NAME = r"[\041-\071\073-\176]+"
_HEADER_BLOCK = re.compile(rf"(?:{_NAME}:[^\n]*\n(?:[\t ][^\n]*\n)*)*")
"""Header lines, each with its continuation lines: ``email.feedparser.headerRE`` for each line
(not in the type stubs), less the lines it lets through and ``_parse_headers`` then treats as
defects or envelopes: a continuation first, ``From `` and an empty name."""
_FIELD = re.compile(rf"({_NAME}):[ \t]*([^\n]*(?:\n[\t ][^\n]*)*)\n")
"""One header: its name and its value as ``header_source_parse`` leaves it (blanks before the
value and the final newline removed, continuation lines kept)."""
_TAIL = re.compile(r"(--)?[ \t]*")
"""What may follow ``--boundary`` on a boundary line (``boundaryre`` in ``_parsegen``)."""


class _Unusual(Exception):
    """The mail needs the standard parser."""


def split_message(data: bytes, *, max_parts: int, max_depth: int) -> MailPart | None:
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

    def part(self, start: int, end: int, depth: int) -> MailPart:
        """The part in ``text[start:end]``, with ``depth`` parts open around it."""
        self.parts += 1
        if self.parts > self.max_parts or depth >= self.max_depth:
            raise _Unusual  # the standard parser names the breached budget
        headers, body = self._headers(start, end)
        message = MailPart(headers)
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
            message.payload = payload[:-1] if depth and payload.endswith("\n") else payload
        return message

    def _headers(self, pos: int, end: int) -> tuple[list[tuple[str, str]], int]:
        """The headers found from ``pos`` (name and value as ``compat32.header_source_parse``
        gives them), and where the body starts (after the empty line, thrown away)."""
        text = self.text
        if pos < end and text[pos] == "\n":
            return [], pos + 1
        blank = text.find("\n\n", pos, end)
        body = end if blank < 0 else blank + 2
        block = text[pos:body - 1 if blank >= 0 else end]
        if block and not block.endswith("\n"):
            block += "\n"  # the last line of a part that is all headers; never in a value
        # Every line a header or the continuation of one. Else: a line that is neither
        # (MissingHeaderBodySeparatorDefect), a continuation first
        # (FirstHeaderLineIsContinuationDefect), a unix-from or misplaced envelope ("From "),
        # or a line starting with ":" (InvalidHeaderDefect).
        if not _HEADER_BLOCK.fullmatch(block):
            raise _Unusual
        return _FIELD.findall(block), body

    def _multipart(self, message: MailPart, pos: int, end: int, depth: int) -> None:
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
        children: list[MailPart] = []
        while True:
            following = self._boundary(separator, line_end, end)
            if following is None:
                raise _Unusual  # CloseBoundaryNotFoundDefect
            if following[0] == line_end:
                raise _Unusual  # repeated boundary lines: the parser swallows them
            children.append(self.part(line_end, following[0], depth + 1))
            line_start, line_end, close = following
            if close:
                break
        message.payload = children
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
