-- Release 058f74f kept the trial manager's own words for a mistaken randomisation in mistaken_reason, which the data
-- package exports; today it holds a code (MistakeReasons) and the words are a sealed note. ResearchFreeTextMove moves
-- the old words at start; the append-only table takes exactly that change: a marked row's reason replaced by 'other'.
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
    IF TG_OP = 'UPDATE' AND OLD.mistaken AND NEW.mistaken_reason = 'other'
       AND (to_jsonb(NEW) - 'mistaken_reason') = (to_jsonb(OLD) - 'mistaken_reason') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'randomisations are append-only; only the mistaken mark may be set, once (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
