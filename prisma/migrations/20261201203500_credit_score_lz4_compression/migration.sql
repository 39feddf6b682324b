-- A scoring row carries ~12 kB of JSON (the result alone ~10 kB), TOAST-compressed on every insert: lz4 does it
-- for a third to a half of pglz's CPU in PostgreSQL (0.18–0.26 against 0.40–0.80 ms per row, measured on
-- 2026-12-01 over 1,000 stored results) and stores ~6 % more bytes. Rows already written keep pglz and read
-- as before. A server built without lz4 (the embedded PGlite) keeps pglz.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "CreditScore"
      ALTER COLUMN "inputs" SET COMPRESSION lz4,
      ALTER COLUMN "features" SET COMPRESSION lz4,
      ALTER COLUMN "result" SET COMPRESSION lz4,
      ALTER COLUMN "challengerResult" SET COMPRESSION lz4;
  END IF;
END $$;
