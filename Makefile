# Two entry points for a newcomer: `make demo` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LAKE ?= data/lake

.PHONY: setup demo test bench

$(BIN)/geoevents: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

setup: $(BIN)/geoevents

demo: setup
	$(BIN)/geoevents run data/samples --lake $(LAKE)
	$(BIN)/geoevents query --lake $(LAKE) "SELECT event_type, event_date, date_precision AS prec, date_basis AS basis, \
	  location, country, actors, target, killed, injured, quantity, mention_count AS reports FROM events ORDER BY event_date, event_type"

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_dates.py
	$(BIN)/python benchmarks/bench_memory.py 200
	$(BIN)/python benchmarks/bench_memory.py 200 --flow
