import { join } from 'node:path';
import type { ManifestOutput } from '@vs/contracts';
import {
  describeOutput,
  QUALITY_REPORT_FORMATS,
  renderQualityHtml,
  stableStringify,
  type JobQualityReport,
} from '@vs/domain';
import { writeAtomically } from './owned-directory';

/** quality.html and quality.json of a job's report, as written beside its records and into a bundle. */
export interface QualityFile {
  name: 'quality.html' | 'quality.json';
  format: string;
  content: string;
}

export function qualityFiles(report: JobQualityReport): QualityFile[] {
  return [
    { name: 'quality.html', format: QUALITY_REPORT_FORMATS.html, content: renderQualityHtml(report) },
    { name: 'quality.json', format: QUALITY_REPORT_FORMATS.json, content: `${stableStringify(report)}\n` },
  ];
}

/** Writes the files into the job's (already claimed) folder; manifest entries describe the records they report on. */
export async function writeQualityFiles(
  directory: string,
  files: readonly QualityFile[],
  recordCount: number,
): Promise<ManifestOutput[]> {
  const outputs: ManifestOutput[] = [];
  for (const file of files) {
    const path = join(directory, file.name);
    await writeAtomically(path, file.content);
    outputs.push(describeOutput(path, file.format, recordCount, file.content));
  }
  return outputs;
}
