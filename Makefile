# Thidua — the two commands of the quick start are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements-dev.txt | md5sum | cut -c1-12)
PORT ?= 8000
PG_URL ?= postgres://thidua:thidua@127.0.0.1:5432/thidua
PYTEST_WORKERS ?= 2
# DEBUG is off unless turned on: the development targets turn it on (a deployment sets SECRET_KEY and leaves it off).
DEV := DEBUG=$${DEBUG:-1}

# What `make lint` type-checks: the actions, queries and permissions, the core kit (scoping, workflow, tasks, the
# spreadsheet kit, audit, forms, dates, text, paging), the documents, the imports and the views' helpers.
MYPY_FILES := thidua/*/actions.py $(wildcard thidua/*/actions/*.py) thidua/*/queries.py thidua/*/permissions.py \
	$(wildcard thidua/*/permissions/*.py) thidua/registrations/duplicates.py thidua/registrations/emulation_rollup.py thidua/registrations/emulation_import.py thidua/registrations/queries_works.py thidua/registrations/works_import.py \
	thidua/registrations/documents.py thidua/rewards/documents.py thidua/rewards/money.py thidua/rewards/imports.py thidua/rewards/state_statistics.py thidua/rewards/state_statistics_xlsx.py thidua/proposals/imports.py thidua/enterprises/taxcode.py thidua/enterprises/officer_dues.py thidua/core/attachments.py \
	thidua/core/scoping.py thidua/orgs/history.py thidua/core/backup.py thidua/core/dashboard.py thidua/core/panels.py thidua/core/notify.py thidua/core/workflow.py thidua/documents \
	thidua/plans/documents.py thidua/plans/parsing/result.py thidua/plans/parsing/sources.py thidua/plans/movement_matches.py thidua/plans/ocr.py thidua/core/tasks.py thidua/core/middleware.py \
	thidua/core/db.py thidua/core/monitoring.py thidua/core/logs.py thidua/core/db_router.py thidua/core/spreadsheets thidua/orgs/imports thidua/core/audit.py thidua/core/forms.py \
	thidua/core/dates.py thidua/core/text.py thidua/core/paging.py thidua/core/search.py thidua/core/lookups.py \
	thidua/core/context_processors.py thidua/core/xlsx.py thidua/core/vnencoding.py \
	thidua/core/api.py thidua/core/uploads.py thidua/api/api.py thidua/orgs/api.py thidua/plans/api.py thidua/registrations/api thidua/reports/loading.py thidua/reports/validation.py thidua/reports/panels.py thidua/reports/imports.py \
	thidua/plans/views/imports.py thidua/orgs/views/imports.py thidua/registrations/emulation_queries.py \
	thidua/orgs/forms/base.py thidua/orgs/localities.py thidua/plans/views/base.py \
	thidua/reports/aggregation.py thidua/reports/tree.py thidua/reports/rollup.py thidua/reports/completeness.py \
	thidua/reports/rollup_access.py thidua/reports/rollup_documents.py thidua/reports/rollup_dashboard.py \
	thidua/certificates/documents.py

.PHONY: run setup demo test test-sqlite test-postgres lint fmt bench loadtest lock messages backup clean deploy-check test-replica

$(STAMP): requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Thidua needs Python 3.11"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

setup: $(STAMP)
	@mkdir -p var

## Set up, migrate the SQLite database under var/, load the demo and start the server with one task worker beside it.
run: setup
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py load_demo
	@$(DEV) $(BIN)/python manage.py demo_accounts
	-./scripts/ensure-ocr.sh
	$(DEV) ./scripts/run-with-worker.sh $(BIN)/python 127.0.0.1:$(PORT)

demo: setup
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py load_demo

## The whole suite on SQLite, then on PostgreSQL, then the read replica's router when PostgreSQL's server binaries
## are installed. Lint first.
HAVE_PG_SERVER := $(wildcard /usr/lib/postgresql/*/bin/initdb)
test: setup lint test-sqlite test-postgres $(if $(HAVE_PG_SERVER),test-replica)

## The database router against its own primary and streaming replica (initdb + pg_basebackup in a temporary folder,
## run as the postgres user, stopped and removed after).
test-replica: setup
	./scripts/test-replica.sh $(BIN)/python

test-sqlite: setup
	./scripts/ensure-browser.sh
	./scripts/ensure-ocr.sh
	$(DEV) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q --durations=25

test-postgres: setup
	./scripts/ensure-browser.sh
	./scripts/ensure-ocr.sh
	./scripts/ensure-postgres.sh
	$(DEV) DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q --durations=25

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV) $(BIN)/python manage.py check
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(DEV) $(BIN)/lint-imports
	$(DEV) $(BIN)/python -m pytest -q -n 0 tests/test_write_path.py
	$(DEV) $(BIN)/mypy $(MYPY_FILES)

fmt: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## The database and the uploaded files in one dated archive under var/backups/ (OUTPUT=file to choose it).
## On a development machine (no SECRET_KEY) it runs with DEBUG=1 like the other targets; a deployment's SECRET_KEY
## keeps DEBUG off.
backup: setup
	$(if $(SECRET_KEY),,$(DEV)) $(BIN)/python manage.py backup $(if $(OUTPUT),--output $(OUTPUT))

## Prove deploy/ on this machine (docs/deployment.md): units verified, nginx -t, check --deploy, gunicorn 4 workers
## and 2 task workers on PostgreSQL, /health/, a worker killed mid-task; stops all it started.
deploy-check: setup
	./scripts/deploy-check.sh $(BIN)/python

## Benchmarks (bench/README.md): DEBUG off, as a deployment runs (bench/run.py sets the environment).
bench: setup
	$(BIN)/python bench/run.py

## Load test (bench/loadtest.py): the demo on a fresh database under gunicorn (4 workers), the officers' session mix
## at 10 and 50 users beside the bare authenticated view; loopback only, each run bounded in time and requests.
loadtest: setup
	$(BIN)/python bench/loadtest.py

## Recompile the translation catalogs (needs GNU gettext's msgfmt; the compiled .mo files are committed).
## locale/en holds the English of Thidua's own (Vietnamese) text; locale/vi only the Vietnamese of Django's and
## django-axes' messages that their own catalogs lack (kept by hand).
messages: setup
	$(DEV) $(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var --ignore=bench --ignore=tests
	$(DEV) $(BIN)/python manage.py compilemessages -l en -l vi --ignore=.venv

## Re-pin dependencies after changing requirements*.in.
lock: setup
	$(BIN)/python -m pip install --quiet -r requirements-dev.in
	$(BIN)/python -m pip freeze --exclude-editable > requirements-dev.txt

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
