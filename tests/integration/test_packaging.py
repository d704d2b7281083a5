# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Packaging metadata is valid and consistent: the .desktop file and AppStream metainfo pass
their validators, the icons render at every standard size, the sdist carries what a build
needs, and the window's X11 class is the app id the .desktop file names."""

from __future__ import annotations

import configparser
import subprocess
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop import APP_ID, __version__
from tests.integration.conftest import need

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


@pytest.mark.integration
def test_the_desktop_file_validates_and_names_the_app_id() -> None:
    result = subprocess.run([need("desktop-file-validate", "desktop-file-utils"), str(DESKTOP)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # not even a hint
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    assert entry["Desktop Entry"]["StartupWMClass"] == APP_ID
    assert entry["Desktop Entry"]["Icon"] == APP_ID
    assert entry["Desktop Action new-window"]["Exec"] == "unhurried --new-window"


@pytest.mark.integration
def test_the_metainfo_validates_and_matches_the_release() -> None:
    result = subprocess.run([need("appstreamcli", "appstream"), "validate", "--no-net",
                             str(METAINFO)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == "unhurried"
    assert root.find("releases/release").get("version") == __version__
    assert all(s.findtext("caption") for s in root.iter("screenshot"))
    assert root.find("content_rating") is not None


def test_icons_render_at_every_standard_size(qapp, tmp_path: Path) -> None:
    # qapp first: render() would otherwise leave a QGuiApplication that later widget tests
    # cannot use.
    from PySide6.QtGui import QImage

    sys.path.insert(0, str(LINUX))
    try:
        import make_icons
    finally:
        sys.path.remove(str(LINUX))
    written = make_icons.render(tmp_path)
    for size in make_icons.SIZES:
        image = QImage(str(tmp_path / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not blank
    assert (tmp_path / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()
    assert len(written) == len(make_icons.SIZES) + 1


def test_the_sdist_carries_resources_and_packaging(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True, timeout=300)
    [sdist] = tmp_path.glob("unhurried-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.partition("/")[2] for name in archive.getnames()}
    for needed in (f"resources/icons/{APP_ID}.svg", "resources/demo/requests.json",
                   f"packaging/linux/{APP_ID}.desktop", f"packaging/linux/{APP_ID}.metainfo.xml",
                   "packaging/pyinstaller/unhurried.spec", f"packaging/flatpak/{APP_ID}.yml",
                   "desktop/app.py"):
        assert needed in names, needed


@pytest.mark.integration
def test_the_window_class_on_x_is_the_app_id(tmp_path: Path, app_env: dict[str, str]) -> None:
    xprop = need("xprop", "x11-utils")
    app = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "d")],
                           env=app_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            found = subprocess.run([xprop, "-name", "Unhurried", "WM_CLASS"], env=app_env,
                                   capture_output=True, text=True, timeout=10)
            if found.returncode == 0 and "WM_CLASS" in found.stdout:
                break
            assert time.monotonic() < deadline, "no window named Unhurried appeared"
            time.sleep(0.3)  # polling another process's window
        assert f'"{APP_ID}"' in found.stdout
    finally:
        app.terminate()
        app.wait(15)


def test_the_flatpak_manifest_asks_for_what_the_app_talks_to() -> None:
    text = (ROOT / "packaging" / "flatpak" / f"{APP_ID}.yml").read_text("utf-8")
    assert f"app-id: {APP_ID}" in text
    assert "base: io.qt.PySide.BaseApp" in text
    for permission in ("--talk-name=org.freedesktop.Notifications",
                       "--talk-name=org.freedesktop.secrets",
                       "--talk-name=org.kde.StatusNotifierWatcher", "--share=network",
                       "--socket=wayland", "--socket=fallback-x11"):
        assert f"- {permission}" in text, permission
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    runtime = ("sqlite-utils", "keyring", "plyer", "babel", "holidays", "platformdirs", "jinja2",
               "icalendar", "recurring-ical-events", "imapclient", "caldav", "pyqtgraph")
    for name in runtime:  # every runtime dependency is a Flatpak module source
        assert f'"{name}>=' in pyproject
        assert f"/{name[0]}/{name}/" in text or f"/{name[0]}/{name.lower()}/" in text, name
