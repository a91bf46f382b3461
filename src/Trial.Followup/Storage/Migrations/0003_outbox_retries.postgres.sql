-- Retries with backoff, parking and "no relay": a send is claimed in one short transaction (tries + 1, a claim token,
-- not_before pushed past a lease so a dead node's claim falls due again), sent outside any transaction, and its outcome
-- recorded in another. A message that keeps failing is parked (and becomes a phone task); e-mail without a configured
-- relay is held, never marked sent. last_error holds a code (e.g. smtp-550), never the relay's text, which can name the address.
ALTER TABLE followup.outbox DROP CONSTRAINT IF EXISTS outbox_state_check;
ALTER TABLE followup.outbox ADD CONSTRAINT outbox_state_check
    CHECK (state IN ('pending','sent','cancelled','no_address','parked','held'));
ALTER TABLE followup.outbox ADD COLUMN tries integer NOT NULL DEFAULT 0 CHECK (tries >= 0);
ALTER TABLE followup.outbox ADD COLUMN claim_token text NULL;
ALTER TABLE followup.outbox ADD COLUMN last_error text NULL;
ALTER TABLE followup.outbox ADD COLUMN parked_at timestamptz NULL;
CREATE INDEX outbox_undelivered_idx ON followup.outbox (occasion_id) WHERE state IN ('parked','held');

-- Why a coordinator is asked to phone: no answer after the last reminder, or a message that could not be delivered.
ALTER TABLE followup.phone_task ADD COLUMN reason text NOT NULL DEFAULT 'no_response' CHECK (reason IN ('no_response','undeliverable'));
