-- Every scoring that reads IDENTITY counts the tenant's other borrowers sharing the borrower's phone and
-- device (the fraud features' cross-borrower counts, prisma/store/scoring-signals.ts). Without an index each
-- count scanned the tenant's whole Borrower table: 0.78 ms of a scoring's 2.3 ms of PostgreSQL at 2,000
-- borrowers (EXPLAIN ANALYZE, 2026-12-02), growing with the book.
--
-- Phone and device lead: an index led by tenantId could serve any lookup by tenant, and a foreign key's check
-- (tenantId, id) planned before the table's first ANALYZE took the (tenantId, deviceId) index instead of
-- (tenantId, id)'s and read the tenant's borrowers on every check (a bulk import of transactions, 2026-12-02).

-- CreateIndex
CREATE INDEX "Borrower_phone_tenantId_idx" ON "Borrower"("phone", "tenantId");

-- CreateIndex
CREATE INDEX "Borrower_deviceId_tenantId_idx" ON "Borrower"("deviceId", "tenantId");
