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


# -- what the issue that measured the checker found ------------------------------------------

@pytest.mark.parametrize("text", [
    "Summary: 2.4 is out.\n\nCould you review it at https://x.example (version 2.4)?",
    "Summary: the fix is in release 12.03.\n\nCould you confirm it at https://x.example?",
    "Summary: see section 3.2.\n\nCan you check OPS-1230 on 10.0.12.30 (https://x.example)?",
])
def test_numbers_that_are_not_times_are_no_deadline(text):
    assert [c for c, _w in codes(text)] == ["missing-deadline"]


@pytest.mark.parametrize(("text", "found"), [
    ("Kannst du mir das bis morgen schicken? https://x.example", ("vague-time", "bis morgen")),
    ("Können wir Donnerstag 17 Uhr sprechen? https://x.example",
     ("deadline-without-timezone", "17 Uhr")),
    ("Thoughts?", ("vague-ask", "Thoughts?")),
    ("Any update?", ("vague-ask", "Any update?")),
])
def test_german_time_words_and_vague_asks(text, found):
    assert found in codes(text)
    assert "missing-ask" not in [c for c, _w in codes(text)]


@pytest.mark.parametrize("text", [
    "Please approve https://x.example by Thu 17:00 CET.",
    "Bitte gib https://x.example bis Donnerstag, 17 Uhr MEZ frei.",
    "Please approve https://x.example by the end of Q3.",
    "Please approve https://x.example in two business days.",
    "Please approve https://x.example by 2026-11-27T17:00+01:00.",
    "FYI: the report is at https://x.example.",
    "Done.\n\nOn Tue, Ana wrote:\n> @here can you send it EOD? See the doc.",
])
def test_real_deadlines_fyis_and_quoted_text_are_clean(text):
    assert check(text) == []


def test_a_secret_is_named_by_kind_and_never_echoed():
    text = ("FYI the API key is sk_live_51HqLyjWDarjtT1zdp7dcXYZabc0123456789 and password is "
            "hunter2")
    found = [f for f in check(text) if f.code == "secret"]
    assert [text[f.start:f.end] for f in found] == [
        "sk_live_51HqLyjWDarjtT1zdp7dcXYZabc0123456789", "hunter2"]
    assert "API key" in found[0].message
    assert "password" in found[1].message
    assert not any("hunter2" in f.message or "sk_live" in f.message for f in found)


def test_a_rambling_opening_gets_missing_summary():
    text = "\n".join(["so I looked at the numbers and there are a few things going on here"] * 6)
    assert "missing-summary" in [c for c, _w in codes(text + "\nPlease approve by Fri 10:00 UTC")]


def test_the_language_comes_from_the_template_or_the_message():
    text = "Please send it bis morgen https://x.example"
    assert "vague-time" not in [c for c, _w in codes(text)]  # read as English
    found = [text[f.start:f.end] for f in check(text, language="de") if f.code == "vague-time"]
    assert found == ["bis morgen"]
