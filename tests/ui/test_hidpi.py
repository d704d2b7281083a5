# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""HiDPI: every icon the window draws is crisp at a device pixel ratio of 2, i.e. drawn from a
source with at least twice the pixels (the app's SVG, the style's 32 px variants), not a
16 px image blown up; and the app started with ``QT_SCALE_FACTOR=2`` renders at ratio 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage

from desktop import APP_ID
from desktop.core.queue.buckets import Bucket
from desktop.platform.resources import resource_path

from desktop.ui.queue.model import Column

ROOT = Path(__file__).resolve().parents[2]
SIZE = 16


def _image(icon: QIcon, size: int, ratio: float) -> QImage:
    return icon.pixmap(QSize(size, size), ratio).toImage().convertToFormat(
        QImage.Format.Format_ARGB32)


def _distance(first: QImage, second: QImage) -> int:
    """How many pixels differ by more than a rounding step in any channel."""

    def channels(image: QImage, x: int, y: int) -> tuple[int, ...]:
        colour = image.pixelColor(x, y)
        return colour.red(), colour.green(), colour.blue(), colour.alpha()

    return sum(max(abs(a - b) for a, b in zip(channels(first, x, y), channels(second, x, y),
                                               strict=True)) > 8
               for x in range(first.width()) for y in range(first.height()))


def crisp(icon: QIcon) -> bool:
    """Whether ``icon`` at 16 logical px and ratio 2 has 32 device px and is (nearly) the
    icon drawn natively at 32 px, not its 16 px image scaled up."""
    doubled = _image(icon, SIZE, 2.0)
    native = _image(icon, 2 * SIZE, 1.0)
    blown_up = _image(icon, SIZE, 1.0).scaled(
        2 * SIZE, 2 * SIZE, Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation).convertToFormat(QImage.Format.Format_ARGB32)
    if doubled.size() != QSize(2 * SIZE, 2 * SIZE):
        return False  # only a small image: the view blows it up
    return _distance(doubled, native) < _distance(doubled, blown_up) / 4


def _window_icons(window) -> list[QIcon]:
    model = window.model
    icons = []
    for bucket in Bucket:  # the first request of each bucket shows its bucket's icon
        icon = model.request_index(bucket, 0, Column.TIME_LEFT).data(
            Qt.ItemDataRole.DecorationRole)
        if icon is not None:
            icons.append(icon)
    return icons


def test_the_queues_icons_and_the_app_icon_are_crisp_at_ratio_two(window, qtbot) -> None:
    window.demo_action.trigger()  # File > Load demo data
    icons = _window_icons(window)
    assert len(icons) == 2  # overdue and at risk
    app_icon = QIcon(str(resource_path("icons", f"{APP_ID}.svg")))
    assert not app_icon.isNull()  # the SVG icon engine is there
    for icon in [*icons, app_icon]:
        assert crisp(icon)


def test_an_icon_with_only_a_16_px_image_is_found_blurry(qapp) -> None:
    from PySide6.QtGui import QColor, QPainter, QPixmap

    small = QPixmap(SIZE, SIZE)
    small.fill(QColor("white"))
    painter = QPainter(small)
    for step in range(0, SIZE, 2):  # fine detail that scaling up smears
        painter.fillRect(step, 0, 1, SIZE, QColor("black"))
    painter.end()
    assert not crisp(QIcon(small))


def test_the_app_started_with_scale_factor_two_renders_at_ratio_two(tmp_path: Path) -> None:
    code = (
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([])\n"
        "label = QLabel('Overdue by 2 hours'); label.show(); app.processEvents()\n"
        "print(app.devicePixelRatio(), label.grab().devicePixelRatio())\n"
    )
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    assert result.stdout.split() == ["2.0", "2.0"]
