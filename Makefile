# Two commands are the whole set-up: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip

.PHONY: demo test install install-test bench clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/activate pyproject.toml
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e ".[test,spark]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(VENV)/bin/newsfuse analyze examples/kerman-2024 --one-story

test: install-test
	$(PY) -m pytest -q

bench: install-test
	$(PY) benchmarks/ingest.py
	$(PY) benchmarks/quality.py
	$(PY) benchmarks/stories.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
