#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Every Debian package that a test or a benchmark drives, installed when missing (run by
# `make test` and `make bench`). As root: installs what is missing. Otherwise: names what is
# missing; the tests that need it then skip (or fail when REQUIRE_INTEGRATION=1) naming it.
# tests/unit/test_system_packages.py fails when a `need(binary, package)` in tests/ names a
# package that is not listed here, so the list cannot drift from the tests again.
set -u
packages=(
  # a real X display for windows, screenshots and the tray (Qt's xcb plugin needs the libs)
  xvfb xauth x11-utils imagemagick
  # a headless Wayland compositor: the window started under QT_QPA_PLATFORM=wayland
  weston
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0
  # fonts that show the demo's Japanese and Cyrillic senders in screenshots
  fonts-ipafont-gothic fonts-dejavu-core
  # notifications: a private session bus, dunst, and a tray watcher
  dbus dbus-bin dunst libnotify-bin haskell-status-notifier-item-utils
  # quieting the desktop in focus: GNOME's show-banners through the real gsettings and schema
  libglib2.0-bin gsettings-desktop-schemas
  # secrets: the Secret Service
  gnome-keyring
  # mail: an IMAP server
  dovecot-imapd
  # CalDAV: outside clients beside Radicale (Radicale itself comes from the lock)
  vdirsyncer todoman
  # packaging: the .desktop file and the AppStream metainfo validators
  desktop-file-utils appstream
  # benchmarks: the mail indexer that is the import bench's peer
  notmuch
)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "not a Debian system: install the equivalents of ${packages[*]} for the integration tests"
  exit 0
fi
missing=()
for package in "${packages[@]}"; do
  installed "$package" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "not root: tests needing ${missing[*]} will skip (install: sudo apt-get install ${missing[*]})"
  exit 0
fi
echo "installing for the integration tests and benchmarks: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Dovecot's and gnome-keyring's packages start services through invoke-rc.d; the tests start
# their own on loopback, so nothing is started here (policy-rc.d answers 101: not allowed).
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && own_policy=1
fi
status=0
apt-get update -qq >/dev/null \
  && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || status=$?
[ "$own_policy" -eq 1 ] && rm -f "$policy"
if [ "$status" -ne 0 ]; then
  echo "could not install ${missing[*]} (apt-get exit $status)" >&2
  # CI must exercise the real services: a failed install is a failed run there
  [ "${REQUIRE_INTEGRATION:-}" = 1 ] && exit 1
fi
exit 0
