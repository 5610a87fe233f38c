#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what the tests need, then runs types,
# lint, unit (float64), gpu (WebGPU in Node on SwiftShader) and e2e (built app in headless
# Chromium), and ends with one line "N passed, M failed" counted over every test.
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 FORCE_COLOR=0

# Debian's chromium provides the browser for e2e and the SwiftShader Vulkan driver for WebGPU.
if [ ! -x /usr/bin/chromium ] || [ ! -f /usr/lib/chromium/vk_swiftshader_icd.json ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium (browser and SwiftShader Vulkan driver for WebGPU)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null ||
      { echo "apt-get install chromium failed"; exit 1; }
  else
    echo "The tests need Debian's chromium package. Run: sudo apt-get update && sudo apt-get install -y chromium"
    exit 1
  fi
fi

npm install --no-audit --no-fund --loglevel=error || { echo "npm install failed"; exit 1; }

mkdir -p test-results
failed_steps=()
step() {
  local name=$1; shift
  echo "=== $name"
  if ! "$@"; then failed_steps+=("$name"); fi
}

step types npx tsc -p tsconfig.json --noEmit
step lint npx eslint .
step format npx prettier --check .
step build npx vite build --logLevel warn
for project in unit gpu e2e; do
  step "$project" sh scripts/gpu-env.sh npx vitest run --project "$project" \
    --reporter=default --reporter=json --outputFile.json="test-results/$project.json"
done

# Count every test over the three projects; a check step (types, lint, format, build) that
# failed counts as one failed test so the closing line never reads green over a red step.
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const p of ["unit", "gpu", "e2e"]) {
    const file = `test-results/${p}.json`;
    if (!fs.existsSync(file)) { failed++; console.log(`${p}: no results (the run crashed)`); continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests;
  }
  const checkFailures = Number(process.argv[1]);
  failed += checkFailures;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
' "$(printf '%s\n' "${failed_steps[@]}" | grep -cE '^(types|lint|format|build)$')"
status=$?
[ ${#failed_steps[@]} -gt 0 ] && echo "failed steps: ${failed_steps[*]}"
exit $status
