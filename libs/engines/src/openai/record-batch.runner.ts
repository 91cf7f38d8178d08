import type { PromptPack, RecordFields, TokenUsage } from '@vs/contracts';
import { refusalGenerationError, refusalInReply, type RecordValidator } from '@vs/domain';
import type { EngineOutput, PlannedRecord } from '../generation-engine';
import type { CompletionSender, SendContext } from './completion-sender';
import type { EndpointCapabilities } from './endpoint-capabilities';
import { LlmEndpointUnavailableError } from './openai-errors';
import type { OpenAiEngineOptions } from './openai-engine.config';
import type { ChatCompletionRequest, TokenParam } from './chat-completions.client';
import type { ChatMessage, JsonSchema, PromptBuilder, StructuredOutput } from './prompt-builder';
import { parseRecordsReply } from './reply-parser';
import { unexpectedKeys } from './record-keys';
import { oneLine } from './response-body';
import { addUsage, splitUsage, ZERO_USAGE } from './token-split';

/** The error a record gets when the budget ran out before it was asked for; the pipeline matches on it. */
export const BUDGET_EXHAUSTED_ERROR = 'budget exhausted';

/** Why records of a reply the endpoint's content filter stopped are rejected. */
export const CONTENT_FILTERED = `blocked by the endpoint's content filter (finish_reason "content_filter")`;

export interface CompiledRecordSchema {
  validator: RecordValidator;
  jsonSchema: JsonSchema;
  fieldNames: string[];
}

/** A batch's outputs, and how its requests went: the engine tells an endpoint that failed every one from the rest. */
export interface BatchResult {
  outputs: EngineOutput[];
  /** Requests the endpoint answered, refused or rejected (not budget stops, not outages). */
  requests: number;
  /** Replies that were a model's answer: neither a rejected request nor a refusal. */
  answered: number;
  /** Each refusal's reason: `refused by the model: "…"`, or the content filter's. */
  refusals: string[];
  lastFailure: string | null;
}

interface BatchState {
  fields: (RecordFields | null)[];
  errors: string[];
  /** What each record cost: every request's usage split over the records it asked for. */
  usage: TokenUsage[];
  estimated: boolean;
  requests: number;
  answered: number;
  refusals: string[];
  lastFailure: string | null;
}

interface BatchCall {
  pack: PromptPack;
  batch: PlannedRecord[];
  compiled: CompiledRecordSchema;
  state: BatchState;
  signal?: AbortSignal;
  stop?: AbortSignal;
}

/**
 * Generates one batch: asks for N records, keeps the valid ones, asks again (with each problem named) for
 * the rest, and gives up per record after the last correction. A reply cut at the token limit keeps its
 * complete records and the rest are asked for in halves, down to one. Returns one output per planned record.
 */
export class RecordBatchRunner {
  constructor(
    private readonly options: OpenAiEngineOptions,
    private readonly builder: PromptBuilder,
    private readonly sender: CompletionSender,
    private readonly capabilities: EndpointCapabilities,
  ) {}

  async run(
    pack: PromptPack,
    batch: PlannedRecord[],
    compiled: CompiledRecordSchema,
    signal?: AbortSignal,
    stop?: AbortSignal,
  ): Promise<BatchResult> {
    const state: BatchState = {
      fields: batch.map(() => null),
      errors: batch.map(() => 'llm: not attempted'),
      usage: batch.map(() => ZERO_USAGE),
      estimated: false,
      requests: 0,
      answered: 0,
      refusals: [],
      lastFailure: null,
    };
    await this.group(
      { pack, batch, compiled, state, signal, stop },
      batch.map((_, slot) => slot),
    );
    const outputs = batch.map((planned, slot) => ({
      record_id: planned.record_id,
      fields: state.fields[slot],
      error: state.fields[slot] ? null : state.errors[slot],
      usage: state.usage[slot]!,
      ...(state.estimated ? { usage_estimated: true } : {}),
    }));
    const { requests, answered, refusals, lastFailure } = state;
    return { outputs, requests, answered, refusals, lastFailure };
  }

  /** Asks for the records in `slots` together, correcting as needed; a cut reply splits the rest in halves. */
  private async group(call: BatchCall, slots: number[]): Promise<void> {
    const { pack, batch, compiled, state } = call;
    let pending = slots;
    const firstMessages = (mode: StructuredOutput['mode']): ChatMessage[] =>
      this.builder.messages(
        pack,
        pending.map((slot) => batch[slot]!),
        compiled.jsonSchema,
        mode,
      );
    let conversationMode = this.capabilities.structuredOutput.mode;
    let conversation = firstMessages(conversationMode);
    const attempts = 1 + this.options.maxCorrectionAttempts;
    for (let attempt = 1; attempt <= attempts && pending.length > 0;) {
      const asked = pending.length;
      // What the request went out with: read when it is sent, as another request may have negotiated meanwhile.
      let output = this.capabilities.structuredOutput;
      let tokenParam = this.capabilities.tokenParam;
      const first = attempt === 1;
      const build = (): ChatCompletionRequest => {
        output = this.capabilities.structuredOutput;
        if (first && output.mode !== conversationMode) {
          conversationMode = output.mode; // the schema moves between response_format and the prompt
          conversation = firstMessages(conversationMode);
        }
        return this.request(compiled, conversation, asked, output);
      };
      const sent = await this.sender.send(
        build,
        this.context(
          call,
          () => (tokenParam = this.capabilities.tokenParam),
          (refused) =>
            (refused.formatRejected === true && this.capabilities.formatRefused(output, refused.message)) ||
            (refused.tokenParamRejected === true && this.capabilities.tokenParamRefused(tokenParam, refused.message)),
        ),
      );
      if (sent.kind === 'budget_exhausted' && attempt > 1) {
        // Already asked for and billed: they go on (rejected, with their tokens), not vanish as never generated.
        for (const slot of pending) state.errors[slot] = `${state.errors[slot]}; not corrected: token budget exhausted`;
        return;
      }
      // An outage ends the batch without a verdict on its records: the pack is generated again later.
      if (sent.kind === 'unavailable') throw new LlmEndpointUnavailableError(sent.message);
      if (sent.kind === 'budget_exhausted') {
        for (const slot of pending) state.errors[slot] = BUDGET_EXHAUSTED_ERROR;
        return;
      }
      state.requests++;
      if (sent.kind === 'failed') {
        state.lastFailure = sent.message;
        // Refused for how it asked, not for what: asked again the way the endpoint takes (remembered for the process).
        if (sent.negotiated) continue;
        for (const slot of pending) state.errors[slot] = `llm: ${sent.message}`;
        return;
      }
      // Records carry what was asked on their behalf, corrections included, so per-record tokens add up to what
      // was billed, and a rerun that replays part of a batch from the cache counts each request once.
      splitUsage(sent.usage, pending.length).forEach((share, i) => {
        state.usage[pending[i]!] = addUsage(state.usage[pending[i]!]!, share);
      });
      if (sent.usageSource === 'estimated') state.estimated = true;
      const cut = sent.finishReason === 'length';
      const filtered = sent.finishReason === 'content_filter';
      const parsed = parseRecordsReply(sent.content, cut || filtered);
      const refusal =
        sent.refusal ?? refusalInReply(sent.content) ?? (filtered && parsed.records.length === 0 ? '' : null);
      if (refusal !== null) {
        // A refusal is the model's (or its filter's) decision: asking the same again only bills it again.
        const reason =
          filtered && refusal === '' ? CONTENT_FILTERED : `refused by the model: "${oneLine(refusal, 200)}"`;
        state.refusals.push(reason);
        for (const slot of pending) state.errors[slot] = refusalGenerationError(reason);
        return;
      }
      state.answered++;
      const problems: string[] = [];
      const stillPending: number[] = [];
      pending.forEach((slot, position) => {
        const number = position + 1; // as the model saw it: the n-th record of its reply
        const candidate = parsed.records[position];
        if (candidate === undefined) {
          stillPending.push(slot);
          state.errors[slot] =
            `llm: invalid after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${parsed.error ?? 'missing from reply'}`;
          if (!parsed.error) problems.push(`record ${number}: missing from reply`);
          return;
        }
        const verdict = compiled.validator.validate(candidate);
        if (verdict.ok) {
          state.fields[slot] = verdict.value;
          return;
        }
        const keys = unexpectedKeys(candidate, compiled.fieldNames);
        const recordErrors = [
          ...keys.problems,
          ...verdict.errors.filter((e) => ![...keys.renamed].some((field) => e.startsWith(`${field}:`))),
        ];
        stillPending.push(slot);
        state.errors[slot] =
          `llm: invalid after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${recordErrors.join('; ')}`;
        problems.push(...recordErrors.map((e) => `record ${number}: ${e}`));
      });
      if (parsed.error) problems.push(parsed.error);
      if (cut && stillPending.length > 0) return this.afterCut(call, stillPending, asked);
      if (filtered && stillPending.length > 0) {
        // The filter stopped the reply part-way: its complete records stand, the rest would be stopped again.
        for (const slot of stillPending) state.errors[slot] = refusalGenerationError(CONTENT_FILTERED);
        return;
      }
      pending = stillPending;
      if (pending.length > 0 && attempt < attempts) {
        conversation = [...conversation, ...this.builder.correctionMessages(sent.content, problems, pending.length)];
      }
      attempt++;
    }
  }

  /** The reply hit the token limit: its complete records stand, the rest go again in halves, one at the least. */
  private async afterCut(call: BatchCall, rest: number[], asked: number): Promise<void> {
    if (asked === 1) {
      const limit = this.options.maxTokens;
      call.state.errors[rest[0]!] =
        `llm: one record does not fit in LLM_MAX_TOKENS=${limit} (the reply was cut at the token limit, finish_reason "length"); raise LLM_MAX_TOKENS`;
      return;
    }
    const size = Math.max(1, Math.floor(asked / 2));
    const groups: number[][] = [];
    for (let i = 0; i < rest.length; i += size) groups.push(rest.slice(i, i + size));
    await Promise.all(groups.map((slots) => this.group(call, slots)));
  }

  private request(
    compiled: CompiledRecordSchema,
    messages: ChatMessage[],
    count: number,
    output: StructuredOutput,
  ): ChatCompletionRequest {
    return {
      model: this.options.model,
      messages,
      temperature: this.options.temperature,
      max_tokens: this.options.maxTokens,
      response_format: this.builder.responseFormat(compiled.jsonSchema, count, output),
    };
  }

  private context(call: BatchCall, tokenParam: () => TokenParam, negotiate: SendContext['negotiate']): SendContext {
    const { pack, batch } = call;
    return {
      pack,
      schemaVersion: `${pack.template_id}@${pack.template_revision}`,
      jitterKey: batch[0]!.record_id,
      signal: call.signal,
      stop: call.stop,
      tokenParam,
      negotiate,
    };
  }
}
