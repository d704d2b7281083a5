# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where Unhurried keeps its files: XDG directories, or one folder given by ``--data-dir`` or the
``UNHURRIED_DATA_DIR`` environment variable (portable builds and tests)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_DATA_DIR = "UNHURRIED_DATA_DIR"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The folders of one Unhurried profile."""

    data_dir: Path
    config_dir: Path
    cache_dir: Path

    @property
    def database(self) -> Path:
        """The SQLite store."""
        return self.data_dir / "unhurried.sqlite3"

    @property
    def log_file(self) -> Path:
        """The application log."""
        return self.cache_dir / "unhurried.log"

    @property
    def crash_dir(self) -> Path:
        """Where crash reports are written."""
        return self.cache_dir / "crashes"


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Pick the folders: ``data_dir`` first, then ``$UNHURRIED_DATA_DIR``, then XDG.

    With a single folder everything (config and cache too) lives below it, so a portable
    profile or a test run leaves nothing elsewhere. Nothing is created here.
    """
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(root, root / "config", root / "cache")
    return AppPaths(
        Path(platformdirs.user_data_dir("unhurried", appauthor=False)),
        Path(platformdirs.user_config_dir("unhurried", appauthor=False)),
        Path(platformdirs.user_cache_dir("unhurried", appauthor=False)),
    )
