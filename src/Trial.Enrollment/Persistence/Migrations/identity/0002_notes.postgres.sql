-- Free text about a person (withdrawal reasons, why a randomisation was a mistake) lives beside the identifiers,
-- never in the research store or Follow-up.
CREATE TABLE identity.notes (
    id uuid NOT NULL,
    participant_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    regarding uuid NOT NULL,
    text text NOT NULL,
    written_by text NOT NULL,
    written_at timestamp with time zone NOT NULL,
    CONSTRAINT "PK_notes" PRIMARY KEY (id)
);

CREATE INDEX "IX_notes_participant_id" ON identity.notes (participant_id);
