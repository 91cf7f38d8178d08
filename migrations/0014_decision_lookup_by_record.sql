-- The validator looks a chunk's decisions up by record id. Record ids are derived from the job id (record-ids.ts),
-- so they never collide across jobs. Looked up as job_id = $1 AND record_id = ANY(...), the planner, whose
-- statistics lag behind a job that grows by thousands of rows a second, scanned the job's every decision by the
-- primary key's job_id prefix for each chunk: rows read per record grew with the job (2.4 M index rows for a
-- 20,000-record job, 7.5 M for 40,000).
CREATE INDEX job_record_decisions_by_record ON job_record_decisions (record_id);
