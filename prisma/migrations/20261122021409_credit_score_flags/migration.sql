-- AlterTable
ALTER TABLE "CreditScore" ADD COLUMN     "flagged" BOOLEAN NOT NULL;

-- CreateIndex
CREATE INDEX "CreditScore_tenantId_borrowerId_asOf_idx" ON "CreditScore"("tenantId", "borrowerId", "asOf");
