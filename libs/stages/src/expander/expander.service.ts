import { PoisonMessageError, VelocityError } from '@vs/contracts';
import { chapterPlanInput, packSpreadKey, planPromptPacks, revisionExemplarRefs } from '@vs/domain';
import type { ConsumedMessage } from '@vs/kafka';
import { forJob, type Logger } from '@vs/logging';
import {
  toPromptPackValue,
  type JobRequestedValue,
  type JobRowRepository,
  type ProgressReporter,
  type StagePublisher,
} from '@vs/pipeline';
import type { TemplateRepository } from '@vs/templates';
import { revisionUnusableReason } from './revision-usability';

const PACK_PUBLISH_CHUNK = 200;
/**
 * The broker refuses a record batch over its message limit (1 MB by default), and a send's packs may all
 * land on one partition (a job with a token budget keeps them there): chunks stay well under it, by size as
 * well as by count.
 */
const PACK_PUBLISH_BYTES = 512 * 1024;

type PackValue = ReturnType<typeof toPromptPackValue>;

const sharedSizes = new WeakMap<object, number>();

/**
 * Avro is smaller than JSON for these values, so the JSON length is a safe upper estimate. The revision's
 * exemplars, the same array in every pack of a job, are measured once.
 */
function estimatedSize(value: PackValue): number {
  let shared = sharedSizes.get(value.revision_exemplars);
  if (shared === undefined)
    sharedSizes.set(value.revision_exemplars, (shared = JSON.stringify(value.revision_exemplars).length));
  return JSON.stringify({ ...value, revision_exemplars: null }).length + shared;
}

/**
 * Packs in send order, cut into chunks of at most PACK_PUBLISH_CHUNK packs and about PACK_PUBLISH_BYTES. Lazy:
 * only the chunk being sent is held in wire form, so the expander's memory does not grow with the job.
 */
function* publishChunks(values: Iterable<PackValue>): Generator<PackValue[]> {
  let current: PackValue[] = [];
  let bytes = 0;
  for (const value of values) {
    const size = estimatedSize(value);
    if (current.length > 0 && (current.length >= PACK_PUBLISH_CHUNK || bytes + size > PACK_PUBLISH_BYTES)) {
      yield current;
      current = [];
      bytes = 0;
    }
    current.push(value);
    bytes += size;
  }
  if (current.length > 0) yield current;
}

/** Expands a requested job into prompt packs: balanced, deterministic, with lineage and exemplar provenance. */
export class ExpanderService {
  constructor(
    private readonly jobRows: JobRowRepository,
    private readonly templates: TemplateRepository,
    private readonly output: StagePublisher,
    private readonly progress: ProgressReporter,
    private readonly logger: Logger,
    private readonly maxPackSize = 50,
  ) {}

  async onJobsRequested(messages: ConsumedMessage<JobRequestedValue>[]): Promise<void> {
    for (const message of messages) await this.expand(message.value);
  }

  private async expand(job: JobRequestedValue): Promise<void> {
    const log = forJob(this.logger, job.job_id);
    const row = await this.jobRows.expansionOf(job.job_id);
    if (!row) throw new PoisonMessageError(`job ${job.job_id} does not exist in this database`);
    // The row, not the stop watch: a rerun revives a failed job a moment before its event arrives here.
    if (['cancelling', 'cancelled', 'failed', 'completed'].includes(row.status)) {
      log.info({ status: row.status }, 'job no longer runnable; not expanding');
      return;
    }
    try {
      const revision = await this.templates.getRevision(job.template_id, job.template_revision);
      const unusable = revisionUnusableReason(revision, { mode: job.mode, created_at: row.created_at });
      if (unusable) throw new PoisonMessageError(unusable);
      const chapter = revision.chapters.find((c) => c.chapter_key === job.chapter_key);
      if (!chapter)
        throw new PoisonMessageError(
          `chapter_key "${job.chapter_key}" is not in ${job.template_id} revision ${job.template_revision}`,
        );
      const packs = planPromptPacks({
        job: {
          ...job,
          token_budget: job.token_budget === null ? null : Number(job.token_budget),
          reference_at: row.reference_at.toISOString(),
        },
        chapter: chapterPlanInput(chapter),
        record_schema: revision.record_schema,
        revision_exemplars: revisionExemplarRefs(revision.chapters),
        max_pack_size: this.maxPackSize,
      });
      const values = (function* () {
        for (const pack of packs)
          yield toPromptPackValue({ ...pack, target_surface: job.target_surface, mode: job.mode });
      })();
      for (const chunk of publishChunks(values)) {
        await this.output.publish(
          'promptPacks',
          chunk.map((value) => ({ key: job.job_id, value, spreadKey: packSpreadKey(value) })),
        );
      }
      await this.progress.report(job.job_id, 'expander', [{ unit_id: 'plan', records: job.record_count }], {
        planned_packs: packs.length,
      });
      log.info({ packs: packs.length, records: job.record_count }, 'job expanded into prompt packs');
    } catch (error) {
      // A job that can never be expanded fails with the reason; an infrastructure hiccup is retried.
      if (error instanceof VelocityError && !error.retriable) {
        log.warn({ err: error }, 'job cannot be expanded');
        await this.progress.report(job.job_id, 'expander', [], {
          outcome: 'failed',
          error: `expander: ${error.message}`,
        });
        return;
      }
      throw error;
    }
  }
}
