# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The checked editor: findings underlined after the typing pause, messages on hover, quick
fixes from the context menu and Ctrl+. that Ctrl+Z undoes, plain text only."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QTextCharFormat

from desktop.core.drafting.quickfix import FixContext

from desktop.ui.drafting.checked_editor import SEVERITY_COLOURS, CheckedEditor

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wed 10:00 in Berlin


@pytest.fixture
def editor(qtbot) -> CheckedEditor:
    made = CheckedEditor(fix_context=lambda: FixContext(NOW, ZoneInfo("Europe/Berlin")),
                         delay_ms=30)
    qtbot.addWidget(made)
    made.resize(600, 300)
    made.show()
    qtbot.waitExposed(made)
    return made


def underlined(editor: CheckedEditor) -> list[tuple[str, str]]:
    return [(s.cursor.selectedText(), s.format.underlineColor().name())
            for s in editor.extraSelections()
            if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline]


def point_of(editor: CheckedEditor, index: int) -> QPoint:
    cursor = editor.textCursor()
    cursor.setPosition(index)
    rect = editor.cursorRect(cursor)
    return QPoint(rect.x() + 2, rect.center().y())


def test_typing_underlines_vague_time_after_the_pause(qtbot, editor):
    with qtbot.waitSignal(editor.findingsChanged, timeout=2000) as signal:
        qtbot.keyClicks(editor, "Please review by EOD")
        assert underlined(editor) == []  # nothing while typing
    assert "vague-time" in [f.code for f in signal.args[0]]
    warning = SEVERITY_COLOURS[next(f for f in signal.args[0] if f.code == "vague-time")
                               .severity].name()
    assert ("EOD", warning) in underlined(editor)


def test_hover_shows_the_message(editor):
    editor.setPlainText("Please review by EOD")
    editor.check_now()
    assert "'EOD' means a different time" in editor.tooltip_at(
        point_of(editor, len("Please review by E")))
    assert editor.tooltip_at(point_of(editor, len("Please rev"))) == ""


def test_ctrl_period_applies_the_fix_and_ctrl_z_undoes_it(qtbot, editor):
    editor.setPlainText("Please review by EOD")
    editor.check_now()
    cursor = editor.textCursor()
    cursor.setPosition(len("Please review by EO"))
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Please review by Wed 25 Nov, 17:00 CET"
    assert "vague-time" not in [f.code for f in editor.findings()]
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Please review by EOD"


def test_context_menu_offers_the_fixes_first(editor):
    editor.setPlainText("@here please confirm by Thu 17:00")
    editor.check_now()
    menu = editor.context_menu_at(point_of(editor, 2))
    labels = [a.text() for a in menu.actions() if a.objectName() == "quickFix"]
    assert labels == ["Write “everyone” without notifying anybody"]
    assert menu.actions()[0].objectName() == "quickFix"
    zone_menu = editor.context_menu_at(point_of(editor, len("@here please confirm by Thu 17:0")))
    zone_fix = next(a for a in zone_menu.actions() if a.objectName() == "quickFix")
    assert zone_fix.text() == "Add the time zone: CET"
    zone_fix.trigger()
    assert editor.toPlainText() == "@here please confirm by Thu 17:00 CET"


def test_no_fix_context_means_no_fixes(qtbot):
    bare = CheckedEditor()
    qtbot.addWidget(bare)
    bare.setPlainText("by EOD")
    assert bare.fixes_at(4) == []
    assert bare.fix_at_cursor() is False


def test_pasting_rich_text_keeps_only_the_text(editor):
    data = QMimeData()
    data.setHtml("<b>bold</b> <a href='https://x.example'>link</a>")
    data.setText("bold link")
    editor.insertFromMimeData(data)
    assert editor.toPlainText() == "bold link"
    html = editor.document().toHtml()
    assert "font-weight:700" not in html
    assert "href" not in html


def test_an_emoji_before_a_finding_does_not_shift_its_underline(editor):
    editor.setPlainText("😀😀 please reply by 17:00")
    editor.check_now()
    assert ("17:00", SEVERITY_COLOURS[editor.findings()[0].severity].name()) in underlined(editor)
    editor.select_span(editor.findings()[0].start, editor.findings()[0].end)
    assert editor.textCursor().selectedText() == "17:00"
    assert [f.code for f in editor.findings_at(editor.textCursor().position())] == [
        "deadline-without-timezone"]


def test_whole_message_findings_are_listed_not_underlined(editor):
    editor.setPlainText("Nothing to do here")
    editor.check_now()
    assert [f.code for f in editor.findings()] == ["missing-ask"]
    assert underlined(editor) == []
