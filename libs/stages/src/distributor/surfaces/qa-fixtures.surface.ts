import { join } from 'node:path';
import type { ManifestOutput } from '@vs/contracts';
import { describeOutput, toJsonl } from '@vs/domain';
import { claimDirectory, outputFolderName, writeAtomically } from './owned-directory';
import { writeQualityFiles, type QualityFile } from './quality-files';
import { outputLine, type FinalizingJob, type StagedRecord } from './staged-record';

/**
 * QA fixtures: one JSONL file per job under <root>/qa_fixtures/<tenant>/<template>/<job>/, with the job's
 * quality report (quality.html, quality.json) beside it.
 */
export async function writeQaFixtures(
  root: string,
  job: FinalizingJob,
  records: StagedRecord[],
  quality: readonly QualityFile[] = [],
): Promise<ManifestOutput[]> {
  const directory = join(
    root,
    'qa_fixtures',
    outputFolderName(job.tenant_id),
    outputFolderName(job.template_id),
    job.job_id,
  );
  await claimDirectory(directory, job.job_id);
  const content = toJsonl(records.map(outputLine));
  const path = join(directory, 'records.jsonl');
  await writeAtomically(path, content);
  return [
    describeOutput(path, 'jsonl', records.length, content),
    ...(await writeQualityFiles(directory, quality, records.length)),
  ];
}
