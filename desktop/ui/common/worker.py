# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The edge of a worker thread: whatever its job does, the thread answers the window."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from desktop.core.errors import CoreError

logger = logging.getLogger(__name__)

T = TypeVar("T")


def outcome(job: Callable[[], T], failed: Callable[[Exception], str], what: str) -> T | str:
    """What ``job`` came to: its result; the message of a :class:`CoreError` (a failure the
    user can act on, already worded for them); or, for anything else (a bug), ``failed(error)``
    after logging it as ``what`` failed. Never raises, so no status stays at "Syncing…"."""
    try:
        return job()
    except CoreError as error:
        return str(error)
    except Exception as error:  # the thread boundary: any bug becomes a message
        logger.exception("%s failed", what)
        return failed(error)
