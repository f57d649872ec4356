# Build and test wrappers; the settings live in pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: graph test bench clean

# The install is redone only when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -e '.[test]'
	touch $(STAMP)

graph: $(STAMP)
	$(BIN)/kg build corpus --out output
	$(BIN)/kg validate output/graph.ttl

# Browser tests need Chromium; they skip with a message when it cannot be installed.
test: $(STAMP)
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && apt-get install -y -qq chromium chromium-driver) \
			|| echo "make: chromium install failed; browser tests will skip"; \
	fi
	$(BIN)/pytest -q

bench: $(STAMP)
	@if [ -f bench/bench.py ]; then $(BIN)/python bench/bench.py; else echo "make: bench/bench.py not found"; fi

clean:
	rm -rf output .pytest_cache .kg-cache *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
