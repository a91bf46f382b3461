-- Follow-up's own tables, prefixed followup_ in the shared SQLite file. Instants are fixed-width UTC ISO text, so they order as text.

CREATE TABLE IF NOT EXISTS followup_occasion (
    id                 text PRIMARY KEY,
    participant        text        NOT NULL,
    occasion_code      text        NOT NULL,
    protocol_hash      text        NOT NULL,
    centre_code        text        NOT NULL,
    arm_code           text        NOT NULL,
    language           text        NOT NULL,
    time_zone          text        NOT NULL,
    anchor_date        text        NOT NULL,
    due_on             text        NOT NULL,
    opens_at           text        NOT NULL,
    closes_at          text        NOT NULL,
    state              text        NOT NULL CHECK (state IN ('pending','invited','reminded','completed','missed','cancelled')),
    reminders_sent     integer     NOT NULL DEFAULT 0,
    invited_at         text        NULL,
    next_reminder_at   text        NULL,
    phone_task_due_at  text        NULL,
    closed_at          text        NULL,
    response_mode      text        NULL,
    cancel_reason      text        NULL,
    created_at         text        NOT NULL,
    CONSTRAINT occasion_participant_code_key UNIQUE (participant, occasion_code),
    CONSTRAINT occasion_cancel_reason_check CHECK ((state = 'cancelled') = (cancel_reason IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS followup_occasion_pending_opens_idx ON followup_occasion (opens_at) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS followup_occasion_open_reminder_idx ON followup_occasion (next_reminder_at) WHERE state IN ('invited','reminded');
CREATE INDEX IF NOT EXISTS followup_occasion_open_closes_idx ON followup_occasion (closes_at) WHERE state IN ('pending','invited','reminded');
CREATE INDEX IF NOT EXISTS followup_occasion_phone_due_idx ON followup_occasion (phone_task_due_at) WHERE phone_task_due_at IS NOT NULL;

-- One row per message to send. The idempotency key is (occasion, channel, attempt): 0 = invitation, n = reminder n.
CREATE TABLE IF NOT EXISTS followup_outbox (
    id               text PRIMARY KEY,
    occasion_id      text        NOT NULL REFERENCES followup_occasion (id),
    channel          text        NOT NULL CHECK (channel IN ('email','sms')),
    attempt          integer     NOT NULL CHECK (attempt >= 0),
    idempotency_key  text        NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('invitation','reminder')),
    not_before       text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('pending','sent','cancelled','no_address')),
    created_at       text        NOT NULL,
    sent_at          text        NULL,
    sent_by          text        NULL,
    cancel_reason    text        NULL,
    CONSTRAINT outbox_occasion_channel_attempt_key UNIQUE (occasion_id, channel, attempt),
    CONSTRAINT outbox_idempotency_key_key UNIQUE (idempotency_key)
);
CREATE INDEX IF NOT EXISTS followup_outbox_due_idx ON followup_outbox (not_before) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS followup_outbox_occasion_idx ON followup_outbox (occasion_id);

-- A coordinator's task to phone a non-responder after the last reminder.
CREATE TABLE IF NOT EXISTS followup_phone_task (
    id           text PRIMARY KEY,
    occasion_id  text        NOT NULL REFERENCES followup_occasion (id),
    participant  text        NOT NULL,
    centre_code  text        NOT NULL,
    created_at   text        NOT NULL,
    state        text        NOT NULL CHECK (state IN ('open','done','cancelled')),
    closed_reason text       NULL,
    CONSTRAINT phone_task_occasion_key UNIQUE (occasion_id)
);

-- Each stop of contact Enrollment reports (withdrawal scopes, death), once per participant and scope.
CREATE TABLE IF NOT EXISTS followup_contact_stop (
    participant  text        NOT NULL,
    scope        text        NOT NULL,
    effective_on text        NOT NULL,
    reason       text        NOT NULL,
    recorded_at  text        NOT NULL,
    PRIMARY KEY (participant, scope)
);
