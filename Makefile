# The two commands in README: `make serve` and `make test`. Everything else is what they need.
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install serve build check schema test system bench lighthouse clean

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -e .
	touch $@

## Browser libraries the build copies into the site (package.json "dependencies"), not Lighthouse
node_modules/fflate/package.json: package.json package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null)
	npm ci --omit=dev --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/fflate/package.json

## Serve the site with live reload on http://127.0.0.1:8000: regenerates build/docs/ on every edit to data/ or
## docs/ and MkDocs rebuilds the pages that changed (macros/cli/serve.py)
serve: install
	$(PY) -m macros serve --dev-addr 127.0.0.1:8000

## Build the site into site/: generate build/docs/, mkdocs build --strict (any warning fails), index with Pagefind
build: install
	$(PY) -m macros build

## Validate data/ only
check: install
	$(PY) -m macros check

## Regenerate docs/schema/example.schema.json (after changing the model or data/*.yml) and the table of rule
## codes in CONTRIBUTING.md (after changing macros/core/rules.yml)
schema: install
	$(PY) -m macros schema

## Debian packages the tests use: Chromium and CJK fonts for the browser tests (Playwright cannot
## download browsers here), LibreOffice and poppler to render the Word downloads to PDF and PNG
SYSTEM_PACKAGES := chromium fonts-noto-cjk libreoffice-writer poppler-utils
system:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh 2>/dev/null | grep -q . \
		|| ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	fi

## Run the whole test suite: data checks (warnings fail too), renderers, strict build, browser tests
test: install system
	$(PY) -m macros check --strict
	$(PY) -m pytest -q

## Benchmark: build sites of 100, 1,000 and 5,000 examples and print one JSON line each (README, Performance)
BENCH_SIZES := 100 1000 5000
bench: install system
	@for n in $(BENCH_SIZES); do $(PY) -m tools.bench --examples $$n --runs 3; done

## Lighthouse scores (median of RUNS runs) of the home, a type and an example page: a measurement, not a test.
## Lighthouse CI and Lighthouse are pinned in package.json; lighthouserc.json says what it runs (Debian's
## Chromium, mobile emulation, the site served gzipped from .lighthouse/site); reports go to .lighthouse/reports/
RUNS := 3
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

lighthouse: install system node_modules/.installed
	$(PY) -m tools.lighthouse --runs $(RUNS)

clean:
	rm -rf build site .venv .pytest_cache node_modules .lighthouse
