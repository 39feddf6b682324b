#!/usr/bin/env bash
# Mutation testing one engine module at a time (each with its own incremental file and report), then a
# score per module:   scripts/mutation/run-per-module.sh [decision features ensemble scale explain]
# The core's use cases: scripts/mutation/run-per-module.sh core (or consent scoring replay decisions outcomes).
# Modules and their files: ENGINE_MODULES and CORE_MODULES in stryker.config.mjs. Logs: reports/mutation/<module>.log.
set -uo pipefail
cd "$(dirname "$0")/../.."
modules=("$@")
[ ${#modules[@]} -eq 0 ] && modules=(ensemble decision scale explain features)
[ "${modules[*]}" = "core" ] && modules=(outcomes decisions consent replay scoring)
mkdir -p reports/mutation
for module in "${modules[@]}"; do
  echo "$(date -u +%H:%M:%S) mutation testing: $module"
  MUTATION_MODULES=$module npx stryker run >"reports/mutation/$module.log" 2>&1 || echo "  stryker exited with $? (see reports/mutation/$module.log)"
done
node scripts/mutation/summarise-reports.mjs "${modules[@]}"
