# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Health view, built when first opened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from desktop.platform.clock import SystemClock
from desktop.platform.paths import AppPaths
from desktop.wiring.services import Context, compute_weeks, stats_service

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.ui.common.formatting import Formatter

def health_view(context: Context, paths: AppPaths, clock: SystemClock, formatter: Formatter,
                parent: QWidget,
                book: Callable[[list[tuple[datetime, datetime]]], None]) -> QWidget:
    """The Health view, built when first opened: pyqtgraph brings numpy (0.3 s). ``book``
    turns the stretches ticked in "Find focus time" into focus blocks."""
    from desktop.ui.health.view import HealthView

    return HealthView(partial(compute_weeks, paths, clock), stats_service(context).free_time,
                      book, formatter.locale, formatter.zone, parent)
