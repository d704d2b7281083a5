# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Child process of bench_first_paint: start a window, print when it first paints, exit.

    paint_child.py app DATA_DIR     the real app (``unhurried --data-dir DATA_DIR``)
    paint_child.py peer DATA_DIR    a bare QTableView over the same rows (the peer)
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from peak import peak_rss_mb

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QWidget


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and isinstance(
                watched.window(), QMainWindow | QTableView):
            rss_mb = peak_rss_mb()  # ru_maxrss would include the bench parent's peak
            print(f"PAINTED {time.time():.6f} {rss_mb:.1f}", flush=True)
            os._exit(0)
        return False


class Rows(QAbstractTableModel):
    def __init__(self, rows: list[tuple]) -> None:
        super().__init__()
        self._rows = rows

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 6

    def data(self, index: QModelIndex, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self._rows[index.row()][index.column()])
        return None


def main() -> None:
    kind, data_dir = sys.argv[1], sys.argv[2]
    app = QApplication([])
    watcher = FirstPaint()
    app.installEventFilter(watcher)
    if kind == "app":
        from desktop.app import main as app_main

        app_main(["--data-dir", data_dir])
        return
    import sqlite3

    conn = sqlite3.connect(os.path.join(data_dir, "unhurried.sqlite3"))
    rows = conn.execute("SELECT reply_by, reply_by, sender, subject, channel, priority "
                        "FROM requests WHERE state != 'done' ORDER BY reply_by").fetchall()
    view = QTableView()
    view.setModel(Rows(rows))
    view.resize(1280, 760)
    view.show()
    app.exec()


if __name__ == "__main__":
    main()
