# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The people requests come from: their addresses and handles, zone, working hours and
preferred channel, each value with where it came from.

Values are learned where the data says so: a Slack profile's ``tz`` is strong, a calendar
attendee's zone is medium, a mail's ``Date:`` offset is a weak hint (an offset is not a zone: it
is kept as a fixed ``Etc/GMT±N`` zone) that never overrides a stronger value. What the user
typed (:attr:`Source.USER`) is never overwritten by anything learned.

The directory is kept local, not synced through CalDAV: CalDAV has no natural home for it
(a vCard/CardDAV collection would be, and Radicale serves one), and syncing it is left for a
later change that adds a CardDAV collection rather than stretching the VTODO mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop.core.calendar import BusinessCalendar
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.ports import Clock
from desktop.core.requests import parse_channel
from desktop.core.working_hours import WorkingHours, parse_working_hours


class Source(Enum):
    """Where a value came from, weakest first."""

    MAIL_DATE = "mail-date"
    CALENDAR = "calendar"
    SLACK = "slack"
    USER = "user"

    @property
    def strength(self) -> int:
        """How much it is trusted: a value is replaced only by one at least as strong."""
        return list(Source).index(self)


FIELDS = ("name", "zone", "hours", "channel")


@dataclass(frozen=True, slots=True)
class Person:
    """One person. ``key`` is their first address, lower-cased; values are ``""`` when unknown.

    Attributes:
        sources: per field of :data:`FIELDS` that has a value, where it came from.
    """

    key: str
    addresses: tuple[str, ...]
    name: str = ""
    zone: str = ""
    hours: str = ""
    channel: str = ""
    sources: tuple[tuple[str, Source], ...] = ()

    def source(self, field: str) -> Source | None:
        """Where ``field``'s value came from (``None``: not known)."""
        return dict(self.sources).get(field)

    @property
    def working_hours(self) -> WorkingHours | None:
        """Their hours, when known."""
        return parse_working_hours(self.hours) if self.hours else None


def normalize_address(text: str) -> str:
    """An address or handle as the directory keys it: ``Ana <ana@x.org>`` is ``ana@x.org``,
    ``Ana (@ana)`` is ``@ana``."""
    value = text.strip()
    for opener, closer in (("<", ">"), ("(", ")")):
        if opener in value and value.endswith(closer):
            value = value[value.rindex(opener) + 1:-1]
            break
    return value.strip().lower()


def display_name(text: str) -> str:
    """The name part of ``Ana Lima <ana@x.org>`` or ``Ana Lima (@ana)`` (``""``: none)."""
    value = text.strip()
    for opener in ("<", "("):
        if opener in value and value.endswith(">" if opener == "<" else ")"):
            return value[:value.rindex(opener)].strip().strip('"')
    return ""


def parse_zone_name(text: str) -> str:
    """Read an IANA zone name.

    Raises:
        InvalidInput: not a zone this system knows.
    """
    value = text.strip()
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(_("Unknown time zone '{zone}'; give an IANA name such as "
                             "America/New_York or Europe/Berlin.").format(zone=text)) from None
    return value


def parse_hours(text: str) -> str:
    """Read a working-hours spec (``mon-fri 09:00-17:00``) and return it as typed.

    Raises:
        InvalidInput: it cannot be read; the message says what is accepted.
    """
    try:
        if parse_working_hours(text).is_empty:
            raise InvalidInput("")
    except InvalidInput:
        raise InvalidInput(_("Could not read the hours '{hours}'; write them as "
                             "'mon-fri 09:00-17:00' (more spans after ';').").format(
            hours=text)) from None
    return text.strip()


def zone_from_offset(offset: timedelta) -> str:
    """A fixed zone for a ``Date:`` header's offset (``-05:00`` is ``Etc/GMT+5``); ``""`` for
    an offset that is not whole hours (no ``Etc`` zone exists for it)."""
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest or not -12 <= hours <= 14:
        return ""
    return "Etc/UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"


def learn(person: Person, field: str, value: str, source: Source) -> Person:
    """``person`` with ``field`` set to ``value`` from ``source``, unless what it has came
    from a stronger source (the user's own edits are never replaced by a learned value)."""
    if not value or field not in FIELDS:
        return person
    current = person.source(field)
    if current is not None and ((current is Source.USER and source is not Source.USER)
                                or current.strength > source.strength):
        return person
    sources = (*((f, s) for f, s in person.sources if f != field), (field, source))
    changes: dict[str, object] = {field: value, "sources": sources}
    return replace(person, **changes)  # type: ignore[arg-type]


def with_address(person: Person, address: str) -> Person:
    """``person`` with one more address or handle (kept once)."""
    key = normalize_address(address)
    if not key or key in person.addresses:
        return person
    return replace(person, addresses=(*person.addresses, key))


@dataclass(frozen=True, slots=True)
class LocalClock:
    """A person's clock at one instant: their wall-clock time and, outside their hours, how
    long until they start (``None`` while they are working)."""

    local: datetime
    starts_in: timedelta | None


def local_clock(person: Person, now: datetime) -> LocalClock | None:
    """Their local time at ``now`` (``None`` when their zone is not known)."""
    if not person.zone:
        return None
    zone = ZoneInfo(person.zone)
    hours = person.working_hours or WorkingHours.office()
    opening = BusinessCalendar(zone, hours).next_opening(now)
    return LocalClock(now.astimezone(zone), None if opening <= now else opening - now)


class PeopleRepository(Protocol):
    """Where people are kept (:mod:`desktop.store.people_repository`)."""

    def find(self, address: str) -> Person | None:
        """The person with this address or handle."""
        ...

    def all(self) -> list[Person]:
        """Everyone."""
        ...

    def save(self, person: Person, now: datetime) -> None:
        """Insert or replace ``person``."""
        ...


class PeopleDirectory:
    """Learning and editing people.

    Args:
        people: where they are kept.
        clock: the source of ``now``.
    """

    def __init__(self, people: PeopleRepository, clock: Clock) -> None:
        self._people = people
        self._clock = clock

    def find(self, address: str) -> Person | None:
        """The person named by ``address`` (an address, a handle or ``Name <address>``)."""
        key = normalize_address(address)
        return self._people.find(key) if key else None

    def all(self) -> list[Person]:
        """Everyone in the directory."""
        return self._people.all()

    def zone_of(self, address: str) -> str | None:
        """Their zone, when known."""
        person = self.find(address)
        return person.zone if person is not None and person.zone else None

    def learn(self, address: str, source: Source, **values: str) -> Person | None:
        """Record what ``source`` says about the sender ``address`` (a name from its display
        part as a weak value); stronger and edited values stay. ``None`` for no address."""
        key = normalize_address(address)
        if not key:
            return None
        person = self._people.find(key) or Person(key, (key,))
        before = person
        given = values.pop("name", "")
        person = learn(person, "name", given or display_name(address), source)
        for field, value in values.items():
            person = learn(person, field, value, source)
        if person != before:
            self._people.save(person, self._clock.now())
        return person

    def edit(self, address: str, *, zone: str | None = None, hours: str | None = None,
             name: str | None = None, channel: str | None = None) -> Person:
        """The user's own values (checked first; they win over anything learned).

        Raises:
            InvalidInput: an unknown zone or unreadable hours; nothing is stored then.
        """
        changes = {"zone": parse_zone_name(zone) if zone is not None else None,
                   "hours": parse_hours(hours) if hours is not None else None,
                   "name": name.strip() if name is not None else None,
                   "channel": parse_channel(channel).value if channel is not None else None}
        key = normalize_address(address)
        if not key:
            raise InvalidInput(_("Give an address or handle, e.g. ana@example.org or @ana."))
        person = self._people.find(key) or Person(key, (key,))
        for field, value in changes.items():
            if value is not None:
                person = learn(person, field, value, Source.USER)
        self._people.save(person, self._clock.now())
        return person
