-- Synthetic generation jobs, their outbox, what the pipeline records against them, and the audit trail.

CREATE TABLE oracle_synthetic_generation_jobs (
  job_id              uuid PRIMARY KEY,
  tenant_id           text NOT NULL,
  idempotency_key     text,
  request_hash        text NOT NULL,
  request             jsonb NOT NULL,
  template_id         text NOT NULL,
  template_revision   integer NOT NULL,
  chapter_key         text NOT NULL,
  subchapter_key      text,
  locale              text NOT NULL,
  record_count        integer NOT NULL CHECK (record_count > 0),
  target_surface      text NOT NULL CHECK (target_surface IN ('analytics_sandbox', 'qa_fixtures', 'demo_bundle')),
  mode                text NOT NULL DEFAULT 'production' CHECK (mode IN ('production', 'preview')),
  engine              text NOT NULL CHECK (engine IN ('deterministic', 'openai-compatible')),
  status              text NOT NULL DEFAULT 'queued' CHECK (status IN ('pending', 'queued', 'expanding', 'generating',
                        'validating', 'distributing', 'completed', 'failed', 'cancelling', 'cancelled')),
  -- Per-stage counts, folded in by the status consumer from idempotent progress units (job_stage_progress).
  planned_packs       integer NOT NULL DEFAULT 0,
  expanded_records    integer NOT NULL DEFAULT 0,
  generated_records   integer NOT NULL DEFAULT 0,
  validated_records   integer NOT NULL DEFAULT 0,
  accepted_records    integer NOT NULL DEFAULT 0,
  rejected_records    integer NOT NULL DEFAULT 0,
  distributed_records integer NOT NULL DEFAULT 0,
  dead_lettered       integer NOT NULL DEFAULT 0,
  prompt_tokens       bigint NOT NULL DEFAULT 0,
  completion_tokens   bigint NOT NULL DEFAULT 0,
  token_budget        bigint CHECK (token_budget IS NULL OR token_budget > 0),
  output_manifest     jsonb,
  lineage             jsonb NOT NULL,
  error               text,
  requested_by        text NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  started_at          timestamptz,
  cancel_requested_at timestamptz,
  cancelled_at        timestamptz,
  completed_at        timestamptz,
  failed_at           timestamptz,
  FOREIGN KEY (template_id, template_revision) REFERENCES template_revisions (template_id, revision)
);

CREATE UNIQUE INDEX jobs_idempotency_key_per_tenant
  ON oracle_synthetic_generation_jobs (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX jobs_by_status ON oracle_synthetic_generation_jobs (status, created_at DESC);
CREATE INDEX jobs_by_tenant ON oracle_synthetic_generation_jobs (tenant_id, created_at DESC);
CREATE INDEX jobs_by_template ON oracle_synthetic_generation_jobs (template_id, template_revision);

-- Transactional outbox: written in the same transaction as the job change it announces.
CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  aggregate_id uuid NOT NULL,
  event_type   text NOT NULL CHECK (event_type IN ('job.requested', 'job.cancelled')),
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_by_aggregate ON outbox (aggregate_id, id);

CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();

-- One row per unit of work a stage finished (a pack, a record); the primary key makes redelivery harmless.
CREATE TABLE job_stage_progress (
  job_id     uuid NOT NULL REFERENCES oracle_synthetic_generation_jobs (job_id),
  stage      text NOT NULL CHECK (stage IN ('expander', 'generator', 'validator', 'distributor')),
  unit_id    text NOT NULL,
  records    integer NOT NULL DEFAULT 0,
  accepted   integer NOT NULL DEFAULT 0,
  rejected   integer NOT NULL DEFAULT 0,
  prompt_tokens     bigint NOT NULL DEFAULT 0,
  completion_tokens bigint NOT NULL DEFAULT 0,
  detail     jsonb NOT NULL DEFAULT '{}',
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, stage, unit_id)
);

-- Rejected records stay attached to their job for review, never dropped.
CREATE TABLE job_rejected_records (
  job_id       uuid NOT NULL REFERENCES oracle_synthetic_generation_jobs (job_id),
  record_id    uuid NOT NULL,
  record_index integer NOT NULL,
  pack_id      uuid NOT NULL,
  payload      jsonb,
  reasons      text[] NOT NULL CHECK (cardinality(reasons) > 0),
  scores       jsonb NOT NULL,
  lineage      jsonb NOT NULL,
  rejected_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, record_id)
);

-- Messages a consumer could never process, recorded against their job when the job is known.
CREATE TABLE dead_letters (
  id          bigserial PRIMARY KEY,
  job_id      uuid,
  topic       text NOT NULL,
  partition   integer NOT NULL,
  "offset"    text NOT NULL,
  consumer    text NOT NULL,
  error       text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (topic, partition, "offset", consumer)
);
CREATE INDEX dead_letters_by_job ON dead_letters (job_id);

CREATE TABLE api_tokens (
  token_id   uuid PRIMARY KEY,
  name       text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  role       text NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
  tenant_id  text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  actor         text NOT NULL,
  actor_role    text NOT NULL,
  action        text NOT NULL,
  target_type   text NOT NULL,
  target_id     text NOT NULL,
  tenant_id     text,
  before_status text,
  after_status  text,
  details       jsonb NOT NULL DEFAULT '{}',
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_by_target ON audit_log (target_type, target_id, at);

-- Content-addressed cache of LLM completions: a rerun or redelivery never pays twice.
CREATE TABLE llm_completion_cache (
  cache_key         text PRIMARY KEY,
  model             text NOT NULL,
  response          text NOT NULL,
  prompt_tokens     integer NOT NULL,
  completion_tokens integer NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);
