import { JOB_STATUSES } from '@vs/contracts';
import { parseInput } from '@vs/templates';
import { z } from 'zod';

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
