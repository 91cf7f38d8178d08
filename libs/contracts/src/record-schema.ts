import { z } from 'zod';
import { patternProblem } from './record-pattern';
import { RECORD_RULE_SIGNATURES, recordRuleSchema } from './record-rules';

/** Field types an operator can declare in a revision's record schema. */
export const FIELD_TYPES = [
  'string',
  'text',
  'integer',
  'number',
  'boolean',
  'date',
  'datetime',
  'email',
  'phone',
  'url',
  'uuid',
  'enum',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const fieldConstraintsSchema = z
  .object({
    enum: z.array(z.string().min(1)).min(1).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    pattern: z.string().optional(),
    min_length: z.number().int().nonnegative().optional(),
    max_length: z.number().int().positive().optional(),
  })
  .strict();
export type FieldConstraints = z.infer<typeof fieldConstraintsSchema>;

/**
 * Names the pipeline itself gives columns and envelope fields beside a record's own (the analytics
 * sandbox table, the accepted-record envelope): a record field of the same name would collide with them.
 */
export const RESERVED_FIELD_NAMES: readonly string[] = [
  'record_id',
  'job_id',
  'tenant_id',
  'pack_id',
  'record_index',
  'lineage',
  'scores',
  'inserted_at',
];

export const recordFieldSchema = z
  .object({
    // snake_case so the same name is valid in SQL, Avro and JSON.
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, 'use snake_case: a lowercase letter, then a-z, 0-9 or _')
      .refine((name) => !RESERVED_FIELD_NAMES.includes(name), {
        message: `is reserved for the pipeline's own columns (${RESERVED_FIELD_NAMES.join(', ')}); rename the field, e.g. "order_ref"`,
      }),
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(true),
    description: z.string().optional(),
    /** A hint for generators, e.g. "person.fullName", "location.city", "commerce.price". */
    semantic: z.string().optional(),
    /**
     * The field varies freely: generators may write values no exemplar of the subchapter shows (a free
     * comment, a fresh product). Without it, categorical values stay within what the subchapter's exemplars use.
     */
    varies_freely: z.boolean().optional(),
    constraints: fieldConstraintsSchema.default({}),
  })
  .strict()
  .superRefine((field, ctx) => {
    const c = field.constraints;
    if (field.type === 'enum' && !c.enum) {
      ctx.addIssue({ code: 'custom', path: ['constraints', 'enum'], message: 'an enum field needs constraints.enum' });
    }
    if (c.min !== undefined && c.max !== undefined && c.min > c.max) {
      ctx.addIssue({ code: 'custom', path: ['constraints', 'min'], message: 'min must not exceed max' });
    }
    if (c.min_length !== undefined && c.max_length !== undefined && c.min_length > c.max_length) {
      ctx.addIssue({
        code: 'custom',
        path: ['constraints', 'min_length'],
        message: 'min_length must not exceed max_length',
      });
    }
    if (c.pattern !== undefined) {
      const problem = patternProblem(c.pattern);
      if (problem !== null) ctx.addIssue({ code: 'custom', path: ['constraints', 'pattern'], message: problem });
    }
  });
export type RecordField = z.infer<typeof recordFieldSchema>;

export const recordSchemaSchema = z
  .object({
    fields: z.array(recordFieldSchema).min(1),
    /** Cross-field rules (libs/contracts/src/record-rules.ts): the engine keeps them, the validator checks them. */
    rules: z.array(recordRuleSchema).optional(),
  })
  .strict()
  .superRefine((schema, ctx) => {
    const types = new Map(schema.fields.map((f) => [f.name, f.type]));
    schema.rules?.forEach((rule, r) => {
      const signature = RECORD_RULE_SIGNATURES[rule.rule];
      if (rule.fields.length !== signature.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', r, 'fields'],
          message: `rule "${rule.rule}" names ${signature.length} field${signature.length === 1 ? '' : 's'}, got ${rule.fields.length}`,
        });
        return;
      }
      rule.fields.forEach((name, i) => {
        const type = types.get(name);
        if (type === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', r, 'fields', i],
            message: `unknown field "${name}": name one of ${[...types.keys()].join(', ')}`,
          });
        } else if (!signature[i]!.includes(type)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', r, 'fields', i],
            message: `rule "${rule.rule}" needs a field of type ${signature[i]!.join(' or ')} here; "${name}" is ${type}`,
          });
        }
      });
      if (rule.fields.length === 2 && rule.fields[0] === rule.fields[1]) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', r, 'fields', 1],
          message: 'a rule relates two different fields',
        });
      }
    });
    const seen = new Set<string>();
    schema.fields.forEach((field, index) => {
      if (seen.has(field.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', index, 'name'],
          message: `duplicate field name "${field.name}"`,
        });
      }
      seen.add(field.name);
    });
  });
export type RecordSchema = z.infer<typeof recordSchemaSchema>;

/** A generated or exemplar record: field name to value. */
export type RecordFields = Record<string, string | number | boolean | null>;
