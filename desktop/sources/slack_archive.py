# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading one JSON file out of a Slack export archive, within a byte and a value budget."""

from __future__ import annotations

import json
import zipfile
import zlib
from typing import Any

from desktop.core.budgets import BudgetExceeded
from desktop.core.i18n import _

MAX_MEMBER_BYTES = 64 * 2**20
"""Bytes read from one file of the export, counted as they are inflated (a header that
under-declares its size cannot get past it). A busy channel's day is a few MB and users.json of
a 10,000-person workspace about 30 MB; the parsed JSON takes about ten times its text."""
MAX_JSON_ITEMS = 2_000_000
"""Values in one JSON file, counted before parsing as its commas (an upper bound: n values need
n - 1). A day of 5,000 messages with 30 fields each is 150,000; 255 MB of ``[{},{},...]`` was
85 million objects and 9.6 GB."""
_READ_CHUNK = 1 << 20
OPEN_ERRORS = (zipfile.BadZipFile, OSError, EOFError, ValueError)
"""What opening an archive raises when it is not a readable zip."""
_READ_ERRORS = (*OPEN_ERRORS, zlib.error, RuntimeError, NotImplementedError)


def load_member(archive: zipfile.ZipFile, member: str, needle: bytes = b"") -> tuple[Any, str]:
    """A member's JSON (None if it lacks ``needle``), or None and why it could not be read."""
    try:
        data = _read_capped(archive, member)
    except _READ_ERRORS as error:
        return None, _("The file could not be read from the archive: {error}").format(
            error=error)
    except BudgetExceeded as breach:
        return None, breach.reason()
    if needle not in data:
        return None, ""
    if data.count(b",") >= MAX_JSON_ITEMS:
        return None, BudgetExceeded(_("values in one JSON file"),
                                    f"{MAX_JSON_ITEMS:,}").reason()
    try:
        return json.loads(data), ""
    except (ValueError, RecursionError) as error:
        return None, _("The file is not valid JSON: {error}").format(error=error)


def _read_capped(archive: zipfile.ZipFile, member: str) -> bytes:
    """A member's bytes, never more than :data:`MAX_MEMBER_BYTES` of them whatever its header
    declares.

    Raises:
        BudgetExceeded: the member inflates to more.
    """
    info = archive.getinfo(member)
    if info.file_size > MAX_MEMBER_BYTES:
        raise _too_large()
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_READ_CHUNK):
            total += len(chunk)
            if total > MAX_MEMBER_BYTES:
                raise _too_large()
            chunks.append(chunk)
    return b"".join(chunks)


def _too_large() -> BudgetExceeded:
    return BudgetExceeded(_("bytes in one file of the export"),
                          _("{mib} MiB").format(mib=MAX_MEMBER_BYTES // 2**20))
