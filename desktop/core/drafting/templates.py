# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Message templates: typed fields, the front matter that declares them, and reading values.

A template file is a Jinja2 body that starts with a TOML *front matter* inside a Jinja comment,
so the whole file stays a valid template whose line numbers are the file's own::

    {#---
    title = "Decision proposal"
    subject = "Decision needed: {{ topic }}"
    [[fields]]
    name = "topic"
    type = "text"
    label = "Topic"
    required = true
    ---#}
    Body text with {{ topic }} ...

This module is pure: it parses the front matter (stdlib ``tomllib``) and reads field values
from text (the CLI's ``--field NAME=VALUE``) or from the form's typed widgets. Rendering lives in
the platform layer. Every value error is an ``InvalidInput`` whose message says what is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from zoneinfo import ZoneInfo

from desktop.core.errors import CoreError, InvalidInput
from desktop.core.i18n import N_, _
from desktop.core.settings import parse_zone
from desktop.core.when import parse_when


class FieldKind(Enum):
    """What a field holds; the form picks a widget per kind."""

    TEXT = "text"
    MULTILINE = "multiline"
    LIST = "list"
    LINK = "link"
    PERSON = "person"
    DATETIME = "datetime"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    SECTION = "section"

    @property
    def accepted(self) -> str:
        """Untranslated sentence fragment saying what a value of this kind looks like."""
        return _ACCEPTED[self]


_ACCEPTED = {
    FieldKind.TEXT: N_("a line of text"),
    FieldKind.MULTILINE: N_("text, several lines allowed"),
    FieldKind.LIST: N_("items, one per line (repeat --field to add more)"),
    FieldKind.LINK: N_("a full link such as https://example.org/doc"),
    FieldKind.PERSON: N_("a name, @handle or address, e.g. Ana Lima <ana@example.org>"),
    FieldKind.DATETIME: N_("a date and time, then a time zone, e.g. 2026-11-27 17:00 "
                           "Europe/Berlin or 'fri 17:00 UTC'"),
    FieldKind.CHOICE: N_("one of the choices"),
    FieldKind.MULTICHOICE: N_("choices separated by commas"),
    FieldKind.SECTION: N_("yes or no"),
}

@dataclass(frozen=True, slots=True)
class Moment:
    """An instant and the time zone it is meant in (usually the recipient's)."""

    at: datetime
    zone: str

    @property
    def local(self) -> datetime:
        """The instant as wall-clock time in :attr:`zone`."""
        return self.at.astimezone(ZoneInfo(self.zone))

    def __str__(self) -> str:
        return f"{self.local:%Y-%m-%d %H:%M} {self.zone}"


Value = str | bool | tuple[str | dict[str, str], ...] | Moment | None
"""A read value: ``str`` (text kinds), ``bool`` (section), ``Moment`` or ``None`` (date-time),
``tuple[str, ...]`` (multi-choice, list) or ``tuple[dict[str, str], ...]`` (list with parts)."""


@dataclass(frozen=True, slots=True)
class Field:
    """One input of a template.

    ``section`` names the optional-section field this one belongs to: it is asked for (and
    required) only while that section is switched on. ``parts`` splits each item of a list
    field into named parts, typed as ``what | owner | date``. ``example`` is a value the form
    shows as a placeholder (and the tests fill in).
    """

    name: str
    kind: FieldKind
    label: str
    required: bool = False
    help: str = ""
    default: str | bool | tuple[str, ...] | None = None
    choices: tuple[str, ...] = ()
    section: str = ""
    parts: tuple[str, ...] = ()
    example: str | tuple[str, ...] = ""


@dataclass(frozen=True, slots=True)
class Template:
    """A message template: fields, a subject and a body (Jinja2 sources), and its file."""

    id: str
    title: str
    description: str
    fields: tuple[Field, ...]
    subject: str
    body: str
    origin: str

    def field(self, name: str) -> Field:
        """The field called ``name``.

        Raises:
            InvalidInput: no such field; the message lists the template's fields.
        """
        for item in self.fields:
            if item.name == name:
                return item
        raise InvalidInput(_("Template '{id}' has no field '{name}'; its fields are: {names}.")
                           .format(id=self.id, name=name,
                                   names=", ".join(f.name for f in self.fields)))


class TemplateBroken(CoreError):
    """A template file that cannot be read or rendered; ``str()`` is ``path:line: reason``."""

    def __init__(self, origin: str, line: int | None, reason: str) -> None:
        self.origin, self.line, self.reason = origin, line, reason
        where = f"{origin}:{line}" if line else origin
        super().__init__(f"{where}: {reason}")


# -- reading values ----------------------------------------------------------------------------

RawValue = str | bool | Moment | Sequence[str] | None
"""What the CLI or the form hands over for one field: text, or an already typed value."""

_TRUE = {"yes", "y", "true", "on", "1"}
_FALSE = {"no", "n", "false", "off", "0", ""}
# A mail address (``Ana <ana@example.org>``), a chat sender as the live sources write it (a
# Slack ``Ben Cohen <U2>``, a Matrix ``Ben <@ben:example.org>``), or a bare name or handle.
_PERSON = re.compile(r"^[^<>@]*<[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+>$"
                     r"|^[^<>@\n]*<(?:[^<>\s@:]+|@[^<>\s@:]+:[^<>\s@]+)>$|^@?[^<>\n]+$")
_LINK = re.compile(r"^(?:https?://[^\s/]+\S*|mailto:\S+@\S+)$", re.IGNORECASE)


def parse_value(field: Field, raw: RawValue, *, now: datetime, zone: str) -> Value:
    """Read one value for ``field``; empty input gives the kind's empty value.

    Args:
        field: the field the value is for.
        raw: text as typed, or a typed value from a form widget.
        now: the current instant, for date-time phrases such as ``fri 17:00``.
        zone: the zone a date-time without one is read in (the recipient's or the user's).

    Raises:
        InvalidInput: the text does not parse; the message says what is accepted.
    """
    kind = field.kind
    if kind is FieldKind.SECTION:
        return _parse_bool(field, raw)
    if kind is FieldKind.DATETIME:
        return raw if isinstance(raw, Moment) else _parse_moment(field, raw, now, zone)
    if kind in (FieldKind.LIST, FieldKind.MULTICHOICE):
        items = _items(raw, split_commas=kind is FieldKind.MULTICHOICE)
        if kind is FieldKind.MULTICHOICE:
            return tuple(_choice(field, item) for item in items)
        return tuple(_list_item(field, item) for item in items)
    if not isinstance(raw, str | None):
        raise _invalid(field, repr(raw))
    text = (raw or "").strip()
    if kind is FieldKind.MULTILINE:
        return (raw or "").strip("\n").rstrip()
    if "\n" in text:
        raise _invalid(field, text)
    if not text:
        return ""
    if kind is FieldKind.CHOICE:
        return _choice(field, text)
    if kind is FieldKind.LINK and not _LINK.match(text):
        raise _invalid(field, text)
    if kind is FieldKind.PERSON and not _PERSON.match(text):
        raise _invalid(field, text)
    return text


def _invalid(field: Field, text: str) -> InvalidInput:
    return InvalidInput(_("{label}: '{value}' is not {accepted}.").format(
        label=field.label, value=text, accepted=_(field.kind.accepted)))


def _parse_bool(field: Field, raw: RawValue) -> bool:
    if isinstance(raw, bool):
        return raw
    text = (raw or "").strip().lower() if isinstance(raw, str | None) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _invalid(field, str(raw))


def _parse_moment(field: Field, raw: RawValue, now: datetime, zone: str) -> Moment | None:
    if not isinstance(raw, str | None):
        raise _invalid(field, repr(raw))
    text = (raw or "").strip()
    if not text:
        return None
    words = text.split()
    chosen = zone
    if len(words) > 1 and ("/" in words[-1] or words[-1].upper() in ("UTC", "GMT")):
        try:
            chosen = parse_zone("UTC" if words[-1].upper() in ("UTC", "GMT") else words[-1])
        except InvalidInput as error:
            raise InvalidInput(f"{field.label}: {error.message}") from None
        text = " ".join(words[:-1])
    try:
        at = parse_when(text, now, ZoneInfo(chosen))
    except InvalidInput:
        raise _invalid(field, raw or "") from None
    return Moment(at.astimezone(UTC), chosen)


def _items(raw: RawValue, *, split_commas: bool) -> list[str]:
    if raw is None or isinstance(raw, bool | Moment):
        return []
    texts = [raw] if isinstance(raw, str) else list(raw)
    out: list[str] = []
    for text in texts:
        for line in text.splitlines():
            pieces = line.split(",") if split_commas else [line]
            out.extend(p.strip() for p in pieces if p.strip())
    return out


def _choice(field: Field, text: str) -> str:
    for choice in field.choices:
        if choice.casefold() == text.strip().casefold():
            return choice
    raise InvalidInput(_("{label}: '{value}' is not a choice; use one of: {accepted}.").format(
        label=field.label, value=text, accepted=", ".join(field.choices)))


def _list_item(field: Field, text: str) -> str | dict[str, str]:
    if not field.parts:
        return text
    pieces = [p.strip() for p in text.split("|")]
    if len(pieces) > len(field.parts) or not pieces[0]:
        raise InvalidInput(_("{label}: write each item as '{parts}' (parts separated by |); "
                             "'{value}' does not fit.").format(
            label=field.label, parts=" | ".join(field.parts), value=text))
    pieces += [""] * (len(field.parts) - len(pieces))
    return dict(zip(field.parts, pieces, strict=True))


@dataclass(frozen=True, slots=True)
class Filled:
    """The values of a template's fields, and an error message per field that failed."""

    values: Mapping[str, Value]
    errors: Mapping[str, str]

    @property
    def ok(self) -> bool:
        """Whether every field was read and every required one given."""
        return not self.errors


def _empty(kind: FieldKind) -> Value:
    if kind is FieldKind.SECTION:
        return False
    if kind is FieldKind.DATETIME:
        return None
    return () if kind in (FieldKind.LIST, FieldKind.MULTICHOICE) else ""


def fill(template: Template, given: Mapping[str, RawValue], *, now: datetime,
         zone: str) -> Filled:
    """Read every field of ``template`` from ``given``, falling back to each field's default.

    Fields in a section that is switched off are neither read nor required. Every field gets a
    value (the kind's empty value when missing), so the body can refer to all of them.

    Raises:
        InvalidInput: ``given`` names a field the template does not have.
    """
    for name in given:
        template.field(name)
    values: dict[str, Value] = {}
    errors: dict[str, str] = {}
    for field in template.fields:  # sections first, so their fields know whether they count
        if field.kind is FieldKind.SECTION:
            values[field.name] = _read(field, given, now, zone, errors)
    for field in template.fields:
        if field.kind is FieldKind.SECTION:
            continue
        if field.section and not values.get(field.section):
            values[field.name] = _empty(field.kind)
            continue
        value = _read(field, given, now, zone, errors)
        values[field.name] = value
        if field.required and value in ("", (), None) and field.name not in errors:
            errors[field.name] = _("{label} is required: give {accepted}.").format(
                label=field.label, accepted=_(field.kind.accepted))
    return Filled(values, errors)


def _read(field: Field, given: Mapping[str, RawValue], now: datetime, zone: str,
          errors: dict[str, str]) -> Value:
    raw = given.get(field.name)
    if raw is None or raw == "" or (not isinstance(raw, str | bool | Moment) and not raw):
        raw = field.default
    try:
        return parse_value(field, raw, now=now, zone=zone)
    except InvalidInput as error:
        errors[field.name] = error.message
        return _empty(field.kind)
