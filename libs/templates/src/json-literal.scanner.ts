/**
 * What JSON.parse forgets about a body: how each number was written, and which keys an object repeats.
 * JSON.parse reads `2e0`, `2.0` and `2` as the same 2 and keeps the last of two equal keys, so the
 * HTTP edge and the seed parser scan the raw text once with this to refuse what a strict reader would
 * not accept. The text must already have been parsed by JSON.parse, so it is known to be valid JSON.
 */

/** A path into the body: object keys and array indexes, outermost first. */
export type JsonPath = readonly (string | number)[];

export interface NumberLiteral {
  path: JsonPath;
  literal: string;
}

export interface JsonLiteralScan {
  numbers: NumberLiteral[];
  /** The first key an object holds twice, with the object's path and the key. */
  duplicateKey: JsonPath | null;
  /** The first key named `__proto__`, which JavaScript code reading the body could take for the prototype. */
  prototypeKey: JsonPath | null;
  /** True when containers nest deeper than the limit; the scan stops there. */
  tooDeep: boolean;
}

interface Frame {
  kind: 'object' | 'array';
  keys: Set<string>;
  /** The current key (object) or index (array). */
  at: string | number;
  /** In an object: the next string is a key, not a value. */
  expectKey: boolean;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;

/** Scans valid JSON text without recursion (a hostile body may nest thousands of levels). */
export function scanJsonLiterals(text: string, maxDepth: number): JsonLiteralScan {
  const scan: JsonLiteralScan = { numbers: [], duplicateKey: null, prototypeKey: null, tooDeep: false };
  const stack: Frame[] = [];
  const pathTo = (): (string | number)[] => stack.map((frame) => frame.at);
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (c === '{' || c === '[') {
      if (stack.length >= maxDepth) return { ...scan, tooDeep: true };
      stack.push({
        kind: c === '{' ? 'object' : 'array',
        keys: new Set(),
        at: c === '{' ? '' : 0,
        expectKey: c === '{',
      });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',') {
      if (top?.kind === 'array') top.at = (top.at as number) + 1;
      else if (top) top.expectKey = true;
      i++;
    } else if (c === '"') {
      STRING.lastIndex = i;
      const token = STRING.exec(text)![0];
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(token) as string;
        top.at = key;
        top.expectKey = false;
        if (top.keys.has(key)) scan.duplicateKey ??= pathTo();
        if (key === '__proto__') scan.prototypeKey ??= pathTo();
        top.keys.add(key);
      }
      i += token.length;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const literal = NUMBER.exec(text)![0];
      scan.numbers.push({ path: pathTo(), literal });
      i += literal.length;
    } else {
      i++; // whitespace, ':' and the letters of true, false and null
    }
  }
  return scan;
}

/** `['a', 0, 'b']` → `a[0].b`, as the error bodies name fields. */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? '(body)' : out;
}

/** An integer as a strict reader accepts it: decimal digits, no fraction, exponent or `-0`, exactly representable. */
export function isPlainInteger(literal: string): boolean {
  return /^(?:0|-?[1-9][0-9]*)$/.test(literal) && Number.isSafeInteger(Number(literal));
}
