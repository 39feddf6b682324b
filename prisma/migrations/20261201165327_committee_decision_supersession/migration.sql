-- AlterTable
ALTER TABLE "CommitteeDecision" ADD COLUMN     "supersedesDecisionId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "CommitteeDecision_supersedesDecisionId_key" ON "CommitteeDecision"("supersedesDecisionId");

-- AddForeignKey
ALTER TABLE "CommitteeDecision" ADD CONSTRAINT "CommitteeDecision_supersedesDecisionId_fkey" FOREIGN KEY ("supersedesDecisionId") REFERENCES "CommitteeDecision"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- Decisions recorded before supersession existed: each later decision on a score supersedes the one before it
-- (by decidedAt, then id), so every score's decisions form one chain whose newest is the current one.
UPDATE "CommitteeDecision" AS d SET "supersedesDecisionId" = chained.previous
FROM (
    SELECT id, lag(id) OVER (PARTITION BY "tenantId", "creditScoreId" ORDER BY "decidedAt", id) AS previous
    FROM "CommitteeDecision"
) AS chained
WHERE d.id = chained.id AND chained.previous IS NOT NULL;

-- One decision per score may supersede nothing (the first): a second "first" decision, e.g. two committee
-- members deciding at once, is refused by the database. Written by hand: Prisma's schema language has no
-- partial indexes.
CREATE UNIQUE INDEX "CommitteeDecision_one_first_per_score" ON "CommitteeDecision"("tenantId", "creditScoreId") WHERE "supersedesDecisionId" IS NULL;
