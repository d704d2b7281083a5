#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fail when a translatable string cannot match a catalogue entry.

``_()``, ``N_()`` and ``ngettext()`` must not get an f-string, a ``%`` or ``+`` expression or a
``.format()`` result: the catalogue is searched for the text after it was filled in, so it never
translates. Translate first, then ``.format(name=...)``. A marker called inside an f-string is
never extracted into the catalogue, so it is reported too.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MARKERS = {"_": 1, "N_": 1, "ngettext": 2}


def problems(path: Path) -> list[str]:
    """Every call of a marker with a non-literal message in ``path``, and every marker call
    inside an f-string (``pybabel extract`` does not look there, so it is never translated)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            found += [f"{path}:{inner.lineno}: {inner.func.id}() inside an f-string is not "
                      "extracted; translate it before the f-string"
                      for inner in ast.walk(node) if isinstance(inner, ast.Call)
                      and isinstance(inner.func, ast.Name) and inner.func.id in MARKERS
                      and inner.args and isinstance(inner.args[0], ast.Constant)]
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        count = MARKERS.get(node.func.id)
        if count is None:
            continue
        for arg in node.args[:count]:
            kind = _filled_in(arg)
            if kind:
                found.append(f"{path}:{node.lineno}: {node.func.id}() gets {kind}")
    return found


def _filled_in(arg: ast.expr) -> str:
    """Why ``arg`` was filled in before translation; empty when it is fine.

    A literal is fine, and so is a name or attribute: those carry a message marked with
    ``N_()`` elsewhere and translated at display time.
    """
    if isinstance(arg, ast.JoinedStr):
        return "an f-string"
    if isinstance(arg, ast.BinOp):
        return "a formatted or joined string"
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and (
            arg.func.attr == "format"):
        return "a .format() result"
    if isinstance(arg, ast.Constant) and not isinstance(arg.value, str):
        return "a non-string"
    return ""


def main(argv: list[str]) -> int:
    roots = [Path(a) for a in argv] or [Path("desktop")]
    issues = [p for root in roots for f in sorted(root.rglob("*.py")) for p in problems(f)]
    issues = list(dict.fromkeys(issues))  # an f-string nested in an f-string is walked twice
    # The i18n module itself defines the markers and forwards their arguments.
    issues = [i for i in issues if "core/i18n.py" not in i]
    print("\n".join(issues) or "i18n: every translatable string is a literal")
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
