/**
 * Regenerates the documents derived from code: docs/signal-schema.json (from the zod schema) and
 * docs/features.md (from the feature catalog). Run: `npx tsx scoring/eval/write-docs.ts`.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderFeaturesMarkdown } from "../features/render-feature-docs";
import { renderSignalJsonSchema } from "../signals/signal-json-schema";

const docs = (name: string): string => fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));
writeFileSync(docs("signal-schema.json"), renderSignalJsonSchema());
writeFileSync(docs("features.md"), renderFeaturesMarkdown());
console.log("wrote docs/signal-schema.json and docs/features.md");
