# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Health view: a chart per measure over the last N weeks, the current week against the
previous four, a one-line reading, CSV export, and "Find focus time…".

The figures are computed on a worker thread through an injected ``compute(weeks)`` (the app
gives one that opens a store connection of its own), so the window never waits on them; a
result for a week count that is no longer asked for is dropped. Colours come from the palette,
so the charts follow a light or dark theme.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import tzinfo
from pathlib import Path

import pyqtgraph as pg
from babel import Locale

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.health.measures import WeekFigures, against_previous
from desktop.core.i18n import _
from desktop.core.intervals import Interval

from desktop.ui.common.accessibility import describe
from desktop.ui.common.operation import Operation
from desktop.ui.focus.time_dialog import FocusTimeDialog, ScheduleFocus
from desktop.ui.health.reading import MEASURES, Measure, csv_text, number, reading

logger = logging.getLogger(__name__)

ComputeWeeks = Callable[[int], list[WeekFigures]]
"""Returns the figures of the last N weeks, the current one last (runs on a worker thread)."""
FreeTime = Callable[[], list[Interval]]
"""Returns the free stretches of the coming week."""

DEFAULT_WEEKS = 8
MAX_WEEKS = 52


class _Chart(QWidget):
    """One measure: title, bar chart with the previous-four average as a dashed line, and the
    current week against that average in words."""

    def __init__(self, measure: Measure, locale: Locale, parent: QWidget) -> None:
        super().__init__(parent)
        self.measure = measure
        self._locale = locale
        self.setObjectName(f"chart_{measure.key}")
        title = QLabel(_(measure.title), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        palette = self.palette()
        self._text = palette.color(QPalette.ColorRole.WindowText)
        self._accent = palette.color(QPalette.ColorRole.Highlight)
        self.plot = pg.PlotWidget(self, background=palette.color(QPalette.ColorRole.Base))
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMinimumHeight(150)
        for side in ("left", "bottom"):
            axis = self.plot.getAxis(side)
            axis.setTextPen(self._text)
            axis.setPen(self._text)
        self.plot.setLabel("left", _(measure.unit), color=self._text.name())
        self.plot.setLabel("bottom", _("ISO week"), color=self._text.name())
        self.comparison = QLabel(self)
        self.comparison.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(title)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.comparison)
        self.values: list[float | None] = []

    def show_weeks(self, weeks: Sequence[WeekFigures]) -> None:
        self.values = [self.measure.value(w) for w in weeks]
        self.plot.clear()
        xs = list(range(len(weeks)))
        heights = [v or 0.0 for v in self.values]
        past = QColor(self._accent)
        past.setAlpha(120)
        brushes = [pg.mkBrush(self._accent if i == len(xs) - 1 else past) for i in xs]
        self.plot.addItem(pg.BarGraphItem(x=xs, height=heights, width=0.6, brushes=brushes,
                                          pen=pg.mkPen(None)))
        current, average = against_previous(self.values)
        if average is not None:
            line = pg.InfiniteLine(pos=average, angle=0, pen=pg.mkPen(
                self._text, width=1, style=Qt.PenStyle.DashLine))
            self.plot.addItem(line)
        ticks = [(i, f"W{w.week.week:02d}") for i, w in zip(xs, weeks, strict=True)]
        self.plot.getAxis("bottom").setTicks([ticks])
        self.plot.setXRange(-0.6, max(len(xs) - 0.4, 0.6), padding=0)
        top = max([*heights, average or 0.0, 1.0])
        self.plot.setYRange(0, top * 1.15, padding=0)
        fmt = self.measure.percent
        if not any(self.measure.recorded(v) for v in self.values):
            self.comparison.setText(_("Nothing recorded in these weeks."))
            return
        self.comparison.setText(_("This week {current} · previous four {average}").format(
            current=number(current, self._locale, fmt),
            average=number(average, self._locale, fmt)))


class HealthView(QWidget):
    """The Health window.

    Args:
        compute: the figures of the last N weeks (called on a worker thread).
        free_time: free stretches in the coming week (for "Find focus time…").
        schedule: turns chosen stretches into focus blocks; ``None`` until focus blocks exist.
        locale: for numbers.
        zone: for the times in "Find focus time…".
    """

    computed = Signal()  # the charts show a fresh result

    def __init__(self, compute: ComputeWeeks, free_time: FreeTime,
                 schedule: ScheduleFocus | None, locale: Locale, zone: tzinfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("healthView")
        self.setWindowTitle(_("Health"))
        self._compute = compute
        self._free_time = free_time
        self._schedule = schedule
        self._locale = locale
        self._zone = zone
        self._op = Operation(self, "unhurried-health")
        self.weeks: list[WeekFigures] = []
        self.weeks_box = QSpinBox(self, minimum=1, maximum=MAX_WEEKS, value=DEFAULT_WEEKS)
        self.weeks_box.setSuffix(_(" weeks"))
        self.weeks_box.setObjectName("weeksBox")
        self.weeks_box.setAccessibleName(_("Weeks shown"))
        describe(self.weeks_box, _("How many past weeks the measures cover."))
        self.weeks_box.valueChanged.connect(lambda _value: self.refresh())
        self.reading = QLabel(_("Computing…"), self)
        self.reading.setObjectName("healthReading")
        self.reading.setTextFormat(Qt.TextFormat.PlainText)
        self.reading.setWordWrap(True)
        focus_button = QPushButton(_("Find focus time…"), self)
        focus_button.clicked.connect(self.find_focus_time)
        describe(focus_button, _("Finds free stretches for focus in the coming week."))
        export_button = QPushButton(_("Export CSV…"), self)
        export_button.clicked.connect(self._on_export_clicked)
        describe(export_button, _("Saves the weekly measures as a spreadsheet file."))
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Show the last"), self))
        top.addWidget(self.weeks_box)
        top.addStretch(1)
        top.addWidget(focus_button)
        top.addWidget(export_button)
        grid = QGridLayout()
        self.charts = [_Chart(m, locale, self) for m in MEASURES]
        for index, chart in enumerate(self.charts):
            grid.addWidget(chart, index // 4, index % 4)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.reading)
        layout.addLayout(grid, 1)
        self.resize(1280, 680)
        refresh = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.triggered.connect(self.refresh)
        self.addAction(refresh)
        self.refresh()

    def refresh(self) -> None:
        """Compute the figures again on a worker thread (a newer refresh replaces an older)."""
        count = self.weeks_box.value()
        self.reading.setText(_("Computing…"))
        self._op.start(lambda _step: self._compute(count), done=self._show_weeks,
                       failed=self.reading.setText, describe=lambda error: _(
                           "The measures could not be computed: {error}").format(error=error),
                       supersede=True)

    def _show_weeks(self, weeks: list[WeekFigures]) -> None:
        self.weeks = weeks
        for chart in self.charts:
            chart.show_weeks(self.weeks)
        self.reading.setText(reading(self.weeks, self._locale))
        self.computed.emit()

    def export_csv(self, path: Path) -> None:
        """Write the weeks shown to ``path`` as CSV."""
        path.write_text(csv_text(self.weeks), encoding="utf-8")

    def _on_export_clicked(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export CSV"), "unhurried-health.csv", _("CSV (*.csv)"))
        if not name:
            return
        try:
            self.export_csv(Path(name))
        except OSError as error:
            QMessageBox.warning(self, _("Export CSV"), _(
                "The file could not be written: {error}. Choose another folder.").format(
                    error=error.strerror or error))

    def find_focus_time(self) -> FocusTimeDialog:
        """Show the free stretches of the coming week, to schedule as focus blocks."""
        dialog = FocusTimeDialog(self._free_time(), self._schedule, self._locale, self._zone,
                                 self)
        dialog.open()
        return dialog
