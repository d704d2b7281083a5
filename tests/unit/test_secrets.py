# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The keyring adapter: round trip, and a refusing keyring keeps the password for this run."""

from __future__ import annotations

import keyring
import keyring.backend
import pytest

from desktop.core.errors import SecretsUnavailable
from desktop.platform.secrets import KeyringSecrets, SessionSecrets
from tests.fakes.keyring_backend import MemoryKeyring


@pytest.fixture
def backend() -> MemoryKeyring:
    previous = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(previous)


def test_round_trip_under_one_service(backend: MemoryKeyring) -> None:
    secrets = KeyringSecrets()
    secrets.put("imap:me@example.org", "hunter2")
    assert secrets.get("imap:me@example.org") == "hunter2"
    assert list(backend.store) == [("org.unhurried.Unhurried", "imap:me@example.org")]
    secrets.delete("imap:me@example.org")
    secrets.delete("imap:me@example.org")  # twice is fine
    assert secrets.get("imap:me@example.org") is None


def test_locked_keyring_keeps_the_password_for_this_run_and_says_so(
    backend: MemoryKeyring,
) -> None:
    backend.locked = True
    secrets = SessionSecrets()
    with pytest.raises(SecretsUnavailable, match="this run only"):
        secrets.put("smtp:me", "s3cret")
    assert secrets.get("smtp:me") == "s3cret"
    assert backend.store == {}
    secrets.delete("smtp:me")
    assert secrets.get("smtp:me") is None


def test_a_keyring_that_works_again_takes_over(backend: MemoryKeyring) -> None:
    backend.locked = True
    secrets = SessionSecrets()
    with pytest.raises(SecretsUnavailable):
        secrets.put("caldav:me", "one")
    backend.locked = False
    secrets.put("caldav:me", "two")
    assert backend.store == {("org.unhurried.Unhurried", "caldav:me"): "two"}
    assert secrets.get("caldav:me") == "two"
