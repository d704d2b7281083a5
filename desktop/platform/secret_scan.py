# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Secrets in a message, found by detect-secrets' plugins (offline: no plugin verifies a
secret against its service here).

Each line goes through the plugins that know a token by its shape (AWS, GitHub, GitLab, Slack,
Stripe, JWT, basic-auth URLs, private keys, ...); a hit spans the whole match, not only the
group a plugin reports. detect-secrets' entropy plugins judge the word after a secret-ish
keyword ("the webhook secret is 8f3Kq9…"): in prose every word would be a candidate
otherwise. Public IP addresses are not secrets in a message and that plugin is left out.
A hit names the plugin's kind of secret and never carries the secret.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from desktop.core.drafting.secrets import SecretHit, merge

if TYPE_CHECKING:
    from detect_secrets.plugins.base import RegexBasedDetector
    from detect_secrets.plugins.high_entropy_strings import (
        Base64HighEntropyString,
        HexHighEntropyString,
    )

_LEFT_OUT = {"IPPublicDetector", "KeywordDetector", "Base64HighEntropyString",
             "HexHighEntropyString"}
_AFTER_KEYWORD = re.compile(
    r"\b(?:key|token|secret|password|passwort|kennwort|bearer|schlüssel|credentials?|api_?key)"
    r"\w*\W{1,4}(?:is\s+|ist\s+|lautet\s+)?[\"']?(?P<value>[A-Za-z0-9+/=_-]{16,})", re.I)
_HEX = re.compile(r"[0-9a-fA-F]+")


@lru_cache(maxsize=1)
def _plugins() -> tuple[list[RegexBasedDetector], Base64HighEntropyString,
                        HexHighEntropyString]:
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.plugins.base import RegexBasedDetector
    from detect_secrets.plugins.high_entropy_strings import (
        Base64HighEntropyString,
        HexHighEntropyString,
    )

    classes: list[type] = list(get_mapping_from_secret_type_to_class().values())
    shaped = [cls() for cls in classes
              if cls.__name__ not in _LEFT_OUT and issubclass(cls, RegexBasedDetector)]
    return shaped, Base64HighEntropyString(), HexHighEntropyString()


def scan(text: str) -> list[SecretHit]:
    """The secrets in ``text``, without overlaps, in order."""
    shaped, base64, hexa = _plugins()
    hits: list[SecretHit] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if len(line.strip()) >= 8:
            hits.extend(_line_hits(line, offset, shaped, base64, hexa))
        offset += len(line)
    return merge(hits)


def _line_hits(line: str, offset: int, shaped: list[RegexBasedDetector],
               base64: Base64HighEntropyString, hexa: HexHighEntropyString) -> list[SecretHit]:
    hits = []
    for plugin in shaped:
        for regex in plugin.denylist:
            for match in regex.finditer(line):
                token = match.group(0)
                valid = getattr(plugin, "is_formally_valid", None)
                if valid is not None and not valid(token):
                    continue
                hits.append(SecretHit(offset + match.start(), offset + match.end(),
                                      plugin.secret_type))
    for match in _AFTER_KEYWORD.finditer(line):
        value = match.group("value")
        entropy = hexa if _HEX.fullmatch(value) else base64
        if entropy.calculate_shannon_entropy(value) >= entropy.entropy_limit:
            hits.append(SecretHit(offset + match.start("value"), offset + match.end("value"),
                                  "High Entropy String"))
    return hits
