# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``outcome``: a worker thread's job always comes back as a result or a message."""

from __future__ import annotations

import logging

import pytest

from desktop.core.errors import InvalidInput

from desktop.ui.common.worker import outcome


def _failed(error: Exception) -> str:
    return f"failed: {error}"


def test_a_result_comes_back_as_it_is() -> None:
    assert outcome(lambda: [1, 2], _failed, "listing") == [1, 2]


def test_a_core_error_comes_back_as_its_message_unlogged(caplog) -> None:
    def job() -> None:
        raise InvalidInput("Use an https:// address.")

    with caplog.at_level(logging.ERROR):
        assert outcome(job, _failed, "listing") == "Use an https:// address."
    assert caplog.records == []


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyError("x"), OSError("disk")])
def test_any_other_error_is_logged_and_worded(caplog, error: Exception) -> None:
    def job() -> None:
        raise error

    with caplog.at_level(logging.ERROR):
        assert outcome(job, _failed, "listing") == f"failed: {error}"
    assert [r.getMessage() for r in caplog.records] == ["listing failed"]
    assert caplog.records[0].exc_info is not None
