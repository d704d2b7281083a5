# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Settings keys are named by string only in the settings declaration and its store.

Every other module reads a typed attribute (``queue.settings.close_to_tray``). The raw uses not
yet moved are listed in :data:`REMAINING`; the test fails when a new one appears and when a
listed one is gone (so the list shrinks with the code and never hides a new raw read).
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from desktop.core.settings import REGISTRY
from desktop.sync import account as caldav_account

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {"desktop/core/settings/parsers.py", "desktop/store/settings_repository.py"}
CALDAV_KEYS = frozenset(
    value for name, value in vars(caldav_account).items()
    if name.isupper() and isinstance(value, str) and value.startswith("caldav.")
)
KEYS = frozenset(REGISTRY) | CALDAV_KEYS

# (module, key): how many string literals name that key there. Issue 17: move these to
# typed attributes and delete the line.
REMAINING: dict[tuple[str, str], int] = {
    ('desktop/app.py', 'mark_done_on_export'): 1,
    ('desktop/app.py', 'mark_done_on_send'): 1,
    ('desktop/commands/config.py', 'start_at_login'): 1,
    ('desktop/core/importing/mail_account.py', 'imap.folders'): 3,
    ('desktop/core/importing/mail_account.py', 'imap.host'): 3,
    ('desktop/core/importing/mail_account.py', 'imap.interval'): 3,
    ('desktop/core/importing/mail_account.py', 'imap.port'): 3,
    ('desktop/core/importing/mail_account.py', 'imap.security'): 3,
    ('desktop/core/importing/mail_account.py', 'imap.user'): 3,
    ('desktop/core/queue/service.py', 'language'): 1,
    ('desktop/core/queue/service.py', 'me'): 1,
    ('desktop/core/queue/service.py', 'timezone'): 1,
    ('desktop/platform/holidays.py', 'holidays'): 1,
    ('desktop/smoke.py', 'holidays'): 2,
    ('desktop/sync/account.py', 'caldav.auth'): 1,
    ('desktop/sync/account.py', 'caldav.calendar'): 1,
    ('desktop/sync/account.py', 'caldav.interval_minutes'): 1,
    ('desktop/sync/account.py', 'caldav.last_error'): 1,
    ('desktop/sync/account.py', 'caldav.last_sync'): 1,
    ('desktop/sync/account.py', 'caldav.tasks'): 1,
    ('desktop/sync/account.py', 'caldav.url'): 1,
    ('desktop/sync/account.py', 'caldav.user'): 1,
    ('desktop/sync/bindings.py', 'language'): 1,
    ('desktop/ui/common/settings_dialog.py', 'appearance'): 1,
    ('desktop/ui/common/settings_dialog.py', 'at_risk_minutes'): 2,
    ('desktop/ui/common/settings_dialog.py', 'close_to_tray'): 1,
    ('desktop/ui/common/settings_dialog.py', 'days_off'): 3,
    ('desktop/ui/common/settings_dialog.py', 'focus_allow'): 1,
    ('desktop/ui/common/settings_dialog.py', 'focus_digest_times'): 1,
    ('desktop/ui/common/settings_dialog.py', 'focus_margin_minutes'): 1,
    ('desktop/ui/common/settings_dialog.py', 'holidays'): 2,
    ('desktop/ui/common/settings_dialog.py', 'language'): 2,
    ('desktop/ui/common/settings_dialog.py', 'me'): 1,
    ('desktop/ui/common/settings_dialog.py', 'notification_style'): 1,
    ('desktop/ui/common/settings_dialog.py', 'notify_every_minutes'): 1,
    ('desktop/ui/common/settings_dialog.py', 'quiet_desktop'): 1,
    ('desktop/ui/common/settings_dialog.py', 'start_at_login'): 1,
    ('desktop/ui/common/settings_dialog.py', 'timezone'): 2,
    ('desktop/ui/common/settings_dialog.py', 'working_hours'): 5,
    ('desktop/ui/importing/actions.py', 'me'): 1,
    ('desktop/ui/importing/csv_mapping.py', 'csv.mappings'): 1,
}


def raw_key_uses() -> Counter[tuple[str, str]]:
    uses: Counter[tuple[str, str]] = Counter()
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        module = path.relative_to(ROOT).as_posix()
        if module in ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in KEYS:
                uses[(module, str(node.value))] += 1
    return uses


def test_no_module_names_a_settings_key_beyond_the_known_remaining_ones() -> None:
    assert dict(raw_key_uses()) == REMAINING
