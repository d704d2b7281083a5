# Unhurried: `make run` starts the app, `make test` runs every test. Both create .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
SHARED ?= ../shared
LOCALE := resources/locale
POT := $(LOCALE)/unhurried.pot
# Compiled catalogues are built, never committed: one stamp for all, redone when a .po changes.
MO_STAMP := $(VENV)/.catalogues

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
BUNDLE := dist/unhurried-$(VERSION)-linux-$(shell uname -m).tar.gz

.PHONY: run test lint bench venv clean catalogues dist check-bundle

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,lint,bench,dist]'
	$(PY) -m compileall -q desktop  # as pip does for a wheel: starts do not compile again
	$(PY) tools/catalogues.py build
	@rm -f $(VENV)/.installed-* && touch $@

$(MO_STAMP): $(STAMP) $(POT) $(wildcard $(LOCALE)/*/LC_MESSAGES/unhurried.po)
	$(PY) tools/catalogues.py build >/dev/null
	@touch $@

venv: $(STAMP) $(MO_STAMP)

run: $(STAMP) $(MO_STAMP)
	$(VENV)/bin/unhurried

test: $(STAMP) $(MO_STAMP)
	bash tests/integration/setup_services.sh
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check desktop tests
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(PY) tools/check_i18n.py desktop
	$(PY) tools/catalogues.py check

# Extract the strings of the source into the template, merge them into each language and write
# the pseudo-locale, then compile and list what a language still lacks (new strings from other
# branches show up here as "missing" or "fuzzy": translate them in $(LOCALE)/de/LC_MESSAGES).
catalogues: $(STAMP)
	$(VENV)/bin/pybabel -q extract -F babel.cfg --no-default-keywords \
		-k _ -k N_ -k ngettext:1,2 --add-comments=TRANSLATORS: --no-location --sort-output \
		--project=Unhurried --copyright-holder="Unhurried developers" -w 100 -o $(POT) .
	$(VENV)/bin/pybabel -q update -i $(POT) -d $(LOCALE) -D unhurried -l de -w 100 --ignore-obsolete
	$(PY) tools/catalogues.py pseudo
	$(PY) tools/catalogues.py build >/dev/null
	@touch $(MO_STAMP)
	$(PY) tools/catalogues.py check

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
	find $(LOCALE) -name '*.mo' -delete
