-- The embedded (SQLite) research schema as the releases before versioned scripts created it whole (EF EnsureCreated
-- plus the append-only triggers). Versions 0002-0007 changed PostgreSQL only; on SQLite they were already part of this.
CREATE TABLE "allocation_counters" (
    "stratum" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "next_slot" INTEGER NOT NULL,
    CONSTRAINT "PK_allocation_counters" PRIMARY KEY ("stratum", "period")
);
CREATE TABLE "allocation_seeds" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_allocation_seeds" PRIMARY KEY,
    "seed" BLOB NOT NULL,
    "key_id" TEXT NULL,
    "seed_sha256" TEXT NOT NULL,
    "set_by" TEXT NOT NULL,
    "set_at" TEXT NOT NULL,
    CONSTRAINT "ck_allocation_seeds_single" CHECK (id = 1)
);
CREATE TABLE "audit_chains" (
    "chain" TEXT NOT NULL CONSTRAINT "PK_audit_chains" PRIMARY KEY,
    "last_seq" INTEGER NOT NULL,
    "last_hash" TEXT NOT NULL
);
CREATE TABLE "audit_entries" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_audit_entries" PRIMARY KEY AUTOINCREMENT,
    "chain" TEXT NOT NULL,
    "chain_seq" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "previous_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);
CREATE TABLE "baseline_answers" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_baseline_answers" PRIMARY KEY AUTOINCREMENT,
    "participant_id" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "value" TEXT NULL,
    "recorded_on" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL
);
CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NULL,
    "xml" TEXT NOT NULL
);
CREATE TABLE "fidelity_actions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_fidelity_actions" PRIMARY KEY AUTOINCREMENT,
    "review_id" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "due_on" TEXT NOT NULL
);
CREATE TABLE "fidelity_consensus" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_fidelity_consensus" PRIMARY KEY AUTOINCREMENT,
    "review_id" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "strengths" TEXT NULL,
    "recommendation" TEXT NULL,
    "override_reason" TEXT NULL
);
CREATE TABLE "fidelity_ratings" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_fidelity_ratings" PRIMARY KEY AUTOINCREMENT,
    "review_id" TEXT NOT NULL,
    "reviewer" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "score" INTEGER NOT NULL
);
CREATE TABLE "fidelity_reviews" (
    "id" TEXT NOT NULL CONSTRAINT "PK_fidelity_reviews" PRIMARY KEY,
    "centre" TEXT NOT NULL,
    "scale" TEXT NOT NULL,
    "review_date" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reviewer_a" TEXT NOT NULL,
    "reviewer_b" TEXT NOT NULL,
    "evidence" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "finalised_by" TEXT NULL,
    "finalised_at" TEXT NULL,
    "total" INTEGER NULL,
    "category" TEXT NULL
);
CREATE TABLE "id_counters" (
    "name" TEXT NOT NULL CONSTRAINT "PK_id_counters" PRIMARY KEY,
    "next" INTEGER NOT NULL
);
CREATE TABLE "participants" (
    "id" TEXT NOT NULL CONSTRAINT "PK_participants" PRIMARY KEY,
    "research_id" TEXT NOT NULL,
    "centre" TEXT NOT NULL,
    "organisation" TEXT NULL,
    "screened_on" TEXT NOT NULL,
    "screened_by" TEXT NOT NULL,
    "age_at_screening" INTEGER NOT NULL,
    "sex" TEXT NOT NULL,
    "eligible" INTEGER NOT NULL,
    "exclusion_reason" TEXT NULL,
    "screening" TEXT NOT NULL,
    "severity" TEXT NULL,
    "education" TEXT NULL,
    "state" TEXT NOT NULL,
    "consent_form_version" TEXT NULL,
    "consent_on" TEXT NULL,
    "consent_taken_by" TEXT NULL,
    "register_linkage_consent" INTEGER NOT NULL,
    "died_on" TEXT NULL
);
CREATE TABLE "randomisations" (
    "id" TEXT NOT NULL CONSTRAINT "PK_randomisations" PRIMARY KEY,
    "participant_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "stratum" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "ratio" TEXT NOT NULL,
    "first_arm_probability" REAL NOT NULL,
    "slot" INTEGER NULL,
    "block" INTEGER NULL,
    "block_size" INTEGER NULL,
    "arm" TEXT NOT NULL,
    "randomised_on" TEXT NOT NULL,
    "randomised_at" TEXT NOT NULL,
    "randomised_by" TEXT NOT NULL,
    "protocol_sha256" TEXT NOT NULL,
    "seed_sha256" TEXT NULL,
    "method" TEXT NOT NULL,
    "paper_reason" TEXT NULL,
    "mistaken" INTEGER NOT NULL,
    "mistaken_reason" TEXT NULL,
    "mistaken_by" TEXT NULL
);
CREATE TABLE "staff_users" (
    "id" TEXT NOT NULL CONSTRAINT "PK_staff_users" PRIMARY KEY,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "centres" TEXT NOT NULL,
    "security_stamp" TEXT NOT NULL,
    "disabled" INTEGER NOT NULL,
    "failed_logins" INTEGER NOT NULL,
    "locked_until" TEXT NULL
);
CREATE TABLE "withdrawals" (
    "id" TEXT NOT NULL CONSTRAINT "PK_withdrawals" PRIMARY KEY,
    "participant_id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "effective_on" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL
);
CREATE UNIQUE INDEX "IX_audit_entries_chain_chain_seq" ON "audit_entries" ("chain", "chain_seq");
CREATE INDEX "IX_audit_entries_subject" ON "audit_entries" ("subject");
CREATE INDEX "IX_baseline_answers_participant_id" ON "baseline_answers" ("participant_id");
CREATE INDEX "IX_fidelity_actions_review_id" ON "fidelity_actions" ("review_id");
CREATE UNIQUE INDEX "IX_fidelity_consensus_review_id_item" ON "fidelity_consensus" ("review_id", "item");
CREATE UNIQUE INDEX "IX_fidelity_ratings_review_id_reviewer_item" ON "fidelity_ratings" ("review_id", "reviewer", "item");
CREATE UNIQUE INDEX "IX_fidelity_reviews_centre_scale_review_date" ON "fidelity_reviews" ("centre", "scale", "review_date");
CREATE INDEX "IX_participants_centre" ON "participants" ("centre");
CREATE UNIQUE INDEX "IX_participants_research_id" ON "participants" ("research_id");
CREATE UNIQUE INDEX "IX_randomisations_idempotency_key" ON "randomisations" ("idempotency_key");
CREATE UNIQUE INDEX "IX_randomisations_participant_id" ON "randomisations" ("participant_id");
CREATE UNIQUE INDEX "IX_randomisations_stratum_period_slot" ON "randomisations" ("stratum", "period", "slot");
CREATE UNIQUE INDEX "IX_staff_users_username" ON "staff_users" ("username");
CREATE UNIQUE INDEX "IX_withdrawals_participant_id_scope" ON "withdrawals" ("participant_id", "scope");
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
    BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
    BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
CREATE TRIGGER randomisations_no_delete BEFORE DELETE ON randomisations
    BEGIN SELECT RAISE(ABORT, 'randomisations are never deleted; mark them mistaken'); END;
CREATE TRIGGER randomisations_no_update BEFORE UPDATE OF id, participant_id, idempotency_key, stratum, period, ratio,
    first_arm_probability, slot, block, block_size, arm, randomised_on, randomised_at, randomised_by, protocol_sha256, seed_sha256,
    method, paper_reason ON randomisations
    BEGIN SELECT RAISE(ABORT, 'randomisations are append-only; only the mistaken mark may be set'); END;
CREATE TRIGGER randomisations_mistaken_once BEFORE UPDATE ON randomisations WHEN OLD.mistaken
    BEGIN SELECT RAISE(ABORT, 'the mistaken mark is set once'); END;
CREATE TRIGGER withdrawals_no_update BEFORE UPDATE ON withdrawals
    BEGIN SELECT RAISE(ABORT, 'withdrawals is append-only'); END;
CREATE TRIGGER withdrawals_no_delete BEFORE DELETE ON withdrawals
    BEGIN SELECT RAISE(ABORT, 'withdrawals is append-only'); END;
CREATE TRIGGER baseline_answers_no_update BEFORE UPDATE ON baseline_answers
    BEGIN SELECT RAISE(ABORT, 'baseline_answers is append-only; record a correction instead'); END;
CREATE TRIGGER baseline_answers_no_delete BEFORE DELETE ON baseline_answers
    BEGIN SELECT RAISE(ABORT, 'baseline_answers is append-only; record a correction instead'); END;
