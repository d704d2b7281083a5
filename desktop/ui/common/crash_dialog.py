# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the user sees when a bug escapes: a dialog with the report, written to a file too."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.i18n import _

logger = logging.getLogger(__name__)


Known = Callable[[BaseException], str | None]
"""The sentence for an exception that is no bug (a damaged or busy database), else ``None``."""


def install_excepthook(crash_dir: Path, stamp: Callable[[], str],
                       known: Known = lambda _error: None) -> None:
    """Show unexpected exceptions in a dialog and keep a report under ``crash_dir``.

    An exception ``known`` has a sentence for is shown as that sentence, not as a bug: a
    database found damaged while the window runs is the disk's fault, and "your data is safe"
    would be untrue.
    """

    def hook(kind: type[BaseException], error: BaseException,
             tb: TracebackType | None) -> None:
        report = "".join(traceback.format_exception(kind, error, tb))
        logger.error("unexpected error:\n%s", report)
        path = crash_dir / f"crash-{stamp()}.txt"
        try:
            crash_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(report, encoding="utf-8")
        except OSError:
            path = Path("-")
        if QApplication.instance() is None:
            sys.__excepthook__(kind, error, tb)
            return
        crash_box(known(error), path, report).exec()

    sys.excepthook = hook


def crash_box(sentence: str | None, path: Path, report: str) -> QMessageBox:
    """The dialog for an escaped exception: ``sentence`` if it is a known failure, else a bug."""
    if sentence is not None:
        box = QMessageBox(QMessageBox.Icon.Critical, _("Unhurried cannot use its database"),
                          sentence)
    else:
        box = QMessageBox(QMessageBox.Icon.Critical, _("Unhurried ran into a bug"),
                          _("Something went wrong that should not have. Your data is safe: "
                            "every change is saved as it is made. A report was written to "
                            "{path}; please attach it when you report the problem.").format(
                                path=path))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText(report)
    return box
