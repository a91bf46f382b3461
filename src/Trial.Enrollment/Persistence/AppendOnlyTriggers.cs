namespace Trial.Enrollment.Persistence;

/// <summary>
/// Database triggers that make the event tables append-only: the audit trail and withdrawals refuse UPDATE and DELETE;
/// randomisations refuse DELETE and every UPDATE except setting the mistaken mark once. <see cref="Postgres"/> is the
/// first migration's version; <see cref="PostgresEventTables"/> is added by a later one.
/// </summary>
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

    public const string PostgresEventTables = """
        CREATE OR REPLACE FUNCTION event_table_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;
        DROP TRIGGER IF EXISTS withdrawals_append_only ON withdrawals;
        CREATE TRIGGER withdrawals_append_only BEFORE UPDATE OR DELETE ON withdrawals
            FOR EACH ROW EXECUTE FUNCTION event_table_append_only();
        CREATE OR REPLACE FUNCTION randomisations_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND NOT OLD.mistaken AND NEW.mistaken
               AND (to_jsonb(NEW) - 'mistaken' - 'mistaken_reason' - 'mistaken_by') = (to_jsonb(OLD) - 'mistaken' - 'mistaken_reason' - 'mistaken_by') THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'randomisations are append-only; only the mistaken mark may be set, once (% refused)', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END $$;
        DROP TRIGGER IF EXISTS randomisations_never_deleted ON randomisations;
        DROP TRIGGER IF EXISTS randomisations_append_only ON randomisations;
        CREATE TRIGGER randomisations_append_only BEFORE UPDATE OR DELETE ON randomisations
            FOR EACH ROW EXECUTE FUNCTION randomisations_append_only();
        """;

    public const string Sqlite = """
        CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries
            BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries
            BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS randomisations_no_delete BEFORE DELETE ON randomisations
            BEGIN SELECT RAISE(ABORT, 'randomisations are never deleted; mark them mistaken'); END;
        CREATE TRIGGER IF NOT EXISTS randomisations_no_update BEFORE UPDATE OF id, participant_id, idempotency_key, stratum, period, ratio,
            first_arm_probability, slot, block, block_size, arm, randomised_on, randomised_at, randomised_by, protocol_sha256, seed_sha256,
            method, paper_reason ON randomisations
            BEGIN SELECT RAISE(ABORT, 'randomisations are append-only; only the mistaken mark may be set'); END;
        CREATE TRIGGER IF NOT EXISTS randomisations_mistaken_once BEFORE UPDATE ON randomisations WHEN OLD.mistaken
            BEGIN SELECT RAISE(ABORT, 'the mistaken mark is set once'); END;
        CREATE TRIGGER IF NOT EXISTS withdrawals_no_update BEFORE UPDATE ON withdrawals
            BEGIN SELECT RAISE(ABORT, 'withdrawals is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS withdrawals_no_delete BEFORE DELETE ON withdrawals
            BEGIN SELECT RAISE(ABORT, 'withdrawals is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS baseline_answers_no_update BEFORE UPDATE ON baseline_answers
            BEGIN SELECT RAISE(ABORT, 'baseline_answers is append-only; record a correction instead'); END;
        CREATE TRIGGER IF NOT EXISTS baseline_answers_no_delete BEFORE DELETE ON baseline_answers
            BEGIN SELECT RAISE(ABORT, 'baseline_answers is append-only; record a correction instead'); END;
        """;
}
