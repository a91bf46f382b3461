-- The database lock (issue #9): one row whose stages are set once, in order, and never cleared.
CREATE TABLE "trial_lock" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_trial_lock" PRIMARY KEY,
    "recruitment_closed_at" TEXT NULL,
    "recruitment_closed_by" TEXT NULL,
    "recruitment_reason" TEXT NULL,
    "followup_locked_at" TEXT NULL,
    "followup_locked_by" TEXT NULL,
    "followup_reason" TEXT NULL,
    "database_locked_at" TEXT NULL,
    "database_locked_by" TEXT NULL,
    "database_package" TEXT NULL,
    CONSTRAINT "ck_trial_lock_single" CHECK (id = 1)
);
INSERT INTO trial_lock (id) VALUES (1);
CREATE TRIGGER trial_lock_no_delete BEFORE DELETE ON trial_lock
    BEGIN SELECT RAISE(ABORT, 'trial_lock stages are set once and never cleared'); END;
CREATE TRIGGER trial_lock_set_once BEFORE UPDATE ON trial_lock
    WHEN (OLD.recruitment_closed_at IS NOT NULL AND NEW.recruitment_closed_at IS NOT OLD.recruitment_closed_at)
      OR (OLD.followup_locked_at IS NOT NULL AND NEW.followup_locked_at IS NOT OLD.followup_locked_at)
      OR (OLD.database_locked_at IS NOT NULL AND NEW.database_locked_at IS NOT OLD.database_locked_at)
    BEGIN SELECT RAISE(ABORT, 'trial_lock stages are set once and never cleared'); END;
