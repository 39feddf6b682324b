// Signals as docs/signals.md says, through the real schema: every example file of docs/examples/signals is
// valid against the signal schema and ingests as the upload form sends it; a plain day stands for the start of
// that day in UTC; bureau records are stored and read by scoring only under a BUREAU consent. On PGlite and
// (when DATABASE_URL is set) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSignalFile, type CsvSignalKind, type SignalBatch } from "@/app/_components/signal-file";
import { ACCOUNT_PLACEHOLDER, readSignalExample, signalExampleFiles, type SignalExampleFile } from "./signal-examples";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
// The fixture sets up a database, a tenant and its admin as every integration test does; what is under test
// (the form's file reading, the examples, the API) reaches data only through GraphQL.
/* eslint-disable no-restricted-imports */
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
/* eslint-enable no-restricted-imports */
import { parseSignals } from "@/scoring/signals/parse-signals";
import type { Caller } from "@/graphql/context";
import { startTestApi, type OperationResult, type TestApi } from "@/graphql/testing/graphql-test-api";

process.env.MICROTRUST_ID_HASH_KEY ??= "test-id-hash-key";

const csvKindOf: Record<SignalExampleFile, CsvSignalKind> = {
  "transactions.csv": "transactions",
  "bills.csv": "bills",
  "loan-instalments.csv": "loanInstalments",
  "events.csv": "events",
  "bureau-records.csv": "bureauRecords",
  "batch.json": "transactions",
};

const INGEST = `mutation ($input: IngestSignalsInput!) { ingestSignals(input: $input) {
  transactions { received stored } bills { received stored } loanInstalments { received stored } events { received stored } bureauRecords { received stored } } }`;

function noErrors(result: OperationResult): Record<string, unknown> {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as Record<string, unknown>;
}

/** The batch as a signal bundle (docs/signal-schema.json) around one account; a bureau record is the bundle's `bureau` without its id and bureau name. */
function asBundle(batch: SignalBatch, accountId: string) {
  const { bureauRecords, ...rest } = batch;
  const drop = <T extends object>(item: T) => Object.fromEntries(Object.entries(item).filter(([, value]) => value !== null && value !== undefined));
  const bureau = bureauRecords.at(-1);
  return {
    accounts: [{ id: accountId, type: "MOBILE_MONEY", provider: "M-Pesa", openedAt: "2020-01-01", verified: true }],
    transactions: rest.transactions.map((item) => ({ ...drop(item), amount: Number(item.amount) })),
    bills: rest.bills.map((item) => ({ ...drop(item), amountDue: Number(item.amountDue), ...(item.amountPaid ? { amountPaid: Number(item.amountPaid) } : {}) })),
    loans: rest.loans.map((loan) => ({
      ...drop(loan),
      principal: Number(loan.principal),
      instalments: loan.instalments.map((instalment) => ({ ...drop(instalment), amountDue: Number(instalment.amountDue), ...(instalment.amountPaid ? { amountPaid: Number(instalment.amountPaid) } : {}) })),
    })),
    events: rest.events.map(drop),
    ...(bureau ? { bureau: { hasFile: bureau.hasFile, activeLoans: bureau.activeLoans, worstStatus: bureau.worstStatus, inquiriesLast6Months: bureau.inquiriesLast6Months, reportedAt: bureau.reportedAt } } : {}),
  };
}

describe.each(testDatabaseKinds())("signals as the docs say on %s", (kind) => {
  let database: TestDatabase;
  let api: TestApi;
  let admin: Caller;
  let borrowerId: string;
  let accountId: string;
  const run = (query: string, variables?: Record<string, unknown>) => api.execute(admin, query, variables);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    api = await startTestApi(database.db);
    const tenant = await ensureTenant(database.db, { slug: "examples", name: "Examples MFI" });
    await registerDefaultScoring(database.db, tenant.id);
    const user = await createUser(database.db, tenant.id, { email: "admin@examples.test", name: "Examples Admin", role: "ADMIN", passwordHash: "x" });
    admin = (await resolveSessionCaller(database.db, { userId: user.id, tenantId: tenant.id })) as Caller;
    const created = noErrors(
      await run("mutation ($input: CreateBorrowerInput!) { createBorrower(input: $input) { id } }", {
        input: { externalId: "EX-1", nationalIdType: "HUDUMA", nationalId: "EX000001", givenName: "Amina", familyName: "Odhiambo", phone: "+254712000777", dateOfBirth: "1991-05-04" },
      }),
    ) as { createBorrower: { id: string } };
    borrowerId = created.createBorrower.id;
    // openedAt as a plain day, as docs/signals.md allows.
    const linked = noErrors(
      await run("mutation ($input: LinkAccountInput!) { linkAccount(input: $input) { id openedAt } }", { input: { borrowerId, type: "MOBILE_MONEY", provider: "M-Pesa", externalReference: "0712000777", openedAt: "2020-01-15", verified: true } }),
    ) as { linkAccount: { id: string; openedAt: string } };
    accountId = linked.linkAccount.id;
    expect(linked.linkAccount.openedAt).toBe("2020-01-15T00:00:00.000Z");
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await database?.destroy();
  });

  it.each(signalExampleFiles)("%s is valid against the signal schema and ingests as the upload form sends it", async (file) => {
    const text = await readSignalExample(file, accountId);
    expect(text).not.toContain(ACCOUNT_PLACEHOLDER);
    const read = readSignalFile(file, text, csvKindOf[file]);
    if (!read.ok) throw new Error(JSON.stringify(read.issues));
    const bundle = parseSignals(asBundle(read.batch, accountId));
    expect(bundle.success, bundle.success ? "" : JSON.stringify(bundle.error.issues)).toBe(true);
    const { ingestSignals: counts } = noErrors(await run(INGEST, { input: { borrowerId, ...read.batch } })) as { ingestSignals: Record<string, { received: number; stored: number }> };
    const instalments = read.batch.loans.reduce((sum, loan) => sum + loan.instalments.length, 0);
    expect(counts).toEqual({
      transactions: { received: read.batch.transactions.length, stored: read.batch.transactions.length },
      bills: { received: read.batch.bills.length, stored: read.batch.bills.length },
      loanInstalments: { received: instalments, stored: instalments },
      events: { received: read.batch.events.length, stored: read.batch.events.length },
      bureauRecords: { received: read.batch.bureauRecords.length, stored: read.batch.bureauRecords.length },
    });
    expect(Object.values(counts).reduce((sum, count) => sum + count.stored, 0)).toBeGreaterThan(0);
  });

  it("reads a plain-day disbursedAt, paidAt and reportedAt as the start of that day in UTC", async () => {
    const loan = await database.db.loanRepayment.findFirstOrThrow({ where: { borrowerId, loanExternalId: "example-loan-1", dueDate: new Date("2026-04-01") } });
    expect(loan.disbursedAt.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(loan.paidAt?.toISOString()).toBe("2026-03-30T00:00:00.000Z");
    const bureau = await database.db.bureauRecord.findFirstOrThrow({ where: { borrowerId, externalId: "example-bureau-1" } });
    expect(bureau.reportedAt.toISOString()).toBe("2026-06-30T00:00:00.000Z");
  });

  it("refuses a day that does not exist and a day with a time but no zone, naming each value", async () => {
    const loan = { externalId: "bad-loan", lender: "Faulu", lenderType: "MFI", principal: "100", instalments: [{ dueDate: "2026-04-01", amountDue: "100" }] };
    const result = await run(INGEST, { input: { borrowerId, loans: [{ ...loan, disbursedAt: "2026-02-30" }, { ...loan, externalId: "bad-loan-2", disbursedAt: "2026-03-01T10:00:00" }] } });
    expect(result.errors?.map((error) => error.extensions?.field)).toEqual(["input.loans[0].disbursedAt", "input.loans[1].disbursedAt"]);
    expect(result.errors?.[0].message).toContain("DateOrDateTime: expected a real calendar day YYYY-MM-DD (read as 00:00 UTC) or an ISO-8601 instant");
  });

  it("names every invalid bureau record and stores none; refuses another borrower's bureau record id", async () => {
    const record = { externalId: "bureau-x", bureau: "Metropol", reportedAt: "2026-07-01", hasFile: true, activeLoans: 1, worstStatus: "CURRENT", inquiriesLast6Months: 0 };
    const invalid = await run(INGEST, { input: { borrowerId, bureauRecords: [{ ...record, activeLoans: -1 }, { ...record, externalId: "bureau-y", hasFile: false, worstStatus: "DPD_30_59" }, { ...record, externalId: "bureau-z", reportedAt: "2099-01-01" }] } });
    expect(invalid.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      issues: [
        { field: "bureauRecords[0].activeLoans", message: "a whole number from 0 to 1000" },
        { field: "bureauRecords[1].hasFile", message: expect.stringContaining("with no file, activeLoans is 0 and worstStatus CURRENT") },
        { field: "bureauRecords[2].reportedAt", message: "cannot be in the future" },
      ],
    });
    expect(await database.db.bureauRecord.count({ where: { externalId: { in: ["bureau-x", "bureau-y", "bureau-z"] } } })).toBe(0);
    const other = noErrors(
      await run("mutation ($input: CreateBorrowerInput!) { createBorrower(input: $input) { id } }", {
        input: { externalId: "EX-2", nationalIdType: "HUDUMA", nationalId: "EX000002", givenName: "Baraka", familyName: "Mwangi", phone: "+254712000778", dateOfBirth: "1988-02-01" },
      }),
    ) as { createBorrower: { id: string } };
    const clash = await run(INGEST, { input: { borrowerId: other.createBorrower.id, bureauRecords: [{ ...record, externalId: "example-bureau-1" }] } });
    expect(clash.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", issues: [{ field: "bureauRecords[0].externalId" }] });
  });

  it("scores with the latest bureau record only under a BUREAU consent", async () => {
    const grant = async (dataCategories: string[]) => {
      const { consents } = noErrors(await run("query ($id: ID!) { consents(borrowerId: $id) { id status } }", { id: borrowerId })) as { consents: { id: string; status: string }[] };
      for (const consent of consents.filter((c) => c.status === "ACTIVE")) noErrors(await run("mutation ($id: ID!) { revokeConsent(id: $id) { status } }", { id: consent.id }));
      noErrors(
        await run("mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }", {
          input: { borrowerId, purpose: "LOAN_UNDERWRITING", dataCategories, statement: "I allow Examples MFI to read my records to assess this loan.", validFrom: "2026-01-01T00:00:00Z", expiresAt: new Date(Date.now() + 86_400_000 * 365).toISOString(), dataLifeDays: 3650 },
        }),
      );
    };
    const inquiries = async () => {
      const { calculateScore } = noErrors(
        await run("mutation ($input: CalculateScoreInput!) { calculateScore(input: $input) { dataCategoriesRead contributions { feature value } } }", { input: { borrowerId, purpose: "LOAN_UNDERWRITING", requestedAmount: "10000", requestedTenorDays: 90 } }),
      ) as { calculateScore: { dataCategoriesRead: string[]; contributions: { feature: string; value: number | null }[] } };
      return { categories: calculateScore.dataCategoriesRead, value: calculateScore.contributions.find((c) => c.feature === "bureauInquiries6m")?.value };
    };
    await grant(["IDENTITY", "TRANSACTIONS", "BILLS", "LOAN_REPAYMENTS", "BEHAVIOURAL_EVENTS", "BUREAU"]);
    // batch.json's record (reported 2026-08-01, 1 enquiry) is later than bureau-records.csv's (2026-06-30, 2).
    expect(await inquiries()).toEqual({ categories: expect.arrayContaining(["BUREAU"]), value: 1 });
    await grant(["IDENTITY", "TRANSACTIONS", "BILLS", "LOAN_REPAYMENTS", "BEHAVIOURAL_EVENTS"]);
    const without = await inquiries();
    expect(without.categories).not.toContain("BUREAU");
    expect(without.value).not.toBe(1);
  });
});
