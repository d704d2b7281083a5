# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Requests, focus blocks and settings as iCalendar (RFC 5545), both ways, with ``icalendar``.

**Request ↔ VTODO** (``UID`` = request id):

============================  ==========================================================
``SUMMARY``                   subject
``DESCRIPTION``               body, then the links one per line after a blank line
``DUE``                       reply-by (absent while waiting on others)
``PRIORITY``                  urgent 1, high 3, normal 5, low 9; read back as 1–2 urgent,
                              3–4 high, 0 and 5 normal, 6–9 low (todoman's high is 4)
``STATUS`` / ``COMPLETED``    ``NEEDS-ACTION``, or ``COMPLETED`` with the done time
                              (``CANCELLED`` from another client reads as done)
``CATEGORIES``                the channel (``email``, ``chat``, ``tracker``, ``manual``)
``LAST-MODIFIED``             ``modified_at``
``X-UNHURRIED-*``             ``SENDER``, ``SOURCE``, ``EXTERNAL-ID``, ``RECEIVED``,
                              ``STATE`` (``waiting``), ``PAUSES``, ``SNOOZED-UNTIL``,
                              ``LINKS`` (JSON), ``DUE-BY-HAND`` (a deadline set by hand),
                              ``REPLY-BY`` (the ``DUE`` as written, to see another client
                              move it)
============================  ==========================================================

A task written by another client (no ``X-UNHURRIED-*`` properties) becomes a ``manual``
request. When another client moves ``DUE``, the new time becomes a deadline set by hand.
Fields another client cannot express are left out of what is read, so the merge keeps
ours (see :mod:`desktop.core.sync.items`).

**Focus block ↔ VEVENT**: ``DTSTART``/``DTEND``, ``TRANSP:OPAQUE`` (busy), ``CATEGORIES:Focus``,
``X-UNHURRIED-KIND:focus``. Other events in the calendar are not ours and are ignored.

**Settings ↔ VJOURNAL** ``UID:unhurried-settings``: one ``X-UNHURRIED-SET-<KEY>`` property per
setting that decides a reply-by (key ``policy.chat.normal`` as ``POLICY--CHAT--NORMAL``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from icalendar import Calendar, Component, Event, Journal, Todo, vText

from desktop.core.budgets import BudgetExceeded
from desktop.core.i18n import _
from desktop.core.ical_budget import ZONE_HORIZON_YEAR, ExpansionBudget
from desktop.core.requests import Priority, Request, State
from desktop.core.sync.items import Fields, FocusRecord, request_fields, stamp
from desktop.sync.errors import BadItem
from desktop.sync.ical_plain import read_plain

PRODID = "-//Unhurried//Unhurried sync//EN"
SETTINGS_UID = "unhurried-settings"
FOCUS_CATEGORY = "Focus"
MAX_UID = 255
Properties = Mapping[str, object]
"""A component's properties by name: an ``icalendar`` component, or what the plain reader
(:mod:`desktop.sync.ical_plain`) made of one of our own."""
MAX_ITEM_BYTES = 1 * 2**20
"""One task, focus block or settings journal is a few KB; even a task with a long description
and every zone it names stays far below 1 MiB, and nothing bigger is parsed."""

PRIORITY_CODES = {Priority.URGENT: 1, Priority.HIGH: 3, Priority.NORMAL: 5, Priority.LOW: 9}


def priority_of(code: int) -> Priority:
    """The priority of an iCalendar ``PRIORITY`` (0 means undefined: normal)."""
    if 1 <= code <= 2:
        return Priority.URGENT
    if 3 <= code <= 4:
        return Priority.HIGH
    if 6 <= code <= 9:
        return Priority.LOW
    return Priority.NORMAL


@dataclass(frozen=True, slots=True)
class RemoteItem:
    """One item read from the server.

    ``kind`` is ``request``, ``focus``, ``settings`` or ``other`` (not ours: ignored). ``fields``
    may leave out what the writer could not say (see :func:`desktop.core.sync.items.merge`).
    """

    kind: str
    uid: str
    fields: Fields
    modified_at: datetime | None


# -- writing -------------------------------------------------------------------------------------


def _calendar(component: Component) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add_component(component)
    return bytes(cal.to_ical())


def _x(component: Component, name: str, value: str | None) -> None:
    if value is not None:
        component.add(f"x-unhurried-{name}", vText(value))


def request_to_ical(request: Request, now: datetime) -> bytes:
    """The VTODO of ``request``, as a whole iCalendar object."""
    todo = Todo()
    todo.add("uid", request.id)
    todo.add("dtstamp", now)
    todo.add("summary", request.subject)
    description = request.body
    if request.links:
        description = f"{description}\n\n" + "\n".join(request.links)
    if description:
        todo.add("description", description)
    if request.reply_by is not None:
        todo.add("due", request.reply_by)
    todo.add("priority", PRIORITY_CODES[request.priority])
    done = request.state is State.DONE
    todo.add("status", "COMPLETED" if done else "NEEDS-ACTION")
    if done and request.done_at is not None:
        todo.add("completed", request.done_at)
    todo.add("categories", [request.channel.value])
    todo.add("last-modified", request.modified_at)
    fields = request_fields(request)
    _x(todo, "sender", request.sender or None)
    _x(todo, "source", request.source)
    _x(todo, "external-id", request.external_id)
    _x(todo, "received", fields["received_at"])
    _x(todo, "state", request.state.value)
    _x(todo, "pauses", json.dumps(fields["status"][2]) if request.pauses else None)
    _x(todo, "snoozed-until", fields["snoozed_until"])
    _x(todo, "links", json.dumps(list(request.links)) if request.links else None)
    _x(todo, "due-by-hand", fields["due"])
    _x(todo, "reply-by", stamp(request.reply_by))
    return _calendar(todo)


def focus_to_ical(record: FocusRecord, now: datetime) -> bytes:
    """The VEVENT of a focus block: busy time in category Focus."""
    event = Event()
    event.add("uid", record.id)
    event.add("dtstamp", now)
    event.add("summary", record.title or "Focus")
    event.add("dtstart", record.start)
    event.add("dtend", record.end)
    event.add("transp", "OPAQUE")
    event.add("categories", [FOCUS_CATEGORY])
    event.add("last-modified", record.modified_at)
    _x(event, "kind", "focus")
    _x(event, "title", record.title)
    return _calendar(event)


def settings_to_ical(values: dict[str, str], modified_at: datetime, now: datetime) -> bytes:
    """The VJOURNAL that carries the settings a reply-by depends on."""
    journal = Journal()
    journal.add("uid", SETTINGS_UID)
    journal.add("dtstamp", now)
    journal.add("summary", "Unhurried settings")
    journal.add("last-modified", modified_at)
    _x(journal, "kind", "settings")
    for key in sorted(values):
        _x(journal, "set-" + key.replace(".", "--").replace("_", "-"), values[key])
    return _calendar(journal)


# -- reading -------------------------------------------------------------------------------------

_UNESCAPE = re.compile(r"\\([\\,;nN])")


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _UNESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], text)


def _xget(component: Properties, name: str) -> str | None:
    value = component.get(f"X-UNHURRIED-{name.upper()}")
    if value is None:
        return None
    if isinstance(value, list):
        value = value[0]
    if isinstance(value, vText):
        return str(value)
    return _unescape(str(value))


def _utc(value: object, zone: tzinfo) -> datetime | None:
    """A ``DUE``/``COMPLETED``-like value as aware UTC; a date means the end of that day."""
    moment = getattr(value, "dt", value)
    if moment is None:
        return None
    if isinstance(moment, datetime):
        if moment.tzinfo is None:  # floating time: the user's own zone
            moment = moment.replace(tzinfo=zone)
        return moment.astimezone(UTC).replace(microsecond=0)
    if isinstance(moment, date):
        return datetime.combine(moment + timedelta(days=1), time(0), zone).astimezone(UTC)
    raise BadItem(f"not a date or time: {moment!r}")


def parse_item(data: bytes | str, zone: tzinfo = UTC) -> RemoteItem:
    """Read one calendar object from the server.

    Args:
        data: the iCalendar text.
        zone: the user's zone, for floating times and all-day dates.

    Raises:
        BadItem: not iCalendar, no component we know, or a value that cannot be read; the
            message says which.
    """
    _check_budgets(data)
    plain = read_plain(data)  # what this app writes, read quickly; else icalendar
    if plain is not None:
        return _read_plain(*plain, zone)
    return parse_with_icalendar(data, zone)


def parse_with_icalendar(data: bytes | str, zone: tzinfo = UTC) -> RemoteItem:
    """:func:`parse_item` through ``icalendar`` alone, budgets already checked: the reader of
    every object that is not plain, and the reference for the quick one.

    Raises:
        BadItem: as :func:`parse_item`.
    """
    try:
        cal = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError, TypeError) as error:
        raise BadItem(f"malformed iCalendar: {error}") from None
    try:
        for todo in cal.walk("VTODO"):
            return _read_todo(todo, zone)
        for journal in cal.walk("VJOURNAL"):
            if str(journal.get("UID", "")) == SETTINGS_UID:
                return _read_settings(journal, zone)
        for event in cal.walk("VEVENT"):
            return _read_event(event, zone)
    except (ValueError, TypeError, AttributeError, KeyError) as error:
        raise BadItem(f"unreadable value: {error}") from None
    return RemoteItem("other", "", {}, None)


def _read_plain(kind: str, component: Properties, zone: tzinfo) -> RemoteItem:
    """The item of :func:`~desktop.sync.ical_plain.read_plain`'s one component, read by the
    same functions as ``icalendar``'s (so both ways give the same item)."""
    try:
        if kind == "VTODO":
            return _read_todo(component, zone)
        if kind == "VJOURNAL":
            if str(component.get("UID", "")) == SETTINGS_UID:
                return _read_settings(component, zone)
        else:
            return _read_event(component, zone)
    except (ValueError, TypeError, AttributeError, KeyError) as error:
        raise BadItem(f"unreadable value: {error}") from None
    return RemoteItem("other", "", {}, None)


def _check_budgets(data: bytes | str) -> None:
    """Refuse an item too large to be ours, or whose rules (a VTIMEZONE repeating every
    second, say) ``icalendar`` would expand for minutes: it expands zones while parsing.

    Raises:
        BadItem: the item is over a budget; the message names it.
    """
    if len(data) > MAX_ITEM_BYTES:
        raise BadItem(BudgetExceeded(_("bytes in one item"), f"{MAX_ITEM_BYTES:,}").reason())
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    text = re.sub(r"\r?\n[ \t]", "", text)  # RFC 5545 unfolding
    if "RULE" not in text.upper():  # only RRULE and EXRULE lines are priced
        return
    try:
        ExpansionBudget().charge(text.splitlines(), ZONE_HORIZON_YEAR)
    except BudgetExceeded as breach:
        raise BadItem(breach.reason()) from None


def _uid(component: Properties) -> str:
    uid = str(component.get("UID", "")).strip()
    if not uid or len(uid) > MAX_UID or not uid.isprintable():
        raise BadItem("missing or unusable UID")
    return uid


def _read_todo(todo: Properties, zone: tzinfo) -> RemoteItem:
    uid = _uid(todo)
    ours = any(str(k).upper().startswith("X-UNHURRIED-") for k in todo)
    modified = _utc(todo.get("LAST-MODIFIED") or todo.get("DTSTAMP"), zone)
    fields: Fields = {"subject": str(todo.get("SUMMARY", ""))}
    description = str(todo.get("DESCRIPTION", ""))
    links_text = _xget(todo, "links")
    links: list[str] = json.loads(links_text) if links_text else []
    suffix = "\n\n" + "\n".join(links) if links else ""
    if suffix and description.endswith(suffix):
        description = description[: -len(suffix)]
    elif links and description == "\n".join(links):
        description = ""
    fields["body"] = description
    fields["priority"] = priority_of(int(str(todo.get("PRIORITY") or 0))).value
    fields.update(_read_status(todo, zone))
    reply_by = _xget(todo, "reply-by")
    due_by_hand = _xget(todo, "due-by-hand")
    due = _utc(todo.get("DUE"), zone)
    if due is not None and stamp(due) not in (reply_by, due_by_hand):
        fields["due"] = stamp(due)  # another client moved DUE: a deadline by hand
    elif ours or due is None:
        fields["due"] = due_by_hand
    categories = todo.get("CATEGORIES")
    if ours:
        fields["links"] = links
        fields["sender"] = _xget(todo, "sender") or ""
        fields["source"] = _xget(todo, "source") or "manual"
        fields["external_id"] = _xget(todo, "external-id")
        fields["received_at"] = _xget(todo, "received")
        fields["snoozed_until"] = _xget(todo, "snoozed-until")
        cats = _categories(categories)
        fields["channel"] = next((c for c in cats if c in _CHANNELS), "manual")
    elif todo.get("CREATED") is not None:
        fields["received_at"] = stamp(_utc(todo.get("CREATED"), zone))
    return RemoteItem("request", uid, fields, modified)


_CHANNELS = ("email", "chat", "tracker", "manual")


def _categories(value: object) -> list[str]:
    """The words of a ``CATEGORIES`` value: one property, or several as a list."""
    entries = value if isinstance(value, list) else [value]
    return [str(c) for entry in entries if entry is not None for c in getattr(entry, "cats", ())]


def _read_status(todo: Properties, zone: tzinfo) -> Fields:
    status = str(todo.get("STATUS", "NEEDS-ACTION")).upper()
    pauses_text = _xget(todo, "pauses")
    pauses: list[list[str | None]] = json.loads(pauses_text) if pauses_text else []
    if status in ("COMPLETED", "CANCELLED"):
        done_at = stamp(_utc(todo.get("COMPLETED") or todo.get("LAST-MODIFIED")
                             or todo.get("DTSTAMP"), zone))
        if pauses and pauses[-1][1] is None:  # done while waiting: the wait ends then
            pauses[-1] = [pauses[-1][0], done_at]
        return {"status": ["done", done_at, pauses]}
    state = "waiting" if _xget(todo, "state") == "waiting" else "open"
    if state == "open" and pauses and pauses[-1][1] is None:
        pauses[-1] = [pauses[-1][0], stamp(_utc(todo.get("LAST-MODIFIED"), zone))]
    return {"status": [state, None, pauses]}


def _read_event(event: Properties, zone: tzinfo) -> RemoteItem:
    cats = _categories(event.get("CATEGORIES"))
    if _xget(event, "kind") != "focus" and FOCUS_CATEGORY not in cats:
        return RemoteItem("other", str(event.get("UID", "")), {}, None)
    start, end = _utc(event.get("DTSTART"), zone), _utc(event.get("DTEND"), zone)
    if start is None or end is None or end <= start:
        raise BadItem("a focus block needs a start before its end")
    fields: Fields = {"start": stamp(start), "end": stamp(end),
                      "title": _xget(event, "title") or ""}
    return RemoteItem("focus", _uid(event), fields,
                      _utc(event.get("LAST-MODIFIED") or event.get("DTSTAMP"), zone))


def _read_settings(journal: Properties, zone: tzinfo) -> RemoteItem:
    values: Fields = {}
    prefix = "X-UNHURRIED-SET-"
    for name in journal:
        upper = str(name).upper()
        if upper.startswith(prefix):
            key = upper[len(prefix):].lower().replace("--", ".").replace("-", "_")
            values[key] = _xget(journal, upper[len("X-UNHURRIED-"):])
    return RemoteItem("settings", SETTINGS_UID, values,
                      _utc(journal.get("LAST-MODIFIED") or journal.get("DTSTAMP"), zone))

