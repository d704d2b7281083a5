# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Slack export budgets (issue 21): bytes actually inflated and values per JSON file are capped
before parsing; a breach costs that day file only."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from desktop.core.importing.items import Incoming, Problem
from desktop.sources import slack_archive
from desktop.sources.slack_archive import MAX_JSON_ITEMS
from desktop.sources.slack_export import read_slack_export
from tests.unit.test_slack_export import NEXT_DAY, export, msg


def bomb(tmp_path: Path, values: int) -> Path:
    path = export(tmp_path, {"general/2025-11-25.json": [msg("U2", "<@U1> ok?", 1)]})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"general/{NEXT_DAY}", b"[" + b"{}," * (values - 1) + b"{}]")
    return path


def test_a_json_file_of_too_many_values_is_not_parsed_and_the_rest_is_read(
        tmp_path: Path) -> None:
    items = list(read_slack_export(bomb(tmp_path, MAX_JSON_ITEMS + 1), "U1"))
    assert [i.subject for i in items if isinstance(i, Incoming)] == ["@Ann Lee ok?"]
    [problem] = [i for i in items if isinstance(i, Problem)]
    assert problem.where.endswith(NEXT_DAY)
    assert "values in one JSON file" in problem.reason


def test_a_file_that_inflates_past_the_cap_is_not_read(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = bomb(tmp_path, 10_000)  # 30 KB inflated, a few hundred bytes in the zip
    monkeypatch.setattr(slack_archive, "MAX_MEMBER_BYTES", 20_000)
    items = list(read_slack_export(path, "U1"))
    [problem] = [i for i in items if isinstance(i, Problem)]
    assert "bytes in one file of the export" in problem.reason


def test_a_header_that_under_declares_its_size_cannot_read_more(tmp_path: Path) -> None:
    path = bomb(tmp_path, 100_000)
    data = bytearray(path.read_bytes())
    name = f"general/{NEXT_DAY}".encode()
    for signature, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30),
                                                      (b"PK\x01\x02", 24, 28, 46)):
        at = data.find(signature)
        while at != -1:
            length = int.from_bytes(data[at + name_len_at:at + name_len_at + 2], "little")
            if data[at + name_at:at + name_at + length] == name:
                data[at + size_at:at + size_at + 4] = (100).to_bytes(4, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    items = list(read_slack_export(path, "U1"))
    assert len([i for i in items if isinstance(i, Incoming)]) == 1
    [problem] = [i for i in items if isinstance(i, Problem)]
    assert problem.where.endswith(NEXT_DAY)
