-- A relay-wide backoff (RelayBackoff): a failure to open a session with the SMTP relay (refused password, untrusted
-- certificate, no STARTTLS, relay down) is the relay's, not a message's. One row while the relay fails, none while it
-- works: attempts in a row, since when, the last error's code (never the relay's text) and when it is tried again.
CREATE TABLE followup.relay_status (
    id             integer     PRIMARY KEY CHECK (id = 1),
    failures       integer     NOT NULL CHECK (failures > 0),
    first_failed_at timestamptz NOT NULL,
    last_failed_at timestamptz NOT NULL,
    last_error     text        NOT NULL,
    next_try_at    timestamptz NOT NULL
);
