import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { StageName } from '@vs/stages';
import type { PipelineHarness } from '../pipeline/pipeline.harness';

const root = join(__dirname, '../..');

/** One pipeline service as its own OS process, exactly as production runs it (apps/<name>/src/main.ts). */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private log: WriteStream | undefined;
  readonly output: string[] = [];
  starts = 0;

  constructor(
    readonly name: StageName,
    private readonly env: Record<string, string>,
  ) {}

  start(): void {
    this.starts++;
    // `node --import tsx` keeps the service in this one process, so SIGKILL hits the service itself.
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps', this.name, 'src', 'main.ts')], {
      cwd: root,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Every line also goes to test-artifacts/fault/<prefix>-<service>.log, so a failed run can be read afterwards.
    this.log ??= logFile(this.env.VS_TOPIC_PREFIX ?? 'fault', this.name);
    this.log.write(`--- start ${this.starts} at ${new Date().toISOString()}\n`);
    const keep = (chunk: Buffer) => {
      this.log!.write(chunk);
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.shift();
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', (code, signal) => (this.exitDescription = signal ?? String(code)));
    this.child = child;
  }

  exitDescription = 'none';

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  /** Closes the output file once the process is gone. */
  async close(): Promise<void> {
    await this.kill('SIGTERM');
    await new Promise<void>((resolve) => (this.log ? this.log.end(() => resolve()) : resolve()));
    this.log = undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }
}

function logFile(prefix: string, service: string): WriteStream {
  const folder = join(root, 'test-artifacts', 'fault');
  mkdirSync(folder, { recursive: true });
  return createWriteStream(join(folder, `${prefix.replace(/[^\w.-]/g, '_')}-${service}.log`), { flags: 'a' });
}

/**
 * What a fault test's service processes run with: the harness's database, topic prefix and output folder, three
 * partitions so the work spreads, and a short session timeout so a killed process's partitions move on quickly.
 */
export function serviceEnv(h: PipelineHarness): Record<string, string> {
  return {
    DATABASE_URL: h.config.DATABASE_URL,
    VS_TOPIC_PREFIX: h.config.VS_TOPIC_PREFIX,
    OUTPUT_ROOT: h.outputRoot,
    KAFKA_TOPIC_PARTITIONS: '3',
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    HTTP_PORT: '0',
    LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'warn',
  };
}
