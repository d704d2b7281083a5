# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Rendering each built-in template with the examples its form shows, as the live preview does
on every pause in typing. Target: 10 ms for the slowest template. The peer renders the same
sources with the same filters and values in a plain, unsandboxed Jinja2 environment, so the
ratio is the price of the sandbox, the budgets and the file checks."""

from __future__ import annotations

import statistics
from datetime import UTC, datetime

from common import Timer, report

RUNS = 60
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def main() -> None:
    from jinja2 import Environment, StrictUndefined

    from desktop.core.drafting.templates import FieldKind, fill
    from desktop.platform.resources import resource_path
    from desktop.platform.templates import TemplateLibrary

    library = TemplateLibrary(resource_path("templates"), None, own_zone="Europe/Berlin")
    plain = Environment(undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    plain.filters.update(library.filters.as_dict())
    cases = []
    for template in library.templates():
        given = {f.name: f.example for f in template.fields
                 if f.example and f.kind is not FieldKind.SECTION}
        values = dict(fill(template, given, now=NOW, zone="Europe/Berlin").values)
        cases.append((template, values, plain.from_string(template.body),
                      plain.from_string(template.subject)))

    app_ms, peer_ms = {}, {}
    for template, values, body, subject in cases:
        library.render(template, values)  # compile once, as the window does on first use
        times = []
        for _run in range(RUNS):
            with Timer() as t:
                library.render(template, values)
            times.append(t.seconds)
        app_ms[template.id] = statistics.median(times) * 1000
        times = []
        for _run in range(RUNS):
            with Timer() as t:
                body.render(values)
                subject.render(values)
            times.append(t.seconds)
        peer_ms[template.id] = statistics.median(times) * 1000
    worst = max(app_ms, key=app_ms.__getitem__)
    report("app.render", len(cases), app_ms[worst] / 1000, count=1, slowest=worst,
           target_ms=10, **{f"{k}_ms": round(v, 3) for k, v in sorted(app_ms.items())})
    peer_worst = max(peer_ms.values())
    report("peer.jinja2_unsandboxed", len(cases), peer_worst / 1000, count=1,
           ratio=round(peer_worst / app_ms[worst], 2),
           **{f"{k}_ms": round(v, 3) for k, v in sorted(peer_ms.items())})


if __name__ == "__main__":
    main()
