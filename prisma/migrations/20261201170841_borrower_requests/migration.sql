-- CreateEnum
CREATE TYPE "BorrowerRequestKind" AS ENUM ('HUMAN_REVIEW', 'ERASURE');

-- CreateEnum
CREATE TYPE "BorrowerRequestStatus" AS ENUM ('OPEN', 'COMPLETED');

-- CreateTable
CREATE TABLE "BorrowerRequest" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "borrowerId" TEXT NOT NULL,
    "kind" "BorrowerRequestKind" NOT NULL,
    "creditScoreId" TEXT,
    "statement" TEXT NOT NULL,
    "status" "BorrowerRequestStatus" NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedByDecisionId" TEXT,
    "resolution" JSONB,

    CONSTRAINT "BorrowerRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BorrowerRequest_tenantId_borrowerId_idx" ON "BorrowerRequest"("tenantId", "borrowerId");

-- CreateIndex
CREATE INDEX "BorrowerRequest_tenantId_creditScoreId_idx" ON "BorrowerRequest"("tenantId", "creditScoreId");

-- AddForeignKey
ALTER TABLE "BorrowerRequest" ADD CONSTRAINT "BorrowerRequest_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BorrowerRequest" ADD CONSTRAINT "BorrowerRequest_tenantId_borrowerId_fkey" FOREIGN KEY ("tenantId", "borrowerId") REFERENCES "Borrower"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "BorrowerRequest" ADD CONSTRAINT "BorrowerRequest_tenantId_creditScoreId_fkey" FOREIGN KEY ("tenantId", "creditScoreId") REFERENCES "CreditScore"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- One open human review per scoring: a second request while the committee has not answered the first is
-- refused by the database too. Written by hand: Prisma's schema language has no partial indexes.
CREATE UNIQUE INDEX "BorrowerRequest_one_open_review_per_score" ON "BorrowerRequest"("tenantId", "creditScoreId") WHERE "kind" = 'HUMAN_REVIEW' AND "status" = 'OPEN';
