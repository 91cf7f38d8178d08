import type { PromptPack, RecordFields, TokenUsage } from '@vs/contracts';
import type { RecordValidator } from '@vs/domain';
import type { EngineOutput, PlannedRecord } from '../generation-engine';
import type { CompletionSender } from './completion-sender';
import { LlmEndpointUnavailableError } from './openai-errors';
import type { OpenAiEngineOptions } from './openai-engine.config';
import type { ChatMessage, JsonSchema, PromptBuilder } from './prompt-builder';
import { parseRecordsReply } from './reply-parser';
import { addUsage, splitUsage, ZERO_USAGE } from './token-split';

/** The error a record gets when the budget ran out before it was asked for; the pipeline matches on it. */
export const BUDGET_EXHAUSTED_ERROR = 'budget exhausted';

export interface CompiledRecordSchema {
  validator: RecordValidator;
  jsonSchema: JsonSchema;
}

/**
 * Generates one batch: asks for N records, keeps the valid ones, asks again (with each problem named) for
 * the rest, and gives up per record after the last correction. Returns exactly one output per planned record.
 */
export class RecordBatchRunner {
  constructor(
    private readonly options: OpenAiEngineOptions,
    private readonly builder: PromptBuilder,
    private readonly sender: CompletionSender,
  ) {}

  async run(
    pack: PromptPack,
    batch: PlannedRecord[],
    compiled: CompiledRecordSchema,
    signal?: AbortSignal,
    stop?: AbortSignal,
  ): Promise<EngineOutput[]> {
    const fields: (RecordFields | null)[] = batch.map(() => null);
    const errors: string[] = batch.map(() => 'llm: not attempted');
    let pending = batch.map((_, slot) => slot);
    let conversation: ChatMessage[] = this.builder.messages(pack, batch, compiled.jsonSchema);
    let usage: TokenUsage = ZERO_USAGE;
    const attempts = 1 + this.options.maxCorrectionAttempts;
    for (let attempt = 1; attempt <= attempts && pending.length > 0; attempt++) {
      const sent = await this.sender.send(
        {
          model: this.options.model,
          messages: conversation,
          temperature: this.options.temperature,
          max_tokens: this.options.maxTokens,
          response_format: this.builder.responseFormat(compiled.jsonSchema, pending.length),
        },
        {
          pack,
          schemaVersion: `${pack.template_id}@${pack.template_revision}`,
          jitterKey: batch[0].record_id,
          signal,
          stop,
        },
      );
      if (sent.kind === 'budget_exhausted' && attempt > 1) {
        // Already asked for and billed: they go on (rejected, with their tokens), not vanish as never generated.
        for (const slot of pending) errors[slot] = `${errors[slot]}; not corrected: token budget exhausted`;
        break;
      }
      // An outage ends the batch without a verdict on its records: the pack is generated again later.
      if (sent.kind === 'unavailable') throw new LlmEndpointUnavailableError(sent.message);
      if (sent.kind !== 'ok') {
        const reason = sent.kind === 'budget_exhausted' ? BUDGET_EXHAUSTED_ERROR : `llm: ${sent.message}`;
        for (const slot of pending) errors[slot] = reason;
        break;
      }
      usage = addUsage(usage, sent.usage);
      const problems: string[] = [];
      const stillPending: number[] = [];
      const parsed = parseRecordsReply(sent.content);
      pending.forEach((slot, position) => {
        const number = position + 1; // as the model saw it: the n-th record of its reply
        const candidate = parsed.ok ? parsed.records[position] : undefined;
        const found = parsed.ok ? (candidate === undefined ? ['missing from reply'] : null) : [parsed.error];
        const verdict = found ? null : compiled.validator.validate(candidate);
        if (verdict?.ok) {
          fields[slot] = verdict.value;
          return;
        }
        const recordErrors = found ?? verdict?.errors ?? [];
        stillPending.push(slot);
        errors[slot] = `llm: invalid after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${recordErrors.join('; ')}`;
        if (parsed.ok) problems.push(...recordErrors.map((e) => `record ${number}: ${e}`));
      });
      if (!parsed.ok) problems.push(parsed.error);
      pending = stillPending;
      if (pending.length > 0 && attempt < attempts) {
        conversation = [...conversation, ...this.builder.correctionMessages(sent.content, problems, pending.length)];
      }
    }
    // Every record of the batch carries a share, so per-record tokens add up to what was billed, corrections included.
    const shares = splitUsage(usage, batch.length);
    return batch.map((planned, slot) => ({
      record_id: planned.record_id,
      fields: fields[slot],
      error: fields[slot] ? null : errors[slot],
      usage: shares[slot],
    }));
  }
}
