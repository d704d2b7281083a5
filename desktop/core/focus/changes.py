# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What changed in the queue since the focus service last looked: new and changed requests,
found by comparing every request's version stamp (``modified_at``) with the ones noted.

Reading and comparing 200,000 stamps takes 0.2-0.5 s, so the window does it on a worker
(:meth:`desktop.core.focus.service.FocusService.read_changes`) and only acts on the answer on
its own thread (:meth:`~desktop.core.focus.service.FocusService.apply_changes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RequestChanges:
    """Every active request's version now, and how that differs from the versions compared
    with (``base``; ``None`` when nothing was noted yet: the first look)."""

    versions: Mapping[str, str]
    base: Mapping[str, str] | None
    fresh: tuple[str, ...]
    """Ids of requests that are new or changed since ``base``."""
    new: frozenset[str]
    """Those of ``fresh`` that ``base`` did not have at all."""


def compare(base: Mapping[str, str] | None, versions: Mapping[str, str]) -> RequestChanges:
    """What ``versions`` has that ``base`` has not, or has with another stamp."""
    if base is None:
        return RequestChanges(versions, None, (), frozenset())
    fresh = tuple(i for i, stamp in versions.items() if base.get(i) != stamp)
    return RequestChanges(versions, base, fresh, frozenset(i for i in fresh if i not in base))
