# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The CalDAV client's HTTP session with a deadline and a size cap on every request (sync layer).

``caldav`` reads each answer whole (``response.content``), so a server that streams a 207
without end grows the process until the kernel kills it, and one that sends a byte every few
seconds never trips the per-read timeout. :class:`BoundedSession` stands in for the client's
``niquests`` session: each request streams its body in small pieces, stops at
:data:`MAX_REPLY_BYTES`, and a :class:`~desktop.platform.deadline.Watchdog` closes the session
when the whole request has taken longer than its deadline.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from desktop.platform.deadline import DeadlinePassed, ReplyTooLarge, Watchdog

if TYPE_CHECKING:
    from niquests import Response, Session

logger = logging.getLogger(__name__)

MAX_REPLY_BYTES = 64 << 20
"""The most one answer may hold. 10,000 ETags in a listing are about 2 MB and a multiget of
200 usual items well under 1 MB; a larger multiget fails alone and its items are read one by
one (each under the item cap), so 64 MiB costs nothing real and stops an endless reply."""
_CHUNK = 16 << 10
"""Bytes read at a time; a gzip bomb can grow one piece about 1000-fold, so keep it small."""


class BoundedSession:
    """A ``niquests.Session`` whose every request has a deadline and a size cap.

    Args:
        session: the session to send through (the caldav client's own).
        deadline: seconds for one request and its whole answer.
        limit: bytes one answer may hold.
    """

    def __init__(self, session: Session, deadline: float, limit: int = MAX_REPLY_BYTES) -> None:
        self._session = session
        self.deadline = deadline
        self.limit = limit

    def request(self, method: str, url: str, **kwargs: Any) -> Response:  # as niquests takes
        """Send one request and read its answer within the deadline and the cap.

        Raises:
            DeadlinePassed: the answer was not complete in time.
            ReplyTooLarge: the answer is larger than the cap.
        """
        kwargs["stream"] = True
        timeout = kwargs.get("timeout")
        if isinstance(timeout, int | float):
            kwargs["timeout"] = min(float(timeout), self.deadline)
        with Watchdog(self.deadline, self._session.close) as watchdog:
            try:
                response = self._session.request(method, url, **kwargs)
                body = self._read(response, watchdog)
            except Exception:
                # a session closed by the deadline fails in many ways: say which it was
                watchdog.check()
                raise
        response._content = body
        response._content_consumed = True
        return response

    def _read(self, response: Response, watchdog: Watchdog) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.limit:
            response.close()
            raise ReplyTooLarge(self.limit)
        parts: list[bytes] = []
        size = 0
        for part in response.iter_content(_CHUNK):
            size += len(part)
            if size > self.limit:
                response.close()
                raise ReplyTooLarge(self.limit)
            watchdog.check()
            parts.append(part)
        return b"".join(parts)

    def close(self) -> None:
        """Close the session."""
        self._session.close()

    def __getattr__(self, name: str) -> object:
        return getattr(self._session, name)


__all__ = ["BoundedSession", "DeadlinePassed", "ReplyTooLarge"]
