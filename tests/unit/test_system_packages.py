# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every Debian package a test names through ``need(binary, package)`` is installed by the
project's own script, ``tools/system-packages.sh``: CI on a new machine has nothing else."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "system-packages.sh"


def listed_packages() -> set[str]:
    """The words of the script's ``packages=( … )`` array, comments left out."""
    text = SCRIPT.read_text(encoding="utf-8")
    body = re.search(r"^packages=\((.*?)^\)", text, re.MULTILINE | re.DOTALL)
    assert body is not None, "tools/system-packages.sh has no packages=( … ) array"
    words = (line.split("#", 1)[0].split() for line in body.group(1).splitlines())
    return {word for line in words for word in line}


def needed_packages() -> dict[str, list[str]]:
    """Each package named by a ``need("binary", "package")`` call under tests/, with where."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "need"):
                literals = [a.value for a in node.args
                            if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                assert len(literals) == len(node.args) == 2, (
                    f"{path}:{node.lineno}: need() takes two string literals, so this test "
                    "can read which package it needs")
                package = literals[1]
                found.setdefault(package, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_needed_package_is_installed_by_the_project_script() -> None:
    needed = needed_packages()
    missing = {package: where for package, where in needed.items()
               if package not in listed_packages()}
    assert not missing, f"add these to tools/system-packages.sh: {missing}"


def test_the_parser_sees_the_services_the_suite_is_known_to_need() -> None:
    # a guard on the parser itself: an AST walk that found nothing would pass the test above
    assert {"dovecot-imapd", "gnome-keyring", "dunst", "xvfb", "vdirsyncer"} <= set(
        needed_packages())


def test_make_test_and_make_bench_run_the_script() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("test", "bench"):
        recipe = re.search(rf"^{target}:.*?\n((?:\t.*\n)+)", makefile, re.MULTILINE)
        assert recipe is not None, target
        assert "tools/system-packages.sh" in recipe.group(1), target
