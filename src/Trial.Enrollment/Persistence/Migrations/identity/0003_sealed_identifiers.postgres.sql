-- Field-level encryption: identifiers are sealed with a per-person key (wrapped with the master key, outside the
-- database); duplicates are found by a keyed hash of the fødselsnummer. Rows written before this are sealed at start.
ALTER TABLE identity.persons ADD COLUMN national_id_hash text;
DROP INDEX identity."IX_persons_national_id";
CREATE UNIQUE INDEX "IX_persons_national_id_hash" ON identity.persons (national_id_hash);

CREATE TABLE identity.person_keys (
    participant_id uuid NOT NULL,
    wrapped_key bytea NOT NULL,
    master_fingerprint text NOT NULL,
    CONSTRAINT "PK_person_keys" PRIMARY KEY (participant_id)
);
