# sitroom: every target makes its own .venv, so `make run` and `make test` work on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test lint gate bench bench-million eval train-ner train-speakers clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/sitroom ingest --demo --db $(DEMO_DB)
	$(BIN)/sitroom search "air defence" --db $(DEMO_DB) --limit 3
	$(BIN)/sitroom serve --db $(DEMO_DB) --host $(HOST) --port $(PORT)

# pytest exits 5 when it collected no tests: a broken selection, reported as such.
test: $(STAMP)
	@rc=0; $(BIN)/python -m pytest -q || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; fi; exit $$rc

# Style, types, and the import rules of docs/architecture.md (pyproject.toml configures each).
lint: $(STAMP)
	$(BIN)/ruff check src tests eval bench
	$(BIN)/ruff format --check src tests eval bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# Pinned accuracy floors on the sample and fixed benchmark slices (eval/floors.json).
gate: $(STAMP)
	$(BIN)/python eval/gate.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

# A store of SITROOM_BENCH_ARTICLES synthetic articles (default 1,000,000; long): issue 13.
bench-million: $(STAMP)
	$(BIN)/python bench/bench_million.py

eval: $(STAMP)
	$(BIN)/python eval/run.py

train-ner: $(STAMP)
	$(BIN)/python -m sitroom.nlp.entities.train

# The quote speaker ranker (sitroom/data/quotes/speaker_ranker.json), from PolNeAR train only.
train-speakers: $(STAMP)
	$(BIN)/python eval/train_speakers.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
