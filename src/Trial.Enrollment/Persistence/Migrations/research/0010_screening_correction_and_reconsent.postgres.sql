-- Screening correction and re-consent (issues #9/#11): when the screening was last corrected, and the date of the
-- latest re-consent (consent_form_version then names the re-consented form; consent_on stays the first consent).
-- The values before and after each change are in the audit trail.
ALTER TABLE participants ADD COLUMN screening_corrected_on date NULL;
ALTER TABLE participants ADD COLUMN reconsented_on date NULL;
