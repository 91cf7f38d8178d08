import type { Queryable } from '@vs/database';
import type { FoldedCounters, Stage } from '@vs/pipeline';

export interface ProgressUnitRow {
  stage: Stage;
  unit_id: string;
  records: number;
  accepted: number;
  rejected: number;
  prompt_tokens: number;
  completion_tokens: number;
  detail: { planned_packs?: number };
}

/** What one batch of units changed: the counters' increments, and how many units were new or grew. */
export interface UnitsAdded {
  increments: FoldedCounters;
  changed_units: number;
}

/**
 * The owner of `job_stage_progress`: one row per unit a stage finished (a pack, a record), under the unit's id,
 * so a report delivered again changes nothing. A unit only ever grows: a pack the token budget cut short
 * reports fewer records than the same pack finished by a rerun (same record ids, cached completions with
 * their original usage), and the larger report replaces the smaller.
 */
export class JobProgressRepository {
  /**
   * Upserts the units and returns what they added to the job's totals: each stored unit's new values less its
   * old ones, read in the same statement. Rows read are the batch's own units, whatever the job's size.
   * The caller holds the job row's lock, so no other fold of the job runs between the read and the upsert.
   */
  async addUnits(client: Queryable, jobId: string, units: ProgressUnitRow[]): Promise<UnitsAdded> {
    const { rows } = await client.query<UnitsAdded['increments'] & { changed_units: number }>(
      `WITH incoming AS (
         SELECT DISTINCT ON (u.stage, u.unit_id) u.*
           FROM jsonb_to_recordset($2::jsonb) AS u(stage text, unit_id text, records int, accepted int, rejected int,
                prompt_tokens bigint, completion_tokens bigint, detail jsonb)
          -- one row per unit (a batch may carry a redelivered report twice), the largest report of it
          ORDER BY u.stage, u.unit_id, u.records DESC, u.prompt_tokens + u.completion_tokens DESC
       ), upserted AS (
         INSERT INTO job_stage_progress AS p
                (job_id, stage, unit_id, records, accepted, rejected, prompt_tokens, completion_tokens, detail)
         SELECT $1, stage, unit_id, records, accepted, rejected, prompt_tokens, completion_tokens, detail FROM incoming
         ON CONFLICT (job_id, stage, unit_id) DO UPDATE SET
           records = GREATEST(p.records, EXCLUDED.records),
           accepted = GREATEST(p.accepted, EXCLUDED.accepted),
           rejected = GREATEST(p.rejected, EXCLUDED.rejected),
           prompt_tokens = GREATEST(p.prompt_tokens, EXCLUDED.prompt_tokens),
           completion_tokens = GREATEST(p.completion_tokens, EXCLUDED.completion_tokens)
         WHERE (EXCLUDED.records, EXCLUDED.prompt_tokens + EXCLUDED.completion_tokens)
             > (p.records, p.prompt_tokens + p.completion_tokens)
         -- the sub-select sees the statement's snapshot: the unit as it was before (NULL when new), one
         -- primary-key lookup for each unit that changed
         RETURNING p.stage, p.records, p.accepted, p.rejected, p.prompt_tokens, p.completion_tokens, p.detail,
                   (SELECT s FROM job_stage_progress s
                     WHERE s.job_id = p.job_id AND s.stage = p.stage AND s.unit_id = p.unit_id) AS stored
       ), grown AS (
         SELECT stage, detail,
                records - COALESCE((stored).records, 0) AS records,
                accepted - COALESCE((stored).accepted, 0) AS accepted,
                rejected - COALESCE((stored).rejected, 0) AS rejected,
                prompt_tokens - COALESCE((stored).prompt_tokens, 0) AS prompt_tokens,
                completion_tokens - COALESCE((stored).completion_tokens, 0) AS completion_tokens
           FROM upserted
       )
       SELECT
         COALESCE(max((detail ->> 'planned_packs')::int) FILTER (WHERE stage = 'expander'), 0) AS planned_packs,
         COALESCE(sum(records) FILTER (WHERE stage = 'expander'), 0)::int AS expanded_records,
         COALESCE(sum(records) FILTER (WHERE stage = 'generator'), 0)::int AS generated_records,
         COALESCE(sum(prompt_tokens) FILTER (WHERE stage = 'generator'), 0)::float8 AS prompt_tokens,
         COALESCE(sum(completion_tokens) FILTER (WHERE stage = 'generator'), 0)::float8 AS completion_tokens,
         COALESCE(sum(records) FILTER (WHERE stage = 'validator'), 0)::int AS validated_records,
         COALESCE(sum(accepted) FILTER (WHERE stage = 'validator'), 0)::int AS accepted_records,
         COALESCE(sum(rejected) FILTER (WHERE stage = 'validator'), 0)::int AS rejected_records,
         count(*)::int AS changed_units
       FROM grown`,
      [jobId, JSON.stringify(units)],
    );
    const { changed_units, ...increments } = rows[0]!;
    return { increments, changed_units };
  }
}
