import { z } from "zod";
import type { Database } from "@/prisma/store/database";
import type { JobRecord } from "@/prisma/store/job";
import type { Actor, UseCaseScope } from "../actor";

/** The person (or key) who started a job, as its stored input keeps them: the job's work runs as them. */
export const storedJobActor = z.object({
  kind: z.enum(["USER", "API_KEY"]),
  id: z.string(),
  tenantId: z.string(),
  role: z.enum(["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR", "BORROWER"]),
  name: z.string(),
  email: z.string().nullable(),
  borrowerId: z.string().nullable(),
  scopes: z.array(z.enum(["READ", "WRITE"])),
  apiKeyHash: z.string().nullable(),
});

/** An actor as a job's input stores it. */
export function storeJobActor(actor: Actor): z.infer<typeof storedJobActor> {
  return { kind: actor.kind, id: actor.id, tenantId: actor.tenantId, role: actor.role, name: actor.name, email: actor.email, borrowerId: actor.borrowerId, scopes: actor.scopes, apiKeyHash: actor.apiKeyHash ?? null };
}

/** The scope a job's work runs in: the person who started it, at the worker's clock, the job as its request. */
export function jobScope(database: Pick<Database, "db">, job: JobRecord, actor: Actor, now: Date): UseCaseScope {
  return { db: database.db, actor, now, request: { id: `job:${job.id}`, ipAddress: null } };
}
