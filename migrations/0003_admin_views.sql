-- What admins watch: the job queue with progress, a per-job summary, and the template catalogue.

CREATE VIEW admin_job_queue AS
SELECT j.job_id, j.tenant_id, j.template_id, j.template_revision, j.chapter_key, j.subchapter_key, j.locale,
       j.target_surface, j.mode, j.engine, j.status, j.record_count, j.accepted_records, j.rejected_records,
       round(100.0 * (j.accepted_records + j.rejected_records) / j.record_count, 1) AS progress_pct,
       j.requested_by, j.created_at, j.updated_at
FROM oracle_synthetic_generation_jobs j;

CREATE VIEW admin_job_summary AS
SELECT j.job_id, j.tenant_id, j.status, j.mode, j.engine, j.template_id, j.template_revision, j.chapter_key,
       j.subchapter_key, j.locale, j.target_surface, j.record_count, j.planned_packs, j.expanded_records,
       j.generated_records, j.validated_records, j.accepted_records, j.rejected_records, j.distributed_records,
       j.dead_lettered, j.prompt_tokens, j.completion_tokens, j.token_budget,
       round(100.0 * (j.accepted_records + j.rejected_records) / j.record_count, 1) AS progress_pct,
       CASE WHEN j.accepted_records + j.rejected_records = 0 THEN NULL
            ELSE round(j.accepted_records::numeric / (j.accepted_records + j.rejected_records), 3) END AS acceptance_rate,
       j.output_manifest, j.error, j.requested_by, j.created_at, j.started_at, j.completed_at, j.cancelled_at,
       j.failed_at, COALESCE(j.completed_at, j.cancelled_at, j.failed_at, now()) - j.created_at AS elapsed
FROM oracle_synthetic_generation_jobs j;

CREATE VIEW admin_template_catalogue AS
SELECT t.template_id, t.name, t.domain,
       p.revision AS published_revision, p.locales, p.published_at,
       (SELECT count(*) FROM template_chapters c WHERE c.template_id = p.template_id AND c.revision = p.revision)
         AS chapter_count,
       (SELECT count(*) FROM template_subchapters s WHERE s.template_id = p.template_id AND s.revision = p.revision)
         AS subchapter_count,
       (SELECT count(*) FROM template_exemplars e WHERE e.template_id = p.template_id AND e.revision = p.revision)
         AS exemplar_count,
       (SELECT count(*) FROM template_revisions r WHERE r.template_id = t.template_id) AS revision_count
FROM templates t
LEFT JOIN LATERAL (
  SELECT r.* FROM template_revisions r
  WHERE r.template_id = t.template_id AND r.status = 'published'
  ORDER BY r.revision DESC LIMIT 1
) p ON true;
