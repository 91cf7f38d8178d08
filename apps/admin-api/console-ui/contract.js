// The API's enums, read from its own /openapi.json at start-up, so the console never keeps a copy of them
// that could drift from libs/contracts (the document is generated from the zod schemas there).

/** Every job status, in lifecycle order (the queue's status filter offers these). */
export const JOB_STATUSES = [];
/** The statuses a job never leaves. */
export const TERMINAL = [];
/** The surfaces a job can write to (the trigger form offers these). */
export const TARGET_SURFACES = [];

function enumOf(schema, what) {
  const values = schema?.enum;
  if (!Array.isArray(values) || values.length === 0) throw new Error(`/openapi.json names no ${what}`);
  return values;
}

/** Fills the arrays above; the page renders only after this, so every module sees them filled. */
export async function loadContract() {
  const response = await fetch('/openapi.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`/openapi.json answered HTTP ${response.status}`);
  const job = (await response.json()).components?.schemas?.JobResult?.properties ?? {};
  JOB_STATUSES.splice(0, Infinity, ...enumOf(job.status, 'job statuses'));
  TERMINAL.splice(0, Infinity, ...enumOf({ enum: job.status?.['x-terminal'] }, 'terminal job statuses'));
  TARGET_SURFACES.splice(0, Infinity, ...enumOf(job.target_surface, 'target surfaces'));
}
