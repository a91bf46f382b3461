-- Field-level encryption: identifiers are sealed with a per-person key (wrapped with the master key, outside the
-- database); duplicates are found by a keyed hash of the fødselsnummer. Rows written before this are sealed at start.
ALTER TABLE "persons" ADD COLUMN "national_id_hash" TEXT NULL;
DROP INDEX "IX_persons_national_id";
CREATE UNIQUE INDEX "IX_persons_national_id_hash" ON "persons" ("national_id_hash");

CREATE TABLE "person_keys" (
    "participant_id" TEXT NOT NULL CONSTRAINT "PK_person_keys" PRIMARY KEY,
    "wrapped_key" BLOB NOT NULL,
    "master_fingerprint" TEXT NOT NULL
);
