-- Wakes the finaliser as soon as a job may be ready for its output, instead of it sweeping every 500 ms.
-- Fires on every write of a job row that has every record decided and no manifest yet: the last decision
-- (validated_records reaching record_count, as nextJobStatus decides 'distributing') and every later write
-- (the distributor's own progress once it has staged the decisions) each wake it, so whichever comes last
-- is heard. NOTIFY is sent at commit, so a listener always sees the committed row. The payload is the job id.
CREATE FUNCTION notify_job_decided() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('job_decided', NEW.job_id::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER job_decided
  AFTER INSERT OR UPDATE ON oracle_synthetic_generation_jobs
  FOR EACH ROW
  WHEN (NEW.output_manifest IS NULL AND NEW.validated_records >= NEW.record_count
        AND NEW.status IN ('validating', 'distributing'))
  EXECUTE FUNCTION notify_job_decided();
