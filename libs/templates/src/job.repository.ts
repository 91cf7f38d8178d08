import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  ForbiddenError,
  IDEMPOTENCY_KEY_RULE,
  idempotencyKeySchema,
  InvalidInputError,
  type JobRequest,
  jobRequestSchema,
  jobRerunRequestSchema,
  type JobStatus,
  NotFoundError,
} from '@vs/contracts';
import type { Database } from '@vs/database';
import type { PoolClient } from 'pg';
import type { Actor } from './actor';
import type { AuditLog } from './audit.log';
import { contentHash } from './content-hash';
import { checkRequestAgainstRevision } from './job-request.checker';
import { toJobView } from './job-row.mapper';
import type { JobPolicy } from './job.policy';
import type { JobCancelledPayload, JobLineage, JobQueueFilter, JobRequestedPayload, JobView, Page } from './job.types';
import type { TemplateRepository } from './template.repository';
import { parseInput, zodIssuesToInputIssues } from './zod-issues';

const RUNNING: readonly JobStatus[] = ['expanding', 'generating', 'validating', 'distributing'];

export interface TriggerOutcome {
  job: JobView;
  /** False when an earlier trigger with the same idempotency key made this job. */
  created: boolean;
}

/** Jobs as the control plane sees them: triggering (job row + outbox row, one transaction), cancelling, reading. */
export class JobRepository {
  constructor(
    private readonly db: Database,
    private readonly templates: TemplateRepository,
    private readonly audit: AuditLog,
    private readonly policy: JobPolicy,
  ) {}

  async trigger(body: unknown, actor: Actor, options: { idempotencyKey?: string } = {}): Promise<TriggerOutcome> {
    const request = this.parseRequest(body, options.idempotencyKey);
    if (actor.tenant_id !== null && actor.tenant_id !== request.tenant_id) {
      throw new ForbiddenError(
        `tenant_id: this token is bound to tenant "${actor.tenant_id}" and cannot act for "${request.tenant_id}"`,
      );
    }
    const { idempotency_key: key = null, ...hashed } = request;
    const requestHash = contentHash(hashed);
    if (key !== null) {
      const earlier = await this.findByKey(this.db.pool, request.tenant_id, key, requestHash);
      if (earlier) return { job: earlier, created: false };
    }
    return this.db.transaction(async (client) => {
      // FOR SHARE: an archive racing this trigger waits until the job row (which references it) is in.
      const revision = await this.templates.getRevision(request.template_id, request.template_revision, client);
      await client.query('SELECT 1 FROM template_revisions WHERE template_id = $1 AND revision = $2 FOR SHARE', [
        revision.template_id,
        revision.revision,
      ]);
      const engine = checkRequestAgainstRevision(request, revision, this.policy);
      const jobId = randomUUID();
      const tokenBudget = request.token_budget ?? this.policy.defaultTokenBudget;
      const lineage: JobLineage = {
        job_id: jobId,
        template_id: request.template_id,
        template_revision: request.template_revision,
        chapter_key: request.chapter_key,
        subchapter_key: request.subchapter_key ?? null,
        tenant_id: request.tenant_id,
        locale: request.locale,
        engine,
      };
      // ON CONFLICT DO NOTHING waits for a concurrent insert of the same key, then yields to it.
      const inserted = await client.query(
        `INSERT INTO oracle_synthetic_generation_jobs (job_id, tenant_id, idempotency_key, request_hash, request, template_id, template_revision,
           chapter_key, subchapter_key, locale, record_count, target_surface, mode, engine, status, token_budget, lineage, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'queued', $15, $16, $17)
         ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING *`,
        [
          jobId,
          request.tenant_id,
          key,
          requestHash,
          JSON.stringify(request),
          request.template_id,
          request.template_revision,
          request.chapter_key,
          request.subchapter_key ?? null,
          request.locale,
          request.record_count,
          request.target_surface,
          request.mode,
          engine,
          tokenBudget,
          JSON.stringify(lineage),
          actor.name,
        ],
      );
      if (!inserted.rows[0]) {
        const earlier = await this.findByKey(client, request.tenant_id, key!, requestHash);
        if (!earlier) throw new Error(`idempotency key "${key}" conflicted but no job holds it`);
        return { job: earlier, created: false };
      }
      const payload: JobRequestedPayload = {
        ...lineage,
        record_count: request.record_count,
        target_surface: request.target_surface,
        mode: request.mode,
        token_budget: tokenBudget,
        idempotency_key: key,
        requested_by: actor.name,
        requested_at: new Date().toISOString(),
        rerun: 0,
      };
      await appendOutboxEvent(client, jobId, 'job.requested', payload);
      await this.audit.record(client, actor, {
        action: 'job.trigger',
        target_type: 'job',
        target_id: jobId,
        tenant_id: request.tenant_id,
        after_status: 'queued',
        details: {
          template_id: request.template_id,
          template_revision: request.template_revision,
          mode: request.mode,
          engine,
          record_count: request.record_count,
        },
      });
      return { job: toJobView(inserted.rows[0]), created: true };
    });
  }

  /** Cancels once: later requests return the job as it is; finished jobs cannot be cancelled. */
  async cancel(jobId: string, actor: Actor): Promise<{ job: JobView; changed: boolean }> {
    return this.db.transaction(async (client) => {
      const row = await this.visibleRow(client, jobId, actor, true);
      const before = row.status as JobStatus;
      if (before === 'completed' || before === 'failed')
        throw new ConflictError(`job ${jobId} is ${before} and cannot be cancelled`, { status: before });
      if (before === 'cancelling' || before === 'cancelled') {
        await this.audit.record(client, actor, {
          action: 'job.cancel',
          target_type: 'job',
          target_id: jobId,
          tenant_id: row.tenant_id as string,
          before_status: before,
          after_status: before,
          details: { changed: false },
        });
        return { job: toJobView(row), changed: false };
      }
      // Nothing has started on a queued job, so it is cancelled outright; running stages wind down first.
      const after: JobStatus = RUNNING.includes(before) ? 'cancelling' : 'cancelled';
      const { rows } = await client.query(
        `UPDATE oracle_synthetic_generation_jobs SET status = $2, cancel_requested_at = now(), updated_at = now(),
           cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE cancelled_at END
         WHERE job_id = $1 RETURNING *`,
        [jobId, after],
      );
      const payload: JobCancelledPayload = {
        job_id: jobId,
        tenant_id: row.tenant_id as string,
        previous_status: before,
        requested_by: actor.name,
        requested_at: new Date().toISOString(),
      };
      await appendOutboxEvent(client, jobId, 'job.cancelled', payload);
      await this.audit.record(client, actor, {
        action: 'job.cancel',
        target_type: 'job',
        target_id: jobId,
        tenant_id: row.tenant_id as string,
        before_status: before,
        after_status: after,
        details: { changed: true },
      });
      return { job: toJobView(rows[0]), changed: true };
    });
  }

  /**
   * Runs a failed job again under the same job_id, as a new `job.requested` event written with the status
   * change in one transaction. Record ids derive from the job, so every stage recognises the records it
   * already handled: decisions are reused, nothing already published is published again, and an LLM
   * job's finished requests are served from the completion cache. Only failed jobs qualify: a completed
   * job's output is final and a cancel is the operator's decision.
   */
  async rerun(jobId: string, body: unknown, actor: Actor): Promise<JobView> {
    const request = parseInput(jobRerunRequestSchema, body, 'rerun request');
    return this.db.transaction(async (client) => {
      const row = await this.visibleRow(client, jobId, actor, true);
      const before = row.status as JobStatus;
      if (before !== 'failed') {
        throw new ConflictError(
          `job ${jobId} is ${before}; only a failed job can be rerun` +
            (before === 'completed' || before === 'cancelled' ? ' (trigger a new job instead)' : ''),
          { status: before },
        );
      }
      const tokenBudget = this.rerunBudget(row, request.token_budget);
      const { rows } = await client.query(
        `UPDATE oracle_synthetic_generation_jobs
            SET status = 'queued', error = NULL, notice = NULL, failed_at = NULL, token_budget = $2,
                reruns = reruns + 1, rerun_at = clock_timestamp(), updated_at = now()
          WHERE job_id = $1 RETURNING *`,
        [jobId, tokenBudget],
      );
      const job = rows[0] as Record<string, unknown>;
      // The lineage the trigger stored is the request's identity (job, template, chapter, tenant, locale, engine).
      const lineage = job.lineage as JobLineage;
      const payload: JobRequestedPayload = {
        ...lineage,
        record_count: job.record_count as number,
        target_surface: job.target_surface as JobRequestedPayload['target_surface'],
        mode: job.mode as JobRequestedPayload['mode'],
        token_budget: tokenBudget,
        idempotency_key: (job.idempotency_key as string | null) ?? null,
        requested_by: actor.name,
        requested_at: new Date().toISOString(),
        rerun: job.reruns as number,
      };
      await appendOutboxEvent(client, jobId, 'job.requested', payload);
      await this.audit.record(client, actor, {
        action: 'job.rerun',
        target_type: 'job',
        target_id: jobId,
        tenant_id: job.tenant_id as string,
        before_status: before,
        after_status: 'queued',
        details: { rerun: job.reruns, previous_error: row.error, token_budget: tokenBudget },
      });
      return toJobView(job);
    });
  }

  /** A job that ran out of tokens only gets further with a larger budget than it has already spent. */
  private rerunBudget(row: Record<string, unknown>, requested: number | null | undefined): number | null {
    const current = row.token_budget === null ? null : Number(row.token_budget);
    const budget = requested === undefined ? current : requested;
    const spent = Number(row.prompt_tokens ?? 0) + Number(row.completion_tokens ?? 0);
    if (String(row.error ?? '').startsWith('budget_exhausted') && budget !== null && budget <= spent) {
      throw new InvalidInputError('rerun request refused: token_budget', [
        {
          field: 'token_budget',
          problem: `the job failed because its token budget ran out (${spent} of ${current} tokens spent)`,
          accepted: `a token_budget above ${spent}, or null for no budget`,
        },
      ]);
    }
    return budget;
  }

  async get(jobId: string, actor: Actor): Promise<JobView> {
    return toJobView(await this.visibleRow(this.db.pool, jobId, actor, false));
  }

  /** The queue, newest first; a tenant-bound actor only ever sees its own tenant. */
  async list(filter: JobQueueFilter, actor: Actor): Promise<Page<JobView>> {
    if (actor.tenant_id !== null && filter.tenant_id !== undefined && filter.tenant_id !== actor.tenant_id) {
      throw new ForbiddenError(`tenant_id: this token is bound to tenant "${actor.tenant_id}"`);
    }
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
    const offset = Math.max(filter.offset ?? 0, 0);
    const rows = await this.db.query(
      `SELECT *, count(*) OVER () AS total FROM oracle_synthetic_generation_jobs
       WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR tenant_id = $2) AND ($3::text IS NULL OR template_id = $3)
       ORDER BY created_at DESC, job_id LIMIT $4 OFFSET $5`,
      [filter.status ?? null, actor.tenant_id ?? filter.tenant_id ?? null, filter.template_id ?? null, limit, offset],
    );
    const total = rows[0] ? Number(rows[0].total) : await this.countAll(filter, actor);
    return { items: rows.map(toJobView), total, limit, offset };
  }

  private parseRequest(body: unknown, headerKey: string | undefined): JobRequest {
    if (headerKey !== undefined && !idempotencyKeySchema.safeParse(headerKey).success) {
      throw new InvalidInputError('Idempotency-Key header refused', [
        {
          field: 'Idempotency-Key',
          problem: `not a usable key (${headerKey.length} characters)`,
          accepted: IDEMPOTENCY_KEY_RULE,
        },
      ]);
    }
    const parsed = jobRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issues = zodIssuesToInputIssues(parsed.error);
      throw new InvalidInputError(`job request refused: ${issues.map((i) => i.field).join(', ')}`, issues);
    }
    const request = parsed.data;
    if (headerKey !== undefined && request.idempotency_key !== undefined && headerKey !== request.idempotency_key) {
      throw new InvalidInputError('two different idempotency keys', [
        {
          field: 'idempotency_key',
          problem: 'differs from the Idempotency-Key header',
          accepted: 'the same key in both places, or just one of them',
        },
      ]);
    }
    return headerKey !== undefined ? { ...request, idempotency_key: headerKey } : request;
  }

  private async findByKey(
    client: Pick<PoolClient, 'query'>,
    tenantId: string,
    key: string,
    requestHash: string,
  ): Promise<JobView | null> {
    const { rows } = await client.query(
      'SELECT * FROM oracle_synthetic_generation_jobs WHERE tenant_id = $1 AND idempotency_key = $2',
      [tenantId, key],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.request_hash !== requestHash) {
      throw new ConflictError(
        `idempotency_key "${key}" was already used by job ${row.job_id} with a different request; use a new key`,
        { job_id: row.job_id },
      );
    }
    return toJobView(row);
  }

  /** A job the actor may see; another tenant's job answers 404, so its existence is not revealed. */
  private async visibleRow(
    client: Pick<PoolClient, 'query'>,
    jobId: string,
    actor: Actor,
    lock: boolean,
  ): Promise<Record<string, unknown>> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (!uuid.test(jobId)) throw new NotFoundError(`job_id: no job "${jobId}"`);
    const { rows } = await client.query(
      `SELECT * FROM oracle_synthetic_generation_jobs WHERE job_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [jobId],
    );
    const row = rows[0];
    if (!row || (actor.tenant_id !== null && row.tenant_id !== actor.tenant_id))
      throw new NotFoundError(`job_id: no job "${jobId}"`);
    return row;
  }

  private async countAll(filter: JobQueueFilter, actor: Actor): Promise<number> {
    const rows = await this.db.query(
      `SELECT count(*) AS n FROM oracle_synthetic_generation_jobs
       WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR tenant_id = $2) AND ($3::text IS NULL OR template_id = $3)`,
      [filter.status ?? null, actor.tenant_id ?? filter.tenant_id ?? null, filter.template_id ?? null],
    );
    return Number(rows[0]!.n);
  }
}

/** The outbox row that the relay turns into the job's Kafka event; always written in the job change's transaction. */
async function appendOutboxEvent(
  client: Pick<PoolClient, 'query'>,
  jobId: string,
  eventType: 'job.requested' | 'job.cancelled',
  payload: JobRequestedPayload | JobCancelledPayload,
): Promise<void> {
  await client.query('INSERT INTO outbox (aggregate_id, event_type, payload) VALUES ($1, $2, $3)', [
    jobId,
    eventType,
    JSON.stringify(payload),
  ]);
}
