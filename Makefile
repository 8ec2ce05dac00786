# Thidua — the two commands of the quick start are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements-dev.txt | md5sum | cut -c1-12)
PORT ?= 8000
PG_URL ?= postgres://thidua:thidua@127.0.0.1:5432/thidua
PYTEST_WORKERS ?= 2

.PHONY: run setup demo test test-sqlite test-postgres lint fmt bench lock messages clean

$(STAMP): requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Thidua needs Python 3.11"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

setup: $(STAMP)
	@mkdir -p var

## Set up, migrate the SQLite database under var/, load the demo and start the server.
run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@$(BIN)/python manage.py demo_accounts
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

demo: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

## The whole suite on SQLite, then on PostgreSQL. Lint first.
test: setup lint test-sqlite test-postgres

test-sqlite: setup
	./scripts/ensure-browser.sh
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q

test-postgres: setup
	./scripts/ensure-browser.sh
	./scripts/ensure-postgres.sh
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/mypy thidua/*/actions.py $(wildcard thidua/*/actions/*.py) thidua/*/queries.py thidua/*/permissions.py thidua/core/scoping.py thidua/core/workflow.py thidua/documents thidua/plans/documents.py thidua/plans/parsing/result.py

fmt: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup
	$(BIN)/python bench/run.py

## Recompile the translation catalogs (needs GNU gettext's msgfmt; the compiled .mo files are committed).
messages: setup
	$(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var --ignore=bench --ignore=tests
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv

## Re-pin dependencies after changing requirements*.in.
lock: setup
	$(BIN)/python -m pip install --quiet -r requirements-dev.in
	$(BIN)/python -m pip freeze --exclude-editable > requirements-dev.txt

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
