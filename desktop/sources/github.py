# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""GitHub notifications over the REST API, with plain ``urllib``.

One :func:`poll` reads every page of the user's notification threads (``Link: rel="next"``),
sending ``If-Modified-Since`` with the ``Last-Modified`` of the previous poll, so an unchanged
inbox costs one ``304 Not Modified``; GitHub's ``X-Poll-Interval`` says when to ask next.
GitHub Enterprise Server works with its API base (``https://HOST/api/v3``). Plain ``urllib``
rather than githubkit or PyGithub: only two calls are used, and they need the raw ``304`` and
the response headers (``Last-Modified``, ``X-Poll-Interval``, ``Link``, ``Retry-After``), which
the standard library hands over as they are, with no new dependency.

The token goes only into the ``Authorization`` header of requests to the API's own host; it is
never part of an error message or a log line.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

from desktop.core.i18n import _
from desktop.core.importing.github_notifications import (
    NotificationThread,
    next_page,
    parse_thread,
    poll_interval,
    retry_after,
)
from desktop.core.importing.items import Problem

logger = logging.getLogger(__name__)

MAX_PAGES = 40
PER_PAGE = 50
TIMEOUT = 30.0
_API_VERSION = "2022-11-28"

Open = Callable[[urllib.request.Request, float], Any]


class Headers(Protocol):
    """A response's headers (``email.message.Message``), as read here."""

    def get(self, name: str, /) -> str | None: ...
"""Opens a request with a timeout (``urllib.request.urlopen``; tests keep the default)."""


class GitHubError(Exception):
    """The server could not be reached, refused the token, or answered off the reference.

    Attributes:
        message: one line for the user.
        reached: whether the server answered at all.
        refused: the server refused the token (revoked, expired, lacking a scope).
    """

    def __init__(self, message: str, *, reached: bool, refused: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.reached = reached
        self.refused = refused


class RateLimited(GitHubError):
    """GitHub asked to wait (``403``/``429`` with ``Retry-After``, or no requests left)."""

    def __init__(self, message: str, seconds: int) -> None:
        super().__init__(message, reached=True)
        self.seconds = seconds


@dataclass(slots=True)
class Poll:
    """What one poll read."""

    threads: list[NotificationThread | Problem] = field(default_factory=list)
    last_modified: str | None = None
    interval: int = 60
    """Seconds GitHub asks to wait before the next poll."""
    not_modified: bool = False


def poll(api: str, token: str, last_modified: str | None = None, *, since: str = "",
         opener: Open | None = None) -> Poll:
    """Every notification thread of the token's user updated after ``since`` (ISO 8601),
    read ones too (``all=true``), so a thread read on GitHub comes back as read.

    Raises:
        RateLimited: GitHub asked to wait; nothing was read.
        GitHubError: the server cannot be reached, refused the token, or answered off the
            reference.
    """
    result = Poll()
    query = f"all=true&per_page={PER_PAGE}" + (f"&since={since}" if since else "")
    url: str | None = f"{api.rstrip('/')}/notifications?{query}"
    pages = 0
    while url is not None and pages < MAX_PAGES:
        headers = {"If-Modified-Since": last_modified} if last_modified and not pages else {}
        status, response_headers, body = _call("GET", url, api, token, headers, opener)
        pages += 1
        if not pages - 1:
            result.interval = poll_interval(response_headers.get("X-Poll-Interval"))
            result.last_modified = response_headers.get("Last-Modified") or last_modified
        if status == 304:
            result.not_modified = True
            return result
        if not isinstance(body, list):
            raise GitHubError(_("GitHub answered with something that is not a list of "
                                "notifications."), reached=True)
        for data in body:
            thread = parse_thread(data)
            if thread is not None:
                result.threads.append(thread)
        url = next_page(response_headers.get("Link"))
    return result


def mark_done(api: str, token: str, thread_id: str, *, opener: Open | None = None) -> None:
    """Mark a notification thread done on GitHub (``DELETE /notifications/threads/ID``).

    Raises:
        GitHubError: as for :func:`poll`.
    """
    if not thread_id.isdigit():
        raise GitHubError(_("'{id}' is not a GitHub thread id.").format(id=thread_id),
                          reached=False)
    _call("DELETE", f"{api.rstrip('/')}/notifications/threads/{thread_id}", api, token, {},
          opener)


def _call(method: str, url: str, api: str, token: str, headers: dict[str, str],
          opener: Open | None) -> tuple[int, Headers, Any]:
    """(status, headers, parsed JSON body or None) of one request."""
    if urlsplit(url).netloc != urlsplit(api).netloc or urlsplit(url).scheme not in (
            "https", "http"):
        raise GitHubError(_("GitHub pointed to another server ({host}); stopped there.").format(
            host=urlsplit(url).netloc), reached=True)
    request = urllib.request.Request(url, method=method, headers={
        "Accept": "application/vnd.github+json", "X-GitHub-Api-Version": _API_VERSION,
        "User-Agent": "Unhurried", "Authorization": f"Bearer {token}", **headers})
    open_url = opener or (lambda r, t: urllib.request.urlopen(r, timeout=t))
    host = urlsplit(api).netloc
    try:
        with open_url(request, TIMEOUT) as response:
            data = response.read()
            status, response_headers = response.status, response.headers
    except urllib.error.HTTPError as error:
        with error:
            return _refusal(error, host)
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        reason = getattr(error, "reason", error)
        raise GitHubError(_("GitHub at {host} cannot be reached: {reason}").format(
            host=host, reason=getattr(reason, "strerror", None) or reason), reached=False) from None
    try:
        return status, response_headers, json.loads(data) if data.strip() else None
    except ValueError:
        raise GitHubError(_("GitHub at {host} answered with something that is not JSON.")
                          .format(host=host), reached=True) from None


def _refusal(error: urllib.error.HTTPError, host: str) -> tuple[int, Headers, None]:
    """A ``304`` as an answer; every other error status as the exception it means."""
    headers = error.headers
    if error.code == 304:
        return 304, headers, None
    if error.code in (403, 429) and (headers.get("Retry-After") or
                                     headers.get("X-RateLimit-Remaining") == "0"):
        seconds = retry_after(headers.get("Retry-After"))
        raise RateLimited(_("GitHub asks to wait {seconds} s before the next sync.").format(
            seconds=seconds), seconds)
    if error.code in (401, 403):
        logger.info("GitHub refused the token: HTTP %s", error.code)
        raise GitHubError(_("GitHub at {host} refused the token (HTTP {status}); it may be "
                            "revoked or lack the notifications scope. Set a new one with: "
                            "unhurried account github set --token-stdin").format(
            host=host, status=error.code), reached=True, refused=True)
    raise GitHubError(_("GitHub at {host} answered HTTP {status}.").format(
        host=host, status=error.code), reached=True)
