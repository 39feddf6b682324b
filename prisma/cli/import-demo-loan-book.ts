// The demo's loan book: the example book of docs/loan-book-import.md (480 synthetic borrowers, one past loan
// each, 72 defaults), imported into the demo tenant once, through the import path a lender uses — uploaded
// files and a LOAN_BOOK_IMPORT job run by the import's own handler — so that on first start an admin can train a
// challenger from it (Models → Train a model) without bringing a book.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { UseCaseScope } from "@/core/actor";
import { JobQueue } from "@/core/jobs/job-queue";
import { runLoanBookImport, startLoanBookImport, uploadLoanBookFile } from "@/core/loan-book/import-loan-book";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import { demoUsers } from "../seed/demo-accounts";
import type { Database } from "../store/database";
import { findJobByIdempotencyKey } from "../store/job";
import { findUserByEmail } from "../store/user";

/** Where the demo book's files are, from the repository's root (the directory `npm start` runs in). */
export const demoLoanBookDirectory = "docs/examples/loan-book";
const categories = ["borrowers", "signals", "loans"] as const;
/** The import's idempotency key: a second start finds the first job instead of importing again. */
const DEMO_IMPORT_KEY = "demo-loan-book";

/**
 * Imports the demo book as the demo admin, once: nothing is done when the tenant already has the demo import
 * (a re-run) or the admin is missing. The job is queued like any import (a worker that later receives it finds
 * it finished and does nothing) and run here to its end, so the app starts with the book in place. Returns the
 * borrowers imported now. `directory` is the book's (tests import a smaller book).
 */
export async function importDemoLoanBook(database: Database, tenantId: string, now: Date, directory: string = demoLoanBookDirectory): Promise<number> {
  const { db } = database;
  if (await findJobByIdempotencyKey(db, tenantId, DEMO_IMPORT_KEY)) return 0;
  const adminEmail = demoUsers.find((user) => user.role === "ADMIN")?.email;
  const admin = adminEmail ? await findUserByEmail(db, adminEmail) : null;
  const caller = admin && admin.tenantId === tenantId ? await resolveSessionCaller(db, { userId: admin.id, tenantId }) : null;
  if (!caller) return 0;
  const scope: UseCaseScope = { db, actor: caller, now, request: { id: "demo-seed", ipAddress: null } };
  const uploadIds: string[] = [];
  for (const category of categories) {
    const fileName = `${category}.jsonl`;
    const upload = await uploadLoanBookFile(scope, { category, fileName, content: readFileSync(join(directory, fileName), "utf8") });
    uploadIds.push(upload.id);
  }
  const queue = new JobQueue(database, undefined, { supervise: false });
  await queue.start();
  try {
    const job = await startLoanBookImport(scope, { uploadIds, idempotencyKey: DEMO_IMPORT_KEY }, queue);
    await runLoanBookImport(database, { tenantId, jobId: job.id }, now);
    return (await findJobByIdempotencyKey(db, tenantId, DEMO_IMPORT_KEY))?.total ?? 0;
  } finally {
    await queue.stop({ graceful: true });
  }
}
