# Unhurried: `make run` starts the app, `make test` runs every test. Both create .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Every direct and transitive dependency of every extra below, pinned with hashes; `make lock`
# writes it, and installs take exactly this set (pip's hash-checking mode).
LOCK := packaging/requirements.lock.txt
EXTRAS := test lint bench dist
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | sha1sum | cut -c1-12)
LATEST := .venv-latest
SHARED ?= ../shared
LOCALE := resources/locale
POT := $(LOCALE)/unhurried.pot
# Compiled catalogues are built, never committed: one stamp for all, redone when a .po changes.
MO_STAMP := $(VENV)/.catalogues

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
BUNDLE := dist/unhurried-$(VERSION)-linux-$(shell uname -m).tar.gz

.PHONY: run test test-latest lock lint bench eval venv clean catalogues dist check-bundle

$(STAMP): pyproject.toml $(LOCK)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	@# the project itself, built with the locked setuptools and babel (no unpinned build env)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m pip check
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
	bash tools/system-packages.sh
	$(PY) -m pytest

# The same suite against the newest release of every dependency (within pyproject's ranges), in
# its own venv: an upstream change shows up red here, not on a newcomer's first day.
test-latest:
	@test -x $(LATEST)/bin/python || $(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager \
		-e '.[$(shell echo $(EXTRAS) | tr ' ' ,)]'
	$(LATEST)/bin/python tools/catalogues.py build >/dev/null
	@echo "releases other than the lock's:"; $(LATEST)/bin/python tools/lock_diff.py $(LOCK)
	bash tools/system-packages.sh
	$(LATEST)/bin/python -m pytest

# Resolve the lock anew (newest releases within pyproject's ranges) for Python 3.11 to 3.13,
# then check that every pinned file has a wheel for the 3.13 of Debian 13 as well.
lock: $(STAMP)
	$(VENV)/bin/uv pip compile pyproject.toml $(addprefix --extra ,$(EXTRAS)) --universal \
		--python-version 3.11 --generate-hashes --upgrade --quiet \
		--custom-compile-command 'make lock' -o $(LOCK)
	for version in 3.11 3.13; do \
		$(VENV)/bin/uv pip compile $(LOCK) --python-version $$version --quiet -o /dev/null \
			--python-platform x86_64-manylinux_2_36 --only-binary :all: || exit 1; \
	done

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

bench: $(STAMP) eval
	bash tools/system-packages.sh
	SHARED=$(abspath $(SHARED)) $(PY) tests/bench/run.py

# Precision, recall and counts per checker code on the labeled corpus in tests/data/checker.
eval: $(STAMP) $(MO_STAMP)
	$(PY) tools/eval_checker.py

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
	rm -rf $(VENV) $(LATEST) build dist *.egg-info
	find $(LOCALE) -name '*.mo' -delete
