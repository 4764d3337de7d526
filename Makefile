# Recall Screen - developer tasks. `make help` lists them.
#
# The project environment is .venv, created from uv.lock. uv is taken from PATH, or bootstrapped
# with pip into .tools/uv on a machine that has none. The SAM CLI and cfn-lint run in uv's separate
# tool environments (the SAM CLI pins boto3, so it stays out of the project's environment).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
SHARED ?= ../shared

# Pinned tool versions (checked together: cfn-lint 1.54+ no longer runs the SAM transform and so
# misses circular dependencies between the bucket, its notification and the function's policy).
UV_VERSION ?= 0.13.9
SAM_CLI_VERSION ?= 1.170.0
CFN_LINT_VERSION ?= 1.53.0

UV_BOOTSTRAP := $(CURDIR)/.tools/uv/bin/uv
ifeq ($(origin UV),undefined)
UV := $(or $(shell command -v uv 2>/dev/null),$(UV_BOOTSTRAP))
endif
# Only the bootstrapped uv has a rule to make it.
UV_DEP := $(filter $(UV_BOOTSTRAP),$(UV))
UVX := $(UV) tool run
SAM := $(UVX) --from aws-sam-cli==$(SAM_CLI_VERSION) --with cfn-lint==$(CFN_LINT_VERSION) sam
CFN_LINT := $(UVX) --from cfn-lint==$(CFN_LINT_VERSION) cfn-lint
SAM_PYTHON := $(UVX) --from aws-sam-cli==$(SAM_CLI_VERSION) python
# template.yaml with ApiIamAuth=AWS_IAM as its default, so the linters transform that option too.
IAM_AUTH_VARIANT := .aws-sam/template-iam-auth.json

export SAM_CLI_TELEMETRY := 0

VENV := .venv
INSTALLED := $(VENV)/.installed
LAYER_REQUIREMENTS := layers/recall_screen/requirements.txt
# The layer gets the runtime dependencies only: no dev group, no `local` extra, not the project.
UV_EXPORT := $(UV) export --frozen --no-default-groups --no-hashes --no-emit-project --no-header

EVAL_RECALLS ?= $(SHARED)/data/recalls/cpsc_api/cpsc_recalls.json \
	$(SHARED)/data/recalls/cpsc_api/cpsc_recalls_more.json \
	$(sort $(wildcard $(SHARED)/data/recalls/generic/*.ndjson $(SHARED)/data/recalls/generic/*.csv)) \
	$(wildcard $(SHARED)/data/recalls/priority/*.csv) \
	data/rules/priority_categories.ndjson
# Generated listings, real market text (the shared slice and this repository's own sets, reported
# per file), real second-hand titles (unlabelled: every block is listed), and the category rules'
# labelled set (listings the rules should catch, and ordinary ones with the same words).
REAL_TEXT_SETS := $(shell sed -e '/^\#/d' -e '/^$$/d' data/listings/real_text_sets.txt)
EVAL_LISTINGS ?= $(SHARED)/data/listings/dev.ndjson $(SHARED)/data/listings/real_relistings_dev.ndjson \
	$(REAL_TEXT_SETS) \
	data/listings/storefront_dev.ndjson \
	data/listings/category_rules.ndjson $(SHARED)/data/listings/real_titles.ndjson

# sam build (python3.12 build method, no Docker) needs a python3.12 on PATH. A pyenv shim named
# python3.12 may exist without working, so real interpreters are looked for first.
PYTHON312 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) \
	$(shell command -v python3.12 2>/dev/null))
# First deploy is guided (it writes samconfig.toml); later ones reuse samconfig.toml.
DEPLOY_ARGS ?= $(if $(wildcard samconfig.toml),,--guided)

.PHONY: help install demo test unit lint typecheck format validate-template layer-requirements \
	check-layer-requirements bench bench-realistic bench-incremental bench-catalog evaluate build deploy clean distclean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 28

$(UV_BOOTSTRAP):
	@echo "uv not found on PATH: bootstrapping uv $(UV_VERSION) into .tools/uv"
	$(PYTHON) -m venv .tools/uv
	.tools/uv/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

install: $(INSTALLED) ## create .venv from uv.lock (only when pyproject.toml or uv.lock changed)

$(INSTALLED): pyproject.toml uv.lock | $(UV_DEP)
	$(UV) sync --locked --extra local
	@touch $@

demo: $(INSTALLED) ## run the whole flow on an embedded AWS (moto) and print the decisions
	$(VENV)/bin/recall-screen demo

# What CI runs (.ci/run): the cheap checks first, so a lint error fails in seconds, not minutes.
# The suite's packaging test builds the wheel and installs it with this uv.
test: $(INSTALLED) lint typecheck validate-template check-layer-requirements ## lint, type check, template checks, then the whole suite
	RECALL_SCREEN_UV="$(UV)" $(VENV)/bin/pytest -q

unit: $(INSTALLED) ## the unit tests alone: the fast loop while editing the domain
	$(VENV)/bin/pytest -q tests/unit

lint: $(INSTALLED) ## ruff check and ruff format --check (both must pass; 'make format' fixes most)
	$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check . \
		|| { echo "ruff format: the files above need formatting: run 'make format'" >&2; exit 1; }

typecheck: $(INSTALLED) ## mypy, strict, over the layer, the functions and the CLI (pyproject.toml)
	$(VENV)/bin/mypy

format: $(INSTALLED) ## ruff format and the safe ruff fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

validate-template: | $(UV_DEP) ## sam validate --lint and cfn-lint (with the SAM transform) on template.yaml, per API auth option
	$(SAM) validate --lint --region us-east-1 --template-file template.yaml
	$(CFN_LINT) template.yaml
	@mkdir -p $(dir $(IAM_AUTH_VARIANT))
	AWS_DEFAULT_REGION=us-east-1 $(SAM_PYTHON) tests/sam_api_auth.py template.yaml \
		--variant ApiIamAuth=AWS_IAM $(IAM_AUTH_VARIANT)
	$(CFN_LINT) $(IAM_AUTH_VARIANT)

layer-requirements: | $(UV_DEP) ## export the layer's requirements.txt from uv.lock (commit the result)
	$(UV_EXPORT) > $(LAYER_REQUIREMENTS).tmp
	mv $(LAYER_REQUIREMENTS).tmp $(LAYER_REQUIREMENTS)

check-layer-requirements: | $(UV_DEP) ## fail when the layer's requirements.txt differs from uv.lock
	@$(UV_EXPORT) | diff -u $(LAYER_REQUIREMENTS) - \
		|| { echo "$(LAYER_REQUIREMENTS) is out of date with uv.lock: run 'make layer-requirements' and commit it" >&2; exit 1; }

bench: $(INSTALLED) ## matcher speed figures
	RECALL_SCREEN_SHARED=$(SHARED) $(VENV)/bin/python benchmarks/bench_matcher.py

# Notices generated from the real regulator files; BENCH_RECALLS sets the size (100,000 takes
# several minutes on one core: most of it parsing the generated whole-history files).
BENCH_RECALLS ?= 100000

bench-realistic: $(INSTALLED) ## build, cold start and the whole screening path on realistic notices
	RECALL_SCREEN_SHARED=$(SHARED) $(VENV)/bin/python benchmarks/bench_realistic.py --recalls $(BENCH_RECALLS)

bench-incremental: $(INSTALLED) ## what one drop costs the builder against a large union of lists
	RECALL_SCREEN_SHARED=$(SHARED) $(VENV)/bin/python benchmarks/bench_incremental.py --recalls $(BENCH_RECALLS)

# 1,000,000 lines take about 45 minutes on one core of this machine.
CATALOG_LINES ?= 100000

bench-catalog: $(INSTALLED) ## a generated gzipped catalogue through the catalogue worker: speed, memory, writes
	RECALL_SCREEN_SHARED=$(SHARED) $(VENV)/bin/python benchmarks/bench_catalog.py --lines $(CATALOG_LINES)

evaluate: $(INSTALLED) ## score the matcher on the shared labelled and real listings against the shared recall lists
	$(VENV)/bin/recall-screen evaluate $(addprefix --recalls ,$(EVAL_RECALLS)) --listings $(EVAL_LISTINGS)

build: | $(UV_DEP) ## sam build (no Docker; needs python3.12, see PYTHON312)
	@test -n "$(PYTHON312)" && "$(PYTHON312)" --version >/dev/null 2>&1 \
		|| { echo "sam build needs a working python3.12: install one or pass PYTHON312=/path/to/python3.12" >&2; exit 1; }
	PATH="$(dir $(PYTHON312)):$$PATH" $(SAM) build --template-file template.yaml

deploy: build ## sam deploy (guided the first time; then samconfig.toml is reused)
	$(SAM) deploy $(DEPLOY_ARGS)

clean: ## remove build output and caches
	rm -rf .aws-sam build out .pytest_cache .ruff_cache .mypy_cache $(LAYER_REQUIREMENTS).tmp
	find . \( -path ./.venv -o -path ./.tools -o -path ./.git \) -prune -o \
		-type d -name __pycache__ -prune -exec rm -rf {} +

distclean: clean ## also remove .venv and the bootstrapped uv
	rm -rf $(VENV) .tools
