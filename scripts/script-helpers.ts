// What the benchmark and demo scripts share: their command-line options and a short-lived server connection.
import { readFileSync } from "node:fs";
import pg from "pg";

/** The value after `--name` on the command line, or `fallback`. */
export function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

/** Runs `work` on one connection to `url`, closed afterwards (creating and dropping a script's own database). */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) the given processes have used so far, read from /proc; ended processes count 0. */
export function cpuSecondsOf(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended
    }
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** Each process's CPU seconds so far (see cpuSecondsOf), to measure a span with cpuSecondsSince. */
export function cpuSecondsByProcess(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, cpuSecondsOf([pid])]));
}

/**
 * CPU seconds the processes of `before` used since it was taken, counting only those still running: a pooled
 * connection that idles out during a run takes its earlier CPU with it, which a difference of two totals would
 * subtract (it lowers the figure by what it used within the span only, not by its whole life).
 */
export function cpuSecondsSince(before: ReadonlyMap<number, number>): number {
  let seconds = 0;
  for (const [pid, then] of before) {
    const now = cpuSecondsOf([pid]);
    if (now > 0) seconds += now - then;
  }
  return seconds;
}
