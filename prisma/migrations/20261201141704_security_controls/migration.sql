-- Security controls (docs/security.md): server-side session revocation, shared rate-limit counters, and
-- one ACTIVE decision policy per tenant guaranteed by the database.

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMPTZ(3),

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");

-- Concurrent publishes could leave several ACTIVE policies: keep the newest of each tenant ACTIVE, retire
-- the others (they stay for replay), then let the database refuse a second one. Written by hand: Prisma's
-- schema language has no partial indexes.
UPDATE "PolicyVersion" AS p SET "status" = 'RETIRED'
WHERE p."status" = 'ACTIVE' AND EXISTS (
    SELECT 1 FROM "PolicyVersion" AS newer
    WHERE newer."tenantId" = p."tenantId" AND newer."status" = 'ACTIVE'
      AND (newer."createdAt", newer."id") > (p."createdAt", p."id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_one_active_per_tenant" ON "PolicyVersion"("tenantId") WHERE "status" = 'ACTIVE';
