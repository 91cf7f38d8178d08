import type { PoolClient } from 'pg';
import type { ManifestOutput, TargetSurface } from '@vs/contracts';
import type { QualityFile } from './quality-files';
import type { FinalizingJob, StagedRecord } from './staged-record';

/** What a surface writes into: the finalising transaction, the job, and the output root for files. */
export interface SurfaceContext {
  client: PoolClient;
  job: FinalizingJob;
  root: string;
}

/**
 * One job's output on its surface while it is being written. The finaliser feeds the accepted records in
 * record_index order, a batch at a time, so no surface ever holds a whole job; `add` must not query the
 * finalising client (the records' cursor is open on it), `finish` may.
 */
export interface SurfaceOutput {
  add(records: readonly StagedRecord[]): Promise<void>;
  /** Publishes the output (the quality report's files beside it where the surface has files). */
  finish(quality: readonly QualityFile[]): Promise<ManifestOutput[]>;
  /** Removes what was written but not published, after a failure. */
  discard(): Promise<void>;
}

/** A target surface: one class behind this interface, registered in the SurfaceRegistry. */
export interface SurfaceWriter {
  readonly surface: TargetSurface;
  open(context: SurfaceContext): Promise<SurfaceOutput>;
}
