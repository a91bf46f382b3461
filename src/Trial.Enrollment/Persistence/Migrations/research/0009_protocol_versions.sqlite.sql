-- Every protocol version the service has run under (issue #9): hash, effective date, reason, and the files' hashes and
-- protocol.yaml text, so a later change without a new version can be named. Append-only.
CREATE TABLE "protocol_versions" (
    "version" TEXT NOT NULL CONSTRAINT "PK_protocol_versions" PRIMARY KEY,
    "sha256" TEXT NOT NULL,
    "effective_on" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    "files" TEXT NOT NULL,
    "protocol_yaml" TEXT NOT NULL
);
CREATE TRIGGER protocol_versions_no_update BEFORE UPDATE ON protocol_versions
    BEGIN SELECT RAISE(ABORT, 'protocol_versions is append-only'); END;
CREATE TRIGGER protocol_versions_no_delete BEFORE DELETE ON protocol_versions
    BEGIN SELECT RAISE(ABORT, 'protocol_versions is append-only'); END;
