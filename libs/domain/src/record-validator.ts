import { z } from 'zod';
import { patternMatches, type RecordField, type RecordFields, type RecordSchema } from '@vs/contracts';

export interface RecordValidation {
  ok: boolean;
  /** One line per problem, naming the field: `price: must be >= 0`. */
  errors: string[];
  /** The same problems apart: the field (null for the whole record) and what is wrong with it. */
  issues: Array<{ field: string | null; message: string }>;
  value: RecordFields | null;
}

export interface RecordValidator {
  validate(candidate: unknown): RecordValidation;
  /** The zod object schema, for engines that need a JSON schema of the record. */
  readonly schema: z.ZodObject;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

function stringField(field: RecordField): z.ZodType {
  const c = field.constraints;
  let s = z.string();
  if (c.min_length !== undefined) s = s.min(c.min_length);
  if (c.max_length !== undefined) s = s.max(c.max_length);
  // RE2, not RegExp: linear time whatever the pattern, so `^(a+)+$` cannot hang a validator on a near miss.
  const pattern = c.pattern;
  if (pattern !== undefined) return s.refine((v) => patternMatches(pattern, v), `must match ${pattern}`);
  return s;
}

function numberField(field: RecordField, integer: boolean): z.ZodType {
  const c = field.constraints;
  let n = integer ? z.number().int() : z.number();
  if (c.min !== undefined) n = n.min(c.min);
  if (c.max !== undefined) n = n.max(c.max);
  return n;
}

function fieldType(field: RecordField): z.ZodType {
  switch (field.type) {
    case 'string':
    case 'text':
    case 'phone':
      return stringField(field);
    case 'integer':
      return numberField(field, true);
    case 'number':
      return numberField(field, false);
    case 'boolean':
      return z.boolean();
    case 'date':
      return z.string().refine(isCalendarDate, 'must be a calendar date written YYYY-MM-DD');
    case 'datetime':
      return z.iso.datetime({ offset: true });
    case 'email':
      return z.email();
    case 'url':
      return z.url();
    case 'uuid':
      return z.uuid();
    case 'enum':
      return z.enum(field.constraints.enum as [string, ...string[]]);
  }
}

/** Compiles a revision's record schema once into a validator; reuse it for every record of the revision. */
export function compileRecordValidator(recordSchema: RecordSchema): RecordValidator {
  const shape: Record<string, z.ZodType> = {};
  for (const field of recordSchema.fields) {
    const type = fieldType(field);
    shape[field.name] = field.required ? type : type.nullable().optional();
  }
  const schema = z.object(shape).strict();
  return {
    schema,
    validate(candidate: unknown): RecordValidation {
      const parsed = schema.safeParse(candidate);
      if (parsed.success) return { ok: true, errors: [], issues: [], value: parsed.data as RecordFields };
      const issues = parsed.error.issues.map((issue) => ({
        field: issue.path.length > 0 ? issue.path.join('.') : null,
        message: issue.message,
      }));
      const errors = issues.map((i) => `${i.field ?? '(record)'}: ${i.message}`);
      return { ok: false, errors, issues, value: null };
    },
  };
}
