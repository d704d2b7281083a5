# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The secret scanner in the draft editor: it runs on a worker thread, so typing and checking
never wait for it; its hits join the findings when it answers, and "remove" takes the secret
out in one undoable step."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from PySide6.QtGui import QTextCursor

from desktop.core.drafting.quickfix import FixContext, FixKind
from desktop.core.drafting.secrets import SecretHit
from desktop.platform.secret_scan import scan

from desktop.ui.drafting.checked_editor import CheckedEditor, fix_label

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TOKEN = "glpat-xY9zK3mN7pQ2rS5tV8wB"  # a shape only the scanner knows


class BlockedScanner:
    """A scanner that answers only when the test lets it, and says on which thread it ran."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []
        self.texts: list[str] = []

    def __call__(self, text: str) -> list[SecretHit]:
        self.threads.append(threading.current_thread())
        self.texts.append(text)
        assert self.release.wait(5)
        start = text.find(TOKEN)
        return [] if start < 0 else [SecretHit(start, start + len(TOKEN), "GitLab Token")]


@pytest.fixture
def scanner() -> BlockedScanner:
    return BlockedScanner()


@pytest.fixture
def editor(qtbot, scanner) -> CheckedEditor:
    made = CheckedEditor(fix_context=lambda: FixContext(NOW, ZoneInfo("Europe/Berlin")),
                         delay_ms=20, secret_scanner=scanner)
    qtbot.addWidget(made)
    yield made
    scanner.release.set()  # no worker left waiting after the test


def codes(editor: CheckedEditor) -> list[str]:
    return [f.code for f in editor.findings()]


def test_checking_does_not_wait_for_a_scanner_that_has_not_answered(qtbot, editor, scanner):
    editor.setPlainText(f"FYI: deploy with {TOKEN}.")
    editor.check_now()  # returns while the scanner is still blocked
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " More text")
    editor.check_now()
    assert "secret" not in codes(editor)  # the checker's own rules do not know this shape
    assert scanner.threads
    assert threading.main_thread() not in scanner.threads
    with qtbot.waitSignal(editor.secretsScanned, timeout=3000):
        scanner.release.set()
    qtbot.waitUntil(lambda: "secret" in codes(editor), timeout=3000)
    finding = next(f for f in editor.findings() if f.code == "secret")
    assert editor.toPlainText()[finding.start:finding.end] == TOKEN
    assert TOKEN not in finding.message
    assert "GitLab Token" in finding.message


def test_remove_takes_the_secret_out_and_undo_brings_it_back(qtbot, editor, scanner):
    scanner.release.set()
    text = f"FYI: deploy with {TOKEN}."
    editor.setPlainText(text)
    editor.check_now()
    qtbot.waitUntil(lambda: "secret" in codes(editor), timeout=3000)
    finding = next(f for f in editor.findings() if f.code == "secret")
    fixes = editor.fixes_at(finding.start + 2)
    assert [f.kind for f in fixes] == [FixKind.REMOVE_SECRET]
    assert fix_label(fixes[0]) == "Remove the secret"
    editor.apply_fix(fixes[0])
    assert editor.toPlainText() == "FYI: deploy with ."
    editor.undo()
    assert editor.toPlainText() == text


def test_hits_of_an_old_scan_stay_only_where_their_words_still_are(qtbot, editor, scanner):
    scanner.release.set()
    editor.setPlainText(f"FYI: {TOKEN}")
    editor.check_now()
    qtbot.waitUntil(lambda: "secret" in codes(editor), timeout=3000)
    editor.setPlainText("FYI: nothing secret here")
    editor.check_now()
    assert "secret" not in codes(editor)


def test_the_real_scanner_names_kinds_and_keeps_prose_clean():
    text = ("Use ghp_R2d2C3poR2d2C3poR2d2C3poR2d2C3po12ab and Bearer eyJhbGciOiJIUzI1NiIsInR5cCI"
            "6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf3"
            "6POk6yJV_adQssw5c\nThe fix is in commit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39 on "
            "203.0.113.7, see https://docs.example.org/document/d/1aBcD3fGhIjKlMnOpQrStUvWxYz0123")
    kinds = {h.kind for h in scan(text)}
    assert {"GitHub Token", "JSON Web Token"} <= kinds
    assert all("3f2a9c1e" not in text[h.start:h.end] and "203.0" not in text[h.start:h.end]
               and "docs.example" not in text[h.start:h.end] for h in scan(text))
