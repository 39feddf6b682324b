-- A transaction row as the scoring read returns it is now the engine's canonical JSON of the row (the bytes
-- canonicalJson and JSON.stringify write for it: keys in code-unit order, an absent counterparty left out,
-- the amount as the JavaScript number's shortest text, the instant as Date#toISOString writes it), not a JSON
-- array the application turned into an object. The scoring then parses the objects as they are and hashes the
-- transactions' text as read instead of writing it again (prisma/store/scoring-signals.ts,
-- core/scoring/build-signal-bundle.ts): 1.4 → 0.65 ms of Node per 1,000-row scoring (measured 2026-12-02).
-- core/scoring/build-signal-bundle.int.test.ts holds the rendering to JSON.stringify's bytes for hostile
-- strings, every amount form the contract allows and instants, on PGlite and PostgreSQL.
--
-- Forms, and why they match:
-- - strings: to_json escapes ", \, \b, \f, \n, \r, \t and the other code points below U+0020 as \u00xx
--   (lower-case hex), and nothing else: JSON.stringify's rule (stored text is valid UTF-8, so no lone
--   surrogates). Enum labels are plain upper-case words.
-- - amount: numeric(19,4), positive, at most 15 integer digits (the signal contract). float8's text is the
--   shortest text that reads back as the same double (extra_float_digits = 1, set on the function whatever
--   the session's), as Number#toString; both write plain decimals from 1e-4 to below 1e15. The one amount
--   the contract allows whose double is not below 1e15 is 1e15 itself (999999999999999.95 and up round to
--   it), which float8 writes as 1e+15 and JavaScript as 1000000000000000: the second branch.
-- - occurredAt: timestamptz(3) in UTC, YYYY-MM-DDTHH:MM:SS.mmmZ, as Date#toISOString writes years 0–9999
--   (the only years the contract's ISO 8601 instants have).
-- The function takes the row's columns, not the row: a whole-row reference in the read (transaction_engine_json(t))
-- made PostgreSQL build a copy of every row it scanned, needed or not (~0.3 ms of ~1,000 rows).
CREATE FUNCTION "transaction_engine_json"("accountId" text, amount numeric, category "TransactionCategory", counterparty text, currency text, direction "TransactionDirection", "externalId" text, "occurredAt" timestamptz)
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE SET extra_float_digits = 1 AS $$
  SELECT concat(
    '{"accountId":', to_json("accountId"),
    ',"amount":', CASE WHEN amount::float8 < 1e15 THEN amount::float8::text ELSE trim_scale(amount::float8::numeric)::text END,
    ',"category":"', category, '"',
    CASE WHEN coalesce(counterparty, '') = '' THEN '' ELSE concat(',"counterparty":', to_json(counterparty)) END,
    ',"currency":', to_json(currency),
    ',"direction":"', direction,
    '","externalId":', to_json("externalId"),
    ',"occurredAt":"', to_char("occurredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '"}')
$$;

DROP TRIGGER "Transaction_render_engine_tuple" ON "Transaction";
DROP FUNCTION "transaction_render_engine_tuple"();
DROP FUNCTION "transaction_engine_tuple"("Transaction");
ALTER TABLE "Transaction" RENAME COLUMN "engineTuple" TO "engineJson";

CREATE FUNCTION "transaction_render_engine_json"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."engineJson" := "transaction_engine_json"(NEW."accountId", NEW.amount, NEW.category, NEW.counterparty, NEW.currency, NEW.direction, NEW."externalId", NEW."occurredAt");
  RETURN NEW;
END
$$;

CREATE TRIGGER "Transaction_render_engine_json" BEFORE INSERT OR UPDATE ON "Transaction"
  FOR EACH ROW EXECUTE FUNCTION "transaction_render_engine_json"();

-- Rows written before this migration (the trigger renders each).
UPDATE "Transaction" SET "engineJson" = NULL;

-- The read takes a borrower's rows in (occurredAt, externalId) order, the bundle's, straight from this index:
-- sorting ~1,000 rendered rows inside string_agg(… ORDER BY …) cost PostgreSQL 15 ~0.5 ms per scoring.
CREATE INDEX "Transaction_tenantId_borrowerId_occurredAt_externalId_idx" ON "Transaction"("tenantId", "borrowerId", "occurredAt", "externalId");
DROP INDEX "Transaction_tenantId_borrowerId_occurredAt_idx";
