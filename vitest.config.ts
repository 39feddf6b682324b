import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const exclude = ["node_modules/**", "e2e/**", ".next/**", ".data/**", ".stryker-tmp/**"];

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `import "server-only"` guards Next.js client bundles; under vitest every module is server code.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
      // One graphql instance: CommonJS dependencies (@graphql-tools/*, @apollo/server) require its .js
      // build, so our own imports must not pick the .mjs one ("Cannot use … from another module or realm").
      graphql: fileURLToPath(new URL("./node_modules/graphql/index.js", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    // Secrets the code under test resolves when DATABASE_URL is set (then nothing is generated).
    env: { MICROTRUST_AUDIT_KEY: process.env.MICROTRUST_AUDIT_KEY ?? "test-audit-key" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      // Pure and in-memory tests, next to the code as *.test.ts (scoring/ included).
      { extends: true, test: { name: "unit", include: ["**/*.test.ts"], exclude: [...exclude, "**/*.int.test.ts"] } },
      // Against real databases: PGlite in a temporary directory, and PostgreSQL when DATABASE_URL is set.
      { extends: true, test: { name: "integration", include: ["**/*.int.test.ts"], exclude } },
    ],
  },
});
