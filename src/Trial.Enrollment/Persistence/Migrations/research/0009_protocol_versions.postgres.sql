-- Every protocol version the service has run under (issue #9): hash, effective date, reason, and the files' hashes and
-- protocol.yaml text, so a later change without a new version can be named. Append-only.
CREATE TABLE protocol_versions (
    version text NOT NULL,
    sha256 text NOT NULL,
    effective_on date NOT NULL,
    reason text NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    files text NOT NULL,
    protocol_yaml text NOT NULL,
    CONSTRAINT "PK_protocol_versions" PRIMARY KEY (version)
);
CREATE TRIGGER protocol_versions_append_only BEFORE UPDATE OR DELETE ON protocol_versions
    FOR EACH ROW EXECUTE FUNCTION event_table_append_only();
