# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The main window: the queue grouped by time left, a detail pane, actions with undo."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSplitter,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _, ngettext
from desktop.core.queue.buckets import Bucket, QueueEntry, QueueHead, next_change
from desktop.core.queue.service import QueueService
from desktop.core.requests import Request

from desktop.ui.common.formatting import Formatter
from desktop.ui.common.operation import Operation
from desktop.ui.common.settings_dialog import SettingsDialog
from desktop.ui.importing.actions import ImportController, ImportJob, dropped_paths, know_user
from desktop.ui.queue.detail_pane import DetailPane
from desktop.ui.queue.editing import RequestEditing
from desktop.ui.queue.model import BUCKET_ROLE, QueueModel
from desktop.ui.queue.view import QueueView
from desktop.ui.queue.wake_timer import WakeTimer

if TYPE_CHECKING:
    from desktop.ui.queue.trash import DeletedDialog

SEARCH_DELAY_MS = 150
POLL_MS = 2000

SettingsChoices = Callable[[], tuple[Sequence[str], Mapping[str, Sequence[str]]]]


class MainWindow(RequestEditing):
    """The queue window.

    Features plug in from their own modules through what
    :class:`~desktop.ui.common.host.FeatureWindow` declares.

    Args:
        queue: the queue service.
        formatter: formats times for the user's locale and zone.
        settings_choices: zones and holiday regions for the settings dialog.
        data_version: changes when another process (the CLI) changed the store.
        demo: adds the demo requests and returns how many.
        importer: runs an import on a worker thread (File > Import, dropped files).
        search: ids of the requests matching a search, best first (default: the queue's);
            asked on a worker.
    """

    queue_changed = Signal()
    settings_applied = Signal()
    """The settings in force changed (the dialog's OK, or a sync)."""
    rest_read = Signal()
    """The rest of the queue is read (see :meth:`load_head`); may be emitted on any thread."""

    def __init__(self, queue: QueueService, formatter: Formatter,
                 settings_choices: SettingsChoices, data_version: Callable[[], int],
                 demo: Callable[[], int], importer: ImportJob | None = None,
                 parent: QWidget | None = None,
                 search: Callable[[str], list[str]] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Unhurried"))
        self.setObjectName("mainWindow")
        self._queue = queue
        # The app's search reads on a connection of its own: on the window's, a slow prefix
        # ("in": 0.36 s at 200,000) held up every read of the window meanwhile.
        self._search = search or queue.search
        self._fmt = formatter
        self._settings_choices = settings_choices
        self._data_version = data_version
        self._seen_version = data_version()
        self._demo = demo
        self._trash: DeletedDialog | None = None
        self.importer = (ImportController(importer, self, lambda: know_user(queue, self))
                         if importer is not None else None)
        if self.importer is not None:
            self.importer.imported.connect(self.reload)
            self.setAcceptDrops(True)
        self.undo_stack = QUndoStack(self)
        self.context_actions: list[QAction] = []  # features add to the queue's context menu
        style = self.style()
        icons = {Bucket.OVERDUE: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 Bucket.AT_RISK: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        self.model = QueueModel(queue, formatter, icons, self)
        self.view = QueueView(self.model, self)
        self.detail = DetailPane(queue, formatter, self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([940, 340])
        central = QWidget(self)
        self.top_area = QVBoxLayout()  # features add banners here (focus block, sync state)
        self.top_area.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self.top_area)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self._splitter = splitter
        self.search = QLineEdit(placeholderText=_("Search (Ctrl+F)"), clearButtonEnabled=True)
        self.search.setObjectName("searchBox")
        self.search.setAccessibleName(_("Search requests"))
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        # The query runs off the GUI thread: a common word in 200,000 requests takes tens of
        # milliseconds, which the window would otherwise stand still for at each pause in typing.
        self._searching = Operation(self, "unhurried-search")
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        self._build_actions()
        self.wake = WakeTimer(queue.now, self._next_change, self)
        self.wake.due.connect(self.refresh_buckets)
        self.wake.ticked.connect(self._on_wake_ticked)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._on_poll_timeout)
        self.rest_read.connect(self.finish_load)
        self.view.selectionModel().currentChanged.connect(self._on_view_current_changed)
        self.resize(1280, 760)
        self._restore_state()

    # -- start-up ------------------------------------------------------------------------------

    def load(self, entries: list[QueueEntry] | None = None,
             seen_version: int | None = None) -> None:
        """Show the queue and start the timers.

        Args:
            entries: the queue read ahead (see ``desktop.store.prefetch``); read now if
                ``None``.
            seen_version: the store's change counter from before ``entries`` were read, so a
                change made meanwhile by another process is picked up by the next poll.
        """
        if entries is None:
            entries = self._queue.entries()
        self.model.load_entries(entries, self._queue.now())
        self._loaded(seen_version)
        self.finish_load()

    def load_head(self, head: QueueHead, rest: Callable[[], list[QueueEntry]],
                  seen_version: int | None = None) -> None:
        """Show the top of the queue at once, for a quick first paint of a large queue.

        ``rest`` reads all of it, on :meth:`finish_load` (emit ``rest_read`` when it can
        answer without waiting) or sooner if something needs a row beyond the head.
        """
        self.model.load_head(head, rest)
        self._loaded(seen_version)

    def finish_load(self) -> None:
        """Read the rest of the queue if only its head is shown, and start the timers."""
        self.model.complete()
        if not self._poll.isActive():
            self.wake.start()
            self._poll.start()

    def _loaded(self, seen_version: int | None) -> None:
        if seen_version is not None:
            self._seen_version = seen_version
        self._update_status()

    def offer_demo(self) -> bool:
        """On an empty store, offer the demo requests. Returns whether they were added."""
        if any(self.model.count(b) for b in Bucket):
            return False
        answer = QMessageBox.question(
            self, _("Welcome to Unhurried"),
            _("Your queue is empty. Load about 60 demo requests so you can see how the queue "
              "works? You can delete them later."))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self._demo()
        self.reload()
        return True

    # -- actions -------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.add_action = self._action(_("&Add request…"), self.add_request,
                                       QKeySequence.StandardKey.New)
        self.done_action = self._action(_("Mark &done"), self.mark_done, "D", on_view=True)
        self.wait_action = self._action(_("&Waiting on others / resume"), self.toggle_waiting,
                                        "W", on_view=True)
        self.delete_action = self._action(_("De&lete"), self.delete_selected,
                                          QKeySequence.StandardKey.Delete, on_view=True)
        self.settings_action = self._action(_("&Settings…"), self.open_settings, "Ctrl+,")
        self.demo_action = self._action(_("Load &demo data"), self._load_demo)
        quit_action = self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        find = self._action(_("&Find"), self._focus_search, QKeySequence.StandardKey.Find)
        refresh = self._action(_("&Refresh"), self.reload, QKeySequence.StandardKey.Refresh)
        undo = self.undo_stack.createUndoAction(self, _("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, _("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)

        self._build_edit_menus()

        bar = self.menuBar()
        self.file_menu = file_menu = bar.addMenu(_("&File"))
        imports = self.importer.actions if self.importer is not None else []
        for item in (self.add_action, None, *imports, self.demo_action, None, quit_action):
            file_menu.addSeparator() if item is None else file_menu.addAction(item)
        self.edit_menu = edit = bar.addMenu(_("&Edit"))
        for item in (undo, redo, None, self.done_action, self.wait_action):
            edit.addSeparator() if item is None else edit.addAction(item)
        edit.addMenu(self.snooze_menu)
        edit.addMenu(self.priority_menu)
        for item in (self.delete_action, None, find, None, self.settings_action):
            edit.addSeparator() if item is None else edit.addAction(item)
        self.view_menu = bar.addMenu(_("&View"))
        self.view_menu.addAction(refresh)
        self.deleted_action = self._action(_("&Deleted requests…"), self.show_deleted)
        self.view_menu.addAction(self.deleted_action)

        self.toolbar = tools = QToolBar(_("Actions"), self)
        tools.setObjectName("actionsToolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for item in (self.add_action, self.done_action, self.wait_action):
            tools.addAction(item)
        tools.addAction(self.snooze_menu.menuAction())
        tools.addAction(self.priority_menu.menuAction())
        tools.addAction(self.delete_action)
        tools.addSeparator()
        tools.addWidget(self.search)
        self.addToolBar(tools)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)

    def open_settings(self) -> None:
        """Show the settings dialog; on OK every reply-by is derived again."""
        zones, regions = self._settings_choices()
        dialog = SettingsDialog(self._queue, zones, regions, self)
        if dialog.exec():
            self.apply_settings()
            self.statusBar().showMessage(_("Settings saved."), 4000)

    def apply_settings(self) -> None:
        """Show the queue under the settings in force: the zone of every time shown, reply-by
        times and buckets (after the dialog, or a sync that brought another device's)."""
        self._fmt.zone = ZoneInfo(self._queue.settings.timezone)
        self.reload()
        self.settings_applied.emit()

    def reload(self) -> None:
        """Read everything from the store again (after settings or outside changes)."""
        current = self.view.current_request()
        # The change counter before the read: a write landing between the two is read again
        # at the next poll instead of being marked seen unread.
        version = self._data_version()
        self.model.load_entries(self._queue.entries(), self._queue.now())
        if current is not None:
            self.view.select_request(current.id)
        self._on_view_current_changed()  # the request read afresh, or gone (closed elsewhere)
        self._seen_version = version
        self._update_status()
        self.wake.replan()
        self.queue_changed.emit()

    def refresh_buckets(self) -> None:
        """Move requests between buckets for the current time."""
        self.model.refresh(self._queue.now())
        self._update_status()
        self._on_view_current_changed()

    def _load_demo(self) -> None:
        count = self._demo()
        self.reload()
        self.statusBar().showMessage(ngettext(
            "Added {count} demo request.", "Added {count} demo requests.", count).format(
                count=self._fmt.number(count)), 4000)

    # -- slots ----------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.importer is not None and dropped_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event.mimeData().urls())
        if self.importer is not None and paths:
            event.acceptProposedAction()
            self.importer.drop(paths)

    def _on_command_applied(self, request: Request) -> None:
        self.model.upsert(request)  # (the window's own writes leave the change counter be)
        self._update_status()
        self.wake.replan()
        self._on_view_current_changed()
        self.queue_changed.emit()

    def current_request(self) -> Request | None:
        """The request under the cursor in the queue, if any."""
        return self.view.current_request()

    def _on_view_current_changed(self, *_args: object) -> None:
        index = self.view.currentIndex()
        request = self.view.current_request()
        self.detail.show_request(request, index.data(BUCKET_ROLE) if request else None)

    def _on_view_context_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for action in (*self.context_actions, self.done_action, self.wait_action):
            menu.addAction(action)
        menu.addMenu(self.snooze_menu)
        menu.addMenu(self.priority_menu)
        menu.addAction(self.delete_action)
        menu.exec(self.view.viewport().mapToGlobal(position))

    def _on_search_timer_timeout(self) -> None:
        text = self.search.text()
        if not text.strip():
            self._searching.forget()  # an answer still on its way is for older text
            self._show_found(None)
            return
        self._searching.start(lambda _step: self._search(text), done=self._show_found,
                              failed=lambda message: self.statusBar().showMessage(message, 5000),
                              supersede=True)

    def _show_found(self, ids: list[str] | None) -> None:
        self.model.set_filter(ids)
        self._update_status()

    def _on_wake_ticked(self) -> None:
        self.model.refresh(self._queue.now())
        self._update_status()

    def _on_poll_timeout(self) -> None:
        version = self._data_version()
        if version != self._seen_version:
            self._seen_version = version
            self.reload()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _next_change(self) -> datetime:
        now = self._queue.now()
        return next_change(now, self._queue.calendar, self._queue.settings.at_risk,
                           self.model.reply_bys(self._queue.edges(now)),
                           [*self.model.snooze_ends(), *self.model.follow_ups(),
                            *self.model.snoozed_reply_bys()])

    def _update_status(self) -> None:
        overdue, at_risk = self.model.overdue_count(), self.model.count(Bucket.AT_RISK)
        shown = sum(self.model.count(b) for b in Bucket)
        number = self._fmt.number
        self.status.setText(_("{shown} in queue · {overdue} overdue · {at_risk} at risk").format(
            shown=number(shown), overdue=number(overdue), at_risk=number(at_risk)))

    # -- window state ----------------------------------------------------------------------------

    def _restore_state(self) -> None:
        state = QSettings()
        geometry = state.value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = state.value("mainWindow/splitter")
        if splitter is not None:
            self._splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._poll.stop()  # a closed window reads the store no more: it may be closed next
        self._searching.forget()
        self._searching.wait(2.0)
        if self.importer is not None:
            self.importer.cancel_and_wait()  # keeps the batches committed so far
        state = QSettings()
        state.setValue("mainWindow/geometry", self.saveGeometry())
        state.setValue("mainWindow/splitter", self._splitter.saveState())
        super().closeEvent(event)
