import type { NotificationListener } from '@vs/database';

/** The channel migration 0012's trigger notifies when every record of a job without a manifest is decided. */
export const JOB_DECIDED_CHANNEL = 'job_decided';

/** What wakes the finalizer when a job's last record is decided: a listener on JOB_DECIDED_CHANNEL. */
export type JobDecidedListener = NotificationListener;
