# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The context checker: each finding where it should be, and nothing on a message that
carries its own context."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.drafting.checker import Severity, check

CLEAN = ("Summary: we need a decision on the Q4 budget.\n\n"
         "Please approve the proposal at https://docs.example.org/q4 "
         "by Thu 27 Nov, 17:00 UTC (18:00 CET).")


def codes(text: str) -> list[tuple[str, str]]:
    return [(f.code, text[f.start:f.end]) for f in check(text)]


def test_a_message_with_its_own_context_is_clean():
    assert check(CLEAN) == []


@pytest.mark.parametrize(("text", "found"), [
    ("@here please approve https://x.example by Fri 10:00 UTC",
     ("mass-mention", "@here")),
    ("Please deploy, token = abcdef123456 by Fri 10:00 UTC https://x.example",
     ("secret", "abcdef123456")),
    ("Please use AKIAABCDEFGHIJKLMNOP by Fri 10:00 UTC https://x.example",
     ("secret", "AKIAABCDEFGHIJKLMNOP")),
    ("Can you send it EOD? https://x.example", ("vague-time", "EOD")),
    ("Can you send it by tomorrow? https://x.example", ("vague-time", "tomorrow")),
    ("Can you join at 15:30? https://x.example", ("deadline-without-timezone", "15:30")),
    ("Can you join at 3pm? https://x.example", ("deadline-without-timezone", "3pm")),
    ("Please review the doc by Fri 10:00 UTC.", ("missing-link", "the doc")),
    ("See attached, thanks. Please confirm by Fri 10:00 UTC.", ("missing-link", "attached")),
    ("Please review https://x.example/pr/7.", ("missing-deadline", "Please")),
    ("The build is green again.", ("missing-ask", "The build is green again.")),
])
def test_each_code_marks_its_words(text, found):
    assert found in codes(text)


def test_a_dated_tomorrow_and_a_zoned_time_are_fine():
    text = "Could you confirm tomorrow, 27 Nov 10:00 UTC? https://x.example"
    assert codes(text) == []
    assert codes("Can you call at 09:30 Europe/Berlin? https://x.example") == []
    assert codes("Can you call at 09:30 +01:00? https://x.example") == []


def test_a_long_message_needs_a_short_opening():
    rambling = ("We looked at the numbers " * 15 + ".\n\n") + ("More detail here. " * 20)
    text = rambling + "\n\nPlease approve by Fri 27 Nov 10:00 UTC, https://x.example"
    [summary] = [f for f in check(text) if f.code == "missing-summary"]
    assert text[summary.start:summary.end].startswith("We looked at the numbers")
    assert "missing-summary" not in [f.code for f in check("Summary: yes.\n\n" + text)]


def test_secrets_are_errors_and_the_rest_warnings():
    severities = {f.code: f.severity for f in check(
        "@channel password: correcthorse at 10:00 ASAP, see the doc")}
    assert severities["secret"] is Severity.ERROR
    assert severities["mass-mention"] is Severity.WARNING


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_findings_inside_it(text):
    for finding in check(text):
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.message
