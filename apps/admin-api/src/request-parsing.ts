import { catalogKeySchema, JOB_STATUSES, tenantIdSchema } from '@vs/contracts';
import { parseInput } from '@vs/templates';
import { z } from 'zod';

const PLAIN_INTEGER_RULE =
  'a plain integer: decimal digits only, such as 2 (no sign, exponent, fraction, spaces or 0x)';

/**
 * An integer read from a path segment or query parameter. Number() would read `1e2`, `0x10`, ` 5` and
 * `5.0` as integers, so the text must be plain digits first; the number rules come after.
 */
export const integerText = (number: z.ZodNumber) =>
  z
    .string()
    .regex(/^(?:0|[1-9][0-9]{0,15})$/, PLAIN_INTEGER_RULE)
    .transform(Number)
    .pipe(number);

/** A path segment that must be an integer, refused under its own name (`rev`, `index`). */
export function parsePathInteger(name: string, value: string, number: z.ZodNumber): number {
  return parseInput(z.object({ [name]: integerText(number) }), { [name]: value }, name)[name] as number;
}

/** A template id in a path, refused by its shape (400) rather than looked up at any size (404). */
export const parseTemplateId = (value: string): string =>
  parseInput(z.object({ id: catalogKeySchema }), { id: value }, 'template id').id;

export const parseRevision = (value: string): number => parsePathInteger('rev', value, z.number().int().positive());

export const createDraftSchema = z
  .object({
    from_revision: z.number().int().positive().optional(),
    notes: z.string().max(4000).optional(),
  })
  .strict();

const pageFields = {
  limit: integerText(z.number().int().min(1).max(500)).optional(),
  offset: integerText(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)).optional(),
};

export const pageQuerySchema = z.object(pageFields).strict();

export const jobQueueQuerySchema = z
  .object({
    status: z.enum(JOB_STATUSES).optional(),
    tenant_id: tenantIdSchema.optional(),
    template_id: catalogKeySchema.optional(),
    ...pageFields,
  })
  .strict();
