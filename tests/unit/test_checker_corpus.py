# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The checker on its labeled corpus (``tests/data/checker``): every code keeps precision
≥ 0.95 and recall ≥ 0.90, and a message that must raise nothing raises nothing. The figures
can only go up: a change that loses a code's target fails here, with the messages it got wrong.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
def _load_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_checker",
                                                  ROOT / "tools" / "eval_checker.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_checker", module)
    spec.loader.exec_module(module)
    return module


EVAL = _load_eval()
ROWS = EVAL.load()
CODES = sorted(EVAL.CODES)


@pytest.fixture(scope="module")
def result():
    return EVAL.evaluate(ROWS, EVAL.checker_run)


def test_the_corpus_is_big_and_labeled_both_ways():
    assert len(ROWS) >= 400
    assert {r["language"] for r in ROWS} == {"en", "de"}
    for row in ROWS:
        assert set(row["must"]) <= set(CODES)
        assert set(row["must_not"]) <= set(CODES)
        assert not set(row["must"]) & set(row["must_not"]), row["id"]
        for code, words in row["spans"]:
            assert code in row["must"], row["id"]
            assert words in row["text"], row["id"]
    for code in CODES:  # every code is judged both ways
        assert any(code in r["must"] for r in ROWS), code
        assert any(code in r["must_not"] for r in ROWS), code


@pytest.mark.parametrize("code", CODES)
def test_each_code_meets_its_targets(result, code):
    score = result.scores[code]
    assert score.precision >= EVAL.PRECISION, score.misses
    assert score.recall >= EVAL.RECALL, score.misses


def test_clean_messages_stay_clean(result):
    assert result.clean >= 200
    assert result.clean_flagged == []


def test_the_scores_count_what_they_say():
    rows = [{"id": "a", "language": "en", "text": "x", "must": ["secret"],
             "must_not": ["vague-time"], "spans": [["secret", "x"]]},
            {"id": "b", "language": "en", "text": "y", "must": [], "must_not": ["secret"],
             "spans": []}]
    found = {"x": [("vague-time", 0, 1)], "y": [("secret", 0, 1)]}
    result = EVAL.evaluate(rows, lambda text, _lang: found[text])
    assert (result.scores["secret"].tp, result.scores["secret"].fp,
            result.scores["secret"].fn) == (0, 1, 1)
    assert result.scores["vague-time"].fp == 1
    assert result.scores["secret"].precision == 0.0
