// The files of a loan-book import, stored in the database until the import job reads them: any worker on
// any machine can run the job (no local disk is shared between processes).
import type { LoanBookUpload } from "../generated/client";
import type { Db, DbClient } from "./database";

export type LoanBookUploadRecord = LoanBookUpload;
export type LoanBookUploadSummary = Omit<LoanBookUpload, "content">;

export interface NewLoanBookUpload {
  category: string;
  fileName: string;
  content: string;
  sha256: string;
  sizeBytes: number;
  uploadedBy: string;
  createdAt: Date;
}

const summaryFields = { id: true, tenantId: true, jobId: true, category: true, fileName: true, sha256: true, sizeBytes: true, uploadedBy: true, createdAt: true } as const;

export function insertLoanBookUpload(db: DbClient, tenantId: string, upload: NewLoanBookUpload): Promise<LoanBookUploadSummary> {
  return db.loanBookUpload.create({ data: { ...upload, tenantId }, select: summaryFields });
}

/** The uploads with these ids that are the tenant's and not yet attached to an import. */
export function findUnattachedUploads(db: DbClient, tenantId: string, ids: readonly string[]): Promise<LoanBookUploadSummary[]> {
  return db.loanBookUpload.findMany({ where: { tenantId, id: { in: [...ids] }, jobId: null }, select: summaryFields });
}

export async function attachUploadsToJob(tx: DbClient, tenantId: string, ids: readonly string[], jobId: string): Promise<number> {
  const { count } = await tx.loanBookUpload.updateMany({ where: { tenantId, id: { in: [...ids] }, jobId: null }, data: { jobId } });
  return count;
}

/** An import's files with their content, in category then name order. */
export function listJobUploads(db: Db, tenantId: string, jobId: string): Promise<LoanBookUploadRecord[]> {
  return db.loanBookUpload.findMany({ where: { tenantId, jobId }, orderBy: [{ category: "asc" }, { fileName: "asc" }, { id: "asc" }] });
}

/** The closed vocabularies a loan book's rows are checked against (the schema's enums, as value lists). */
export { BehaviouralEventType, BillType, LenderType, LinkedAccountType, NationalIdType, OutcomeStatus, TransactionCategory, TransactionDirection } from "../generated/enums";

/** The reasons recorded on a job's items, in borrower order (an import keeps each borrower's report there). */
export async function listJobItemReasons(db: Db, tenantId: string, jobId: string): Promise<(string | null)[]> {
  const items = await db.jobItem.findMany({ where: { tenantId, jobId }, orderBy: { borrowerId: "asc" }, select: { reason: true } });
  return items.map((item) => item.reason);
}
