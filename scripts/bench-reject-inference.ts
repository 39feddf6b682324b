/**
 * Reject inference measured on the synthetic population, whose generator knows every applicant's outcome,
 * rejected ones included.
 *
 *   npx tsx scripts/bench-reject-inference.ts [--applicants 8000] [--multiplier 1.5]
 *
 * Through-the-door applicants of population seed 424242 (as of 2026-01-01), each asking 20,000 over 90 days.
 * The default policy with the default model decides each one (assessApplication); its APPROVE share is the
 * approval rate, and only approved applicants have an observed outcome. Applicants with an even index are
 * the development sample, odd ones the evaluation sample (never fitted on). On the development sample:
 *   A. the tenant trainer's engine fitted on the approved only (what a lender can do without correction);
 *   B. parcelling (scoring/reject-inference/parcelling.ts): the rejects scored by A, banded by A's PD deciles
 *      among the approved, drawn bad at the band's approved bad rate × multiplier; the engine refitted on the
 *      approved and the parcelled rejects.
 * Printed: each model's AUC on the whole evaluation sample (every applicant, with its true outcome) with a
 * 95 % stratified bootstrap interval, and B − A with DeLong's paired standard error.
 */
import { readFileSync } from "node:fs";
import { loadArtifact } from "@/scoring/artifact/load-artifact";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { pairedAucDifference } from "@/scoring/ensemble/paired-auc-difference";
import { trainEnsemble } from "@/scoring/ensemble/train-ensemble";
import { computeFeatures } from "@/scoring/features/compute-features";
import type { FeatureVector } from "@/scoring/features/feature-catalog";
import { bootstrapAucInterval, rocAuc } from "@/scoring/metrics/index";
import { assessApplication } from "@/scoring/pipeline/assess-application";
import { parcelRejects } from "@/scoring/reject-inference/parcelling";
import { generateBorrower } from "@/scoring/synthetic/generate-population";
import { tenantEnsembleConfig, trainingMatrix } from "@/scoring/training/train-tenant-model";
import { option } from "./script-helpers";

const POPULATION_SEED = 424_242;
const AS_OF = "2026-01-01T00:00:00Z";
const SEED = 7;
const applicants = Number(option("applicants", "8000"));
const multiplier = Number(option("multiplier", "1.5"));

function main(): void {
  const started = performance.now();
  const defaultModel = loadArtifact(readFileSync("scoring/artifacts/default-model.json", "utf8"));
  const rows: { features: FeatureVector; defaulted: boolean; approved: boolean }[] = [];
  for (let i = 0; i < applicants; i++) {
    const borrower = generateBorrower({ seed: POPULATION_SEED, asOf: AS_OF }, i);
    const features = computeFeatures(borrower.bundle, borrower.context, AS_OF);
    const { decision } = assessApplication(defaultModel, DEFAULT_DECISION_POLICY, features, { requestedAmount: 20_000, requestedTenorDays: 90 });
    rows.push({ features, defaulted: borrower.defaulted, approved: decision.recommendation === "APPROVE" });
  }
  const approvalRate = rows.filter((r) => r.approved).length / rows.length;
  const development = rows.filter((_, i) => i % 2 === 0);
  const evaluation = rows.filter((_, i) => i % 2 === 1);
  const approved = development.filter((r) => r.approved);
  const rejected = development.filter((r) => !r.approved);
  const label = (list: readonly { defaulted: boolean }[]) => Float64Array.from(list, (r) => (r.defaulted ? 1 : 0));
  const config = tenantEnsembleConfig();
  const modelA = trainEnsemble(config, trainingMatrix(approved), label(approved), { seed: SEED });
  const inferred = parcelRejects(modelA.predictProba(trainingMatrix(approved)), label(approved), modelA.predictProba(trainingMatrix(rejected)), { seed: SEED, badRateMultiplier: multiplier });
  const augmented = [...approved, ...rejected];
  const yAugmented = Float64Array.from([...label(approved), ...inferred]);
  const modelB = trainEnsemble(config, trainingMatrix(augmented), yAugmented, { seed: SEED });

  const y = label(evaluation);
  const x = trainingMatrix(evaluation);
  const pA = modelA.predictProba(x);
  const pB = modelB.predictProba(x);
  const line = (name: string, p: Float64Array) => {
    const ci = bootstrapAucInterval(y, p, { seed: 1, resamples: 1000, level: 0.95 });
    return `${name}: AUC ${rocAuc(y, p).toFixed(4)} [95% CI ${ci.lower.toFixed(3)}, ${ci.upper.toFixed(3)}]`;
  };
  const diff = pairedAucDifference(y, pB, pA);
  console.log(`${applicants} through-the-door applicants; default policy approves ${(approvalRate * 100).toFixed(1)} %; development ${development.length} (${approved.length} approved with outcomes, ${rejected.length} rejected), evaluation ${evaluation.length} (${y.reduce((a, b) => a + b, 0)} true defaults)`);
  console.log(`true default rate: approved ${(label(approved).reduce((a, b) => a + b, 0) / approved.length).toFixed(3)}, rejected ${(label(rejected).reduce((a, b) => a + b, 0) / rejected.length).toFixed(3)} (unknown to a lender); parcelled rejects' inferred rate ${(inferred.reduce((a, b) => a + b, 0) / inferred.length).toFixed(3)} (multiplier ${multiplier})`);
  console.log(`on the whole evaluation population (${evaluation.length} applicants):`);
  console.log(`  ${line("A approved only        ", pA)}`);
  console.log(`  ${line("B parcelling           ", pB)}`);
  console.log(`  B − A: ${diff.difference >= 0 ? "+" : ""}${diff.difference.toFixed(4)} [95% CI ${(diff.difference - 1.96 * diff.standardError).toFixed(4)}, ${(diff.difference + 1.96 * diff.standardError).toFixed(4)}] (DeLong, paired)`);
  console.log(`  ${line("default model (for scale)", defaultModel.predictProba(x))}`);
  console.log(`${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main();
