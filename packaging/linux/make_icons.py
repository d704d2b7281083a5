# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Render the SVG master icon to PNGs at the standard sizes, in the hicolor theme layout.

    python packaging/linux/make_icons.py OUT   # OUT/hicolor/<n>x<n>/apps/<app-id>.png

Rendered with Qt's own SVG renderer on the offscreen platform, so it needs no display and no
extra tool; ``make dist`` runs it. The PNGs are build output: never commit them.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ROOT = Path(__file__).resolve().parents[2]
APP_ID = "org.unhurried.Unhurried"


def render(out: Path, master: Path | None = None) -> list[Path]:
    """Write every size (and the SVG itself as ``scalable``); returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    master = master or ROOT / "resources" / "icons" / f"{APP_ID}.svg"
    renderer = QSvgRenderer(str(master))
    if not renderer.isValid():
        raise SystemExit(f"{master} is not a valid SVG")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"could not write {target}")
        written.append(target)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(master, scalable)
    del app
    return [*written, scalable]


if __name__ == "__main__":
    for path in render(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons")):
        print(path)
