-- Audit hash version 2 (#10): an entry's hash covers a SHA-256 digest of its payload (payload_digest) instead of the
-- payload, so a payload that must not stay (old free text) can be redacted while the chain and every other payload still
-- verify. former_hash keeps the hash an entry had before the one-time re-chain (AuditHashUpgrade), so heads kept from
-- before the upgrade can still be checked.
ALTER TABLE "audit_entries" ADD COLUMN "hash_version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "audit_entries" ADD COLUMN "payload_digest" TEXT NULL;
ALTER TABLE "audit_entries" ADD COLUMN "former_hash" TEXT NULL;

-- The append-only trigger takes exactly two changes: the re-chain (content unchanged, the old hash kept, once) and a
-- redaction of a version-2 payload (only the payload, to an object carrying the "redacted" marker). verify accepts a
-- redacted payload only if an audit.payloads-redacted entry lists it with the redacted text's digest.
DROP TRIGGER IF EXISTS audit_entries_no_update;
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
    WHEN NOT (NEW.id IS OLD.id AND NEW.chain IS OLD.chain AND NEW.chain_seq IS OLD.chain_seq AND NEW.at IS OLD.at
              AND NEW.actor IS OLD.actor AND NEW.action IS OLD.action AND NEW.subject IS OLD.subject
              AND ((OLD.former_hash IS NULL AND NEW.former_hash IS OLD.hash AND NEW.hash_version IS 2
                    AND NEW.payload_digest IS NOT NULL AND NEW.payload IS OLD.payload)
                   OR (OLD.hash_version IS 2 AND NEW.payload LIKE '{%"redacted":%' AND NEW.hash_version IS 2
                       AND NEW.payload_digest IS OLD.payload_digest AND NEW.former_hash IS OLD.former_hash
                       AND NEW.previous_hash IS OLD.previous_hash AND NEW.hash IS OLD.hash)))
    BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;

-- Rewrites of this file still to run (VACUUM and an emptied WAL), for bytes a change left in free pages: the start-up
-- runs those not yet done (SqliteFileRewrite.RunPendingAsync), so a stop between the change and the rewrite only
-- delays it. The audit redaction asks for one.
CREATE TABLE "file_rewrites" (
    "reason" TEXT NOT NULL CONSTRAINT "PK_file_rewrites" PRIMARY KEY,
    "done_at" TEXT NULL
);
