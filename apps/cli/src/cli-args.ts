import { InvalidInputError } from '@vs/contracts';

/** A positive integer argument, or an error naming the flag and what it accepts. */
export function revisionArg(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidInputError(`bad ${flag}`, [
      { field: flag, problem: `"${value}" is not a revision number`, accepted: 'a positive integer' },
    ]);
  return n;
}

/** Numbers for numeric flags; anything else is passed through for the request schema to name. */
export function numberOrRaw(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? n : value;
}
