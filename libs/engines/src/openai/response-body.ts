/** One line, whitespace collapsed, at most `max` characters: job errors and logs never hold a page of HTML. */
export function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

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
  content: string;
  refusal: string | null;
  finishReason: string | null;
  usage: Record<string, unknown> | null;
}

/**
 * Reads a server-sent-events body (`data: {chunk}` lines, `data: [DONE]`) into one completion: the deltas'
 * content and refusal joined, the last finish_reason, and the usage a final chunk carries
 * (stream_options.include_usage). Null when no line holds a chat-completion chunk.
 */
export function readEventStream(body: string): StreamedCompletion | null {
  let content = '';
  let refusal: string | null = null;
  let finishReason: string | null = null;
  let usage: Record<string, unknown> | null = null;
  let chunks = 0;
  for (const line of body.split(/\r?\n/)) {
    const m = /^data:\s?(.*)$/.exec(line);
    if (!m || m[1].trim() === '[DONE]' || m[1].trim() === '') continue;
    let chunk: {
      choices?: { delta?: { content?: string | null; refusal?: string | null }; finish_reason?: string | null }[];
      usage?: Record<string, unknown> | null;
    };
    try {
      chunk = JSON.parse(m[1]) as typeof chunk;
    } catch {
      continue;
    }
    chunks++;
    const choice = chunk.choices?.[0];
    if (typeof choice?.delta?.content === 'string') content += choice.delta.content;
    if (typeof choice?.delta?.refusal === 'string') refusal = (refusal ?? '') + choice.delta.refusal;
    if (choice?.finish_reason) finishReason = choice.finish_reason;
    if (chunk.usage) usage = chunk.usage;
  }
  return chunks === 0 ? null : { content, refusal, finishReason, usage };
}
