// Rows the audit chain vouches for beyond the scorings: each audited change records, in its event's payload,
// the sha256 of the rows it wrote as they were after the change (`payload.records`), so a row edited outside
// the application later — a decision's verdict, an outcome, a consent's revocation, a policy document, a
// user's role, a key's scopes, a proposal's approver — no longer matches the newest event that vouched for it
// (core/verify-audit-chain.ts). Columns that change without an audited change are left out of the hash.
import { contentHash } from "@/scoring/artifact/canonical-json";
import { Prisma } from "../generated/client";
import type { Db, DbTransaction } from "./database";

/** The vouched tables, with the columns their hash leaves out and why. */
export const vouchedRecords = {
  Consent: { delegate: "consent", exclude: [] },
  // sessionVersion rises on every sign-out.
  User: { delegate: "user", exclude: ["sessionVersion"] },
  // lastUsedAt moves on every request the key makes.
  ApiKey: { delegate: "apiKey", exclude: ["lastUsedAt"] },
  // status: activating one version retires the previous in the same audited change (its event names the new
  // one); the document is hashed into documentSha256, which every scoring stores.
  PolicyVersion: { delegate: "policyVersion", exclude: ["status"] },
  // status as for policies; a validation report may be attached once to a version registered without one.
  ModelVersion: { delegate: "modelVersion", exclude: ["status", "report"] },
  CommitteeDecision: { delegate: "committeeDecision", exclude: [] },
  Outcome: { delegate: "outcome", exclude: [] },
  ChangeProposal: { delegate: "changeProposal", exclude: [] },
} as const satisfies Record<string, { delegate: string; exclude: readonly string[] }>;

export type VouchedType = keyof typeof vouchedRecords;

export interface RecordRef {
  type: VouchedType;
  id: string;
}

export interface VouchedRecord extends RecordRef {
  hash: string;
}

export function isVouchedType(type: string): type is VouchedType {
  return Object.hasOwn(vouchedRecords, type);
}

type Row = Record<string, unknown>;
type Delegate = { findMany(args: { where: { tenantId: string; id: { in: string[] } } }): Promise<Row[]> };

/** sha256 of the canonical JSON of the row's columns, less the excluded ones; decimals as their exact text. */
export function hashRecord(type: VouchedType, row: Row): string {
  const excluded = new Set<string>(vouchedRecords[type].exclude);
  const body: Row = {};
  for (const [column, value] of Object.entries(row)) {
    if (!excluded.has(column)) body[column] = Prisma.Decimal.isDecimal(value) ? (value as Prisma.Decimal).toString() : value;
  }
  return contentHash(body);
}

/** The rows of `type` with these ids, hashed; a missing row is absent from the map. */
export async function hashRecords(db: Db | DbTransaction, tenantId: string, type: VouchedType, ids: readonly string[]): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const delegate = (db as unknown as Record<string, Delegate>)[vouchedRecords[type].delegate];
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await delegate.findMany({ where: { tenantId, id: { in: ids.slice(start, start + 500) } } });
    for (const row of rows) hashes.set(row.id as string, hashRecord(type, row));
  }
  return hashes;
}

/** For each row any event vouched for: the hash the newest such event recorded, and that event's seq. */
export async function listVouchedRecords(db: Db, tenantId: string): Promise<(VouchedRecord & { seq: number })[]> {
  return db.$queryRaw<(VouchedRecord & { seq: number })[]>`
    SELECT DISTINCT ON (record->>'type', record->>'id') record->>'type' AS type, record->>'id' AS id, record->>'hash' AS hash, e.seq
    FROM "AuditEvent" e CROSS JOIN LATERAL jsonb_array_elements(e.payload->'records') AS record
    WHERE e."tenantId" = ${tenantId} AND jsonb_typeof(e.payload->'records') = 'array'
    ORDER BY record->>'type', record->>'id', e.seq DESC`;
}
