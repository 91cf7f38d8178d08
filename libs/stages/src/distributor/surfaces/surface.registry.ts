import { TARGET_SURFACES, type TargetSurface } from '@vs/contracts';
import { AnalyticsSandboxSurface } from './analytics-sandbox.surface';
import { DemoBundleSurface } from './demo-bundle.surface';
import { QaFixturesSurface } from './qa-fixtures.surface';
import type { SurfaceWriter } from './surface.writer';

/**
 * Finds the writer of a job's surface. Built at start-up, it refuses to start when a surface has no writer
 * or two, so a job never reaches a surface nobody writes.
 */
export class SurfaceRegistry {
  private readonly writers = new Map<TargetSurface, SurfaceWriter>();

  constructor(writers: readonly SurfaceWriter[], surfaces: readonly TargetSurface[] = TARGET_SURFACES) {
    for (const writer of writers) {
      if (this.writers.has(writer.surface))
        throw new Error(`refusing to start: surface ${writer.surface} has two writers`);
      this.writers.set(writer.surface, writer);
    }
    const missing = surfaces.filter((s) => !this.writers.has(s));
    if (missing.length > 0) throw new Error(`refusing to start: no writer for surface(s) ${missing.join(', ')}`);
  }

  writerFor(surface: TargetSurface): SurfaceWriter {
    const writer = this.writers.get(surface);
    if (!writer) throw new Error(`no writer for surface ${surface}`);
    return writer;
  }
}

/** Every surface velocity-synth writes; a new surface is a new file and one line here. */
export function defaultSurfaceRegistry(): SurfaceRegistry {
  return new SurfaceRegistry([new AnalyticsSandboxSurface(), new QaFixturesSurface(), new DemoBundleSurface()]);
}
