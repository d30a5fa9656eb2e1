# The two commands of the README:
#   make demo   sets everything up in .venv and builds a storybook on the offline backend
#   make test   sets up the test tools in .venv and runs the whole test suite
# Both only need python3 (3.10 to 3.13) on the machine. Add PYTHON=python3.12 to pick another Python.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test quick lab clean

demo: $(VENV)/.kit-installed
	$(BIN)/storykit demo

test: $(VENV)/.kit-test-installed node_modules/axe-core/axe.min.js
	KIT_BACKEND=offline MPLBACKEND=Agg PYTHONHASHSEED=0 $(BIN)/python -m pytest

quick: $(VENV)/.kit-test-installed
	KIT_BACKEND=offline MPLBACKEND=Agg $(BIN)/python -m pytest -m "not slow and not notebook and not browser"

lab: $(VENV)/.kit-installed
	$(BIN)/jupyter lab notebooks/

$(VENV)/.kit-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.kit-test-installed: pyproject.toml $(VENV)/.kit-installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# axe-core for the accessibility audit of the browser tests (package-lock.json pins it)
node_modules/axe-core/axe.min.js: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) demo-output kit-work .pytest_cache node_modules test-artifacts
