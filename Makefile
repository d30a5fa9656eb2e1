# The two commands of the README:
#   make demo   sets up the student's install in .venv and builds a storybook on the offline backend
#   make test   sets up the test tools in .venv and runs the whole test suite, then the SDK-path tests
#               again on the lowest dashscope that pyproject.toml allows (cached in .venv-lowest)
# Both only need python3 (3.10 to 3.13) on the machine. Add PYTHON=python3.12 to pick another Python.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

# The lowest dashscope the pin allows, read from pyproject.toml. It needs the same five packages as the newest
# 1.x (aiohttp, requests, websocket-client, cryptography, certifi), so it goes into a folder of its own put
# first on PYTHONPATH, beside .venv's: a few seconds, not a second environment to build.
LOWEST_DASHSCOPE := $(shell sed -n 's/.*"dashscope>=\([0-9.]*\).*/\1/p' pyproject.toml)
LOWEST := .venv-lowest/dashscope-$(LOWEST_DASHSCOPE)
SDK_TESTS := tests/test_dashscope_backend.py tests/test_service_limits.py tests/test_speech.py tests/test_vision.py \
             tests/test_sketch.py tests/test_reference.py

.PHONY: demo test test-lowest-sdk quick lab clean

demo: $(VENV)/.kit-installed
	$(BIN)/storykit demo

test: $(VENV)/.kit-test-installed node_modules/axe-core/axe.min.js $(LOWEST)/.installed
	KIT_BACKEND=offline MPLBACKEND=Agg PYTHONHASHSEED=0 $(BIN)/python -m pytest -rs
	$(MAKE) --no-print-directory test-lowest-sdk

# The SDK-path tests on the lowest allowed dashscope (KIT_EXPECT_DASHSCOPE makes them check it is the one loaded)
test-lowest-sdk: $(VENV)/.kit-test-installed $(LOWEST)/.installed
	KIT_BACKEND=offline MPLBACKEND=Agg PYTHONHASHSEED=0 PYTHONPATH=$(LOWEST) \
	KIT_EXPECT_DASHSCOPE=$(LOWEST_DASHSCOPE) $(BIN)/python -m pytest -q -p no:cacheprovider $(SDK_TESTS)

$(LOWEST)/.installed: pyproject.toml
	rm -rf .venv-lowest
	$(BIN)/python -m pip install --quiet --no-deps --target $(LOWEST) dashscope==$(LOWEST_DASHSCOPE)
	touch $@

quick: $(VENV)/.kit-test-installed
	KIT_BACKEND=offline MPLBACKEND=Agg $(BIN)/python -m pytest -m "not slow and not notebook and not browser"

# JupyterLab comes with the teacher extra (the student's install is only what a kernel needs)
lab: $(VENV)/.kit-teacher-installed
	$(BIN)/jupyter lab notebooks/

$(VENV)/.kit-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.kit-teacher-installed: pyproject.toml $(VENV)/.kit-installed
	$(BIN)/python -m pip install --quiet -e '.[teacher]'
	touch $@

# The test extra holds the teacher's and the gateway's packages too
$(VENV)/.kit-test-installed: pyproject.toml $(VENV)/.kit-installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.kit-teacher-installed

# axe-core for the accessibility audit of the browser tests (package-lock.json pins it)
node_modules/axe-core/axe.min.js: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) .venv-lowest demo-output kit-work .pytest_cache node_modules test-artifacts
