# `make run` serves the site with ASTOP-V loaded; `make test` runs the whole suite.
# DATABASE_URL=postgres://... switches both to PostgreSQL.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEV_KEY := .dev-secret-key
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint check install install-dev

run: $(VENV)/.runtime $(DEV_KEY)
	export DJANGO_DEBUG=1 DJANGO_SECRET_KEY="$$(cat $(DEV_KEY))"; \
	$(PY) manage.py migrate --no-input && \
	$(PY) manage.py loaddata astop_v && \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev node_modules/.installed
	$(VENV)/bin/pytest

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (set PYTHON=python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# axe-core for the browser accessibility check; without npm that one test skips.
node_modules/.installed: package.json
	@if command -v npm >/dev/null; then \
		npm install --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the accessibility check will be skipped"; fi

$(DEV_KEY): | $(PY)
	$(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
