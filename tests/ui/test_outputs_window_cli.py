# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The drafting window and ``unhurried draft`` give the same bytes for the same draft.

The CLI renders a template; the window is opened on the rendered subject, body and recipient,
and its clipboard texts and Save as .eml are compared with the CLI's output byte for byte (the
Message-ID, made from the draft id in the window and at random by the CLI, is set aside).
"""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

import pytest

from PySide6.QtGui import QGuiApplication

from desktop.cli import main

from desktop.ui.drafting.env import DraftEnvironment
from desktop.ui.drafting.window import DraftWindow

FIELDS = ["status", "--field", "to=Jürgen Groß <juergen@example.org>", "--field",
          "topic=the *export* fix", "--field", "details=Fix is merged; backfill runs tonight.",
          "--field", "next_update=fri 12:00 UTC", "--from", "me@example.org"]
MESSAGE_ID = re.compile(rb"^Message-ID: .*?\r\n", re.MULTILINE)


@pytest.fixture
def cli(tmp_path: Path, clock, capsysbinary: pytest.CaptureFixture[bytes]):
    def run(form: str) -> bytes:
        assert main(["--data-dir", str(tmp_path), "draft", *FIELDS, "--format", form],
                    clock=clock) == 0
        return capsysbinary.readouterr().out
    return run


def test_the_window_and_the_cli_give_identical_bytes(qtbot, draft_env: DraftEnvironment,
                                                     cli, tmp_path: Path) -> None:
    eml = cli("eml")
    message = email.message_from_bytes(eml, policy=email.policy.default)
    subject, body = str(message["Subject"]), message.get_content().replace("\r\n", "\n")
    window = DraftWindow(draft_env, draft_env.drafts.create(
        subject=subject, body=body, recipient=str(message["To"])))
    qtbot.addWidget(window)

    window.copy_markdown()
    assert QGuiApplication.clipboard().text().encode("utf-8") == cli("md")
    window.copy_plain()
    assert QGuiApplication.clipboard().text().encode("utf-8") == cli("txt")
    saved = window.save_eml(tmp_path / "window.eml")
    assert saved is not None
    assert MESSAGE_ID.sub(b"", saved.read_bytes()) == MESSAGE_ID.sub(b"", eml)
    assert b"\\*export\\*" in cli("md")  # the subject's markup is escaped on both sides
