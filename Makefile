# The seed's `make deploy-dev`, done by Slipway. `make help` lists the targets.
# SLIPWAY is the checkout's ./slipway here; in a service's repository, point it at the installed bin/slipway.
# (The root slipway.yml configures examples/hello-service inside this checkout: deploying from here tags this
# checkout. `./slipway demo` shows a deployment without touching it.)
SLIPWAY ?= ./slipway
ENV ?= dev
BUMP ?= patch

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.PHONY: help deploy-dev tag rollback status

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 24
	@echo "  variables: SLIPWAY=$(SLIPWAY) ENV=$(ENV) BUMP=$(BUMP) TO=<version for rollback>"

deploy-dev: ## from branch dev: next dev tag, wait for CI's image, roll out, verify, record (rolls back on failure)
	$(SLIPWAY) deploy dev --bump $(BUMP)

tag: ## from branch dev: push the next dev tag only; CI (deploy/ci/dev-tag.yml) builds and deploys it
	@plan=$$($(SLIPWAY) plan dev --bump $(BUMP) --output json); \
	tag=$$(jq -r .plan.tag <<<"$$plan"); \
	git tag -a "$$tag" -m "$$tag"; \
	git push origin "$$tag"; \
	echo "pushed $$tag: CI builds and deploys it"

rollback: ## bring back the previous release of ENV (dev by default), or TO=<version>
	$(SLIPWAY) rollback $(ENV)$(if $(TO), --to $(TO))

status: ## what each environment runs, its health and locks
	$(SLIPWAY) status
