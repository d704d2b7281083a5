# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shipped resources are found through the one resolver, from a checkout and from a wheel."""

from __future__ import annotations

import gettext
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from desktop import APP_ID
from desktop.platform.resources import read_text, resource_path

ROOT = Path(__file__).resolve().parents[2]


def test_the_icon_and_the_demo_data_are_shipped() -> None:
    assert resource_path("icons", f"{APP_ID}.svg").read_text("utf-8").startswith("<svg")
    assert len(json.loads(read_text("demo", "requests.json"))["requests"]) >= 50


def test_the_wheel_carries_the_resources(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True)
    [wheel] = tmp_path.glob("unhurried-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert f"desktop/resources/icons/{APP_ID}.svg" in names
    assert "desktop/resources/demo/requests.json" in names
    packages = {str(p.relative_to(ROOT)) for p in (ROOT / "desktop").rglob("__init__.py")}
    assert packages <= set(names), "a package is missing from [tool.setuptools] packages"
    shipped = {f"desktop/resources/{p.relative_to(ROOT / 'resources')}"
               for p in (ROOT / "resources").rglob("*") if p.is_file() and p.suffix != ".mo"}
    assert shipped <= set(names), "a resources/ folder is missing from the packages list"


def test_the_wheel_carries_compiled_catalogues(tmp_path: Path) -> None:
    """``.mo`` files are not in git: the build compiles them, from a tree that has none."""
    tree = tmp_path / "tree"
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "*.egg-info", "*.mo", "__pycache__", ".*_cache",
        ".hypothesis"))
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(tmp_path), str(tree)], check=True, capture_output=True)
    [wheel] = tmp_path.glob("unhurried-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        for language in ("de", "en_XA"):
            data = archive.read(f"desktop/resources/locale/{language}/LC_MESSAGES/unhurried.mo")
            catalogue = gettext.GNUTranslations(io.BytesIO(data))
            assert catalogue.gettext("&File") not in ("", "&File"), language
