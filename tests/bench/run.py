# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``make bench``: run every ``bench_*.py`` in its own process (each measures itself beside its
peer in that one run), echo their result lines, and end with one ratio per pair.

Usage: ``python tests/bench/run.py [NAME ...]`` where NAME picks benches by substring.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _fields(line: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in line.split() if "=" in part)


def _run(bench: Path) -> list[dict[str, str]]:
    print(f"# {bench.stem}", flush=True)
    process = subprocess.Popen([sys.executable, bench.name], cwd=HERE, text=True,
                               stdout=subprocess.PIPE)
    assert process.stdout is not None
    results = []
    for line in process.stdout:
        print(line, end="", flush=True)
        if line.startswith("name="):
            results.append(_fields(line))
    if process.wait() != 0:
        print(f"# {bench.stem} failed with status {process.returncode}", flush=True)
    return results


def _summary(results: list[dict[str, str]]) -> None:
    print("# ratios (app against each peer of the same run)")
    app = None
    for fields in results:
        if fields["name"].startswith("app."):
            app = fields
        elif app is not None and "ratio" in fields:
            print(f"{app['name']:<18} {app['seconds']:>10}s   {fields['name']:<28} "
                  f"{fields['seconds']:>10}s   ratio={fields['ratio']}"
                  + (f"   identical={fields['identical']}" if "identical" in fields else ""))


def main(argv: list[str]) -> int:
    benches = sorted(HERE.glob("bench_*.py"))
    if argv:
        benches = [b for b in benches if any(word in b.stem for word in argv)]
    sys.path.insert(0, str(HERE))
    try:
        from common import benchlib
    except ModuleNotFoundError as error:
        print(f"make bench needs the shared bench helpers ({error.name}): set SHARED to the "
              "folder that holds bench/benchlib.py and bench/gen_corpus.py", file=sys.stderr)
        return 2

    print(f"# {benchlib.machine_note()}", flush=True)
    results = [fields for bench in benches for fields in _run(bench)]
    _summary(results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
