# Unhurried: `make run` starts the app, `make test` runs every test. Both create .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
SHARED ?= ../shared

.PHONY: run test lint bench venv clean catalogues

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

clean:
	rm -rf $(VENV) build dist *.egg-info
