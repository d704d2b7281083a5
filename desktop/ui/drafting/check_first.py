# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The context checker reads a message before it is queued, in the window as in
``reply --send``/``--post``: an error (a secret in the text) asks first, naming what was found;
warnings do not stop it (the findings pane shows them all along)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.drafting.checker import Finding, Severity
from desktop.core.i18n import _, ngettext


def errors_in(findings: Sequence[Finding]) -> list[Finding]:
    """The findings that stop a message until the user says go ahead."""
    return [f for f in findings if f.severity is Severity.ERROR]


def go_ahead(parent: QWidget, errors: Sequence[Finding], anyway: str) -> bool:
    """Ask whether to queue the message despite ``errors``; ``anyway`` labels the button
    ("Send anyway", "Post anyway"). Cancel is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Check the message"), ngettext(
        "The checker found {count} problem that should not go out:",
        "The checker found {count} problems that should not go out:",
        len(errors)).format(count=len(errors)), QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("checkFirstBox")
    box.setInformativeText("\n".join(f"• {f.message}" for f in errors))
    proceed = box.addButton(anyway, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is proceed
