import { generatePopulation, type SyntheticBorrower } from "@/scoring/synthetic/generate-population";
import { syntheticName } from "@/scoring/synthetic/synthetic-names";
import { ensureBorrower, type BorrowerRecord } from "../store/borrower";
import { appendAuditEvent } from "../store/audit-event";
import { createConsent, listConsents } from "../store/consent";
import type { Db } from "../store/database";
import { ingestBehaviouralEvents } from "../store/behavioural-event";
import { ingestBills } from "../store/bill";
import { ingestBureauRecords } from "../store/bureau-record";
import { ensureLinkedAccount } from "../store/linked-account";
import { ingestLoanRepayments } from "../store/loan-repayment";
import { ensureTenant } from "../store/tenant";
import { ingestTransactions } from "../store/transaction";
import { createUser, findUserByEmail } from "../store/user";
import { demoConsent, demoPassword, demoPopulation, demoTenant, demoUsers } from "./demo-accounts";
import { registerDefaultScoring } from "./register-default-scoring";

export interface SeedDependencies {
  hashPassword(password: string): Promise<string>;
  /** The keyed hash and last 4 characters of a national id number, as createBorrower stores them. */
  protectNationalId(type: string, nationalId: string): { nationalIdHash: string; nationalIdLast4: string };
}

export interface SeedReport {
  tenantId: string;
  usersCreated: number;
  borrowers: number;
  signalRowsCreated: number;
}


// Each synthetic borrower's identifiers are only unique within that borrower; prefix them with the
// borrower's id so they are unique in the tenant, as ingest requires.
const scoped = (borrower: SyntheticBorrower, externalId: string): string => `${borrower.id}:${externalId}`;
const day = (isoDateOrInstant: string): Date => new Date(isoDateOrInstant.length === 10 ? `${isoDateOrInstant}T00:00:00Z` : isoDateOrInstant);
const optionalDay = (value: string | undefined): Date | null => (value ? day(value) : null);

/**
 * The name of the person a demo login belongs to, as the borrower record must hold it: the demo borrower
 * "Esther Wanjiru" was linked to the first synthetic borrower and saw that borrower's generated name as hers.
 */
function nameOfLogin(login: { name: string }): { givenName: string; familyName: string } {
  const [givenName, ...familyNames] = login.name.split(" ");
  return { givenName, familyName: familyNames.join(" ") };
}

async function seedBorrower(db: Db, tenantId: string, synthetic: SyntheticBorrower, dependencies: SeedDependencies, ownName: { givenName: string; familyName: string } | null): Promise<{ borrower: BorrowerRecord; rows: number }> {
  const identity = synthetic.bundle.identity;
  const nationalIdType = identity?.nationalIdType ?? "OTHER";
  const borrower = await ensureBorrower(db, tenantId, {
    externalId: synthetic.id,
    nationalIdType,
    ...dependencies.protectNationalId(nationalIdType, `DEMO${String(synthetic.index).padStart(8, "0")}`),
    ...syntheticName(demoPopulation.seed, demoPopulation.market, synthetic.index),
    phone: identity?.phone ?? `+2547000${String(synthetic.index).padStart(5, "0")}`,
    dateOfBirth: day(identity?.dateOfBirth ?? "1990-01-01"),
    simRegisteredAt: optionalDay(identity?.simRegisteredAt),
    idVerified: identity?.idVerified ?? false,
    nameMatchesAccounts: identity?.nameMatchesAccounts ?? null,
    ...ownName,
  });
  const accountIds = new Map<string, string>();
  for (const account of synthetic.bundle.accounts) {
    const row = await ensureLinkedAccount(db, tenantId, {
      borrowerId: borrower.id,
      type: account.type,
      provider: account.provider,
      externalReference: scoped(synthetic, account.id),
      openedAt: day(account.openedAt),
      verified: account.verified,
    });
    accountIds.set(account.id, row.id);
  }
  const accountId = (externalAccountId: string): string => {
    const id = accountIds.get(externalAccountId);
    if (!id) throw new Error(`seed: ${synthetic.id} has a signal on unknown account ${externalAccountId}`);
    return id;
  };
  const { bundle } = synthetic;
  let rows = 0;
  rows += await ingestTransactions(
    db,
    tenantId,
    bundle.transactions.map((transaction) => ({
      borrowerId: borrower.id,
      externalId: scoped(synthetic, transaction.externalId),
      accountId: accountId(transaction.accountId),
      occurredAt: day(transaction.occurredAt),
      amount: transaction.amount.toFixed(2),
      currency: transaction.currency,
      direction: transaction.direction,
      category: transaction.category,
      counterparty: transaction.counterparty ?? null,
    })),
  );
  rows += await ingestBills(
    db,
    tenantId,
    bundle.bills.map((bill) => ({
      borrowerId: borrower.id,
      externalId: scoped(synthetic, bill.externalId),
      accountId: bill.accountId ? accountId(bill.accountId) : null,
      biller: bill.biller,
      billType: bill.billType,
      dueDate: day(bill.dueDate),
      amountDue: bill.amountDue.toFixed(2),
      paidAt: optionalDay(bill.paidAt),
      amountPaid: bill.amountPaid?.toFixed(2) ?? null,
    })),
  );
  rows += await ingestLoanRepayments(
    db,
    tenantId,
    bundle.loans.flatMap((loan) =>
      loan.instalments.map((instalment, index) => ({
        borrowerId: borrower.id,
        externalId: scoped(synthetic, `${loan.externalId}#${index + 1}`),
        loanExternalId: scoped(synthetic, loan.externalId),
        lender: loan.lender,
        lenderType: loan.lenderType,
        principal: loan.principal.toFixed(2),
        disbursedAt: day(loan.disbursedAt),
        dueDate: day(instalment.dueDate),
        amountDue: instalment.amountDue.toFixed(2),
        paidAt: optionalDay(instalment.paidAt),
        amountPaid: instalment.amountPaid?.toFixed(2) ?? null,
        writtenOffAt: optionalDay(loan.writtenOffAt),
      })),
    ),
  );
  rows += await ingestBehaviouralEvents(
    db,
    tenantId,
    bundle.events.map((event) => ({
      borrowerId: borrower.id,
      externalId: scoped(synthetic, event.externalId),
      type: event.type,
      occurredAt: day(event.occurredAt),
      deviceId: event.deviceId ?? null,
    })),
  );
  if (bundle.bureau) {
    rows += await ingestBureauRecords(db, tenantId, [
      {
        borrowerId: borrower.id,
        externalId: scoped(synthetic, "bureau"),
        bureau: "Demo Credit Bureau",
        reportedAt: day(bundle.bureau.reportedAt),
        hasFile: bundle.bureau.hasFile,
        activeLoans: bundle.bureau.activeLoans,
        worstStatus: bundle.bureau.worstStatus,
        inquiriesLast6Months: bundle.bureau.inquiriesLast6Months,
      },
    ]);
  }
  // The demo borrowers agreed to underwriting on every category, so the portal can score them at once; three
  // in four also to monitoring, so a portfolio re-scoring has borrowers to score and borrowers to skip.
  if ((await listConsents(db, tenantId, borrower.id)).length === 0) {
    const purposes = synthetic.index % 4 === 3 ? (["LOAN_UNDERWRITING"] as const) : (["LOAN_UNDERWRITING", "MONITORING"] as const);
    for (const purpose of purposes) {
      const consent = await createConsent(db, tenantId, {
        borrowerId: borrower.id,
        purpose,
        dataCategories: ["IDENTITY", "TRANSACTIONS", "BILLS", "LOAN_REPAYMENTS", "BEHAVIOURAL_EVENTS", "BUREAU"],
        statement: purpose === "MONITORING" ? demoConsent.monitoringStatement : demoConsent.statement,
        validFrom: day(demoConsent.validFrom),
        expiresAt: day(demoConsent.expiresAt),
        dataLifeDays: demoConsent.dataLifeDays,
        grantedAt: day(demoConsent.validFrom),
      });
      // Audited like a consent given through the API, so the auditor's timeline finds the seeded ones too.
      await appendAuditEvent(db, tenantId, { actorType: "SYSTEM", actorId: "demo-seed", borrowerId: borrower.id, action: "consent.granted", entityType: "Consent", entityId: consent.id, payload: { purpose, seeded: true }, occurredAt: consent.grantedAt });
    }
  }
  return { borrower, rows };
}

/**
 * Creates the demo tenant, its active model and policy (registerDefaultScoring), one user per role and a
 * synthetic population with its signals (scoring/synthetic). Idempotent: whatever already exists is left exactly as it is, so re-running
 * creates nothing and changes nothing (an edited demo password stays edited).
 */
export async function seedDemo(db: Db, dependencies: SeedDependencies): Promise<SeedReport> {
  const tenant = await ensureTenant(db, demoTenant);
  await registerDefaultScoring(db, tenant.id);
  const population = generatePopulation({ ...demoPopulation });
  let signalRowsCreated = 0;
  const borrowers: BorrowerRecord[] = [];
  const borrowerLogin = demoUsers.find((user) => user.role === "BORROWER");
  for (const synthetic of population) {
    // The first synthetic borrower is the demo borrower login's own record (linked below): it carries her name.
    const { borrower, rows } = await seedBorrower(db, tenant.id, synthetic, dependencies, borrowers.length === 0 && borrowerLogin ? nameOfLogin(borrowerLogin) : null);
    borrowers.push(borrower);
    signalRowsCreated += rows;
  }
  let usersCreated = 0;
  for (const user of demoUsers) {
    if (await findUserByEmail(db, user.email)) continue;
    await createUser(db, tenant.id, {
      ...user,
      passwordHash: await dependencies.hashPassword(demoPassword),
      borrowerId: user.role === "BORROWER" ? borrowers[0].id : null,
    });
    usersCreated += 1;
  }
  return { tenantId: tenant.id, usersCreated, borrowers: borrowers.length, signalRowsCreated };
}
