-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "JobKind" ADD VALUE 'LOAN_BOOK_IMPORT';
ALTER TYPE "JobKind" ADD VALUE 'MODEL_TRAINING';

-- CreateTable
CREATE TABLE "HistoricalLoan" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "borrowerId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "disbursedAt" TIMESTAMPTZ(3) NOT NULL,
    "amount" DECIMAL(19,4) NOT NULL,
    "tenorDays" INTEGER NOT NULL,
    "status" "OutcomeStatus" NOT NULL,
    "maxDaysLate" INTEGER NOT NULL,
    "defaultedAt" TIMESTAMPTZ(3),
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "features" JSONB NOT NULL,
    "featuresSha256" CHAR(64) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "HistoricalLoan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoanBookUpload" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "jobId" TEXT,
    "category" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "uploadedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LoanBookUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HistoricalLoan_tenantId_disbursedAt_idx" ON "HistoricalLoan"("tenantId", "disbursedAt");

-- CreateIndex
CREATE INDEX "HistoricalLoan_tenantId_borrowerId_idx" ON "HistoricalLoan"("tenantId", "borrowerId");

-- CreateIndex
CREATE UNIQUE INDEX "HistoricalLoan_tenantId_externalId_key" ON "HistoricalLoan"("tenantId", "externalId");

-- CreateIndex
CREATE INDEX "LoanBookUpload_tenantId_jobId_idx" ON "LoanBookUpload"("tenantId", "jobId");

-- CreateIndex
CREATE UNIQUE INDEX "LoanBookUpload_tenantId_id_key" ON "LoanBookUpload"("tenantId", "id");

-- AddForeignKey
ALTER TABLE "HistoricalLoan" ADD CONSTRAINT "HistoricalLoan_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HistoricalLoan" ADD CONSTRAINT "HistoricalLoan_tenantId_borrowerId_fkey" FOREIGN KEY ("tenantId", "borrowerId") REFERENCES "Borrower"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "LoanBookUpload" ADD CONSTRAINT "LoanBookUpload_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
