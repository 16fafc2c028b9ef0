# The two commands in README: `make serve` and `make test`. Everything else is what they need.
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install serve build check schema test browser clean

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -e .
	touch $@

install: $(VENV)/.installed

## Serve the site with live reload on http://127.0.0.1:8000
serve: install
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

## Build the site into site/ (strict: any warning fails)
build: install
	$(VENV)/bin/mkdocs build --strict

## Validate data/ only
check: install
	$(PY) -m macros check

## Regenerate docs/schema/example.schema.json after changing the model or data/*.yml
schema: install
	$(PY) -m macros schema

## Debian's Chromium and CJK fonts for the browser tests (Playwright cannot download browsers here)
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

## Run the whole test suite: data checks, renderers, strict build, browser tests
test: install browser
	$(PY) -m macros check
	$(PY) -m pytest -q

clean:
	rm -rf site .venv .pytest_cache
