-- A failed job can be rerun under the same job_id: its records keep their ids, so every stage recognises
-- what it already did and nothing is published twice. rerun_at separates the reports of the failed run
-- (a late failure report must not fail the rerun) from those of the rerun.
ALTER TABLE oracle_synthetic_generation_jobs
  ADD COLUMN reruns integer NOT NULL DEFAULT 0,
  ADD COLUMN rerun_at timestamptz;

CREATE OR REPLACE VIEW admin_job_queue AS
SELECT j.job_id, j.tenant_id, j.template_id, j.template_revision, j.chapter_key, j.subchapter_key, j.locale,
       j.target_surface, j.mode, j.engine, j.status, j.record_count, j.accepted_records, j.rejected_records,
       round(100.0 * (j.accepted_records + j.rejected_records) / j.record_count, 1) AS progress_pct,
       j.requested_by, j.created_at, j.updated_at, j.notice, j.reruns
FROM oracle_synthetic_generation_jobs j;
