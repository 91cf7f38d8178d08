-- State the pipeline keeps so that redelivery and restarts change nothing.

-- The validator decides each record once; a redelivered record reuses the stored decision,
-- so a record can never be counted both accepted and rejected.
CREATE TABLE job_record_decisions (
  job_id       uuid NOT NULL REFERENCES oracle_synthetic_generation_jobs (job_id),
  record_id    uuid NOT NULL,
  record_index integer NOT NULL,
  accepted     boolean NOT NULL,
  scores       jsonb NOT NULL,
  reasons      text[] NOT NULL DEFAULT '{}',
  decided_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, record_id)
);

-- Accepted records staged by the distributor until the job's output is written in one piece.
CREATE TABLE job_accepted_records (
  job_id       uuid NOT NULL REFERENCES oracle_synthetic_generation_jobs (job_id),
  record_id    uuid NOT NULL,
  record_index integer NOT NULL,
  fields       jsonb NOT NULL,
  lineage      jsonb NOT NULL,
  scores       jsonb NOT NULL,
  staged_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, record_id)
);
CREATE INDEX job_accepted_records_order ON job_accepted_records (job_id, record_index);

-- The analytics sandbox: insert-only tables, one per template revision, in a schema of their own.
CREATE SCHEMA IF NOT EXISTS analytics_sandbox;

CREATE FUNCTION analytics_sandbox.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'analytics_sandbox tables are insert-only (% on %)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
