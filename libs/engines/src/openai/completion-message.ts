import { oneLine } from './one-line';

/** What one choice of a completion carried, streamed or not, before the engine picks where the records are. */
export interface MessageParts {
  content: string;
  /** The arguments of its tool calls, joined: some gateways and models answer a JSON request as a function call. */
  toolArguments: string;
  /** `reasoning_content` (vLLM, DeepSeek) or `reasoning` (OpenRouter): the model's thinking, sent apart. */
  reasoning: string;
}

export const NO_PARTS: MessageParts = { content: '', toolArguments: '', reasoning: '' };

const text = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : Array.isArray(value) // content as parts: [{type: "text", text}]
      ? value.map((part) => (typeof part === 'string' ? part : text((part as { text?: unknown }).text))).join('')
      : '';

function toolArguments(calls: unknown): string {
  if (!Array.isArray(calls)) return '';
  return calls.map((call) => text((call as { function?: { arguments?: unknown } }).function?.arguments)).join('');
}

/** The parts of a non-streamed `choices[0].message`. */
export function messageParts(message: Record<string, unknown>): MessageParts {
  return {
    content: text(message.content),
    toolArguments: toolArguments(message.tool_calls),
    reasoning: text(message.reasoning_content ?? message.reasoning),
  };
}

/** Adds a streamed `delta` to what came before it (tool-call arguments arrive in pieces, like content). */
export function addDelta(parts: MessageParts, delta: Record<string, unknown>): MessageParts {
  return {
    content: parts.content + text(delta.content),
    toolArguments: parts.toolArguments + toolArguments(delta.tool_calls),
    reasoning: parts.reasoning + text(delta.reasoning_content ?? delta.reasoning),
  };
}

/**
 * The text the records are read from: the content; when it is empty, a tool call's arguments; else the
 * reasoning when it holds JSON (a reasoning parser that took the whole answer for thinking). Reasoning prose is
 * never read as an answer or as a refusal: a reply with nothing but that is empty.
 */
export function replyText(parts: MessageParts): string {
  if (parts.content.trim() !== '') return parts.content;
  if (parts.toolArguments.trim() !== '') return parts.toolArguments;
  return /[[{]/.test(parts.reasoning) ? parts.reasoning : '';
}

export interface BodyError {
  message: string;
  /** From its `code` or `status` when numeric, as gateways copy the upstream's status there. */
  status: number | null;
}

/** An `error` object in a 2xx body (gateways, Ollama, OpenRouter pass an upstream's failure on this way). */
export function errorInBody(parsed: Record<string, unknown>): BodyError | null {
  const error = parsed.error;
  if (error === undefined || error === null) return null;
  const detail = (typeof error === 'object' ? error : { message: error }) as Record<string, unknown>;
  const code = Number(detail.code ?? detail.status);
  const message = oneLine(text(detail.message) || JSON.stringify(error), 200);
  return { message, status: Number.isInteger(code) && code >= 100 && code < 600 ? code : null };
}
