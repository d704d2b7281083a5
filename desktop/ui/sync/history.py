# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The "Sync history" of a request as lines of text: each value a sync overwrote, which copy
it came from and when, so nothing a merge dropped is lost from the user's sight."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from desktop.core.i18n import N_, _
from desktop.core.requests import Channel, Priority, State
from desktop.core.sync.items import HistoryEntry, Side, unstamp

from desktop.ui.common.formatting import Formatter, plain

History = Callable[[str], Sequence[HistoryEntry]]
"""A request id to the values syncs overwrote in it, newest first."""

MAX_VALUE_CHARS = 200
"""A longer lost value (a body) is cut here; the whole value stays in the store."""

_FIELD_LABELS = {
    "subject": N_("Subject"), "sender": N_("From"), "body": N_("Text"), "links": N_("Links"),
    "channel": N_("Channel"), "priority": N_("Priority"), "status": N_("Status"),
    "snoozed_until": N_("Snoozed until"), "due": N_("Deadline"), "source": N_("Source"),
    "external_id": N_("External id"), "received_at": N_("Received"), "deleted": N_("Deleted"),
}
_STATE_LABELS = {State.OPEN: N_("open"), State.WAITING: N_("waiting"), State.DONE: N_("done")}
_TIME_FIELDS = frozenset({"snoozed_until", "due", "received_at"})


def history_lines(entries: Sequence[HistoryEntry], fmt: Formatter) -> list[str]:
    """One line of plain text per overwritten value, in the order given."""
    lines = []
    for entry in entries:
        side = _("this device") if entry.lost_side is Side.LOCAL else _("the server")
        lines.append(_("{field}: “{value}” from {side} was replaced on {when}").format(
            field=_(_FIELD_LABELS.get(entry.field, entry.field)),
            value=value_text(entry.field, entry.lost, fmt), side=side,
            when=fmt.full(entry.at)))
    return lines


def value_text(field: str, value: object, fmt: Formatter) -> str:
    """A synced field's value as the user reads it (one line, never markup)."""
    text = _value_text(field, value, fmt)
    shown = plain(text)
    return shown if len(shown) <= MAX_VALUE_CHARS else shown[:MAX_VALUE_CHARS] + "\u2026"


def _value_text(field: str, value: object, fmt: Formatter) -> str:
    if value is None or value == "" or value == []:
        return _("(none)")
    if field == "deleted":
        return _("deleted") if value else _("not deleted")
    if field in _TIME_FIELDS and isinstance(value, str):
        moment = _time(value)
        return fmt.full(moment) if moment is not None else value
    if field == "priority":
        return _label(Priority, value)
    if field == "channel":
        return _label(Channel, value)
    if field == "status" and isinstance(value, list) and value:
        try:
            return _(_STATE_LABELS[State(value[0])])
        except ValueError:
            return str(value[0])
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _label(enum: type[Priority] | type[Channel], value: object) -> str:
    try:
        return _(enum(value).label)
    except ValueError:
        return str(value)


def _time(text: str) -> datetime | None:
    try:
        return unstamp(text)
    except ValueError:
        return None
