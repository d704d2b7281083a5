# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the drafting windows are given: services and ports.

``app.py`` builds one :class:`DraftEnvironment`; the windows never import the store or the
platform. Output formats are not given here: every form of a message is built by
:mod:`desktop.core.drafting.outputs`, the builder the CLI and SMTP use too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from desktop.core.drafting.drafts import DraftService
from desktop.core.drafting.outbox import Busy, Outbox
from desktop.core.drafting.secrets import SecretHit
from desktop.core.working_hours import WorkingHours

from desktop.ui.common.formatting import Formatter

Undo = Callable[[], None]


@dataclass(frozen=True)
class DraftEnvironment:
    """Everything a drafting window needs.

    Attributes:
        drafts: the drafts service.
        outbox: schedules drafts; delivery runs elsewhere (:class:`OutboxRunner`).
        formatter: formats times for the user.
        user_zone: the user's IANA zone (recipient zone when theirs is unknown).
        hours: the user's working-hours shape (send-later reads it in the recipient's zone).
        busy: the user's focus blocks in a span (none until focus storage is wired).
        zones: IANA zone names to offer for the recipient.
        sender: the From address (the SMTP account's, or ``""``).
        account_ready: whether an SMTP account is set up.
        edit_account: shows the SMTP account dialog over a window; returns whether it was saved.
        deliver_soon: asks the outbox runner to look for due drafts now.
        mark_done: marks a request done as a step of the main window's undo stack; returns
            how to undo that step (the field is ``None`` when not available).
        mark_done_on_send: reads the setting; ``set_mark_done_on_send`` stores it.
        mark_done_on_export: ``ask``, ``yes`` or ``no``: whether copying or saving a reply
            marks its request done; ``set_mark_done_on_export`` remembers an answer.
        undo_seconds: how long Send now waits, with an Undo button, before it queues for real.
        hours_of: a recipient's own working hours from the people directory (``None``: not
            known; send-later reads the user's hours in their zone).
        open_url: opens a URL in the desktop's handler (mailto:).
        secret_scanner: finds secrets in a message (run off the GUI thread); ``None`` leaves
            them to the checker's own rules.
        post_place: where a reply to this request is posted: its room's or channel's name
            ("" for a direct message), or ``None`` when it is not a chat request (mail).
    """

    drafts: DraftService
    outbox: Outbox
    formatter: Formatter
    user_zone: Callable[[], str]
    hours: Callable[[], WorkingHours]
    busy: Busy = field(default=lambda _start, _end: [])
    zones: Sequence[str] = ("UTC",)
    sender: Callable[[], str] = lambda: ""
    account_ready: Callable[[], bool] = lambda: False
    edit_account: Callable[[object], bool] | None = None
    deliver_soon: Callable[[], None] = lambda: None
    mark_done: Callable[[str], Undo] | None = None
    mark_done_on_send: Callable[[], bool] = lambda: True
    set_mark_done_on_send: Callable[[bool], None] = lambda _on: None
    mark_done_on_export: Callable[[], str] = lambda: "ask"
    set_mark_done_on_export: Callable[[str], None] = lambda _choice: None
    undo_seconds: Callable[[], int] = lambda: 10
    hours_of: Callable[[str], WorkingHours | None] = lambda _recipient: None
    open_url: Callable[[str], bool] = lambda _url: False
    secret_scanner: Callable[[str], Sequence[SecretHit]] | None = None
    post_place: Callable[[str], str | None] = lambda _request_id: None
