-- Release 058f74f kept the trial manager's own words for a mistaken randomisation in mistaken_reason (see the
-- PostgreSQL script); the append-only triggers take exactly the move: a marked row's reason replaced by 'other'.
DROP TRIGGER IF EXISTS randomisations_mistaken_once;
CREATE TRIGGER randomisations_mistaken_once BEFORE UPDATE ON randomisations
    WHEN OLD.mistaken AND NOT (NEW.mistaken IS OLD.mistaken AND NEW.mistaken_by IS OLD.mistaken_by
                               AND ((NEW.paper_reason IS 'other' AND NEW.mistaken_reason IS OLD.mistaken_reason)
                                    OR (NEW.mistaken_reason IS 'other' AND NEW.paper_reason IS OLD.paper_reason)))
    BEGIN SELECT RAISE(ABORT, 'the mistaken mark is set once'); END;
