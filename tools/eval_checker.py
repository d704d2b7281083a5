# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Precision and recall of the context checker per finding code, on the labeled corpus.

``make eval`` (and ``make bench``) runs it. A message counts for a code as:

* TP: the code is in ``must`` and a finding of it was raised (covering each labeled span);
* FN: the code is in ``must`` and no such finding was raised;
* FP: the code is in ``must_not`` and a finding of it was raised.

Codes a message labels neither way are not judged on it. ``clean`` counts the messages that
must raise nothing and the ones of them that raised something anyway.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "checker"  # every *.jsonl in it
PRECISION, RECALL = 0.95, 0.90  # every code's target
CODES = frozenset({"mass-mention", "secret", "vague-time", "deadline-without-timezone",
                   "missing-summary", "missing-ask", "missing-deadline", "missing-link",
                   "vague-ask"})


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Result:
    scores: dict[str, Score]
    clean: int
    clean_flagged: list[str]


Found = Sequence[tuple[str, int, int]]  # (code, start, end)


def load(folder: Path = CORPUS) -> list[dict]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            rows.extend(json.loads(line) for line in lines if line.strip())
    return rows


def evaluate(rows: Iterable[dict], run: Callable[[str, str], Found]) -> Result:
    scores: dict[str, Score] = {}
    clean, flagged = 0, []
    for row in rows:
        text = row["text"]
        found = run(text, row["language"])
        raised = {code for code, _s, _e in found}
        spans: dict[str, list[str]] = {}
        for code, words in row.get("spans", []):
            spans.setdefault(code, []).append(words)
        for code in row["must"]:
            score = scores.setdefault(code, Score())
            covered = {text[s:e] for c, s, e in found if c == code}
            if code in raised and all(words in covered for words in spans.get(code, [])):
                score.tp += 1
            else:
                score.fn += 1
                score.misses.append(f"FN {row['id']}")
        for code in row["must_not"]:
            score = scores.setdefault(code, Score())
            if code in raised:
                score.fp += 1
                score.misses.append(f"FP {row['id']}")
        if not row["must"] and set(row["must_not"]) >= CODES:  # must raise nothing at all
            clean += 1
            if found:
                flagged.append(row["id"])
    return Result(scores, clean, flagged)


def table(result: Result) -> str:
    lines = [f"{'code':28} {'precision':>9} {'recall':>7} {'TP':>5} {'FP':>5} {'FN':>5}"]
    for code, s in sorted(result.scores.items()):
        low = " <" if s.precision < PRECISION or s.recall < RECALL else ""
        lines.append(f"{code:28} {s.precision:9.3f} {s.recall:7.3f} {s.tp:5d} {s.fp:5d} "
                     f"{s.fn:5d}{low}")
    lines.append(f"clean messages: {result.clean}, with a finding: {len(result.clean_flagged)}")
    return "\n".join(lines)


def checker_run(text: str, language: str) -> Found:
    from desktop.wiring.checking import check_message

    return [(f.code, f.start, f.end) for f in check_message(text, language=language)]


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    rows = load()
    result = evaluate(rows, checker_run)
    print(f"{len(rows)} messages in {CORPUS.relative_to(ROOT)}")
    print(table(result))
    if "-v" in argv:
        for code, s in sorted(result.scores.items()):
            for miss in s.misses:
                print(code, miss)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
