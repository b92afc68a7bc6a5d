# Two commands do all the set-up on a fresh machine:
#   make run   - virtualenv, install, migrate, demo data if empty, serve http://127.0.0.1:8000
#   make test  - virtualenv, install, run the whole test suite
# Production (docs/deploy.md): make build, then make serve and make worker, and
# make scheduled-jobs from cron.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Leaflet, the maps' library, from the npm registry at the version package-lock.json pins,
# copied into static files (git-ignored): the site serves it itself, from no CDN.
NPM ?= npm
LEAFLET := static/vendor/leaflet/leaflet.js
HOST ?= 127.0.0.1:8000

.PHONY: install build run serve worker scheduled-jobs test lint bench clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

$(LEAFLET): package.json package-lock.json
	$(NPM) ci --ignore-scripts --no-audit --no-fund
	rm -rf static/vendor/leaflet
	mkdir -p static/vendor/leaflet
	cp -R node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map \
		node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images \
		node_modules/leaflet/LICENSE static/vendor/leaflet/
	touch $(LEAFLET)

install: $(STAMP) $(LEAFLET)

# Development runs background tasks (emails) inside the request that queues them, so no
# worker is needed; DJANGO_TASKS=database make run queues them for `make worker` instead.
run: export DJANGO_DEBUG ?= 1
run: export DJANGO_TASKS ?= immediate
run: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Background tasks: $$DJANGO_TASKS (see directory/tasks.py)"
	$(BIN)/python manage.py runserver $(HOST)

# Production build step: dependencies and the static files whitenoise serves.
build: install
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-collectstatic-only} $(BIN)/python manage.py collectstatic --noinput

# Production web server: gunicorn, configured from the environment (directory/gunicorn_conf.py).
serve: build
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/gunicorn --config python:directory.gunicorn_conf directory.wsgi

# The task worker for the database queue (DJANGO_TASKS=database, the default).
worker: $(STAMP)
	$(BIN)/python manage.py db_worker --queue-name default

# Queue the periodic jobs that are due (cron runs this every 5 minutes: docs/deploy.md).
scheduled-jobs: $(STAMP)
	$(BIN)/python manage.py run_scheduled_jobs

test: install
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) var staticfiles node_modules static/vendor
