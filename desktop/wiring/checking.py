# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The context checker with the secret scanner plugged in, for the command line and ``make
eval``. The draft window runs the two apart: the checker as one types, the scanner off the GUI
thread (see :class:`desktop.ui.drafting.checked_editor.CheckedEditor`)."""

from __future__ import annotations

from desktop.core.drafting.checker import Finding, check
from desktop.platform.secret_scan import scan


def check_message(text: str, *, language: str | None = None,
                  recipient_zone: str | None = None) -> list[Finding]:
    """Every finding for ``text``, secrets from detect-secrets included."""
    return check(text, language=language, recipient_zone=recipient_zone, secrets=scan(text))
