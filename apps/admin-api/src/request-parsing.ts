import { InvalidInputError, JOB_STATUSES } from '@vs/contracts';
import { zodIssuesToInputIssues } from '@vs/templates';
import { z } from 'zod';

/** Parses a body or query with zod; failures become a 400 naming each field, its problem and what is accepted. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issues = zodIssuesToInputIssues(parsed.error);
  throw new InvalidInputError(`${what} refused: ${issues.map((i) => i.field).join(', ')}`, issues);
}

export function parseRevision(value: string): number {
  return parseInput(z.coerce.number().int().positive(), value, 'revision');
}

export const createDraftSchema = z
  .object({
    from_revision: z.number().int().positive().optional(),
    notes: z.string().max(4000).optional(),
  })
  .strict();

const pageFields = {
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
};

export const pageQuerySchema = z.object(pageFields).strict();

export const jobQueueQuerySchema = z
  .object({
    status: z.enum(JOB_STATUSES).optional(),
    tenant_id: z.string().min(1).optional(),
    template_id: z.string().min(1).optional(),
    ...pageFields,
  })
  .strict();
