-- What a running job is waiting on (e.g. "generation paused: LLM endpoint failing"), shown to admins while
-- it lasts; cleared when the stage makes progress again.
ALTER TABLE oracle_synthetic_generation_jobs ADD COLUMN notice text;

CREATE OR REPLACE VIEW admin_job_queue AS
SELECT j.job_id, j.tenant_id, j.template_id, j.template_revision, j.chapter_key, j.subchapter_key, j.locale,
       j.target_surface, j.mode, j.engine, j.status, j.record_count, j.accepted_records, j.rejected_records,
       round(100.0 * (j.accepted_records + j.rejected_records) / j.record_count, 1) AS progress_pct,
       j.requested_by, j.created_at, j.updated_at, j.notice
FROM oracle_synthetic_generation_jobs j;
