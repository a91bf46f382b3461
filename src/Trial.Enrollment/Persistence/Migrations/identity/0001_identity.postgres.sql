DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'identity') THEN
        CREATE SCHEMA identity;
    END IF;
END $EF$;

CREATE TABLE identity.persons (
    participant_id uuid NOT NULL,
    national_id text NOT NULL,
    name text NOT NULL,
    phone text,
    email text,
    language text NOT NULL,
    CONSTRAINT "PK_persons" PRIMARY KEY (participant_id)
);

CREATE UNIQUE INDEX "IX_persons_national_id" ON identity.persons (national_id);

