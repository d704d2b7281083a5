# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The detail pane: one request shown as plain text, with its links clickable."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.core.i18n import _
from desktop.core.people import Person, local_clock
from desktop.core.queue.buckets import Bucket
from desktop.core.queue.history import describe
from desktop.core.queue.service import QueueService
from desktop.core.requests import Request, State

from desktop.ui.common.formatting import Formatter, plain_html
from desktop.ui.queue.model import time_left_text

if TYPE_CHECKING:
    from desktop.ui.sync.history import History


class DetailPane(QTextBrowser):
    """Shows the selected request. External text is escaped: markup in a message stays text.

    ``history`` (set by the sync's wiring) gives the values syncs overwrote in a request; they
    are listed under "Sync history" when there are any. ``person`` (the people directory's
    lookup) adds the sender's local time now; ``reply_scheduled`` (the outbox's) when a queued
    reply goes out.
    """

    def __init__(self, queue: QueueService, formatter: Formatter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._queue = queue
        self._fmt = formatter
        self.history: History | None = None
        self.person: Callable[[str], Person | None] | None = None
        self.reply_scheduled: Callable[[str], datetime | None] | None = None
        self.setOpenExternalLinks(True)
        self.setObjectName("detailPane")
        self.setAccessibleName(_("Request details"))
        self.setAccessibleDescription(_("The selected request: sender, reply-by and message."))
        self.show_request(None)

    def show_request(self, request: Request | None, bucket: Bucket | None = None) -> None:
        """Show ``request``, or a hint when nothing is selected."""
        if request is None:
            hint = html.escape(_("Select a request to read it."))
            self.setHtml(f"<p style='color:gray'>{hint}</p>")
            return
        rows = [(_("From"), plain_html(request.sender or "—")), *self._their_time(request),
                (_("Channel"), html.escape(_(request.channel.label))),
                (_("Priority"), html.escape(_(request.priority.label))),
                (_("Received"), html.escape(self._fmt.full(request.received_at)))]
        if request.reply_by is not None and request.state is not State.WAITING:
            rows.append((_("Reply by"), html.escape(_("{moment} ({relative})").format(
                moment=self._fmt.full(request.reply_by),
                relative=time_left_text(self._queue, self._fmt, request, self._queue.now())))))
        else:
            left = self._queue.clockwork(request).remaining
            rows.append((_("Reply by"), html.escape(
                _("paused while waiting on others; {time} of business time left").format(
                    time=self._fmt.duration(left)))))
        if request.follow_up_at is not None:
            rows.append((_("Follow up"), html.escape(self._fmt.full(request.follow_up_at))))
        if request.due is not None:
            rows.append((_("Deadline"), html.escape(_("set by hand"))))
        scheduled = self.reply_scheduled(request.id) if self.reply_scheduled else None
        if scheduled is not None:
            rows.append((_("Reply scheduled"), html.escape(_(
                "goes out {moment}; the request closes once it is delivered").format(
                moment=self._fmt.full(scheduled)))))
        if request.snoozed_until is not None and request.is_snoozed(self._queue.now()):
            rows.append((_("Snoozed until"), html.escape(self._fmt.full(request.snoozed_until))))
        if bucket is not None:
            rows.append((_("Group"), html.escape(_(bucket.label))))
        table = "".join(
            f"<tr><td style='color:gray;padding-right:12px'>{html.escape(label)}</td>"
            f"<td>{value}</td></tr>" for label, value in rows)
        links = "".join(f"<li>{plain_html(link)}</li>" for link in request.links)
        body = plain_html(request.body) or html.escape(_("(no text)"))
        heading = html.escape(_("Links"))
        self.setHtml(
            f"<h3>{plain_html(request.subject)}</h3><table>{table}</table><hr><p>{body}</p>"
            + (f"<p><b>{heading}</b></p><ul>{links}</ul>" if links else "")
            + self._events_html(request.id)
            + self._history_html(request.id)
        )

    def _their_time(self, request: Request) -> list[tuple[str, str]]:
        """"Ana — 07:40 in New York, starts in 1h 20m", when the sender's zone is known."""
        person = self.person(request.sender) if self.person and request.sender else None
        clock = local_clock(person, self._queue.now()) if person is not None else None
        if person is None or clock is None:
            return []
        place = person.zone.rpartition("/")[2].replace("_", " ")
        local = format_time_in(clock.local, self._fmt)
        if clock.starts_in is None:
            text = _("{name} — {time} in {place}, working").format(
                name=person.name or person.key, time=local, place=place)
        else:
            text = _("{name} — {time} in {place}, starts in {wait}").format(
                name=person.name or person.key, time=local, place=place,
                wait=self._fmt.duration(clock.starts_in))
        return [(_("Their time"), html.escape(text))]

    def _events_html(self, request_id: str) -> str:
        """What happened to the request by itself (an answer resumed its clock)."""
        entries = self._queue.history(request_id)
        if not entries:
            return ""
        items = "".join(f"<li>{html.escape(self._fmt.full(e.at))}: {plain_html(describe(e))}</li>"
                        for e in entries)
        heading = html.escape(_("History"))
        return f"<p><b>{heading}</b></p><ul>{items}</ul>"

    def _history_html(self, request_id: str) -> str:
        if self.history is None:
            return ""
        from desktop.ui.sync.history import history_lines  # for a synced queue only

        lines = history_lines(self.history(request_id), self._fmt)
        if not lines:
            return ""
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        heading = html.escape(_("Sync history"))
        return f"<p><b>{heading}</b></p><ul>{items}</ul>"


def format_time_in(local: datetime, formatter: Formatter) -> str:
    """The time of day of ``local`` on its own clock, in the formatter's locale."""
    from babel.dates import format_time  # the locale library, as the formatter uses it

    return format_time(local, "short", tzinfo=local.tzinfo, locale=formatter.locale)
