# Makefile for the Service Manual, in the sphinx-quickstart style.
# Override on the command line, e.g. `make html SPHINXOPTS="-j auto" BUILDDIR=/tmp/out`.

PYTHON        ?= python3
VENV          ?= .venv
SPHINXOPTS    ?= -W --keep-going -n
SPHINXBUILD   ?= $(VENV)/bin/sphinx-build
SOURCEDIR     ?= docs
BUILDDIR      ?= _build
CONFDIR       ?= .
PYTEST        ?= $(VENV)/bin/pytest
# pytest-xdist: one worker more than the cores (the browser tests mostly wait for Chromium),
# each test module on one worker (its module-scoped builds are made once), the browser tests
# together on one, slow modules first (tests/conftest.py). `make test PYTESTJOBS=` runs in one
# process.
PYTESTJOBS    ?= -n $(shell echo $$(( $$(getconf _NPROCESSORS_ONLN) + 1 ))) --dist loadfile --no-loadscope-reorder
PYTESTOPTS    ?=

# The virtual environment is (re)made when pyproject.toml changes.
STAMP := $(VENV)/.installed

.PHONY: help venv bytecode html test lint livehtml clean latexpdf epub migrate review bench frontend translations Makefile

help: $(STAMP)
	@$(SPHINXBUILD) -M help "$(SOURCEDIR)" "$(BUILDDIR)" -c "$(CONFDIR)" $(SPHINXOPTS) $(O)
	@echo "Project targets: venv test lint livehtml clean migrate review bench frontend translations"

# An empty recipe, so the catch-all rule at the end is not tried for it (a circular dependency).
pyproject.toml: ;

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e ".[dev]"
	touch $@

venv: $(STAMP)

# The bytecode of the extension and the tests' helpers. pip compiles what it installs, but not
# the sources of an editable install, so where PYTHONDONTWRITEBYTECODE is set (as on our CI
# machine) every sphinx-build compiled the extension's modules again: about 0.12 s of CPU, 1.2 %
# of a plain build's instructions on the migrated manual, in every build the tests start.
# compileall writes only what changed since; Python never uses a stale file (it checks each
# source's time stamp). The test roots are left alone: each is copied whole into a test.
bytecode: $(STAMP)
	@$(VENV)/bin/python -m compileall -q -x '/roots/' _ext tests

test: bytecode
	$(PYTEST) $(PYTESTJOBS) $(PYTESTOPTS)

lint: $(STAMP)
	$(VENV)/bin/ruff check _ext tests conf.py
	$(VENV)/bin/ruff format --check _ext tests conf.py
	$(VENV)/bin/mypy

# sphinx-autobuild, with builds forked from a warm process (_ext/live_preview, see README).
livehtml: bytecode
	$(VENV)/bin/python -m live_preview "$(SOURCEDIR)" "$(BUILDDIR)/html" -c "$(CONFDIR)" \
		--host 127.0.0.1 --port $${PORT:-8000} --watch _ext --watch _templates --watch _static \
		$(SPHINXOPTS) $(O)

clean:
	rm -rf "$(BUILDDIR)"

# Bring the message catalogues up to date with the code and compile them (see README,
# "Translations"): the extension's own, and this project's additions to Sphinx's.
translations: $(STAMP)
	$(VENV)/bin/python -m service_manual.translations locale

# Convert a Jekyll service-manual tree into MyST sources for this project (see README).
# Then: make html SOURCEDIR=$(DEST) BUILDDIR=$(BUILDDIR)/migrated
SRC  ?= ../shared/corpus/gds-service-manual-2016/service-manual
DEST ?= $(BUILDDIR)/migrated/docs
migrate: $(STAMP)
	$(VENV)/bin/python -m migrate_jekyll "$(SRC)" "$(DEST)"

# For owners: the guides that are overdue, due for review within 30 days or never reviewed,
# grouped by owner, and every page's review state in $(BUILDDIR)/review/review.json (see
# README). Reads only front matter. e.g. make review REVIEWOPTS="--within 60 --fail-on-overdue"
REVIEWOPTS ?=
review: $(STAMP)
	$(VENV)/bin/python -m service_manual.review "$(SOURCEDIR)" -c "$(CONFDIR)" \
		-o "$(BUILDDIR)/review/review.json" $(REVIEWOPTS)

# A benchmark, not a test: ratios against plain Sphinx + MyST measured in the same run.
# e.g. make bench BENCHOPTS="--sizes 200,2000 --migrated /tmp/manual --pdf"
BENCHOPTS ?= --sizes 200,2000
bench: bytecode
	$(VENV)/bin/python tests/benchmarks/bench.py $(BENCHOPTS)

# GOV.UK Frontend, vendored into the theme (see README, "How the site looks"). npm installs the
# versions pinned in package-lock.json; frontend/vendor.mjs compiles our Sass entry and copies
# Frontend's JavaScript. Only this target needs npm: builds use the files it commits.
frontend:
	npm ci --ignore-scripts --no-audit --no-fund
	npm run --silent vendor

# Sphinx's own targets named in .PHONY need this explicit rule: make never looks for an
# implicit (pattern) rule for a phony target, so the catch-all below would not run for them.
html latexpdf epub: bytecode
	@$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" -c "$(CONFDIR)" $(SPHINXOPTS) $(O)

# Every other target goes to Sphinx's make mode: text, linkcheck, singlehtml ...
%: bytecode
	@$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" -c "$(CONFDIR)" $(SPHINXOPTS) $(O)
