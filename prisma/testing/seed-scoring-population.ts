// Borrowers ready to score, for integration tests and benchmarks: synthetic borrowers (scoring/synthetic) with
// their signals padded to about `signalsPerBorrower` rows (extra transactions are copies of the borrower's own,
// 1 to 3 hours later, so the 12-month span and mix stay the same) and consents for the purposes asked.
import { generatePopulation } from "@/scoring/synthetic/generate-population";
import { ingestBehaviouralEvents } from "../store/behavioural-event";
import { ingestBills } from "../store/bill";
import { createBorrower } from "../store/borrower";
import { createConsent } from "../store/consent";
import type { Db } from "../store/database";
import { ensureLinkedAccount } from "../store/linked-account";
import { ingestLoanRepayments } from "../store/loan-repayment";
import { ingestTransactions } from "../store/transaction";
import type { ConsentPurpose } from "../store/vocabulary";

const HOUR = 3_600_000;
const ALL_CATEGORIES = ["IDENTITY", "TRANSACTIONS", "BILLS", "LOAN_REPAYMENTS", "BEHAVIOURAL_EVENTS", "BUREAU"] as const;

export interface PopulationOptions {
  borrowers: number;
  signalsPerBorrower: number;
  /** Signals are dated before this instant. */
  asOf: string;
  /** The purposes each borrower consents to (index → purposes), valid from 2020 for a year past `consentsUntil`. */
  purposesOf: (index: number) => readonly ConsentPurpose[];
  consentsUntil: Date;
  seed?: number;
}

export interface SeededBorrower {
  id: string;
  signals: number;
}

/** Seeds `options.borrowers` borrowers into the tenant; returns them in creation order with their signal counts. */
export async function seedScoringPopulation(db: Db, tenantId: string, label: string, options: PopulationOptions): Promise<SeededBorrower[]> {
  const population = generatePopulation({ seed: options.seed ?? 20_261_122, size: options.borrowers * 3 + 10, asOf: options.asOf, market: "KE" })
    .map((borrower) => ({ borrower, signals: borrower.bundle.transactions.length + borrower.bundle.bills.length + borrower.bundle.loans.reduce((n, loan) => n + loan.instalments.length, 0) + borrower.bundle.events.length }))
    .filter((entry) => entry.borrower.bundle.transactions.length > 50)
    .slice(0, options.borrowers);
  if (population.length < options.borrowers) throw new Error(`seedScoringPopulation: the generator gave ${population.length} usable borrowers, ${options.borrowers} asked`);
  const seeded: SeededBorrower[] = [];
  for (const [index, { borrower: synthetic, signals }] of population.entries()) {
    const { bundle } = synthetic;
    const scoped = (id: string): string => `${label}:${synthetic.id}:${id}`;
    const borrower = await createBorrower(db, tenantId, {
      externalId: scoped("b"),
      nationalIdType: bundle.identity?.nationalIdType ?? "HUDUMA",
      nationalIdHash: `${String(index).padStart(8, "0")}${label}${tenantId}`.padEnd(64, "0").slice(0, 64),
      nationalIdLast4: String(index % 10_000).padStart(4, "0"),
      givenName: "Bench",
      familyName: `Borrower ${index}`,
      phone: bundle.identity?.phone ?? `+2547${String(index).padStart(8, "0")}`,
      dateOfBirth: new Date(`${bundle.identity?.dateOfBirth ?? "1990-01-01"}T00:00:00Z`),
      idVerified: bundle.identity?.idVerified ?? false,
    });
    const accounts = new Map<string, string>();
    for (const account of bundle.accounts) {
      const row = await ensureLinkedAccount(db, tenantId, { borrowerId: borrower.id, type: account.type, provider: account.provider, externalReference: scoped(account.id), openedAt: new Date(account.openedAt), verified: account.verified });
      accounts.set(account.id, row.id);
    }
    const copies = Math.max(0, Math.ceil((options.signalsPerBorrower - signals) / bundle.transactions.length));
    const transactions = Array.from({ length: copies + 1 }, (_, copy) =>
      bundle.transactions.map((t) => ({
        borrowerId: borrower.id,
        externalId: scoped(`${t.externalId}#${copy}`),
        accountId: accounts.get(t.accountId) as string,
        occurredAt: new Date(Date.parse(t.occurredAt) + copy * HOUR),
        amount: t.amount.toFixed(2),
        currency: t.currency,
        direction: t.direction,
        category: t.category,
        counterparty: t.counterparty ?? null,
      })),
    )
      .flat()
      .filter((t) => t.occurredAt.getTime() < Date.parse(options.asOf))
      .slice(0, Math.max(bundle.transactions.length, options.signalsPerBorrower - (signals - bundle.transactions.length)));
    await ingestTransactions(db, tenantId, transactions);
    await ingestBills(db, tenantId, bundle.bills.map((b) => ({ borrowerId: borrower.id, externalId: scoped(b.externalId), accountId: b.accountId ? (accounts.get(b.accountId) ?? null) : null, biller: b.biller, billType: b.billType, dueDate: new Date(`${b.dueDate}T00:00:00Z`), amountDue: b.amountDue.toFixed(2), paidAt: b.paidAt ? new Date(b.paidAt) : null, amountPaid: b.amountPaid?.toFixed(2) ?? null })));
    const instalments = bundle.loans.flatMap((loan) => loan.instalments.map((i, k) => ({ borrowerId: borrower.id, externalId: scoped(`${loan.externalId}#${k + 1}`), loanExternalId: scoped(loan.externalId), lender: loan.lender, lenderType: loan.lenderType, principal: loan.principal.toFixed(2), disbursedAt: new Date(loan.disbursedAt), dueDate: new Date(`${i.dueDate}T00:00:00Z`), amountDue: i.amountDue.toFixed(2), paidAt: i.paidAt ? new Date(i.paidAt) : null, amountPaid: i.amountPaid?.toFixed(2) ?? null, writtenOffAt: loan.writtenOffAt ? new Date(loan.writtenOffAt) : null })));
    await ingestLoanRepayments(db, tenantId, instalments);
    await ingestBehaviouralEvents(db, tenantId, bundle.events.map((e) => ({ borrowerId: borrower.id, externalId: scoped(e.externalId), type: e.type, occurredAt: new Date(e.occurredAt), deviceId: e.deviceId ?? null })));
    for (const purpose of options.purposesOf(index)) {
      await createConsent(db, tenantId, { borrowerId: borrower.id, purpose, dataCategories: [...ALL_CATEGORIES], statement: `Consent for ${purpose}.`, validFrom: new Date("2020-01-01T00:00:00Z"), expiresAt: new Date(options.consentsUntil.getTime() + 365 * 24 * HOUR), dataLifeDays: 3650, grantedAt: new Date("2020-01-01T00:00:00Z") });
    }
    seeded.push({ id: borrower.id, signals: transactions.length + bundle.bills.length + instalments.length + bundle.events.length });
  }
  return seeded;
}

/**
 * Grows a seeded population by copying its borrowers `copies` times in SQL (benchmarks of thousands of
 * borrowers with ~1,000 signals each: copying is ~100× faster than generating and ingesting each). Copy k of
 * a row gets id md5(id ‖ k) and its external ids and references suffixed "#k"; phone, national id hash and
 * device are made unique per copy, so no copy looks like a shared-phone or shared-device fraud pattern.
 */
export async function copyScoringPopulation(db: Db, tenantId: string, templateIds: readonly string[], copies: number): Promise<string[]> {
  if (copies < 1 || templateIds.length === 0) return [];
  const ids = templateIds as string[];
  const k = "k::text";
  await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(
        `INSERT INTO "Borrower" (id, "tenantId", "externalId", "nationalIdType", "nationalIdHash", "nationalIdLast4", "givenName", "familyName", phone, "dateOfBirth", "simRegisteredAt", "idVerified", "nameMatchesAccounts", "deviceId", "createdAt")
         SELECT md5(b.id || ${k}), b."tenantId", b."externalId" || '#' || ${k}, b."nationalIdType", md5(b."nationalIdHash" || ${k}) || md5(${k}), b."nationalIdLast4", b."givenName", b."familyName",
           '+2547' || lpad((abs(hashtext(b.id || ${k})) % 100000000)::text, 8, '0'), b."dateOfBirth", b."simRegisteredAt", b."idVerified", b."nameMatchesAccounts", NULL, b."createdAt"
         FROM "Borrower" b, generate_series(1, $3::int) k WHERE b."tenantId" = $1 AND b.id = ANY($2::text[])`,
        tenantId,
        ids,
        copies,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "LinkedAccount" (id, "tenantId", "borrowerId", type, provider, "externalReference", "openedAt", verified, "createdAt")
         SELECT md5(a.id || ${k}), a."tenantId", md5(a."borrowerId" || ${k}), a.type, a.provider, a."externalReference" || '#' || ${k}, a."openedAt", a.verified, a."createdAt"
         FROM "LinkedAccount" a, generate_series(1, $3::int) k WHERE a."tenantId" = $1 AND a."borrowerId" = ANY($2::text[])`,
        tenantId,
        ids,
        copies,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "Transaction" (id, "tenantId", "borrowerId", "externalId", "accountId", "occurredAt", amount, currency, direction, category, counterparty, "createdAt")
         SELECT md5(t.id || ${k}), t."tenantId", md5(t."borrowerId" || ${k}), t."externalId" || '#' || ${k}, md5(t."accountId" || ${k}), t."occurredAt", t.amount, t.currency, t.direction, t.category, t.counterparty, t."createdAt"
         FROM "Transaction" t, generate_series(1, $3::int) k WHERE t."tenantId" = $1 AND t."borrowerId" = ANY($2::text[])`,
        tenantId,
        ids,
        copies,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "Bill" (id, "tenantId", "borrowerId", "externalId", "accountId", biller, "billType", "dueDate", "amountDue", "paidAt", "amountPaid", "createdAt")
         SELECT md5(x.id || ${k}), x."tenantId", md5(x."borrowerId" || ${k}), x."externalId" || '#' || ${k}, CASE WHEN x."accountId" IS NULL THEN NULL ELSE md5(x."accountId" || ${k}) END, x.biller, x."billType", x."dueDate", x."amountDue", x."paidAt", x."amountPaid", x."createdAt"
         FROM "Bill" x, generate_series(1, $3::int) k WHERE x."tenantId" = $1 AND x."borrowerId" = ANY($2::text[])`,
        tenantId,
        ids,
        copies,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "LoanRepayment" (id, "tenantId", "borrowerId", "externalId", "loanExternalId", lender, "lenderType", principal, "disbursedAt", "dueDate", "amountDue", "paidAt", "amountPaid", "writtenOffAt", "createdAt")
         SELECT md5(x.id || ${k}), x."tenantId", md5(x."borrowerId" || ${k}), x."externalId" || '#' || ${k}, x."loanExternalId" || '#' || ${k}, x.lender, x."lenderType", x.principal, x."disbursedAt", x."dueDate", x."amountDue", x."paidAt", x."amountPaid", x."writtenOffAt", x."createdAt"
         FROM "LoanRepayment" x, generate_series(1, $3::int) k WHERE x."tenantId" = $1 AND x."borrowerId" = ANY($2::text[])`,
        tenantId,
        ids,
        copies,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "BehaviouralEvent" (id, "tenantId", "borrowerId", "externalId", type, "occurredAt", "deviceId", "createdAt")
         SELECT md5(x.id || ${k}), x."tenantId", md5(x."borrowerId" || ${k}), x."externalId" || '#' || ${k}, x.type, x."occurredAt", NULL, x."createdAt"
         FROM "BehaviouralEvent" x, generate_series(1, $3::int) k WHERE x."tenantId" = $1 AND x."borrowerId" = ANY($2::text[])`,
        tenantId,
        ids,
        copies,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "Consent" (id, "tenantId", "borrowerId", purpose, "dataCategories", statement, "validFrom", "expiresAt", "dataLifeDays", "grantedAt", "revokedAt", "createdAt")
         SELECT md5(x.id || ${k}), x."tenantId", md5(x."borrowerId" || ${k}), x.purpose, x."dataCategories", x.statement, x."validFrom", x."expiresAt", x."dataLifeDays", x."grantedAt", x."revokedAt", x."createdAt"
         FROM "Consent" x, generate_series(1, $3::int) k WHERE x."tenantId" = $1 AND x."borrowerId" = ANY($2::text[])`,
        tenantId,
        ids,
        copies,
      );
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  const copied = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT md5(id || k::text) AS id FROM unnest($1::text[]) id, generate_series(1, $2::int) k`, ids, copies);
  return copied.map((row) => row.id);
}
