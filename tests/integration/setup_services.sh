#!/usr/bin/env bash
# Installs the Debian packages the integration tests drive (run by `make test`).
# As root: installs what is missing. Otherwise: says what is missing; those tests then skip
# (or fail when REQUIRE_INTEGRATION=1) with a message naming the package.
set -u
# binary-or-library  package
needs=(
  "Xvfb xvfb"
  "xauth xauth"
  "xwininfo x11-utils"
  "import imagemagick"
  "/usr/lib/x86_64-linux-gnu/libxcb-icccm.so.4 libxcb-icccm4"
  "/usr/lib/x86_64-linux-gnu/libxcb-keysyms.so.1 libxcb-keysyms1"
  "/usr/lib/x86_64-linux-gnu/libxcb-cursor.so.0 libxcb-cursor0"
  "/usr/lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 libxkbcommon-x11-0"
  "dbus-daemon dbus"
  "dunst dunst"
  "notify-send libnotify-bin"
  "status-notifier-watcher haskell-status-notifier-item-utils"
)
missing=()
for entry in "${needs[@]}"; do
  what=${entry% *}; package=${entry#* }
  case "$what" in
    /*) [ -e "$what" ] || [ "$(uname -m)" != x86_64 ] || missing+=("$package") ;;
    *) command -v "$what" >/dev/null 2>&1 || missing+=("$package") ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing for the integration tests: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || echo "could not install ${missing[*]}; the tests that need them will say so"
else
  echo "not root: integration tests needing ${missing[*]} will skip (install: apt-get install ${missing[*]})"
fi
exit 0
