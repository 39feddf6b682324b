import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import tseslint from "typescript-eslint";

// Import boundaries from ../shared/STYLE.md, bottom up: scoring/ is a pure library; prisma/ is the store;
// core/ is the application core (use cases, jobs) and imports no transport; graphql/ (the GraphQL and REST
// transport) and app/ (pages and route handlers) sit on top, and nothing below them imports either. Only
// prisma/store touches @prisma/client. eslint-boundaries.test.ts lints offending imports to prove the rules bite.
const restrict = (patterns) => ["error", { patterns }];
const transports = {
  group: ["@/graphql/*", "**/graphql/**", "@/app/*", "**/app/**", "graphql", "graphql/*", "@apollo/*", "@as-integrations/*", "next", "next/*", "next-auth", "next-auth/*", "@escape.tech/*"],
  message: "core/ is transport-neutral: GraphQL, REST, Next.js and the portal call it, never the other way round.",
};
const prismaClient = { group: ["@prisma/client", "@prisma/client/*", "**/prisma/generated/**"], message: "Only prisma/store touches the Prisma client." };
// Protected attributes (sex, age band, ...) are read by fairness reports only: nothing that scores can see them.
const protectedAttributes = { group: ["@/prisma/store/protected-attribute", "**/store/protected-attribute", "./protected-attribute"], message: "Only core/fairness reads protected attributes: features, scoring and decisions must never see them." };

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", ".data/**", "graphql/generated/**", "prisma/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", ".stryker-tmp/**", "reports/**"] },
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
        { group: ["@/app/*", "@/graphql/*", "@/prisma/*", "@/core/*", "**/app/**", "**/graphql/**", "**/prisma/**"], message: "scoring/ is pure: it imports nothing of app/, graphql/, core/ or prisma/." },
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
    files: ["core/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict([transports, prismaClient, protectedAttributes]),
    },
  },
  {
    files: ["core/fairness/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict([transports, prismaClient]),
    },
  },
  {
    files: ["graphql/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict([{ group: ["@/app/*", "**/app/**"], message: "graphql/ never imports app/." }, prismaClient, protectedAttributes]),
    },
  },
  {
    files: ["prisma/**/*.ts"],
    ignores: ["prisma/store/**", "prisma/cli/**"],
    rules: {
      "no-restricted-imports": restrict([
        { group: ["@/app/*", "@/graphql/*", "@/core/*", "**/app/**", "**/graphql/**", "**/core/**"], message: "prisma/ sits below core/, graphql/ and app/: it imports none of them." },
        { ...prismaClient, group: [...prismaClient.group, "../generated/*", "./generated/*"], allowTypeImports: true },
        protectedAttributes,
      ]),
    },
  },
  {
    files: ["prisma/store/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict([{ group: ["@/app/*", "@/graphql/*", "@/core/*", "**/app/**", "**/graphql/**"], message: "prisma/store sits below core/, graphql/ and app/: it imports none of them." }, protectedAttributes]),
    },
  },
  {
    files: ["prisma/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict([{ group: ["@/app/*", "**/app/**", "@/graphql/*", "**/graphql/**"], message: "prisma/cli is an adapter of the core: it imports no transport." }, prismaClient, protectedAttributes]),
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
