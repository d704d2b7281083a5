# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A throwaway Dovecot IMAP server on 127.0.0.1, adapted from ``shared/recipes/imap_fixture.sh``.

Standalone configuration (nothing under /etc/dovecot is read), plain IMAP on a free loopback
port, one user with a password from a file, a Maildir seeded with three messages in INBOX and
one in ``Archive``. Dovecot refuses to serve mail as uid 0: run as root, the mail is served as
``nobody`` (so the directory lives under a world-traversable temporary folder, not pytest's
private ``tmp_path``); as an ordinary user everything runs as that user.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

USER = "testuser"
PASSWORD = "testpass"

SEED = {
    "cur/1700000001.M1P1.fixture:2,S": """\
From: Alice Example <alice@example.org>
To: Test User <testuser@example.org>
Subject: Hello from the fixture
Date: Tue, 02 Jan 2024 10:00:00 +0000
Message-ID: <msg1@example.org>

First message body.
""",
    "new/1700000002.M2P1.fixture": """\
From: =?utf-8?q?Bj=C3=B6rn?= <bjorn@example.org>
To: testuser@example.org
Subject: =?utf-8?b?R3LDvMOfZSBhdXMgS8O2bG4g4pyJ?=
Date: Wed, 03 Jan 2024 11:30:00 +0100
Message-ID: <msg2@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Grüße – non-ASCII body.
""",
    "new/1700000003.M3P1.fixture": """\
From: Carol <carol@example.org>
To: testuser@example.org
Subject: Invoice attached
Date: Thu, 04 Jan 2024 09:15:00 +0000
Message-ID: <msg3@example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=us-ascii

See attachment.
--b1
Content-Type: text/csv; name="invoice.csv"
Content-Disposition: attachment; filename="invoice.csv"
Content-Transfer-Encoding: base64

aXRlbSxwcmljZQp3aWRnZXQsNDIK
--b1--
""",
    ".Archive/cur/1700000004.M4P1.fixture:2,S": """\
From: Dave <dave@example.org>
To: testuser@example.org
Subject: Old archived mail
Date: Mon, 01 Jan 2023 08:00:00 +0000
Message-ID: <msg4@example.org>

Archived.
""",
}


def free_port() -> int:
    """A TCP port nobody listens on right now (other engineers run Dovecot fixtures too)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Dovecot:
    """One Dovecot master process and its directory."""

    def __init__(self, binary: str, password: str = PASSWORD) -> None:
        self.binary = binary
        self.dir = Path(tempfile.mkdtemp(prefix="unhurried-dovecot-"))
        self.dir.chmod(0o755)
        self.port = free_port()
        self.host = "127.0.0.1"
        self.user, self.password = USER, password
        self.maildir = self.dir / "mail" / USER / "Maildir"
        self._seed()
        self._configure()

    def _seed(self) -> None:
        for sub in ("cur", "new", "tmp", ".Archive/cur", ".Archive/new", ".Archive/tmp"):
            (self.maildir / sub).mkdir(parents=True, exist_ok=True)
        for name, text in SEED.items():
            (self.maildir / name).write_text(text, "utf-8")

    def _configure(self) -> None:
        if os.getuid() == 0:  # Dovecot serves no mail as root: the mail belongs to nobody
            nobody = pwd.getpwnam("nobody")
            mail_uid, mail_gid = nobody.pw_uid, nobody.pw_gid
            login, internal, group = "dovenull", "dovecot", "dovecot"
            for path in [self.dir / "mail", *(self.dir / "mail").rglob("*")]:
                os.chown(path, mail_uid, mail_gid)
        else:
            mail_uid, mail_gid = os.getuid(), os.getgid()
            login = internal = pwd.getpwuid(mail_uid).pw_name
            group = grp.getgrgid(mail_gid).gr_name
        for name in ("run", "state"):
            (self.dir / name).mkdir(mode=0o755)
        (self.dir / "users").write_text(f"{USER}:{{PLAIN}}{self.password}::::::\n", "utf-8")
        (self.dir / "dovecot.conf").write_text(f"""\
base_dir = {self.dir}/run
state_dir = {self.dir}/state
log_path = {self.dir}/dovecot.log
info_log_path = {self.dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login}
default_internal_user = {internal}
default_internal_group = {group}
first_valid_uid = 1
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.dir}/users
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={self.dir}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
""", "utf-8")

    def start(self) -> None:
        """Start the master and wait until the port answers."""
        # It daemonizes; its children keep the standard streams, so never capture them.
        subprocess.run([self.binary, "-c", str(self.dir / "dovecot.conf")], check=True,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not self.answers():
            if time.monotonic() > deadline:
                raise RuntimeError("Dovecot did not open its port:\n" + self.log())
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the master (it takes its IMAP processes and their connections with it)."""
        pid_file = self.dir / "run" / "master.pid"
        if not pid_file.exists():
            return
        pid = int(pid_file.read_text().strip())
        children = _children(pid)  # the IMAP processes outlive the master: stop them too
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        for child in children:
            with contextlib.suppress(ProcessLookupError):  # dies; does not say goodbye
                os.kill(child, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
        pid_file.unlink(missing_ok=True)

    def answers(self) -> bool:
        """Whether the IMAP port accepts a connection."""
        try:
            with socket.create_connection((self.host, self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def log(self) -> str:
        try:
            return (self.dir / "dovecot.log").read_text("utf-8", "replace")[-3000:]
        except OSError:
            return ""

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            found.append(int(entry.name))
    return found
