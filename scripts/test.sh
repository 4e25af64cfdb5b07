#!/usr/bin/env bash
# Install the test dependencies into .venv and run every check: ruff, mypy, the content check,
# and the whole test suite on SQLite, then on PostgreSQL when one answers on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"

# axe-core (accessibility checks in the browser tests) comes from npm, pinned in package.json.
if command -v npm >/dev/null 2>&1 && [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm install --no-audit --no-fund --silent >/dev/null
fi

export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff"; ruff check src tests bench; ruff format --check src tests bench
echo "== mypy (strict on core)"; mypy src/strideback/core
echo "== content check"; strideback content check

run_pytest() {
  # pytest exits 5 when it collected no tests: that must fail, not pass silently.
  set +e
  pytest -p no:cacheprovider "$@"
  local rc=$?
  set -e
  if [ "$rc" -eq 5 ]; then echo "pytest collected no tests: failing"; return 1; fi
  return "$rc"
}

# The suite includes tests/api/test_schemathesis.py: schemathesis fuzzes every operation of the
# OpenAPI schema as a runner and as a clinician (STRIDEBACK_FUZZ_EXAMPLES per operation, 12 by
# default) and fails on any 5xx or answer that does not match the schema.
echo "== tests on SQLite"
run_pytest -n "${TEST_WORKERS:-2}" tests

if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  echo "== tests on PostgreSQL"
  DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/strideback}" \
    run_pytest -n "${TEST_WORKERS:-2}" tests
else
  echo "== PostgreSQL not reachable on 127.0.0.1:5432: skipped the PostgreSQL run"
fi
