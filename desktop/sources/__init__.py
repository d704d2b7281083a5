# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Importers: mail files, IMAP, chat exports, tracker CSV, calendars (one module per source)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, tzinfo
from pathlib import Path

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.importing.items import Incoming, Problem

KINDS = ("maildir", "mbox", "eml", "csv", "slack", "ics")


def read_source(
    kind: str, path: Path, *, preset: str | None = None, mapping: Mapping[str, str] | None = None,
    me: str | None = None, workspace: str | None = None, zone: tzinfo = UTC,
) -> Iterable[Incoming | Problem]:
    """The items of ``path`` read as ``kind`` (one of :data:`KINDS`).

    ``me`` (the user's Slack id, name or email) is needed for ``slack``; ``workspace`` there
    adds permalinks. ``zone`` is where CSV times without a zone were written (the user's).

    Raises:
        desktop.core.errors.InvalidInput: the path cannot be read as that kind at all, or
            ``me`` is missing for ``slack``.
    """
    from desktop.sources import mail_files

    if kind == "ics":  # calendars hold meetings, not requests: services.import_calendar
        raise InvalidInput(_("A calendar (.ics) is imported as meetings, not as requests."))

    if kind == "maildir":
        return mail_files.read_maildir(path)
    if kind == "mbox":
        return mail_files.read_mbox(path)
    if kind == "eml":
        return mail_files.read_eml(path)
    if kind == "slack":
        if not me or not me.strip():
            raise InvalidInput(_("A Slack export needs --me: your Slack user id, name or "
                                 "email, e.g. --me U024BE7LH."))
        from desktop.sources import slack_export

        return slack_export.read_slack_export(path, me, workspace=workspace)
    from desktop.sources import tracker_csv

    if preset is None:
        preset = "generic" if mapping else tracker_csv.sniff_file(path)
    return tracker_csv.read_csv(path, preset, mapping, zone=zone)


def csv_columns(path: Path, preset: str | None, remembered_text: str = "",
                ) -> tuple[str, dict[str, str]]:
    """(preset, mapping) for a CSV file imported without ``--map``, as the window decides:
    the preset that fits its header; else the mapping remembered for that header
    (``remembered_text``: setting ``csv.mappings``), else one guessed from the column names.
    The mapping is empty when a preset fits.

    Raises:
        InvalidInput: the file has no header, or no column could be guessed for the subject
            (the message says how to name it with ``--map``).
    """
    from desktop.core.importing.csv_mapping import check_mapping, guess_mapping, remembered
    from desktop.sources import tracker_csv

    if preset is None:
        preset = tracker_csv.sniff_file(path)
    if preset != "generic":
        return preset, {}
    header = tracker_csv.read_header(path)
    try:
        return preset, check_mapping(remembered(remembered_text, header)
                                     or guess_mapping(header), header)
    except InvalidInput as error:
        raise InvalidInput(_("{problem} Name the columns with --map FIELD=COLUMN, e.g. --map "
                             "subject=Title; the file has the columns: {columns}.").format(
            problem=error.message, columns=", ".join(c.strip() for c in header))) from None
