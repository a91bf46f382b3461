-- Questionnaire links, drafts and responses (SQLite: prefixed tables, instants and UUIDs as text). IF NOT EXISTS: releases before versioned scripts made them unrecorded.
CREATE TABLE IF NOT EXISTS followup_questionnaire_link (
    token_hash   BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
    occasion_id  TEXT NOT NULL REFERENCES followup_occasion (id),
    issued_at    TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT NULL
);
CREATE INDEX IF NOT EXISTS questionnaire_link_occasion_idx ON followup_questionnaire_link (occasion_id);

CREATE TABLE IF NOT EXISTS followup_questionnaire_draft (
    occasion_id  TEXT PRIMARY KEY REFERENCES followup_occasion (id),
    answers      TEXT NOT NULL,
    saved_at     TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS followup_questionnaire_response (
    occasion_id    TEXT PRIMARY KEY REFERENCES followup_occasion (id),
    submission_id  TEXT NOT NULL,
    mode           TEXT NOT NULL CHECK (mode IN ('web','phone','paper')),
    entered_by     TEXT NULL,
    answered_at    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    CHECK ((mode = 'web') = (entered_by IS NULL))
);

CREATE TABLE IF NOT EXISTS followup_questionnaire_item (
    occasion_id  TEXT    NOT NULL REFERENCES followup_questionnaire_response (occasion_id),
    instrument   TEXT    NOT NULL,
    item         TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    value        INTEGER NULL,
    PRIMARY KEY (occasion_id, instrument, item)
);

-- Scores as invariant decimal text, so prorated values keep their exact decimals.
CREATE TABLE IF NOT EXISTS followup_questionnaire_score (
    occasion_id     TEXT    NOT NULL REFERENCES followup_questionnaire_response (occasion_id),
    instrument      TEXT    NOT NULL,
    scale           TEXT    NOT NULL,
    position        INTEGER NOT NULL,
    score           TEXT    NULL,
    items_answered  INTEGER NOT NULL,
    items_total     INTEGER NOT NULL,
    prorated        INTEGER NOT NULL,
    PRIMARY KEY (occasion_id, instrument, scale)
);
