import { z } from "zod";
import { borrowerContextSchema, signalBundleSchema } from "./signal-schema";

/**
 * The JSON Schema (draft 2020-12) of a signal bundle, generated from the zod schema with zod 4's
 * `z.toJSONSchema`, with the borrower context under `$defs.BorrowerContext`. Committed as
 * docs/signal-schema.json (regenerate with `npx tsx scoring/eval/write-docs.ts`; a test fails when stale).
 * Cross-record rules (one currency, account references, unique ids) are enforced by `parseSignals` only.
 */
export function buildSignalJsonSchema(): Record<string, unknown> {
  const bundle = z.toJSONSchema(signalBundleSchema) as Record<string, unknown>;
  const context = z.toJSONSchema(borrowerContextSchema) as Record<string, unknown>;
  delete context.$schema;
  return {
    $schema: bundle.$schema,
    $id: "https://microtrust.dev/schemas/signal-bundle.json",
    title: "MicroTrust signal bundle",
    description:
      "One borrower's alternative-data signals. Amounts are decimal numbers in major currency units; one ISO 4217 currency per bundle (bills and loans are read in the transactions' currency). Dates are YYYY-MM-DD (00:00 UTC); instants are ISO 8601 date-times with an offset.",
    ...Object.fromEntries(Object.entries(bundle).filter(([key]) => key !== "$schema")),
    $defs: { BorrowerContext: { title: "Cross-borrower context, passed beside the bundle", ...context } },
  };
}

/** The committed text of docs/signal-schema.json: 2-space JSON and a final newline. */
export function renderSignalJsonSchema(): string {
  return `${JSON.stringify(buildSignalJsonSchema(), null, 2)}\n`;
}
