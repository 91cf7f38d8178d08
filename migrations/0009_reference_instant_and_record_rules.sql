-- A job's reference instant: generated dates fall relative to it, and the validator's date window is
-- centred on it. Stored once at trigger time so a rerun regenerates the same records byte for byte.
ALTER TABLE oracle_synthetic_generation_jobs ADD COLUMN reference_at timestamptz;
UPDATE oracle_synthetic_generation_jobs SET reference_at = created_at;
ALTER TABLE oracle_synthetic_generation_jobs
  ALTER COLUMN reference_at SET DEFAULT now(),
  ALTER COLUMN reference_at SET NOT NULL;

-- A revision's cross-field rules (record_schema.rules) and which fields vary freely; NULL where the seed said nothing,
-- so a revision reads back exactly as it was written and its content hash stays the same.
ALTER TABLE template_revisions ADD COLUMN record_rules jsonb;
ALTER TABLE template_record_fields ADD COLUMN varies_freely boolean;
