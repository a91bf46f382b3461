-- A relay-wide backoff (see the PostgreSQL script): one row while the SMTP relay fails, none while it works.
CREATE TABLE followup_relay_status (
    id              integer PRIMARY KEY CHECK (id = 1),
    failures        integer NOT NULL CHECK (failures > 0),
    first_failed_at text    NOT NULL,
    last_failed_at  text    NOT NULL,
    last_error      text    NOT NULL,
    next_try_at     text    NOT NULL
);
