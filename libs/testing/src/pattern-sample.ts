import { createHash } from 'node:crypto';

/**
 * A string matching `pattern`, for the regex subset record schemas use (literals, \d, [a-z0-9] classes,
 * {n}/{n,m}/?/+/*, ^ and $), seeded so the same seed always yields the same value.
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
