# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Composing from templates: a searchable template picker, the template's form and a preview.

:class:`ComposeDialog` is opened by File > New message from template… and by Edit > Reply on a
queued request (the reply template prefilled). The rendered text goes to one place,
:meth:`ComposeDialog.show_draft`, which feeds :class:`DraftPreview`; the draft editor replaces
the preview there. The window gets its actions from :mod:`desktop.ui.drafting.compose_actions`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.drafting import outputs
from desktop.core.drafting.replies import (
    FOLLOW_UP_TEMPLATE,
    REPLY_TEMPLATE,
    follow_up_values,
    reply_values,
)
from desktop.core.drafting.templates import RawValue, Template, TemplateBroken, Value
from desktop.core.i18n import N_, _
from desktop.core.requests import Request

from desktop.ui.common.accessibility import describe, describe_buttons
from desktop.ui.drafting.checked_editor import CheckedEditor
from desktop.ui.drafting.template_form import TemplateForm

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class Rendered(Protocol):
    """A rendered message (``platform.templates.Rendered``)."""

    @property
    def subject(self) -> str: ...

    @property
    def body(self) -> str: ...


class Library(Protocol):
    """What the dialog needs of the template library (``platform.templates``)."""

    @property
    def problems(self) -> Sequence[TemplateBroken]:
        """The template files that could not be read."""
        ...

    def templates(self) -> list[Template]: ...

    def render(self, template: Template, values: Mapping[str, Value]) -> Rendered: ...


class Column(IntEnum):
    """The one column of the template list."""

    TITLE = 0


HEADERS = {Column.TITLE: N_("Template")}


class TemplateListModel(QAbstractListModel):
    """The templates by title; the description is the tooltip and a search target."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[Template] = []

    def set_templates(self, templates: Sequence[Template]) -> None:
        self.beginResetModel()
        self._items = list(templates)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.description
        if role == SORT_ROLE:
            return f"{item.title}\n{item.description}\n{item.id}".casefold()
        if role == ITEM_ROLE:
            return item
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and section == Column.TITLE:
            return _(HEADERS[Column.TITLE])
        return None

    def row_of(self, template_id: str) -> int:
        return next((n for n, t in enumerate(self._items) if t.id == template_id), -1)


class DraftPreview(QWidget):
    """Read-only subject and body, the body checked as it changes (findings underlined)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.subject = QLineEdit(readOnly=True)
        self.subject.setObjectName("previewSubject")
        self.subject.setAccessibleName(_("Subject"))
        self.body = CheckedEditor()
        self.body.setObjectName("previewBody")
        self.body.setReadOnly(True)
        describe(self.subject, _("The subject the template gives the message."))
        describe(self.body,
                 _("The message as the template writes it, with what the checker found."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Preview")))
        layout.addWidget(self.subject)
        layout.addWidget(self.body, 1)

    def set_draft(self, subject: str, body: str) -> None:
        self.subject.setText(subject)
        if body != self.body.toPlainText():
            self.body.setPlainText(body)


class ComposeDialog(QDialog):
    """Pick a template, fill its form, watch the message take shape.

    Args:
        library: the template library.
        now: the current instant (injected clock).
        zone: the default zone for date-times (the recipient's if known, else the user's).
        zones: the zones offered.
        people: names and addresses for completion.
        template_id: the template to open with, if any.
        prefill: values for that template's fields.
        open_draft: takes the message on into the draft editor (Edit as draft); the button is
            left out without it.
        reply_to: the queued request this message answers, passed on to ``open_draft``.
    """

    def __init__(self, library: Library, now: Callable[[], datetime], zone: str,
                 zones: Sequence[str], people: Sequence[str] = (), template_id: str = "",
                 prefill: Mapping[str, RawValue] | None = None,
                 parent: QWidget | None = None, *, open_draft: OpenDraft | None = None,
                 reply_to: Request | None = None) -> None:
        super().__init__(parent)
        self._open_draft = open_draft
        self._reply_to = reply_to
        self.setWindowTitle(_("New message from template"))
        self.setObjectName("composeDialog")
        self._library = library
        self._args = (now, zone, zones, people)
        self._prefill = (template_id, dict(prefill or {}))
        self.form: TemplateForm | None = None
        self.model = TemplateListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit(placeholderText=_("Search templates"), clearButtonEnabled=True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.list = QListView()
        self.search.setAccessibleName(_("Search templates"))
        self.list.setAccessibleName(_("Templates"))
        describe(self.list, _("The message templates; pick one to fill it in."))
        self.list.setModel(self.proxy)
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.problems = QLabel(wordWrap=True)
        self.problems.setObjectName("templateProblems")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        picker = QWidget()
        column = QVBoxLayout(picker)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.search, self.list, self.problems):
            column.addWidget(widget)
        self.form_scroll = QScrollArea(widgetResizable=True)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview = DraftPreview()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for pane in (picker, self.form_scroll, self.preview):
            splitter.addWidget(pane)
        splitter.setSizes([190, 650, 440])
        self.status = QLabel()
        self.status.setObjectName("composeStatus")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        describe_buttons(buttons)
        self.copy_button = QPushButton(_("&Copy message"))
        self.copy_button.setShortcut(QKeySequence("Ctrl+Return"))
        describe(self.copy_button, _("Copies the filled-in message to paste it elsewhere."))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        if open_draft is not None:
            self.draft_button = QPushButton(_("&Edit as draft"))
            self.draft_button.setShortcut(QKeySequence("Ctrl+E"))
            self.draft_button.setToolTip(_("Go on in the editor: change the text, send it or "
                                           "send it later"))
            buttons.addButton(self.draft_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.draft_button.clicked.connect(self.edit_as_draft)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        refresh = QAction(_("Reload templates"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(lambda _c=False: self.reload())
        self.addAction(refresh)
        self.resize(1280, 760)
        self.reload()

    def reload(self) -> None:
        """Read the template folders again (new, edited or broken files)."""
        current = self.form.template.id if self.form is not None else self._prefill[0]
        self.model.set_templates(self._library.templates())
        problems = self._library.problems
        self.problems.setText("\n".join(str(p) for p in problems))
        self.problems.setVisible(bool(problems))
        row = self.model.row_of(current) if current else 0
        self.list.setCurrentIndex(self.proxy.mapFromSource(self.model.index(max(row, 0))))

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        template = current.data(ITEM_ROLE) if current.isValid() else None
        if template is None or (self.form is not None and self.form.template == template):
            return
        now, zone, zones, people = self._args
        form = TemplateForm(template, self._render, now, zone, zones, people)
        form.rendered.connect(self.show_draft)
        form.failed.connect(lambda message: self.status.setText(message))
        self.form = form
        self.form_scroll.setWidget(form)
        template_id, values = self._prefill
        if template.id == template_id and values:
            form.set_values(values)
            empty = [w for w in form.widgets.values() if w.field.required and w.is_empty()]
            if empty:  # a prefilled reply starts where the user has to write
                empty[0].setFocus()
        form.refresh()

    def _render(self, template: Template, values: Mapping[str, Value]) -> tuple[str, str]:
        rendered = self._library.render(template, values)
        return rendered.subject, rendered.body

    def show_draft(self, subject: str, body: str) -> None:
        """The one place rendered text goes: the preview (later the draft editor)."""
        self.status.clear()
        self.preview.set_draft(subject, body)

    def edit_as_draft(self) -> None:
        """Hand the message to the draft editor once every required field is filled."""
        if self._open_draft is None or self.form is None:
            return
        if not self.form.validate():
            self.status.setText(_("Fill in the fields marked in red first."))
            return
        recipient = self.form.raw_values().get("to", "")
        self._open_draft(ComposedMessage(
            self.form.template.id, self.preview.subject.text(), self.preview.body.toPlainText(),
            recipient if isinstance(recipient, str) else "", self._reply_to))
        self.accept()

    def copy(self) -> None:
        """Copy subject and body to the clipboard once every required field is filled."""
        if self.form is None or not self.form.validate():
            self.status.setText(_("Fill in the fields marked in red first."))
            return
        subject, body = self.preview.subject.text(), self.preview.body.toPlainText()
        QGuiApplication.clipboard().setText(outputs.to_plain(subject, body))
        self.status.setText(_("Copied to the clipboard."))


@dataclass(frozen=True)
class ComposedMessage:
    """A message filled in from a template, on its way to the draft editor."""

    template_id: str
    subject: str
    body: str
    recipient: str
    reply_to: Request | None


OpenDraft = Callable[[ComposedMessage], object]


class Composer:
    """Opens compose dialogs for the main window.

    Args:
        library: the template library.
        now: the current instant.
        own_zone: the user's zone (read when a dialog opens, as settings may change).
        zones: every zone offered.
        people: the senders known from the queue.
        open_draft: takes a composed message on into the draft editor.
        zone_of: the zone of a sender, from the people directory (``None``: not known).
    """

    def __init__(self, library: Library, now: Callable[[], datetime],
                 own_zone: Callable[[], str], zones: Callable[[], Sequence[str]],
                 people: Callable[[], Sequence[str]],
                 open_draft: OpenDraft | None = None,
                 zone_of: Callable[[str], str | None] = lambda _address: None) -> None:
        self.library = library
        self.zone_of = zone_of
        self.open_draft = open_draft
        self.now = now
        self.own_zone = own_zone
        self.zones = zones
        self.people = people

    def dialog(self, parent: QWidget | None, template_id: str = "",
               prefill: Mapping[str, RawValue] | None = None,
               reply_to: Request | None = None) -> ComposeDialog:
        return ComposeDialog(self.library, self.now, self.own_zone(), self.zones(),
                             self.people(), template_id, prefill, parent,
                             open_draft=self.open_draft, reply_to=reply_to)

    def reply_dialog(self, parent: QWidget | None, request: Request) -> ComposeDialog:
        """A reply to ``request``; the follow-up template when its follow-up is due."""
        now = self.now()
        if request.needs_follow_up(now):
            values = follow_up_values(request, now, self.own_zone(), self.zone_of(request.sender))
            dialog = self.dialog(parent, FOLLOW_UP_TEMPLATE, values, reply_to=request)
            dialog.setWindowTitle(_("Follow up: {subject}").format(subject=request.subject))
            return dialog
        values = reply_values(request, now, self.own_zone(), self.zone_of(request.sender))
        dialog = self.dialog(parent, REPLY_TEMPLATE, values, reply_to=request)
        dialog.setWindowTitle(_("Reply: {subject}").format(subject=request.subject))
        return dialog
