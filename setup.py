# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Only a build step: compiled gettext catalogues go into the wheel (pyproject.toml holds the rest).

Compiled ``.mo`` files are built, never committed; ``build_py`` writes them into the build tree
with ``tools/catalogues.py``, next to the ``.po`` sources it copies as package data.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithCatalogues(build_py):
    """``build_py`` that also compiles ``resources/locale`` into ``desktop/resources/locale``."""

    def run(self) -> None:
        super().run()
        sys.path.insert(0, str(ROOT / "tools"))
        import catalogues  # a build tool beside this file, not a dependency
        target = Path(self.build_lib) / "desktop" / "resources" / "locale"
        for mo in catalogues.build(ROOT / "resources" / "locale", target):
            self.announce(f"compiled {mo}", level=2)


setup(cmdclass={"build_py": BuildWithCatalogues})
