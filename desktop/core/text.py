# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Outside text made safe to show or to hand on: visible controls, one line, spreadsheet cells.

Shared by the window (``ui.common.formatting``) and the command line, so a subject shows the
same hidden characters as the same replacement mark in both.
"""

from __future__ import annotations

import re

CONTROLS = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab, newline and CR, DEL, and the bidi embeddings, overrides and isolates:
an RTL override in a subject would reorder the text after it (and, on a terminal, the rest of
the line), so a file name ``invoice\u202efdp.exe`` would read ``invoiceexe.pdf``."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP "CSV injection")."""
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def visible(text: str) -> str:
    """``text`` with every hidden control shown as U+FFFD; line ends are kept."""
    return CONTROLS.sub("\ufffd", text)


def one_line(text: str) -> str:
    """``text`` for a single-line cell or terminal row: controls visible, whitespace one space."""
    return " ".join(visible(text).split())


def spreadsheet_cell(value: object) -> object:
    """A value for a CSV cell that a spreadsheet shows as text, never runs as a formula.

    Text starting with ``= + - @``, tab or CR gets a leading ``'`` (OWASP's advice: the quote is
    how spreadsheets mark a cell as text). Numbers, and text that is only a number such as
    ``-3.5``, are left alone so they stay numbers.
    """
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value
