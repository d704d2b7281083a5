# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A small stand-in for GitHub's notifications API on 127.0.0.1.

It answers with the shapes of GitHub's REST reference, "List notifications for the
authenticated user" and "Mark a thread as done":
https://docs.github.com/en/rest/activity/notifications#list-notifications-for-the-authenticated-user
https://docs.github.com/en/rest/activity/notifications#mark-a-thread-as-done
and the reference's conditional requests, rate limits and authentication pages:
https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api

Paging is by ``Link: <...>; rel="next"``; ``Last-Modified`` and ``X-Poll-Interval`` come with
every list; ``If-Modified-Since`` equal to the last ``Last-Modified`` gets ``304``; a token
other than :attr:`GitHubApi.token` gets ``401 Bad credentials``; :attr:`GitHubApi.limited`
makes the next answer ``403`` (or ``429``) with ``Retry-After``.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

LAST_MODIFIED = "Thu, 26 Nov 2026 09:00:00 GMT"


def thread(thread_id: str, reason: str, title: str, kind: str = "pulls", number: int = 7,
           updated_at: str = "2026-11-25T09:00:00Z", *, unread: bool = True,
           last_read_at: str | None = None, repo: str = "octo/hello",
           host: str = "https://github.com") -> dict[str, Any]:
    """One notification thread as the reference shows it (fields the app does not read
    trimmed)."""
    owner, name = repo.split("/")
    api = "https://api.github.com"
    subject_type = {"pulls": "PullRequest", "issues": "Issue", "commits": "Commit"}[kind]
    return {
        "id": thread_id,
        "repository": {
            "id": 1296269, "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5", "name": name,
            "full_name": repo, "private": False,
            "owner": {"login": owner, "id": 1, "type": "User"},
            "html_url": f"{host}/{repo}", "url": f"{api}/repos/{repo}",
        },
        "subject": {
            "title": title, "url": f"{api}/repos/{repo}/{kind}/{number}",
            "latest_comment_url": f"{api}/repos/{repo}/issues/comments/123",
            "type": subject_type,
        },
        "reason": reason,
        "unread": unread,
        "updated_at": updated_at,
        "last_read_at": last_read_at,
        "url": f"{api}/notifications/threads/{thread_id}",
        "subscription_url": f"{api}/notifications/threads/{thread_id}/subscription",
    }


@dataclass
class GitHubApi:
    """The server's state; tests change it between syncs."""

    token: str = "ghp_" + "a1B2c3D4e5F6g7H8i9J0" * 2
    threads: list[dict[str, Any]] = field(default_factory=list)
    page_size: int = 2
    last_modified: str = LAST_MODIFIED
    poll_interval: int = 60
    limited: tuple[int, int] | None = None
    """(status, Retry-After seconds) for the next request, then cleared."""
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    url: str = ""
    prefix: str = ""
    """The API's path on the server: ``/api/v3`` for GitHub Enterprise."""


class _Handler(BaseHTTPRequestHandler):
    api: GitHubApi

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if not self._allowed():
            return
        parts = urlsplit(self.path)
        if parts.path != self.api.prefix + "/notifications":
            self._json(404, {"message": "Not Found"})
            return
        if self.headers.get("If-Modified-Since") == self.api.last_modified:
            self.send_response(304)
            self.send_header("X-Poll-Interval", str(self.api.poll_interval))
            self.send_header("Last-Modified", self.api.last_modified)
            self.end_headers()
            return
        query = parse_qs(parts.query)
        page = int(query.get("page", ["1"])[0])
        size = self.api.page_size
        items = self.api.threads[(page - 1) * size:page * size]
        links = []
        if page * size < len(self.api.threads):
            links.append(f'<{self.api.url}/notifications?per_page={size}&page={page + 1}>; '
                         'rel="next"')
        last = max(1, -(-len(self.api.threads) // size))
        links.append(f'<{self.api.url}/notifications?per_page={size}&page={last}>; rel="last"')
        self._json(200, items, {"Link": ", ".join(links), "Last-Modified": self.api.last_modified,
                                "X-Poll-Interval": str(self.api.poll_interval)})

    def do_DELETE(self) -> None:
        if not self._allowed():
            return
        prefix = self.api.prefix + "/notifications/threads/"
        if not self.path.startswith(prefix):
            self._json(404, {"message": "Not Found"})
            return
        self.api.done.append(self.path[len(prefix):])
        self.send_response(204)
        self.end_headers()

    def _allowed(self) -> bool:
        self.api.requests.append((self.command, self.path, dict(self.headers.items())))
        if self.api.limited is not None:
            status, seconds = self.api.limited
            self.api.limited = None
            self._json(status, {"message": "API rate limit exceeded", "documentation_url":
                                "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"},
                       {"Retry-After": str(seconds), "X-RateLimit-Remaining": "0"})
            return False
        if self.headers.get("Authorization") != f"Bearer {self.api.token}":
            self._json(401, {"message": "Bad credentials",
                             "documentation_url": "https://docs.github.com/rest",
                             "status": "401"})
            return False
        return True

    def _json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


class GitHubServer:
    """A :class:`GitHubApi` served on 127.0.0.1 (a free port) until :meth:`close`."""

    def __init__(self, api: GitHubApi | None = None, prefix: str = "") -> None:
        self.api = api or GitHubApi()
        self.api.prefix = prefix
        handler = type("Handler", (_Handler,), {"api": self.api})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.api.url = f"http://127.0.0.1:{self._server.server_address[1]}{prefix}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return self.api.url

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
