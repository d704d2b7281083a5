# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kill points across imports: between and inside batches, in the step that closes what the
user answered, in CSV, Maildir and Slack imports. Every one resumes to the clean queue."""

from __future__ import annotations

from pathlib import Path

from desktop.sources.runner import BATCH
from tests.reliability.corpus import ME
from tests.reliability.kill_points import Inputs, KillPoint, register


def _csv(inputs: Inputs, _data: Path) -> list[list[str]]:
    return [["import", "csv", str(inputs.csv), "--preset", "jira"]]


def _mail(inputs: Inputs, _data: Path) -> list[list[str]]:
    return [["import", "maildir", str(inputs.maildir)]]


def _slack(inputs: Inputs, _data: Path) -> list[list[str]]:
    return [["import", "slack", str(inputs.slack), "--me", "U1"]]


def _fresh(_inputs: Inputs, data_dir: Path) -> None:
    """An empty, migrated store: the points count the import's own commits."""
    from desktop.platform.paths import resolve_paths
    from desktop.wiring.services import open_context

    open_context(resolve_paths(data_dir)).close()


def _me(inputs: Inputs, data_dir: Path) -> None:
    from desktop.cli import main

    _fresh(inputs, data_dir)
    assert main(["--data-dir", str(data_dir), "config", "set", "me", ME]) == 0


# The full-text index writes one docsize row per request, inside the INSERT statement.
_ROW = r"requests_fts_docsize' VALUES"
# done_at of requests closed by the user's reply is the reply's time; modified_at is "now".
_ANSWERED = ("modified_at",)

for name, trigger, nth in (
    ("csv-before-first-commit", r"^COMMIT", 1),
    ("csv-before-second-commit", r"^COMMIT", 2),
    ("csv-after-second-commit", r"^BEGIN IMMEDIATE", 3),
    ("csv-before-last-commit", r"^COMMIT", 4),
    ("csv-inside-a-batch", _ROW, 2 * BATCH + 234),  # mid-statement: row 234 of batch 3
):
    register(KillPoint(f"import-{name}", "import", _csv, trigger, nth, prepare=_fresh,
                       resume=True))

register(KillPoint("import-maildir-before-commit", "import", _mail, r"^COMMIT", 1,
                   prepare=_me, resume=True, ignore=_ANSWERED))
register(KillPoint("import-maildir-closing-answered", "import", _mail, r"^COMMIT", 2,
                   prepare=_me, resume=True, ignore=_ANSWERED))
register(KillPoint("import-slack-inside-a-batch", "import", _slack, _ROW, 77,
                   prepare=_fresh, resume=True))
