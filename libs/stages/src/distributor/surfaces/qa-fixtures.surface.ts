import { join } from 'node:path';
import type { ManifestOutput } from '@vs/contracts';
import { JsonlFile } from './jsonl.file';
import { claimJobDirectory } from './owned-directory';
import { writeQualityFiles, type QualityFile } from './quality-files';
import type { StagedRecord } from './staged-record';
import type { SurfaceContext, SurfaceOutput, SurfaceWriter } from './surface.writer';

/**
 * QA fixtures: one JSONL file per job under <root>/qa_fixtures/<tenant>/<template>/<job>/, with the job's
 * quality report (quality.html, quality.json) beside it. The JSONL is streamed to disk as records arrive.
 */
export class QaFixturesSurface implements SurfaceWriter {
  readonly surface = 'qa_fixtures';

  async open({ job, root }: SurfaceContext): Promise<SurfaceOutput> {
    const directory = await claimJobDirectory(root, this.surface, job);
    const file = await JsonlFile.create(join(directory, 'records.jsonl'));
    return {
      add: (records: readonly StagedRecord[]) => file.add(records),
      async finish(quality: readonly QualityFile[]): Promise<ManifestOutput[]> {
        const records = await file.close('jsonl');
        await file.publish();
        return [records, ...(await writeQualityFiles(directory, quality, records.record_count))];
      },
      discard: () => file.discard(),
    };
  }
}
