# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A service address that is not one names that service's own example: a Matrix homeserver or
a Slack API base was answered with GitHub's."""

from __future__ import annotations

import pytest

from desktop.core.errors import InvalidInput
from desktop.wiring import github, slack
from desktop.wiring.source_report import check_address


@pytest.mark.parametrize(("check", "example"), [
    (github.check_api, "https://api.github.com or https://HOST/api/v3 for GitHub Enterprise"),
    (slack.check_api, "https://slack.com/api"),
])
def test_each_source_names_its_own_example(check, example) -> None:
    with pytest.raises(InvalidInput) as refused:
        check("notaurl")
    assert refused.value.message == f"'notaurl' is not an API address; write it as {example}."
    assert check(" https://host.example/api/ ") == "https://host.example/api"


def test_a_homeserver_is_not_asked_for_as_github() -> None:
    with pytest.raises(InvalidInput) as refused:
        check_address("ftp://x", "https://matrix.example.org (your homeserver)")
    assert "matrix.example.org" in refused.value.message
    assert "GitHub" not in refused.value.message
