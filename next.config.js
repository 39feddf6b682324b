// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time, never bundled: WebAssembly PostgreSQL, native argon2, the
  // generated Prisma client's runtime and the pg driver.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "@prisma/client", "@prisma/adapter-pg", "pg"],
  // `npm run typecheck` (tsc over the whole repository) is a step of `npm test`; not checking types a second
  // time here keeps the build fast.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
