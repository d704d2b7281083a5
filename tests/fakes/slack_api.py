# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A small stand-in for the Slack Web API on 127.0.0.1.

Each method answers with the shape of its page in Slack's reference:
https://api.slack.com/methods/auth.test
https://api.slack.com/methods/conversations.list
https://api.slack.com/methods/conversations.history
https://api.slack.com/methods/conversations.replies
https://api.slack.com/methods/search.messages
https://api.slack.com/methods/users.info
and the paging and rate-limit pages:
https://api.slack.com/docs/pagination (``response_metadata.next_cursor``, ``limit``)
https://api.slack.com/docs/rate-limits (``429 Too Many Requests`` with ``Retry-After``).
A token other than :attr:`SlackApi.token` gets ``{"ok": false, "error": "invalid_auth"}``; a
deleted thread parent is a ``tombstone`` message, as ``conversations.replies`` shows it.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

ME = "U0ME"
TEAM_URL = "https://acme.slack.com/"


def msg(user: str, ts: str, text: str, thread_ts: str | None = None, **extra: Any) -> dict:
    """A message as ``conversations.history`` lists it."""
    data: dict[str, Any] = {"type": "message", "user": user, "text": text, "ts": ts, **extra}
    if thread_ts:
        data["thread_ts"] = thread_ts
    return data


def tombstone(ts: str) -> dict:
    """A deleted thread parent, as ``conversations.replies`` returns it."""
    return {"type": "message", "subtype": "tombstone", "text": "This message was deleted.",
            "user": "USLACKBOT", "hidden": True, "ts": ts, "thread_ts": ts}


@dataclass
class SlackApi:
    """The workspace's state; tests change it between syncs."""

    token: str = "xoxp-" + "1234567890-0987654321-abcdefABCDEF1234567890"
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    conversations: list[dict[str, Any]] = field(default_factory=list)
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Channel id to its messages (any order; served newest first)."""
    threads: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    """(channel, thread ts) to the thread's messages, parent first."""
    channel_names: dict[str, str] = field(default_factory=dict)
    page_size: int = 2
    limited: dict[str, int] = field(default_factory=dict)
    """Method to Retry-After seconds: its next call answers 429 once."""
    calls: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    posted: list[dict[str, str]] = field(default_factory=list)
    """The forms of the accepted ``chat.postMessage`` calls."""
    refuse_posts: str = ""
    """An error code every ``chat.postMessage`` answers with (``""``: accept)."""


def _after(ts: str, oldest: str) -> bool:
    return float(ts) > float(oldest or 0)


class _Handler(BaseHTTPRequestHandler):
    api: SlackApi

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        method = self.path.rsplit("/", 1)[-1]
        self.api.calls.append((method, form))
        if method in self.api.limited:
            seconds = self.api.limited.pop(method)
            self._send(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(seconds)})
            return
        if self.headers.get("Authorization") != f"Bearer {self.api.token}":
            self._send(200, {"ok": False, "error": "invalid_auth"})
            return
        handler = getattr(self, "m_" + method.replace(".", "_"), None)
        if handler is None:
            self._send(200, {"ok": False, "error": "unknown_method"})
            return
        self._send(200, {"ok": True, **handler(form)})  # an "ok": False in it wins

    def m_chat_postMessage(self, form: dict[str, str]) -> dict[str, Any]:
        if self.api.refuse_posts:
            return {"ok": False, "error": self.api.refuse_posts}
        self.api.posted.append(form)
        return {"ts": f"{len(self.api.posted)}.000001", "channel": form.get("channel")}

    def m_auth_test(self, form: dict[str, str]) -> dict[str, Any]:
        return {"url": TEAM_URL, "team": "Acme", "user": "me", "team_id": "T0ACME",
                "user_id": ME}

    def m_conversations_list(self, form: dict[str, str]) -> dict[str, Any]:
        types = set(form.get("types", "public_channel").split(","))
        items = [c for c in self.api.conversations
                 if ("im" in types and c.get("is_im")) or ("mpim" in types and c.get("is_mpim"))]
        return self._page(items, form, "channels")

    def m_conversations_history(self, form: dict[str, str]) -> dict[str, Any]:
        if form["channel"] not in self.api.history:
            return {"ok": False, "error": "channel_not_found"}
        items = sorted((m for m in self.api.history[form["channel"]]
                        if _after(m["ts"], form.get("oldest", "0"))),
                       key=lambda m: float(m["ts"]), reverse=True)
        return self._page(items, form, "messages")

    def m_conversations_replies(self, form: dict[str, str]) -> dict[str, Any]:
        key = (form["channel"], form["ts"])
        if key not in self.api.threads:
            return {"ok": False, "error": "thread_not_found"}
        parent, *rest = self.api.threads[key]
        items = [parent, *(m for m in rest if _after(m["ts"], form.get("oldest", "0")))]
        return self._page(items, form, "messages")

    def m_search_messages(self, form: dict[str, str]) -> dict[str, Any]:
        query = form["query"]
        matches = []
        for (channel, thread_ts), messages in self.api.threads.items():
            for message in messages:
                hit = (f"<@{ME}>" in message.get("text", "") if query == f"<@{ME}>"
                       else message.get("user") == ME)
                if hit and message.get("subtype") != "tombstone":
                    link = f"{TEAM_URL}archives/{channel}/p{message['ts'].replace('.', '')}"
                    if message["ts"] != thread_ts:
                        link += f"?thread_ts={thread_ts}&cid={channel}"
                    matches.append({"iid": "x", "team": "T0ACME", "type": "message",
                                    "user": message["user"], "text": message["text"],
                                    "ts": message["ts"], "permalink": link,
                                    "channel": {"id": channel, "is_im": False, "is_mpim": False,
                                                "name": self.api.channel_names.get(channel, "")}})
        matches.sort(key=lambda m: float(m["ts"]), reverse=True)
        return {"query": query, "messages": {"matches": matches, "total": len(matches),
                                             "paging": {"count": 100, "page": 1, "pages": 1}}}

    def m_users_info(self, form: dict[str, str]) -> dict[str, Any]:
        user = self.api.users.get(form["user"])
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"user": {"id": form["user"], "name": user["name"], "tz": user.get("tz", ""),
                         "tz_offset": 0, "real_name": user["real_name"],
                         "profile": {"real_name": user["real_name"],
                                     "display_name": user["name"]}}}

    def _page(self, items: list[Any], form: dict[str, str], key: str) -> dict[str, Any]:
        start = int(form.get("cursor") or 0)
        size = min(int(form.get("limit") or 100), self.api.page_size)
        page = items[start:start + size]
        more = start + size < len(items)
        return {key: page, "has_more": more,
                "response_metadata": {"next_cursor": str(start + size) if more else ""}}

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        if body.get("ok") is True and body.get("error"):  # a handler's own error answer
            body = {"ok": False, "error": body["error"]}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


class SlackServer:
    """A :class:`SlackApi` served on 127.0.0.1 until :meth:`close`."""

    def __init__(self, api: SlackApi | None = None) -> None:
        self.api = api or SlackApi()
        handler = type("Handler", (_Handler,), {"api": self.api})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/api"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
