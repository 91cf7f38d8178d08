import { createHash } from 'node:crypto';

// Changing this namespace changes every derived id: bump it only with a deliberate migration.
const ID_NAMESPACE = 'velocity-synth/job-scoped-id/v1';

/**
 * A deterministic, UUID-shaped id (version nibble 5, RFC 4122 variant) from a job id and parts.
 * The parts are JSON-encoded before hashing so ('a', 'bc') and ('ab', 'c') never collide.
 * Redelivered work re-derives the same ids, which is what makes every downstream effect idempotent.
 */
export function deriveJobScopedId(jobId: string, ...parts: Array<string | number>): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([ID_NAMESPACE, jobId, ...parts]))
    .digest();
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function packId(jobId: string, packIndex: number): string {
  return deriveJobScopedId(jobId, 'pack', packIndex);
}

/** Record indexes are job-wide, but the pack index stays in the id so a replanned job cannot alias. */
export function recordId(jobId: string, packIndex: number, recordIndex: number): string {
  return deriveJobScopedId(jobId, 'record', packIndex, recordIndex);
}
