export type ParsedReply = { ok: true; records: unknown[] } | { ok: false; error: string };

const FENCE = /```(?:json)?\s*([\s\S]*?)```/i;

/**
 * Reads the records out of a model reply. Models wrap JSON in fences or answer a bare array even when told
 * not to, so both are accepted; anything else is an error the correction round can name.
 */
export function parseRecordsReply(content: string): ParsedReply {
  const fenced = FENCE.exec(content);
  const text = (fenced ? fenced[1] : content).trim();
  if (text === '') return { ok: false, error: 'reply: empty' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `reply: not valid JSON (${(error as Error).message})` };
  }
  if (Array.isArray(parsed)) return { ok: true, records: parsed };
  if (parsed !== null && typeof parsed === 'object' && Array.isArray((parsed as { records?: unknown }).records)) {
    return { ok: true, records: (parsed as { records: unknown[] }).records };
  }
  return { ok: false, error: 'reply: expected {"records":[...]} or an array of records' };
}
