-- Free text about a person (withdrawal reasons, why a randomisation was a mistake) lives beside the identifiers,
-- never in the research store or Follow-up.
CREATE TABLE "notes" (
    "id" TEXT NOT NULL CONSTRAINT "PK_notes" PRIMARY KEY,
    "participant_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "regarding" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "written_by" TEXT NOT NULL,
    "written_at" TEXT NOT NULL
);
CREATE INDEX "IX_notes_participant_id" ON "notes" ("participant_id");
