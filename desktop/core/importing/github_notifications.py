# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""GitHub notification threads as tracker requests (pure: JSON in, items out).

Shapes follow GitHub's REST reference, "List notifications for the authenticated user"
(https://docs.github.com/en/rest/activity/notifications#list-notifications-for-the-authenticated-user).
A thread becomes a request when its ``reason`` says the user is asked for something: a review
request, a mention, an assignment, or a comment on a thread they take part in. Its external id is
the thread id, so new activity on a thread already in the queue counts as an update, not a new
request; a thread that comes back read (``unread: false``, read after its last activity) says
the user dealt with it on GitHub and closes the request.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.core.i18n import N_, _
from desktop.core.importing.items import Incoming, Problem, plausible
from desktop.core.requests import Channel, Priority

SOURCE = "github"
DEFAULT_API = "https://api.github.com"
REASONS: Mapping[str, str] = {
    "review_requested": N_("review requested"),
    "mention": N_("mentioned"),
    "team_mention": N_("team mentioned"),
    "assign": N_("assigned"),
    "comment": N_("comment"),
    "author": N_("comment on your thread"),
}
"""The reasons that make a request, with the words shown for them."""
_PRIORITY = {"review_requested": Priority.HIGH, "assign": Priority.HIGH}
_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="?([^";]+)"?')
_HTML_KIND = {"pulls": "pull", "issues": "issues", "commits": "commit", "releases": "releases",
              "discussions": "discussions"}


@dataclass(frozen=True, slots=True)
class NotificationThread:
    """What one notification thread says, as far as the queue cares."""

    item: Incoming
    read: bool
    """Read on GitHub after its last activity: the user dealt with it there."""


def parse_thread(data: Any) -> NotificationThread | Problem | None:
    """The request of one notification, ``None`` for a reason that asks nothing of the user
    (subscribed, CI activity, ...), or a problem when it is not the documented shape."""
    try:
        reason = str(data["reason"])
        thread_id = str(data["id"])
        subject = data["subject"]
        repository = data["repository"]
        updated = _time(str(data["updated_at"]))
        if not isinstance(subject, dict) or not isinstance(repository, dict):
            raise TypeError(thread_id)
    except (KeyError, TypeError, ValueError):
        where = data.get("id", "?") if isinstance(data, dict) else "?"
        return Problem(f"github:{where}", _("The notification is not in GitHub's format."))
    if reason not in REASONS:
        return None
    repo = str(repository.get("full_name") or "")
    title = " ".join(str(subject.get("title") or "").split()) or _("(no subject)")
    link = html_link(str(subject.get("url") or ""), str(repository.get("html_url") or ""))
    body = _("{reason} in {repository}").format(reason=_(REASONS[reason]), repository=repo)
    last_read = data.get("last_read_at")
    read = data.get("unread") is False and bool(last_read) and _read_after(str(last_read),
                                                                           updated)
    item = Incoming(
        source=SOURCE, external_id=thread_id, subject=title, sender=repo, received_at=updated,
        body=body + (f"\n{link}" if link else ""), links=(link,) if link else (),
        channel=Channel.TRACKER, priority=_PRIORITY.get(reason, Priority.NORMAL))
    return NotificationThread(item, read)


def html_link(api_url: str, repo_html: str) -> str:
    """The web page of a thread's subject: ``.../repos/o/r/pulls/7`` becomes
    ``https://github.com/o/r/pull/7`` (on the repository's own host, so Enterprise works)."""
    match = re.search(r"/repos/[^/]+/[^/]+/(pulls|issues|commits|releases|discussions)/([^/?#]+)$",
                      api_url)
    if not repo_html.startswith(("https://", "http://")):
        return ""
    if match is None:
        return repo_html
    return f"{repo_html.rstrip('/')}/{_HTML_KIND[match.group(1)]}/{match.group(2)}"


def next_page(link_header: str | None) -> str | None:
    """The ``rel="next"`` address of a ``Link`` header, if any."""
    for url, rel in _LINK.findall(link_header or ""):
        if "next" in rel.split():
            return str(url)
    return None


def poll_interval(value: str | None, default: int = 60) -> int:
    """Seconds GitHub asks to wait between polls (``X-Poll-Interval``), at least 1."""
    try:
        return max(1, int(value or default))
    except ValueError:
        return default


def retry_after(value: str | None, default: int = 60) -> int:
    """Seconds to wait from a ``Retry-After`` header in seconds (a date counts as the default)."""
    try:
        return max(1, int(str(value).strip()))
    except ValueError:
        return default




def _time(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None or not plausible(moment):
        raise ValueError(text)
    return moment


def _read_after(text: str, updated: datetime) -> bool:
    try:
        return _time(text) >= updated
    except ValueError:
        return False
