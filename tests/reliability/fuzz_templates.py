# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fuzz target for user-edited templates: broken TOML front matter, Jinja syntax errors,
sandbox escapes, runaway loops and output, and random byte damage, through the real
:class:`~desktop.platform.templates.TemplateLibrary`. Every file is either listed and renders,
or is reported as a ``TemplateBroken`` naming its file (and its line, for every known fault).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.drafting.templates import TemplateBroken, fill
from desktop.core.importing.items import Problem
from desktop.platform.sandbox import Budget
from desktop.platform.templates import TemplateLibrary
from tests.reliability.fuzz import Case, FuzzTarget, mutate_bytes, register

_NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
_BASE = """{{#---
title = "Fuzz {n}"
subject = "Hello {{{{ name }}}}"

[[fields]]
name = "name"
type = "text"
label = "Name"
default = "Ann"
---#}}
Dear {{{{ name }}}},
{{% for i in range(3) %}}line {{{{ i }}}}
{{% endfor %}}
Bye
"""
_BODY = "Dear {{ name }},"
# Known faults: (where in the file, replacement, what the report must say). Every one of
# them must come back as a TemplateBroken with the file and a line.
_FAULTS = [
    ('title = "Fuzz', 'title = "Fuzz\ntitle = 1\nbroken', ""),  # TOML: unclosed, twice
    ('type = "text"', 'type = "no-such-kind"', ""),
    ("---#}", "#}", ""),  # front matter never closed
    (_BODY, "Dear {{ name ", "syntax"),
    (_BODY, "{% if name %}Dear", "syntax"),
    (_BODY, "{% for x in %}", "syntax"),
    (_BODY, "{{ name.__class__.__mro__[1].__subclasses__() }}", ""),
    (_BODY, "{{ ''.__class__.__base__ }}", ""),
    (_BODY, "{{ cycler.__init__.__globals__.os.system('true') }}", ""),
    (_BODY, "{{ name.format.__globals__ }}", ""),
    (_BODY, "{% for i in range(10**9) %}x{% endfor %}", "stopped"),
    (_BODY, "{{ 'x' * 10**9 }}", ""),
    (_BODY, "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
     "stopped"),
    (_BODY, "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "stopped"),
    (_BODY, "{{ nope }}", "front matter"),
    (_BODY, "{% include 'missing.j2' %}", "does not exist"),
    (_BODY, "{{ 1 / 0 }}", "failed"),
]


def _template_cases(rng: random.Random, count: int, scratch: Path) -> list[Case]:
    folder = scratch / "templates"
    folder.mkdir()
    expects: dict[str, list[str]] = {}
    for n in range(count):
        text = _BASE.format(n=n)
        expect: list[str] = []
        if n % 2 == 0:
            where, fault, reason = rng.choice(_FAULTS)
            text = text.replace(where, fault, 1)
            expect = [reason, "line"]
            data = text.encode()
        else:
            data = mutate_bytes(rng, text.encode())
        path = folder / f"fuzz{n}.j2"
        path.write_bytes(data)
        expects[str(path.resolve())] = expect
    library = TemplateLibrary(folder / "none", folder)
    reports: dict[str, list[Problem]] = {path: [] for path in expects}
    rendered: set[str] = set()
    for template in library.templates():
        try:
            values = fill(template, {}, now=_NOW, zone="UTC").values
            library.render(template, values, Budget(max_steps=20_000, max_seconds=1.0))
        except TemplateBroken as broken:
            reports[broken.origin].append(_problem(broken))
        else:  # read and rendered: accounted for, with nothing to report
            rendered.add(template.origin)
    for broken in library.problems:
        reports[broken.origin].append(_problem(broken))
    return [Case(path, reports[path], [e for e in expects[path] if e], path in rendered)
            for path in expects]


def _problem(broken: TemplateBroken) -> Problem:
    """The report as the fuzz runner reads it; a known fault must say its line."""
    line = "" if broken.line is None else f" (line {broken.line})"
    return Problem(broken.origin, f"{broken.reason}{line}")


register(FuzzTarget("templates", 2000, _template_cases))
