-- Notes (free text about a person) are sealed with the person's key like the identifiers. The key lives outside the
-- database, so the existing rows are sealed by the service at start (LegacyIdentitySealing); this column tells it which.
ALTER TABLE identity.notes ADD COLUMN sealed boolean NOT NULL DEFAULT false;
