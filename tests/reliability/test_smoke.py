# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried --smoke`` from the checkout: every shipped part loads; a failing check fails it.

The same run against the PyInstaller bundle is ``packaging/check_bundle.sh`` (``.ci/run``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.smoke import SMOKE_CHECKS, SmokeCheck, run_smoke_checks

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_starts_offscreen_and_passes_every_check(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen",
               XDG_RUNTIME_DIR=str(tmp_path), HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "d"),
                             "--smoke"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("SMOKE OK requests=0 platform=offscreen")
    assert (tmp_path / "d" / "unhurried.sqlite3").exists()
    assert len(result.stdout.split()) == 2 + len(SMOKE_CHECKS)


def test_a_failing_check_is_named_and_fails_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    def broken(_target: object) -> str:
        raise RuntimeError("plugin gone")

    checks = [SmokeCheck("fine", lambda _t: "fine"), SmokeCheck("broken", broken)]
    assert run_smoke_checks(object(), checks) == 1  # type: ignore[arg-type]
    captured = capsys.readouterr()
    assert "SMOKE FAILED broken: RuntimeError: plugin gone" in captured.err
    assert "SMOKE OK" not in captured.out
