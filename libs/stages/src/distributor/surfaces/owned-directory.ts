import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConflictError } from '@vs/contracts';

const OWNER_FILE = '.velocity-synth-owner';

/**
 * A job's output folder. The first write claims it with an owner file; a folder claimed by anything else
 * (another job, an operator) is refused, so generated data never overwrites what we did not write.
 */
export async function claimDirectory(directory: string, jobId: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  const ownerPath = join(directory, OWNER_FILE);
  try {
    await writeFile(ownerPath, `${jobId}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = (await readFile(ownerPath, 'utf8')).trim();
    if (owner !== jobId)
      throw new ConflictError(
        `output folder ${directory} belongs to ${owner}, not job ${jobId}; refusing to overwrite it`,
      );
  }
}

/** Writes a file atomically: readers see the old bytes or the new ones, never a half-written file. */
export async function writeAtomically(path: string, content: Buffer | string): Promise<void> {
  const temporary = temporaryPathFor(path);
  await writeFile(temporary, content);
  await rename(temporary, path);
}

/** A name beside `path` (same folder, so renaming onto `path` is atomic) that no other writer uses. */
export function temporaryPathFor(path: string): string {
  return `${path}.tmp-${randomBytes(4).toString('hex')}`;
}

/** Claims the job's folder under the output root, <root>/<surface>/<tenant>/<template>/<job>, and returns it. */
export async function claimJobDirectory(
  root: string,
  surface: string,
  job: { tenant_id: string; template_id: string; job_id: string },
): Promise<string> {
  const directory = join(root, surface, outputFolderName(job.tenant_id), outputFolderName(job.template_id), job.job_id);
  await claimDirectory(directory, job.job_id);
  return directory;
}

// Tenant ids and template ids are validated to this shape: such a name is its own folder, one to one.
const SAFE_FOLDER_NAME = /^[a-z0-9][a-z0-9_-]{0,99}$/;

/**
 * The folder a tenant's or template's outputs go to: the id itself, so "acme-x" and "acme_x" never share
 * one. An id from before ids were validated that is not a safe name gets a readable form plus a hash of
 * the id, which keeps it inside the output root and apart from every other id.
 */
export function outputFolderName(id: string): string {
  if (SAFE_FOLDER_NAME.test(id)) return id;
  const readable =
    id
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '_')
      .replace(/^[_-]+/, '')
      .slice(0, 60) || 'id';
  return `${readable}-${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;
}
