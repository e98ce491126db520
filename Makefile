# Two commands: `make run` sets up and serves the app with demo data; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app awards
PORT ?= 5000
export AWARDS_DEMO_PASSWORD ?= demo-awards-2025

# WeasyPrint needs pango; libharfbuzz-subset0 makes it about five times faster.
RUNTIME_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libjpeg62-turbo libopenjp2-7
# Browser tests drive Debian's Chromium; PDF tests use poppler and zbar like a print shop would.
# Redis runs the job tests a second time in .ci/run.
TEST_DEBS := chromium poppler-utils zbar-tools fonts-dejavu-core redis-server

# Links in emails and certificates' QR codes name the address the app answers on: unless
# AWARDS_BASE_URL says otherwise, the one `make run` serves (PORT=5101 make run: port 5101).
RUN_BASE_URL := $(or $(AWARDS_BASE_URL),http://127.0.0.1:$(PORT))

.PHONY: run serve test test-random test-postgres lock install install-dev system-deps test-system-deps translations extract lint

run: export AWARDS_BASE_URL := $(RUN_BASE_URL)
run: install
	@mkdir -p instance
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty
	@echo "Serving on http://127.0.0.1:$(PORT); a job worker runs beside it; links point to $$AWARDS_BASE_URL."
	@$(FLASK) jobs worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

# Production: gunicorn (settings in gunicorn.conf.py) beside the job worker; either stopping
# stops the other. Needs SECRET_KEY; see the README, "Running in production".
serve: install
	@test -n "$$SECRET_KEY" || { echo "SECRET_KEY is not set; make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(48))'" >&2; exit 1; }
	FLASK_CONFIG=production $(FLASK) db upgrade
	@export FLASK_CONFIG=production; \
	$(FLASK) jobs worker & jobs=$$!; \
	$(VENV)/bin/gunicorn --config gunicorn.conf.py & web=$$!; \
	trap 'kill -TERM $$web $$jobs 2>/dev/null' INT TERM; \
	wait -n $$web $$jobs; status=$$?; \
	kill -TERM $$web $$jobs 2>/dev/null; wait; exit $$status

test: install-dev test-system-deps
	$(PY) -m pytest $(PYTEST_ARGS)

# The same tests in a random order (pytest-randomly), to flush out tests that lean on each other.
# It prints its seed; replay an order with PYTEST_ARGS=--randomly-seed=N.
test-random: install-dev test-system-deps
	$(PY) -m pytest -p randomly $(PYTEST_ARGS)

# The same tests on a throwaway PostgreSQL 15 cluster, started here and always removed
# (on your own server instead: AWARDS_TEST_DATABASE_URL=postgresql://... make test).
test-postgres: install-dev test-system-deps
	source .ci/postgres.sh && trap stop_postgres EXIT && start_postgres && \
	  $(PY) -m pytest $(PYTEST_ARGS)

install: system-deps $(VENV)/.installed translations

install-dev: install $(VENV)/.installed-dev

# The exact versions come from requirements/*.lock (pip-tools); pyproject.toml says the ranges.
$(VENV)/.installed: pyproject.toml requirements/main.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/main.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml requirements/dev.lock
	$(PY) -m pip install --quiet -r requirements/dev.lock
	touch $@

# Pin again after changing a range in pyproject.toml (keeps every pin the ranges still allow);
# `make lock UPGRADE=1` moves every pin to the newest version its range allows.
lock: install-dev
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	  $(if $(UPGRADE),--upgrade) --output-file requirements/main.lock pyproject.toml
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	  $(if $(UPGRADE),--upgrade) --extra dev --output-file requirements/dev.lock pyproject.toml

# Each catalog compiled when its .po changed, written whole then moved into place: a test
# suite running beside `make run` (CI runs two at once) never reads a half-written file.
CATALOGS := $(patsubst %.po,%.mo,$(wildcard awards/translations/*/LC_MESSAGES/messages.po))

translations: $(CATALOGS)

awards/translations/%/LC_MESSAGES/messages.mo: awards/translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile --use-fuzzy -l $* -i $< -o $@.tmp
	mv $@.tmp $@

# Refresh the catalogs after changing user-facing strings.
extract: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output -o awards/translations/messages.pot .
	$(VENV)/bin/pybabel update --no-fuzzy-matching -i awards/translations/messages.pot -d awards/translations

system-deps:
	@$(MAKE) --no-print-directory _debs DEBS="$(RUNTIME_DEBS)"

test-system-deps:
	@$(MAKE) --no-print-directory _debs DEBS="$(TEST_DEBS)"

_debs:
	@missing=$$(for p in $(DEBS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages: $$missing"; \
	    apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing system packages: $$missing"; \
	    echo "Install them with: sudo apt-get install $$missing"; exit 1; \
	  fi; \
	fi

# ruff's lint and format, and the layers of the architecture (import-linter, in pyproject.toml).
lint: install-dev
	$(VENV)/bin/ruff check awards tests config.py benchmarks
	$(VENV)/bin/ruff format --check awards tests config.py benchmarks
	$(VENV)/bin/lint-imports
