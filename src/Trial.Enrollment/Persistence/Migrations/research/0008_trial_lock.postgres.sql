-- The database lock (issue #9): one row whose stages are set once, in order, and never cleared.
CREATE TABLE trial_lock (
    id integer NOT NULL,
    recruitment_closed_at timestamp with time zone,
    recruitment_closed_by text,
    recruitment_reason text,
    followup_locked_at timestamp with time zone,
    followup_locked_by text,
    followup_reason text,
    database_locked_at timestamp with time zone,
    database_locked_by text,
    database_package text,
    CONSTRAINT "PK_trial_lock" PRIMARY KEY (id),
    CONSTRAINT ck_trial_lock_single CHECK (id = 1)
);
INSERT INTO trial_lock (id) VALUES (1);

CREATE OR REPLACE FUNCTION trial_lock_set_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       OR (OLD.recruitment_closed_at IS NOT NULL AND NEW.recruitment_closed_at IS DISTINCT FROM OLD.recruitment_closed_at)
       OR (OLD.followup_locked_at IS NOT NULL AND NEW.followup_locked_at IS DISTINCT FROM OLD.followup_locked_at)
       OR (OLD.database_locked_at IS NOT NULL AND NEW.database_locked_at IS DISTINCT FROM OLD.database_locked_at) THEN
        RAISE EXCEPTION 'trial_lock stages are set once and never cleared (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER trial_lock_set_once BEFORE UPDATE OR DELETE ON trial_lock FOR EACH ROW EXECUTE FUNCTION trial_lock_set_once();
