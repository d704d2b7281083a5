# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Secrets written in prose, which code scanners do not look for.

The maintained scanner (detect-secrets, run by :mod:`desktop.platform.secret_scan`) knows
tokens by their shape (AWS, GitHub, Slack, Stripe, JWT, private keys) and keywords in code
(``password = "..."``). People write "the password is hunter2" or "Passwort: Sommer2026!", and
paste OpenAI project keys it does not know: those are this module's rules, so the checker also
finds them when the scanner has not run yet. A hit is a span and a kind, never the secret.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.i18n import N_


@dataclass(frozen=True, slots=True)
class SecretHit:
    """A secret at ``text[start:end]``; ``kind`` names it ("password", "Stripe Access
    Key")."""

    start: int
    end: int
    kind: str


_KEYWORD = re.compile(
    r"\b(?P<word>passwords?|passwort|passwd|pwd|pw|kennwort|passphrase|passcode|secret|"
    r"token|api[_ -]?key|"
    r"api-schlüssel|schlüssel|access key|zugangsdaten)\b"
    r"(?:\s*(?P<sep>[:=])\s*|(?:\s+[\w-]+){0,4}?\s+(?:is|ist|lautet|was|war)\s+|"
    r"\s+(?=\S*\d))[\"'`]?(?P<value>[^\s\"'`]{4,})", re.I)
_SHAPES = [
    (re.compile(r"\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}"), N_("API key")),
    (re.compile(r"\bnpm_[A-Za-z0-9]{36}\b"), N_("npm token")),
    (re.compile(r"\bBearer\s+[A-Za-z0-9._~+/-]{20,}=*", re.I), N_("bearer token")),
    (re.compile(r"\bsk_(?:live|test)_[A-Za-z0-9]{16,}"), N_("API key")),
    (re.compile(r"\bAKIA[0-9A-Z]{16}\b"), N_("access key")),
    (re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}\b"), N_("access token")),
    (re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"), N_("access token")),
    (re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----"), N_("private key")),
]
_WORD_KINDS = {"password": N_("password"), "passwords": N_("password"),
               "passwort": N_("password"), "passwd": N_("password"), "pwd": N_("password"),
               "pw": N_("password"), "kennwort": N_("password"), "zugangsdaten": N_("password"),
               "passphrase": N_("password"), "passcode": N_("password")}


def _looks_secret(value: str, assigned: bool) -> bool:
    """A password or key, not a word: it has a digit or a symbol, or is long and mixed-case;
    after "password:" or "token =" (``assigned``) any word of six letters or more."""
    if value.lower().startswith(("http", "www.")) or value.endswith(("?",)):
        return False
    value = value.rstrip(".,;")
    if assigned and len(value) >= 6:
        return True
    if len(value) < 6 and not (len(value) >= 4 and any(c.isdigit() for c in value)):
        return False
    return (any(c.isdigit() for c in value) or any(not c.isalnum() for c in value)
            or (len(value) >= 16 and value.lower() != value))


def own_secrets(text: str) -> list[SecretHit]:
    """Secrets the scanner has no rule for, in order."""
    hits: list[SecretHit] = []
    for pattern, kind in _SHAPES:
        hits.extend(SecretHit(*m.span(), kind) for m in pattern.finditer(text))
    for m in _KEYWORD.finditer(text):
        value = m.group("value")
        if _looks_secret(value, m.group("sep") in (":", "=")):
            end = m.start("value") + len(value.rstrip(".,;"))
            word = m.group("word").lower()
            hits.append(SecretHit(m.start("value"), end,
                                  _WORD_KINDS.get(word, N_("secret or key"))))
    return merge(hits)


def merge(hits: list[SecretHit]) -> list[SecretHit]:
    """Hits without overlaps (the first, longest one of overlapping hits stays), in order."""
    out: list[SecretHit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    return out
