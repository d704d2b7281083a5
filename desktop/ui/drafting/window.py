# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The drafting window: recipient, zone, subject, the checked editor, findings and outputs.

Everything typed is autosaved a moment after typing stops and when the window closes; every
save that changed the text becomes a version (History restores one, undoably). Copying,
saving as .eml, opening in the mail app or sending a reply marks its request done when the
setting says so, with Undo in the message bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core.drafting.checker import Finding, Severity
from desktop.core.drafting.drafts import Draft, DraftState, DraftVersion
from desktop.core.drafting.outbox import INTERRUPTED
from desktop.core.drafting.quickfix import FixContext
from desktop.core.errors import InvalidInput, StorageFailed
from desktop.core.i18n import _, ngettext

from desktop.ui.common.accessibility import describe
from desktop.ui.drafting.checked_editor import CheckedEditor
from desktop.ui.drafting.delivery import DraftDelivery
from desktop.ui.drafting.delivery_texts import delivery_texts
from desktop.ui.drafting.dialogs import HistoryDialog
from desktop.ui.drafting.env import DraftEnvironment, Undo
from desktop.ui.drafting.models import ITEM_ROLE, FindingsModel

logger = logging.getLogger(__name__)

AUTOSAVE_MS = 800


class DraftWindow(DraftDelivery):
    """One draft being written.

    Args:
        env: services and ports (no store or platform imports here).
        draft: the stored draft to edit.
        autosave_ms: the pause in typing after which the draft is saved.
    """

    closed = Signal(str)  # the draft id

    def __init__(self, env: DraftEnvironment, draft: Draft, parent: QWidget | None = None, *,
                 autosave_ms: int = AUTOSAVE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("draftWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.env = env
        self._draft = draft
        self._filling = False
        self.hand_edited = bool(draft.body)
        self._undo_done: Undo | None = None
        self._marked_done = False
        self._autosave = QTimer(self, singleShot=True, interval=autosave_ms)
        self._autosave.timeout.connect(self.save_now)
        self.delivery = delivery_texts(env.post_place(draft.reply_to) if draft.reply_to
                                       else None)
        self._build_fields()
        self._build_actions()
        self._load(draft)
        self.resize(1000, 700)

    # -- building ----------------------------------------------------------------------------

    def _build_fields(self) -> None:
        self.recipient = QLineEdit(placeholderText=_("name@example.org or @handle"))
        self.zone = QComboBox(editable=True)
        self.zone.addItem("")
        self.zone.addItems(list(self.env.zones))
        self.zone.setCompleter(QCompleter(list(self.env.zones), self.zone))
        describe(self.zone, _("The recipient's time zone: deadlines in the message are also "
                              "given in it."))
        zone_line = self.zone.lineEdit()
        if zone_line is not None:  # an editable combo box always has one
            zone_line.setPlaceholderText(_("their time zone (unknown: yours)"))
        self.their_time = QLabel()
        self.where = QLabel(self.delivery.where)
        self.where.setObjectName("draftWhere")
        self.where.setTextFormat(Qt.TextFormat.PlainText)  # a room name is outside text
        self.subject = QLineEdit(placeholderText=_("Subject: the point in a few words"))
        self.editor = CheckedEditor(fix_context=self.fix_context,
                                    secret_scanner=self.env.secret_scanner)
        self.editor.setPlaceholderText(_("Summary first, then details, links, the ask and a "
                                         "deadline with a time zone."))
        style = self.style()
        icons = {Severity.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 Severity.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
                 Severity.INFO: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)}
        self.findings_model = FindingsModel(icons, self)
        self.findings_view = QListView()
        self.findings_view.setObjectName("findingsView")
        self.findings_view.setAccessibleName(_("What the message is missing"))
        describe(self.findings_view, _("What the context checker found; pick one to go to it."))
        self.findings_view.setModel(self.findings_model)
        self.findings_view.setWordWrap(True)
        self.findings_view.clicked.connect(self._on_findings_view_clicked)
        self.findings_view.activated.connect(self._on_findings_view_clicked)
        self.summary = QLabel(wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        zone_row = QHBoxLayout()
        zone_row.addWidget(self.zone, 1)
        zone_row.addWidget(self.their_time)
        form = QFormLayout()
        form.addRow(_("&To:"), self.recipient)
        if self.delivery.where:
            form.addRow("", self.where)
        zone_label = QLabel(_("Their &zone:"))
        zone_label.setBuddy(self.zone)  # addRow() sets no buddy for a layout
        form.addRow(zone_label, zone_row)
        form.addRow(_("&Subject:"), self.subject)
        self.form_area = QVBoxLayout()  # the template form goes here (set_form)
        self.form_area.setContentsMargins(0, 0, 0, 0)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(_("Findings")))
        side_layout.addWidget(self.findings_view, 1)
        side_layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.editor)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([680, 300])

        self.message = QLabel(wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message_button = QPushButton()
        self.message_button.clicked.connect(self._on_message_button_clicked)
        self._message_action: Undo | None = None
        self.message_bar = QWidget()
        self.message_bar.setObjectName("draftMessageBar")
        bar = QHBoxLayout(self.message_bar)
        bar.setContentsMargins(6, 2, 6, 2)
        bar.addWidget(self.message, 1)
        bar.addWidget(self.message_button)
        self.message_bar.hide()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(form)
        layout.addLayout(self.form_area)
        layout.addWidget(self.message_bar)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        for signal in (self.recipient.textChanged, self.zone.currentTextChanged,
                       self.subject.textChanged, self.editor.textChanged):
            signal.connect(self._on_field_changed)
        self.zone.currentTextChanged.connect(lambda _text: self._update_their_time())
        self.editor.findingsChanged.connect(self._on_editor_findings_changed)

    def _action(self, text: str, slot: Callable[[], object],
                shortcut: str | QKeySequence | QKeySequence.StandardKey = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.copy_md_action = self._action(_("Copy as &Markdown"), self.copy_markdown,
                                           "Ctrl+Shift+C")
        self.copy_plain_action = self._action(_("Copy as &plain text"), self.copy_plain,
                                              "Ctrl+Alt+C")
        self.eml_action = self._action(_("Save as .&eml…"), self.save_eml,
                                       QKeySequence.StandardKey.SaveAs)
        self.mailto_action = self._action(_("Open in &mail app"), self.open_in_mail_app,
                                          "Ctrl+Shift+M")
        self.send_action = self._action(self.delivery.now, self.send_now, "Ctrl+Return")
        self.later_action = self._action(self.delivery.later, self.send_later,
                                         "Ctrl+Shift+Return")
        self.history_action = self._action(_("&History…"), self.show_history, "Ctrl+H")
        self.account_action = self._action(_("SMTP &account…"), self._edit_account)
        self.account_action.setEnabled(self.env.edit_account is not None)
        self.done_setting = QAction(_("A delivered reply marks its request done"),
                                    self, checkable=True)
        self.done_setting.setChecked(self.env.mark_done_on_send())
        self.done_setting.toggled.connect(self.env.set_mark_done_on_send)
        close = self._action(_("&Close"), self.close, QKeySequence.StandardKey.Close)
        message = self.menuBar().addMenu(_("&Message"))
        for item in (self.send_action, self.later_action, None, self.copy_md_action,
                     self.copy_plain_action, self.eml_action, self.mailto_action, None,
                     self.history_action, None, close):
            message.addSeparator() if item is None else message.addAction(item)
        edit = self.menuBar().addMenu(_("&Edit"))
        edit.addAction(self.editor.fix_action)
        edit.addSeparator()
        edit.addAction(self.done_setting)
        edit.addAction(self.account_action)
        tools = QToolBar(_("Message"), self)
        tools.setObjectName("draftToolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for item in (self.send_action, self.later_action, self.copy_md_action,
                     self.copy_plain_action, self.eml_action, self.mailto_action,
                     self.history_action):
            tools.addAction(item)
        self.addToolBar(tools)

    # -- the draft -----------------------------------------------------------------------------

    def _load(self, draft: Draft) -> None:
        self._filling = True
        try:
            self.recipient.setText(draft.recipient)
            self.zone.setCurrentText(draft.recipient_zone)
            self.subject.setText(draft.subject)
            self.editor.setPlainText(draft.body)
        finally:
            self._filling = False
        self.editor.check_now()
        self._show_state()

    def _show_state(self) -> None:
        draft = self._draft
        editable = draft.editable
        for widget in (self.recipient, self.zone, self.subject):
            widget.setEnabled(editable)
        self.editor.setReadOnly(not editable)
        self.send_action.setEnabled(editable)
        self.later_action.setEnabled(editable)
        title = draft.subject or _("New message")
        self.setWindowTitle(_("{subject} – Draft").format(subject=title))
        if draft.state is DraftState.SCHEDULED and draft.send_at is not None:
            self.show_message(_("Queued to go out {when}.").format(
                when=self.env.formatter.full(draft.retry_at or draft.send_at)),
                _("Take back"), self.take_back)
        elif draft.state is DraftState.SENT and draft.sent_at is not None:
            self.show_message(self.delivery.done.format(when=self.env.formatter.full(
                draft.sent_at)))
        elif draft.state is DraftState.FAILED and draft.error == INTERRUPTED:
            self.show_message(_("Sending was interrupted: the message may have gone out. Check "
                                "your Sent folder before you send it again."))
        elif draft.state is DraftState.FAILED:
            self.show_message(_("The server refused the message: {reason}").format(
                reason=draft.error))
        self._update_their_time()

    def recipient_zone(self) -> str:
        """The zone typed for the recipient if it is a known one, else ``""``."""
        text = self.zone.currentText().strip()
        return text if text in self.env.zones else ""

    def fix_context(self) -> FixContext:
        """What quick fixes need: the user's and the recipient's zone, hours, now, handle."""
        theirs = self.recipient_zone()
        who = self.recipient.text().strip()
        handle = who.lstrip("@") if "@" not in who.lstrip("@") and " " not in who else ""
        return FixContext(self.env.drafts.now(), ZoneInfo(self.env.user_zone()),
                          self.env.hours(), handle,
                          recipient=ZoneInfo(theirs) if theirs else None)

    def save_now(self) -> Draft:
        """Store what is shown (a new version when the text changed)."""
        self._autosave.stop()
        if not self._draft.editable:
            return self._draft
        try:
            self._draft = self.env.drafts.autosave(
                self._draft.id, subject=self.subject.text(), body=self.editor.toPlainText(),
                recipient=self.recipient.text().strip(), recipient_zone=self.recipient_zone())
        except InvalidInput as error:
            self.show_message(error.message)
        except StorageFailed as error:  # a full disk: the text stays, the user copies it
            logger.warning("autosave failed: %s", error)
            self.show_message(_("The draft could not be saved ({reason}). Your text is still "
                                "here; copy it somewhere safe.").format(reason=error))
        else:
            self.saved.emit(self._draft)
            self.setWindowTitle(_("{subject} – Draft").format(
                subject=self._draft.subject or _("New message")))
        return self._draft

    def set_form(self, widget: QWidget) -> None:
        """Show a template's form above the editor (replacing an earlier one)."""
        while self.form_area.count():
            item = self.form_area.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        self.form_area.addWidget(widget)

    def load_rendered(self, subject: str, body: str) -> bool:
        """Fill subject and body from a template; asks first if the body was edited by hand.

        Returns whether the text was replaced. Replacing is one undoable step.
        """
        if self.hand_edited and self.editor.toPlainText().strip() and (
                self.editor.toPlainText() != body):
            answer = QMessageBox.question(
                self, _("Replace your text?"),
                _("You changed the message by hand. Replace it with the text from the "
                  "template? (Undo brings yours back.)"))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self._filling = True
        try:
            self._replace_text(subject, body)
        finally:
            self._filling = False
        self.hand_edited = False
        return True

    def restore_version(self, version: DraftVersion) -> None:
        """Put a saved version's text back (Ctrl+Z in the editor undoes it)."""
        self._replace_text(version.subject, version.body)
        self.save_now()
        self.show_message(_("Restored the version saved {when}.").format(
            when=self.env.formatter.full(version.saved_at)))

    def _replace_text(self, subject: str, body: str) -> None:
        if subject != self.subject.text():
            self.subject.selectAll()
            self.subject.insert(subject)  # keeps the line's own undo
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(body)
        cursor.endEditBlock()
        self.editor.check_now()

    # -- history and messages ---------------------------------------------------------------

    def show_history(self) -> None:
        """List the saved versions; the chosen one is restored."""
        self.save_now()
        dialog = HistoryDialog(self.env.drafts.history(self._draft.id), self.env.formatter, self)
        if dialog.exec() and dialog.chosen is not None:
            self.restore_version(dialog.chosen)

    def _on_field_changed(self, *_args: object) -> None:
        if self._filling:
            return
        if self.sender() is self.editor:
            self.hand_edited = True
        self._autosave.start()

    def _on_editor_findings_changed(self, findings: list[Finding]) -> None:
        self.findings_model.set_items(findings)
        if not findings:
            self.summary.setText(_("No findings: the message carries its own context."))
            return
        errors = sum(f.severity is Severity.ERROR for f in findings)
        self.summary.setText(ngettext("{count} finding", "{count} findings", len(findings))
                             .format(count=len(findings)) + (
            " · " + ngettext("{n} error", "{n} errors", errors).format(n=errors)
            if errors else ""))

    def _on_findings_view_clicked(self, index: QModelIndex) -> None:
        finding = index.data(ITEM_ROLE)
        if isinstance(finding, Finding):
            self.editor.select_span(finding.start, finding.end)

    def _update_their_time(self) -> None:
        zone = self.recipient_zone()
        if not zone:
            self.their_time.setText("")
            return
        now = format_datetime(self.env.drafts.now(), "EEE HH:mm", tzinfo=ZoneInfo(zone),
                              locale=self.env.formatter.locale)
        self.their_time.setText(_("their time: {time}").format(time=now))

    def _edit_account(self) -> None:
        if self.env.edit_account is not None:
            self.env.edit_account(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_now()
        draft = self._draft
        if draft.editable and not (draft.subject or draft.body or draft.recipient):
            self.env.drafts.delete(draft.id)  # an empty draft is not worth keeping
        self.closed.emit(draft.id)
        super().closeEvent(event)
