import { oneLine } from './one-line';
import { addDelta, errorInBody, NO_PARTS, type BodyError, type MessageParts } from './completion-message';

export { oneLine } from './one-line';

const HTML = /^\s*(<!doctype html|<html|<head|<body|<\?xml)/i;

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * What an error body says, in one line: an OpenAI-style `error.message` (or `detail`, `message`), an HTML
 * page's title or first heading (a proxy's 502/503 page), else the status line or the body's start.
 */
export function errorBodySummary(status: number, body: string, statusText = ''): string {
  const trimmed = body.trim();
  if (HTML.test(trimmed) || /<title>/i.test(trimmed)) {
    const title =
      /<title[^>]*>([\s\S]*?)<\/title>/i.exec(trimmed)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(trimmed)?.[1];
    const text = title ? decodeEntities(title.replace(/<[^>]+>/g, '')) : '';
    return oneLine(text || `HTTP ${status} ${statusText}`.trim());
  }
  try {
    const parsed = JSON.parse(trimmed) as {
      error?: { message?: unknown } | string;
      detail?: unknown;
      message?: unknown;
    };
    const message =
      typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.detail ?? parsed.message);
    if (typeof message === 'string' && message !== '') return oneLine(message);
  } catch {
    // not JSON: its own words below
  }
  return oneLine(trimmed === '' ? `HTTP ${status} ${statusText}`.trim() : trimmed);
}

export interface StreamedCompletion {
  parts: MessageParts;
  refusal: string | null;
  finishReason: string | null;
  usage: Record<string, unknown> | null;
  /** An `error` chunk: the server failed mid-stream (vLLM, Ollama, gateways send one before closing). */
  error: BodyError | null;
}

/**
 * Reads a server-sent-events body (`data: {chunk}` lines, `data: [DONE]`) into one completion: the deltas'
 * content, tool-call arguments, reasoning and refusal joined, the last finish_reason, and the usage a final chunk
 * carries (stream_options.include_usage). Null when no line holds a chat-completion chunk.
 */
export function readEventStream(body: string): StreamedCompletion | null {
  let parts = NO_PARTS;
  let refusal: string | null = null;
  let finishReason: string | null = null;
  let usage: Record<string, unknown> | null = null;
  let error: BodyError | null = null;
  let chunks = 0;
  for (const line of body.split(/\r?\n/)) {
    const m = /^data:\s?(.*)$/.exec(line);
    if (!m || m[1].trim() === '[DONE]' || m[1].trim() === '') continue;
    let chunk: {
      choices?: { delta?: Record<string, unknown>; finish_reason?: string | null }[];
      usage?: Record<string, unknown> | null;
    };
    try {
      chunk = JSON.parse(m[1]) as typeof chunk;
    } catch {
      continue;
    }
    chunks++;
    error ??= errorInBody(chunk);
    const choice = chunk.choices?.[0];
    if (choice?.delta) parts = addDelta(parts, choice.delta);
    if (typeof choice?.delta?.refusal === 'string') refusal = (refusal ?? '') + choice.delta.refusal;
    if (choice?.finish_reason) finishReason = choice.finish_reason;
    if (chunk.usage) usage = chunk.usage;
  }
  return chunks === 0 ? null : { parts, refusal, finishReason, usage, error };
}
