import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";

/** The example files of docs/examples/signals (docs/signals.md), one per category and one JSON batch with them all. */
export const signalExampleFiles = ["transactions.csv", "bills.csv", "loan-instalments.csv", "events.csv", "bureau-records.csv", "batch.json"] as const;
export type SignalExampleFile = (typeof signalExampleFiles)[number];

/** The placeholder the examples carry where a transaction or bill names the borrower's linked account. */
export const ACCOUNT_PLACEHOLDER = "ACCOUNT_ID";

export function isSignalExampleFile(name: string): name is SignalExampleFile {
  return (signalExampleFiles as readonly string[]).includes(name);
}

/** An example file's text, with `accountId` (a linked account's id, when given) in place of the placeholder. */
export async function readSignalExample(name: SignalExampleFile, accountId?: string): Promise<string> {
  const text = await readFile(path.join(process.cwd(), "docs", "examples", "signals", name), "utf8");
  return accountId ? text.replaceAll(ACCOUNT_PLACEHOLDER, accountId) : text;
}
