# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
# ruff: noqa: E501
"""Write the checker's labeled corpus, ``tests/data/checker/corpus.jsonl``.

Each line is one message: ``id``, ``kind``, ``language``, ``text``, ``must`` (codes it must
raise), ``must_not`` (codes it must not raise; a code in neither is not judged on it) and
``spans`` (``[code, words]`` pairs: a finding of ``code`` must cover exactly ``words``).
Messages are put together from fragments whose labels are known, plus the ten shipped templates
rendered with their examples. The corpus is committed: run this again only to change it, and
read the diff. ``python tools/make_checker_corpus.py``
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "checker" / "corpus.jsonl"
CODES = ("mass-mention", "secret", "vague-time", "deadline-without-timezone", "missing-summary",
         "missing-ask", "missing-deadline", "missing-link", "vague-ask")

SUMMARY = {
    "en": ["Summary: we need a decision on the Q4 budget.",
           "TL;DR: the release notes for 3.2 are ready and need one more reader.",
           "Short version: the staging database moves to a new host.",
           "Summary: the on-call rota for December has a gap."],
    "de": ["Kurz: wir brauchen eine Entscheidung zum Budget für Q4.",
           "Zusammenfassung: die Release-Notizen sind fertig und brauchen noch eine Leserin.",
           "Kurz gesagt: die Staging-Datenbank zieht auf einen neuen Host um.",
           "Kurz: im Bereitschaftsplan für Dezember fehlt jemand."],
}
ASK = {
    "en": ["Please approve the proposal", "Could you review the draft",
           "Can you confirm the numbers", "Please reply with the option you prefer",
           "Please sign off on the plan"],
    "de": ["Bitte gib den Vorschlag frei", "Könntest du den Entwurf prüfen",
           "Kannst du die Zahlen bestätigen", "Bitte antworte mit der Option, die du bevorzugst",
           "Bitte gib dein Okay zum Plan"],
}
LINK = ["https://docs.example.org/q4", "https://git.example.org/app/pull/812",
        "https://wiki.example.org/oncall/december", "https://docs.example.org/db/move-plan"]
DEADLINE = {
    "en": ["by Thu 27 Nov, 17:00 UTC", "by 2026-11-27T17:00Z", "by 2026-11-27 17:00 UTC",
           "by Thu 17:00 CET", "by Friday 10:00 America/New_York", "by 5pm PST on Friday",
           "by the end of Q3", "in two business days", "by 17:00 UTC+01:00 on 27 Nov",
           "within three business days", "by 09:30 GMT on Monday 1 Dec"],
    "de": ["bis Donnerstag, 17 Uhr MEZ", "bis 27.11., 17:00 MEZ", "bis Fr 28. Nov, 12:00 UTC",
           "bis Ende Q3", "innerhalb von zwei Werktagen", "bis 2026-11-27T17:00+01:00",
           "bis Montag, 9:30 Uhr UTC", "bis Donnerstag 17:00 Europe/Berlin"],
}
# numbers that are not times: none of them is a deadline
TRAPS = {
    "en": ["version 2.4", "release 12.03", "section 3.2", "ticket OPS-1230", "the IP 10.0.12.30",
           "a price of 12.50 EUR", "https://blog.example.org/2026/11/27/notes",
           "https://example.org/reports/2026-11-27", "Ubuntu 22.04", "v1.10.3",
           "chapter 4.15", "€19.99 per seat", "server 203.0.113.7", "$14.30 a month",
           "Python 3.11", "step 2.45 of the runbook", "port 8080", "build 7.45"],
    "de": ["Version 2.4", "Release 12.03", "Abschnitt 3.2", "Ticket OPS-1230",
           "die IP 10.0.12.30", "ein Preis von 12,50 EUR", "https://blog.example.org/2026/11/27/notes",
           "Ubuntu 22.04", "Kapitel 4.15", "19,99 € pro Platz", "Python 3.11", "Build 7.45"],
}
VAGUE = {
    "en": ["EOD", "by COB", "ASAP", "by end of day", "tomorrow", "soon", "next week",
           "later today", "this week", "by end of week", "by EOW", "shortly"],
    "de": ["bis morgen", "morgen", "asap", "zeitnah", "bald", "nächste Woche", "diese Woche",
           "bis Ende der Woche", "heute noch", "bis Feierabend", "übermorgen", "im Laufe des Tages"],
}
NO_ZONE = {
    "en": ["at 15:30", "by 3pm", "by Thursday 17:00", "at 9.30 am", "by 2026-11-27 17:00",
           "by 11 a.m. on Friday"],
    "de": ["bis Donnerstag 17 Uhr", "um 15:30", "bis 9 Uhr", "gegen 14.30 Uhr",
           "bis Freitag, 12:00", "um 8 Uhr morgens"],
}
NO_ZONE_WORDS = {"at 15:30": "15:30", "by 3pm": "3pm", "by Thursday 17:00": "17:00",
                 "at 9.30 am": "9.30 am", "by 2026-11-27 17:00": "17:00",
                 "by 11 a.m. on Friday": "11 a.m.", "bis Donnerstag 17 Uhr": "17 Uhr",
                 "um 15:30": "15:30", "bis 9 Uhr": "9 Uhr", "gegen 14.30 Uhr": "14.30 Uhr",
                 "bis Freitag, 12:00": "12:00", "um 8 Uhr morgens": "8 Uhr"}
MENTION = ["@here", "@channel", "@everyone", "!here"]
SECRETS = [  # (words, language) written into an otherwise clean message
    "The API key is sk_live_51HqLyjWDarjtT1zdp7dcXYZabc0123456789", "password is hunter2",
    "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFt"
    "ZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    "use ghp_R2d2C3poR2d2C3poR2d2C3poR2d2C3po12ab", "the key id is AKIAIOSFODNN7EXAMPLE",
    "the bot token is xoxb-2048-4096-ABCdefGHIjklMNOpqrSTU",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq98\n-----END RSA PRIVATE KEY-----",
    "password: Winter2026!", "token = abcdef123456", "login with admin / pw: Tr0ub4dor&3",
    "npm token npm_4xHgT7kQ2mPzR9sLwV3nB8cY6dF1jE0aKuZt", "the Slack webhook secret is 8f3Kq9ZxL2mN7pR4tV6wY1bC",
    "GitLab: glpat-xY9zK3mN7pQ2rS5tV8wB", "connect to postgres://app:S3cr3tPa55@db.example.org/app",
    "api_key=9f8e7d6c5b4a39281706f5e4d3c2b1a0", "the OpenAI key sk-proj-Ab3De5Gh7Jk9Mn1Pq3St5Vw7Yz9Bc1Df3Gh5",
]
SECRETS_DE = ["das Passwort ist geheim123", "Passwort: Sommer2026!",
              "der API-Schlüssel lautet sk_live_51HqLyjWDarjtT1zdp7dcXYZabc0123456789",
              "Zugang: admin, Kennwort: Tr0ub4dor&3"]
NOT_SECRETS = {
    "en": ["the fix is in commit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39",
           "request id 123e4567-e89b-12d3-a456-426614174000", "the password policy changed",
           "the token bucket limit is 100 a minute", "API key rotation is on the roadmap",
           "the draft is at https://docs.example.org/document/d/1aBcD3fGhIjKlMnOpQrStUvWxYz0123/edit",
           "reset your password at https://id.example.org/reset", "the secret santa list is done",
           "server 203.0.113.7 is the new gateway", "build sha256:9b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e"],
    "de": ["der Fix steckt in Commit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39",
           "die Passwort-Richtlinie hat sich geändert", "Passwort vergessen geht über https://id.example.org/reset"],
}
VAGUE_ASK = {
    "en": ["Thoughts?", "Any update?", "Any thoughts?", "Any news?", "wdyt?", "What do you think?",
           "Ideas?", "Feedback?", "Any updates on this?", "Status?"],
    "de": ["Gedanken?", "Was meint ihr?", "Gibt es Neuigkeiten?", "Was denkst du?", "Neuigkeiten?",
           "Feedback?", "Gibt's was Neues?", "Stand?", "Meinungen?"],
}
FYI = {
    "en": ["FYI: the staging database moved to db2.example.org, see https://wiki.example.org/db2.",
           "Heads-up: the office is closed on 24 Dec. Details: https://intranet.example.org/holidays",
           "No action needed: the Q3 report is published at https://docs.example.org/q3-report.",
           "FYI, the incident from Monday is closed; the write-up is at https://docs.example.org/inc-77.",
           "For your information: Kenji is on leave until 2026-12-08; Ana covers his reviews.",
           "Just so you know, the build now runs on Python 3.12 (https://git.example.org/app/pull/900).",
           "FYI: release 12.03 shipped today, notes at https://git.example.org/app/releases/12.03.",
           "Heads-up: version 2.4 removes the old export; migration notes: https://docs.example.org/v2.4"],
    "de": ["Zur Info: die Staging-Datenbank ist nach db2.example.org umgezogen, siehe https://wiki.example.org/db2.",
           "Nur zur Info: das Büro ist am 24.12. zu. Details: https://intranet.example.org/feiertage",
           "Keine Aktion nötig: der Q3-Bericht liegt unter https://docs.example.org/q3-bericht.",
           "FYI: Release 12.03 ist draußen, Notizen unter https://git.example.org/app/releases/12.03.",
           "Zur Kenntnis: Kenji ist bis 2026-12-08 im Urlaub; Ana übernimmt seine Reviews."],
}
NO_ASK = {  # tells of something to be done without asking anyone for anything
    "en": ["Summary: the budget proposal is at https://docs.example.org/q4 and the deadline is Thu 27 Nov, 17:00 UTC.",
           "The migration plan is at https://docs.example.org/db/move-plan. It has to be approved by Thu 17:00 CET.",
           "I wrote up the options in https://docs.example.org/options; the decision is due 2026-11-27 17:00 UTC."],
    "de": ["Der Vorschlag liegt unter https://docs.example.org/q4, die Frist ist Donnerstag, 17 Uhr MEZ.",
           "Der Plan steht in https://docs.example.org/db/move-plan und muss bis 27.11., 17:00 MEZ freigegeben sein."],
}
REFERENCE = {"en": ["the doc", "the attached spreadsheet", "the PR", "this ticket"],
             "de": ["das Dokument", "die angehängte Tabelle", "den PR", "dieses Ticket"]}
RAMBLE = {
    "en": ("so I was looking at the numbers from last quarter and there are a few things going on\n"
           "the hosting costs went up more than we thought, partly because of the new region\n"
           "and partly because nobody turned off the load-test machines after the October tests\n"
           "Kenji thinks we can get most of it back with reserved instances but that needs finance\n"
           "and finance wants a plan with the numbers, which is what the sheet is for I guess\n"
           "anyway I put it together at https://docs.example.org/costs and it has all the details\n"),
    "de": ("also ich habe mir die Zahlen vom letzten Quartal angesehen und da ist einiges los\n"
           "die Hosting-Kosten sind stärker gestiegen als gedacht, teils wegen der neuen Region\n"
           "und teils weil niemand die Lasttest-Maschinen nach den Tests im Oktober abgeschaltet hat\n"
           "Kenji meint, mit reservierten Instanzen holen wir das meiste zurück, aber dafür braucht es die Finanzabteilung\n"
           "und die will einen Plan mit Zahlen, wofür die Tabelle wohl gedacht ist\n"
           "jedenfalls liegt alles unter https://docs.example.org/costs mit allen Details\n"),
}
LONG_BODY = {
    "en": ("Background\nThe hosting costs rose by 18% in Q3. Most of it comes from the new region "
           "and from load-test machines that kept running after the October tests. Reserved "
           "instances would bring back about two thirds of it, and finance needs a plan with the "
           "numbers before it commits to a year.\n\nOptions\n1. Reserve the base load for a year.\n"
           "2. Reserve for three years: cheaper, less flexible.\n3. Do nothing and switch off idle "
           "machines by hand.\n\nThe sheet with every number is at https://docs.example.org/costs."),
    "de": ("Hintergrund\nDie Hosting-Kosten sind in Q3 um 18 % gestiegen. Das meiste kommt von der "
           "neuen Region und von Lasttest-Maschinen, die nach den Tests im Oktober weiterliefen. "
           "Reservierte Instanzen holen etwa zwei Drittel davon zurück, und die Finanzabteilung "
           "braucht einen Plan mit Zahlen, bevor sie sich für ein Jahr bindet.\n\nOptionen\n"
           "1. Die Grundlast für ein Jahr reservieren.\n2. Für drei Jahre reservieren: billiger, "
           "weniger flexibel.\n3. Nichts tun und ungenutzte Maschinen von Hand abschalten.\n\n"
           "Die Tabelle mit allen Zahlen: https://docs.example.org/costs."),
}
QUOTE = {
    "en": ("On Tue, 25 Nov 2026, Ana Lima wrote:\n> @here can everyone send me their numbers EOD?\n"
           "> The call is at 15:30 tomorrow, see the doc.\n> Thoughts?"),
    "de": ("Am Di., 25.11.2026 schrieb Ana Lima:\n> @here könnt ihr mir bis morgen eure Zahlen "
           "schicken?\n> Der Termin ist um 15:30, siehe das Dokument.\n> Gedanken?"),
}
REPLY = {
    "en": ["Approved, go ahead with the Saturday slot.", "Done: the numbers are in the sheet now.",
           "Thanks, that answers it. I'll take the Tuesday review.",
           "Yes, the plan works for me; I added two comments to https://docs.example.org/q4."],
    "de": ["Freigegeben, nehmt den Samstag.", "Erledigt: die Zahlen stehen jetzt in der Tabelle.",
           "Danke, damit ist es klar. Ich übernehme das Review am Dienstag.",
           "Ja, der Plan passt; ich habe zwei Kommentare in https://docs.example.org/q4 gelassen."],
}


class Corpus:
    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []

    def add(self, kind: str, language: str, text: str, must: tuple[str, ...] = (),
            unjudged: tuple[str, ...] = (), spans: tuple[tuple[str, str], ...] = ()) -> None:
        must_not = [c for c in CODES if c not in must and c not in unjudged]
        self.rows.append({"id": f"{kind}-{len(self.rows):04d}", "kind": kind,
                          "language": language, "text": text, "must": list(must),
                          "must_not": must_not, "spans": [list(s) for s in spans]})


def clean(lang: str, i: int, deadline: str | None = None, ask: str | None = None,
          extra: str = "") -> str:
    summary = SUMMARY[lang][i % len(SUMMARY[lang])]
    ask = ask or ASK[lang][i % len(ASK[lang])]
    deadline = deadline or DEADLINE[lang][i % len(DEADLINE[lang])]
    link = LINK[i % len(LINK)]
    return f"{summary}{extra}\n\n{ask} ({link}) {deadline}."


def build() -> Corpus:
    c = Corpus()
    for lang in ("en", "de"):
        for i, deadline in enumerate(DEADLINE[lang] * 2):
            c.add("clean", lang, clean(lang, i, deadline))
        for i, (trap, deadline) in enumerate(itertools.product(TRAPS[lang], DEADLINE[lang][:2])):
            c.add("trap-dated", lang, clean(lang, i, deadline,
                                            extra=f" It is about {trap}." if lang == "en"
                                            else f" Es geht um {trap}."))
        for i, trap in enumerate(TRAPS[lang]):
            ask = ASK[lang][i % len(ASK[lang])]
            text = (f"{SUMMARY[lang][i % 4]}\n\n{ask} for {trap} ({LINK[i % 4]})?" if lang == "en"
                    else f"{SUMMARY[lang][i % 4]}\n\n{ask}, es geht um {trap} ({LINK[i % 4]})?")
            c.add("trap-undated", lang, text, must=("missing-deadline",))
        for i, words in enumerate(VAGUE[lang]):
            c.add("vague", lang, clean(lang, i, deadline=words), must=("vague-time",),
                  spans=(("vague-time", words.removeprefix("by ").removeprefix("bis ")
                          if words not in ("bis morgen", "bis Ende der Woche", "bis Feierabend")
                          else words),))
        for i, words in enumerate(NO_ZONE[lang] * 2):
            c.add("no-zone", lang, clean(lang, i, deadline=words),
                  must=("deadline-without-timezone",),
                  spans=(("deadline-without-timezone", NO_ZONE_WORDS[words]),))
        for i, mention in enumerate(MENTION):
            c.add("mention", lang, mention + " " + clean(lang, i), must=("mass-mention",),
                  spans=(("mass-mention", mention),))
            c.add("not-mention", lang, clean(lang, i, extra=" Mail ana@here.example.org or "
                                             "bo@channel.example.org."))
        for i, words in enumerate(NOT_SECRETS[lang] * 2):
            c.add("not-secret", lang, clean(lang, i, extra=" " + words[0].upper() + words[1:] + "."))
        for i, ask in enumerate(VAGUE_ASK[lang]):
            c.add("vague-ask", lang, ask, must=("vague-ask",),
                  unjudged=("missing-summary", "missing-link"))
            c.add("vague-ask", lang, f"{SUMMARY[lang][i % 4]} {LINK[i % 4]}\n\n{ask}",
                  must=("vague-ask",))
        for i, text in enumerate(FYI[lang] * 2):
            c.add("fyi", lang, text if i < len(FYI[lang]) else text + (
                "\n\nThanks, Ana" if lang == "en" else "\n\nDanke, Ana"))
        for text in NO_ASK[lang]:
            c.add("no-ask", lang, text, must=("missing-ask",))
        for i, ref in enumerate(REFERENCE[lang] * 2):
            ask = ASK[lang][i % len(ASK[lang])]
            text = (f"{SUMMARY[lang][i % 4]}\n\n{ask}, see {ref}, {DEADLINE[lang][i % 3]}."
                    if lang == "en" else
                    f"{SUMMARY[lang][i % 4]}\n\n{ask}, siehe {ref}, {DEADLINE[lang][i % 3]}.")
            c.add("no-link", lang, text, must=("missing-link",))
        for i in range(4):
            ask = ASK[lang][i] + " " + DEADLINE[lang][i] + "."
            c.add("ramble", lang, RAMBLE[lang] + ask, must=("missing-summary",))
            c.add("long", lang, f"{SUMMARY[lang][i]}\n\n{LONG_BODY[lang]}\n\n{ask}")
        for i, reply in enumerate(REPLY[lang] * 2):
            body = reply if i < len(REPLY[lang]) else reply + ("\n\nBest, Bo" if lang == "en"
                                                             else "\n\nGruß, Bo")
            c.add("reply", lang, body + "\n\n" + QUOTE[lang])
        for words in VAGUE[lang][:6]:
            reply = ("Yes, I can send mine " + words + "." if lang == "en"
                     else "Ja, ich schicke meine " + words + ".")
            c.add("reply-vague", lang, reply + "\n\n" + QUOTE[lang], must=("vague-time",))
        chat = CHAT[lang]
        for text, must in chat:
            c.add("chat", lang, text, must=must,
                  unjudged=("missing-summary", "missing-link"))
    for i, words in enumerate(SECRETS):
        c.add("secret", "en", clean("en", i, extra=" " + words[0].upper() + words[1:] + "."),
              must=("secret",))
    for i, words in enumerate(SECRETS_DE):
        c.add("secret", "de", clean("de", i, extra=" " + words[0].upper() + words[1:] + "."),
              must=("secret",))
    templates(c)
    return c


CHAT = {
    "en": [("Can you review https://git.example.org/app/pull/812 by Thu 17:00 UTC?", ()),
           ("Could you merge https://git.example.org/app/pull/7 by 2026-11-27T12:00Z?", ()),
           ("Please approve https://git.example.org/app/pull/9 by Fri 10:00 UTC.", ()),
           ("Can you take a look at https://git.example.org/app/pull/812?", ("missing-deadline",)),
           ("Could you check release 12.03 at https://git.example.org/app/releases?", ("missing-deadline",)),
           ("Can you send me the numbers EOD?", ("vague-time",)),
           ("Can we talk at 15:30?", ("deadline-without-timezone",)),
           ("@channel please update https://wiki.example.org/oncall by Fri 12:00 UTC", ("mass-mention",)),
           ("Please review the PR by Thu 17:00 UTC", ("missing-link",)),
           ("Please reply by Thu 27 Nov, 17:00 UTC with a yes or no on https://docs.example.org/q4.", ()),
           ("Can you check section 3.2 of https://docs.example.org/spec?", ("missing-deadline",)),
           ("Could you ping 10.0.12.30 from your side? https://wiki.example.org/net", ("missing-deadline",))],
    "de": [("Kannst du https://git.example.org/app/pull/812 bis Donnerstag, 17 Uhr MEZ prüfen?", ()),
           ("Bitte https://git.example.org/app/pull/9 bis Fr 10:00 UTC freigeben.", ()),
           ("Kannst du dir https://git.example.org/app/pull/812 ansehen?", ("missing-deadline",)),
           ("Kannst du mir die Zahlen bis morgen schicken?", ("vague-time",)),
           ("Können wir um 15:30 sprechen?", ("deadline-without-timezone",)),
           ("Können wir Donnerstag 17 Uhr sprechen?", ("deadline-without-timezone",)),
           ("@here bitte https://wiki.example.org/oncall bis Fr 12:00 UTC ergänzen", ("mass-mention",)),
           ("Könntest du Abschnitt 3.2 in https://docs.example.org/spec prüfen?", ("missing-deadline",))],
}


def templates(c: Corpus) -> None:
    from desktop.core.drafting.templates import FieldKind, fill
    from desktop.platform.resources import resource_path
    from desktop.platform.templates import TemplateLibrary

    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    for lang, zone in (("en", "Europe/Berlin"), ("de", "Europe/Berlin"), ("en", "America/New_York"),
                       ("en", "Asia/Tokyo")):
        library = TemplateLibrary(resource_path("templates"), None, language=lang, own_zone=zone)
        for template in library.templates():
            for required_only in (False, True):
                values = {f.name: f.example for f in template.fields
                          if f.kind is not FieldKind.SECTION and f.example
                          and (f.required or not required_only)}
                filled = fill(template, values, now=now, zone=zone)
                rendered = library.render(template, filled.values)
                c.add("template", "en", rendered.subject + "\n\n" + rendered.body)


def main() -> None:
    corpus = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        for row in corpus.rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(corpus.rows)} messages -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
