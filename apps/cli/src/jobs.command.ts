import { InvalidInputError, JOB_STATUSES, type JobStatus } from '@vs/contracts';
import type { JobQualityReport } from '@vs/domain';
import { JobQualityReportRepository } from '@vs/templates';
import type { Command } from 'commander';
import { integerFlag } from './cli-args';
import { withContext } from './cli.context';
import { details, emit, table } from './output';

interface TriggerOptions {
  template: string;
  revision: string;
  chapter: string;
  subchapter?: string;
  tenant: string;
  locale: string;
  count: string;
  surface: string;
  mode?: string;
  engine?: string;
  idempotencyKey?: string;
  tokenBudget?: string;
}

const QUEUE_COLUMNS = [
  'job_id',
  'status',
  'tenant_id',
  'template_id',
  'template_revision',
  'chapter_key',
  'mode',
  'record_count',
  'accepted_records',
  'rejected_records',
];

export function registerJobCommands(program: Command): void {
  const jobs = program.command('jobs').description('synthetic generation jobs');

  jobs
    .command('trigger')
    .description('queue a job (job row + outbox row in one transaction)')
    .requiredOption('--template <id>', 'template_id')
    .requiredOption('--revision <n>', 'template_revision (published; a draft only with --mode preview)')
    .requiredOption('--chapter <key>', 'chapter_key')
    .option('--subchapter <key>', 'subchapter_key (default: all subchapters of the chapter)')
    .requiredOption('--tenant <id>', 'tenant_id')
    .requiredOption('--locale <tag>', 'one of the revision locales, e.g. en-US')
    .requiredOption('--count <n>', 'record_count')
    .requiredOption('--surface <surface>', 'analytics_sandbox | qa_fixtures | demo_bundle')
    .option('--mode <mode>', 'production | preview')
    .option('--engine <engine>', 'deterministic | openai-compatible (default: the template default)')
    .option('--token-budget <n>', 'token budget for LLM engines')
    .option('--idempotency-key <key>', 'retrying with the same key returns the same job')
    .action(async (o: TriggerOptions, command: Command) => {
      const body = Object.fromEntries(
        Object.entries({
          template_id: o.template,
          template_revision: integerFlag(o.revision, '--revision', 'template_revision'),
          chapter_key: o.chapter,
          subchapter_key: o.subchapter,
          tenant_id: o.tenant,
          locale: o.locale,
          record_count: integerFlag(o.count, '--count', 'record_count'),
          target_surface: o.surface,
          mode: o.mode,
          engine: o.engine,
          token_budget: integerFlag(o.tokenBudget, '--token-budget', 'token_budget'),
          idempotency_key: o.idempotencyKey,
        }).filter(([, v]) => v !== undefined),
      );
      const outcome = await withContext((ctx) => ctx.jobs.trigger(body, ctx.actor));
      emit(
        command,
        { ...outcome.job, created: outcome.created },
        () =>
          `${outcome.created ? 'queued' : 'already queued (same idempotency key)'}: ${outcome.job.job_id} [${outcome.job.status}, engine ${outcome.job.engine}]`,
      );
    });

  jobs
    .command('cancel <id>')
    .description('cancel a job (idempotent; a cancelled job stays queryable)')
    .action(async (id: string, _o: unknown, command: Command) => {
      const { job, changed } = await withContext((ctx) => ctx.jobs.cancel(id, ctx.actor));
      emit(command, { ...job, changed }, () => `${job.job_id} is ${job.status}${changed ? '' : ' (unchanged)'}`);
    });

  jobs
    .command('rerun <id>')
    .description('run a failed job again under the same job_id (records already published are not published again)')
    .option('--token-budget <n>', 'a new token budget; required when the old one ran out ("none" removes it)')
    .action(async (id: string, o: { tokenBudget?: string }, command: Command) => {
      const body =
        o.tokenBudget === undefined
          ? {}
          : {
              token_budget:
                o.tokenBudget === 'none' ? null : integerFlag(o.tokenBudget, '--token-budget', 'token_budget'),
            };
      const job = await withContext((ctx) => ctx.jobs.rerun(id, body, ctx.actor));
      emit(command, job, () => `${job.job_id} is ${job.status} again (rerun ${job.reruns})`);
    });

  jobs
    .command('show <id>')
    .description('a job: result contract, stage counts, tokens, timestamps, and its quality summary once finalised')
    .action(async (id: string, _o: unknown, command: Command) => {
      const { job, quality } = await withContext(async (ctx) => {
        const shown = await ctx.jobs.get(id, ctx.actor);
        return { job: shown, quality: await new JobQualityReportRepository(ctx.db).find(shown.job_id) };
      });
      emit(
        command,
        { ...job, quality },
        () => `${details(job as unknown as Record<string, unknown>)}\n${qualitySummary(quality)}`,
      );
    });

  jobs
    .command('list')
    .description('the job queue, newest first')
    .option('--status <status>', 'filter by status')
    .option('--tenant <id>', 'filter by tenant_id')
    .option('--template <id>', 'filter by template_id')
    .option('--limit <n>', 'page size (1..500)', '50')
    .option('--offset <n>', 'skip this many', '0')
    .action(
      async (
        o: { status?: string; tenant?: string; template?: string; limit: string; offset: string },
        command: Command,
      ) => {
        if (o.status !== undefined && !(JOB_STATUSES as readonly string[]).includes(o.status)) {
          throw new InvalidInputError('bad --status', [
            { field: '--status', problem: `"${o.status}" is not a job status`, accepted: JOB_STATUSES.join(' | ') },
          ]);
        }
        const page = await withContext((ctx) =>
          ctx.jobs.list(
            {
              status: o.status as JobStatus | undefined,
              tenant_id: o.tenant,
              template_id: o.template,
              limit: integerFlag(o.limit, '--limit', 'limit', { min: 1, max: 500 }),
              offset: integerFlag(o.offset, '--offset', 'offset', { min: 0, max: Number.MAX_SAFE_INTEGER }),
            },
            ctx.actor,
          ),
        );
        emit(
          command,
          { jobs: page.items, total: page.total, limit: page.limit, offset: page.offset },
          () =>
            `${table(page.items as unknown as Record<string, unknown>[], QUEUE_COLUMNS)}\n${page.items.length} of ${page.total}`,
        );
      },
    );
}

const TOP_CHECKS = 5;

/** A few lines: the overall score and its parts, the checks that rejected most, the weakest fields. */
export function qualitySummary(report: JobQualityReport | null): string {
  if (report === null) return `${'quality'.padEnd(28)} - (written when the job is finalised)`;
  const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
  const { overall, components } = report.score;
  const lines = [
    `${'quality.overall_score'.padEnd(28)} ${overall.toFixed(3)} (field quality ${pct(components.field_quality)}, coverage ${pct(components.coverage)}, acceptance ${pct(components.acceptance)})`,
  ];
  const checks = report.rejections.by_check.slice(0, TOP_CHECKS);
  lines.push(
    `${'quality.top_rejections'.padEnd(28)} ${checks.length === 0 ? 'none' : checks.map((c) => `${c.check} ${c.records}`).join(', ')}`,
  );
  const weakest = report.fields
    .filter((f) => f.score !== null)
    .sort((a, b) => a.score! - b.score!)
    .slice(0, 3);
  if (weakest.length > 0)
    lines.push(
      `${'quality.weakest_fields'.padEnd(28)} ${weakest.map((f) => `${f.field} ${f.score!.toFixed(2)}`).join(', ')}`,
    );
  return lines.join('\n');
}
