import { createHash } from 'node:crypto';

/**
 * The fake OpenAI server samples strings without regard to a field's `pattern`, so no record of the sample
 * seed (order ids like ^ORD-[0-9]{6}$) would ever validate. This fills such fields with a value matching
 * the pattern: a small regex subset (literals, \d, [a-z0-9] classes, {n}/{n,m}/?/+/*, ^ and $), seeded by
 * the value it replaces, so the same reply is always repaired alike.
 */
export function valueForPattern(pattern: string, seed: string): string {
  const bytes = createHash('sha256').update(seed).digest();
  let next = 0;
  const rand = (n: number): number => bytes[next++ % bytes.length]! % n;
  let out = '';
  let i = 0;
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  while (i < body.length) {
    let choices: string;
    if (body[i] === '[') {
      const end = body.indexOf(']', i);
      choices = expandClass(body.slice(i + 1, end));
      i = end + 1;
    } else if (body[i] === '\\') {
      choices = body[i + 1] === 'd' ? '0123456789' : body[i + 1]!;
      i += 2;
    } else {
      choices = body[i]!;
      i += 1;
    }
    let times = 1;
    const quantifier = /^\{(\d+)(?:,(\d+))?\}|^[?+*]/.exec(body.slice(i));
    if (quantifier) {
      const [text, min, max] = quantifier;
      if (text === '?') times = rand(2);
      else if (text === '+' || text === '*') times = 1 + rand(3);
      else times = Number(min) + (max ? rand(Number(max) - Number(min) + 1) : 0);
      i += text.length;
    }
    for (let k = 0; k < times; k++) out += choices[rand(choices.length)];
  }
  return out;
}

function expandClass(spec: string): string {
  let chars = '';
  for (let i = 0; i < spec.length; i++) {
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      for (let c = spec.charCodeAt(i); c <= spec.charCodeAt(i + 2); c++) chars += String.fromCharCode(c);
      i += 2;
    } else chars += spec[i];
  }
  return chars;
}

type Json = Record<string, unknown>;

/** Rewrites a chat completion body from the fake: string fields that miss their schema pattern get a matching value. */
export function fillPatterns(completionBody: string, recordSchema: Json | null): string {
  const properties = (recordSchema?.properties ?? {}) as Record<string, Json>;
  const patterned = Object.entries(properties).filter(([, s]) => typeof s.pattern === 'string');
  if (patterned.length === 0) return completionBody;
  const completion = JSON.parse(completionBody) as { choices: { message: { content: string } }[] };
  const message = completion.choices[0]!.message;
  let reply: { records?: Json[] };
  try {
    reply = JSON.parse(message.content) as { records?: Json[] };
  } catch {
    return completionBody; // a malformed reply stays malformed
  }
  for (const record of reply.records ?? []) {
    for (const [name, schema] of patterned) {
      const value = record[name];
      const pattern = schema.pattern as string;
      // Only strings that miss: a deliberately wrong type (the fake's "invalid" fault) stays wrong.
      if (typeof value === 'string' && !new RegExp(pattern).test(value)) record[name] = valueForPattern(pattern, value);
    }
  }
  message.content = JSON.stringify(reply);
  return JSON.stringify(completion);
}

/** The record schema the prompt builder put in the system message. */
export function recordSchemaOf(messageContents: string[]): Json | null {
  for (const content of messageContents) {
    const line = /RECORD_SCHEMA_JSON:\s*(\{.*\})\s*$/m.exec(content);
    if (line) return JSON.parse(line[1]!) as Json;
  }
  return null;
}
