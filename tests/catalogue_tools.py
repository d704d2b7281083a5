# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The catalogue build tool (``tools/catalogues.py``) for tests, and catalogues compiled from the
committed ``.po`` files into a temporary folder, so tests never depend on a prior ``make``."""

from __future__ import annotations

import gettext
import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import ModuleType

from desktop.core import i18n

ROOT = Path(__file__).resolve().parents[1]


@cache
def tools() -> ModuleType:
    """``tools/catalogues.py`` as a module (it is a build tool, not part of the package)."""
    return _tool("catalogues")


@cache
def literal_check() -> ModuleType:
    """``tools/check_i18n.py``: finds strings filled in before translation."""
    return _tool("check_i18n")


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def compiled(folder: Path, language: str) -> gettext.GNUTranslations:
    """The catalogue of ``language`` compiled under ``folder`` from the sources."""
    tools().build(tools().LOCALE_DIR, folder)
    with (folder / language / "LC_MESSAGES" / "unhurried.mo").open("rb") as stream:
        return gettext.GNUTranslations(stream)


@contextmanager
def speaking(translations: gettext.NullTranslations) -> Iterator[None]:
    """Install ``translations`` for ``_`` while the block runs; English again after it."""
    i18n.install(translations)
    try:
        yield
    finally:
        i18n.install(gettext.NullTranslations())
