// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time, never bundled: WebAssembly PostgreSQL, native argon2, the
  // generated Prisma client's runtime and the pg driver.
  serverExternalPackages: ["pg-boss", "@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "@prisma/client", "@prisma/adapter-pg", "pg"],
  // `npm run typecheck` (tsc over the whole repository) is a step of `npm test`; not checking types a second
  // time here keeps the build fast.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
  // Every response, static files included; pages and API answers get the rest (CSP, HSTS) from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }, { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" }] }];
  },
};

module.exports = nextConfig;
