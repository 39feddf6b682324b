// The queue's wake-ups, on PGlite and (when DATABASE_URL is set) PostgreSQL: a unit queued by one JobQueue is
// run by an idle worker of another at once, not at its next poll, and a worker that finishes a unit takes the
// next queued one at once. The workers here poll once an hour, so a unit reaches them only through a wake-up:
// in-process on the embedded database, NOTIFY/LISTEN on PostgreSQL; and one worker runs the three units sent
// together one after the other only if it looks again after each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { JobQueue, queueNames, type QueueTuning, type UnitData } from "./job-queue";

const hourlyPolls: QueueTuning = { retryLimit: 1, retryDelay: 1, expireInSeconds: 60, pollingIntervalSeconds: 3600, maintenanceIntervalSeconds: 60 };

describe.each(testDatabaseKinds())("job queue wake-ups on %s", (kind) => {
  let database: TestDatabase;
  const queues: JobQueue[] = [];
  const newQueue = (on: ConstructorParameters<typeof JobQueue>[0] = database) => {
    const queue = new JobQueue(on, hourlyPolls);
    queues.push(queue);
    return queue;
  };
  // Another process's queue: on PostgreSQL a connection of its own, which reaches the worker only through
  // NOTIFY; the embedded database has no other process, so its sender shares the worker's database.
  const otherProcessQueue = () => (database.connectionString ? newQueue({ kind: "postgresql", jobQueueConnection: { connectionString: database.connectionString } }) : newQueue());

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    for (const queue of queues) await queue.stop({ graceful: false, timeoutMs: 1_000 });
    await database.destroy();
  });

  it("runs a unit another queue sends, and then the many it sends at once, without waiting for a poll", async () => {
    const worker = newQueue();
    const received: UnitData[] = [];
    let expected = 1;
    let arrived: () => void = () => {};
    const arrival = () => new Promise<void>((resolve) => (arrived = resolve));
    await worker.work(queueNames.auditVerification, 1, async (data) => {
      received.push(data);
      if (received.length === expected) arrived();
    });
    // The worker has looked once and found nothing; its next poll is an hour away.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sender = otherProcessQueue();
    let next = arrival();
    await sender.send(queueNames.auditVerification, { tenantId: "t", jobId: "one" }, "00000000-0000-5000-8000-000000000001");
    await next;
    expect(received.map((data) => data.jobId)).toEqual(["one"]);

    expected = 4;
    next = arrival();
    await sender.sendMany(queueNames.auditVerification, ["a", "b", "c"].map((jobId, index) => ({ id: `00000000-0000-5000-8000-00000000001${index}`, data: { tenantId: "t", jobId } })));
    await next;
    expect(received.map((data) => data.jobId).sort()).toEqual(["a", "b", "c", "one"]);
  });
});
