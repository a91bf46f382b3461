-- Retries with backoff, parking and "no relay" (see the PostgreSQL script). SQLite cannot change a CHECK constraint in
-- place, so the outbox is rebuilt with the wider state list and its rows copied; nothing references the outbox.
CREATE TABLE followup_outbox_v3 (
    id               text PRIMARY KEY,
    occasion_id      text        NOT NULL REFERENCES followup_occasion (id),
    channel          text        NOT NULL CHECK (channel IN ('email','sms')),
    attempt          integer     NOT NULL CHECK (attempt >= 0),
    idempotency_key  text        NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('invitation','reminder')),
    not_before       text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('pending','sent','cancelled','no_address','parked','held')),
    created_at       text        NOT NULL,
    sent_at          text        NULL,
    sent_by          text        NULL,
    cancel_reason    text        NULL,
    tries            integer     NOT NULL DEFAULT 0 CHECK (tries >= 0),
    claim_token      text        NULL,
    last_error       text        NULL,
    parked_at        text        NULL,
    CONSTRAINT outbox_occasion_channel_attempt_key UNIQUE (occasion_id, channel, attempt),
    CONSTRAINT outbox_idempotency_key_key UNIQUE (idempotency_key)
);
INSERT INTO followup_outbox_v3 (id, occasion_id, channel, attempt, idempotency_key, kind, not_before, state, created_at, sent_at, sent_by, cancel_reason)
    SELECT id, occasion_id, channel, attempt, idempotency_key, kind, not_before, state, created_at, sent_at, sent_by, cancel_reason FROM followup_outbox;
DROP TABLE followup_outbox;
ALTER TABLE followup_outbox_v3 RENAME TO followup_outbox;
CREATE INDEX followup_outbox_due_idx ON followup_outbox (not_before) WHERE state = 'pending';
CREATE INDEX followup_outbox_occasion_idx ON followup_outbox (occasion_id);
CREATE INDEX followup_outbox_undelivered_idx ON followup_outbox (occasion_id) WHERE state IN ('parked','held');

ALTER TABLE followup_phone_task ADD COLUMN reason text NOT NULL DEFAULT 'no_response' CHECK (reason IN ('no_response','undeliverable'));
