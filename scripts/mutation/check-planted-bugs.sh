#!/usr/bin/env bash
# Re-plants, one at a time, the one-character bugs of issue 14 (engine half) and checks that the engine's
# unit tests fail on each. Works on a scratch copy of the working tree, so the checkout is never touched.
#   scripts/mutation/check-planted-bugs.sh          (about 15 s per bug on two cores)
# Exit status 0 when the baseline passes and every planted bug makes a test fail.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
scratch=$(mktemp -d /tmp/planted-bugs.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
rsync -a --exclude /node_modules --exclude /.git --exclude /.next --exclude /.data --exclude /.stryker-tmp --exclude /reports \
  --exclude /app --exclude /e2e --exclude /graphql --exclude /prisma --exclude /core ./ "$scratch/"
ln -s "$repo/node_modules" "$scratch/node_modules"
cd "$scratch"

run_tests() { npx vitest run --config scripts/mutation/vitest.config.mts >"$scratch/last-run.log" 2>&1; }

# name | file | perl substitution (applied to the whole file; must change it)
bugs=(
  "ensemble: first member skipped in rawRowProbability|scoring/ensemble/fitted-ensemble.ts|s/for \(let k = 0; k < this\.members\.length; k\+\+\) raw \+=/for (let k = 1; k < this.members.length; k++) raw +=/"
  "ensemble: first member skipped in predictProba|scoring/ensemble/fitted-ensemble.ts|s/for \(let k = 0; k < memberProba\.length; k\+\+\)/for (let k = 1; k < memberProba.length; k++)/"
  "ensemble: first member skipped in explainRowDetailed|scoring/ensemble/fitted-ensemble.ts|s/for \(let k = 0; k < this\.members\.length; k\+\+\) \{/for (let k = 1; k < this.members.length; k++) {/"
  "ensemble: last member skipped in all three loops|scoring/ensemble/fitted-ensemble.ts|s/k < this\.members\.length; k\+\+/k < this.members.length - 1; k++/g; s/k < memberProba\.length; k\+\+/k < memberProba.length - 1; k++/"
  "features: 90-day inflow window day < 90 → day <= 90|scoring/features/compute-features.ts|s/if \(day < 90\) recent\.inflow90/if (day <= 90) recent.inflow90/"
  "features: SIM swap age <= 30 → age < 30|scoring/features/compute-features.ts|s/SIM_SWAP\" && age <= 30/SIM_SWAP\" && age < 30/"
  "decision: reject threshold < → <=|scoring/decision/evaluate-decision.ts|s/decisionScore < thresholds\.rejectBelowScore/decisionScore <= thresholds.rejectBelowScore/"
  "decision: limit Math.floor → Math.round|scoring/decision/evaluate-decision.ts|s/Math\.floor\(capped/Math.round(capped/"
  "decision: approval threshold >= → >|scoring/decision/evaluate-decision.ts|s/decisionScore >= thresholds\.approveMinScore && review/decisionScore > thresholds.approveMinScore \&\& review/"
  "decision: PD band <= → <|scoring/decision/evaluate-decision.ts|s/input\.probabilityOfDefault <= b\.maxProbabilityOfDefault/input.probabilityOfDefault < b.maxProbabilityOfDefault/"
  "decision: days past due >= → >|scoring/decision/evaluate-decision.ts|s/maxDaysPastDueElsewhere >= hardRules/maxDaysPastDueElsewhere > hardRules/"
  "decision: minimum limit < → <=|scoring/decision/evaluate-decision.ts|s/limit < affordability\.minLimit/limit <= affordability.minLimit/"
  "decision: volatile income > → >=|scoring/decision/evaluate-decision.ts|s/incomeCoefficientOfVariation > affordability\.volatileIncomeCoefficientOfVariation/incomeCoefficientOfVariation >= affordability.volatileIncomeCoefficientOfVariation/"
)

echo "baseline (no bug planted)…"
if ! run_tests; then echo "the baseline fails; fix that first:"; tail -30 "$scratch/last-run.log"; exit 2; fi

missed=0
printf '%-62s %s\n' "planted bug" "result"
for bug in "${bugs[@]}"; do
  IFS='|' read -r name file substitution <<<"$bug"
  cp "$file" "$file.orig"
  perl -pi -e "$substitution" "$file"
  if cmp -s "$file" "$file.orig"; then
    printf '%-62s %s\n' "$name" "NOT PLANTED (the code moved? update the pattern)"; missed=1
  elif run_tests; then
    printf '%-62s %s\n' "$name" "MISSED: every test passed"; missed=1
  else
    plain=$(sed -E 's/\x1b\[[0-9;]*m//g' "$scratch/last-run.log")
    failed=$(grep -oE 'Tests +[0-9]+ failed' <<<"$plain" | grep -oE '[0-9]+' || echo "?")
    files=$(grep -oE 'FAIL +scoring/[^ ]+\.test\.ts' <<<"$plain" | sed -E 's/FAIL +scoring\///' | sort -u | paste -sd, - || true)
    printf '%-62s %s\n' "$name" "caught: $failed failing test(s) in $files"
  fi
  mv "$file.orig" "$file"
done
exit $missed
