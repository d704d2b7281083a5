# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Rendering templates: the sandbox holds, broken templates name file and line, user files
override shipped ones and edits show up without a restart, deadlines carry both zones."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.core.drafting.templates import Moment, TemplateBroken, fill
from desktop.platform.sandbox import Budget
from desktop.platform.template_filters import first_name, person_name, quote, zone_label
from desktop.platform.templates import TemplateLibrary

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
HEAD = """{#---
title = "Note"
subject = "About {{ topic }}"

[[fields]]
name = "topic"
label = "Topic"
required = true

[[fields]]
name = "by"
type = "datetime"
label = "By"
---#}
"""
HEAD_LINES = HEAD.count("\n")


def write(folder: Path, name: str, body: str, *, head: str = HEAD, stamp: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.j2"
    path.write_text(head + body, encoding="utf-8")
    if stamp:  # file systems keep coarse times; set a distinct one so a change is seen
        os.utime(path, ns=(stamp, stamp))
    return path


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "shipped", tmp_path / "user"


@pytest.fixture
def library(folders: tuple[Path, Path]) -> TemplateLibrary:
    shipped, user = folders
    write(shipped, "note", "Hello {{ topic }}.\n")
    return TemplateLibrary(shipped, user, language="en", own_zone="Europe/Berlin")


def render(library: TemplateLibrary, name: str = "note", **values: object) -> str:
    template = library.get(name)
    filled = fill(template, {"topic": "launch", **values}, now=NOW,  # type: ignore[arg-type]
                  zone="UTC")
    return library.render(template, filled.values).body


def test_a_template_renders_subject_and_body(library: TemplateLibrary) -> None:
    template = library.get("note")
    rendered = library.render(template, fill(template, {"topic": "launch"}, now=NOW,
                                             zone="UTC").values)
    assert rendered.subject == "About launch"
    assert rendered.body == "Hello launch.\n"


def test_a_deadline_shows_the_recipients_zone_then_the_writers(
        library: TemplateLibrary, folders: tuple[Path, Path]) -> None:
    write(folders[0], "note", "Reply {{ by|deadline }}.\n")
    assert render(library, by="2026-11-27 17:00 UTC") == (
        "Reply by Fri 27 Nov, 17:00 UTC (18:00 CET).\n")
    tokyo = render(library, by="2026-11-27 17:00 Asia/Tokyo")
    assert tokyo == "Reply by Fri 27 Nov, 17:00 JST (09:00 CET).\n"
    late = render(library, by="2026-11-28 07:00 Asia/Tokyo")  # the day before, in Berlin
    assert late == "Reply by Sat 28 Nov, 07:00 JST (Fri 23:00 CET).\n"
    same = render(library, by="2026-11-27 17:00 Europe/Berlin")
    assert same == "Reply by Fri 27 Nov, 17:00 CET.\n"


def test_dates_follow_the_interface_language(folders: tuple[Path, Path]) -> None:
    write(folders[0], "note", "{{ by|moment }}\n")
    german = TemplateLibrary(folders[0], folders[1], language="de", own_zone="UTC")
    assert render(german, by="2026-11-26 17:00 UTC") == "Do. 26 Nov., 17:00 UTC\n"


def test_zone_labels_are_ones_readers_and_the_checker_know() -> None:
    kolkata = Moment(datetime(2026, 11, 27, 12, tzinfo=UTC), "Asia/Kolkata").local
    assert zone_label(kolkata) == "IST"
    sao_paulo = Moment(datetime(2026, 11, 27, 12, tzinfo=UTC), "America/Sao_Paulo").local
    assert zone_label(sao_paulo) == "UTC-03:00"


@pytest.mark.parametrize(("person", "name", "first"), [
    ("Maya Cohen <maya.cohen@umbrella.example>", "Maya Cohen", "Maya"),
    ("Anna Schmidt (@anna)", "Anna Schmidt", "Anna"),
    ("<ops@example.org>", "ops", "ops"),
    ("@lukas", "lukas", "lukas"),
])
def test_people_are_greeted_by_name(person: str, name: str, first: str) -> None:
    assert person_name(person) == name
    assert first_name(person) == first


def test_a_quote_keeps_the_first_lines_and_marks_the_cut() -> None:
    text = "word " * 100
    quoted = quote(text, lines=2).splitlines()
    assert len(quoted) == 3
    assert all(line.startswith("> ") for line in quoted)
    assert quoted[-1] == "> …"


# -- the sandbox -------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "words"), [
    ("{{ ''.__class__.__mro__ }}", "Not allowed in a template: access to attribute '__class__'"),
    ("{{ cycler.__init__.__globals__ }}", "Not allowed in a template: access to attribute"),
    ("{{ topic.format.__self__.__class__ }}", "Not allowed"),
    ("{% for i in range(10**9) %}{% endfor %}", "Range too big"),
    ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
     "loops too often"),
    ("{{ 'x' * 10**9 }}", "longer than"),
    ("{{ 'x'.ljust(10**9) }}", "longer than"),
    ("{{ 'x'|center(10**9) }}", "longer than"),
    ("{{ '%999999999s'|format(1) }}", "format width is too large"),
    ("{{ '{:>999999999}'.format(1) }}", "format width is too large"),
    ("{{ 7 ** 100000 }}", "too large"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "calls itself"),
    ("{{ lipsum(10**6) }}", "'lipsum' is undefined"),
    # text grows inside one operation, long before the output or a loop step is checked
    ("{{ ('x' * 1000)|replace('x', 'y' * 1000) }}", "more than 200000 characters"),
    ("{{ ('x' * 1000).replace('x', 'y' * 1000) }}", "more than 200000 characters"),
    ("{% set s = namespace(t='x' * 1000) %}{% for i in range(40) %}"
     "{% set s.t = s.t ~ s.t %}{% endfor %}", "more than 200000 characters"),
    ("{% set t = 'x' * 150000 %}{% set u %}{{ t }}{{ t }}{% endset %}",
     "more than 200000 characters"),
    ("{{ ['x' * 150000, 'y' * 150000]|join }}", "more than 200000 characters"),
    ("{{ ''.join(['x' * 150000, 'y' * 150000]) }}", "more than 200000 characters"),
    ("{% filter upper %}{{ 'x' * 150000 }}{{ 'x' * 150000 }}{% endfilter %}",
     "more than 200000 characters"),
])
def test_escapes_and_runaway_templates_stop_with_a_clear_error(
        library: TemplateLibrary, folders: tuple[Path, Path], body: str, words: str) -> None:
    path = write(folders[1], "note", "Fine line\n" + body + "\n")
    with pytest.raises(TemplateBroken) as caught:
        render(library)
    assert caught.value.origin == str(path.resolve())
    assert caught.value.line == HEAD_LINES + 2
    assert words in caught.value.reason


@pytest.mark.parametrize("statement", [
    "{% include '../../../../../../../../etc/passwd' %}",
    "{% include '/etc/passwd' %}",
    "{% extends '../outside.j2' %}",
    "{% import '../outside.j2' as m %}",
    "{% from '/etc/hostname' import x %}",
    "{% include 'sub/../../outside.j2' %}",
    "{% include 'linked.j2' %}",
])
def test_templates_load_only_from_their_folders(
        library: TemplateLibrary, folders: tuple[Path, Path], statement: str) -> None:
    outside = folders[0].parent / "outside.j2"
    outside.write_text("SECRET", encoding="utf-8")
    folders[1].mkdir(parents=True, exist_ok=True)
    (folders[1] / "linked.j2").symlink_to(outside)
    path = write(folders[1], "note", "Fine line\n" + statement + "\n")
    with pytest.raises(TemplateBroken) as caught:
        render(library)
    assert caught.value.origin == str(path.resolve())
    assert caught.value.line == HEAD_LINES + 2
    assert "is outside the template folders" in caught.value.reason
    assert "SECRET" not in str(caught.value)


def test_a_subject_cannot_include_a_file_outside_either(
        library: TemplateLibrary, folders: tuple[Path, Path]) -> None:
    path = write(folders[1], "note", "Body\n", head=HEAD.replace(
        "About {{ topic }}", "{% include '../../../../../../etc/passwd' %}"))
    with pytest.raises(TemplateBroken) as caught:
        render(library)
    assert str(caught.value).startswith(f"{path.resolve()}:3: ")
    assert "outside the template folders" in caught.value.reason


def test_includes_inside_the_folders_still_work(
        library: TemplateLibrary, folders: tuple[Path, Path]) -> None:
    write(folders[0], "greeting", "Hi from shipped", head="")
    (folders[1] / "parts").mkdir(parents=True)
    (folders[1] / "parts" / "sign.j2").write_text("-- Ann", encoding="utf-8")
    write(folders[1], "note", "{% include 'greeting.j2' %} {% include 'parts/sign.j2' %}\n")
    assert render(library) == "Hi from shipped -- Ann\n"


def test_a_template_file_linking_outside_is_listed_as_a_problem(
        library: TemplateLibrary, folders: tuple[Path, Path]) -> None:
    outside = folders[0].parent / "elsewhere.j2"
    outside.write_text(HEAD + "Body\n", encoding="utf-8")
    folders[1].mkdir(parents=True)
    (folders[1] / "sneaky.j2").symlink_to(outside)
    assert [t.id for t in library.templates()] == ["note"]
    [problem] = library.problems
    assert "link to outside the template folders" in problem.reason


def test_huge_output_is_stopped_by_the_output_budget(
        library: TemplateLibrary, folders: tuple[Path, Path]) -> None:
    write(folders[1], "note", "{% for i in range(99999) %}{{ topic * 10 }}{% endfor %}")
    with pytest.raises(TemplateBroken, match="more than 200000 characters"):
        render(library)


def test_a_slow_template_is_stopped_by_the_time_budget(
        library: TemplateLibrary, folders: tuple[Path, Path]) -> None:
    write(folders[1], "note", "{% for i in range(99999) %}{{ i }}{% endfor %}")
    template = library.get("note")
    values = fill(template, {"topic": "x"}, now=NOW, zone="UTC").values
    with pytest.raises(TemplateBroken, match="takes too long"):
        library.render(template, values, Budget(max_seconds=-1))


# -- broken templates --------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "line", "words"), [
    ("ok\n{% if topic %}\nno end\n", HEAD_LINES + 3, "Syntax error: Unexpected end of template"),
    ("ok\n{{ topic | nosuchfilter }}\n", HEAD_LINES + 2, "No filter named 'nosuchfilter'"),
    ("ok\n\n{{ missing_field }}\n", HEAD_LINES + 3, "'missing_field' is undefined"),
    ("ok\n{{ 1 / 0 }}\n", HEAD_LINES + 2, "The template failed: division by zero"),
    ("ok\n{% include 'nowhere.j2' %}\n", HEAD_LINES + 2, "'nowhere.j2' it refers to does not"),
])
def test_a_broken_template_names_its_file_and_line(
        library: TemplateLibrary, folders: tuple[Path, Path], body: str, line: int,
        words: str) -> None:
    path = write(folders[1], "note", body)
    with pytest.raises(TemplateBroken) as caught:
        render(library)
    assert str(caught.value).startswith(f"{path.resolve()}:{line}: ")
    assert words in caught.value.reason


def test_a_broken_subject_names_the_subject_line(
        library: TemplateLibrary, folders: tuple[Path, Path]) -> None:
    path = write(folders[1], "note", "Body\n", head=HEAD.replace("About {{ topic }}",
                                                                 "About {{ topic "))
    with pytest.raises(TemplateBroken) as caught:
        render(library)
    assert str(caught.value).startswith(f"{path.resolve()}:3: Syntax error")


def test_unreadable_files_are_listed_as_problems_not_raised(
        library: TemplateLibrary, folders: tuple[Path, Path]) -> None:
    (folders[1]).mkdir(parents=True)
    (folders[1] / "latin1.j2").write_bytes(b"{#---\ntitle = \"caf\xe9\"\n---#}\n")
    write(folders[1], "nofront", "just text", head="")
    assert [t.id for t in library.templates()] == ["note"]
    assert sorted(Path(p.origin).name for p in library.problems) == ["latin1.j2", "nofront.j2"]
    with pytest.raises(TemplateBroken, match="not UTF-8"):
        library.get("latin1")


# -- user folder -------------------------------------------------------------------------------

def test_a_user_file_overrides_the_shipped_one_and_edits_show_without_restart(
        library: TemplateLibrary, folders: tuple[Path, Path]) -> None:
    assert render(library) == "Hello launch.\n"
    user_file = write(folders[1], "note", "Mine: {{ topic }}.\n", stamp=1_000_000_000)
    assert render(library) == "Mine: launch.\n"
    assert library.get("note").origin == str(user_file.resolve())
    write(folders[1], "note", "Edited: {{ topic }}.\n", stamp=2_000_000_000)
    assert render(library) == "Edited: launch.\n"
    write(folders[1], "note", "Retitled.\n", head=HEAD.replace('"Note"', '"Memo"'),
          stamp=3_000_000_000)
    assert [t.title for t in library.templates()] == ["Memo"]
    user_file.unlink()
    assert render(library) == "Hello launch.\n"
    assert [t.title for t in library.templates()] == ["Note"]


def test_an_unknown_template_lists_the_known_ones(library: TemplateLibrary) -> None:
    from desktop.core.errors import InvalidInput

    with pytest.raises(InvalidInput, match=r"No template 'nope'; known templates: note\."):
        library.get("nope")
