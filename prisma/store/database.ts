// The one place that opens the database: PGlite (embedded PostgreSQL, data under the data directory) when
// DATABASE_URL is unset, a real PostgreSQL server through @prisma/adapter-pg when it is set. Both paths use
// the same schema, the same generated client and the same migrations.
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient, type Prisma } from "../generated/client";

/** The Prisma client type every store function takes as its first argument. */
export type Db = PrismaClient;
/** The client inside an interactive transaction (db.$transaction(async (tx) => …)). */
export type DbTransaction = Prisma.TransactionClient;
/** Either: store functions that write one thing take this, so a use case can run them inside its transaction. */
export type DbClient = Db | DbTransaction;

/** Runs raw SQL outside Prisma: used by the migration runner only. */
export interface SqlExecutor {
  /** One parameterised statement; returns its rows. */
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** A script of several statements, sent as one simple query (as `prisma migrate deploy` does). */
  executeScript(sql: string): Promise<void>;
}

/** How pg-boss reaches the database: its own small pool on a server, or statements run on the embedded instance. */
export type JobQueueConnection = { connectionString: string } | { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

export interface Database {
  kind: "postgresql" | "pglite";
  db: Db;
  /** The connection the job queue (core/jobs) uses. */
  jobQueueConnection: JobQueueConnection;
  /** Runs `work` on one dedicated connection (session state such as advisory locks stays put). */
  withSqlSession<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://… connection string; when absent, the embedded database is used. */
  databaseUrl?: string;
  /**
   * With databaseUrl: prepare each distinct statement once per connection (default). Off for a connection
   * pooler that cannot carry prepared statements across its server connections (PgBouncer in transaction
   * mode before 1.21, or without max_prepared_statements).
   */
  preparedStatements?: boolean;
  /** Directory of the embedded database's files (ignored with databaseUrl). */
  pgliteDirectory?: string;
}

/** Where MicroTrust keeps local state (embedded database, generated secrets): MICROTRUST_DATA_DIR or ./.data. */
export function resolveDataDirectory(): string {
  // turbopackIgnore: a run-time location, not a file the build should trace into the bundle.
  return path.resolve(/*turbopackIgnore: true*/ process.env.MICROTRUST_DATA_DIR ?? path.join(process.cwd(), ".data"));
}

/** Options from the environment: DATABASE_URL when set, else PGlite under the data directory. */
export function databaseOptionsFromEnv(): DatabaseOptions {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (databaseUrl) return { databaseUrl, preparedStatements: process.env.MICROTRUST_PREPARED_STATEMENTS !== "false" };
  return { pgliteDirectory: path.join(resolveDataDirectory(), "pglite") };
}

/**
 * Names each distinct SQL text as a prepared statement, so a pooled connection parses it once and later
 * executions only bind and run (with the plan cache that comes with it): the scoring path's statements
 * are long, and parsing them on every call was a measurable share of PostgreSQL's work. At most `limit`
 * texts are named per process (each stays prepared on every connection that ran it); texts beyond that
 * run unnamed, as before, so a workload of ever-new texts cannot grow the sessions without bound.
 */
export function preparedStatementNames(limit = 1000): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined) {
      if (names.size >= limit) return "";
      name = `mt_${createHash("sha256").update(sql).digest("hex").slice(0, 32)}`;
      names.set(sql, name);
    }
    return name;
  };
}

/** One statement (text and positional values) run on the driver itself, outside Prisma; its rows. */
export type DirectStatement = (text: string, values: readonly unknown[]) => Promise<unknown[]>;
/**
 * The driver of each client openDatabase made, kept on globalThis: Next.js may load this module more than once
 * (route bundles, instrumentation), and a client opened through one copy is used by code of another (the
 * process-wide database of getDatabase), which a module-level map would not know.
 */
const directStatementsKey = Symbol.for("microtrust.database.directStatements");
type GlobalWithDirectStatements = typeof globalThis & { [directStatementsKey]?: WeakMap<object, DirectStatement> };
const directStatements = ((globalThis as GlobalWithDirectStatements)[directStatementsKey] ??= new WeakMap<object, DirectStatement>());

/** The database's own driver as a statement runner (see queryRows), for libraries that take one (the rate limiter's store). */
export function directStatementsOf(db: Db): DirectStatement {
  const run = directStatements.get(db);
  if (!run) throw new Error("directStatementsOf: this client was not opened by openDatabase");
  return run;
}

/**
 * The rows of one statement (run on its own, autocommit) on the driver itself — node-postgres' pool, or the
 * embedded instance — rather than through Prisma's query engine: Prisma spends ~1–2 ms of CPU on every raw
 * statement (its query compiler and request pipeline; measured 2026-12-01: 1.7–1.9 ms against 0.2 ms for the
 * same SELECT 1 on the pool), a third of a portfolio scoring's CPU for its two reads. For the statements every
 * scoring or request runs (the scoring reads, the rate-limit count) only: their SQL casts every parameter and
 * returns only text, integer, boolean, text[] and timestamptz columns, which both drivers give back as Prisma
 * does. Inside a transaction (a client that is not a database's own) the statement goes through Prisma, on
 * the transaction's connection.
 */
export function queryRows<Row>(db: DbClient, sql: Prisma.Sql): Promise<Row[]> {
  const run = directStatements.get(db);
  return run ? (run(sql.text, sql.values) as Promise<Row[]>) : db.$queryRaw<Row[]>(sql);
}

/** Opens a new connection (pool or embedded instance). Callers own it and must close it. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    let closing = false;
    // An idle connection the server ends (restart, failover, a dropped test database) is discarded by the
    // pool; without a listener its 'error' event would crash the process.
    pool.on("error", (error) => {
      if (!closing) console.error("[database] idle connection lost:", error.message);
    });
    const statementName = options.preparedStatements === false ? null : preparedStatementNames();
    const db = new PrismaClient({ adapter: new PrismaPg(pool, statementName ? { statementNameGenerator: statementName } : {}) });
    directStatements.set(db, async (text, values) => (await pool.query({ text, values: [...values], ...(statementName ? { name: statementName({ sql: text }) } : {}) })).rows);
    return {
      kind: "postgresql",
      db,
      jobQueueConnection: { connectionString: options.databaseUrl },
      async withSqlSession(work) {
        const client = await pool.connect();
        try {
          return await work({
            async query(sql, params) {
              return (await client.query(sql, params)).rows;
            },
            async executeScript(sql) {
              await client.query(sql);
            },
          });
        } finally {
          client.release();
        }
      },
      async close() {
        closing = true;
        await db.$disconnect();
        await pool.end();
      },
    };
  }
  const directory = options.pgliteDirectory;
  if (directory) mkdirSync(path.dirname(directory), { recursive: true });
  const pglite = directory ? await PGlite.create(directory) : await PGlite.create();
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  directStatements.set(db, async (text, values) => (await pglite.query(text, [...values])).rows);
  return {
    kind: "pglite",
    db,
    jobQueueConnection: {
      // pg-boss sends parameterised statements, and parameterless scripts (its schema migrations) that may
      // hold several statements: the embedded instance runs the first kind with query, the second with exec.
      async executeSql(text, values) {
        if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows };
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      },
    },
    withSqlSession(work) {
      return work({
        async query<Row>(sql: string, params?: unknown[]) {
          return (await pglite.query<Row>(sql, params)).rows;
        },
        async executeScript(sql) {
          await pglite.exec(sql);
        },
      });
    },
    async close() {
      await db.$disconnect();
      await pglite.close();
    },
  };
}

const globalKey = Symbol.for("microtrust.database");
type GlobalWithDatabase = typeof globalThis & { [globalKey]?: Promise<Database> };

/**
 * The process-wide database of the running app. Kept on globalThis because the embedded database allows one
 * instance per data directory, and Next.js may load this module more than once (dev reloads, route bundles).
 */
export function getDatabase(): Promise<Database> {
  const holder = globalThis as GlobalWithDatabase;
  holder[globalKey] ??= openDatabase(databaseOptionsFromEnv()).catch((error: unknown) => {
    delete holder[globalKey];
    throw error;
  });
  return holder[globalKey];
}
