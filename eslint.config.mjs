import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import tseslint from "typescript-eslint";

// Import boundaries from ../shared/STYLE.md: scoring/ is a pure library; graphql/ never imports app/;
// only prisma/store touches @prisma/client; prisma/ (below graphql/) imports nothing of app/ or graphql/
// except prisma/cli, the composition root that wires password and id hashing into the seed.
const restrict = (patterns) => ["error", { patterns }];
const prismaClient = { group: ["@prisma/client", "@prisma/client/*", "**/prisma/generated/**"], message: "Only prisma/store touches the Prisma client." };

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", ".data/**", "graphql/generated/**", "prisma/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["next.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } },
  },
  {
    files: ["scoring/**/*.ts"],
    ignores: ["scoring/cli/**", "scoring/eval/**", "scoring/**/*.test.ts", "scoring/bench/**"],
    rules: {
      "no-restricted-imports": restrict([
        { group: ["@/app/*", "@/graphql/*", "@/prisma/*", "**/app/**", "**/graphql/**", "**/prisma/**"], message: "scoring/ is pure: it imports nothing of app/, graphql/ or prisma/." },
        { group: ["node:*", "fs", "path", "os", "crypto", "child_process", "worker_threads"], message: "scoring/ core is pure: no I/O, clock or environment (the CLI and benchmarks live in scoring/cli and scoring/bench)." },
      ]),
      "no-restricted-globals": ["error", { name: "process", message: "scoring/ reads no environment." }],
      "no-restricted-syntax": ["error", { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Pass the as-of time in." }],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Pass a seeded PRNG." },
        { object: "Date", property: "now", message: "Pass the as-of time in." },
      ],
    },
  },
  {
    files: ["graphql/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict([{ group: ["@/app/*", "**/app/**"], message: "graphql/ never imports app/." }, prismaClient]),
    },
  },
  {
    files: ["prisma/**/*.ts"],
    ignores: ["prisma/store/**", "prisma/cli/**"],
    rules: {
      "no-restricted-imports": restrict([
        { group: ["@/app/*", "@/graphql/*", "**/app/**", "**/graphql/**"], message: "prisma/ sits below graphql/ and app/: it imports neither." },
        { ...prismaClient, group: [...prismaClient.group, "../generated/*", "./generated/*"], allowTypeImports: true },
      ]),
    },
  },
  {
    files: ["prisma/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict([{ group: ["@/app/*", "**/app/**"], message: "prisma/cli imports nothing of app/." }, prismaClient]),
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    plugins: { "@next/next": nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      "no-restricted-imports": restrict([
        { group: ["@prisma/client", "@prisma/client/*", "**/prisma/generated/**", "@/prisma/*"], message: "app/ reaches data only through GraphQL (graphql/portal, /api/graphql)." },
      ]),
    },
  },
);
