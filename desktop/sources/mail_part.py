# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A part of a mail split by :mod:`desktop.sources.mime_split`, read as ``Message`` reads it.

Building ``email.message.Message`` objects and asking them for headers was most of the cost of
reading a well-formed mail: every ``get`` lowers every header name, and every content type is
parsed again for each parameter. A :class:`MailPart` keeps the same headers (as
``compat32.header_source_parse`` leaves them) in a dict and answers the calls the mail reader
makes (``get``, ``get_all``, ``get_content_type``, ``get_param``, ``get_filename``,
``get_content_charset``, ``get_payload``, ``walk``) exactly as ``compat32`` would. Only plain
parameter lists are parsed here (``type/subtype; key=value; key="value"``, ASCII, no RFC 2231);
for anything else, and for base64 and uuencoded payloads, the part builds the standard
``Message`` (:meth:`MailPart.as_message`) and asks it.

The rules followed are those of ``email.message.Message`` and ``email.utils`` (CPython 3.11).
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from email import policy
from email.message import Message
from typing import Any

_FETCH = policy.compat32.header_fetch_parse
_TOKEN = r"[A-Za-z0-9!#$%&'+.^_`|~-]+"
_PLAIN_PARAMS = re.compile(
    rf"[ \t\n]*{_TOKEN}/{_TOKEN}[ \t\n]*"
    rf"((?:;[ \t\n]*{_TOKEN}=(?:{_TOKEN}|\"[^\"\\;<>\n]*\")[ \t\n]*)*)"
)
"""A content type with a plain parameter list: no quoted pair, no ``;`` or ``<>`` inside a
value, no ``*`` (RFC 2231) in a name, no space around ``=``. ``_parseparam``,
``decode_params`` and ``_unquotevalue`` give such a parameter its value without quotes."""
_PARAM = re.compile(rf";[ \t\n]*({_TOKEN})=(?:({_TOKEN})|\"([^\"]*)\")")
_UU = ("x-uuencode", "uuencode", "uue", "x-uue")


class MailPart:
    """One part of a split mail: its headers in order, and its payload (the text of a leaf as
    ``str``, as the feed parser keeps it; the child parts of a multipart)."""

    __slots__ = ("_first", "_message", "_params", "_type", "epilogue", "headers", "payload",
                 "preamble")

    def __init__(self, headers: list[tuple[str, str]]) -> None:
        self.headers = headers
        first: dict[str, tuple[str, str]] = {}
        for name, value in reversed(headers):  # the first of each name stays
            first[name.lower()] = (name, value)
        self._first = first
        self.payload: str | list[MailPart] = ""
        self.preamble: str | None = None
        self.epilogue: str | None = None
        self._type = ""
        self._params: list[tuple[str, str]] | None = None
        self._message: Message | None = None

    @property
    def defects(self) -> list[object]:
        """None: the splitter declines every mail the standard parser finds a defect in."""
        return []

    def get(self, name: str, failobj: Any = None) -> Any:
        """The first header called ``name`` (any case), as ``compat32`` returns it."""
        found = self._first.get(name.lower())
        if found is None:
            return failobj
        key, value = found
        return value if value.isascii() else _FETCH(key, value)

    def get_all(self, name: str, failobj: Any = None) -> Any:
        """Every header called ``name``, in order."""
        wanted = name.lower()
        found = [value if value.isascii() else _FETCH(key, value)
                 for key, value in self.headers if key.lower() == wanted]
        return found or failobj

    def is_multipart(self) -> bool:
        """Whether the payload is a list of parts."""
        return isinstance(self.payload, list)

    def walk(self) -> Iterator[MailPart]:
        """This part, then every part inside it, depth first."""
        yield self
        if isinstance(self.payload, list):
            for part in self.payload:
                yield from part.walk()

    def get_content_type(self) -> str:
        """``Message.get_content_type`` (no part here defaults to ``message/rfc822``: the
        splitter declines digests)."""
        if not self._type:
            value = self.get("content-type")
            ctype = "" if value is None else str(value).partition(";")[0].strip().lower()
            self._type = ctype if ctype.count("/") == 1 else "text/plain"
        return self._type

    def get_content_maintype(self) -> str:
        """The type before the slash."""
        return self.get_content_type().split("/")[0]

    def get_content_subtype(self) -> str:
        """The type after the slash."""
        return self.get_content_type().split("/")[1]

    def get_param(self, param: str, failobj: Any = None) -> Any:
        """A parameter of the content type, unquoted (``Message.get_param``)."""
        params = self._plain_params()
        if params is None:
            return self.as_message().get_param(param, failobj)
        wanted = param.lower()
        for key, value in params:
            if key == wanted:
                return value
        return failobj

    def get_boundary(self) -> str | None:
        """``Message.get_boundary``; a plain value has nothing more to unquote."""
        if self._plain_params() is None:
            boundary: str | None = self.as_message().get_boundary()
            return boundary
        value = self.get_param("boundary")
        return None if value is None else str(value).rstrip()

    def get_content_charset(self) -> str | None:
        """``Message.get_content_charset``: a plain charset parameter is ASCII already."""
        if self._plain_params() is None:
            return self.as_message().get_content_charset()
        charset = self.get_param("charset")
        return None if charset is None else str(charset).lower()

    def get_filename(self) -> str | None:
        """``Message.get_filename``: only a header that names a ``filename`` or ``name``
        parameter can give one, and those are left to the standard parser."""
        for header in ("content-disposition", "content-type"):
            value = self.get(header)
            if value is not None and "name" in str(value).lower():
                filename: str | None = self.as_message().get_filename()
                return filename
        return None

    def get_payload(self, decode: bool = False) -> Any:
        """``Message.get_payload``: the text, or with ``decode`` the bytes after the transfer
        encoding (quoted-printable here; base64 and uuencode by the standard parser)."""
        payload = self.payload
        if not decode:
            return self.as_message().get_payload()
        if isinstance(payload, list):
            return None  # as Message: a multipart has nothing to decode
        cte = str(self.get("content-transfer-encoding", "")).lower()
        if cte == "base64" or cte in _UU:
            return self.as_message().get_payload(decode=True)
        # the payload was decoded from bytes with surrogateescape: this gives them back
        raw = payload.encode("ascii", "surrogateescape")
        return quopri.decodestring(raw) if cte == "quoted-printable" else raw

    def as_message(self) -> Message:
        """The standard ``compat32`` message with these headers and payload (built once)."""
        if self._message is None:
            message = Message()
            for name, value in self.headers:
                message.set_raw(name, value)
            if isinstance(self.payload, list):
                for part in self.payload:
                    message.attach(part.as_message())
            else:
                message.set_payload(self.payload)
            message.preamble = self.preamble
            message.epilogue = self.epilogue
            self._message = message
        return self._message

    def _plain_params(self) -> list[tuple[str, str]] | None:
        """The content type's parameters (names in lower case) when the list is plain; an
        empty list without a Content-Type; ``None`` when the standard parser must read it."""
        if self._params is None:
            value = self.get("content-type")
            if value is None:
                self._params = []
            elif not isinstance(value, str) or not (found := _PLAIN_PARAMS.fullmatch(value)):
                return None
            else:
                self._params = [(key.lower(), token or quoted)
                                for key, token, quoted in _PARAM.findall(found[1])]
        return self._params
