// `npm run worker`: a job worker on the PostgreSQL of DATABASE_URL. Start any number, on any number of
// machines: they share the queue (pg-boss). Stopped with SIGINT or SIGTERM, it finishes the units in hand
// (up to 30 s) and exits; killed outright, its units are retried by another worker once their claims expire.
import { startWorker } from "@/core/jobs/job-worker";
import { JobQueue, queueTuningFromEnv } from "@/core/jobs/job-queue";
import { databaseOptionsFromEnv, openDatabase } from "../store/database";

async function main(): Promise<void> {
  const options = databaseOptionsFromEnv();
  if (!options.databaseUrl) {
    console.error("[worker] DATABASE_URL is not set: with the embedded database the app runs its jobs itself (npm run demo).");
    process.exitCode = 2;
    return;
  }
  const concurrency = Number(process.env.MICROTRUST_WORKER_CONCURRENCY ?? "2");
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    console.error("[worker] MICROTRUST_WORKER_CONCURRENCY must be a whole number from 1 to 32.");
    process.exitCode = 2;
    return;
  }
  const database = await openDatabase(options);
  const queue = new JobQueue(database, queueTuningFromEnv());
  await startWorker(database, queue, { concurrency });
  console.log(`[worker] working (${concurrency} units at a time) on ${new URL(options.databaseUrl).host}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: finishing the units in hand`);
    await queue.stop({ graceful: true, timeoutMs: 30_000 });
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error("[worker] failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
