-- Earlier releases copied the participant's own words (a withdrawal's reason) into the stop record. Follow-up holds
-- codes only; the words are kept, sealed, in Enrollment's identity store. The scope code takes their place.
UPDATE followup.contact_stop SET reason = scope WHERE reason <> scope;
