# Integration Norden Hub: `make run` serves the product, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python cms/manage.py
EXTRAS := cms,graphql,elasticsearch,opensearch,dev
# Interface languages besides English; catalogues live in cms/locale/<lang>/LC_MESSAGES.
LOCALES := da nb sv fi is

.PHONY: help install engine lexicon lexicon-clean locale messages run run-graphql schema browser-deps test test-es test-sqlite test-postgres test-production lint format typecheck demo index migrate run-cms clean

help:
	@echo "make run   - set up and run the CMS with demo content on http://127.0.0.1:8000"
	@echo "make test  - lint and run the whole test suite (SQLite, then PostgreSQL)"

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[$(EXTRAS)]"
	touch $@

install: $(BIN)/.installed locale lexicon

# The cross-language lexicon, derived from Debian's Apertium and FreeDict
# packages (see README "How cross-language search works"); rebuilt when they
# or the builder change. Without the packages it is built empty and search
# says it runs on the glossary only.
LEXICON := data/lexicon/lexicon.sqlite
LEXICON_SOURCES := $(wildcard search/lexicon/*.py /usr/share/dictd/freedict-*.index \
	/usr/share/apertium/*/*.autobil.bin)

$(LEXICON): $(LEXICON_SOURCES) | $(BIN)/.installed
	$(BIN)/python -m search.lexicon build --out $@

lexicon: $(LEXICON)

lexicon-clean:
	rm -f $(LEXICON)

# Compiles the translation catalogues with Babel, so no system gettext is needed.
locale: $(BIN)/.installed
	$(BIN)/python scripts/compile_messages.py --force

# Re-extracts the marked strings of the CMS and the theme into every catalogue,
# keeping existing translations (needs gettext's xgettext and msgmerge).
messages: $(BIN)/.installed
	$(MANAGE) makemessages $(addprefix -l ,$(LOCALES)) -d django --add-location=file \
		--no-obsolete $(addprefix -i ,.venv node_modules tests bench data graphql_service \
		search deploy scripts "*.egg-info")

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_glossary
	$(MANAGE) load_demo_data
	$(MANAGE) create_demo_editor

index: install
	$(MANAGE) rebuild_search_index

# The CMS on :8000, the indexer and the GraphQL service on :8001, under honcho.
run: demo index
	@echo "CMS: http://127.0.0.1:8000/admin/  (editor, reviewer or admin; password nordic-demo-2026)"
	$(BIN)/honcho start -f Procfile

run-cms: run

run-graphql: install
	$(BIN)/python -m graphql_service

# Fails when the code's GraphQL schema drifts from the committed schema.graphql.
schema: install
	$(BIN)/python -m graphql_service export-schema --check

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: install
	$(BIN)/mypy search graphql_service

# axe-core and the Nu HTML validator for the browser tests (npm from the registry).
tests/browser/node_modules/.installed: tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd tests/browser && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else echo "npm is not installed: the browser tests will say what is missing."; fi

browser-deps: tests/browser/node_modules/.installed

# The OpenSearch node the search tests start (Maven resolves it from Maven
# Central into ~/.m2; without Maven or Java the engine tests say what is missing).
engine: $(BIN)/.installed
	@if command -v mvn >/dev/null 2>&1; then $(BIN)/python -m tests.engine build; \
	else echo "mvn is not installed: the search engine tests will say what is missing."; fi

test: install lint browser-deps engine
	$(MANAGE) makemigrations --check --dry-run
	$(MAKE) test-sqlite
	$(MAKE) test-postgres
	$(MAKE) test-production

test-sqlite: install
	$(BIN)/pytest --ignore=tests/production

# The engine backends' tests alone (on the OpenSearch node they start; set
# ELASTICSEARCH_URL=http://host:9200 to add a real Elasticsearch cluster).
test-es: install engine
	$(BIN)/pytest tests/search/backends/test_engine.py

# The CMS suite again on a throwaway PostgreSQL cluster on loopback.
test-postgres: install
	bash scripts/with-postgres.sh $(BIN)/pytest tests/cms -m "not browser"

# The whole production stack on loopback (PostgreSQL, Redis, a two-node engine
# cluster, gunicorn, the workers, two GraphQL instances); logs in
# tests/artifacts/production/. Skipped without the Debian packages, unless
# ENGINE_REQUIRED is set.
test-production: install engine
	$(BIN)/pytest tests/production

clean:
	rm -rf $(VENV) data
