#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
# Run the PyInstaller bundle the way users do and fail on anything it lacks:
#   bash packaging/check_bundle.sh dist/unhurried/unhurried
# --smoke offscreen and on a real X server (xcb plugin), CLI commands, and a Maildir import
# large enough to start the parallel parser's worker processes (frozen multiprocessing).
set -euo pipefail
app=$(realpath "${1:-dist/unhurried/unhurried}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_RUNTIME_DIR="$work/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
failed=0

check() {  # check NAME LOG: the log must hold no sign of a missing plugin, module or file
    if grep -E "Could not find the Qt platform plugin|could not load the Qt platform|\
ModuleNotFoundError|ImportError|No module named|Traceback|SMOKE FAILED|FileNotFoundError|\
Failed to execute script" "$2"; then
        echo "FAIL $1: see above" >&2
        failed=1
    fi
}

run() {  # run NAME COMMAND...: exit 0 and a clean log
    local name=$1; shift
    if ! "$@" >"$work/$name.out" 2>"$work/$name.err"; then
        echo "FAIL $name: exit status $?" >&2
        cat "$work/$name.err" >&2
        failed=1
    fi
    check "$name" "$work/$name.err"
}

run smoke-offscreen env QT_QPA_PLATFORM=offscreen "$app" --data-dir "$work/a" --smoke
grep -q "^SMOKE OK" "$work/smoke-offscreen.out" || { echo "FAIL: no SMOKE OK" >&2; failed=1; }
cat "$work/smoke-offscreen.out"
if command -v xvfb-run >/dev/null; then
    run smoke-xcb env QT_QPA_PLATFORM=xcb xvfb-run -a "$app" --data-dir "$work/a" --smoke
    grep -q "platform=xcb" "$work/smoke-xcb.out" || { echo "FAIL: xcb did not load" >&2; failed=1; }
else
    echo "skip smoke-xcb: needs xvfb-run (apt-get install xvfb)" >&2
    [ "${REQUIRE_INTEGRATION:-}" = 1 ] && failed=1
fi
run demo "$app" --data-dir "$work/a" demo
run list "$app" --data-dir "$work/a" list --json
mkdir -p "$work/Maildir/cur" "$work/Maildir/new"
for n in $(seq 1 450); do
    printf 'From: p%s@example.org\nSubject: Bundle %s\nMessage-ID: <%s@bundle>\nDate: Tue, 01 Sep 2026 10:00:00 +0000\n\nBody %s\n' \
        "$n" "$n" "$n" "$n" >"$work/Maildir/cur/$n.eml"
done
run import "$app" --data-dir "$work/b" import maildir "$work/Maildir" --json
grep -q '"imported": 450' "$work/import.out" || { echo "FAIL: import" >&2; cat "$work/import.out" >&2; failed=1; }
if [ "$failed" = 0 ]; then echo "bundle OK: $app"; fi
exit "$failed"
