# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unhurried profiles on one CalDAV server, for the tests of devices kept in step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop.core.sync.items import SyncReport
from desktop.platform.paths import resolve_paths
from desktop.wiring.caldav import set_account, sync_caldav
from desktop.wiring.services import open_context
from tests.fakes import FakeClock, FakeSecrets


class Device:
    """One Unhurried profile: its own data dir, store and keyring, with the server's account
    set up."""

    def __init__(self, root: Path, server: Any, clock: FakeClock) -> None:
        self.server = server
        self.clock = clock
        self.secrets = FakeSecrets()
        self.ctx = open_context(resolve_paths(root), clock)
        self.queue = self.ctx.queue
        self.account, _warning = set_account(self.ctx, self.secrets, server.url, server.user,
                                             server.password)

    def sync(self, **kwargs: Any) -> Any:
        """One sync that must go through without an error or a failed item."""
        report: SyncReport = sync_caldav(self.ctx, self.secrets, **kwargs)
        assert report.error is None, report.error
        assert report.failed == []
        return report


def two_devices(root: Path, server: Any, kind: type[Device] = Device) -> Iterator[Any]:
    """Two devices on one clock (a fixture's body: yields them, then closes their stores)."""
    clock = FakeClock()
    a, b = kind(root / "a", server, clock), kind(root / "b", server, clock)
    yield a, b
    a.ctx.close()
    b.ctx.close()
