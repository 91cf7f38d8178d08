/** The complete records read from a reply, and why the rest of it (if any) could not be read. */
export interface ParsedReply {
  records: unknown[];
  /** Null when the whole reply was read; otherwise the problem, as the correction round names it. */
  error: string | null;
}

const THINKING = /<think>[\s\S]*?(<\/think>|$)/gi;
const FENCE = /```(?:json)?\s*([\s\S]*?)(```|$)/i;
/** Envelope keys servers and models use for the list; any other single array-valued key is taken too. */
const ENVELOPE_KEYS = ['records', 'data', 'items', 'results'];

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The records of a parsed reply: `{"records": [...]}`, `{"data": [...]}`, a bare array, or one bare record. */
export function recordsOfEnvelope(value: unknown): unknown[] {
  if (typeof value === 'string') {
    try {
      return recordsOfEnvelope(JSON.parse(value)); // JSON sent as a JSON string
    } catch {
      return [value];
    }
  }
  if (Array.isArray(value)) return value;
  if (!isObject(value)) return [value];
  for (const key of ENVELOPE_KEYS) {
    const inner = value[key];
    if (Array.isArray(inner)) return inner;
    if (isObject(inner) && Object.keys(value).length === 1) return [inner];
  }
  const keys = Object.keys(value);
  if (keys.length === 1 && Array.isArray(value[keys[0]!]) && (value[keys[0]!] as unknown[]).every(isObject))
    return value[keys[0]!] as unknown[];
  return [value];
}

/** Where the list of records starts: after `"records": [` (or `"data"`), else at the first `[`. */
function arrayStart(text: string): number {
  const keyed = /"(?:records|data|items|results)"\s*:\s*\[/.exec(text);
  if (keyed) return keyed.index + keyed[0].length;
  const bracket = text.indexOf('[');
  return bracket === -1 ? -1 : bracket + 1;
}

/** Every whole object of the reply's record list, read up to where the JSON breaks off (a cut or broken reply). */
export function completeObjects(text: string): unknown[] {
  const start = arrayStart(text);
  if (start === -1) return [];
  const found: unknown[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let objectStart = -1;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) objectStart = i;
      depth++;
    } else if (c === '}' || c === ']') {
      if (depth === 0) break; // the list itself closed
      depth--;
      if (depth === 0 && objectStart !== -1) {
        try {
          found.push(JSON.parse(text.slice(objectStart, i + 1)));
        } catch {
          return found; // broken inside: what came before it stands
        }
        objectStart = -1;
      }
    }
  }
  return found;
}

/**
 * Reads the records out of a model reply. Models think aloud (`<think>`), wrap JSON in fences or prose, answer
 * a bare array or one bare record, or are cut off mid-record (`cut`: finish_reason "length"): every complete
 * record is kept, and the problem with the rest is named for the correction round.
 */
export function parseRecordsReply(content: string, cut = false): ParsedReply {
  const unthought = content.replace(THINKING, '');
  const fenced = FENCE.exec(unthought);
  const text = (fenced ? fenced[1]! : unthought).trim();
  if (text === '') return { records: [], error: cut ? 'reply: cut off before any record' : 'reply: empty' };
  const json = /[[{]/.exec(text);
  const candidates = json && json.index > 0 ? [text, text.slice(json.index)] : [text];
  let firstError = '';
  for (const candidate of candidates) {
    try {
      return { records: recordsOfEnvelope(JSON.parse(candidate)), error: null };
    } catch (error) {
      firstError ||= (error as Error).message;
    }
  }
  const records = completeObjects(text);
  const error = cut
    ? `reply: cut off at the token limit after ${records.length} complete record${records.length === 1 ? '' : 's'}`
    : `reply: not valid JSON (${firstError.slice(0, 120)})`;
  return { records, error };
}
