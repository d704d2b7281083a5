# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Slack Web API with a user token from the user's own internal Slack app, over ``urllib``.

Every call is a form ``POST`` to ``API/METHOD`` with the token in the ``Authorization`` header
(never in the address, so it is in no log). Slack answers ``{"ok": false, "error": ...}`` for
failures; ``invalid_auth``, ``token_revoked`` and the like mean the token is refused. ``429``
carries ``Retry-After``: the client waits that long (through the injected ``sleep``, which a
cancel interrupts) and asks again; a wait longer than ``max_wait`` stops the sync instead.
Paging follows ``response_metadata.next_cursor``.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode, urlsplit

from desktop.core.i18n import _

TIMEOUT = 30.0
MAX_PAGES = 200
_REFUSED = {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
            "missing_scope", "no_permission", "not_allowed_token_type"}

Open = Callable[[urllib.request.Request, float], Any]


class SlackError(Exception):
    """Slack could not be reached, refused the token, or answered with an error.

    Attributes:
        message: one line for the user.
        reached: whether Slack answered at all.
        refused: the token was refused (revoked, expired, a scope missing).
        code: Slack's error code ("" when there is none).
    """

    def __init__(self, message: str, *, reached: bool, refused: bool = False,
                 code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.reached = reached
        self.refused = refused
        self.code = code


class Cancelled(Exception):
    """The user cancelled while the client waited."""


class SlackClient:
    """Calls to one workspace's Web API.

    Args:
        api: the API base, ``https://slack.com/api``.
        token: the user token (``xoxp-...``).
        sleep: waits the given seconds (tests pass a fake; the window one that a cancel
            interrupts).
        cancelled: whether the user cancelled (checked before each wait).
        max_wait: the longest ``Retry-After`` waited out; a longer one stops with an error.
    """

    def __init__(self, api: str, token: str, *, sleep: Callable[[float], None] = time.sleep,
                 cancelled: Callable[[], bool] = lambda: False, max_wait: int = 60,
                 opener: Open | None = None) -> None:
        self._api = api.rstrip("/")
        self._token = token
        self._sleep = sleep
        self._cancelled = cancelled
        self._max_wait = max_wait
        self._open = opener or (lambda r, t: urllib.request.urlopen(r, timeout=t))
        self.calls = 0
        self.waited = 0.0

    @property
    def host(self) -> str:
        return urlsplit(self._api).netloc

    def call(self, method: str, **params: str | int) -> dict[str, Any]:
        """One method's answer (``ok`` was true).

        Raises:
            SlackError: see the class; Cancelled: cancelled during a wait.
        """
        for _attempt in range(6):
            answer, wait = self._once(method, params)
            if answer is not None:
                return answer
            if wait > self._max_wait:
                raise SlackError(_("Slack asks to wait {seconds} s before the next sync.")
                                 .format(seconds=wait), reached=True, code="ratelimited")
            if self._cancelled():
                raise Cancelled
            self._sleep(wait)
            self.waited += wait
        raise SlackError(_("Slack kept asking to wait; try again later."), reached=True,
                         code="ratelimited")

    def pages(self, method: str, **params: str | int) -> Iterator[dict[str, Any]]:
        """Every page of a cursor-paged method."""
        cursor = ""
        for _page in range(MAX_PAGES):
            answer = self.call(method, **params, **({"cursor": cursor} if cursor else {}))
            yield answer
            meta = answer.get("response_metadata")
            cursor = str(meta.get("next_cursor") or "") if isinstance(meta, dict) else ""
            if not cursor:
                return

    def _once(self, method: str, params: dict[str, str | int]) -> tuple[dict[str, Any] | None,
                                                                         int]:
        request = urllib.request.Request(
            f"{self._api}/{method}", data=urlencode(params).encode(), method="POST",
            headers={"Authorization": f"Bearer {self._token}", "User-Agent": "Unhurried",
                     "Content-Type": "application/x-www-form-urlencoded"})
        self.calls += 1
        try:
            with self._open(request, TIMEOUT) as response:
                data = response.read()
        except urllib.error.HTTPError as error:
            with error:
                if error.code == 429:
                    return None, _seconds(error.headers.get("Retry-After"))
                raise SlackError(_("Slack at {host} answered HTTP {status}.").format(
                    host=self.host, status=error.code), reached=True,
                    refused=error.code in (401, 403)) from None
        except (urllib.error.URLError, OSError, TimeoutError) as error:
            reason = getattr(error, "reason", error)
            raise SlackError(_("Slack at {host} cannot be reached: {reason}").format(
                host=self.host, reason=getattr(reason, "strerror", None) or reason),
                reached=False) from None
        try:
            answer = json.loads(data)
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            raise SlackError(_("Slack at {host} answered with something that is not JSON.")
                             .format(host=self.host), reached=True)
        if answer.get("ok") is True:
            return answer, 0
        code = str(answer.get("error") or "unknown_error")
        if code == "ratelimited":
            return None, 30
        if code in _REFUSED:
            raise SlackError(_("Slack refused the token ({code}); it may be revoked or lack a "
                               "scope. Set a new one with: unhurried account slack set "
                               "--token-stdin").format(code=code), reached=True, refused=True,
                             code=code)
        raise SlackError(_("Slack answered {method} with the error {code}.").format(
            method=method, code=code), reached=True, code=code)


def _seconds(value: str | None) -> int:
    try:
        return max(1, int(str(value).strip()))
    except ValueError:
        return 30
