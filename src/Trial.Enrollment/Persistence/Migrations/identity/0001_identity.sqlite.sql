-- The embedded (SQLite) identity store, as EnsureCreated made it before versioned scripts.
CREATE TABLE "persons" (
    "participant_id" TEXT NOT NULL CONSTRAINT "PK_persons" PRIMARY KEY,
    "national_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT NULL,
    "email" TEXT NULL,
    "language" TEXT NOT NULL
);
CREATE UNIQUE INDEX "IX_persons_national_id" ON "persons" ("national_id");
