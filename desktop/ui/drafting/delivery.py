# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the drafting window makes of a draft: copies (Markdown, plain text), a saved .eml, the
mail app, and sending or posting it now or later through the outbox, with the context checker
first and "mark done" (with Undo) when the setting says so.
:class:`~desktop.ui.drafting.window.DraftWindow` builds the fields this base class reads."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QWidget,
)

from desktop.core.drafting import outputs
from desktop.core.drafting.drafts import Draft
from desktop.core.drafting.outbox import next_send_time
from desktop.core.errors import CoreError, InvalidInput
from desktop.core.i18n import _

from desktop.ui.drafting import check_first
from desktop.ui.drafting.check_first import errors_in
from desktop.ui.drafting.checked_editor import CheckedEditor
from desktop.ui.drafting.delivery_texts import DeliveryTexts
from desktop.ui.drafting.dialogs import SendLaterDialog
from desktop.ui.drafting.env import DraftEnvironment, Undo


class DraftDelivery(QMainWindow):
    """The outputs and delivery of :class:`~desktop.ui.drafting.window.DraftWindow`, which
    sets the attributes declared here."""

    saved = Signal(Draft)
    """The draft as stored, after each save."""

    env: DraftEnvironment
    delivery: DeliveryTexts
    recipient: QLineEdit
    subject: QLineEdit
    editor: CheckedEditor
    message_bar: QWidget
    message: QLabel
    message_button: QPushButton
    _message_action: Undo | None
    _draft: Draft
    _undo_done: Undo | None
    _marked_done: bool

    def save_now(self) -> Draft:
        raise NotImplementedError

    def recipient_zone(self) -> str:
        raise NotImplementedError

    def _show_state(self) -> None:
        raise NotImplementedError

    @property
    def draft(self) -> Draft:
        """The draft as last stored."""
        return self._draft

    def show_message(self, text: str, button: str = "", action: Undo | None = None) -> None:
        """Show a line in the message bar, with an optional button."""
        self.message.setText(text)
        self._message_action = action
        self.message_button.setText(button)
        self.message_button.setVisible(bool(button and action))
        self.message_bar.show()

    def _on_message_button_clicked(self) -> None:
        if self._message_action is not None:
            self._message_action()

    def copy_markdown(self) -> None:
        """Put the message on the clipboard as Markdown (for chat and trackers)."""
        self._copy(outputs.to_markdown(self.subject.text(), self.editor.toPlainText()),
                   _("Copied as Markdown."))

    def copy_plain(self) -> None:
        """Put the message on the clipboard as plain text."""
        self._copy(outputs.to_plain(self.subject.text(), self.editor.toPlainText()),
                   _("Copied as plain text."))

    def _copy(self, text: str, done: str) -> None:
        self.save_now()
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(done, 4000)
        self._output_made()

    def save_eml(self, path: Path | None = None) -> Path | None:
        """Write the message as an .eml file (asks where unless ``path`` is given)."""
        self.save_now()
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self, _("Save as .eml"), f"{self.subject.text().strip() or 'message'}.eml",
                _("Email message (*.eml)"))
            if not name:
                return None
            path = Path(name)
        sender = self.env.sender()
        try:
            data = outputs.to_eml(self.subject.text(), self.editor.toPlainText(),
                                  self.recipient.text().strip(), sender,
                                  date=self.env.drafts.now(),
                                  message_id=outputs.message_id(self.draft.id, sender),
                                  in_reply_to=self._draft.in_reply_to,
                                  references=self._draft.references)
        except InvalidInput as error:
            QMessageBox.warning(self, _("Save as .eml"), error.message)
            return None
        try:
            path.write_bytes(data)
        except OSError as error:
            QMessageBox.warning(self, _("Save as .eml"), _(
                "{path} could not be written ({reason}). Pick another folder.").format(
                path=path, reason=error.strerror or error))
            return None
        self.statusBar().showMessage(_("Saved {path}.").format(path=path), 4000)
        self._output_made()
        return path

    def open_in_mail_app(self) -> str:
        """Open the message in the desktop's mail app through a ``mailto:`` link."""
        self.save_now()
        url = outputs.mailto_link(self.subject.text(), self.editor.toPlainText(),
                                  self.recipient.text())
        if not self.env.open_url(url):
            self.show_message(_("No mail app opened the message. Copy it instead."))
            return url
        self._output_made()
        return url

    def send_now(self) -> bool:
        """Queue the message to go out after the undo window (a setting, 10 s by default);
        Undo in the message bar takes it back before then."""
        seconds = max(self.env.undo_seconds(), 0)
        if not self._schedule(self.env.drafts.now() + timedelta(seconds=seconds)):
            return False
        if seconds:
            self.show_message(self.delivery.counting(seconds), _("Undo"), self.take_back)
        return True

    def planned_send_time(self) -> datetime:
        """Send-later's suggestion: the recipient's next working moment outside focus."""
        zone = ZoneInfo(self.recipient_zone() or self.env.user_zone())
        hours = self.env.hours_of(self.recipient.text()) or self.env.hours()
        return next_send_time(self.env.drafts.now(), zone, hours, self.env.busy)

    def send_later(self, when: datetime | None = None) -> bool:
        """Queue the message for ``when`` (asks, suggesting :meth:`planned_send_time`)."""
        if when is None:
            try:
                suggested = self.planned_send_time()
            except CoreError:
                suggested = self.env.drafts.now()
            dialog = SendLaterDialog(suggested, self.env.formatter, self.recipient_zone(), self)
            dialog.setWindowTitle(self.delivery.later_title)
            if not dialog.exec():
                return False
            when = dialog.when()
        return self._schedule(when)

    def _schedule(self, when: datetime) -> bool:
        self.editor.check_now()
        errors = errors_in(self.editor.findings())
        if errors and not check_first.go_ahead(self, errors, self.delivery.anyway):
            return False
        if not self.delivery.where and not self.env.account_ready() and (
                self.env.edit_account is None or not self.env.edit_account(self)):
            self.show_message(_("Set up an SMTP account (Edit > SMTP account) to send from "
                                "Unhurried, or copy the message instead."))
            return False
        draft = self.save_now()
        closes = draft.reply_to is not None and self.env.mark_done_on_send()
        try:
            self._draft = self.env.outbox.schedule(draft, when, closes_request=closes)
        except InvalidInput as error:
            self.show_message(error.message)
            return False
        self.saved.emit(self._draft)
        self._show_state()
        self.env.deliver_soon()
        if closes:
            self.show_message(self.delivery.queued)
        return True

    def take_back(self) -> None:
        """Take a queued message back to edit it."""
        try:
            self._draft = self.env.outbox.unschedule(self.env.drafts.get(self._draft.id))
        except InvalidInput as error:
            self.show_message(error.message)
            return
        self.message_bar.hide()
        self._show_state()
        self.saved.emit(self._draft)

    def refresh(self) -> None:
        """Read the draft again (the outbox runner changed its state)."""
        stored = self.env.drafts.get(self._draft.id)
        if stored.state is not self._draft.state:
            self._draft = stored
            self._show_state()

    def ask_mark_done(self) -> tuple[bool, bool]:
        """Ask whether copying or saving a reply closes its request: ``(mark, remember)``."""
        box = QMessageBox(QMessageBox.Icon.Question, _("Mark the request done?"),
                          _("The reply left Unhurried by copy, file or mail app, so Unhurried "
                            "cannot tell whether it was sent. Mark the request done?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        remember = QCheckBox(_("Remember my answer"))
        box.setCheckBox(remember)
        answer = box.exec()
        return answer == QMessageBox.StandardButton.Yes, remember.isChecked()

    def _output_made(self) -> None:
        """A copy, a file or the mail app: the request closes only if the user says so (asked
        once; the answer can be remembered as the ``mark_done_on_export`` setting)."""
        request = self._draft.reply_to
        if request is None or self._marked_done or self.env.mark_done is None:
            return
        choice = self.env.mark_done_on_export()
        if choice == "ask":
            mark, remember = self.ask_mark_done()
            if remember:
                self.env.set_mark_done_on_export("yes" if mark else "no")
        else:
            mark = choice == "yes"
        if not mark:
            return
        try:
            self._undo_done = self.env.mark_done(request)
        except CoreError as error:
            self.show_message(str(error))
            return
        self._marked_done = True
        self.show_message(_("The request this replies to was marked done."), _("Undo"),
                          self.undo_mark_done)

    def undo_mark_done(self) -> None:
        """Reopen the request that sending or copying marked done."""
        if self._undo_done is not None:
            undo, self._undo_done = self._undo_done, None
            undo()
            self._marked_done = False
        self.message_bar.hide()
