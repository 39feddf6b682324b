// Next.js calls register() once when the server starts. With the embedded database the app is its own job
// worker (there is no second process to run one): it starts working, and resumes any job a restart cut short.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.DATABASE_URL?.trim() && process.env.MICROTRUST_RUN_JOBS !== "true") return;
  const { getJobQueue } = await import("@/core/jobs/job-worker");
  await getJobQueue();
}
