-- Paper allocations (emergency procedure) take no slot of the concealed sequence and need no seed.
ALTER TABLE randomisations ADD COLUMN method character varying(20) NOT NULL DEFAULT 'Service';
ALTER TABLE randomisations ADD COLUMN paper_reason text;
ALTER TABLE randomisations ALTER COLUMN slot DROP NOT NULL;
ALTER TABLE randomisations ALTER COLUMN block DROP NOT NULL;
ALTER TABLE randomisations ALTER COLUMN block_size DROP NOT NULL;
ALTER TABLE randomisations ALTER COLUMN seed_sha256 DROP NOT NULL;
