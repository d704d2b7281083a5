# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window and command-line processes write the same store at once: nobody sees "database
is locked", no write is lost, and the window picks up the others' requests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from desktop.core.requests import Priority, State
from desktop.platform.paths import resolve_paths
from desktop.wiring.demo import load_demo
from desktop.wiring.services import open_context

from desktop.ui.common.formatting import Formatter, safe_locale
from desktop.ui.main_window import POLL_MS, MainWindow

ROOT = Path(__file__).resolve().parents[2]
WRITERS, ADDS = 3, 25


def test_window_and_cli_writers_share_the_store(qtbot, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for form in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(form, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    shown: list[str] = []
    for box in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, box, lambda *a, **k: shown.append(str(a[2:3])))
    data = tmp_path / "data"
    context = open_context(resolve_paths(data))
    try:
        load_demo(context)
        window = MainWindow(context.queue, Formatter(safe_locale("en"), ZoneInfo("UTC")),
                            settings_choices=lambda: (["UTC"], {}),
                            data_version=context.requests.data_version, demo=lambda: 0)
        qtbot.addWidget(window)
        window.load()
        window.show()
        mine = [r.id for r in context.queue.active()][:30]

        env = dict(os.environ, PYTHONPATH=str(ROOT))
        writers = [subprocess.Popen([sys.executable, "-m", "tests.reliability.writer", str(data),
                                     f"writer{w}", str(ADDS)], env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True) for w in range(WRITERS)]
        deadline = time.monotonic() + 240
        edited = 0
        while any(w.poll() is None for w in writers) or edited < len(mine):
            assert time.monotonic() < deadline, "the writers never finished"
            if edited < len(mine):  # the window edits while the others write
                window.view.select_request(mine[edited])
                (window.mark_done if edited % 2 else lambda: window.set_priority(
                    Priority.URGENT))()
                edited += 1
            qtbot.wait(20)
        for writer in writers:
            _out, err = writer.communicate()
            assert writer.returncode == 0, err
            assert "locked" not in err
        assert shown == [], f"the window showed errors: {shown}"

        everything = context.queue.all()
        written = [r for r in everything if r.sender.startswith("writer")]
        assert len(written) == WRITERS * ADDS
        qtbot.waitUntil(lambda: all(window.model.index_of(r.id).isValid() for r in written),
                        timeout=10_000)  # the window's poll noticed the other processes
        assert all(r.priority is Priority.HIGH for r in written)
        by_id = {r.id: r for r in everything}
        for n, rid in enumerate(mine):
            assert (by_id[rid].state is State.DONE) if n % 2 else (
                by_id[rid].priority is Priority.URGENT), rid
        window.close()
    finally:
        context.close()
    qtbot.wait(POLL_MS + 500)  # a closed window must not poll the closed store
