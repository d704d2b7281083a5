# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""How a CSV file is written: its text encoding and its delimiter, from its first bytes.

Spreadsheets in much of Europe write semicolons, some tools tabs or bars; Excel may write
UTF-16, with or without a byte order mark. The CSV readers open a file as these say.
"""

from __future__ import annotations

import csv

DELIMITERS = ",;\t|"
SNIFF_BYTES = 64 * 1024
"""How much of a file is looked at (bytes); half as many characters for the delimiter."""


def sniff_encoding(start: bytes) -> str:
    """The text encoding of a file that begins with ``start``: UTF-16 by its byte order mark
    or by the zero bytes of ASCII text in it, else UTF-8 (stray bytes are fixed later)."""
    if start[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    pairs = start[:1024]
    if len(pairs) >= 4 and pairs.count(0) * 3 >= len(pairs):  # ASCII as UTF-16, no mark
        odd = pairs[1::2].count(0)
        even = pairs[0::2].count(0)
        if odd > 2 * even:
            return "utf-16-le"
        if even > 2 * odd:
            return "utf-16-be"
    return "utf-8-sig"


def sniff_delimiter(sample: str) -> str:
    """The delimiter of a CSV text by its first lines; a comma when unclear."""
    lines = sample.splitlines()[:20]
    if len(lines) > 1 and len(sample) >= SNIFF_BYTES // 2:
        lines = lines[:-1]  # the sample may end inside a line
    head = "\n".join(lines)
    try:
        found = csv.Sniffer().sniff(head, delimiters=DELIMITERS).delimiter
    except csv.Error:
        found = ","
    header = lines[0] if lines else ""
    if found != "," and header.count(found) <= header.count(","):
        found = ","  # the sniffer guesses from rows of text: the header decides a tie
    if found == "," and not header.count(","):
        counts = {d: header.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        found = best if counts[best] else ","
    return found
