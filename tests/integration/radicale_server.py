# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real Radicale CalDAV server on 127.0.0.1 with a temporary storage folder and a plain
htpasswd test user, run as a subprocess (tests and the CalDAV benchmark)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from pathlib import Path

USER, PASSWORD = "ann", "s3cret-test"

# Radicale as ``python -m radicale --config FILE`` would run it, but without an fsync per
# write: the storage is a throwaway folder, and fsync made each PUT 3x slower here.
_LAUNCH = """
import sys
from radicale import config, log, server
log.setup()
configuration = config.load([(sys.argv[1], False)])
configuration.update({"storage": {"_filesystem_fsync": "False"}}, "test fixture", privileged=True)
log.set_level(configuration.get("logging", "level"), False, 0)
server.serve(configuration)
"""


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RadicaleServer:
    """Radicale under ``root``; :meth:`start` and :meth:`stop` may be called again (same
    port, same storage) to take the server away in the middle of a test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.storage = root / "collections"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.user, self.password = USER, PASSWORD
        self._process: subprocess.Popen[bytes] | None = None
        root.mkdir(parents=True, exist_ok=True)
        (root / "users").write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
        (root / "config").write_text(
            "[server]\nhosts = 127.0.0.1:{port}\n"
            "[auth]\ntype = htpasswd\nhtpasswd_filename = {users}\nhtpasswd_encryption = plain\n"
            "[rights]\ntype = owner_only\n"
            "[storage]\nfilesystem_folder = {storage}\n"
            "[logging]\nlevel = warning\n".format(port=self.port, users=root / "users",
                                                  storage=self.storage),
            encoding="utf-8")

    def start(self, timeout: float = 20) -> None:
        """Start the server and wait until it accepts connections."""
        with (self.root / "radicale.log").open("ab") as log:
            self._process = subprocess.Popen(
                [sys.executable, "-c", _LAUNCH, str(self.root / "config")],
                stdout=log, stderr=log)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError("radicale exited: " + (self.root / "radicale.log").read_text())
            with contextlib.suppress(OSError), socket.create_connection(
                    ("127.0.0.1", self.port), timeout=0.2):
                return
            time.sleep(0.05)  # waiting for a real subprocess to listen, not for time to pass
        raise RuntimeError("radicale did not start listening")

    def stop(self) -> None:
        """Stop the server (the storage stays)."""
        if self._process is not None:
            self._process.terminate()
            self._process.wait(10)
            self._process = None

    def collection_folder(self, path: str) -> Path:
        """The storage folder of a collection path such as ``/ann/tasks/``."""
        return self.storage / "collection-root" / path.strip("/")
