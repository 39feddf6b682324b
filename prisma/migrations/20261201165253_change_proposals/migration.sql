-- CreateEnum
CREATE TYPE "ChangeKind" AS ENUM ('ACTIVATE_MODEL', 'PUBLISH_POLICY');

-- CreateEnum
CREATE TYPE "ProposalState" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "ChangeProposal" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" "ChangeKind" NOT NULL,
    "subjectId" TEXT NOT NULL,
    "evidenceJobId" TEXT,
    "note" TEXT NOT NULL,
    "state" "ProposalState" NOT NULL DEFAULT 'PENDING',
    "proposedById" TEXT NOT NULL,
    "proposedByName" TEXT NOT NULL,
    "proposedAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionNote" TEXT,

    CONSTRAINT "ChangeProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChangeProposal_tenantId_state_proposedAt_idx" ON "ChangeProposal"("tenantId", "state", "proposedAt");

-- CreateIndex
CREATE INDEX "ChangeProposal_tenantId_subjectId_idx" ON "ChangeProposal"("tenantId", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeProposal_tenantId_id_key" ON "ChangeProposal"("tenantId", "id");

-- AddForeignKey
ALTER TABLE "ChangeProposal" ADD CONSTRAINT "ChangeProposal_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- At most one PENDING proposal per subject: a second proposal for the same model or policy waits for the first.
CREATE UNIQUE INDEX "ChangeProposal_one_pending_per_subject" ON "ChangeProposal"("tenantId", "kind", "subjectId") WHERE "state" = 'PENDING';

-- One ACTIVE model per tenant, as for policies: activation retires the previous one in the same transaction.
CREATE UNIQUE INDEX "ModelVersion_one_active_per_tenant" ON "ModelVersion"("tenantId") WHERE "status" = 'ACTIVE';
