#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what the tests need, then runs types,
# lint, format, build, unit (float64), gpu (WebGPU in Node on SwiftShader) and e2e (the built
# app in headless Chromium), and ends with one line "N passed, M failed" counted over every
# test. Exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 FORCE_COLOR=0

started=$SECONDS
# Ends the run early with the closing line CI reads.
give_up() {
  echo "$1"
  echo "0 passed, 1 failed"
  exit 1
}

# Debian's chromium provides the browser for e2e and the SwiftShader Vulkan driver for WebGPU.
if [ ! -x /usr/bin/chromium ] || [ ! -f /usr/lib/chromium/vk_swiftshader_icd.json ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "=== Installing Debian's chromium (browser and SwiftShader Vulkan driver for WebGPU)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } ||
      give_up "apt-get install chromium failed."
    echo "    done in $((SECONDS - started)) s"
  else
    give_up "The tests need Debian's chromium package. Run: sudo apt-get update && sudo apt-get install -y chromium"
  fi
fi

echo "=== npm install"
t_install=$SECONDS
npm install --no-audit --no-fund --loglevel=error || give_up "npm install failed."
echo "    done in $((SECONDS - t_install)) s"

# Fresh artifacts every run; no stale build for e2e to pick up if this build fails.
rm -rf test-results dist
mkdir -p test-results
failed_steps=()
timings=()
step() {
  local name=$1
  shift
  local t0=$SECONDS
  echo "=== $name"
  if ! "$@"; then failed_steps+=("$name"); fi
  timings+=("$name $((SECONDS - t0))s")
}

step types npx tsc -p tsconfig.json --noEmit
step lint npx eslint .
step format npx prettier --check .
step build npx vite build --logLevel warn
# A wall-clock bound per project (seconds), so a hung GPU process can never hold CI past its
# limit: a project that runs out of time leaves no report and counts as failed.
declare -A limit=([unit]=300 [gpu]=480 [e2e]=1200)
for project in unit gpu e2e; do
  step "$project" timeout --kill-after=20 "${limit[$project]}" \
    sh scripts/gpu-env.sh npx vitest run --project "$project" \
    --reporter=default --reporter=json --outputFile.json="test-results/$project.json"
done

echo "=== timings: ${timings[*]}; total $((SECONDS - started))s"
[ ${#failed_steps[@]} -gt 0 ] && echo "failed steps: ${failed_steps[*]}"

# Count every test over the three projects. A check step (types, lint, format, build) that
# failed counts as one failed test, and so does a Vitest run that exited non-zero without a
# failed test (an error outside the tests, no test files) or left no report, so the closing
# line never reads green over a red step. A skipped or todo test counts as failed: tests here
# never skip.
node -e '
  const fs = require("fs");
  const failedSteps = new Set(process.argv.slice(1));
  let passed = 0, failed = 0;
  for (const step of ["types", "lint", "format", "build"]) {
    if (failedSteps.has(step)) failed++;
  }
  for (const p of ["unit", "gpu", "e2e"]) {
    const file = `test-results/${p}.json`;
    if (!fs.existsSync(file)) { failed++; console.log(`${p}: no results (the run crashed or ran out of time)`); continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    if (skipped) console.log(`${p}: ${skipped} skipped or todo tests count as failed`);
    // A file that fails before its tests run (an import that throws) has no failed test.
    const brokenFiles = (r.testResults ?? []).filter(
      (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
    ).length;
    if (brokenFiles) console.log(`${p}: ${brokenFiles} test files failed outside any test`);
    passed += r.numPassedTests;
    failed += r.numFailedTests + skipped + brokenFiles;
    if (failedSteps.has(p) && r.numFailedTests + skipped + brokenFiles === 0) {
      failed++;
      console.log(`${p}: vitest exited non-zero outside any test (see its output above)`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
' "${failed_steps[@]}"
