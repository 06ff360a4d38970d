# Two entry points for a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test clean frontend browser-deps

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed frontend
install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/pantau demo

test: install-test frontend browser-deps
	$(BIN)/python -m pytest -q

# The dashboard's scripts, styles and basemap (`pantau serve`): installed from the npm
# registry with the committed lock file, then copied where the server serves them.
SERVE := src/pantau/serve
VENDOR := $(SERVE)/static/vendor
$(VENDOR)/.installed: $(SERVE)/frontend/package-lock.json $(SERVE)/frontend/copy-assets.sh
	cd $(SERVE)/frontend && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	sh $(SERVE)/frontend/copy-assets.sh $(SERVE)/frontend/node_modules $(VENDOR)
	touch $@
frontend: $(VENDOR)/.installed

# Headless Chromium for the browser test (skipped with a message when absent).
browser-deps:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq chromium; } || echo "chromium not installed: browser tests will skip"

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
