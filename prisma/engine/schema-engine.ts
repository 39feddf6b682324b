// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), driven through the PGlite
// driver adapter. The native engine the Prisma CLI downloads is unreachable offline; this computes the same
// migration SQL ("prisma migrate diff") on an in-memory PostgreSQL. Development tooling only: the app applies
// committed migrations with prisma/migrate and never loads this.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { readMigrations } from "../migrate/apply-migrations";

type Bindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
type SchemaEngine = Awaited<ReturnType<Bindings["SchemaEngine"]["new"]>>;

let bindings: Promise<Bindings> | undefined;

// Node 20 cannot import a .wasm module, so instantiate it by hand against the generated JS glue.
async function loadBindings(): Promise<Bindings> {
  const require = createRequire(import.meta.url);
  const glue: Bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
  const compiled = await WebAssembly.compile(readFileSync(wasmPath));
  const imports: Record<string, Record<string, unknown>> = {};
  for (const entry of WebAssembly.Module.imports(compiled)) {
    imports[entry.module] ??= {};
    imports[entry.module][entry.name] = (glue as unknown as Record<string, unknown>)[entry.name];
  }
  const instance = await WebAssembly.instantiate(compiled, imports as WebAssembly.Imports);
  const exports = instance.exports as { __wbindgen_start(): void };
  (glue as unknown as { __wbg_set_wasm(exports: unknown): void }).__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  return glue;
}

async function withEngine<T>(schema: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  bindings ??= loadBindings();
  const { SchemaEngine } = await bindings;
  const pglite = await PGlite.create();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
  const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => undefined, adapter);
  try {
    return await work(engine);
  } finally {
    engine.free();
    await pglite.close();
  }
}

/**
 * The SQL that takes a database holding every migration of `migrationsDirectory` to the state `schema`
 * describes; an empty string when they agree. The migrations are replayed on a shadow in-memory PGlite.
 */
export async function diffMigrationsToSchema(migrationsDirectory: string, schema: string): Promise<string> {
  const migrations = readMigrations(migrationsDirectory);
  const lockfilePath = path.join(migrationsDirectory, "migration_lock.toml");
  return withEngine(schema, async (engine) => {
    const result = await engine.diff({
      from: {
        tag: "migrations",
        baseDir: migrationsDirectory,
        lockfile: { path: lockfilePath, content: readFileSync(lockfilePath, "utf8") },
        shadowDbInitScript: "",
        migrationDirectories: migrations.map((migration) => ({
          path: migration.name,
          migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.script } },
        })),
      },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const script = result.stdout ?? "";
    return script.trim() === "-- This is an empty migration." ? "" : script;
  });
}
