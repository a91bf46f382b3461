-- The allocation seed is stored encrypted; key_id names the key (outside the database) it needs. NULL: a plain seed from before.
ALTER TABLE allocation_seeds ADD COLUMN key_id text;
