// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// brings the committed migrations up to prisma/schema.prisma (what `prisma migrate dev --create-only` would
// write), computed offline by the WebAssembly schema engine. Review the file, then commit it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffMigrationsToSchema } from "../engine/schema-engine";
import { defaultMigrationsDirectory } from "../migrate/apply-migrations";

async function main(name: string | undefined): Promise<void> {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run db:migration -- <snake_case_name>");
    process.exitCode = 2;
    return;
  }
  const schema = readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
  const script = await diffMigrationsToSchema(defaultMigrationsDirectory, schema);
  if (script === "") {
    console.log("prisma/schema.prisma and prisma/migrations agree: no migration needed.");
  } else {
    const timestamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const directory = path.join(defaultMigrationsDirectory, `${timestamp}_${name}`);
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, "migration.sql"), script);
    console.log(`wrote ${path.relative(process.cwd(), directory)}/migration.sql`);
  }
}

void main(process.argv[2]);
