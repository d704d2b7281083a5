# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""One window per profile: a second start hands its arguments to the running one.

The running app listens on a local socket named from the app id, the user and the data
directory, inside a private (0700) folder of the runtime directory. A starting app first tries to
connect; if someone answers, it sends one JSON line ``{"version": 1, "argv": [...]}`` and exits
before it touches the database.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import socket as sockets
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

logger = logging.getLogger(__name__)

PROTOCOL_VERSION = 1
TIMEOUT_MS = 1500
MAX_SOCKET_PATH = 100


def server_path(app_id: str, data_dir: Path) -> str:
    """The socket path for one profile (app id + user + data-dir hash, under the runtime dir)."""
    key = f"{app_id}|{getpass.getuser()}|{data_dir}"
    name = f"unhurried-{hashlib.sha256(key.encode()).hexdigest()[:16]}.sock"
    runtime = Path(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir())
    folder = runtime / "unhurried"
    if len(str(folder / name)) > MAX_SOCKET_PATH:  # AF_UNIX paths hold about 108 bytes
        folder = Path(tempfile.gettempdir()) / f"unhurried-{os.getuid()}"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    return str(folder / name)


def forward(path: str, argv: list[str]) -> bool:
    """Hand ``argv`` to a running instance. Returns whether one answered."""
    socket = QLocalSocket()
    socket.connectToServer(path)
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write((json.dumps({"version": PROTOCOL_VERSION, "argv": argv}) + "\n").encode())
    socket.waitForBytesWritten(TIMEOUT_MS)
    answered = socket.waitForReadyRead(TIMEOUT_MS) and b"ok" in bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return answered


def ask(path: str, argv: list[str], timeout: float = 5.0) -> dict[str, Any] | None:
    """Have the running instance execute a command line and return its answer.

    Plain sockets, no Qt event loop: the command line uses this before it opens the store.
    Returns ``None`` when no instance runs (or it did not answer in time).
    """
    message = json.dumps({"version": PROTOCOL_VERSION, "argv": argv, "execute": True})
    try:
        with sockets.socket(sockets.AF_UNIX, sockets.SOCK_STREAM) as conn:
            conn.settimeout(timeout)
            conn.connect(path)
            conn.sendall(message.encode() + b"\n")
            data = b""
            while not data.endswith(b"\n"):
                chunk = conn.recv(65536)
                if not chunk:
                    break
                data += chunk
    except OSError:
        return None
    try:
        answer = json.loads(data)
    except ValueError:
        return None
    return answer if isinstance(answer, dict) else None


Executor = Callable[[list[str]], dict[str, Any] | None]
"""Runs a forwarded command line in the running app; its answer goes back to the caller."""


class InstanceServer(QObject):
    """Listens for later starts; emits ``activated`` with their arguments.

    A message with ``"execute": true`` (from :func:`ask`) is run by the executor set with
    :meth:`set_executor` instead, and its answer is sent back.
    """

    activated = Signal(list)

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._executor: Executor | None = None
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_server_new_connection)

    def listen(self) -> bool:
        """Start listening; a stale socket left by a crash is removed and tried again once."""
        if self._server.listen(self._path):
            return True
        QLocalServer.removeServer(self._path)
        if self._server.listen(self._path):
            return True
        logger.warning("single instance: cannot listen on %s: %s", self._path,
                       self._server.errorString())
        return False

    def set_executor(self, executor: Executor) -> None:
        """Run forwarded command lines with ``executor`` (it returns the JSON answer)."""
        self._executor = executor

    def close(self) -> None:
        """Stop listening."""
        self._server.close()

    def _on_server_new_connection(self) -> None:
        socket = self._server.nextPendingConnection()
        if socket is None:
            return
        socket.readyRead.connect(lambda: self._on_socket_ready_read(socket))
        if socket.bytesAvailable():  # the line may have arrived with the connection
            self._on_socket_ready_read(socket)

    def _on_socket_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        try:
            message = json.loads(line)
            argv = [str(a) for a in message.get("argv", [])]
            execute = bool(message.get("execute"))
        except (ValueError, AttributeError):
            logger.warning("single instance: ignored a malformed message")
            socket.disconnectFromServer()
            return
        if execute:
            answer = self._executor(argv) if self._executor is not None else None
            reply = {"ok": answer is not None, **(answer or {})}
            socket.write(json.dumps(reply).encode() + b"\n")
            socket.flush()
            socket.disconnectFromServer()
            return
        socket.write(b'{"ok": true}\n')
        socket.flush()
        socket.disconnectFromServer()
        self.activated.emit(argv)
