# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window built through the same wiring functions ``app.py`` calls, with fakes for the
clock and the secrets: each feature ends up in the window's menus and reaches its services."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from desktop.platform.paths import resolve_paths
from desktop.wiring.drafting import install_drafting
from desktop.wiring.importing import install_importing
from desktop.wiring.services import open_context
from desktop.wiring.window import build_window
from tests.fakes import FakeClock, FakeSecrets

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def _texts(menu_actions: list[QAction]) -> list[str]:
    return [a.text() for a in menu_actions if not a.isSeparator()]


@pytest.fixture
def wired(qtbot, qapp: QApplication, tmp_path: Path):
    clock = FakeClock(NOW)
    paths = resolve_paths(str(tmp_path))
    context = open_context(paths, clock)
    window, formatter = build_window(context, paths, clock, "en")
    qtbot.addWidget(window)
    secrets = FakeSecrets()
    drafting = install_drafting(window, context, paths, clock, formatter, secrets)
    importing = install_importing(qapp, window, context, paths, clock, secrets)
    yield window, context, drafting, importing
    importing.mail.cancel_and_wait()
    for source in importing.live:
        source.cancel_and_wait()
    drafting.close_all()
    if drafting.runner is not None:
        drafting.runner.stop()
    context.close()


def test_the_real_installs_put_drafting_and_importing_into_the_menus(wired) -> None:
    window, _context, _drafting, importing = wired
    file_items = _texts(window.file_menu.actions())
    edit_items = _texts(window.edit_menu.actions())
    assert any("SMTP" in text for text in edit_items)  # the drafting install's account dialog
    assert "Sync mai&l now" in file_items  # the mail sync install
    assert len(importing.live) == 3  # GitHub, Slack and Matrix
    assert window.importer is not None
    assert window.importer.csv_columns is not None


def test_marked_done_after_sending_is_a_step_of_the_windows_undo_stack(wired) -> None:
    window, context, drafting, _importing = wired
    from desktop.core.requests import Channel, Priority

    request = context.queue.add("Contract renewal", sender="ana@example.org",
                                channel=Channel.EMAIL, priority=Priority.NORMAL,
                                received_at=NOW)
    window.reload()
    assert drafting.env.mark_done is not None
    drafting.env.mark_done(request.id)  # what the draft window calls after sending
    assert request.id not in {entry.id for entry in context.queue.entries()}
    window.undo_stack.undo()  # Edit > Undo reaches it
    assert request.id in {entry.id for entry in context.queue.entries()}


def test_the_export_answer_is_remembered_in_the_settings(wired) -> None:
    _window, context, drafting, _importing = wired
    drafting.env.set_mark_done_on_export("yes")
    assert context.queue.settings.mark_done_on_export == "yes"
    assert drafting.env.mark_done_on_export() == "yes"
