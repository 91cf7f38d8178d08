import { randomBytes } from 'node:crypto';
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
  const temporary = `${path}.tmp-${randomBytes(4).toString('hex')}`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}
