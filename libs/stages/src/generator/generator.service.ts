import { isRetriable, TransientError, type GeneratedRecord } from '@vs/contracts';
import { recordId } from '@vs/domain';
import { BUDGET_EXHAUSTED_ERROR, CircuitOpenError, LlmRequestsFailedError, type PlannedRecord } from '@vs/engines';
import type { ConsumedMessage } from '@vs/kafka';
import { forJob, type Logger } from '@vs/logging';
import {
  fromPromptPackValue,
  toGeneratedRecordValue,
  toPromptPackValue,
  type JobStopWatch,
  type JobTokenBudget,
  type ProgressReporter,
  type RoutedPromptPack,
  type StagePublisher,
} from '@vs/pipeline';
import type { EngineRegistry } from './engine.registry';
import { JobPauseTracker } from './job-pause.tracker';

type PackValue = ReturnType<typeof toPromptPackValue>;

/** Turns prompt packs into candidate records with the pack's engine; never drops a planned record. */
export class GeneratorService {
  constructor(
    private readonly engines: EngineRegistry,
    private readonly budget: JobTokenBudget,
    private readonly output: StagePublisher,
    private readonly progress: ProgressReporter,
    private readonly stopWatch: JobStopWatch,
    private readonly logger: Logger,
    private readonly pauses = new JobPauseTracker(),
  ) {}

  /**
   * The chunk's packs run side by side: the engine's own concurrency limit bounds the requests in flight, so
   * one pack's slowest request does not leave the endpoint idle. A failure retries the whole chunk; the
   * packs that succeeded then publish the same records again, which every later stage ignores by record id.
   */
  async onPromptPacks(messages: ConsumedMessage<PackValue>[]): Promise<void> {
    const results = await Promise.allSettled(messages.map((m) => this.generatePack(fromPromptPackValue(m.value))));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async generatePack(pack: RoutedPromptPack): Promise<void> {
    const log = forJob(this.logger, pack.job_id);
    if (await this.stopWatch.stillStopped(pack.job_id)) return;
    const registered = this.engines.get(pack.engine);
    const engine = registered.engine;
    const identity = engine.identity();
    const planned: PlannedRecord[] = Array.from({ length: pack.record_count }, (_, i) => {
      const index = pack.first_record_index + i;
      return { record_id: recordId(pack.job_id, pack.pack_index, index), record_index: index };
    });
    // Every LLM pack looks at the job's budget: a rerun may have set or raised it since the pack was planned.
    if (pack.engine !== 'deterministic') await this.budget.refresh(pack.job_id);

    const abort = new AbortController();
    const watch = setInterval(
      () => this.stopWatch.isStopped(pack.job_id) && abort.abort(new Error('job stopped')),
      250,
    );
    let outputs;
    try {
      outputs = await engine.generate(pack, planned, abort.signal);
    } catch (error) {
      if (abort.signal.aborted) {
        if (await this.stopWatch.stillStopped(pack.job_id))
          return log.info({ pack_id: pack.pack_id }, 'job stopped; pack dropped');
        throw new TransientError(`pack ${pack.pack_id} was interrupted by a stale stop; generating it again`);
      }
      if (error instanceof LlmRequestsFailedError) {
        // Asking again would be refused again: the job fails now with the reason, whatever its size; a rerun resumes it.
        log.error({ pack_id: pack.pack_id, reason: error.reason }, 'every llm request of the pack failed; job failed');
        return this.progress.report(pack.job_id, 'generator', [], { outcome: 'failed', error: error.reason });
      }
      if (error instanceof CircuitOpenError) {
        const pausedMs = this.pauses.paused(pack.job_id);
        if (pausedMs >= error.cooldownMs) {
          // Paused for a whole cooldown and the probe failed too: fail the job with the reason, commit the pack.
          // The job is final: its reason names the cause, not the retry the paused packs were waiting for.
          const reason = `llm endpoint unavailable: still failing after ${Math.round(pausedMs / 1000)}s paused; ${error.finalReason()}`;
          log.error({ pack_id: pack.pack_id, paused_ms: pausedMs }, 'llm endpoint unavailable; job failed');
          // A rerun of this job starts a fresh pause, rather than failing at once on this run's.
          this.pauses.resumed(pack.job_id);
          return this.progress.report(pack.job_id, 'generator', [], { outcome: 'failed', error: reason });
        }
      }
      if (isRetriable(error)) {
        log.warn({ pack_id: pack.pack_id, err: error }, 'generation paused; the pack will be retried');
        await this.progress.report(pack.job_id, 'generator', [], { detail: { paused: (error as Error).message } });
      }
      throw error;
    } finally {
      clearInterval(watch);
    }

    this.pauses.resumed(pack.job_id);
    const parameters = registered.parameters();
    const estimated = outputs.some((o) => o.usage_estimated === true);
    // Tokens our tokenizer estimated (the endpoint reported none) are marked so, on each record and the job's progress.
    if (estimated) parameters.usage_estimated = 'true';
    const exhausted = outputs.filter((o) => o.error === BUDGET_EXHAUSTED_ERROR);
    const produced = outputs.filter((o) => o.error !== BUDGET_EXHAUSTED_ERROR);
    const records: GeneratedRecord[] = produced.map((output, i) => ({
      record_id: output.record_id,
      job_id: pack.job_id,
      pack_id: pack.pack_id,
      record_index: planned[outputs.indexOf(output)]?.record_index ?? planned[i]!.record_index,
      lineage: {
        template_id: pack.template_id,
        template_revision: pack.template_revision,
        chapter_key: pack.chapter_key,
        subchapter_key: pack.subchapter_key,
        exemplar_ids: pack.exemplars.map((e) => e.exemplar_id),
        job_id: pack.job_id,
        tenant_id: pack.tenant_id,
        locale: pack.locale,
        engine: identity.name,
        engine_version: identity.version,
      },
      fields: output.fields,
      generation_error: output.error,
      usage: output.usage,
    }));
    await this.output.publish(
      'recordsGenerated',
      records.map((r) => ({ key: r.job_id, value: toGeneratedRecordValue(r, parameters), spreadKey: r.pack_id })),
    );
    const tokens = records.reduce(
      (sum, r) => ({
        prompt_tokens: sum.prompt_tokens + r.usage.prompt_tokens,
        completion_tokens: sum.completion_tokens + r.usage.completion_tokens,
      }),
      { prompt_tokens: 0, completion_tokens: 0 },
    );
    await this.progress.report(
      pack.job_id,
      'generator',
      [{ unit_id: pack.pack_id, records: records.length, ...tokens }],
      exhausted.length > 0
        ? {
            outcome: 'budget_exhausted',
            error: `token budget of ${this.budget.limit(pack)} exhausted; ${exhausted.length} record(s) of pack ${pack.pack_index} not generated`,
            ...(estimated ? { detail: { usage_estimated: true } } : {}),
          }
        : estimated
          ? { detail: { usage_estimated: true } }
          : {},
    );
  }
}
