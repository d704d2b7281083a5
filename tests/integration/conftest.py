# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures that start real system services. A missing one skips the test with the Debian
package to install, or fails it when ``REQUIRE_INTEGRATION=1`` (CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.smtp_server import down_server, smtp_server  # noqa: F401  (fixtures)


def need(binary: str, package: str) -> str:
    """The path of ``binary``; skip (or fail in CI) naming ``package`` when it is missing."""
    path = shutil.which(binary)
    if path is None:
        message = f"needs {binary}: apt-get install {package}"
        if os.environ.get("REQUIRE_INTEGRATION") == "1":
            pytest.fail(message + " (REQUIRE_INTEGRATION=1)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def xvfb() -> Iterator[str]:
    """A private X display (Xvfb); yields its DISPLAY value."""
    binary = need("Xvfb", "xvfb")
    read, write = os.pipe()
    proc = subprocess.Popen(
        [binary, "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    with os.fdopen(read, "rb") as pipe:  # read up to the newline: the digits alone race
        while not number.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    if not number.strip():
        proc.kill()
        pytest.fail("Xvfb did not report a display")
    yield f":{number.decode().strip()}"
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def app_env(tmp_path: Path, xvfb: str) -> dict[str, str]:
    """Environment for an Unhurried process on the Xvfb display, isolated under tmp_path."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", XDG_RUNTIME_DIR=str(runtime),
               HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("WAYLAND_DISPLAY", None)
    return env


def dovecot_binary() -> str:
    """Dovecot's path (it lives in /usr/sbin, often not on PATH); skips naming the package."""
    if Path("/usr/sbin/dovecot").exists() and not shutil.which("dovecot"):
        return "/usr/sbin/dovecot"
    return need("dovecot", "dovecot-imapd")


@pytest.fixture
def dovecot() -> Iterator[Any]:
    """A Dovecot IMAP server on 127.0.0.1 (plain IMAP, a free port) with a seeded Maildir:
    three messages in INBOX, one in Archive. Yields a :class:`tests.integration.dovecot.Dovecot`
    (``host``, ``port``, ``user``, ``password``, ``stop()``, ``start()``)."""
    from tests.integration.dovecot import Dovecot

    server = Dovecot(dovecot_binary())
    try:
        server.start()
        yield server
    finally:
        server.remove()


def _has_bus_name(env: dict[str, str], name: str) -> bool:
    answer = subprocess.run(
        ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
         "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
        env=env, capture_output=True, text=True, check=False)
    return "boolean true" in answer.stdout


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A private dbus-daemon and gnome-keyring-daemon whose login collection is unlocked
    (adapted from ``shared/recipes/keyring_conftest.py``). Yields the environment to use it."""
    need("dbus-daemon", "dbus")
    need("gnome-keyring-daemon", "gnome-keyring")
    home = tmp_path_factory.mktemp("keyring-home")
    run = home / "run"
    run.mkdir(mode=0o700)
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile",
                            "--print-address=1"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    assert bus.stdout is not None
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=bus.stdout.readline().strip(),
               HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_RUNTIME_DIR=str(run))
    env.pop("DISPLAY", None)  # no prompts: a locked collection must fail fast, not wait
    keyring_daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"], env=env,
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert keyring_daemon.stdin is not None
    keyring_daemon.stdin.write(b"test-password")  # --unlock reads the login password here
    keyring_daemon.stdin.close()
    procs = [bus, keyring_daemon]
    deadline = time.monotonic() + 10
    while not _has_bus_name(env, "org.freedesktop.secrets"):
        if time.monotonic() > deadline or keyring_daemon.poll() is not None:
            for proc in procs:
                proc.terminate()
            pytest.fail("gnome-keyring-daemon did not come up")
        time.sleep(0.05)
    yield env
    for proc in reversed(procs):
        proc.terminate()
        proc.wait(5)
    bus.stdout.close()


@pytest.fixture
def real_keyring(secret_service: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """``keyring`` switched to the private Secret Service for one test."""
    import keyring
    from keyring.backends.SecretService import Keyring as SecretServiceKeyring

    for key in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"):
        monkeypatch.setenv(key, secret_service[key])
    previous = keyring.get_keyring()
    backend = SecretServiceKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[object]:
    """A real Radicale CalDAV server on 127.0.0.1 (PyPI ``radicale``), stopped afterwards."""
    try:
        import radicale  # noqa: F401
    except ImportError:
        message = "needs the radicale package: pip install radicale (the test extra)"
        if os.environ.get("REQUIRE_INTEGRATION") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from tests.integration.radicale_server import RadicaleServer

    server = RadicaleServer(tmp_path / "radicale")
    server.start()
    yield server
    server.stop()
