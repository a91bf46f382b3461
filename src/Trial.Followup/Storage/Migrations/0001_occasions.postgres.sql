-- Follow-up's own tables in schema "followup". IF NOT EXISTS because releases before versioned scripts made them unrecorded.
CREATE SCHEMA IF NOT EXISTS followup;

CREATE TABLE IF NOT EXISTS followup.occasion (
    id                 uuid PRIMARY KEY,
    participant        uuid        NOT NULL,
    occasion_code      text        NOT NULL,
    protocol_hash      text        NOT NULL,
    centre_code        text        NOT NULL,
    arm_code           text        NOT NULL,
    language           text        NOT NULL,
    time_zone          text        NOT NULL,
    anchor_date        date        NOT NULL,
    due_on             date        NOT NULL,
    opens_at           timestamptz NOT NULL,
    closes_at          timestamptz NOT NULL,
    state              text        NOT NULL CHECK (state IN ('pending','invited','reminded','completed','missed','cancelled')),
    reminders_sent     integer     NOT NULL DEFAULT 0,
    invited_at         timestamptz NULL,
    next_reminder_at   timestamptz NULL,
    phone_task_due_at  timestamptz NULL,
    closed_at          timestamptz NULL,
    response_mode      text        NULL,
    cancel_reason      text        NULL,
    created_at         timestamptz NOT NULL,
    CONSTRAINT occasion_participant_code_key UNIQUE (participant, occasion_code),
    CONSTRAINT occasion_cancel_reason_check CHECK ((state = 'cancelled') = (cancel_reason IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS occasion_pending_opens_idx ON followup.occasion (opens_at) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS occasion_open_reminder_idx ON followup.occasion (next_reminder_at) WHERE state IN ('invited','reminded');
CREATE INDEX IF NOT EXISTS occasion_open_closes_idx ON followup.occasion (closes_at) WHERE state IN ('pending','invited','reminded');
CREATE INDEX IF NOT EXISTS occasion_phone_due_idx ON followup.occasion (phone_task_due_at) WHERE phone_task_due_at IS NOT NULL;

-- One row per message to send. The idempotency key is (occasion, channel, attempt): 0 = invitation, n = reminder n.
CREATE TABLE IF NOT EXISTS followup.outbox (
    id               uuid PRIMARY KEY,
    occasion_id      uuid        NOT NULL REFERENCES followup.occasion (id),
    channel          text        NOT NULL CHECK (channel IN ('email','sms')),
    attempt          integer     NOT NULL CHECK (attempt >= 0),
    idempotency_key  text        NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('invitation','reminder')),
    not_before       timestamptz NOT NULL,
    state            text        NOT NULL CHECK (state IN ('pending','sent','cancelled','no_address')),
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz NULL,
    sent_by          text        NULL,
    cancel_reason    text        NULL,
    CONSTRAINT outbox_occasion_channel_attempt_key UNIQUE (occasion_id, channel, attempt),
    CONSTRAINT outbox_idempotency_key_key UNIQUE (idempotency_key)
);
CREATE INDEX IF NOT EXISTS outbox_due_idx ON followup.outbox (not_before) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS outbox_occasion_idx ON followup.outbox (occasion_id);

-- A coordinator's task to phone a non-responder after the last reminder.
CREATE TABLE IF NOT EXISTS followup.phone_task (
    id           uuid PRIMARY KEY,
    occasion_id  uuid        NOT NULL REFERENCES followup.occasion (id),
    participant  uuid        NOT NULL,
    centre_code  text        NOT NULL,
    created_at   timestamptz NOT NULL,
    state        text        NOT NULL CHECK (state IN ('open','done','cancelled')),
    closed_reason text       NULL,
    CONSTRAINT phone_task_occasion_key UNIQUE (occasion_id)
);

-- Each stop of contact Enrollment reports (withdrawal scopes, death), once per participant and scope.
CREATE TABLE IF NOT EXISTS followup.contact_stop (
    participant  uuid        NOT NULL,
    scope        text        NOT NULL,
    effective_on date        NOT NULL,
    reason       text        NOT NULL,
    recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (participant, scope)
);
