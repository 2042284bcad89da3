# Campo: `make run` serves the demo, `make test` runs every check. `make help` lists the rest.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CATALOGS := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))
PORT ?= 5000
PYBABEL_EXTRACT := $(BIN)/pybabel extract -F translations/babel.cfg -k N_ -k lazy_gettext -k t \
	-c TRANSLATORS: --sort-by-file --no-wrap --project Campo --copyright-holder Campo

.PHONY: help install run serve demo migrate test test-pg lint fmt i18n pwa

help: ## Show this list
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Campo needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile -i $< -o $@ --statistics

install: $(STAMP) $(CATALOGS) pwa ## Create .venv, install everything, compile the translations

# The tablet app's libraries come from npm (package-lock.json) and are copied into pwa/vendor/,
# which git ignores: nothing is fetched from a CDN at run time. json-logic-js ships as UMD; it is
# wrapped into an ES module so the app needs no bundler.
NODE_STAMP := node_modules/.package-lock.json
VENDOR := pwa/vendor
VENDOR_FILES := $(VENDOR)/idb.js $(VENDOR)/signature_pad.js $(VENDOR)/json-logic.js

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

$(VENDOR)/idb.js: $(NODE_STAMP)
	mkdir -p $(VENDOR)
	cp node_modules/idb/build/index.js $@

$(VENDOR)/signature_pad.js: $(NODE_STAMP)
	mkdir -p $(VENDOR)
	sed '/sourceMappingURL/d' node_modules/signature_pad/dist/signature_pad.min.js > $@

$(VENDOR)/json-logic.js: $(NODE_STAMP)
	mkdir -p $(VENDOR)
	{ echo 'const module = { exports: {} }; const exports = module.exports;'; \
	  cat node_modules/json-logic-js/logic.js; \
	  echo 'export default module.exports;'; } > $@

pwa: $(VENDOR_FILES) ## Install the tablet app's npm libraries and copy them into pwa/vendor/

migrate: install ## Migrate the database (DATABASE_URL, default: instance/campo.sqlite3)
	$(BIN)/campo db upgrade

demo: migrate ## Load the demo data if the database is empty and print the demo logins
	$(BIN)/campo demo --if-empty

run: demo ## Install, migrate, load the demo and serve on http://127.0.0.1:5000
	$(BIN)/campo serve --host 127.0.0.1 --port $(PORT)

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install lint ## Lint, then every test (on PostgreSQL too when TEST_DATABASE_URL is set)
	$(BIN)/pytest $(PYTEST_ARGS)

test-pg: install ## Tests on SQLite and on a local PostgreSQL database campo_test
	-createdb -h 127.0.0.1 -U postgres campo_test 2>/dev/null
	TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/campo_test $(BIN)/pytest $(PYTEST_ARGS)

fmt: install ## Format and fix what ruff can
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

i18n: install ## Extract strings and update the catalogs (then translate the new entries)
	$(PYBABEL_EXTRACT) -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-wrap --ignore-obsolete
	$(MAKE) $(CATALOGS)
