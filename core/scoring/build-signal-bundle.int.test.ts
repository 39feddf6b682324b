import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson, contentHash } from "@/scoring/artifact/canonical-json";
import { parseSignals } from "@/scoring/signals/parse-signals";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { ingestBehaviouralEvents } from "@/prisma/store/behavioural-event";
import { ingestBills } from "@/prisma/store/bill";
import { createBorrower, type NewBorrower } from "@/prisma/store/borrower";
import { ingestBureauRecords } from "@/prisma/store/bureau-record";
import { ensureLinkedAccount } from "@/prisma/store/linked-account";
import { ingestLoanRepayments } from "@/prisma/store/loan-repayment";
import { readScoringSignals, type SignalWindows } from "@/prisma/store/scoring-signals";
import { ensureTenant } from "@/prisma/store/tenant";
import { ingestTransactions } from "@/prisma/store/transaction";
import { buildSignalBundle } from "./build-signal-bundle";

const at = (iso: string): Date => new Date(iso);
// As-of at noon: a bill due on the as-of day is not read (DATE columns are compared by UTC calendar day).
const asOf = at("2026-06-15T12:00:00.000Z");
const dataLifeEnds = at("2025-06-15T12:00:00.000Z");
const window = { after: dataLifeEnds, before: asOf };
const allCategories: SignalWindows = { IDENTITY: window, TRANSACTIONS: window, BILLS: window, LOAN_REPAYMENTS: window, BEHAVIOURAL_EVENTS: window, BUREAU: window };
const applicationsSince = at("2026-05-16T12:00:00.000Z");

function person(externalId: string, nationalIdHash: string): NewBorrower {
  return {
    externalId,
    nationalIdType: "HUDUMA",
    nationalIdHash,
    nationalIdLast4: "1234",
    givenName: "Achieng",
    familyName: "Otieno",
    phone: "+254700000001",
    dateOfBirth: at("1991-02-03T00:00:00Z"),
    simRegisteredAt: at("2018-07-01T08:30:00.250Z"),
    idVerified: true,
    nameMatchesAccounts: null,
    deviceId: "device-7",
  };
}

describe.each(testDatabaseKinds())("readScoringSignals → buildSignalBundle on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let borrowerId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { db } = database;
    const tenant = await ensureTenant(db, { slug: "signals", name: "Signals MFI" });
    const other = await ensureTenant(db, { slug: "elsewhere", name: "Elsewhere SACCO" });
    tenantId = tenant.id;
    const borrower = await createBorrower(db, tenant.id, person("B-1", "a".repeat(64)));
    borrowerId = borrower.id;
    // Same phone in the same tenant (counted) and in another tenant (never counted).
    await createBorrower(db, tenant.id, { ...person("B-2", "b".repeat(64)), deviceId: null });
    const stranger = await createBorrower(db, other.id, person("B-3", "c".repeat(64)));

    const wallet = await ensureLinkedAccount(db, tenant.id, { borrowerId, type: "MOBILE_MONEY", provider: "M-Wallet", externalReference: "w-1", openedAt: at("2024-01-01T00:00:00Z"), verified: true });
    await ensureLinkedAccount(db, tenant.id, { borrowerId, type: "BANK", provider: "Late Bank", externalReference: "b-1", openedAt: at("2026-07-01T00:00:00Z"), verified: false });
    const strangerWallet = await ensureLinkedAccount(db, other.id, { borrowerId: stranger.id, type: "MOBILE_MONEY", provider: "M-Wallet", externalReference: "w-9", openedAt: at("2024-01-01T00:00:00Z"), verified: true });
    const transaction = { borrowerId, accountId: wallet.id, currency: "KES", direction: "CREDIT" as const, category: "SALARY" as const };
    await ingestTransactions(db, tenant.id, [
      { ...transaction, externalId: "t-in", occurredAt: at("2026-01-10T09:15:30.123Z"), amount: "1234.5600", counterparty: "Employer Ltd" },
      { ...transaction, externalId: "t-no-counterparty", occurredAt: at("2026-02-10T00:00:00Z"), amount: "0.1000", counterparty: null, direction: "DEBIT", category: "AIRTIME" },
      { ...transaction, externalId: "t-empty-counterparty", occurredAt: at("2026-03-10T00:00:00Z"), amount: "250", counterparty: "" },
      { ...transaction, externalId: "t-at-as-of", occurredAt: asOf, amount: "1", counterparty: null },
      { ...transaction, externalId: "t-before-data-life", occurredAt: dataLifeEnds, amount: "1", counterparty: null },
    ]);
    await ingestTransactions(db, other.id, [{ ...transaction, borrowerId: stranger.id, accountId: strangerWallet.id, externalId: "t-stranger", occurredAt: at("2026-01-10T00:00:00Z"), amount: "9", counterparty: null }]);
    await ingestBills(db, tenant.id, [
      { borrowerId, externalId: "bill-paid-zero", accountId: null, biller: "City Water", billType: "WATER", dueDate: at("2026-04-01T00:00:00Z"), amountDue: "10.5000", paidAt: at("2026-04-02T10:00:00Z"), amountPaid: "0" },
      { borrowerId, externalId: "bill-unpaid", accountId: wallet.id, biller: "National Power", billType: "ELECTRICITY", dueDate: at("2026-05-01T00:00:00Z"), amountDue: "99.9900", paidAt: null, amountPaid: null },
      { borrowerId, externalId: "bill-due-on-as-of-day", accountId: wallet.id, biller: "National Power", billType: "ELECTRICITY", dueDate: at("2026-06-15T00:00:00Z"), amountDue: "1", paidAt: null, amountPaid: null },
    ]);
    const instalment = { borrowerId, lender: "Good MFI", lenderType: "MFI" as const, principal: "5000", disbursedAt: at("2025-12-01T00:00:00Z"), amountDue: "1250.2500", writtenOffAt: null };
    await ingestLoanRepayments(db, tenant.id, [
      { ...instalment, externalId: "L1#2", loanExternalId: "L1", dueDate: at("2026-02-01T00:00:00Z"), paidAt: null, amountPaid: null },
      { ...instalment, externalId: "L1#1", loanExternalId: "L1", dueDate: at("2026-01-01T00:00:00Z"), paidAt: at("2025-12-30T00:00:00Z"), amountPaid: "1250.25" },
      { ...instalment, externalId: "L0#1", loanExternalId: "L0", lenderType: "DIGITAL_LENDER", lender: "App Loans", principal: "800", dueDate: at("2026-03-01T00:00:00Z"), paidAt: null, amountPaid: null, writtenOffAt: at("2026-05-01T00:00:00Z") },
    ]);
    await ingestBehaviouralEvents(db, tenant.id, [
      { borrowerId, externalId: "e-swap", type: "SIM_SWAP", occurredAt: at("2026-05-20T00:00:00Z"), deviceId: null },
      { borrowerId, externalId: "e-device", type: "DEVICE_CHANGE", occurredAt: at("2026-05-21T00:00:00Z"), deviceId: "device-7" },
    ]);
    const bureau = { borrowerId, bureau: "Metropol", hasFile: true, activeLoans: 1, inquiriesLast6Months: 2 };
    await ingestBureauRecords(db, tenant.id, [
      { ...bureau, externalId: "br-old", reportedAt: at("2026-01-01T00:00:00Z"), worstStatus: "DPD_30_59" },
      { ...bureau, externalId: "br-latest", reportedAt: at("2026-04-01T00:00:00Z"), worstStatus: "CURRENT" },
      { ...bureau, externalId: "br-after-as-of", reportedAt: at("2026-07-01T00:00:00Z"), worstStatus: "WRITTEN_OFF" },
    ]);
  });
  afterAll(() => database.destroy());

  it("reads every consented category inside its window, in the engine's shapes", async () => {
    const { bundle, context } = buildSignalBundle(await readScoringSignals(database.db, tenantId, borrowerId, allCategories, applicationsSince));
    expect(parseSignals(bundle).success).toBe(true);
    expect(bundle.identity).toEqual({ nationalIdType: "HUDUMA", idVerified: true, dateOfBirth: "1991-02-03", phone: "+254700000001", simRegisteredAt: "2018-07-01T08:30:00.250Z" });
    expect(bundle.accounts.map((account) => account.provider)).toEqual(["M-Wallet"]);
    expect(bundle.transactions).toEqual([
      { externalId: "t-in", accountId: bundle.accounts[0].id, occurredAt: "2026-01-10T09:15:30.123Z", amount: 1234.56, currency: "KES", direction: "CREDIT", category: "SALARY", counterparty: "Employer Ltd" },
      { externalId: "t-no-counterparty", accountId: bundle.accounts[0].id, occurredAt: "2026-02-10T00:00:00.000Z", amount: 0.1, currency: "KES", direction: "DEBIT", category: "AIRTIME" },
      { externalId: "t-empty-counterparty", accountId: bundle.accounts[0].id, occurredAt: "2026-03-10T00:00:00.000Z", amount: 250, currency: "KES", direction: "CREDIT", category: "SALARY" },
    ]);
    expect(bundle.bills).toEqual([
      { externalId: "bill-paid-zero", biller: "City Water", billType: "WATER", dueDate: "2026-04-01", amountDue: 10.5, paidAt: "2026-04-02T10:00:00.000Z", amountPaid: 0 },
      { externalId: "bill-unpaid", accountId: bundle.accounts[0].id, biller: "National Power", billType: "ELECTRICITY", dueDate: "2026-05-01", amountDue: 99.99 },
    ]);
    expect(bundle.loans).toEqual([
      { externalId: "L0", lender: "App Loans", lenderType: "DIGITAL_LENDER", principal: 800, disbursedAt: "2025-12-01T00:00:00.000Z", writtenOffAt: "2026-05-01T00:00:00.000Z", instalments: [{ dueDate: "2026-03-01", amountDue: 1250.25 }] },
      {
        externalId: "L1",
        lender: "Good MFI",
        lenderType: "MFI",
        principal: 5000,
        disbursedAt: "2025-12-01T00:00:00.000Z",
        instalments: [
          { dueDate: "2026-01-01", amountDue: 1250.25, paidAt: "2025-12-30T00:00:00.000Z", amountPaid: 1250.25 },
          { dueDate: "2026-02-01", amountDue: 1250.25 },
        ],
      },
    ]);
    expect(bundle.events).toEqual([
      { externalId: "e-swap", type: "SIM_SWAP", occurredAt: "2026-05-20T00:00:00.000Z" },
      { externalId: "e-device", type: "DEVICE_CHANGE", occurredAt: "2026-05-21T00:00:00.000Z", deviceId: "device-7" },
    ]);
    expect(bundle.bureau).toEqual({ hasFile: true, activeLoans: 1, worstStatus: "CURRENT", inquiriesLast6Months: 2, reportedAt: "2026-04-01T00:00:00.000Z" });
    expect(context).toEqual({ borrowersSharingPhone: 1, borrowersSharingDevice: 0, applicationsLast30Days: 0 });
  });

  it("digests the bundle exactly as the engine's contentHash over canonical JSON", async () => {
    const { bundle, bundleSha256 } = buildSignalBundle(await readScoringSignals(database.db, tenantId, borrowerId, allCategories, applicationsSince));
    expect(JSON.stringify(bundle)).toBe(canonicalJson(bundle));
    expect(bundleSha256).toBe(contentHash(bundle));
    expect(bundleSha256).toBe(createHash("sha256").update(canonicalJson(bundle), "utf8").digest("hex"));
  });

  it("reads nothing of a category without a window (no consent covers it)", async () => {
    const none = buildSignalBundle(await readScoringSignals(database.db, tenantId, borrowerId, {}, applicationsSince));
    expect(none.bundle).toEqual({ accounts: [], transactions: [], bills: [], loans: [], events: [] });
    expect(none.context).toBeUndefined();
    const billsOnly = buildSignalBundle(await readScoringSignals(database.db, tenantId, borrowerId, { BILLS: window }, applicationsSince));
    expect(billsOnly.bundle.bills.map((bill) => bill.externalId)).toEqual(["bill-paid-zero", "bill-unpaid"]);
    expect(billsOnly.bundle.accounts).toHaveLength(1);
    expect([billsOnly.bundle.transactions, billsOnly.bundle.loans, billsOnly.bundle.events]).toEqual([[], [], []]);
    expect(billsOnly.bundle.identity).toBeUndefined();
    expect(billsOnly.bundle.bureau).toBeUndefined();
  });

  it("never reads another tenant's rows for the same borrower id", async () => {
    const { db } = database;
    const other = await ensureTenant(db, { slug: "elsewhere", name: "Elsewhere SACCO" });
    const { bundle, context } = buildSignalBundle(await readScoringSignals(db, other.id, borrowerId, allCategories, applicationsSince));
    expect(bundle).toEqual({ accounts: [], transactions: [], bills: [], loans: [], events: [] });
    expect(context).toBeUndefined();
  });

  it("renders a transaction as JSON.stringify writes it, for every string, amount and instant the contract allows", async () => {
    const { db } = database;
    const holder = await createBorrower(db, tenantId, { ...person("B-hostile", "d".repeat(64)), phone: "+254700000999", deviceId: null });
    const account = await ensureLinkedAccount(db, tenantId, { borrowerId: holder.id, type: "BANK", provider: "Hostile Bank", externalReference: "h-1", openedAt: at("2020-01-01T00:00:00Z"), verified: true });
    // Every character JSON escapes (quote, backslash, the named controls and the rest below U+0020), ones it
    // does not (solidus, DEL, U+2028, non-ASCII, astral), and amounts from the smallest to the largest allowed.
    const strings = ['"quoted" \\ back\\slash /', "\b\f\n\r\t", Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join(""), "\u007f del, \u2028 \u2029, é ü ß, 中文, 😀"];
    const amounts = ["0.0001", "0.1", "1", "10", "100.5000", "1234.5678", "0.3", "123456789012345.6789", "999999999999999.9", "999999999999999.9999", "100000000000000", "0.0005"];
    const instants = ["1000-01-01T00:00:00.000Z", "1970-01-01T00:00:00.001Z", "2026-01-31T23:59:59.999Z", "0999-12-31T23:59:59.999Z"];
    const rows = amounts.map((amount, i) => ({
      borrowerId: holder.id,
      accountId: account.id,
      externalId: `hostile-${i}-${strings[i % strings.length]}`,
      occurredAt: at(instants[i % instants.length]),
      amount,
      currency: "KES",
      direction: "DEBIT" as const,
      category: "OTHER" as const,
      counterparty: i % 5 === 4 ? null : strings[(i + 1) % strings.length],
    }));
    await ingestTransactions(db, tenantId, rows);
    const texts = await database.withSqlSession((sql) => sql.query<{ rendered: string }>(`SELECT "engineJson" AS rendered FROM "Transaction" WHERE "borrowerId" = '${holder.id}' ORDER BY "externalId"`));
    expect(texts).toHaveLength(rows.length);
    for (const { rendered } of texts) expect(rendered).toBe(JSON.stringify(JSON.parse(rendered)));
    const all = { after: at("0900-01-01T00:00:00Z"), before: asOf };
    const signals = await readScoringSignals(db, tenantId, holder.id, { TRANSACTIONS: all }, applicationsSince);
    expect(signals.transactionsJson).toBe(JSON.stringify(signals.transactions));
    expect(signals.transactions.map((row) => row.amount).sort((a, b) => a - b)).toEqual(amounts.map(Number).sort((a, b) => a - b));
    expect(new Set(signals.transactions.map((row) => row.occurredAt))).toEqual(new Set(instants));
    // Rows sharing an instant (three per instant here) come in externalId order, as the database orders them.
    const ordered = await database.withSqlSession((sql) => sql.query<{ externalId: string }>(`SELECT "externalId" FROM "Transaction" WHERE "borrowerId" = '${holder.id}' ORDER BY "occurredAt", "externalId"`));
    expect(signals.transactions.map((row) => row.externalId)).toEqual(ordered.map((row) => row.externalId));
    const byExternalId = new Map(signals.transactions.map((row) => [row.externalId, row]));
    for (const row of rows) expect(byExternalId.get(row.externalId)?.counterparty).toBe(row.counterparty ?? undefined);
    const { bundle, bundleSha256 } = buildSignalBundle(signals);
    expect(bundleSha256).toBe(contentHash(bundle));
  });

  it("reads a transaction the same whether its row was rendered when written or not, and renders an edited row again", async () => {
    const { db } = database;
    const read = async () => buildSignalBundle(await readScoringSignals(db, tenantId, borrowerId, allCategories, applicationsSince));
    const rendering = () =>
      database.withSqlSession((sql) => sql.query<{ externalId: string; rendered: string | null; expected: string }>(`SELECT "externalId", "engineJson" AS rendered, transaction_engine_json("accountId", amount, category, counterparty, currency, direction, "externalId", "occurredAt") AS expected FROM "Transaction" WHERE "externalId" LIKE 't-%' ORDER BY "externalId"`));
    const written = await read();
    // Every row written through the store was rendered by the trigger, as the function renders it.
    const rows = await rendering();
    expect(rows.length).toBe(6);
    for (const row of rows) expect(row.rendered).toBe(row.expected);
    // Rows without their rendered text (written with triggers disabled) are read through the same function.
    await database.withSqlSession((sql) => sql.executeScript(`SET session_replication_role = replica; UPDATE "Transaction" SET "engineJson" = NULL; SET session_replication_role = origin;`));
    expect((await rendering()).every((row) => row.rendered === null)).toBe(true);
    const unrendered = await read();
    expect(unrendered.bundle).toEqual(written.bundle);
    expect(unrendered.bundleSha256).toBe(written.bundleSha256);
    // An edit renders the row again: the read sees the new value, escaped.
    await db.$executeRaw`UPDATE "Transaction" SET counterparty = ${'Employer "Two" Ltd'} WHERE "tenantId" = ${tenantId} AND "externalId" = 't-in'`;
    const edited = await read();
    expect(edited.bundle.transactions[0]).toEqual({ ...written.bundle.transactions[0], counterparty: 'Employer "Two" Ltd' });
    expect((await rendering()).find((row) => row.externalId === "t-in")?.rendered).toContain('"Employer \\"Two\\" Ltd"');
    await db.$executeRaw`UPDATE "Transaction" SET counterparty = 'Employer Ltd' WHERE "tenantId" = ${tenantId} AND "externalId" = 't-in'`;
  });
});
