# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time and peak memory of each parser attack of issue 21, before and after, for its table.

Each attack is written by :mod:`tests.reliability.hostile_inputs` and run by
:func:`tests.reliability.attack.run_attack` in a child process of the checkout given, with a
wall-clock limit and an address-space cap. Usage::

    python -m tests.reliability.measure_parsers BEFORE_SRC [AFTER_SRC] [--limit 60]

It prints one JSON line per attack with both sides: seconds, peak RSS in MiB (none when the
run was killed), how it ended, items read and the first reports.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.reliability import hostile_inputs as hostile
from tests.reliability.attack import ROOT, run_attack


def _write(data: bytes, name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path
    return make


ATTACKS: list[tuple[str, str, Callable[[Path], Path]]] = [
    ("MIME nested 1,000 deep", "eml", _write(hostile.nested_mail(1_000), "deep.eml")),
    ("MIME forwarded 1,000 deep", "eml",
     _write(hostile.nested_mail(1_000, kind="message/rfc822"), "fwd.eml")),
    ("MIME 100,000 empty parts", "eml", _write(hostile.wide_mail(100_000), "wide.eml")),
    ("Maildir of 40 random hostile mails", "maildir",
     lambda d: hostile.fuzz_maildir(random.Random(21), d / "Maildir")),
    (".ics zone changing offset every second", "ics",
     lambda d: hostile.ics_attack("zone-every-second", d / "tz.ics")),
    ("CalDAV item with that zone", "caldav", lambda d: hostile.caldav_item(d / "item.ics")),
    (".ics hourly, every minute and second", "ics",
     lambda d: hostile.ics_attack("hourly-every-second", d / "hourly.ics")),
    (".ics 300 zones x 400 events", "ics",
     lambda d: hostile.ics_attack("300-zones-400-events", d / "zones.ics")),
    (".ics event inside an unterminated zone", "ics",
     lambda d: hostile.ics_attack("unterminated-zone", d / "open.ics")),
    ("mail dated year 0000", "eml", _write(
        b"From: a@example.org\nSubject: y0\nDate: Sat, 01 Jan 0000 09:00:00 +0000\n\nhi\n",
        "y0.eml")),
    ("Slack zip: 255 MB of [{},...]", "slack", lambda d: hostile.slack_bomb(d / "s.zip", 255)),
    ("Slack zip: 30 MB of [{},...]", "slack", lambda d: hostile.slack_bomb(d / "t.zip", 30)),
    ("CSV unclosed quote (5 MB cell)", "csv",
     lambda d: hostile.csv_attack("unclosed-quote", d / "q.csv")),
    ("CSV row of 200,000 cells", "csv", lambda d: hostile.csv_attack("wide-row", d / "w.csv")),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path, nargs="?", default=ROOT)
    parser.add_argument("--limit", type=float, default=60.0)
    parser.add_argument("--memory-mb", type=int, default=4_096)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        for label, kind, make in ATTACKS:
            folder = Path(scratch) / label.replace(" ", "_").replace("/", "_")
            folder.mkdir()
            path = make(folder)
            row: dict[str, object] = {"attack": label}
            for side, root in (("before", args.before), ("after", args.after)):
                outcome = run_attack(kind, path, timeout=args.limit, memory_mb=args.memory_mb,
                                     root=root)
                peak = outcome.peak_mb
                row[side] = {"seconds": round(outcome.seconds, 2),
                             "peak_mb": None if peak != peak else round(peak),
                             "status": outcome.status, "items": outcome.items,
                             "reports": [r[:100] for r in outcome.reasons[:2]]}
            print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
