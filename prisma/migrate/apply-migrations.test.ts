import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checksumMigration, readMigrations } from "./apply-migrations";

describe("checksumMigration", () => {
  it("is the lowercase hex sha256 of the script's UTF-8 bytes (FIPS 180-4 test vectors)", () => {
    expect(checksumMigration("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(checksumMigration("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("readMigrations", () => {
  it("lists migration directories in name (timestamp) order and ignores anything else", () => {
    const directory = mkdtempSync(path.join(tmpdir(), "microtrust-read-migrations-"));
    for (const name of ["20260102000000_second", "20260101000000_first"]) {
      mkdirSync(path.join(directory, name));
      writeFileSync(path.join(directory, name, "migration.sql"), `-- ${name}\n`);
    }
    mkdirSync(path.join(directory, "20260103000000_empty"));
    writeFileSync(path.join(directory, "migration_lock.toml"), 'provider = "postgresql"\n');
    expect(readMigrations(directory).map((migration) => migration.name)).toEqual(["20260101000000_first", "20260102000000_second"]);
  });

  it("finds the committed migrations, the first of them creating the schema", () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThanOrEqual(2);
    expect(migrations[0].script).toContain('CREATE TABLE "Tenant"');
  });
});
