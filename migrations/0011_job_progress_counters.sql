-- The status consumer adds to the job row only what each progress unit changed, so the row needs what it used to
-- recompute from every unit: when progress was last folded (a cancelling job settles once its stages are quiet),
-- and whether any of its tokens were estimated by our tokenizer because the LLM endpoint reported no usage.
ALTER TABLE oracle_synthetic_generation_jobs
  ADD COLUMN tokens_estimated boolean NOT NULL DEFAULT false,
  ADD COLUMN progress_at timestamptz;

UPDATE oracle_synthetic_generation_jobs j
   SET progress_at = (SELECT max(p.recorded_at) FROM job_stage_progress p WHERE p.job_id = j.job_id);

-- A view can only gain columns at its end.
CREATE OR REPLACE VIEW admin_job_summary AS
SELECT j.job_id, j.tenant_id, j.status, j.mode, j.engine, j.template_id, j.template_revision, j.chapter_key,
       j.subchapter_key, j.locale, j.target_surface, j.record_count, j.planned_packs, j.expanded_records,
       j.generated_records, j.validated_records, j.accepted_records, j.rejected_records, j.distributed_records,
       j.dead_lettered, j.prompt_tokens, j.completion_tokens, j.token_budget,
       round(100.0 * (j.accepted_records + j.rejected_records) / j.record_count, 1) AS progress_pct,
       CASE WHEN j.accepted_records + j.rejected_records = 0 THEN NULL
            ELSE round(j.accepted_records::numeric / (j.accepted_records + j.rejected_records), 3) END AS acceptance_rate,
       j.output_manifest, j.error, j.requested_by, j.created_at, j.started_at, j.completed_at, j.cancelled_at,
       j.failed_at, COALESCE(j.completed_at, j.cancelled_at, j.failed_at, now()) - j.created_at AS elapsed,
       j.tokens_estimated
FROM oracle_synthetic_generation_jobs j;
