// Peak resident memory of processes, from /proc: VmHWM (the kernel's own peak) checked against VmRSS sampled every
// 200 ms, so a process that has exited by the time it is read still has the last sample.
import { readFileSync, writeFileSync } from 'node:fs';

function statusField(pid: number, name: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null; // the process is gone
  }
}

/** Resets a process's VmHWM to its current RSS (clear_refs 5), so a peak belongs to what runs from now on. */
export function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not permitted here: VmHWM then covers the process's whole life, which only overstates the peak.
  }
}

export class PeakMemory {
  private readonly peaks = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pids: readonly number[]) {
    for (const pid of pids) resetPeak(pid);
    this.timer = setInterval(() => this.sample(), 200);
    this.sample();
  }

  private sample(): void {
    for (const pid of this.pids) {
      const now = Math.max(statusField(pid, 'VmRSS') ?? 0, statusField(pid, 'VmHWM') ?? 0);
      this.peaks.set(pid, Math.max(this.peaks.get(pid) ?? 0, now));
    }
  }

  /** Bytes: the highest resident set each process reached since this sampler started. */
  stop(): Map<number, number> {
    this.sample();
    clearInterval(this.timer);
    return new Map(this.peaks);
  }
}

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
