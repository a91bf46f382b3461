-- Audit hash version 2 (#10): an entry's hash covers a SHA-256 digest of its payload (payload_digest) instead of the
-- payload, so a payload that must not stay (old free text) can be redacted while the chain and every other payload still
-- verify. former_hash keeps the hash an entry had before the one-time re-chain (AuditHashUpgrade), so heads kept from
-- before the upgrade can still be checked.
ALTER TABLE audit_entries ADD COLUMN hash_version integer NOT NULL DEFAULT 1;
ALTER TABLE audit_entries ADD COLUMN payload_digest text NULL;
ALTER TABLE audit_entries ADD COLUMN former_hash text NULL;

-- The append-only trigger takes exactly two changes: the re-chain (content unchanged, the old hash kept, once) and a
-- redaction of a version-2 payload (only the payload, to an object carrying the "redacted" marker). verify accepts a
-- redacted payload only if an audit.payloads-redacted entry lists it with the redacted text's digest.
CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.former_hash IS NULL AND NEW.former_hash = OLD.hash AND NEW.hash_version = 2
       AND NEW.payload_digest IS NOT NULL AND NEW.payload = OLD.payload
       AND (to_jsonb(NEW) - 'hash_version' - 'payload_digest' - 'former_hash' - 'previous_hash' - 'hash')
         = (to_jsonb(OLD) - 'hash_version' - 'payload_digest' - 'former_hash' - 'previous_hash' - 'hash') THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.hash_version = 2 AND NEW.payload LIKE '{%"redacted":%'
       AND (to_jsonb(NEW) - 'payload') = (to_jsonb(OLD) - 'payload') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_entries is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
-- (SQLite's script also adds file_rewrites: rewriting a file to drop freed bytes is a SQLite matter.)
