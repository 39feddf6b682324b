import type { StoreRecord } from "@/scoring/signals/signal-contract";
import type { LinkedAccount } from "../generated/client";
import type { DbClient } from "./database";

export type LinkedAccountRecord = LinkedAccount;
/** A row to store: the contract's account fields (scoring/signals/signal-contract.ts) and the borrower; the store adds id, tenantId and createdAt. */
export type NewLinkedAccount = StoreRecord<"account"> & { borrowerId: string };

/** Creates the account unless the tenant already links this provider reference (idempotent ingest). */
export function ensureLinkedAccount(db: DbClient, tenantId: string, input: NewLinkedAccount): Promise<LinkedAccountRecord> {
  return db.linkedAccount.upsert({
    where: {
      tenantId_provider_externalReference: { tenantId, provider: input.provider, externalReference: input.externalReference },
    },
    create: { ...input, tenantId },
    update: {},
  });
}

export function listLinkedAccounts(db: DbClient, tenantId: string, borrowerId: string): Promise<LinkedAccountRecord[]> {
  return db.linkedAccount.findMany({ where: { tenantId, borrowerId }, orderBy: [{ openedAt: "asc" }, { id: "asc" }] });
}
