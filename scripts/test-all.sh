#!/usr/bin/env bash
# The whole test suite: build the resolver wasm and the CLI bundle, type-check, check the one-way layering of
# src/lib, unit tests (vitest, Node), fuzzing (vitest + fast-check, test/fuzz), build the app, browser tests
# (Playwright, Debian chromium). Prints each runner's own summary and a total.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CI="${CI:-}"
mkdir -p test/.cache/reports && rm -f test/.cache/reports/*.json
status=0
step() { echo; echo "=== $*"; }

step "build:wasm"
npm run -s build:wasm || exit 1

step "build:cli"
npm run -s build:cli || exit 1

step "type check (tsc, svelte-check)"
typecheck=passed
npm run -s check || { status=1; typecheck=failed; }

step "layering (src/lib domains import each other one way)"
layering=passed
node ../shared/tools/layering.mjs || { status=1; layering=failed; }

step "unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test/.cache/reports/vitest.json || status=1

# A fixed seed keeps the suite's verdict reproducible; explore new inputs with `npm run fuzz -- --cases N`
# (random seed) and turn what it finds into unit regressions. AZL_FUZZ_SEED overrides.
step "fuzzing (fast-check, 2000 cases per target, seed ${AZL_FUZZ_SEED:-20261204})"
npm run -s fuzz -- --cases 2000 --seed "${AZL_FUZZ_SEED:-20261204}" --reporter=default --reporter=json --outputFile.json=test/.cache/reports/fuzz.json || status=1

step "app build (vite)"
npx vite build --logLevel warn || exit 1

step "browser tests (playwright, chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test/.cache/reports/playwright.json npx playwright test --reporter=list,json || status=1

step "summary"
TYPECHECK="$typecheck" LAYERING="$layering" node scripts/summarize-tests.mjs test/.cache/reports/vitest.json test/.cache/reports/playwright.json test/.cache/reports/fuzz.json || status=1
exit $status
