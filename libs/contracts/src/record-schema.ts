import { z } from 'zod';

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

export const recordFieldSchema = z
  .object({
    // snake_case so the same name is valid in SQL, Avro and JSON.
    name: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'use snake_case: a lowercase letter, then a-z, 0-9 or _'),
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(true),
    description: z.string().optional(),
    /** A hint for generators, e.g. "person.fullName", "location.city", "commerce.price". */
    semantic: z.string().optional(),
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
      try {
        new RegExp(c.pattern);
      } catch {
        ctx.addIssue({
          code: 'custom',
          path: ['constraints', 'pattern'],
          message: 'pattern is not a valid regular expression',
        });
      }
    }
  });
export type RecordField = z.infer<typeof recordFieldSchema>;

export const recordSchemaSchema = z
  .object({
    fields: z.array(recordFieldSchema).min(1),
  })
  .strict()
  .superRefine((schema, ctx) => {
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
