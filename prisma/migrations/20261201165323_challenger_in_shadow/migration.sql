-- AlterEnum
ALTER TYPE "JobKind" ADD VALUE 'MODEL_COMPARISON';

-- AlterTable
ALTER TABLE "CreditScore" ADD COLUMN     "challengerModelVersionId" TEXT,
ADD COLUMN     "challengerResult" JSONB;

-- CreateTable
CREATE TABLE "ModelChallenger" (
    "tenantId" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "setByKind" "ActorType" NOT NULL,
    "setById" TEXT NOT NULL,
    "setByName" TEXT NOT NULL,
    "setAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ModelChallenger_pkey" PRIMARY KEY ("tenantId")
);

-- AddForeignKey
ALTER TABLE "CreditScore" ADD CONSTRAINT "CreditScore_tenantId_challengerModelVersionId_fkey" FOREIGN KEY ("tenantId", "challengerModelVersionId") REFERENCES "ModelVersion"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "ModelChallenger" ADD CONSTRAINT "ModelChallenger_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelChallenger" ADD CONSTRAINT "ModelChallenger_tenantId_modelVersionId_fkey" FOREIGN KEY ("tenantId", "modelVersionId") REFERENCES "ModelVersion"("tenantId", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;
