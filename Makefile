# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test test-fast serve worker lint format bench-pages bench-leads bench-triage bench-wordpress bench-campaigns lock clean

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "pip==26.3"
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

## run: the development site with demo content, logins and the background worker
run: export DEBUG = true
run: $(VENV)/.installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo_content
	$(PY) manage.py load_demo_locations
	$(PY) manage.py load_demo_rules
	$(PY) manage.py load_demo_leads
	$(PY) manage.py load_demo_spend
	$(PY) manage.py create_demo_users
	$(PY) manage.py load_demo_teams
	$(PY) manage.py runserver_with_worker 127.0.0.1:$(PORT)

## test: the whole suite on PostgreSQL (throwaway cluster), then on SQLite
test: export DEBUG = true
test: $(VENV)/.installed
	scripts/run-tests.sh

## test-fast: the edit-test loop: SQLite, no browser tests, one worker per core
test-fast: export DEBUG = true
test-fast: $(VENV)/.installed
	DATABASE_URL="sqlite:///$$(mktemp -d)/test.sqlite3" $(PY) -m pytest -m "not browser" -n auto

## serve: production mode (gunicorn + whitenoise, DEBUG off, PostgreSQL from DATABASE_URL)
serve: $(VENV)/.installed
	@test -n "$$DATABASE_URL" || (echo "serve: set DATABASE_URL (PostgreSQL)"; exit 1)
	DEBUG=false $(PY) manage.py collectstatic --no-input --verbosity 0
	@# With several app servers, migrate once per release and set MIGRATE_ON_START=false.
	[ "$${MIGRATE_ON_START:-true}" = "false" ] || DEBUG=false $(PY) manage.py migrate --no-input
	@# A no-op unless PAGE_CACHE_BACKEND is Django's database cache (then it
	@# creates its table once, whether or not this server migrates).
	DEBUG=false $(PY) manage.py createcachetable
	DEBUG=false $(VENV)/bin/gunicorn clinic.wsgi:application \
		--bind $${BIND:-127.0.0.1:$(PORT)} --workers $${WEB_CONCURRENCY:-3} --preload \
		--access-logfile - --access-logformat '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'

## worker: the background worker on its own (production: run one or more of these)
worker: $(VENV)/.installed
	$(PY) manage.py run_worker

## lint: ruff check, ruff format --check and mypy (every app's services and selectors);
## all three run, so one pass shows every problem, and it fails if any did
lint: $(VENV)/.installed
	@status=0; \
	echo "ruff check ."; $(VENV)/bin/ruff check . || status=1; \
	echo "ruff format --check ."; $(VENV)/bin/ruff format --check . || status=1; \
	echo "mypy"; $(VENV)/bin/mypy || status=1; \
	exit $$status

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench-pages: $(VENV)/.installed
	PG_DURABLE=1 scripts/with-postgres.sh $(PY) -m bench.pages

bench-leads: $(VENV)/.installed
	PG_DURABLE=1 scripts/with-postgres.sh $(PY) -m bench.leads

bench-triage: $(VENV)/.installed
	PG_DURABLE=1 scripts/with-postgres.sh $(PY) -m bench.triage

bench-wordpress: $(VENV)/.installed
	PG_DURABLE=1 scripts/with-postgres.sh $(PY) -m bench.wordpress

## bench-campaigns: the campaign report, a year's spend import and the conversions export at 20,000 leads
bench-campaigns: $(VENV)/.installed
	PG_DURABLE=1 scripts/with-postgres.sh $(PY) -m bench.campaigns

## lock: re-pin requirements.lock from pyproject.toml in a fresh environment
lock:
	rm -rf /tmp/clinic-lock && $(PYTHON) -m venv /tmp/clinic-lock
	/tmp/clinic-lock/bin/pip install --quiet "pip==26.3"
	/tmp/clinic-lock/bin/pip install --quiet ".[dev]"
	@# Building the project's (code-less) wheel leaves its metadata folder here.
	rm -rf clinic.egg-info
	{ sed -n '1,2p' requirements.lock; /tmp/clinic-lock/bin/pip freeze --exclude-editable | grep -v '^clinic' ; } > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media
