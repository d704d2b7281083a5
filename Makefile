# Unhurried: `make run` starts the app, `make test` runs every test. Both create .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
SHARED ?= ../shared

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
BUNDLE := dist/unhurried-$(VERSION)-linux-$(shell uname -m).tar.gz

.PHONY: run test lint bench venv clean catalogues dist check-bundle

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,lint,bench,dist]'
	$(PY) -m compileall -q desktop  # as pip does for a wheel: starts do not compile again
	@rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/unhurried

test: $(STAMP)
	bash tests/integration/setup_services.sh
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check desktop tests
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(PY) tools/check_i18n.py desktop

bench: $(STAMP)
	@command -v notmuch >/dev/null || [ "$$(id -u)" != 0 ] || \
		(apt-get update -qq && apt-get install -y -qq notmuch) >/dev/null
	SHARED=$(abspath $(SHARED)) $(PY) tests/bench/run.py

# Wheel + sdist, icons from the SVG master, and the PyInstaller one-folder app archived with
# the .desktop file, metainfo and icons under share/ (see README, "Packaging").
dist: $(STAMP)
	rm -rf dist build/pyinstaller build/icons
	$(PY) -m build --no-isolation --outdir dist .
	$(PY) packaging/linux/make_icons.py build/icons >/dev/null
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/pyinstaller/unhurried.spec
	mkdir -p dist/unhurried/share/applications dist/unhurried/share/metainfo
	cp -r build/icons dist/unhurried/share/icons
	cp packaging/linux/org.unhurried.Unhurried.desktop dist/unhurried/share/applications/
	cp packaging/linux/org.unhurried.Unhurried.metainfo.xml dist/unhurried/share/metainfo/
	tar -C dist -czf $(BUNDLE) unhurried
	@du -sh dist/unhurried $(BUNDLE)

# Runs the bundle: --smoke offscreen and on X, CLI commands, a parallel mail import.
check-bundle:
	bash packaging/check_bundle.sh dist/unhurried/unhurried

clean:
	rm -rf $(VENV) build dist *.egg-info
