// `npm run contract:generate`: writes the forms of the signal contract that are not TypeScript (the GraphQL
// signal enums and inputs, the Prisma enums) from scoring/signals/signal-contract.ts. With `--check` it writes
// nothing and exits 1 naming every stale file (run by `npm run codegen:check`, part of `npm test`).
// `--root <dir>` works on another checkout (the generator's test runs it on a copy).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expectedContractFiles } from "./signal-contract/render-contract-forms";

const rootFlag = process.argv.indexOf("--root");
const root = rootFlag > 0 ? path.resolve(process.argv[rootFlag + 1]) : process.cwd();
const read = (file: string): string => (existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), "utf8") : "");
const check = process.argv.includes("--check");
const stale = expectedContractFiles(read).filter((file) => read(file.path) !== file.text);
if (check) {
  if (stale.length > 0) {
    console.error(`signal contract: ${stale.map((file) => file.path).join(", ")} differ from scoring/signals/signal-contract.ts; run \`npm run contract:generate\` (never edit them by hand).`);
    process.exitCode = 1;
  } else console.log("signal contract: generated forms are up to date.");
} else {
  for (const file of stale) writeFileSync(path.join(root, file.path), file.text);
  console.log(stale.length > 0 ? `signal contract: wrote ${stale.map((file) => file.path).join(", ")}` : "signal contract: generated forms are up to date.");
  if (stale.some((file) => file.path.endsWith(".prisma"))) console.log("prisma/schema.prisma changed: run `npm run db:generate`, then `npm run db:migration -- <name>` for a new value.");
}
