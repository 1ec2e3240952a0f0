# Gongkai make targets. `make run` and `make test` do all the set-up on a fresh machine.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
GONGKAI := $(VENV)/bin/gongkai
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_DEBUG ?= 1

.PHONY: run test install venv deps system-deps bench-deps node-deps migrate demo serve lint format messages bench \
	check-nginx clean

run: install migrate demo serve

install: $(VENV)/.installed node-deps

$(VENV)/bin/python:
	@PYTHON_BIN=$$(scripts/find-python) && "$$PYTHON_BIN" -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python system-deps
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

# Fonts for Chinese PDFs and poppler for reading them back; installed with apt when missing and we are root.
system-deps:
	@scripts/system-deps

node-deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; else echo "npm not found: front-end enhancements (charts, maps) will be missing" >&2; fi

migrate: install
	$(GONGKAI) migrate --no-input
	$(GONGKAI) compilemessages --ignore '.venv/*' --ignore 'node_modules/*' -v 0 || true

demo: install
	$(GONGKAI) demo

serve: install
	@echo "Gongkai: http://$(HOST):$(PORT)/ (portal) and http://$(HOST):$(PORT)/backoffice/ (staff)"
	$(GONGKAI) runserver $(HOST):$(PORT)

test: install
	$(GONGKAI) compilemessages --ignore '.venv/*' --ignore 'node_modules/*' -v 0
	$(VENV)/bin/pytest -q -n 2 $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	cd gongkai && ../$(GONGKAI) makemessages -l en --ignore 'tests/*' --no-obsolete
	$(GONGKAI) compilemessages --ignore '.venv/*' --ignore 'node_modules/*'

# nginx-light and wrk (Debian packages, apt-get as root) for the nginx check and the page benchmark.
bench-deps:
	@scripts/bench-deps

check-nginx: bench-deps
	deploy/check-nginx

bench: install bench-deps
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules var/test-media var/test-search
