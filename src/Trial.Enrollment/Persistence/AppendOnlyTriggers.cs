namespace Trial.Enrollment.Persistence;

/// <summary>Database triggers that refuse UPDATE and DELETE on the audit trail and the allocations' identity columns.</summary>
internal static class AppendOnlyTriggers
{
    public const string Postgres = """
        CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_entries is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;
        DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries;
        CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
            FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
        CREATE OR REPLACE FUNCTION randomisations_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'randomisations are never deleted; mark them mistaken' USING ERRCODE = 'insufficient_privilege';
        END $$;
        DROP TRIGGER IF EXISTS randomisations_never_deleted ON randomisations;
        CREATE TRIGGER randomisations_never_deleted BEFORE DELETE ON randomisations
            FOR EACH ROW EXECUTE FUNCTION randomisations_never_deleted();
        """;

    public const string Sqlite = """
        CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries
            BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries
            BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS randomisations_no_delete BEFORE DELETE ON randomisations
            BEGIN SELECT RAISE(ABORT, 'randomisations are never deleted; mark them mistaken'); END;
        """;
}
