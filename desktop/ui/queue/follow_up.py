# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Asking when to follow up on a request the user starts waiting on.

The question is prefilled with the policy's default (``follow_up_after`` from now) and reads
what is typed with the command line's parser (:func:`desktop.core.when.parse_when`), so
``thu 9am`` or ``in 3 days`` mean the same in the window as after ``wait --follow-up``.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.queue.service import QueueService


def ask_follow_up(parent: QWidget, queue: QueueService) -> datetime | None:
    """When to follow up if no answer comes, or ``None`` when the user cancels. A time that
    cannot be read, or is not in the future, is explained and asked again."""
    from desktop.core.when import parse_when  # its patterns compile on first use

    zone = ZoneInfo(queue.settings.timezone)
    text = queue.default_follow_up().astimezone(zone).strftime("%Y-%m-%d %H:%M")
    while True:
        text, ok = QInputDialog.getText(
            parent, _("Waiting on others"),
            _("Follow up when, if no answer came? (e.g. thu 9am, in 3 days)"), text=text)
        if not ok:
            return None
        try:
            now = queue.now()
            at = parse_when(text, now, zone, calendar=queue.calendar)
            if at <= now:
                raise InvalidInput(_("A follow-up must be in the future."))
        except InvalidInput as error:
            QMessageBox.warning(parent, _("Waiting on others"), error.message)
            continue
        return at
