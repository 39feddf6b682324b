/**
 * The CLI's failure contract (issue 13): every failure is one line on stderr and a non-zero exit code,
 * never a stack trace — usage errors, unreadable files, data and models the engine refuses. Runs the real entry point in a child process on tiny generated files.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const directory = mkdtempSync(join(tmpdir(), "microtrust-cli-"));
const file = (name: string, text: string): string => {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
};

function runCli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scoring/cli/main.ts", ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const book = (rows: number, status: (i: number) => string): string =>
  ["amount,revol_util,loan_status", ...Array.from({ length: rows }, (_, i) => `${1000 + ((i * 37) % 500)},${(i * 13) % 100}%,${status(i)}`)].join("\n") + "\n";

describe("npm run scoring: failures", () => {
  it.each([
    ["an unknown command", ["fit"], /^error: unknown command "fit"/],
    ["a missing flag", ["train", "--data", "x.csv"], /^error: train: --target is required/],
    ["an unknown flag", ["predict", "--modle", "m.json"], /^error: predict: Unknown option '--modle'/],
    ["an unreadable file", ["train", "--data", join(directory, "absent.csv"), "--target", "y", "--out", join(directory, "m.json")], /^error: --data: cannot read .*absent\.csv" \(ENOENT\)/],
    ["a text target without --positive", ["train", "--data", file("text-target.csv", book(60, (i) => (i % 4 === 0 ? "Charged Off" : "Fully Paid"))), "--target", "loan_status", "--out", join(directory, "m.json")], /^error \(INVALID_DATA\): parseCsv: target "loan_status" at data row 0 is "Charged Off"/],
    ["a stray text in a numeric column", ["train", "--data", file("stray.csv", book(60, (i) => String(i % 4 === 0 ? 1 : 0)).replace(",13%,", ",unknown,")), "--target", "loan_status", "--out", join(directory, "m.json")], /^error \(INVALID_DATA\): parseCsv: column "revol_util" holds numbers except "unknown"/],
    ["too few defaults for the folds", ["train", "--data", file("few.csv", book(60, (i) => (i === 3 ? "Charged Off" : "Fully Paid"))), "--target", "loan_status", "--positive", "Charged Off", "--out", join(directory, "m.json")], /^error \(INVALID_DATA\): planEnsembleTraining: each class needs/],
    ["a model file that is not a model", ["predict", "--model", file("not-a-model.json", "{}"), "--data", file("rows.csv", "amount\n1\n"), "--out", join(directory, "p.csv")], /^error \(INVALID_ARTIFACT\)/],
  ])("%s: one line on stderr, non-zero exit", (_, args, pattern) => {
    const { status, stderr } = runCli(args);
    expect(status).not.toBe(0);
    expect(status).not.toBeNull();
    const lines = stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("succeeds on the same book with --positive, printing how each column was read", () => {
    const data = file("ok.csv", book(200, (i) => (i % 4 === 0 ? "Charged Off" : "Fully Paid")));
    const { status, stdout, stderr } = runCli(["train", "--data", data, "--target", "loan_status", "--positive", "Charged Off", "--workers", "1", "--out", join(directory, "ok.json")]);
    expect(stderr).not.toMatch(/error/);
    expect(status).toBe(0);
    expect(stdout).toContain('revol_util: number (inferred) — percent 200 cells, "0%" → 0; 0 missing');
  });
});
