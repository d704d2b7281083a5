# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared bench helpers: the shared corpus generator and result lines (``shared/bench``)."""

from __future__ import annotations

import csv
import os
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = (ROOT / os.environ.get("SHARED", "../shared")).resolve()  # relative to the checkout
sys.path.insert(0, str(SHARED / "bench"))
sys.path.insert(0, str(ROOT))

import benchlib  # noqa: E402
import gen_corpus  # noqa: E402

report = benchlib.report
Timer = benchlib.Timer


CACHE = (ROOT / os.environ.get("BENCH_CACHE", "../cache")).resolve()  # relative to the checkout


def maildir(n: int) -> Path:
    """The ``Maildir`` of the deterministic corpus with ``n`` mails, generated once into the
    cache folder ``$BENCH_CACHE`` (default ``../cache`` beside the checkout) and reused by every
    later run: 200,000 mails take minutes and 2 GB to write."""
    out = CACHE / f"corpus-{n}-s{gen_corpus.DEFAULT_SEED}"
    return Path(gen_corpus.ensure_corpus(n, out=str(out))) / "Maildir"


def load() -> float:
    """The one-minute load average, printed beside each figure (the CPU is shared)."""
    return round(os.getloadavg()[0], 2)


def corpus_csv(n: int) -> Path:
    """``requests.csv`` of the deterministic corpus with ``n`` rows (generated once)."""
    return Path(gen_corpus.ensure_corpus(n, csv_only=True)) / "requests.csv"


def received_times(n: int) -> list[datetime]:
    """The ``received_at`` column of the corpus, as aware datetimes."""
    with corpus_csv(n).open(encoding="utf-8") as handle:
        return [datetime.fromisoformat(row["received_at"]) for row in csv.DictReader(handle)]


def rows(n: int) -> list[dict[str, str]]:
    """Every row of the corpus CSV."""
    with corpus_csv(n).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_note(label: str = "") -> str:
    """``# load 1.52 <label>``: the one-minute load average beside a figure (the CPU is shared,
    so a figure means little without it)."""
    with open("/proc/loadavg", encoding="ascii") as handle:
        return f"# load {handle.read().split()[0]} {label}".rstrip()
