# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Look for passwords where they must never be: the data dir, logs, exports, drafts, crash
reports. Any feature that handles a password calls it at the end of its test run::

    from tests.reliability.secret_scan import scan_for_secrets
    assert scan_for_secrets({imap_password, smtp_password},
                            [paths.data_dir, paths.cache_dir, paths.config_dir]) == []

Each file's bytes are searched for every password as it is, in UTF-8 and UTF-16, URL-encoded
(``%40`` and ``+`` forms), JSON-escaped, as hex, and in base64 (standard and URL-safe, at each
of the three alignments, so a password inside a longer base64 blob such as an AUTH PLAIN line
or a Basic auth header is found too). SQLite files are read raw, WAL files included.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, quote_plus


@dataclass(frozen=True)
class Finding:
    path: Path
    form: str
    """How the password was written there: plain, base64, url, …"""


def _base64_forms(secret: bytes) -> list[bytes]:
    """The stretch of base64 that encodes ``secret`` inside any longer text, per alignment."""
    forms = []
    for shift in range(3):
        padded = b"\0" * shift + secret
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            text = encode(padded)
            # Drop the characters that mix in the unknown bytes before and after.
            start = (shift * 4 + 2) // 3
            end = (len(padded) // 3) * 4
            core = text[start:end]
            if len(core) >= 4:
                forms.append(core)
    return forms


def encodings(secret: str) -> dict[str, list[bytes]]:
    """Every form of ``secret`` the scan looks for, by name."""
    raw = secret.encode("utf-8")
    return {
        "plain": [raw, secret.encode("utf-16-le")],
        "url": [quote(secret, safe="").encode(), quote_plus(secret).encode(),
                quote(secret).encode()],
        "json": [json.dumps(secret)[1:-1].encode(), json.dumps(secret, ensure_ascii=False)[
            1:-1].encode()],
        "hex": [raw.hex().encode(), raw.hex().upper().encode()],
        "base64": _base64_forms(raw),
    }


def scan_for_secrets(secrets: Iterable[str], roots: Iterable[Path]) -> list[Finding]:
    """Every file under ``roots`` that holds one of ``secrets`` in any known form."""
    needles = [(form, needle) for secret in secrets if secret
               for form, values in encodings(secret).items() for needle in set(values)]
    findings: list[Finding] = []
    for root in roots:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            data = path.read_bytes()
            findings.extend(Finding(path, form) for form, needle in needles if needle in data)
    return findings


def scan_app_dirs(secrets: Iterable[str], data_dir: Path | str) -> list[Finding]:
    """:func:`scan_for_secrets` over the data, cache and config dirs of a ``--data-dir`` run
    (logs, crash reports, exports, drafts and the store live there)."""
    from desktop.platform.paths import resolve_paths

    paths = resolve_paths(str(data_dir))
    roots = [p for p in (paths.data_dir, paths.cache_dir, paths.config_dir) if p.exists()]
    assert roots, f"nothing to scan under {data_dir}"
    return scan_for_secrets(secrets, roots)
