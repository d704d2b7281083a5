# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a message as a whole says, in English and German, for the context checker: its
language, the quoted text of a reply, whether it asks something (and whether that ask is only a
bare "Thoughts?"), whether it is marked as information only, and whether it opens with a
summary."""

from __future__ import annotations

import re

_I = re.IGNORECASE
_QUOTED = re.compile(
    r"^[ \t]*>.*$|^(?:On|Am) [^\n]{4,120}(?:wrote|schrieb)[^\n]{0,60}:[ \t]*$", re.MULTILINE)
_GERMAN = re.compile(
    r"\b(?:der|die|das|und|ist|nicht|ich|du|wir|ihr|bitte|mit|für|auf|ein|eine|den|dem|sind|"
    r"kannst|könnt|könntest|wird|werden|bis|noch|auch|uns|euch|dein|deine|zur|zum|vom|über|"
    r"danke|gruß|grüße|hallo|liegt|steht|habe|haben)\b", _I)
_ENGLISH = re.compile(
    r"\b(?:the|and|is|not|you|we|please|with|for|on|a|an|are|can|could|will|to|of|by|it|this|"
    r"that|thanks|hi|have|has|be)\b", _I)
ASK = re.compile(
    r"\?|\b(?:please|pls|could you|can you|would you|will you|let me know|need you to|"
    r"decide|approve|confirm|review|sign off|sign-off|reply|respond|"
    r"share your|send (?:me|us)|action required|ask is|request is|"
    r"bitte|kannst du|könntest du|könnt ihr|könntet ihr|können sie|könnten sie|würdest du|"
    r"gib mir bescheid|sag bescheid|lass mich wissen|entscheide|"
    r"entscheidet|freigeben|bestätige|bestätigen|prüfe|prüfen|antworte|antwortet)\b", _I)
# a need stated, not asked: an ask of its own, but a bare "Thoughts?" beside it stays vague
_NEED = re.compile(r"\b(?:i need|we need|ich brauche|wir brauchen)\b", _I)
VAGUE_ASK = re.compile(
    r"(?<![\w-])(?:(?:any\s+)?(?:thoughts|ideas|opinions|feedback|news|updates?)"
    r"(?:\s+on\s+(?:this|that|it))?|status|wdyt|what do you think|gedanken|meinungen|"
    r"was meint ihr|was denkst du|was sagt ihr|(?:gibt es|gibt's)\s+(?:neuigkeiten|was neues)|"
    r"neuigkeiten|stand|und\??)\s*\?", _I)
_FYI = re.compile(
    r"^\W*(?:fyi|heads[- ]up|for your information|for the record|just so you know|"
    r"announcement|zur info(?:rmation)?|nur zur info|zur kenntnis)\b|"
    r"\b(?:fyi|no action (?:needed|required)|nothing to do (?:for you|on your side)|no reply "
    r"needed|keine aktion nötig|keine antwort nötig|kein handlungsbedarf|nur zur info)\b", _I)
_SUMMARY_MARK = re.compile(
    r"^\W*(?:summary|tl;?dr|short version|in short|bottom line|kurz(?: gesagt)?|"
    r"zusammenfassung|fazit)\b", _I)
_LANGUAGE_SAMPLE = 4000
PARAGRAPH = re.compile(r"\n\s*\n")
SUMMARY_WORDS = 35  # an opening paragraph longer than this is not a summary
LONG_MESSAGE_WORDS = 50  # shorter messages need no separate summary


def language(text: str) -> str:
    """``"de"`` when more of the message's common words are German than English, else
    ``"en"`` (the first few thousand characters tell)."""
    text = text[:_LANGUAGE_SAMPLE]
    german = len(_GERMAN.findall(text)) + sum(text.count(c) for c in "äöüßÄÖÜ")
    return "de" if german > len(_ENGLISH.findall(text)) else "en"


def unquote(text: str) -> tuple[str, bool]:
    """``text`` with the quoted part of a reply ("> ..." lines and their "On ... wrote:"
    line) blanked out, same length; and whether there was any."""
    blanked = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    return blanked, blanked != text


def is_fyi(text: str) -> bool:
    """Whether the message says it is information only ("FYI", "Zur Info", "No action
    needed")."""
    return _FYI.search(text.strip()) is not None


def asks(text: str) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """The first real ask, and the first bare vague ask ("Thoughts?") when that is all the
    message asks."""
    vague = VAGUE_ASK.search(text)
    rest = VAGUE_ASK.sub(lambda m: " " * len(m.group(0)), text) if vague else text
    ask = ASK.search(rest)
    if vague is not None or ask is not None:
        return ask, (vague if ask is None else None)
    return _NEED.search(text), None


def rambles(text: str) -> tuple[int, int] | None:
    """The span of the opening paragraph when it is too long to be a summary of a long
    message, else ``None``."""
    stripped = text.strip()
    if len(stripped.split()) <= LONG_MESSAGE_WORDS:
        return None
    first = PARAGRAPH.split(stripped, maxsplit=1)[0]
    if len(first.split()) <= SUMMARY_WORDS or _SUMMARY_MARK.match(first):
        return None
    start = text.find(first)
    return start, start + len(first)
