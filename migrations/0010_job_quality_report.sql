-- A job's quality report (GET /jobs/:id/quality, quality.json/quality.html beside the output), written once by
-- the distributor when it finalises the job, in the manifest's transaction. One owner: JobQualityReportRepository.
CREATE TABLE job_quality_reports (
  job_id        uuid PRIMARY KEY REFERENCES oracle_synthetic_generation_jobs (job_id),
  overall_score double precision NOT NULL CHECK (overall_score BETWEEN 0 AND 1),
  report        jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
