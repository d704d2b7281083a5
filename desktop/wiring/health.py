# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Health view (built when first opened) and the decision actions it measures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from desktop.core.ports import Clock
from desktop.platform.paths import AppPaths
from desktop.wiring.feature import Settled, Setup
from desktop.wiring.services import Context, compute_weeks, decision_service, stats_service

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.ui.common.formatting import Formatter
    from desktop.ui.common.host import FeatureWindow


def install(window: FeatureWindow, setup: Setup) -> Settled:
    """Edit > This is a decision and Decision made (decision speed is a health measure), and
    View > Health; "Find focus time" there books through the focus feature."""
    from desktop.ui.health.actions import add_health_action
    from desktop.ui.queue.decision_actions import DecisionActions

    DecisionActions(window, decision_service(setup.context))
    add_health_action(window, lambda: health_view(
        setup.context, setup.paths, setup.clock, setup.formatter, window.main_window(),
        lambda stretches: setup.links.book_focus(stretches)))
    return Settled()


def health_view(context: Context, paths: AppPaths, clock: Clock, formatter: Formatter,
                parent: QWidget,
                book: Callable[[list[tuple[datetime, datetime]]], None]) -> QWidget:
    """The Health view, built when first opened: pyqtgraph brings numpy (0.3 s). ``book``
    turns the stretches ticked in "Find focus time" into focus blocks."""
    from desktop.ui.health.view import HealthView

    return HealthView(partial(compute_weeks, paths, clock), stats_service(context).free_time,
                      book, formatter.locale, formatter.zone, parent)
