# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Outside text made safe: visible controls and spreadsheet cells (issue 21)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.text import CONTROLS, one_line, spreadsheet_cell, visible


@pytest.mark.parametrize("cell", ["=1+1", "+1+1", "-1+cmd", "@SUM(A1)", "\t=1+1", "\r=1",
                                  "=cmd|' /C calc'!A0", '=HYPERLINK("http://x")'])
def test_formula_starts_become_text(cell: str) -> None:
    assert spreadsheet_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["", "plain", "-3.5", "+2", "-1e3", "a=1", 42, -7.5, None])
def test_other_cells_and_numbers_are_left_alone(cell: object) -> None:
    assert spreadsheet_cell(cell) == cell


@given(st.text() | st.from_regex(r"[+-][0-9.e+-]{0,6}", fullmatch=True))
def test_no_cell_starts_a_formula_after_neutralising(text: str) -> None:
    safe = spreadsheet_cell(text)
    assert isinstance(safe, str)
    if safe == text:  # left alone: no formula start, or only a number
        assert not text.startswith(("=", "@", "\t", "\r")) or not text
        assert not text.startswith(("+", "-")) or float(text) == float(text)
    else:
        assert safe == "'" + text


@given(st.text())
def test_visible_text_has_no_hidden_controls_and_keeps_line_ends(text: str) -> None:
    shown = visible(text)
    assert not CONTROLS.search(shown)
    assert shown.count("\n") == text.count("\n")
    assert "\n" not in one_line(text)


def test_a_right_to_left_override_is_shown_not_obeyed() -> None:
    assert one_line("invoice\u202efdp.exe\n next") == "invoice\ufffdfdp.exe next"
