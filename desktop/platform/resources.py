# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one resolver for shipped files (icons, templates, catalogues, demo data).

It works from a source checkout, an installed wheel (``desktop.resources`` package data) and a
PyInstaller bundle (``sys._MEIPASS/resources``).
"""

from __future__ import annotations

import importlib
import sys
from functools import cache
from pathlib import Path


@cache
def resource_root() -> Path:
    """The folder that holds the shipped resources."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    try:
        # the wheel maps resources/ to this package; a source checkout has none
        package = importlib.import_module("desktop.resources")
        return Path(next(iter(package.__path__)))
    except (ImportError, StopIteration):
        return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a shipped file, e.g. ``resource_path("demo", "requests.json")``."""
    return resource_root().joinpath(*parts)


def read_text(*parts: str) -> str:
    """Text of a shipped file (UTF-8)."""
    return resource_path(*parts).read_text(encoding="utf-8")
