# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Column mappings for CSV files no preset knows, remembered per header.

A mapping says which column holds each request field (``{"subject": "Title", ...}``). The
mappings the user chose are kept in one setting (``csv.mappings``, a JSON object) under the
file's *header signature*, so the next file with the same columns is imported without asking.
Pure core: text in, text out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

from desktop.core.errors import InvalidInput
from desktop.core.i18n import N_, _

FIELDS: Mapping[str, str] = {
    "subject": N_("Subject"),
    "sender": N_("From"),
    "received_at": N_("Received"),
    "body": N_("Text"),
    "link": N_("Link"),
    "priority": N_("Priority"),
    "channel": N_("Channel"),
    "external_id": N_("Id"),
}
"""The fields a column can be mapped to, with their labels (the tracker CSV reader's names)."""
REQUIRED = ("subject",)
_GUESSES: Mapping[str, tuple[str, ...]] = {
    "subject": ("subject", "title", "summary", "headline", "name", "task"),
    "sender": ("from", "sender", "author", "reporter", "requester", "opened by", "created by",
               "owner", "who"),
    "received_at": ("received", "created", "date", "created at", "created_at", "createdat",
                    "opened", "when", "time"),
    "body": ("body", "description", "text", "notes", "details", "comment"),
    "link": ("link", "url", "href"),
    "priority": ("priority", "severity", "importance"),
    "channel": ("channel", "type", "source"),
    "external_id": ("id", "key", "number", "issue", "ticket", "issue key", "card"),
}


def guess_mapping(header: Sequence[str]) -> dict[str, str]:
    """A first guess of the columns by their names (each column used once): what the window's
    column dialog starts from and what ``unhurried import csv --preset generic`` uses."""
    by_name: dict[str, str] = {}
    for column in header:
        by_name.setdefault(column.strip().lstrip("\ufeff").casefold(), column.strip())
    chosen: dict[str, str] = {}
    for field, names in _GUESSES.items():
        found = next((by_name[n] for n in names if n in by_name), None)
        if found is not None and found not in chosen.values():
            chosen[field] = found
    return chosen


def header_signature(header: Sequence[str]) -> str:
    """A short fingerprint of a header row: the same columns give the same signature, whatever
    their case, spacing or byte order mark."""
    names = "\x00".join(c.strip().lstrip("\ufeff").casefold() for c in header)
    return hashlib.sha256(names.encode("utf-8")).hexdigest()[:16]


def check_mapping(mapping: Mapping[str, str], header: Sequence[str]) -> dict[str, str]:
    """The mapping without empty entries, checked against the header.

    Raises:
        InvalidInput: a required field has no column, a field is unknown, or a column is not
            in the header.
    """
    chosen = {f: c.strip() for f, c in mapping.items() if c and c.strip()}
    unknown = sorted(set(chosen) - set(FIELDS))
    if unknown:
        raise InvalidInput(_("Unknown CSV fields {fields}; map any of: {accepted}.").format(
            fields=", ".join(unknown), accepted=", ".join(FIELDS)))
    missing = [_(FIELDS[f]) for f in REQUIRED if f not in chosen]
    if missing:
        raise InvalidInput(_("Choose the column that holds: {fields}.").format(
            fields=", ".join(missing)))
    columns = {c.strip() for c in header}
    absent = sorted({c for c in chosen.values() if c not in columns})
    if absent:
        raise InvalidInput(_("The file has no column {columns}.").format(
            columns=", ".join(absent)))
    return chosen


def parse_mappings(text: str) -> dict[str, dict[str, str]]:
    """The remembered mappings: header signature to mapping.

    Raises:
        InvalidInput: not a JSON object of objects of texts.
    """
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict) or not all(
            isinstance(m, dict) and all(isinstance(v, str) for v in m.values())
            for m in value.values()):
        raise InvalidInput(_("The remembered CSV mappings are not readable; clear them with: "
                             "unhurried config set csv.mappings ''"))
    return {str(k): {str(f): c for f, c in m.items()} for k, m in value.items()}


def check_mappings(text: str) -> str:
    """:func:`parse_mappings` as the setting's canonical text."""
    return json.dumps(parse_mappings(text), ensure_ascii=False, sort_keys=True)


def remembered(text: str, header: Sequence[str]) -> dict[str, str] | None:
    """The mapping remembered for this header, or ``None``."""
    try:
        return parse_mappings(text).get(header_signature(header))
    except InvalidInput:
        return None


def remember(text: str, header: Sequence[str], mapping: Mapping[str, str] | None) -> str:
    """The setting's text with ``mapping`` kept for this header (``None`` forgets it)."""
    try:
        mappings = parse_mappings(text)
    except InvalidInput:
        mappings = {}
    key = header_signature(header)
    if mapping is None:
        mappings.pop(key, None)
    else:
        mappings[key] = dict(mapping)
    return json.dumps(mappings, ensure_ascii=False, sort_keys=True)
