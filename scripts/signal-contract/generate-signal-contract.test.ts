// The generator of the signal contract's non-TypeScript forms: the committed files are what it renders, its
// --check mode fails on a hand edit (naming the file) and its write mode repairs it. Runs the real script
// (tsx) on a copy of the generated files.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { expectedContractFiles, prismaPath, renderPrismaBlock, replacePrismaBlock, sdlPath } from "./render-contract-forms";

const run = promisify(execFile);
const root = process.cwd();
const copy = mkdtempSync(path.join(tmpdir(), "signal-contract-"));
for (const file of [sdlPath, prismaPath]) {
  mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
  cpSync(path.join(root, file), path.join(copy, file));
}
const generate = (...flags: string[]) => run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/generate-signal-contract.ts"), "--root", copy, ...flags], { cwd: root });
const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: { code: number; stderr: string }) => error);

afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe("npm run contract:generate", () => {
  it("the committed SDL and Prisma block are what the contract renders", () => {
    for (const file of expectedContractFiles((name) => readFileSync(path.join(root, name), "utf8"))) expect(readFileSync(path.join(root, file.path), "utf8"), file.path).toBe(file.text);
  });

  it("--check passes on an untouched copy, fails naming the file after a hand edit of the SDL, and generating repairs it", async () => {
    await expect(generate("--check")).resolves.toMatchObject({ stdout: expect.stringContaining("up to date") });
    const sdl = path.join(copy, sdlPath);
    writeFileSync(sdl, readFileSync(sdl, "utf8").replace("  PHONE_CHANGE\n", "  PHONE_CHANGE\n  EMAIL_CHANGE\n"));
    const failure = await failureOf(generate("--check"));
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(sdlPath);
    expect(failure?.stderr).not.toContain(prismaPath);
    await generate();
    await expect(generate("--check")).resolves.toMatchObject({ stdout: expect.stringContaining("up to date") });
  }, 60_000);

  it("--check fails on a hand edit inside the Prisma block, but not on one outside it", async () => {
    const prisma = path.join(copy, prismaPath);
    const original = readFileSync(prisma, "utf8");
    writeFileSync(prisma, original.replace("  DPD_90_PLUS\n", ""));
    expect((await failureOf(generate("--check")))?.stderr).toContain(prismaPath);
    writeFileSync(prisma, original.replace("enum ConsentPurpose {", "// a comment of ours\nenum ConsentPurpose {"));
    await expect(generate("--check")).resolves.toMatchObject({ stdout: expect.stringContaining("up to date") });
    writeFileSync(prisma, original);
  }, 60_000);

  it("refuses a schema without the block's markers instead of appending it", () => {
    expect(() => replacePrismaBlock("enum Role {\n  ADMIN\n}\n", renderPrismaBlock())).toThrow(/generated signal-contract block is missing/);
  });
});
