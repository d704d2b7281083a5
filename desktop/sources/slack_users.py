# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The users of a Slack export: finding the user it was exported for, and their names."""

from __future__ import annotations

from typing import Any

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _


def find_me(me: str, users: list[dict[str, Any]]) -> str:
    """The id of the user ``me`` names: an id, else a name or email of exactly one user."""
    wanted = me.strip().removeprefix("@").casefold()
    ids = sorted({u["id"] for u in users if u["id"].casefold() == wanted}) or sorted(
        {u["id"] for u in users if wanted and wanted in _keys(u)})
    if len(ids) == 1:
        return str(ids[0])
    if ids:
        raise InvalidInput(_("'{me}' names several users of this Slack export ({ids}); give "
                             "the user id.").format(me=me, ids=", ".join(ids)))
    known = sorted({user_name(u) for u in users if not u.get("deleted") and not u.get("is_bot")})
    raise InvalidInput(_("'{me}' is not a user of this Slack export; give a user id, name or "
                         "email, e.g. {known}.").format(me=me, known=", ".join(known[:5])))


def _profile(user: dict[str, Any]) -> dict[str, Any]:
    profile = user.get("profile")
    return profile if isinstance(profile, dict) else {}


def _keys(user: dict[str, Any]) -> set[str]:
    profile = _profile(user)
    values = (user.get("name"), user.get("real_name"), profile.get("real_name"),
              profile.get("display_name"), profile.get("email"))
    return {v.strip().casefold() for v in values if isinstance(v, str) and v.strip()}


def user_name(user: dict[str, Any]) -> str:
    """Real name, else user name, else id."""
    values = (_profile(user).get("real_name"), user.get("real_name"), user.get("name"),
              user.get("id"))
    return next((v.strip() for v in values if isinstance(v, str) and v.strip()), "")
