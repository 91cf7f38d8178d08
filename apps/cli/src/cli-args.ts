import { InvalidInputError } from '@vs/contracts';

/** A positive integer argument, or an error naming the flag and what it accepts. */
export function revisionArg(value: string, flag: string): number {
  const n = /^[1-9][0-9]*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n))
    throw new InvalidInputError(`bad ${flag}`, [
      { field: flag, problem: `"${value}" is not a revision number`, accepted: 'a positive integer' },
    ]);
  return n;
}

/**
 * An integer flag's value: plain decimal digits (no sign on zero, no leading zeros, exponent, fraction,
 * spaces, `+` or `0x`, which Number() would all read), within `range` when given, or an error naming
 * the flag and its request field. Undefined stays undefined, so optional flags keep their defaults.
 */
export function integerFlag(
  value: string | undefined,
  flag: string,
  field: string,
  range: { min: number; max: number } = { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
): number | undefined {
  if (value === undefined) return undefined;
  const n = /^(?:0|-?[1-9][0-9]*)$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n))
    throw new InvalidInputError(`bad ${flag}`, [
      {
        field: `${field} (${flag})`,
        problem: `"${value}" is not a whole number`,
        accepted: 'decimal digits, e.g. 500',
      },
    ]);
  if (n < range.min || n > range.max)
    throw new InvalidInputError(`bad ${flag}`, [
      {
        field: `${field} (${flag})`,
        problem: `${n} is out of range`,
        accepted: `a whole number from ${range.min} to ${range.max}`,
      },
    ]);
  return n;
}
