// The demo's loan book is imported once, through the import job, as the demo admin; a second start imports nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLoanBookImportReport } from "@/core/loan-book/import-loan-book";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { seedDemo, type SeedDependencies } from "../seed/seed-demo";
import { demoLoanBookDirectory, importDemoLoanBook } from "./import-demo-loan-book";

process.env.MICROTRUST_ID_HASH_KEY ??= "demo-book-test-id-hash-key";
const dependencies: SeedDependencies = {
  hashPassword: async (password) => `test-hash:${password}`,
  protectNationalId: (type, nationalId) => ({ nationalIdHash: `${type}:${nationalId}`.padEnd(64, "0"), nationalIdLast4: nationalId.slice(-4) }),
};
const BORROWERS = 12;

describe("the demo loan book", () => {
  let database: TestDatabase;
  let tenantId: string;
  let directory: string;
  beforeAll(async () => {
    // The first borrowers of the demo book, with their signals and loans: the same files, cut short to keep the test quick.
    directory = mkdtempSync(join(tmpdir(), "demo-book-"));
    for (const category of ["borrowers", "signals", "loans"]) {
      const lines = readFileSync(join(demoLoanBookDirectory, `${category}.jsonl`), "utf8").trimEnd().split("\n");
      writeFileSync(join(directory, `${category}.jsonl`), lines.slice(0, BORROWERS).join("\n") + "\n");
    }
    database = await createTestDatabase("pglite");
    ({ tenantId } = await seedDemo(database.db, dependencies));
  }, 300_000);
  afterAll(async () => {
    await database?.destroy();
    rmSync(directory, { recursive: true, force: true });
  });

  it("is imported by an import job started by the demo admin, every row accepted, and only once", async () => {
    const now = new Date("2026-11-02T09:00:00.000Z");
    expect(await importDemoLoanBook(database, tenantId, now, directory)).toBe(BORROWERS);
    const jobs = await database.db.job.findMany({ where: { tenantId } });
    expect(jobs).toHaveLength(1);
    const [job] = jobs;
    expect(job).toMatchObject({ kind: "LOAN_BOOK_IMPORT", state: "SUCCEEDED", startedByName: "Amina Otieno", total: BORROWERS });
    const report = readLoanBookImportReport(job.result);
    expect(report.rowsAccepted).toEqual({ borrowers: BORROWERS, accounts: 0, signals: BORROWERS, loans: BORROWERS });
    expect(report.refusalCount).toBe(0);
    expect(await database.db.historicalLoan.count({ where: { tenantId } })).toBe(BORROWERS);

    expect(await importDemoLoanBook(database, tenantId, now, directory)).toBe(0);
    expect(await database.db.job.count({ where: { tenantId } })).toBe(1);
    expect(await database.db.loanBookUpload.count({ where: { tenantId } })).toBe(3);
  }, 300_000);
});
