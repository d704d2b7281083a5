# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Accessible descriptions: what a control does, said by a screen reader after its name.

The name says what a control is ("Port", "OK"); the description says what it does or what to
put in it. Qt reports a widget's ``accessibleDescription``, else its tool tip, so a control
with a tool tip already has one. :func:`describe` sets one; :func:`describe_buttons` gives a
dialog's standard buttons theirs by what they do in the dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from desktop.core.i18n import N_, _

_Standard = QDialogButtonBox.StandardButton
_Role = QDialogButtonBox.ButtonRole

_BY_BUTTON = {
    _Standard.Ok: N_("Accepts what this dialog shows and closes it."),
    _Standard.Save: N_("Saves what this dialog shows and closes it."),
    _Standard.Cancel: N_("Closes this dialog without changing anything."),
    _Standard.Close: N_("Closes this dialog."),
    _Standard.Yes: N_("Answers yes and closes this dialog."),
    _Standard.No: N_("Answers no and closes this dialog."),
}
_BY_ROLE = {
    _Role.AcceptRole: N_("Accepts what this dialog shows and closes it."),
    _Role.RejectRole: N_("Closes this dialog without changing anything."),
    _Role.ResetRole: N_("Puts the values back as they were."),
    _Role.HelpRole: N_("Shows help for this dialog."),
}


def describe(widget: QWidget, text: str) -> None:
    """Give ``widget`` the accessible description ``text`` (already translated)."""
    widget.setAccessibleDescription(text)


def describe_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    """Describe the buttons of ``box`` that have no description yet, by what they do; buttons
    added by a dialog itself keep (or need) their own. Returns ``box``."""
    for button in box.buttons():
        if button.accessibleDescription() or button.toolTip():
            continue
        text = _BY_BUTTON.get(box.standardButton(button)) or _BY_ROLE.get(box.buttonRole(button))
        if text:
            button.setAccessibleDescription(_(text))
    return box
