# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Settings that a CalDAV sync brought from another device take effect in the open window,
as if saved in the settings dialog: no restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from desktop.core.queue.buckets import Bucket
from desktop.core.sync.items import SyncReport
from desktop.platform.paths import resolve_paths
from desktop.wiring import sync
from desktop.wiring.feature import Setup
from desktop.wiring.services import open_context
from tests.fakes import FakeClock, FakeSecrets

from desktop.ui.common.formatting import Formatter, safe_locale
from desktop.ui.main_window import MainWindow
from desktop.ui.queue.model import BUCKET_ROLE

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday, 10:00 in Berlin


def test_settings_a_sync_brought_apply_to_the_open_window(qtbot, qapp, tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    paths = resolve_paths(tmp_path)
    ctx = open_context(paths, clock)
    ctx.queue.update_settings({"timezone": "Europe/Berlin"})
    request = ctx.queue.add("Contract question")
    formatter = Formatter(safe_locale("en_GB"), ZoneInfo("Europe/Berlin"))
    window = MainWindow(ctx.queue, formatter, settings_choices=lambda: ([], {}),
                        data_version=ctx.requests.data_version, demo=lambda: 0)
    qtbot.addWidget(window)
    controller = sync.install(window, Setup(qapp, ctx, paths, clock, formatter, "en",
                                            FakeSecrets())).controller
    window.load()
    assert window.model.index_of(request.id).data(BUCKET_ROLE) is Bucket.TOMORROW

    # the sync job works on a store connection of its own, as the worker thread does
    job = open_context(paths, clock)
    job.queue.update_settings({"timezone": "UTC", "policy.manual.normal": "0.5bh"})
    job.close()
    controller.finished.emit(SyncReport(received=1))

    assert ctx.queue.get(request.id).reply_by == NOW + timedelta(minutes=30)
    assert window.model.index_of(request.id).data(BUCKET_ROLE) is Bucket.AT_RISK
    assert formatter.zone == ZoneInfo("UTC")  # every time shown is in the new zone
    assert not controller.running  # taking the settings in is no local change to sync
    ctx.close()
