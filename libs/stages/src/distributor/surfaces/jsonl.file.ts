import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import type { ManifestOutput } from '@vs/contracts';
import { jsonlLine, OutputDigest } from '@vs/domain';
import { temporaryPathFor } from './owned-directory';
import { outputLine, type StagedRecord } from './staged-record';

/**
 * A JSONL export written a batch at a time to a temporary name beside its final one and hashed as it goes:
 * memory holds one batch, and readers of the final name never see a half-written file.
 */
export class JsonlFile {
  private readonly digest = new OutputDigest();
  private records = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    readonly temporary: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(path: string): Promise<JsonlFile> {
    const temporary = temporaryPathFor(path);
    return new JsonlFile(path, temporary, await open(temporary, 'wx'));
  }

  get bytes(): number {
    return this.digest.bytes;
  }

  async add(records: readonly StagedRecord[]): Promise<void> {
    const text = records.map((r) => jsonlLine(outputLine(r))).join('');
    this.digest.update(text);
    this.records += records.length;
    await this.handle.write(text);
  }

  /** Ends writing; the file stays under its temporary name. */
  async close(format: string, location = this.path): Promise<ManifestOutput> {
    this.closed = true;
    await this.handle.close();
    return this.digest.describe(location, format, this.records);
  }

  /** Gives the closed file its final name. */
  async publish(): Promise<void> {
    await rename(this.temporary, this.path);
  }

  async discard(): Promise<void> {
    if (!this.closed) await this.handle.close().catch(() => undefined);
    this.closed = true;
    await rm(this.temporary, { force: true });
  }
}
