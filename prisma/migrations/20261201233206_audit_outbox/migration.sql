-- CreateTable
CREATE TABLE "PendingAuditEvent" (
    "position" BIGSERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT NOT NULL,
    "borrowerId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "requestId" TEXT,
    "payload" JSONB NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PendingAuditEvent_pkey" PRIMARY KEY ("position")
);

-- CreateIndex
CREATE UNIQUE INDEX "PendingAuditEvent_id_key" ON "PendingAuditEvent"("id");

-- CreateIndex
CREATE INDEX "PendingAuditEvent_tenantId_position_idx" ON "PendingAuditEvent"("tenantId", "position");

-- AddForeignKey
ALTER TABLE "PendingAuditEvent" ADD CONSTRAINT "PendingAuditEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand (Prisma's schema language has no triggers): a pending event is linked into the chain and
-- deleted in one transaction, never changed in between.
-- CreateFunction
CREATE FUNCTION "refuse_pending_audit_event_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'PendingAuditEvent rows are linked or kept as written: UPDATE refused';
END;
$$;

-- CreateTrigger
CREATE TRIGGER "PendingAuditEvent_no_update"
    BEFORE UPDATE ON "PendingAuditEvent"
    FOR EACH ROW EXECUTE FUNCTION "refuse_pending_audit_event_update"();
