-- Words that earlier releases kept here (a withdrawal's reason, a paper allocation's reason) move to the identity store
-- as sealed notes at start (ResearchFreeTextMove); the key to seal them never enters the database, so no script can.
-- The append-only tables take exactly that one change: the words replaced by a fixed code, every other column equal.
CREATE OR REPLACE FUNCTION withdrawals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.reason = 'in-identity-notes' AND (to_jsonb(NEW) - 'reason') = (to_jsonb(OLD) - 'reason') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'withdrawals is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER IF EXISTS withdrawals_append_only ON withdrawals;
CREATE TRIGGER withdrawals_append_only BEFORE UPDATE OR DELETE ON withdrawals
    FOR EACH ROW EXECUTE FUNCTION withdrawals_append_only();

CREATE OR REPLACE FUNCTION randomisations_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NOT OLD.mistaken AND NEW.mistaken
       AND (to_jsonb(NEW) - 'mistaken' - 'mistaken_reason' - 'mistaken_by') = (to_jsonb(OLD) - 'mistaken' - 'mistaken_reason' - 'mistaken_by') THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.method = 'Paper' AND NEW.paper_reason = 'other'
       AND (to_jsonb(NEW) - 'paper_reason') = (to_jsonb(OLD) - 'paper_reason') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'randomisations are append-only; only the mistaken mark may be set, once (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
