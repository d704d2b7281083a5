# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every shipped template renders and passes the context checker clean when filled as its form
asks: with the examples its fields show, and with only the required ones."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.core.drafting.checker import Severity, check
from desktop.core.drafting.templates import FieldKind, Template, fill
from desktop.platform.resources import resource_path
from desktop.platform.templates import TemplateLibrary

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
BUILT_IN = ["decision", "followup", "incident", "kickoff", "meeting", "quarterly", "reply",
            "retro", "standup", "status"]


@pytest.fixture(scope="module")
def library() -> TemplateLibrary:
    return TemplateLibrary(resource_path("templates"), None, language="en",
                           own_zone="Europe/Berlin")


def test_all_ten_are_shipped_and_readable(library: TemplateLibrary) -> None:
    assert sorted(t.id for t in library.templates()) == BUILT_IN
    assert library.problems == []


def examples(template: Template, *, required_only: bool) -> dict[str, object]:
    values: dict[str, object] = {}
    for field in template.fields:
        if field.kind is FieldKind.SECTION or not field.example:
            continue
        if required_only and not field.required:
            continue
        values[field.name] = field.example
    return values


def blocking(text: str) -> list[str]:
    return [f"{f.code}: {text[f.start:f.end]!r}" for f in check(text)
            if f.severity is not Severity.INFO]


@pytest.mark.parametrize("required_only", [False, True])
@pytest.mark.parametrize("template_id", BUILT_IN)
def test_a_filled_template_renders_and_checks_clean(
        library: TemplateLibrary, template_id: str, required_only: bool) -> None:
    template = library.get(template_id)
    assert all(f.example or f.kind is FieldKind.SECTION or not f.required
               for f in template.fields), "every required field shows an example"
    filled = fill(template, examples(template, required_only=required_only), now=NOW,
                  zone="Europe/Berlin")
    assert filled.errors == {}
    rendered = library.render(template, filled.values)
    assert rendered.subject
    assert "\n" not in rendered.subject
    assert "\n\n\n" not in rendered.body, "no stray blank lines from the template's blocks"
    found = blocking(rendered.subject + "\n\n" + rendered.body)
    if template_id == "reply" and required_only:
        # a reply may only answer: it asks nothing, and names no deadline the sender did not
        # give; the checker's note that nothing is asked is then true and harmless
        found = [f for f in found if not f.startswith("missing-ask:")]
    assert found == []


@pytest.mark.parametrize("template_id", BUILT_IN)
def test_every_required_field_is_asked_for(library: TemplateLibrary, template_id: str) -> None:
    template = library.get(template_id)
    filled = fill(template, {}, now=NOW, zone="UTC")
    required = {f.name for f in template.fields if f.required and f.default is None and (
        not f.section or template.field(f.section).default)}
    assert set(filled.errors) == required


def test_sections_switched_off_leave_no_trace(library: TemplateLibrary) -> None:
    template = library.get("decision")
    given = examples(template, required_only=False) | {"has_risks": False}
    body = library.render(template, fill(template, given, now=NOW, zone="UTC").values).body
    assert "Risks" not in body
    assert "\n\n\n" not in body
