-- CreditScore and AuditEvent are the audit trail: once written, a row never changes and is never removed.
-- Enforced in the database so that no code path (nor a hand-run statement through the app's role) can
-- rewrite history. Written by hand: Prisma's schema language has no triggers.

-- CreateFunction
CREATE FUNCTION "refuse_audit_record_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

-- CreateTrigger
CREATE TRIGGER "CreditScore_append_only"
    BEFORE UPDATE OR DELETE ON "CreditScore"
    FOR EACH ROW EXECUTE FUNCTION "refuse_audit_record_change"();

-- CreateTrigger
CREATE TRIGGER "CreditScore_no_truncate"
    BEFORE TRUNCATE ON "CreditScore"
    FOR EACH STATEMENT EXECUTE FUNCTION "refuse_audit_record_change"();

-- CreateTrigger
CREATE TRIGGER "AuditEvent_append_only"
    BEFORE UPDATE OR DELETE ON "AuditEvent"
    FOR EACH ROW EXECUTE FUNCTION "refuse_audit_record_change"();

-- CreateTrigger
CREATE TRIGGER "AuditEvent_no_truncate"
    BEFORE TRUNCATE ON "AuditEvent"
    FOR EACH STATEMENT EXECUTE FUNCTION "refuse_audit_record_change"();
