-- Files made before PRAGMA secure_delete (SqliteSecureDelete) keep the bytes of earlier deletions (an erased person's
-- key and sealed identifiers) in free pages until the file is rewritten. This asks the start-up for one rewrite
-- (VACUUM and an emptied WAL, SqliteFileRewrite.RunPendingAsync), recorded as done so it runs once.
CREATE TABLE "file_rewrites" (
    "reason" TEXT NOT NULL CONSTRAINT "PK_file_rewrites" PRIMARY KEY,
    "done_at" TEXT NULL
);
INSERT INTO "file_rewrites" ("reason") VALUES ('before-secure-delete');
