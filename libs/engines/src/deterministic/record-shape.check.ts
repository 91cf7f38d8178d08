import type { RecordField, RecordFields, RecordSchema } from '@vs/contracts';

// As strict as the record validator's zod types or stricter: a record passing here passes there (the engine
// spec checks every generated record against compileRecordValidator too). zod costs ~12% of a record.
const EMAIL = /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+.-]*[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const URL_SHAPE = /^https?:\/\/[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(\/[^\s]*)?$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function calendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month !== 2 || day < 29 || leap;
}

type Check = (value: unknown) => string | null;

function checkFor(field: RecordField): Check {
  const c = field.constraints;
  const pattern = c.pattern === undefined ? null : new RegExp(c.pattern);
  const enumValues = c.enum ? new Set(c.enum) : null;
  const text = (v: unknown): string | null => {
    if (typeof v !== 'string') return 'not a string';
    if (c.min_length !== undefined && v.length < c.min_length) return `shorter than ${c.min_length}`;
    if (c.max_length !== undefined && v.length > c.max_length) return `longer than ${c.max_length}`;
    return pattern && !pattern.test(v) ? `does not match ${c.pattern}` : null;
  };
  const number = (v: unknown, integer: boolean): string | null => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return 'not a number';
    if (integer && !Number.isInteger(v)) return 'not an integer';
    if (c.min !== undefined && v < c.min) return `below ${c.min}`;
    return c.max !== undefined && v > c.max ? `above ${c.max}` : null;
  };
  const shaped = (shape: (v: string) => boolean, what: string) => (v: unknown) =>
    typeof v === 'string' && shape(v) ? null : `not ${what}`;
  switch (field.type) {
    case 'string':
    case 'text':
    case 'phone':
      return text;
    case 'integer':
      return (v) => number(v, true);
    case 'number':
      return (v) => number(v, false);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? null : 'not a boolean');
    case 'date':
      return shaped(calendarDate, 'a calendar date');
    case 'datetime':
      return shaped((v) => DATETIME.test(v) && calendarDate(v.slice(0, 10)), 'an ISO datetime with offset');
    case 'email':
      return shaped((v) => EMAIL.test(v), 'an email');
    case 'url':
      return shaped((v) => URL_SHAPE.test(v), 'a URL');
    case 'uuid':
      return shaped((v) => UUID.test(v), 'a UUID');
    case 'enum':
      return (v) => (typeof v === 'string' && enumValues!.has(v) ? null : 'not one of the enum values');
  }
}

/** Compiles a schema into a fast check of the engine's own records: the problems, `field: what`, or none. */
export function compileShapeCheck(schema: RecordSchema): (fields: RecordFields) => string[] {
  const checks = schema.fields.map((f) => ({ field: f, check: checkFor(f) }));
  return (fields) => {
    const problems: string[] = [];
    for (const { field, check } of checks) {
      const value = fields[field.name];
      if (value === null || value === undefined) {
        if (field.required) problems.push(`${field.name}: missing`);
        continue;
      }
      const problem = check(value);
      if (problem !== null) problems.push(`${field.name}: ${problem}`);
    }
    return problems;
  };
}
