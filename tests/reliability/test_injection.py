# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile text from outside (HTML, Qt rich text, images, links, bidi overrides, control
characters, 100,000-character lines) is shown as the text it is, in the queue, the detail pane
and tooltips, and never stretches the window or its rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument

from desktop.core.queue.service import QueueService
from desktop.core.requests import Request

from desktop.ui.common.formatting import Formatter, plain, safe_locale
from desktop.ui.main_window import MainWindow
from desktop.ui.queue.model import ITEM_ROLE, Column

LONG = "W" * 100_000
PAYLOADS = {
    "html": "<b>bold</b> <i>it</i> <h1>big</h1> <script>alert(1)</script> &amp; &lt;x&gt;",
    "qt-rich-text": "<qt><font color=red size=7>RED</font><table><tr><td>cell</td></tr></table>",
    "image": '<img src="file:///etc/passwd"> <img src="https://tracker.example/pixel.png">',
    "link": '<a href="https://evil.example/">https://good.example/</a> <a href=x>y</a>',
    "rtl-override": "invoice \u202egpj.exe\u202c and \u2066isolate\u2069",
    "controls": "bell\x07 esc\x1b[31m nul\x00 del\x7f tab\tend",
    "long-line": LONG,
    "long-markup": "<b>" * 20_000 + "x",
}


def _rendered(text: str) -> str:
    """What a Qt widget that guesses the format (QToolTip, QLabel) would show for ``text``."""
    document = QTextDocument()
    if GuiQt.mightBeRichText(text):
        document.setHtml(text)
    else:
        document.setPlainText(text)
    return document.toPlainText()


def _images(document: QTextDocument) -> int:
    count = 0
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isImageFormat():
                count += 1
            it += 1
        block = block.next()
    return count


def _index(window: MainWindow, request_id: str, column: Column) -> QModelIndex:
    index = window.model.index_of(request_id)
    return index.siblingAtColumn(column)


@pytest.fixture
def window(qtbot, service: QueueService, tmp_path: Path) -> MainWindow:
    for form in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(form, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    made = MainWindow(service, Formatter(safe_locale("en"), service.calendar.zone),
                      settings_choices=lambda: (["UTC"], {}), data_version=lambda: 0,
                      demo=lambda: 0)
    qtbot.addWidget(made)
    return made


@pytest.fixture
def hostile(service: QueueService) -> dict[str, Request]:
    return {name: service.add(text, sender=text, body=f"{text}\n{text}")
            for name, text in PAYLOADS.items()}


def test_hostile_text_is_plain_text_in_the_queue_and_its_tooltips(
        window: MainWindow, hostile: dict[str, Request], qtbot) -> None:
    window.load()
    window.show()
    qtbot.waitExposed(window)
    for name, request in hostile.items():
        for column, source in ((Column.SUBJECT, request.subject), (Column.SENDER,
                                                                   request.sender)):
            index = _index(window, request.id, column)
            assert index.data(ITEM_ROLE) is not None, name
            shown = index.data(Qt.ItemDataRole.DisplayRole)
            assert shown == plain(source), name  # item views paint DisplayRole as plain text
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            expected = plain(source)
            rendered = _rendered(tip)
            assert "\ufffc" not in rendered, f"{name}: the tooltip shows an image"
            assert rendered.replace("\u2026", "") in expected, (
                f"{name}: the tooltip is read as markup")
            assert len(tip) <= 2_000, f"{name}: a tooltip of {len(tip)} characters"


def test_hostile_text_is_plain_text_in_the_detail_pane(
        window: MainWindow, hostile: dict[str, Request], qtbot) -> None:
    window.load()
    window.show()
    qtbot.waitExposed(window)
    width = window.width()
    for name, request in hostile.items():
        window.view.select_request(request.id)
        document = window.detail.document()
        text = document.toPlainText()
        assert plain(request.subject)[:1000] in " ".join(text.split()), name
        assert _images(document) == 0, f"{name}: an image was loaded from a message"
        for label, href in _anchors(document):  # a link shows where it goes, nothing else
            assert href.startswith("https://"), (name, href)
            assert label == href, (name, label, href)
        assert not {"\u202e", "\x07", "\x00"} & set(text), name
        assert window.width() == width, f"{name}: the window grew"


def _anchors(document: QTextDocument) -> list[tuple[str, str]]:
    """(visible text, target) of each link in the document."""
    found: list[tuple[str, str]] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                found.append((it.fragment().text(), fmt.anchorHref()))
            it += 1
        block = block.next()
    return found


def test_hostile_rows_keep_one_line_and_the_window_its_width(
        window: MainWindow, hostile: dict[str, Request], qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    width = window.width()
    window.load()
    qtbot.wait(50)  # one layout pass of the view
    line = window.view.fontMetrics().height()
    for name, request in hostile.items():
        rect = window.view.visualRect(_index(window, request.id, Column.SUBJECT))
        assert 0 < rect.height() <= 2 * line + 8, f"{name}: a row of {rect.height()} px"
    assert window.width() == width
    assert window.minimumSizeHint().width() < 2000
