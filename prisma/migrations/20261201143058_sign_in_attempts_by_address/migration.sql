-- CreateIndex
CREATE INDEX "SignInAttempt_ipAddress_attemptedAt_idx" ON "SignInAttempt"("ipAddress", "attemptedAt");
