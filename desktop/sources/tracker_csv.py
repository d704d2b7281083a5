# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tracker issues and request lists from CSV files: Jira and GitHub exports, Unhurried's own.

A :class:`Preset` names the column of each field. :func:`read_csv` yields one
:class:`~desktop.core.importing.items.Incoming` per row and a
:class:`~desktop.core.importing.items.Problem` for each row it cannot read (or only in part); it
raises ``InvalidInput`` only when the file cannot be read or has no usable header. Text is read as
UTF-8 (or UTF-16, with a byte order mark or without); bytes that are not UTF-8 are read as
Windows-1252, so an Excel export and a file with one stray line both come through. The delimiter
(comma, semicolon, tab or bar) is sniffed from the first lines, as spreadsheets in many locales
write semicolons. Times without a zone are read in the zone given (the user's own, by default).
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Generator, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from desktop.core.budgets import BudgetExceeded
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.importing.items import Incoming, Problem
from desktop.core.requests import Channel
from desktop.sources.csv_sniff import SNIFF_BYTES, sniff_delimiter, sniff_encoding
from desktop.sources.tracker_cells import CONTROL, clean, fix_bytes, parse_time, person, priority

Item = Incoming | Problem
FIELDS = ("external_id", "subject", "sender", "received_at", "priority", "channel", "link",
          "body")
"""The fields a column can be mapped to (the keys of ``mapping``)."""
REQUIRED = ("external_id", "subject", "received_at")
MAX_SUBJECT = 500
MAX_ROWS = 1_000_000
"""Rows read from one file. A tracker export of every issue of a large project is some tens of
thousands; a million is a minute of importing, and no file may cost more."""
MAX_FIELD_CHARS = 1 << 20
"""Characters in one cell. Python's csv default (128 KiB) cut long issue descriptions; 1 MiB
keeps them, and a cell is never more (a bad quote would make the rest of the file one cell)."""
MAX_COLUMNS = 1_000
"""Cells in one row: tracker exports have a few dozen columns, Jira's widest some hundreds."""
_MAX_LINKS = 20
_URL = re.compile(r"https?://[^\s<>\"'`|()\[\]{}]+[^\s<>\"'`|()\[\]{}.,;:!?*]")
_CHANNEL_WORDS = {
    **dict.fromkeys(("email", "e-mail", "mail"), Channel.EMAIL),
    **dict.fromkeys(("chat", "slack", "teams", "matrix", "im"), Channel.CHAT),
    **dict.fromkeys(("project", "tracker", "issue", "ticket", "jira", "github"), Channel.TRACKER),
    "manual": Channel.MANUAL,
}


@dataclass(frozen=True, slots=True)
class Preset:
    """The CSV column of each field ("" = the file has none) and how to read the values."""

    source: str
    external_id: str
    subject: str
    sender: str
    received_at: str
    priority: str = ""
    channel: str = ""
    link: str = ""
    body: str = ""
    id_fallback: str = ""
    """Column whose value is the external id when the ``external_id`` cell is empty."""
    default_channel: Channel = Channel.TRACKER
    """The channel of a row without a (known) channel value."""
    labels: bool = False
    """The priority column holds labels (GitHub) rather than a priority name."""
    required: tuple[str, ...] = REQUIRED
    """The fields that must have a column (a generic CSV needs only a subject: rows without
    an id get one made from their content, rows without a date the file's time)."""


PRESETS: dict[str, Preset] = {
    "unhurried": Preset("csv:unhurried", "message_id", "subject", "sender", "received_at",
                        priority="priority", channel="channel", id_fallback="id",
                        default_channel=Channel.EMAIL),
    "jira": Preset("csv:jira", "Issue key", "Summary", "Reporter", "Created",
                   priority="Priority", body="Description"),
    "github": Preset("csv:github", "url", "title", "author", "createdAt", priority="labels",
                     link="url", body="body", id_fallback="number", labels=True),
    "generic": Preset("csv", "", "", "", "", required=("subject",)),
}


def read_csv(path: Path, preset: str = "unhurried", mapping: Mapping[str, str] | None = None,
             *, file_time: datetime | None = None, zone: tzinfo = UTC) -> Iterator[Item]:
    """The requests in a CSV file, one per row, with a problem for each row that was off.

    ``mapping`` ({field: column}, fields from :data:`FIELDS`) replaces the preset's columns;
    the ``generic`` preset needs one. A row without a readable date gets ``file_time``
    (default: the file's modification time) and a problem saying so. A time without a zone
    (a Jira "10:15") is read in ``zone``.

    Raises:
        InvalidInput: unknown preset or field, the file cannot be read, has no header row,
            or lacks the columns the preset needs (the message names them).
    """
    chosen = _preset(preset, mapping)
    header = _header(path)
    columns = _columns(header, chosen, path, preset)
    if file_time is None:
        try:
            file_time = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError as error:
            raise _unreadable(path, error) from error
    moment = file_time.replace(tzinfo=UTC) if file_time.tzinfo is None else file_time
    return _items(path, chosen, columns, len(header), moment.astimezone(UTC), zone)


def sniff_preset(header: Sequence[str]) -> str:
    """The preset whose columns best fit a header row; ``generic`` if none has them all."""
    names = {_key(name) for name in header}
    best, score = "generic", 0
    for name, preset in PRESETS.items():
        wanted = {_key(getattr(preset, f)) for f in (*FIELDS, "id_fallback")} - {""}
        if name != "generic" and not _missing(names, preset):
            found = len(wanted & names)
            best, score = (name, found) if found > score else (best, score)
    return best


def read_header(path: Path) -> list[str]:
    """The header row of a CSV file (its column names).

    Raises:
        InvalidInput: the file cannot be read or has no header row.
    """
    return _header(path)


def sniff_file(path: Path) -> str:
    """The preset for a CSV file by its header row (see :func:`sniff_preset`).

    Raises:
        InvalidInput: the file cannot be read or has no header row.
    """
    return sniff_preset(_header(path))


def preview(path: Path, limit: int = 5) -> tuple[str, list[str], list[list[str]]]:
    """The preset that fits a CSV file, its header and its first ``limit`` rows (as text), for
    a column-mapping dialog.

    Raises:
        InvalidInput: the file cannot be read or has no header row.
    """
    header = _header(path)
    rows: list[list[str]] = []
    try:
        with closing(_records(path)) as records:
            for _line, row, _error in records:
                if len(rows) > limit:
                    break
                if row is not None and any(cell.strip() for cell in row):
                    rows.append([clean(fix_bytes(cell)) for cell in row])
    except OSError as error:
        raise _unreadable(path, error) from error
    return sniff_preset(header), header, rows[1:]


def _preset(name: str, mapping: Mapping[str, str] | None) -> Preset:
    if name not in PRESETS:
        raise InvalidInput(_("Unknown CSV format '{value}'; use one of: {accepted}.").format(
            value=name, accepted=", ".join(PRESETS)))
    unknown = sorted(set(mapping or {}) - set(FIELDS))
    if unknown:
        raise InvalidInput(_("Unknown CSV fields {fields}; map any of: {accepted}.").format(
            fields=", ".join(unknown), accepted=", ".join(FIELDS)))
    columns: dict[str, Any] = {f: c.strip() for f, c in (mapping or {}).items()}
    preset = replace(PRESETS[name], **columns)
    unmapped = [f for f in preset.required if not getattr(preset, f)]
    if unmapped:
        raise InvalidInput(_("The {preset} CSV format needs a column for each of: {fields}.")
                           .format(preset=name, fields=", ".join(unmapped)))
    return preset


def _header(path: Path) -> list[str]:
    try:
        with closing(_records(path)) as records:
            for _line, row, _error in records:
                if row is None or any(cell.strip() for cell in row):
                    if row is not None and "\x00" not in "".join(row):
                        return [fix_bytes(cell) for cell in row]
                    break
    except OSError as error:
        raise _unreadable(path, error) from error
    raise InvalidInput(_("{path} has no header row: a CSV file starts with a row of column "
                         "names.").format(path=path))


def _unreadable(path: Path, error: OSError) -> InvalidInput:
    return InvalidInput(_("{path} could not be read: {error}").format(
        path=path, error=error.strerror or error))


def _columns(header: Sequence[str], preset: Preset, path: Path, name: str) -> dict[str, int]:
    """Field name to column index (the first column of that name)."""
    positions: dict[str, int] = {}
    for index, column in enumerate(header):
        positions.setdefault(_key(column), index)
    missing = _missing(set(positions), preset)
    if missing:
        expected = [getattr(preset, f) for f in preset.required]
        if preset.id_fallback and preset.required[0] == "external_id":
            expected[0] = _("{column} (or {fallback})").format(
                column=expected[0], fallback=preset.id_fallback)
        raise InvalidInput(_("{path} lacks the columns {missing}; the {preset} format expects "
                             "the columns: {expected}.").format(
            path=path, missing=", ".join(missing), preset=name, expected=", ".join(expected)))
    named = {f: _key(getattr(preset, f)) for f in (*FIELDS, "id_fallback")}
    return {f: positions[column] for f, column in named.items() if column and column in positions}


def _missing(names: set[str], preset: Preset) -> list[str]:
    missing = [getattr(preset, f) for f in preset.required
               if _key(getattr(preset, f)) not in names]
    if preset.external_id in missing and preset.id_fallback and _key(preset.id_fallback) in names:
        missing.remove(preset.external_id)
    return missing


def _key(column: str) -> str:
    """A column name as matched: case, spacing, byte order mark and ``_`` do not count, so
    ``createdAt`` (``gh``) and ``created_at`` (the REST API) are the same column."""
    return column.strip().lstrip("\ufeff").casefold().replace("_", "")


def _records(path: Path) -> Generator[tuple[int, list[str] | None, str], None, None]:
    """(first line, row or None, why it cannot be read) per record; a blank line is an empty
    row. Budgets: :data:`MAX_ROWS`, :data:`MAX_FIELD_CHARS`, :data:`MAX_COLUMNS`."""
    with path.open("rb") as raw:
        start = raw.read(SNIFF_BYTES)
    encoding = sniff_encoding(start)
    errors = "replace" if encoding.startswith("utf-16") else "surrogateescape"
    csv.field_size_limit(MAX_FIELD_CHARS)  # the module's one global: every reader wants it
    with path.open(encoding=encoding, errors=errors, newline="") as text:
        sample = text.read(SNIFF_BYTES // 2)
        text.seek(0)
        reader = csv.reader(text, strict=True, delimiter=sniff_delimiter(sample))
        end = 0
        for _number in range(MAX_ROWS + 1):  # the header, then at most MAX_ROWS records
            try:
                row: list[str] | None = next(reader)
                error = ""
            except StopIteration:
                return
            except csv.Error as problem:
                row = None
                error = _("The row is not valid CSV ({error}).").format(error=problem)
            if row is not None and len(row) > MAX_COLUMNS:
                row, error = None, BudgetExceeded(_("cells in one row"), MAX_COLUMNS).reason()
            yield end + 1, row, error
            end = reader.line_num
        if next(reader, None) is not None:
            yield end + 1, None, BudgetExceeded(_("rows in one file"), f"{MAX_ROWS:,}").reason()


def _items(path: Path, preset: Preset, columns: dict[str, int], width: int,
           file_time: datetime, zone: tzinfo = UTC) -> Iterator[Item]:
    header_seen = False
    try:
        with closing(_records(path)) as records:
            for line, row, error in records:
                if row is not None and not any(cell.strip() for cell in row):
                    continue  # blank lines, and the empty rows spreadsheets pad files with
                if header_seen:
                    yield from _row(f"{path}:{line}", row, error, preset, columns, width,
                                    file_time, zone)
                header_seen = True
    except OSError as error:
        yield Problem(str(path), _("Reading stopped: {error}").format(error=error))


def _row(where: str, row: list[str] | None, error: str, preset: Preset,
         columns: dict[str, int], width: int, file_time: datetime,
         zone: tzinfo = UTC) -> Iterator[Item]:
    """The request in one row, and a problem for what was off."""
    row = [fix_bytes(cell) for cell in row or ()]
    fault = error or _fault(row, width)
    if fault:
        yield Problem(where, fault)
        return

    def cell(field: str) -> str:
        return clean(row[columns[field]]) if field in columns else ""

    subject = _keep_tab(cell("subject"), " ".join(cell("subject").split()))[:MAX_SUBJECT]
    external_id = " ".join(cell("external_id").split()) or " ".join(cell("id_fallback").split())
    if not subject and not external_id:
        yield Problem(where, _("The row has neither a subject nor an id."))
        return
    if not external_id:
        external_id = "row:" + hashlib.sha256("\x00".join(row).encode(
            "utf-8", "replace")).hexdigest()[:32]
    body = _keep_tab(cell("body"), cell("body").strip())
    links = dict.fromkeys([*_URL.findall(cell("link")), *_URL.findall(body)])
    received_text = " ".join(cell("received_at").split())
    received = parse_time(received_text, zone)
    yield Incoming(
        source=preset.source,
        external_id=external_id,
        subject=subject or _("(no subject)"),
        sender=person(cell("sender")),
        received_at=received or file_time,
        body=body,
        links=tuple(links)[:_MAX_LINKS],
        channel=_CHANNEL_WORDS.get(cell("channel").strip().lower(), preset.default_channel),
        priority=priority(cell("priority"), labels=preset.labels),
    )
    if received is None and "received_at" in columns:  # no date column: the user's choice
        yield Problem(where, _("The date '{value}' could not be read; the file's time was used.")
                      .format(value=received_text) if received_text else
                      _("The row has no date; the file's time was used."))


def _keep_tab(raw: str, text: str) -> str:
    """``text`` with the leading tab of ``raw`` kept where it guards a formula: ``\t=1+1`` is
    how a spreadsheet writes text that looks like one, and stripping the tab would make it
    live again in the next spreadsheet it reaches."""
    if raw.startswith("\t") and text.startswith(("=", "+", "-", "@")):
        return "\t" + text
    return text


def _fault(row: list[str], width: int) -> str:
    """Why a row cannot be read as a request, or ""."""
    text = "".join(row)
    controls = len(CONTROL.findall(text.replace("\r", "")))
    if "\x00" in text:
        return _("The row contains NUL bytes; it is not text.")
    if controls >= 3 and controls * 20 >= len(text):
        return _("The row is binary data, not text.")
    if len(row) < width or any(cell.strip() for cell in row[width:]):
        return _("The row has {count} fields; the header has {expected}.").format(
            count=len(row), expected=width)
    return ""


