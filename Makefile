# `make run` serves the site with ASTOP-V loaded (only its missing rows are added: curators'
# edits are never overwritten); `make test` runs the whole suite.
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
	$(PY) manage.py load_missing astop_v && \
	$(PY) manage.py runserver $(HOST):$(PORT)

# One test process per core (TEST_WORKERS=0 for one process). Each test module stays in one
# process: modules that use Redis keep to a database index of their own.
TEST_WORKERS ?= auto
test: $(VENV)/.dev node_modules/.installed
	$(VENV)/bin/pytest --numprocesses $(TEST_WORKERS) --dist loadfile --durations 15

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

# --- Production-like serving and the benchmark (docs/deploy.md) ---------------------
# `make serve`: gunicorn (gunicorn.conf.py) with the production settings on
# http://127.0.0.1:8100/ (GUNICORN_BIND to change): DEBUG off, a generated key unless
# DJANGO_SECRET_KEY is set, plain HTTP (no SSL redirect), static files collected.
# `make bench`: bench/run.py on PostgreSQL database astop_bench; for the full run:
# make bench SIZES="1000 10000 100000" MIXED=1
SIZES ?= 1000
DURATION ?= 10
CONNECTIONS ?= 32
MIXED ?=
BENCH_ARGS ?=

.PHONY: serve bench

serve: $(VENV)/.runtime
	unset DJANGO_DEBUG; \
	export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_SECURE_SSL_REDIRECT=0; \
	export DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}"; \
	$(PY) manage.py collectstatic --no-input -v0 && \
	$(PY) manage.py migrate --no-input && \
	exec $(VENV)/bin/gunicorn -c gunicorn.conf.py

bench: $(VENV)/.runtime
	$(PY) bench/run.py --sizes $(SIZES) --duration $(DURATION) --connections $(CONNECTIONS) \
		$(if $(MIXED),--mixed) $(BENCH_ARGS)
