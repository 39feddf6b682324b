-- AlterEnum
ALTER TYPE "JobKind" ADD VALUE 'POLICY_SIMULATION';

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "unitsDone" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ProtectedAttribute" (
    "tenantId" TEXT NOT NULL,
    "borrowerId" TEXT NOT NULL,
    "attribute" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedBy" TEXT NOT NULL,

    CONSTRAINT "ProtectedAttribute_pkey" PRIMARY KEY ("tenantId","borrowerId","attribute")
);

-- CreateIndex
CREATE INDEX "ProtectedAttribute_tenantId_attribute_idx" ON "ProtectedAttribute"("tenantId", "attribute");

-- AddForeignKey
ALTER TABLE "ProtectedAttribute" ADD CONSTRAINT "ProtectedAttribute_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProtectedAttribute" ADD CONSTRAINT "ProtectedAttribute_tenantId_borrowerId_fkey" FOREIGN KEY ("tenantId", "borrowerId") REFERENCES "Borrower"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;
