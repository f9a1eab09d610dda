# The two commands: `make run` (serve the portal with demo data) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
VAR := var
HOST ?= 127.0.0.1
PORT ?= 8000

# `make run` serves like production (DEBUG off, gunicorn, whitenoise) but on plain
# HTTP on loopback, with a secret key generated once and kept in var/.
RUN_ENV = SECRET_KEY="$$(cat $(VAR)/secret_key)" DEBUG=0 SECURE_HTTPS=0 \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}"

# Tests run without DEBUG, like production; HTTPS behaviour is tested explicitly.
# They keep their own cache, uploads and files in var/test/, so `make test` never
# clears or writes what a `make run` serving from the same checkout uses.
# TEST_VAR moves them (two suites at once in one checkout, as `.ci/run` runs them, each need their own).
TEST_VAR ?= $(CURDIR)/$(VAR)/test
TEST_ENV = SECRET_KEY=test-secret-key-not-for-production-0123456789abcdefghijklmnop DEBUG=0 \
	SECURE_HTTPS=0 ALLOWED_HOSTS=testserver,127.0.0.1,localhost PUBLIC_CACHE_SECONDS=0 \
	VAR_DIR="$(TEST_VAR)" MEDIA_ROOT="$(TEST_VAR)/media"

.PHONY: run test lint format check-deploy clean help bench

help:
	@echo "make run   - set up everything and serve the portal with demo data on http://$(HOST):$(PORT)/"
	@echo "make test  - run the whole test suite (set DATABASE_URL to test on PostgreSQL)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(VAR)/secret_key:
	mkdir -p $(VAR)
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: $(VENV)/.installed $(VAR)/secret_key
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(BIN)/python manage.py load_demo --accounts-file $(VAR)/demo_accounts.txt
	@echo
	@echo "门户已启动 / Portal: http://$(HOST):$(PORT)/    后台 / Back office: http://$(HOST):$(PORT)/admin/"
	@echo "演示账号 / Demo staff logins (development only):"
	@sed 's/^/  /' $(VAR)/demo_accounts.txt
	@echo
	@# The background worker (auditor exports) runs beside the server and stops with it.
	$(RUN_ENV) $(BIN)/python manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) GUNICORN_BIND=$(HOST):$(PORT) $(BIN)/gunicorn loudi_portal.wsgi:application -c gunicorn.conf.py

# axe-core and vnu.jar for the browser and HTML checks (package-lock.json pins them);
# without npm those checks skip and say why.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the axe-core and Nu HTML Checker tests will be skipped"; fi

# A passing run's accessibility record goes where the site's 无障碍声明 reads it.
test: $(VENV)/.installed-dev node_modules/.package-lock.json
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)
	@if [ -f "$(TEST_VAR)/accessibility-run.json" ]; then mkdir -p $(VAR) && cp "$(TEST_VAR)/accessibility-run.json" $(VAR)/; fi

# The HTTP load benchmark (on demand, never in CI; about 15-30 minutes): a private
# PostgreSQL cluster, gunicorn and wrk on loopback. Report in bench/results/.
# Quick look: make bench BENCH_ARGS="--scales 0.001,0.01 --rounds 1 --duration 2 --soak-seconds 30"
bench: $(VENV)/.installed-dev
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk; }
	$(BIN)/python -m bench.http_bench $(BENCH_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
