# onefuture — `make help` lists the targets.
# Prerequisites: Python 3.11+, git, make, Node 20+ with npm. Everything else is installed here.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
# uv: the one on PATH, else a private copy installed from PyPI into .tools/.
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
VENV := .venv
BIN := $(VENV)/bin
ASSETS := src/onefuture/web/static/onefuture/build/onefuture.css

.PHONY: help install run serve test lint format bench clean

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1mmake %-10s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

$(BIN)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(ASSETS): frontend/node_modules/.installed frontend/build.mjs frontend/charts.mjs $(wildcard frontend/scss/*.scss)
	cd frontend && npm run --silent build

install: $(BIN)/.installed $(ASSETS) ## Install Python and npm dependencies and build the front-end assets

# The static files collected as production serves them (hashed names, .gz and .br copies);
# collected again only when a static file changed (brotli on charts.js takes a while).
STATIC_MANIFEST := var/static/staticfiles.json
$(STATIC_MANIFEST): $(ASSETS) $(shell find src/onefuture -path '*/static/*' -type f)
	ONEFUTURE_STATIC_COLLECTED=1 $(BIN)/onefuture manage collectstatic --noinput -v0

run: install $(STATIC_MANIFEST) ## Prepare var/onefuture.sqlite3 with the Stockport example; serve http://127.0.0.1:8000 and the background worker
	$(BIN)/onefuture demo
	@# serve starts `onefuture worker` as its child and stops it on exit, Ctrl+C or SIGTERM.
	@# Debug pages are off (the site's own 404 and 500); DJANGO_DEBUG=1 make run turns them on.
	exec env ONEFUTURE_STATIC_COLLECTED=1 $(BIN)/onefuture serve

# Production (docs/deploy.md, ADR 0043): the settings refuse to start without DJANGO_SECRET_KEY
# and DJANGO_ALLOWED_HOSTS, saying which is missing; DATABASE_URL names the PostgreSQL database.
serve: install ## Production: migrate, collect static files, then gunicorn and the worker (ONEFUTURE_ENV=production, DATABASE_URL, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS)
	@[ -n "$$DATABASE_URL" ] || echo "Warning: DATABASE_URL is not set: serving var/onefuture.sqlite3 (use PostgreSQL in production)." >&2
	ONEFUTURE_ENV=production $(BIN)/onefuture migrate
	ONEFUTURE_ENV=production $(BIN)/onefuture manage collectstatic --noinput -v0
	exec env ONEFUTURE_ENV=production $(BIN)/onefuture serve --production --addr $${ONEFUTURE_ADDR:-127.0.0.1:8000}

test: install ## Run the whole test suite (set DATABASE_URL to test on PostgreSQL)
	$(BIN)/pytest

lint: install ## Check style, imports (Django stays out of stats/ and themes/) and types
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

format: install ## Format the code
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: install ## Run every benchmark in benchmarks/ (reads ../shared; each prints a table)
	@for script in benchmarks/*.py; do \
		[ "$$(basename $$script)" = "__init__.py" ] && continue; \
		echo "=== $$script"; $(BIN)/python $$script || exit 1; \
	done

clean: ## Remove installed dependencies, built assets and the development database
	rm -rf $(VENV) .tools frontend/node_modules src/onefuture/web/static/onefuture/build var/onefuture.sqlite3
