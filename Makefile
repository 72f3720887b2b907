# Pusselbit: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Exported so that the server's links in e-mail sent without a request (SITE_URL's default) name
# the port it runs on.
export PORT

.PHONY: run test test-browser install messages lint format benchmark clean

$(BIN)/pusselbit: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test,similar]'
	touch $@

install: $(BIN)/pusselbit messages

# Compiled with Babel, so no GNU gettext is needed on the machine.
messages: $(BIN)/pusselbit
	$(BIN)/pybabel --quiet compile --domain django --directory pusselbit/locale --statistics

run: install
	$(BIN)/pusselbit migrate --noinput
	$(BIN)/pusselbit demo
	@echo
	@echo "Pusselbit is served on http://$(HOST):$(PORT)/ — sign in with a demo login above."
	@echo "Stop it with Ctrl-C."
	@# The task worker (it compiles the county report) runs beside the web server and stops with it.
	$(BIN)/pusselbit db_worker --no-startup-delay --interval 0.5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/pusselbit runserver $(HOST):$(PORT) --noreload

# The same checks as before each commit: lint findings and unformatted files fail it.
# Style, and the import contract: apps import only the layers below them (pyproject.toml).
lint: $(BIN)/pusselbit
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: install lint
	$(BIN)/pytest

# The browser tests alone (Chromium through Playwright, every page checked by axe): `make test`
# runs them too, this runs just them after a change to a page or its script.
test-browser: install
	$(BIN)/pytest tests/browser

# The national data set in PostgreSQL (built once; PUSSELBIT_NATIONAL_DATABASE_URL names another
# database), its key pages served by gunicorn against a bare view, then the document timings,
# then the search's recall on the labelled queries and its time per query, then the throughput
# of one web process against two.
benchmark: install
	$(BIN)/python benchmarks/national.py
	$(BIN)/python benchmarks/serve.py
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/search.py
	$(BIN)/python benchmarks/scale.py

format: $(BIN)/pusselbit
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var
