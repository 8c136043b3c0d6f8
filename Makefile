# The two commands: `make run` (app with demo data on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test test-dates lint format messages bench clean setup

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "PartyWork needs Python 3.11 or newer"'
	@$(PYTHON) -m venv $(VENV) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv && rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); \
	  else echo "python3 -m venv failed: install the python3-venv package"; exit 1; fi; }
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(VENV)/.installed $@

setup: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	@if command -v msgfmt >/dev/null; then $(BIN)/python manage.py compilemessages --ignore=.venv -v0; \
	  else echo "msgfmt not found: using the committed .mo catalogues"; fi
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py run_reminders  # the demo's reminders of today, so the first screen is not empty

run: setup
	@echo "PartyWork: http://$(HOST)/  (Ctrl-C to stop)"
	$(BIN)/python manage.py runserver $(HOST)

test: $(VENV)/.installed-dev
	@bash scripts/system-deps.sh
	@if command -v msgfmt >/dev/null; then $(BIN)/python manage.py compilemessages --ignore=.venv -v0; fi
	$(BIN)/pytest

# The tests that follow the day (marker `dates`) on the days calendars break on: the 1st of a month, the end
# of a quarter, New Year's Eve, 28 and 29 February of a leap year. chinesecalendar (recruitment's working
# days) knows China's holidays up to 2026 only, so the days are in 2024-2026. Every day runs; the failed
# ones are listed at the end.
TEST_DATES ?= 2025-07-01 2026-03-31 2025-12-31 2024-02-28 2024-02-29

test-dates: $(VENV)/.installed-dev
	@bash scripts/system-deps.sh
	@failed=""; for day in $(TEST_DATES); do \
	  echo "==> tests marked dates, as of $$day"; \
	  $(BIN)/pytest -q -m dates --today=$$day || failed="$$failed $$day"; \
	done; \
	if [ -n "$$failed" ]; then echo "the date passes failed on:$$failed"; exit 1; fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files '*.html')

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(git ls-files '*.html')

# Regenerate and compile the zh_Hans catalogues after changing user-facing text.
messages: $(VENV)/.installed
	bash scripts/messages.sh

# County-scale benchmark (README "Benchmark"): a fresh PostgreSQL database partywork_bench by default
# (BENCH_DATABASE_URL to choose another, or sqlite:///path); BENCH_TOWNSHIPS, BENCH_BRANCHES and
# BENCH_MEMBERS_PER_BRANCH for a smaller county. Writes bench/results/latest.json and latest.md.
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts .pytest_cache
