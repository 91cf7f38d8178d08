import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

export type LogLine = Record<string, unknown> & { msg: string; time: string };

/**
 * The outbox-relay service as its own OS process (apps/outbox-relay/src/main.ts, as production runs it),
 * keeping every structured log line it writes so a test can read what the relay did and when.
 */
export class RelayProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  readonly lines: LogLine[] = [];
  readonly unparsed: string[] = [];
  exitDescription = 'none';

  constructor(private readonly env: Record<string, string>) {}

  start(): void {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/outbox-relay/src/main.ts')], {
      cwd: root,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const text of complete) this.take(text);
    });
    child.stderr!.on('data', (chunk: Buffer) => this.unparsed.push(chunk.toString()));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitDescription = signal ?? String(code);
        resolve();
      }),
    );
    this.child = child;
  }

  private take(text: string): void {
    if (!text.trim()) return;
    try {
      this.lines.push(JSON.parse(text) as LogLine);
    } catch {
      this.unparsed.push(text);
    }
  }

  logged(msg: string): LogLine[] {
    return this.lines.filter((l) => l.msg === msg);
  }

  /** CPU seconds (user + system) the process has used so far, from /proc. */
  cpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.child!.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  describe(): string {
    return `relay ${this.running ? 'running' : `exited (${this.exitDescription})`}; stderr: ${this.unparsed.slice(-5).join('')}`;
  }
}
