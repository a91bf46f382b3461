-- Withdrawals and randomisations become append-only (only the mistaken mark may be set, once).
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
