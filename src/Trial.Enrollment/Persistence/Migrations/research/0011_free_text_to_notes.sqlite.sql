-- Words that earlier releases kept here (a withdrawal's reason, a paper allocation's reason) move to the identity store
-- as sealed notes at start (ResearchFreeTextMove); the key to seal them never enters the database, so no script can.
-- The append-only tables take exactly that one change: the words replaced by a fixed code, every other column equal.
DROP TRIGGER IF EXISTS withdrawals_no_update;
CREATE TRIGGER withdrawals_no_update BEFORE UPDATE ON withdrawals
    WHEN NOT (NEW.reason IS 'in-identity-notes' AND NEW.id IS OLD.id AND NEW.participant_id IS OLD.participant_id AND NEW.scope IS OLD.scope
              AND NEW.effective_on IS OLD.effective_on AND NEW.recorded_by IS OLD.recorded_by AND NEW.recorded_at IS OLD.recorded_at)
    BEGIN SELECT RAISE(ABORT, 'withdrawals is append-only'); END;

DROP TRIGGER IF EXISTS randomisations_no_update;
CREATE TRIGGER randomisations_no_update BEFORE UPDATE OF id, participant_id, idempotency_key, stratum, period, ratio,
    first_arm_probability, slot, block, block_size, arm, randomised_on, randomised_at, randomised_by, protocol_sha256, seed_sha256,
    method ON randomisations
    BEGIN SELECT RAISE(ABORT, 'randomisations are append-only; only the mistaken mark may be set'); END;
CREATE TRIGGER randomisations_paper_reason_coded BEFORE UPDATE OF paper_reason ON randomisations
    WHEN NOT (OLD.method IS 'Paper' AND NEW.paper_reason IS 'other')
    BEGIN SELECT RAISE(ABORT, 'randomisations are append-only; a paper reason may only be replaced by its code'); END;
DROP TRIGGER IF EXISTS randomisations_mistaken_once;
CREATE TRIGGER randomisations_mistaken_once BEFORE UPDATE ON randomisations
    WHEN OLD.mistaken AND NOT (NEW.paper_reason IS 'other' AND NEW.mistaken IS OLD.mistaken AND NEW.mistaken_reason IS OLD.mistaken_reason
                               AND NEW.mistaken_by IS OLD.mistaken_by)
    BEGIN SELECT RAISE(ABORT, 'the mistaken mark is set once'); END;
