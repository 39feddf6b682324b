// Prisma CLI configuration (Prisma 7). The app itself does not read this file: it builds its own client with
// a driver adapter (prisma/store/client.ts) and applies migrations with prisma/migrate (same records as
// `prisma migrate deploy`, which users with the official CLI may run instead against DATABASE_URL).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
