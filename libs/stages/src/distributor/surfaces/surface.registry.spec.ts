import { describe, expect, it } from 'vitest';
import type { TargetSurface } from '@vs/contracts';
import { defaultSurfaceRegistry, SurfaceRegistry } from './surface.registry';
import type { SurfaceWriter } from './surface.writer';

const writer = (surface: TargetSurface): SurfaceWriter => ({
  surface,
  open: () => Promise.reject(new Error('not opened in this spec')),
});

describe(SurfaceRegistry.name, () => {
  it('refuses to start when a surface has no writer, naming it', () => {
    expect(() => new SurfaceRegistry([writer('qa_fixtures')])).toThrow(
      /no writer for surface\(s\) analytics_sandbox, demo_bundle/,
    );
  });

  it('refuses to start when a surface has two writers', () => {
    expect(() => new SurfaceRegistry([writer('qa_fixtures'), writer('qa_fixtures')], ['qa_fixtures'])).toThrow(
      /qa_fixtures has two writers/,
    );
  });

  it('finds the writer of each surface', () => {
    const qa = writer('qa_fixtures');
    expect(new SurfaceRegistry([qa], ['qa_fixtures']).writerFor('qa_fixtures')).toBe(qa);
  });

  it('has a writer for every surface a job can target', () => {
    const registry = defaultSurfaceRegistry();
    for (const surface of ['analytics_sandbox', 'qa_fixtures', 'demo_bundle'] as const)
      expect(registry.writerFor(surface).surface).toBe(surface);
  });
});
