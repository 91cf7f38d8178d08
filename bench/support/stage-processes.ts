// Pipeline services as separate processes, as production runs them: compiled (see build-services.ts) or their
// sources through tsx. Each child gets the bench's environment and an HTTP port of its own for /health and /metrics.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@vs/testing';
import { projectRoot } from './bench-environment';
import { benchDist } from './build-services';

export interface StageProcess {
  /** The app under apps/: a stage's own service, or `pipeline` (every stage in one process). */
  stage: string;
  instance: number;
  port: number;
  child: ChildProcess;
  logFile: string;
}

/** How the children run: compiled into the bench's folder, or TypeScript transpiled at run time. */
export type ServiceBuild = 'compiled' | 'tsx';

async function untilReady(process: StageProcess): Promise<void> {
  for (;;) {
    if (process.child.exitCode !== null)
      throw new Error(
        `${process.stage} #${process.instance} exited with ${process.child.exitCode}; see ${process.logFile}`,
      );
    const ready = await fetch(`http://127.0.0.1:${process.port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Starts `instances` processes of every app and returns once each answers /health as ready. */
export async function startStageProcesses(
  env: Record<string, string>,
  apps: readonly string[],
  instances: number,
  build: ServiceBuild,
): Promise<StageProcess[]> {
  const logs = mkdtempSync(join(tmpdir(), 'vs-bench-stages-'));
  const started: StageProcess[] = [];
  for (const stage of apps) {
    for (let instance = 1; instance <= instances; instance++) {
      const port = await freePort();
      const args =
        build === 'compiled'
          ? ['--enable-source-maps', join(benchDist, stage, 'src', 'main.js')]
          : ['--import', 'tsx', join('apps', stage, 'src', 'main.ts')];
      const logFile = join(logs, `${stage}-${instance}.log`);
      const log = createWriteStream(logFile);
      const child = spawn(process.execPath, args, {
        cwd: projectRoot,
        env: { ...process.env, ...env, HTTP_PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.pipe(log);
      child.stderr!.pipe(log);
      started.push({ stage, instance, port, child, logFile });
    }
  }
  try {
    await Promise.all(started.map(untilReady));
  } catch (error) {
    await stopStageProcesses(started);
    throw error;
  }
  return started;
}

export async function stopStageProcesses(processes: readonly StageProcess[]): Promise<void> {
  await Promise.all(
    processes.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** `vs_messages_in_total` of one process, summed per consumer (over topics). */
export async function messagesIn(process: StageProcess): Promise<Map<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${process.port}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/^vs_messages_in_total\{([^}]*)\} (\S+)$/gm)) {
    const consumer = /consumer="([^"]*)"/.exec(match[1]!)?.[1] ?? '?';
    counts.set(consumer, (counts.get(consumer) ?? 0) + Number(match[2]));
  }
  return counts;
}
