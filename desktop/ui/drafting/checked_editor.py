# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A plain-text editor that runs the context checker as the user types.

Findings are underlined with wavy lines (red for errors, amber for warnings, blue for hints)
after a short pause in typing; hovering one shows its message; the context menu and Ctrl+.
offer the quick fixes of :mod:`desktop.core.drafting.quickfix`. Fixes are edits on the document, so
Ctrl+Z undoes them. Pasted text always arrives as plain text.

The secret scanner (detect-secrets, a few milliseconds a line) never runs on the GUI thread: after
each check the text goes to the window's background :class:`Operation`, and its hits join the
findings when it answers.
Until then, hits of the last scan whose words are still in place stay; the checker's own
secret rules run with every check.

Checker spans count Python characters; Qt counts UTF-16 units. :class:`_Offsets` converts, so
an emoji before a finding does not shift its underline.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from desktop.core.drafting.checker import Finding, Severity, check
from desktop.core.drafting.quickfix import FixContext, FixKind, QuickFix, fixes_for, zone_label
from desktop.core.drafting.secrets import SecretHit
from desktop.core.i18n import _

from desktop.ui.common.accessibility import describe
from desktop.ui.common.formatting import plain_html
from desktop.ui.common.operation import Operation

logger = logging.getLogger(__name__)

CHECK_DELAY_MS = 250
SecretScanner = Callable[[str], Sequence[SecretHit]]
SEVERITY_COLOURS = {Severity.ERROR: QColor("#d32f2f"), Severity.WARNING: QColor("#e08a00"),
                    Severity.INFO: QColor("#1e88e5")}
# Findings about the message as a whole are listed, not underlined: a wavy line under every
# word of a message says nothing.
WHOLE_MESSAGE = frozenset({"missing-ask", "missing-summary"})


def fix_label(fix: QuickFix) -> str:
    """The menu entry of a quick fix."""
    if fix.kind is FixKind.ADD_ZONE:
        return _("Add the time zone: {zone}").format(zone=fix.value)
    if fix.kind is FixKind.CONCRETE_TIME:
        return _("Replace with {time}").format(time=fix.value)
    if fix.kind is FixKind.MENTION_RECIPIENT:
        return _("Mention {name} instead").format(name=fix.value)
    if fix.kind is FixKind.REMOVE_SECRET:
        return _("Remove the secret")
    if fix.kind is FixKind.INSERT_SKELETON:
        return _("Write out summary, ask and deadline")
    return _("Write “everyone” without notifying anybody")


def _underline_format(colour: QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(colour)
    tint = QColor(colour)
    tint.setAlpha(40)  # a faint wash: a thin wavy line alone is easy to miss
    fmt.setBackground(tint)
    return fmt


class _Offsets:
    """Python string indices to Qt (UTF-16) positions and back."""

    def __init__(self, text: str) -> None:
        self._wide = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]

    def to_qt(self, index: int) -> int:
        return index + bisect_right(self._wide, index - 1)

    def from_qt(self, position: int) -> int:
        index = position
        for wide in self._wide:  # few in practice: emoji
            if wide < index:
                index -= 1
        return index


class CheckedEditor(QPlainTextEdit):
    """The message body editor with findings underlined.

    Args:
        fix_context: what quick fixes need (recipient zone, working hours, now); ``None``
            offers no fixes.
        delay_ms: the pause in typing after which the checker runs.
        secret_scanner: finds secrets in a text, run on a worker thread; ``None`` leaves
            secrets to the checker's own rules.
        language: ``"en"`` or ``"de"`` when the template says; detected when ``None``.
    """

    findingsChanged = Signal(list)  # noqa: N815  (the name the drafting API promises)
    secretsScanned = Signal()  # noqa: N815  (a scan's hits have joined the findings)

    def __init__(self, parent: QWidget | None = None, *,
                 fix_context: Callable[[], FixContext] | None = None,
                 delay_ms: int = CHECK_DELAY_MS, secret_scanner: SecretScanner | None = None,
                 language: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkedEditor")
        self.setAccessibleName(_("Message"))
        describe(self, _("The message text; the context checker marks what is missing."))
        self.setTabChangesFocus(True)
        self._fix_context = fix_context
        self._scanner = secret_scanner
        self.language = language
        self._scan_text = ""  # the text the hits below were found in
        self._scan_hits: Sequence[SecretHit] = ()
        self._scan_op = Operation(self, "unhurried-secrets")
        self._scan_pending: str | None = None
        self._findings: list[Finding] = []
        self._offsets = _Offsets("")
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.check_now)
        self.textChanged.connect(self._timer.start)
        self.fix_action = QAction(_("Quick fix"), self)
        self.fix_action.setShortcut(QKeySequence("Ctrl+."))
        self.fix_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.fix_action.triggered.connect(lambda _checked=False: self.fix_at_cursor())
        self.addAction(self.fix_action)
        self.last_menu: QMenu | None = None

    # -- checking ----------------------------------------------------------------------------

    def set_fix_context(self, fix_context: Callable[[], FixContext] | None) -> None:
        """Change what quick fixes are computed against (e.g. a new recipient zone)."""
        self._fix_context = fix_context

    def findings(self) -> list[Finding]:
        """The findings of the text as it is now (checking first if typing is pending)."""
        if self._timer.isActive():
            self.check_now()
        return list(self._findings)

    def check_now(self) -> None:
        """Run the checker now, underline what it found and emit :attr:`findingsChanged`."""
        self._timer.stop()
        text = self.toPlainText()
        self._offsets = _Offsets(text)
        recipient = None
        if self._fix_context is not None:
            context = self._fix_context()
            if context.recipient is not None:
                recipient = zone_label(context.recipient, context.now)
        self._findings = check(text, language=self.language, recipient_zone=recipient,
                               secrets=self._hits_still_in(text))
        self._underline()
        self.findingsChanged.emit(list(self._findings))
        if self._scanner is not None and text != self._scan_text:
            self._scan(text)

    # -- the secret scanner, off the GUI thread -----------------------------------------------

    def _hits_still_in(self, text: str) -> list[SecretHit]:
        old = self._scan_text
        return [h for h in self._scan_hits
                if h.end <= len(text) and text[h.start:h.end] == old[h.start:h.end]]

    def _scan(self, text: str) -> None:
        if self._scan_op.running:  # one scan at a time; the newest text waits for it
            self._scan_pending = text
            return
        scanner = self._scanner
        assert scanner is not None
        self._scan_op.start(  # a failure leaves the checker's own rules to run
            lambda _step: list(scanner(text)), done=lambda hits: self._on_scanned(text, hits),
            failed=lambda _reason: self._on_scanned(text, []))

    def _on_scanned(self, text: str, hits: Sequence[SecretHit]) -> None:
        self._scan_text, self._scan_hits = text, hits
        pending, self._scan_pending = self._scan_pending, None
        if self.toPlainText() == text:
            self.check_now()
        elif pending is not None:
            self._scan(self.toPlainText())
        self.secretsScanned.emit()

    def _underline(self) -> None:
        selections = []
        formats = {severity: _underline_format(colour)
                   for severity, colour in SEVERITY_COLOURS.items()}
        for finding in self._findings:
            if finding.code in WHOLE_MESSAGE or finding.start == finding.end:
                continue
            selection = QTextEdit.ExtraSelection()
            selection.format = formats[finding.severity]
            selection.cursor = self.span_cursor(finding.start, finding.end)
            selections.append(selection)
        self.setExtraSelections(selections)

    # -- positions -----------------------------------------------------------------------------

    def span_cursor(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting ``text[start:end]`` (Python indices)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def select_span(self, start: int, end: int) -> None:
        """Select ``text[start:end]``, scroll to it and take the focus (findings panel)."""
        self.setTextCursor(self.span_cursor(start, end))
        self.ensureCursorVisible()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def findings_at(self, position: int) -> list[Finding]:
        """Underlined findings whose span holds the Qt ``position`` (or ends right at it)."""
        index = self._offsets.from_qt(position)
        return [f for f in self.findings()
                if f.code not in WHOLE_MESSAGE and f.start <= index <= f.end]

    def findings_under(self, point: QPoint) -> list[Finding]:
        """Findings under a point of the viewport."""
        return self.findings_at(self.cursorForPosition(point).position())

    def tooltip_at(self, point: QPoint) -> str:
        """The messages of the findings under a viewport point, as plain text."""
        return "\n\n".join(f.message for f in self.findings_under(point))

    # -- hover ---------------------------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                # A <p> makes Qt read it as rich text: the escaped message shows literally
                # (quotes and all) and long messages wrap.
                html = "<p>" + plain_html(text).replace("\n", "<br>") + "</p>"
                QToolTip.showText(event.globalPos(), html, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # -- quick fixes ---------------------------------------------------------------------------

    def fixes_at(self, position: int) -> list[QuickFix]:
        """The quick fixes for findings at a Qt position."""
        if self._fix_context is None:
            return []
        context = self._fix_context()
        text = self.toPlainText()
        return [fix for finding in self.findings_at(position)
                for fix in fixes_for(finding, text, context)]

    def apply_fix(self, fix: QuickFix) -> None:
        """Make a fix's edit as one undoable step."""
        cursor = self.span_cursor(fix.edit.start, fix.edit.end)
        cursor.beginEditBlock()
        cursor.insertText(fix.edit.replacement)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.check_now()

    def fix_at_cursor(self) -> bool:
        """Ctrl+.: apply the only fix at the text cursor, or offer a menu of several."""
        fixes = self.fixes_at(self.textCursor().position())
        if not fixes:
            return False
        if len(fixes) == 1:
            self.apply_fix(fixes[0])
            return True
        menu = QMenu(self)
        self._add_fix_actions(menu, fixes)
        self.last_menu = menu
        menu.popup(self.viewport().mapToGlobal(self.cursorRect().bottomLeft()))
        return True

    def _add_fix_actions(self, menu: QMenu, fixes: list[QuickFix],
                         before: QAction | None = None) -> None:
        for fix in fixes:
            action = QAction(fix_label(fix), menu)
            action.setObjectName("quickFix")
            action.triggered.connect(lambda _checked=False, f=fix: self.apply_fix(f))
            menu.insertAction(before, action) if before else menu.addAction(action)
        if before is not None and fixes:
            menu.insertSeparator(before)

    def context_menu_at(self, point: QPoint) -> QMenu:
        """The standard edit menu with the quick fixes for the finding under ``point`` first."""
        menu = self.createStandardContextMenu(point)
        fixes = self.fixes_at(self.cursorForPosition(point).position())
        first = menu.actions()[0] if menu.actions() else None
        self._add_fix_actions(menu, fixes, first)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu_at(event.pos())
        self.last_menu = menu
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- plain text only ------------------------------------------------------------------------

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(source.text())

    def createMimeDataFromSelection(self) -> QMimeData:
        data = QMimeData()
        data.setText(self.textCursor().selection().toPlainText())
        return data
