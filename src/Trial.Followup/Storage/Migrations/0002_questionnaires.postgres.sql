-- Questionnaire links, drafts and responses, next to the occasion table in schema "followup". IF NOT EXISTS: releases before versioned scripts made them unrecorded.
CREATE TABLE IF NOT EXISTS followup.questionnaire_link (
    token_hash   bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),   -- SHA-256 of the token; the token itself is never stored
    occasion_id  uuid        NOT NULL REFERENCES followup.occasion (id),
    issued_at    timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz NULL
);
CREATE INDEX IF NOT EXISTS questionnaire_link_occasion_idx ON followup.questionnaire_link (occasion_id);

-- Saved, not yet submitted answers (save and resume). JSON: {"instrument": {"item": value}}.
CREATE TABLE IF NOT EXISTS followup.questionnaire_draft (
    occasion_id  uuid        PRIMARY KEY REFERENCES followup.occasion (id),
    answers      text        NOT NULL,
    saved_at     timestamptz NOT NULL
);

-- At most one response per occasion: the primary key is what makes a double submit store one response.
CREATE TABLE IF NOT EXISTS followup.questionnaire_response (
    occasion_id    uuid        PRIMARY KEY REFERENCES followup.occasion (id),
    submission_id  uuid        NOT NULL,
    mode           text        NOT NULL CHECK (mode IN ('web','phone','paper')),
    entered_by     text        NULL,
    answered_at    timestamptz NOT NULL,
    recorded_at    timestamptz NOT NULL,
    CONSTRAINT questionnaire_response_entered_by_check CHECK ((mode = 'web') = (entered_by IS NULL))
);

CREATE TABLE IF NOT EXISTS followup.questionnaire_item (
    occasion_id  uuid    NOT NULL REFERENCES followup.questionnaire_response (occasion_id),
    instrument   text    NOT NULL,
    item         text    NOT NULL,
    position     integer NOT NULL,
    value        integer NULL,
    PRIMARY KEY (occasion_id, instrument, item)
);

CREATE TABLE IF NOT EXISTS followup.questionnaire_score (
    occasion_id     uuid    NOT NULL REFERENCES followup.questionnaire_response (occasion_id),
    instrument      text    NOT NULL,
    scale           text    NOT NULL,
    position        integer NOT NULL,
    score           numeric NULL,
    items_answered  integer NOT NULL,
    items_total     integer NOT NULL,
    prorated        boolean NOT NULL,
    PRIMARY KEY (occasion_id, instrument, scale)
);
