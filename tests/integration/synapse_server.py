# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real Synapse homeserver (PyPI ``matrix-synapse``) on 127.0.0.1 with SQLite, users made by
registration with the shared secret (``register_new_matrix_user``), rate limits lifted.
:meth:`SynapseServer.start` and :meth:`~SynapseServer.stop` may be called again (same port,
same database) to take the server away in the middle of a test. A ``root`` that already holds
a server is started again as it was, on a new port (a bench keeps its seeded rooms)."""

from __future__ import annotations

import contextlib
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.integration.radicale_server import free_port

_LIMITS = "{per_second: 10000, burst_count: 10000}"


class SynapseServer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.shared_secret = secrets.token_urlsafe(24)
        self._process: subprocess.Popen[bytes] | None = None
        root.mkdir(parents=True, exist_ok=True)
        self.config = root / "homeserver.yaml"
        if self.config.exists():  # a server kept from an earlier run (a bench's seeded one)
            text = self.config.read_text(encoding="utf-8")
            self.shared_secret = re.search(r'registration_shared_secret: "(.*)"', text)[1]
            self.config.write_text(re.sub(r"port: \d+", f"port: {self.port}", text, count=1),
                                   encoding="utf-8")
            return
        subprocess.run([sys.executable, "-m", "synapse.app.homeserver", "--server-name",
                        "localhost", "--config-path", str(self.config), "--generate-config",
                        "--report-stats=no", "--data-directory", str(root)],
                       check=True, capture_output=True, cwd=root)
        text = self.config.read_text(encoding="utf-8")
        text = text.replace("    - ::1\n", "").replace("port: 8008", f"port: {self.port}")
        text = "\n".join(line for line in text.splitlines()
                         if not line.startswith("registration_shared_secret"))
        text += (f"\nregistration_shared_secret: \"{self.shared_secret}\"\n"
                 "enable_registration: false\ntrusted_key_servers: []\n"
                 "suppress_key_server_warning: true\n"
                 f"rc_message: {_LIMITS}\nrc_registration: {_LIMITS}\n"
                 f"rc_room_creation: {_LIMITS}\n"
                 f"rc_login:\n  address: {_LIMITS}\n  account: {_LIMITS}\n"
                 f"  failed_attempts: {_LIMITS}\n"
                 f"rc_joins:\n  local: {_LIMITS}\n  remote: {_LIMITS}\n"
                 f"rc_invites:\n  per_room: {_LIMITS}\n  per_user: {_LIMITS}\n"
                 f"  per_issuer: {_LIMITS}\n")
        self.config.write_text(text, encoding="utf-8")

    def start(self, timeout: float = 60) -> None:
        """Start the server and wait until its client API answers."""
        with (self.root / "synapse.out").open("ab") as log:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "synapse.app.homeserver", "-c", str(self.config)],
                stdout=log, stderr=log, cwd=self.root)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError("synapse exited: " + (self.root / "synapse.out").read_text())
            with contextlib.suppress(OSError), urllib.request.urlopen(
                    f"{self.url}/_matrix/client/versions", timeout=1):
                return
            time.sleep(0.1)  # waiting for a real subprocess to listen, not for time to pass
        raise RuntimeError("synapse did not start listening")

    def stop(self) -> None:
        """Stop the server (the database stays)."""
        if self._process is not None:
            self._process.terminate()
            self._process.wait(20)
            self._process = None

    def register(self, name: str, password: str) -> str:
        """A new user; returns the user id."""
        subprocess.run([str(Path(sys.executable).with_name("register_new_matrix_user")),
                        "-u", name, "-p", password, "--no-admin", "-k", self.shared_secret,
                        self.url], check=True, capture_output=True)
        return f"@{name}:localhost"
