import { InvalidInputError } from '@vs/contracts';
import { fieldPattern } from './request-integer-fields';
import { formatJsonPath, isPlainInteger, scanJsonLiterals } from '@vs/templates';

/** Deeper than any request body the API defines; past it a body is an attack on the reader, not a request. */
export const MAX_BODY_DEPTH = 32;

function exampleFor(literal: string): string {
  const value = Math.trunc(Number(literal));
  return Number.isSafeInteger(value) ? String(value + 0) : '2'; // + 0 turns -0 into 0
}

function integerProblem(literal: string): string {
  if (/^-?(?:0|[1-9][0-9]*)$/.test(literal) && literal !== '-0')
    return `${literal} is beyond ${Number.MAX_SAFE_INTEGER}, the largest integer a JSON number carries exactly`;
  return `${literal} is not written as a plain integer`;
}

/**
 * Refuses, naming the field and the fix, what JSON.parse accepted but a strict reader would not: an
 * integer field written with a fraction, an exponent, `-0` or beyond the exact range; a key written
 * twice in one object; a `__proto__` key; nesting deeper than MAX_BODY_DEPTH.
 */
export function checkBodyLiterals(text: string, integerFields: ReadonlySet<string>): void {
  const scan = scanJsonLiterals(text, MAX_BODY_DEPTH);
  if (scan.tooDeep) {
    throw new InvalidInputError(`request body nests deeper than ${MAX_BODY_DEPTH} levels`, [
      {
        field: '(body)',
        problem: `objects and arrays nest deeper than ${MAX_BODY_DEPTH} levels`,
        accepted: 'the flat JSON object the endpoint documents',
      },
    ]);
  }
  if (scan.duplicateKey) {
    const field = formatJsonPath(scan.duplicateKey);
    throw new InvalidInputError(`${field} appears more than once in the body; send each field once`, [
      { field, problem: 'is written more than once in the same object', accepted: 'each field once' },
    ]);
  }
  if (scan.prototypeKey) {
    const field = formatJsonPath(scan.prototypeKey);
    throw new InvalidInputError(`${field}: a field named __proto__ is refused; remove it`, [
      { field, problem: 'is named __proto__, which is not a field of any request', accepted: 'the documented fields' },
    ]);
  }
  for (const { path, literal } of scan.numbers) {
    const field = formatJsonPath(path);
    if (!integerFields.has(fieldPattern(field)) || isPlainInteger(literal)) continue;
    const example = exampleFor(literal);
    throw new InvalidInputError(`${field} must be written as a plain integer such as ${example}`, [
      {
        field,
        problem: integerProblem(literal),
        accepted: `a plain integer such as ${example}: decimal digits only, no fraction, exponent or -0, at most ${Number.MAX_SAFE_INTEGER}`,
      },
    ]);
  }
}
