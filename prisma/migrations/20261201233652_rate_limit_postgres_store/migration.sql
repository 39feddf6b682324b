-- rate-limiter-flexible's PostgreSQL store (one upsert per request on the driver) keeps `expire` as epoch
-- milliseconds. Converted in place, index included (edited by hand from the generated DROP/ADD, which would
-- have left every live counter without an expiry, i.e. counting forever).
-- AlterTable
ALTER TABLE "RateLimit" ALTER COLUMN "expire" SET DATA TYPE BIGINT USING (floor(extract(epoch FROM "expire") * 1000))::bigint;
