import type { JobStatus } from '@vs/contracts';

export interface JobProgressCounts {
  record_count: number;
  expanded_records: number;
  generated_records: number;
  validated_records: number;
  manifest_written: boolean;
}

const FORWARD: JobStatus[] = [
  'pending',
  'queued',
  'expanding',
  'generating',
  'validating',
  'distributing',
  'completed',
];
const TERMINAL: ReadonlySet<JobStatus> = new Set(['completed', 'failed', 'cancelled']);

/**
 * Where a job stands given what its stages reported. Status only moves forward along
 * queued → expanding → generating → validating → distributing → completed; a failure report fails it;
 * terminal statuses and an operator's cancel are never overridden by progress.
 */
export function nextJobStatus(current: JobStatus, counts: JobProgressCounts, failed: boolean): JobStatus {
  if (TERMINAL.has(current)) return current;
  if (failed) return 'failed';
  if (current === 'cancelling') return current;
  let reached: JobStatus = 'queued';
  if (counts.expanded_records > 0) reached = 'expanding';
  if (counts.generated_records > 0) reached = 'generating';
  if (counts.validated_records > 0) reached = 'validating';
  if (counts.validated_records >= counts.record_count) reached = counts.manifest_written ? 'completed' : 'distributing';
  return FORWARD.indexOf(reached) > FORWARD.indexOf(current) ? reached : current;
}
