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
import type { Database, Queryable } from '@vs/database';
import type { Actor } from './actor';
import type { AuditLog } from './audit.log';
import { contentHash } from './content-hash';
import { checkRequestAgainstRevision } from './job-request.checker';
import { toJobView } from './job-row.mapper';
import type { JobPolicy } from './job.policy';
import { JobRepository, type JobRow } from './job.repository';
import type { JobCancelledPayload, JobLineage, JobQueueFilter, JobRequestedPayload, JobView, Page } from './job.types';
import { TemplateRepository } from './template.repository';
import { inputRefused, parseInput, zodIssuesToInputIssues } from './zod-issues';

const RUNNING: readonly JobStatus[] = ['expanding', 'generating', 'validating', 'distributing'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TriggerOutcome {
  job: JobView;
  /** False when an earlier trigger with the same idempotency key made this job. */
  created: boolean;
}

/**
 * The control plane's rules for jobs: who may trigger, cancel, rerun and see which job, what an
 * idempotency key means, and which status changes are allowed. The SQL is JobRepository's; each
 * change is one transaction holding the job row, its outbox event and its audit entry.
 */
export class JobService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobRepository,
    private readonly templates: TemplateRepository,
    private readonly audit: AuditLog,
    private readonly policy: JobPolicy,
  ) {}

  async trigger(body: unknown, actor: Actor, options: { idempotencyKey?: string } = {}): Promise<TriggerOutcome> {
    const request = parseRequest(body, options.idempotencyKey);
    if (actor.tenant_id !== null && actor.tenant_id !== request.tenant_id) {
      throw new ForbiddenError(
        `tenant_id: this token is bound to tenant "${actor.tenant_id}" and cannot act for "${request.tenant_id}"`,
      );
    }
    const { idempotency_key: key = null, ...hashed } = request;
    const requestHash = contentHash(hashed);
    if (key !== null) {
      const earlier = await this.replay(this.db.pool, request.tenant_id, key, requestHash);
      if (earlier) return { job: earlier, created: false };
    }
    return this.db.transaction(async (client) => {
      const revision = await this.templates.getRevision(request.template_id, request.template_revision, client);
      await this.templates.holdRevision(client, revision.template_id, revision.revision);
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
      const inserted = await this.jobs.insertQueued(client, {
        ...lineage,
        idempotency_key: key,
        request_hash: requestHash,
        request,
        record_count: request.record_count,
        target_surface: request.target_surface,
        mode: request.mode,
        token_budget: tokenBudget,
        lineage,
        requested_by: actor.name,
      });
      if (!inserted) {
        // A concurrent trigger with the same key won the insert: this one replays it.
        const earlier = await this.replay(client, request.tenant_id, key!, requestHash);
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
      await this.jobs.appendEvent(client, jobId, 'job.requested', payload);
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
      return { job: toJobView(inserted), created: true };
    });
  }

  /** Cancels once: later requests return the job as it is; finished jobs cannot be cancelled. */
  async cancel(jobId: string, actor: Actor): Promise<{ job: JobView; changed: boolean }> {
    return this.db.transaction(async (client) => {
      const row = await this.visibleRow(client, jobId, actor, true);
      const before = row.status as JobStatus;
      if (before === 'completed' || before === 'failed')
        throw new ConflictError(`job ${jobId} is ${before} and cannot be cancelled`, { status: before });
      const unchanged = before === 'cancelling' || before === 'cancelled';
      // Nothing has started on a queued job, so it is cancelled outright; running stages wind down first.
      const after: JobStatus = unchanged ? before : RUNNING.includes(before) ? 'cancelling' : 'cancelled';
      const job = unchanged ? row : await this.jobs.markCancel(client, jobId, after as 'cancelling' | 'cancelled');
      if (!unchanged) {
        const payload: JobCancelledPayload = {
          job_id: jobId,
          tenant_id: row.tenant_id as string,
          previous_status: before,
          requested_by: actor.name,
          requested_at: new Date().toISOString(),
        };
        await this.jobs.appendEvent(client, jobId, 'job.cancelled', payload);
      }
      await this.audit.record(client, actor, {
        action: 'job.cancel',
        target_type: 'job',
        target_id: jobId,
        tenant_id: row.tenant_id as string,
        before_status: before,
        after_status: after,
        details: { changed: !unchanged },
      });
      return { job: toJobView(job), changed: !unchanged };
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
      const tokenBudget = rerunBudget(row, request.token_budget);
      const job = await this.jobs.requeueForRerun(client, jobId, tokenBudget);
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
      await this.jobs.appendEvent(client, jobId, 'job.requested', payload);
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
    const { rows, total } = await this.jobs.page({
      status: filter.status ?? null,
      tenant_id: actor.tenant_id ?? filter.tenant_id ?? null,
      template_id: filter.template_id ?? null,
      limit,
      offset,
    });
    return { items: rows.map(toJobView), total, limit, offset };
  }

  /** The job an earlier trigger made with this key, when the request is the same; another request is a conflict. */
  private async replay(client: Queryable, tenantId: string, key: string, requestHash: string): Promise<JobView | null> {
    const row = await this.jobs.findByKey(tenantId, key, client);
    if (!row) return null;
    if (row.request_hash !== requestHash) {
      throw new ConflictError(
        `idempotency_key "${key}" was already used by job ${String(row.job_id)} with a different request; use a new key`,
        { job_id: row.job_id },
      );
    }
    return toJobView(row);
  }

  /** A job the actor may see; another tenant's job answers 404, so its existence is not revealed. */
  private async visibleRow(client: Queryable, jobId: string, actor: Actor, lock: boolean): Promise<JobRow> {
    // Not a UUID cannot name a job; only its start is echoed back, whatever its length.
    if (!UUID.test(jobId)) throw new NotFoundError(`job_id: no job "${echo(jobId)}" (job ids are UUIDs)`);
    const row = await this.jobs.find(jobId, { client, lock });
    if (!row || (actor.tenant_id !== null && row.tenant_id !== actor.tenant_id))
      throw new NotFoundError(`job_id: no job "${jobId}"`);
    return row;
  }
}

/** A JobService over its own repositories: for the CLI, scripts and harnesses that wire nothing else. */
export function jobServiceOver(
  db: Database,
  audit: AuditLog,
  policy: JobPolicy,
  templates: TemplateRepository = new TemplateRepository(db, audit),
): JobService {
  return new JobService(db, new JobRepository(db), templates, audit, policy);
}

const echo = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** The request body checked, with the Idempotency-Key header folded in (the two must agree). */
function parseRequest(body: unknown, headerKey: string | undefined): JobRequest {
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
  if (!parsed.success) throw inputRefused('job request', zodIssuesToInputIssues(parsed.error));
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

/** A job that ran out of tokens only gets further with a larger budget than it has already spent. */
function rerunBudget(row: JobRow, requested: number | null | undefined): number | null {
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
