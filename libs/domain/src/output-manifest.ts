import { createHash } from 'node:crypto';
import { VelocityError, type ManifestOutput, type OutputManifest, type TargetSurface } from '@vs/contracts';

export function sha256Hex(data: Buffer | Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** One output's manifest entry, measured from the exact bytes that were written. */
export function describeOutput(
  location: string,
  format: string,
  recordCount: number,
  content: Buffer | string,
): ManifestOutput {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { location, format, record_count: recordCount, bytes: bytes.length, sha256: sha256Hex(bytes) };
}

/**
 * The sha256 and length of bytes written piece by piece, so a file streamed to disk is described without
 * being held in memory; describe() gives the same entry describeOutput gives for the whole content.
 */
export class OutputDigest {
  private readonly hash = createHash('sha256');
  private length = 0;

  update(chunk: Buffer | Uint8Array | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.hash.update(bytes);
    this.length += bytes.length;
  }

  get bytes(): number {
    return this.length;
  }

  /** Ends the digest: call once, after the last update. */
  describe(location: string, format: string, recordCount: number): ManifestOutput {
    return { location, format, record_count: recordCount, bytes: this.length, sha256: this.hash.digest('hex') };
  }
}

/**
 * The quality report's files a surface writes beside its records (quality.html, quality.json); the manifest
 * lists and hashes them like every other output, told apart by format.
 */
export const QUALITY_REPORT_FORMATS = { html: 'quality_report+html', json: 'quality_report+json' } as const;

export function isQualityReportOutput(output: Pick<ManifestOutput, 'format'>): boolean {
  return output.format === QUALITY_REPORT_FORMATS.html || output.format === QUALITY_REPORT_FORMATS.json;
}

/** The outputs that hold records, without the quality report's files. */
export function recordOutputs(outputs: readonly ManifestOutput[]): ManifestOutput[] {
  return outputs.filter((o) => !isQualityReportOutput(o));
}

export interface OutputManifestInput {
  job_id: string;
  target_surface: TargetSurface;
  outputs: readonly ManifestOutput[];
  /** The caller's clock: the domain never reads the time itself. */
  generated_at: Date | string;
}

function checkOutput(output: ManifestOutput): void {
  const problems: string[] = [];
  if (output.location.trim() === '') problems.push('location is empty');
  if (!Number.isInteger(output.record_count) || output.record_count < 0)
    problems.push('record_count must be a non-negative integer');
  if (!Number.isInteger(output.bytes) || output.bytes < 0) problems.push('bytes must be a non-negative integer');
  if (!/^[0-9a-f]{64}$/.test(output.sha256)) problems.push('sha256 must be 64 lowercase hex digits');
  if (problems.length > 0)
    throw new VelocityError(`manifest output ${output.location}: ${problems.join(', ')}`, false, 500);
}

/**
 * Outputs in a fixed order so a manifest rebuilt after a redelivery is byte-identical: the record outputs
 * first (`outputs[0]` is where the records are), then the quality report's files, each group by location.
 */
export function buildOutputManifest(input: OutputManifestInput): OutputManifest {
  input.outputs.forEach(checkOutput);
  const locations = new Set(input.outputs.map((o) => o.location));
  if (locations.size !== input.outputs.length)
    throw new VelocityError('manifest lists the same location twice', false, 500);
  const generatedAt = typeof input.generated_at === 'string' ? new Date(input.generated_at) : input.generated_at;
  if (Number.isNaN(generatedAt.getTime()))
    throw new VelocityError('manifest generated_at is not a valid time', false, 500);
  return {
    job_id: input.job_id,
    target_surface: input.target_surface,
    outputs: [...input.outputs]
      .sort(
        (a, b) =>
          Number(isQualityReportOutput(a)) - Number(isQualityReportOutput(b)) ||
          (a.location < b.location ? -1 : a.location > b.location ? 1 : 0),
      )
      .map((o) => ({
        location: o.location,
        format: o.format,
        record_count: o.record_count,
        bytes: o.bytes,
        sha256: o.sha256,
      })),
    generated_at: generatedAt.toISOString(),
  };
}

/** Sorts object keys at every depth so the same value always serialises to the same bytes. */
function stableValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stableValue);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return Object.fromEntries(
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, stableValue(v)]),
    );
  }
  return value;
}

export function stableStringify(value: unknown): string {
  return JSON.stringify(stableValue(value));
}

/** One JSON Lines line: the object with sorted keys, newline-terminated. */
export function jsonlLine(record: object): string {
  return `${stableStringify(record)}\n`;
}

/** JSON Lines: one object per line with sorted keys, each line newline-terminated; no records → ''. */
export function toJsonl(records: readonly object[]): string {
  return records.map(jsonlLine).join('');
}
