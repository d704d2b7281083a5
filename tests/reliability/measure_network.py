# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time and peak memory of each network, template and database attack, for issue 21's table.

Each attack runs in a child process with a wall-clock limit and an address-space cap, against
the source tree given (the branch, or an export of the commit before it), with the default
settings (the 30 s network deadline). Usage::

    python -m tests.reliability.measure_network SRC [--only NAME ...] [--limit 90]

It prints one JSON object per attack: seconds, peak RSS in MiB, and what happened (the first
line the user would see, or how the run was stopped).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CAP_BYTES = 3 << 30
"""Address-space cap of each run: an unbounded reply dies here instead of taking the machine."""

_PRELUDE = f"""
import importlib.util, sys, json, traceback
spec = importlib.util.spec_from_file_location("hostile", {str(HERE / "hostile.py")!r})
hostile = importlib.util.module_from_spec(spec); spec.loader.exec_module(hostile)
def report(outcome):
    print("OUTCOME " + json.dumps(outcome), flush=True)
def attempt(run):
    try:
        result = run()
    except BaseException as error:
        text = str(error).strip().splitlines()
        report({{"raised": type(error).__name__, "says": (text[0] if text else "")[:220]}})
    else:
        report({{"returned": repr(result)[:220]}})
"""

_CALDAV = """
from desktop.sync.remote import CalDavRemote
with hostile.HostileServer({server}) as server:
    remote = CalDavRemote(f"{scheme}://127.0.0.1:{{server.port}}/dav/", "ann", "pw")
    attempt(lambda: remote.{call})
"""

_IMAP = """
from desktop.core.importing.mail_account import MailAccount, Security
from desktop.sources.imap import list_folders
GREETING = b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\\r\\n"
with hostile.HostileServer({server}) as server:
    account = MailAccount("127.0.0.1", "ann", port=server.port, security=Security.{security})
    attempt(lambda: list_folders(account, "pw"))
"""

_SMTP = """
from datetime import UTC, datetime
from desktop.core.drafting.outbox import OutgoingMail, Security, SmtpAccount
from desktop.platform.smtp import SmtpTransport
GREETING = b"220 mail.example.org ESMTP\\r\\n"
mail = OutgoingMail("d1", "me@example.org", "ann@example.org", "Hi", "Body",
                    datetime(2026, 12, 4, tzinfo=UTC))
with hostile.HostileServer({server}) as server:
    account = SmtpAccount("127.0.0.1", "me", "me@example.org", server.port, Security.{security})
    attempt(lambda: SmtpTransport(account, "pw").send(mail))
"""

_TEMPLATE = """
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from desktop.core.drafting.templates import fill
from desktop.platform.templates import TemplateLibrary
root = Path(tempfile.mkdtemp())
(root / "user").mkdir()
head = '{{#---\\ntitle = "T"\\nsubject = "S"\\n---#}}\\n'
(root / "user" / "t.j2").write_text(head + {body!r}, encoding="utf-8")
library = TemplateLibrary(root / "shipped", root / "user")
template = library.get("t")
values = fill(template, {{}}, now=datetime(2026, 12, 4, tzinfo=UTC), zone="UTC").values
attempt(lambda: library.render(template, values).body[:60])
"""

_CLI = """
import io
from desktop.cli import main
sys.stdin = io.StringIO("pw\\n")
attempt(lambda: main({argv!r}))
"""

ATTACKS: dict[str, str] = {
    "caldav-endless-207": _CALDAV.format(server="hostile.endless_http_207()", scheme="http",
                                         call='changes("/dav/cal/", None)'),
    "caldav-drip": _CALDAV.format(
        server='hostile.drip(b"HTTP/1.1 207 Multi-Status\\r\\nContent-Type: text/xml\\r\\n'
               '\\r\\n<", 10, http=True)', scheme="http", call='changes("/dav/cal/", None)'),
    "caldav-silent": _CALDAV.format(server="hostile.silent", scheme="http",
                                    call='changes("/dav/cal/", None)'),
    "caldav-plain-web-server": _CALDAV.format(server="hostile.web_page", scheme="http",
                                              call="collections()"),
    "caldav-web-page-200": _CALDAV.format(server="hostile.web_page_200", scheme="http",
                                          call='changes("/dav/cal/", None)'),
    "caldav-https-to-plain": _CALDAV.format(server="hostile.web_page", scheme="https",
                                            call='changes("/dav/cal/", None)'),
    "imap-drip": _IMAP.format(server="hostile.drip(GREETING * 50, 10)", security="PLAIN"),
    "imap-endless-lines": _IMAP.format(
        server='hostile.endless(b"* 1 EXISTS " + b"x" * 4000 + b"\\r\\n", b"* 1 EXISTS " '
               '+ b"x" * 4000 + b"\\r\\n", greeting=GREETING, line_command=True)',
        security="PLAIN"),
    "imap-tls-to-plain": _IMAP.format(server="hostile.greet(GREETING)", security="TLS"),
    "smtp-drip": _SMTP.format(server="hostile.drip(GREETING * 50, 10)", security="NONE"),
    "smtp-endless-greeting": _SMTP.format(
        server='hostile.endless(b"220-" + b"x" * 1000 + b"\\r\\n", b"220-" + b"x" * 1000 '
               '+ b"\\r\\n")', security="NONE"),
    "smtp-tls-to-plain": _SMTP.format(server="hostile.greet(GREETING)", security="TLS"),
    "template-include-passwd": _TEMPLATE.format(
        body="{% include '../../../../../../../../etc/passwd' %}"),
    "template-replace-1gb": _TEMPLATE.format(
        body="{{ ('x' * 100000)|replace('x', 'y' * 10000) }}"),
    "template-concat-doubling": _TEMPLATE.format(
        body="{% set s = namespace(t='x' * 100000) %}{% for i in range(20) %}"
             "{% set s.t = s.t ~ s.t %}{% endfor %}{{ s.t|length }}"),
}


def _cli_attacks(scratch: Path) -> dict[str, str]:
    return {
        "smtp-none-to-remote-host": _CLI.format(argv=[
            "--data-dir", str(scratch / "smtp"), "account", "smtp", "set", "smtp.example.org",
            "ann", "--from", "ann@example.org", "--security", "none"]),
        "caldav-http-to-remote-host": _CLI.format(argv=[
            "--data-dir", str(scratch / "caldav"), "account", "caldav", "set",
            "http://192.0.2.1/dav/", "ann", "--password-stdin"]),
    }


def _store_attacks(scratch: Path, source: Path) -> dict[str, tuple[str, list[str]]]:
    """Damaged, read-only, full and busy stores: (CLI code, shell commands to set up)."""
    base = scratch / "base"
    subprocess.run([sys.executable, "-c", "import sys; from desktop.cli import main; "
                    "sys.exit(main(sys.argv[1:]))", "--data-dir", str(base), "demo"],
                   cwd=source, env={**os.environ, "PYTHONPATH": str(source)}, check=True,
                   capture_output=True)
    db = "unhurried.sqlite3"
    found: dict[str, tuple[str, list[str]]] = {}

    def copy(name: str) -> Path:
        folder = scratch / name
        folder.mkdir()
        (folder / db).write_bytes((base / db).read_bytes())
        return folder

    utf = copy("utf")
    _sql(utf / db, "UPDATE requests SET subject = CAST(x'fffe41' AS TEXT) "
                   "WHERE rowid = (SELECT min(rowid) FROM requests)")
    found["db-not-utf8"] = (_CLI.format(argv=["--data-dir", str(utf), "list"]), [])
    bad = copy("malformed")
    with (bad / db).open("r+b") as file:
        file.seek(3 * 4096 + 8)  # inside the requests table's root page
        file.write(b"\xff" * 300)
    found["db-malformed-page"] = (_CLI.format(argv=["--data-dir", str(bad), "list"]), [])
    ro = copy("readonly")
    found["db-read-only-folder"] = (_CLI.format(argv=["--data-dir", str(ro), "add", "Hi"]),
                                    [f"chattr +i {ro}"])
    full = scratch / "full"
    full.mkdir()
    found["db-full-disk-at-open"] = (_CLI.format(argv=["--data-dir", str(full), "list"]), [
        f"mount -t tmpfs -o size={(base / db).stat().st_size // 1024 + 40}k tmpfs {full}",
        f"cp {base / db} {full}/", f"dd if=/dev/zero of={full}/filler bs=4k || true"])
    busy = copy("busy")
    hold = (f"import sqlite3, time; c = sqlite3.connect({str(busy / db)!r}, "
            "isolation_level=None); c.execute('BEGIN IMMEDIATE'); "
            "c.execute('UPDATE settings SET value = value'); time.sleep(40)")
    found["db-busy-during-long-write"] = (
        _CLI.format(argv=["--data-dir", str(busy), "add", "Hi"]), [f"HOLD {hold}"])
    return found


def _sql(path: Path, statement: str) -> None:
    import sqlite3

    conn = sqlite3.connect(path)
    with conn:
        conn.execute(statement)
    conn.close()


def _undo(scratch: Path, holders: list[subprocess.Popen[bytes]]) -> None:
    subprocess.run(f"chattr -i {scratch}/readonly; umount -l {scratch}/full", shell=True,
                   check=False, capture_output=True)
    for holder in holders:  # the lock holders this run started, by their own handle
        holder.kill()
        holder.wait()


def run(source: Path, name: str, code: str, limit: float) -> dict[str, object]:
    """Run ``code`` in a child with ``source`` first on the path; its time, peak and outcome."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))

    env = {**os.environ, "PYTHONPATH": str(source), "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        started = time.monotonic()
        child = subprocess.Popen([sys.executable, "-c", _PRELUDE + code], cwd=source, env=env,
                                 stdout=out_file, stderr=err_file, preexec_fn=cap)
        stopped = None
        while True:  # wait4, not wait: the child's own peak RSS comes with it
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > limit:
                child.kill()
                stopped = f"killed after {limit:g} s"
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.05)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        peak = usage.ru_maxrss
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    outcome = next((json.loads(line[8:]) for line in out.decode().splitlines()
                    if line.startswith("OUTCOME ")), None)
    tail = err.decode(errors="replace").strip().splitlines()
    if outcome is None:
        outcome = {"stopped": stopped or f"exit {child.returncode}"}
    if tail:
        outcome["stderr"] = tail[-1][:220]
    return {"attack": name, "seconds": round(seconds, 1), "peak_mib": peak // 1024, **outcome}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("source", type=Path)
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--limit", type=float, default=90)
    parser.add_argument("--store", action="store_true",
                        help="also the database attacks (needs root: chattr, mount)")
    args = parser.parse_args(argv)
    source = args.source.resolve()
    with tempfile.TemporaryDirectory() as scratch:
        attacks = {**ATTACKS, **_cli_attacks(Path(scratch))}
        for name, code in attacks.items():
            if args.only and name not in args.only:
                continue
            print(json.dumps(run(source, name, code, args.limit)), flush=True)
        if args.store:
            holders: list[subprocess.Popen[bytes]] = []
            try:
                for name, (code, setup) in _store_attacks(Path(scratch), source).items():
                    for command in setup:
                        if command.startswith("HOLD "):
                            holders.append(subprocess.Popen([sys.executable, "-c",
                                                             command[5:]]))
                            time.sleep(1)  # let it take the lock
                        else:
                            subprocess.run(command, shell=True, check=True,
                                           capture_output=True)
                    print(json.dumps(run(source, name, code, args.limit)), flush=True)
            finally:
                _undo(Path(scratch), holders)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
